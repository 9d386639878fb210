"""An interview interprets the policies it links: it is listed among their interpretations (在线访谈), counts for
三同步, releases a major policy waiting for it when published through the release workflow, and clears the
待解读政策 report; its form refuses the policy links an interpretation's form refuses."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from interviews.models import InterviewPage, InterviewPolicy
from policy.models import PolicyPage, PolicySettings, awaits_interpretation
from release.models import UnreviewedPublication
from sitegroup.models import SiteIdentity
from tests.interviews.factories import make_interview
from tests.interviews.test_lists import index_of
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, library_of
from tests.policy.workflow import (
    FIRST_REVIEW,
    SIMULTANEOUS_CHECK,
    approve,
    current_task_name,
    draft_policy,
    post_edit,
    submit_new_page,
    through_human_reviews,
    waiting_major_policy,
)

pytestmark = pytest.mark.django_db


def interview_linking(index, title, policies, **fields):
    """A published interview under `index` interpreting `policies`."""
    interview = make_interview(index, title=title, live=False, **fields)
    interview.policy_links = [InterviewPolicy(policy=policy) for policy in policies]
    interview.save_revision().publish()
    return InterviewPage.objects.get(pk=interview.pk)


def interpretation_groups(client, policy, host):
    """{kind heading: [(title, href)]} of the policy page's 政策解读 section."""
    response = client.get(policy.url, HTTP_HOST=host)
    assert response.status_code == 200
    section = BeautifulSoup(response.content, "html.parser").find(
        "section", attrs={"aria-labelledby": "interpretations-title"}
    )
    if section is None:
        return {}
    return {
        h3.get_text(strip=True): [(a.get_text(), a["href"]) for a in h3.find_next("ul")("a")] for h3 in section("h3")
    }


def test_the_policy_page_lists_a_live_interview_under_its_own_kind(client, site_group):
    policy = add_policy(library_of(site_group.county_a), "甲县稳就业政策")
    add_interpretation(interpretation_column_of(site_group.county_a), "部门解读稿", policies=[policy])
    interview = interview_linking(index_of(site_group.county_a), "稳就业在线访谈", [policy])
    make_interview(index_of(site_group.county_a), title="无关的访谈")

    groups = interpretation_groups(client, policy, "county-a.localhost")

    assert [title for title, _href in groups["部门解读"]] == ["部门解读稿"]
    assert groups["在线访谈"] == [("稳就业在线访谈", "http://county-a.localhost/hdjl/zxft/" + interview.slug + "/")]


def test_a_countys_interview_of_the_portals_policy_is_listed_at_the_countys_host(client, site_group):
    policy = add_policy(library_of(site_group.portal), "市级政策")
    interview = interview_linking(index_of(site_group.county_a), "甲县解读市级政策", [policy])

    assert interpretation_groups(client, policy, "localhost")["在线访谈"] == [("甲县解读市级政策", interview.full_url)]


def test_a_draft_or_protected_interview_is_not_listed(client, site_group):
    policy = add_policy(library_of(site_group.county_a), "甲县稳就业政策")
    protected = interview_linking(index_of(site_group.county_a), "内部访谈", [policy])
    PageViewRestriction.objects.create(page=Page.objects.get(pk=protected.pk), restriction_type="login")
    draft = make_interview(index_of(site_group.county_a), title="草稿访谈", live=False)
    draft.policy_links = [InterviewPolicy(policy=policy)]
    draft.save_revision()

    assert interpretation_groups(client, policy, "county-a.localhost") == {}


def test_a_held_sites_interview_is_not_listed_on_the_portals_policy(client, site_group):
    policy = add_policy(library_of(site_group.portal), "市级政策")
    interview_linking(index_of(site_group.county_a), "未公开站点的访谈", [policy])
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(icp_number="")

    assert "未公开站点的访谈" not in client.get(policy.url, HTTP_HOST="localhost").content.decode()


def test_a_held_sites_own_policy_lists_the_sites_interview(site_group):
    """Both open with their site: the held county's interview stays with its own policy."""
    policy = add_policy(library_of(site_group.county_a), "甲县政策")
    interview = interview_linking(index_of(site_group.county_a), "开站前的访谈", [policy])
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(icp_number="")

    assert PolicyPage.objects.get(pk=policy.pk).live_interpretations() == [interview]


def count_queries(client, url, host):
    client.get(url, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_HOST=host).status_code == 200
    return len(queries)


def test_the_policy_page_costs_the_same_with_1_or_5_interviews(client, site_group):
    library = library_of(site_group.county_a)
    few, many = add_policy(library, "少", slug="few"), add_policy(library, "多", slug="many")
    interview_linking(index_of(site_group.county_a), "一场", [few])
    for n in range(5):
        interview_linking(index_of(site_group.county_a), f"第{n}场", [many])
        add_interpretation(interpretation_column_of(site_group.county_a), f"解读{n}", policies=[many])

    assert count_queries(client, few.url, "county-a.localhost") == count_queries(client, many.url, "county-a.localhost")


