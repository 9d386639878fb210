"""Provisioning gives every site its 突发事件 index and 应急签发 workflow, once."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Task, Workflow, WorkflowPage, WorkflowTask

from emergency.models import EmergencyIndexPage
from home.models import ColumnPage
from release.workflow.provisioning import content_check_task
from sitegroup.provisioning import provision_subsite
from tests.emergency.utils import emergency_index
from tests.sitegroup.utils import counts

pytestmark = pytest.mark.django_db


def emergency_counts():
    models = (EmergencyIndexPage, Workflow, WorkflowPage, WorkflowTask, Task)
    return {**counts(), **{model.__name__: model.objects.count() for model in models}}


def provision_county_a_again(site_group):
    return provision_subsite(
        parent=site_group.portal.home,
        name="甲县人民政府",
        slug="county-a",
        kind="county",
        hostname="county-a.localhost",
    )


def test_the_index_is_a_live_page_below_the_home_in_the_top_menu(site_group):
    index = emergency_index(site_group.county_a.home)

    # In the menu: no column lists it, and a citizen must reach it in one tap.
    assert (index.title, index.slug, index.live, index.show_in_menus) == ("突发事件", "tfsj", True, True)
    assert {"突发事件栏目", "应急发布流程"} <= set(site_group.county_a.created)


def test_provisioning_again_creates_no_second_index_or_workflow(site_group):
    before = emergency_counts()

    result = provision_county_a_again(site_group)

    assert emergency_counts() == before
    assert result.created == []
    assert EmergencyIndexPage.objects.child_of(site_group.county_a.home).count() == 1


def test_provisioning_again_leaves_an_edited_emergency_workflow_alone(site_group):
    workflow = WorkflowPage.objects.get(page=emergency_index(site_group.county_a.home)).workflow
    WorkflowTask.objects.create(workflow=workflow, task=content_check_task(), sort_order=1)

    provision_county_a_again(site_group)

    assert [task.name for task in workflow.tasks] == ["甲县人民政府办公室签发", "内容自动检查"]


def test_provisioning_again_restores_a_deleted_index_and_its_workflow(site_group):
    emergency_index(site_group.county_a.home).delete()

    result = provision_county_a_again(site_group)

    index = emergency_index(site_group.county_a.home)
    assert result.created == ["突发事件栏目", "应急发布流程"]
    assert WorkflowPage.objects.get(page=index).workflow.name == "甲县人民政府应急签发"
    assert Workflow.objects.filter(name="甲县人民政府应急签发").count() == 1


def test_a_page_already_holding_the_slug_is_refused_before_anything_is_written(site_group):
    home = site_group.county_a.home
    emergency_index(home).delete()
    home.add_child(instance=ColumnPage(title="通知", slug="tfsj"))
    before = emergency_counts()

    with pytest.raises(ValidationError) as error:
        provision_county_a_again(site_group)

    assert "“tfsj”已被“通知”使用" in " ".join(error.value.messages)
    assert emergency_counts() == before
