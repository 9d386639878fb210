"""No admin URL tells county A's staff anything about county B's hidden content (issue 12, items 3 and 4).

One parametrised test walks every URL pattern under /admin/ (Django's resolver, so a URL a new app or
a Wagtail upgrade adds is walked too) and GETs it as each of county A's five roles, with every numeric
argument filled with the id of one of county B's objects and list views asked about county B's user
and county B's name. County B holds, made once for the module:

* a never-published draft in its release workflow, written by a county B officer, with an English
  translation (wagtail-localize), a tag on a document, log entries;
* a private (password-protected) page;
* a letter with an attachment;
* a search-term log row.

Each of them carries MARKER in its title, name or text; no response (its body, headers and the admin
messages it queues for the next page) may contain it, and no GET may change any of them.
"""

import contextlib
import json
import re
from dataclasses import dataclass
from itertools import product

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Locale, Page, PageViewRestriction, Revision, TaskState, WorkflowState
from wagtail_factories import ImageFactory
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from citizen_mailbox.models import MailboxPage, Message
from search.models import QueryLog
from tests.conftest import SHARED
from tests.factories import ArticlePageFactory, UserFactory
from tests.site_group import reloaded

pytestmark = pytest.mark.django_db

MARKER = "zzleak"
ROLES = ("信息员", "编辑", "审核", "签发", "管理员")
ROLE_IDS = ("officer", "editor", "reviewer", "approver", "administrator")
# Asked of every list: county B's name (public) and its officer's id (whose name is not).
LIST_QUERY = {"q": "乙县", "term": "乙县"}


@dataclass
class World:
    """Ids of county A's role users and of county B's hidden objects."""

    role_users: dict
    ids: dict  # argument name (or "pk:<prefix>") → ids to fill it with


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, request):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(reloaded(request.config.stash[SHARED].site_group))
        transaction.set_rollback(True)


