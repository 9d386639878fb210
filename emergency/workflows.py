"""The emergency fast track (应急签发): one review by the site's 签发 group, then publish.

It reuses the 签发 task of the site's 三审 workflow (release.workflow.provisioning), so the people who sign
off ordinary releases sign off emergencies too, and a change to that task's group applies to both.
"""

from release.workflow.provisioning import ensure_workflow, review_task


def emergency_workflow(site_name, groups):
    """<name>应急签发: <name>办公室签发 (签发 group) → publish."""
    return ensure_workflow(f"{site_name}应急签发", [review_task(f"{site_name}办公室签发", groups["签发"])])
