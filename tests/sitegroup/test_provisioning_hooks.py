"""A new app plugs into provisioning and the release workflow through hooks, the way policy, disclosure, emergency,
the mailbox and release itself do (sitegroup.provisioning, release.workflow.provisioning)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks
from wagtail.models import WorkflowPage

from govcms.core.hooks import hooks_in_app_order
from govcms.core.provisioning import (
    INTERACTION_COLUMN,
    OPEN_GOVERNMENT_COLUMN,
    PROVISION_SITE_HOOK,
    SITE_COLUMNS_HOOK,
    ColumnSpec,
)
from home.models import ColumnFamily, ColumnPage, UpdateCategory
from release.workflow.provisioning import RELEASE_WORKFLOW_TASKS_HOOK, WorkflowStep, review_task
from sitegroup.provisioning import provision_subsite

pytestmark = pytest.mark.django_db

HEARING_TITLE = "听证公告"


def open_county_c(site_group):
    return provision_subsite(parent=site_group.portal.home, name="丙县人民政府", slug="county-c", kind="county")


def provision_hearings(context):
    """A new app's contribution: its index under 互动交流, made once."""
    column = context.home.get_children().get(slug=INTERACTION_COLUMN)
    if not column.get_children().filter(slug="tzgg-hearing").exists():
        column.add_child(instance=ColumnPage(title=HEARING_TITLE, slug="tzgg-hearing"))
        context.created.append(HEARING_TITLE)


def test_provisioning_calls_a_registered_contribution_on_every_run(site_group):
    contexts = []

    def contribute(context):
        contexts.append(context)
        provision_hearings(context)

    with hooks.register_temporarily(PROVISION_SITE_HOOK, contribute):
        opened = open_county_c(site_group)
        again = open_county_c(site_group)

    first, second = contexts
    assert (first.name, first.home, first.site, first.collection) == (
        "丙县人民政府",
        opened.home,
        None,
        opened.collection,
    )
    assert first.groups == opened.groups
    # After the apps below it: the release and emergency workflows and the mailbox exist already.
    assert opened.created[-9:] == [
        "发布审核流程",
        "突发事件栏目",
        "应急发布流程",
        "政民互动信箱",
        "在线访谈栏目",
        "丙县人民政府访谈主持",
        "意见征集栏目",
        "网上调查栏目",
        HEARING_TITLE,
    ]
    assert (
        opened.home.get_children().get(slug=INTERACTION_COLUMN).get_children().filter(slug="tzgg-hearing").count() == 1
    )
    assert second.home == opened.home and again.created == []


def test_contributions_run_in_the_order_of_their_apps(db):
    def contribute(context):
        """A test's contribution: outside any app, so last."""

    with hooks.register_temporarily(PROVISION_SITE_HOOK, contribute, order=-1):
        modules = [function.__module__ for function in hooks_in_app_order(PROVISION_SITE_HOOK)]

    assert modules == [
        "home.provisioning",
        "home.wagtail_hooks",
        "release.workflow.provisioning",
        "emergency.provisioning",
        "citizen_mailbox.provisioning",
        "interviews.provisioning",
        "consultations.provisioning",
        "consultations.provisioning",
        "monitoring.provisioning",
        "translations.provisioning",
        __name__,
    ]


def interview_columns():
    return [
        ColumnSpec("在线访谈", "zxft", ColumnFamily.INTERACT, UpdateCategory.OTHER, order=250),
        ColumnSpec(
            "访谈预告", "ftyg", ColumnFamily.PUBLISH, UpdateCategory.NOTICE, order=125, parent=OPEN_GOVERNMENT_COLUMN
        ),
    ]


def test_an_app_places_its_columns_in_the_skeleton_of_a_new_site(site_group):
    with hooks.register_temporarily(SITE_COLUMNS_HOOK, interview_columns):
        home = open_county_c(site_group).home

    def slugs(page):
        return list(page.get_children().values_list("slug", flat=True))

    assert slugs(home) == ["zwgk", "zwdt", "zxft", "hdjl", "bsfw", "lxwm", "wzsm", "yszc", "tfsj"]
    assert slugs(home.get_children().get(slug=OPEN_GOVERNMENT_COLUMN)) == ["zcwj", "zcjd", "ftyg", "tzgg", "xxgkml"]


def test_a_column_under_a_column_the_skeleton_lacks_is_a_configuration_error(site_group):
    def stray_column():
        return [ColumnSpec("访谈", "ft", ColumnFamily.INTERACT, UpdateCategory.OTHER, order=10, parent="nowhere")]

    with hooks.register_temporarily(SITE_COLUMNS_HOOK, stray_column), pytest.raises(ImproperlyConfigured):
        open_county_c(site_group)


def test_an_app_adds_a_step_to_the_release_workflow_at_its_place(site_group):
    def legal_review(site_name, groups):
        return [WorkflowStep(350, review_task(f"{site_name}法制审核", groups["管理员"]))]

    with hooks.register_temporarily(RELEASE_WORKFLOW_TASKS_HOOK, legal_review):
        home = open_county_c(site_group).home

    workflow = WorkflowPage.objects.get(page=home).workflow
    assert [task.name for task in workflow.tasks] == [
        "内容自动检查",
        "丙县人民政府部门初审",
        "丙县人民政府办公室签发",
        "丙县人民政府法制审核",
        "三同步检查",
    ]