def build_world(group):
    county_a, county_b = group.county_a, group.county_b
    role_users = {
        role: UserFactory(username=f"walker-{index}", groups=[county_a.groups[role]]).pk
        for index, role in enumerate(ROLES)
    }
    officer = UserFactory(
        username=f"yixian-{MARKER}", first_name=f"乙县信息员{MARKER}", groups=[county_b.groups["信息员"]]
    )
    news = Page.objects.child_of(county_b.home).get(slug="zwdt")
    draft = ArticlePageFactory(parent=news, title=f"乙县草稿{MARKER}", slug="hidden-draft", live=False, owner=officer)
    revision = draft.save_revision(user=officer)
    log(instance=draft, action="wagtail.create", user=officer)
    workflow_state = draft.get_workflow().start(draft, officer)
    task_state = workflow_state.current_task_state
    # Workflow and task names say whose they are.
    workflow = workflow_state.workflow
    workflow.name = f"乙县流程{MARKER}"
    workflow.save(update_fields=["name"])
    for task in workflow.tasks.all():
        if task.workflows.count() == 1:  # county B's own steps, not the platform's shared checks
            task.name = f"{task.name}{MARKER}"
            task.save(update_fields=["name"])
    private = ArticlePageFactory(parent=news, title=f"乙县内部{MARKER}", slug="hidden-private")
    private.save_revision(user=officer).publish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")  # noqa: S106
    source, _created = TranslationSource.get_or_create_from_instance(draft)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en"), enabled=True
    )
    translation.save_target(user=officer)
    english = draft.get_translation(Locale.objects.get(language_code="en"))
    mailbox = MailboxPage.objects.descendant_of(county_b.home).first()
    letter = Message.objects.create(
        mailbox=mailbox,
        site_home=county_b.home,
        received_at=timezone.now(),
        name=f"乙县来信人{MARKER}",
        subject=f"乙县来信{MARKER}",
        content=f"乙县来信内容{MARKER}",
        channel_name="咨询",
        password_hash="!",
        attachment=ContentFile(f"附件内容{MARKER}".encode(), name="letter.txt"),
        attachment_name=f"乙县附件{MARKER}.txt",
    )
    document = get_document_model().objects.create(
        title=f"乙县文件{MARKER}", collection=county_b.collection, file=ContentFile(b"%PDF-1.4", name="hidden.pdf")
    )
    document.tags.add(f"乙县标签{MARKER}")
    log(instance=document, action="wagtail.create", user=officer)
    image = ImageFactory(title=f"乙县图片{MARKER}", collection=county_b.collection)
    image.tags.add(f"乙县图片标签{MARKER}")
    QueryLog.objects.create(site=county_b.site, query_string=f"乙县搜索{MARKER}", date=timezone.localdate(), hits=1)
    pages = [draft.pk, private.pk, english.pk]
    return World(
        role_users=role_users,
        ids={
            "page_id": pages,
            # County A's own column too: its listing's filters must not name county B's staff.
            "parent_page_id": [*pages, Page.objects.child_of(county_a.home).get(slug="zwdt").pk],
            "page_to_move_id": pages,
            "page_pk": pages,
            "destination_id": [county_a.home.pk],
            "revision_id": [revision.pk],
            "revision_id_a": [revision.pk],
            "revision_id_b": [revision.pk],
            "task_state_id": [task_state.pk],
            "task_id": [task_state.task_id],
            "workflow_state_id": [workflow_state.pk],
            "workflow_pk": [workflow.pk],
            "translation_id": [translation.pk],
            "translation_source_id": [source.pk],
            "string_segment_id": list(StringSegment.objects.filter(source=source).values_list("pk", flat=True)[:1]),
            "document_id": [document.pk],
            "doc_id": [document.pk],
            "image_id": [image.pk],
            "collection_id": [county_b.collection.pk],
            "user": [officer.pk],
            "pk:pages/": pages,
            "pk:api/main/^pages/": pages,
            "pk:api/main/^documents/": [document.pk],
            "pk:api/main/^images/": [image.pk],
            "pk:documents/": [document.pk],
            "pk:images/": [image.pk],
            "pk:mailbox/": [letter.pk],
            "pk:users/": [officer.pk],
            "pk:groups/": [county_b.groups["管理员"].pk],
            "pk:collections/": [county_b.collection.pk],
            "pk:sites/": [county_b.site.pk],
            "pk:settings/": [county_b.site.pk],
            "pk:workflows/tasks/": [task_state.task_id],
            "pk:workflows/": [workflow.pk],
        },
    )


# --- The URL patterns and their arguments --------------------------------------------------------

# Text arguments: the values that reach the view's code rather than a 404 of the resolver.
TEXT_ARGUMENTS = {
    "action_name": ["approve", "reject", "accept", "answer"],
    "which": ["message", "reply"],
    "mode": [""],
    "filter_spec": ["original"],
    "content_type_app_name": ["home"],
    "content_type_model_name": ["articlepage"],
    "app_label": ["home"],
    "model_name": ["articlepage"],
    "app_name": ["home"],
}

# Patterns not walked, by why.
NOT_WALKED = {
    "POST only, or no object of another site in their arguments": (
        "admin/bulk/",
        "admin/editing-sessions/",
        "admin/password_reset/confirm/",
        "admin/localize/api/snippets/",
        "admin/localize/submit/snippet/",
        "admin/settings/<slug:app_name>/<slug:model_name>/",  # argument-free settings: the platform's own
    ),
    "Wagtail's deliberate error page (answers 500 to superusers' tests of error reporting)": ("admin/failwhale/",),
}


