"""The 三审 release workflow: the behaviour of its tasks, the content check, review forms, how every site's
workflow is built, and the four-eyes rules.

The tasks themselves are models (release.models: ContentCheckTask, ReviewTask); here:

* checks: the automated content check (内容检查) run before any human review;
* provisioning: a site's workflow, built by provisioning, and the check that every review step has two people;
* forms, views: the comment a reviewer must give to send a page back, and Wagtail's editor held to four eyes;
* hooks: the admin hook functions showing where a submission stands, registered in release/wagtail_hooks.py.
"""
