"""Policy's part of every new site (sitegroup.provisioning) and of its release workflow (release.workflow.provisioning).

Two columns under 政务公开, before 通知公告: 政策文件 (the policy library) and 政策解读 (the interpretations);
and the 三同步检查 step after 签发, which holds a policy until its interpretation is ready.
"""

from govcms.core.provisioning import OPEN_GOVERNMENT_COLUMN, ColumnSpec
from home.models import ColumnFamily, UpdateCategory
from policy.models import InterpretationIndexPage, InterpretationTask, PolicyIndexPage
from release.workflow.provisioning import WorkflowStep

INTERPRETATION_TASK_NAME = "三同步检查"

POLICY_COLUMNS = (
    ColumnSpec(
        "政策文件",
        "zcwj",
        ColumnFamily.PUBLISH,
        UpdateCategory.POLICY,
        order=110,
        parent=OPEN_GOVERNMENT_COLUMN,
        page_class=PolicyIndexPage,
    ),
    ColumnSpec(
        "政策解读",
        "zcjd",
        ColumnFamily.INTERPRET,
        UpdateCategory.POLICY,
        order=120,
        parent=OPEN_GOVERNMENT_COLUMN,
        page_class=InterpretationIndexPage,
    ),
)


def site_columns():
    return POLICY_COLUMNS


def interpretation_task():
    """One 三同步 task shared by every release workflow; each site's grace period is a site setting."""
    task, _created = InterpretationTask.objects.get_or_create(name=INTERPRETATION_TASK_NAME)
    return task


def release_workflow_steps(site_name, groups):
    """三同步检查 after release's 办公室签发 (300)."""
    return [WorkflowStep(400, interpretation_task())]