def test_a_live_interview_fulfils_simultaneous_release(site_group):
    policy = draft_policy(site_group)
    assert awaits_interpretation(policy)
    interview_linking(index_of(site_group.county_a), "先上线的访谈", [policy])
    assert not awaits_interpretation(policy)


# --- Through the release workflow in the admin, as the county's people do it --------------------


def interview_form_data(*policies, title="稳就业在线访谈", slug="wenjiuye"):
    """What the interview editor posts for a new interview linking `policies`."""
    start = timezone.localtime() + timedelta(days=1)
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "县人社局负责人解读稳就业政策。",
            "scheduled_start": start.strftime("%Y-%m-%d %H:%M"),
            "scheduled_end": (start + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
            "host": "王主持",
            "guests": inline_formset(
                [{"name": "张明", "title": "局长", "organisation": "甲县人社局", "photo": "", "photo_alt": ""}], min=1
            ),
            "policy_links": inline_formset([{"policy": policy.pk} for policy in policies]),
            "cover_image": "",
            "video": streamfield([]),
            "body": streamfield([]),
            "transcript": streamfield([]),
            "comments": inline_formset([]),
        }
    )


@pytest.fixture
def waiting_policy(client, site_group, county_a_staff, django_capture_on_commit_callbacks):
    return waiting_major_policy(client, site_group, county_a_staff, django_capture_on_commit_callbacks)


def test_publishing_an_interview_through_the_workflow_releases_the_waiting_policy(
    client, site_group, county_a_staff, waiting_policy, django_capture_on_commit_callbacks
):
    staff = county_a_staff
    approved_revision = TaskState.objects.for_instance(waiting_policy).get(task__name=SIMULTANEOUS_CHECK).revision
    index = index_of(site_group.county_a)
    with django_capture_on_commit_callbacks(execute=True):
        interview = submit_new_page(client, staff.officer, index, InterviewPage, interview_form_data(waiting_policy))
        # The content check accepts the link to the policy that goes live with the interview.
        assert current_task_name(interview) == FIRST_REVIEW
        through_human_reviews(client, staff, interview)

    policy = PolicyPage.objects.get(pk=waiting_policy.pk)
    assert InterviewPage.objects.get(pk=interview.pk).live and policy.live
    assert policy.live_revision_id == approved_revision.pk
    workflow_state = WorkflowState.objects.for_instance(policy).get()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    check = TaskState.objects.get(workflow_state=workflow_state, task__name=SIMULTANEOUS_CHECK)
    assert "稳就业在线访谈" in check.comment
    assert not UnreviewedPublication.objects.exists()


def protect(page):
    PageViewRestriction.objects.create(page=Page.objects.get(pk=page.pk), restriction_type="login")


def test_a_protected_interview_does_not_release_a_waiting_major_policy(
    client, site_group, county_a_staff, waiting_policy, django_capture_on_commit_callbacks
):
    """三同步 is about the public: the content check finds the policy link broken, since it would stay unpublished."""
    index = index_of(site_group.county_a)
    protect(index)
    with django_capture_on_commit_callbacks(execute=True):
        interview = submit_new_page(
            client, county_a_staff.officer, index, InterviewPage, interview_form_data(waiting_policy)
        )

    check = TaskState.objects.for_instance(interview).get()
    assert check.status == TaskState.STATUS_REJECTED and "甲县重大政策" in check.comment
    assert current_task_name(waiting_policy) == SIMULTANEOUS_CHECK
    assert not PolicyPage.objects.get(pk=waiting_policy.pk).live


def test_an_interview_protected_during_its_review_does_not_release_a_waiting_major_policy(
    client, site_group, county_a_staff, waiting_policy, django_capture_on_commit_callbacks
):
    index = index_of(site_group.county_a)
    with django_capture_on_commit_callbacks(execute=True):
        interview = submit_new_page(
            client, county_a_staff.officer, index, InterviewPage, interview_form_data(waiting_policy)
        )
        approve(client, county_a_staff.reviewer, interview)
        protect(index)
        approve(client, county_a_staff.approver, interview)

    assert InterviewPage.objects.get(pk=interview.pk).live
    assert current_task_name(waiting_policy) == SIMULTANEOUS_CHECK
    policy = PolicyPage.objects.get(pk=waiting_policy.pk)
    assert not policy.live and policy.live_interpretations() == []