def admin_patterns():
    """(route, pattern) of every URL pattern under /admin/, in the resolver's order."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern

    skipped = [route for routes in NOT_WALKED.values() for route in routes]
    seen = set()
    for route, _pattern in walk(get_resolver().url_patterns, ""):
        if not route.startswith("admin/") or route in seen:
            continue
        seen.add(route)
        if any(route.startswith(prefix) and (not prefix.endswith(">/") or route == prefix) for prefix in skipped):
            continue
        yield route


ROUTES = sorted(set(admin_patterns()))


def argument_names(route):
    """The named arguments of a route (path converters and regex groups alike), in order."""

    return re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)


def fill(route, world):
    """Every URL for the route, its arguments taken from county B's objects (at most a few per route)."""

    names = [a or b for a, b in argument_names(route)]
    if not names:
        return [path_of(route, {})]
    choices = []
    for name in names:
        if name in TEXT_ARGUMENTS:
            choices.append(TEXT_ARGUMENTS[name])
        elif name in ("pk", "object_id"):
            inner = route.removeprefix("admin/")
            prefix = max(
                (key[3:] for key in world.ids if key.startswith("pk:") and inner.startswith(key[3:])),
                key=len,
                default=None,
            )
            choices.append(world.ids[f"pk:{prefix}"] if prefix is not None else [1])
        else:
            choices.append(world.ids.get(name, [1]))
    return [path_of(route, dict(zip(names, values, strict=True))) for values in product(*choices)]


def path_of(route, arguments):
    def replace(match):
        name = match.group(1) or match.group(2)
        return str(arguments[name])

    path = re.sub(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", replace, route)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + path


# --- What a response shows -----------------------------------------------------------------------


def everything_shown(response):
    """The body, the headers and the admin messages queued for the next page."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode(errors="ignore")
    if "json" in response.get("Content-Type", ""):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(content), ensure_ascii=False)
    headers = " ".join(f"{key}: {value}" for key, value in response.items())
    messages = " ".join(str(message) for message in get_messages(response.wsgi_request))
    return f"{text} {headers} {messages}"


def state_of_county_b():
    """What a GET must never change: the hidden objects' rows."""
    pages = Page.objects.filter(title__contains=MARKER).order_by("pk")
    return (
        list(pages.values_list("pk", "title", "live", "locked", "latest_revision_id", "has_unpublished_changes")),
        Revision.page_revisions.filter(object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]).count(),
        list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        list(TaskState.objects.order_by("pk").values_list("pk", "status")),
        list(Message.objects.filter(subject__contains=MARKER).values_list("status", "department_id")),
        PageViewRestriction.objects.count(),
        list(Translation.objects.values_list("pk", "enabled")),
        get_document_model().objects.filter(title__contains=MARKER).count(),
        get_image_model().objects.filter(title__contains=MARKER).count(),
    )


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", ROLES, ids=ROLE_IDS)
def test_no_admin_url_shows_another_sites_hidden_content(client, world, role, route):
    client.force_login(get_user_model().objects.get(pk=world.role_users[role]))
    before = state_of_county_b()
    query = {**LIST_QUERY, "user": world.ids["user"][0], "requested_by": world.ids["user"][0]}
    leaks = []
    # Lists are asked about county B's name and officer too; a URL with arguments is about its object.
    variants = ({},) if argument_names(route) else ({}, query)
    for url in fill(route, world):
        for params in variants:
            response = client.get(url, params)
            assert response.status_code < 500, url
            shown = everything_shown(response)
            if MARKER in shown:
                at = shown.index(MARKER)
                leaks.append(f"{url} {params or ''}: …{shown[max(at - 80, 0) : at + 20]}…")
    assert leaks == []
    assert state_of_county_b() == before


def test_a_workflow_action_on_another_pages_task_is_refused(client, world, site_group):
    """Wagtail checks the action against the page in the URL but acts on the task state it is given."""
    officer = get_user_model().objects.get(pk=world.role_users["信息员"])
    reviewer = get_user_model().objects.get(pk=world.role_users["审核"])
    column = Page.objects.child_of(site_group.county_a.home).get(slug="zwdt")
    own = ArticlePageFactory(parent=column, title="甲县待审稿件", slug="own-draft", live=False)
    own.save_revision(user=officer)
    own.get_workflow().start(own, officer)
    foreign_task_state = world.ids["task_state_id"][0]
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[own.pk, "approve", foreign_task_state])
    assert client.post(url, {"comment": ""}).status_code == 404
    assert TaskState.objects.get(pk=foreign_task_state).status == TaskState.STATUS_IN_PROGRESS