def test_an_interview_in_review_releases_nothing_yet(client, site_group, county_a_staff, waiting_policy):
    index = index_of(site_group.county_a)
    submit_new_page(client, county_a_staff.officer, index, InterviewPage, interview_form_data(waiting_policy))

    assert current_task_name(waiting_policy) == SIMULTANEOUS_CHECK
    assert not PolicyPage.objects.get(pk=waiting_policy.pk).live


@pytest.fixture
def grace_period(site_group):
    settings = PolicySettings.for_site(site_group.county_a.site)
    settings.interpretation_grace_days = 3
    settings.save()


def awaiting_titles(client, user):
    client.force_login(user)
    return [
        policy.title for policy in client.get(reverse("policy_pending_interpretation_report")).context["object_list"]
    ]


def test_the_report_drops_a_policy_once_an_interview_of_it_is_live(client, site_group, county_a_staff, grace_period):
    policy = add_policy(library_of(site_group.county_a), "甲县重大政策", is_major=True)
    # An interview linking no policy interprets none (and must not hide the others).
    make_interview(index_of(site_group.county_a), title="不涉及政策的访谈")
    assert awaiting_titles(client, county_a_staff.administrator) == ["甲县重大政策"]

    interview_linking(index_of(site_group.county_a), "补上的访谈", [policy])

    assert awaiting_titles(client, county_a_staff.administrator) == []


def test_a_protected_interview_leaves_the_policy_in_the_report(client, site_group, county_a_staff, grace_period):
    policy = add_policy(library_of(site_group.county_a), "甲县重大政策", is_major=True)
    protect(interview_linking(index_of(site_group.county_a), "内部访谈", [policy]))

    assert awaiting_titles(client, county_a_staff.administrator) == ["甲县重大政策"]


@pytest.fixture
def portal_grace_period(site_group):
    settings = PolicySettings.for_site(site_group.portal.site)
    settings.interpretation_grace_days = 3
    settings.save()


def test_a_held_countys_interview_leaves_the_portals_policy_in_the_report_until_the_county_opens(
    client, site_group, make_user, portal_grace_period
):
    portal_admin = make_user(site_group.portal.groups["管理员"])
    add_policy(library_of(site_group.portal), "市级重大政策", is_major=True)
    own = add_policy(library_of(site_group.county_a), "甲县重大政策", is_major=True)
    portals = PolicyPage.objects.get(title="市级重大政策")
    interview_linking(index_of(site_group.county_a), "开站前的访谈", [portals, own])
    identity = SiteIdentity.objects.filter(site=site_group.county_a.site)
    icp_number = identity.get().icp_number
    identity.update(icp_number="")

    # The held county's own policy opens with its interview; the portal's is public without it.
    assert awaiting_titles(client, portal_admin) == ["市级重大政策"]

    identity.update(icp_number=icp_number)
    assert awaiting_titles(client, portal_admin) == []


# --- The interview's form checks its policy links like an interpretation's ----------------------


def add_interview(client, user, site_group, data):
    client.force_login(user)
    index = index_of(site_group.county_a)
    return client.post(reverse("wagtailadmin_pages:add", args=["interviews", "interviewpage", index.pk]), data)


@pytest.fixture
def editor_a(site_group, make_user):
    return make_user(site_group.county_a.groups["编辑"])


@pytest.mark.parametrize("site", ["county_b", "department"])
def test_a_crafted_link_to_another_sites_policy_is_refused(client, site_group, editor_a, site):
    other = add_policy(library_of(getattr(site_group, site)), "别的站点的政策")

    response = add_interview(client, editor_a, site_group, interview_form_data(other))

    assert response.status_code == 200
    assert "只能选择本站或上级站点已发布" in response.content.decode()
    assert not InterviewPage.objects.filter(title="稳就业在线访谈").exists()


def test_a_policy_linked_again_in_a_crafted_post_is_refused_not_a_server_error(client, site_group, editor_a):
    """The POST leaves out the row already linking the policy (INITIAL_FORMS=0) and adds the policy again."""
    policy = add_policy(library_of(site_group.portal), "市级政策")
    interview = interview_linking(index_of(site_group.county_a), "稳就业在线访谈", [policy])
    revisions = interview.revisions.count()

    data = interview_form_data(policy, title="稳就业在线访谈（改）", slug=interview.slug)
    response = post_edit(client, editor_a, interview, data)

    assert response.status_code == 200
    assert "该政策文件已关联" in response.content.decode()
    assert interview.revisions.count() == revisions


def test_the_portals_live_policy_may_be_linked(client, site_group, editor_a):
    policy = add_policy(library_of(site_group.portal), "市级政策")

    response = add_interview(client, editor_a, site_group, interview_form_data(policy))

    assert response.status_code == 302, response.context and response.context["form"].errors
    interview = InterviewPage.objects.get(title="稳就业在线访谈")
    assert [link.policy_id for link in interview.policy_links.all()] == [policy.pk]
