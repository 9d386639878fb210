"""The rules that keep every admin path to a live page inside the workflow.

`actions.publishing_needs_review` says who must go through a page's
workflow. Wagtail applies no such rule: besides the editor's "Publish", these
make content live for anyone with publish permission (docs/publishing.md,
"Every publish path"):

* the admin API's page actions (`/admin/api/main/pages/<id>/action/<name>/`):
  publish, copy (live by default), create_alias, copy_for_translation as an
  alias, and move;
* the copy view's "publish copies" and "alias";
* moving a live page, alone or in bulk, into another workflow's part of the
  tree: it is live there without that workflow's review;
* wagtail-localize's "convert to alias", which any editor of a translation
  may use: a draft translation becomes a live alias of its live source.

Each rule returns why the user may not, or None. The views that apply them are
in release/publishing/hooks.py and release/publishing/views.py.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from release.publishing.actions import publishing_needs_review

PUBLISH_REFUSAL = _(
    "本页面须经发布流程审核后才能发布，请提交审核。站点管理员确需立即发布的，请使用“强制发布”并填写理由。"
)
COPY_REFUSAL = _(
    "目标位置的页面须经发布流程审核后才能发布：副本只能保存为草稿（不能发布副本或创建别名），请复制后提交审核。"
)
MOVE_REFUSAL = _(
    "已发布的页面不能移到其他发布流程管辖的位置：移入后的内容未经那里审核。请在目标位置以草稿复制，再提交审核。"
)
PAGE_DELETION_REFUSAL_HOOK = "govcms_page_deletion_refusal"
UNKNOWN_ACTION_REFUSAL = _("本页面须经发布流程审核，该操作未经核准，不能执行。")
LOCKED_REFUSAL = _("本页面已锁定（正在审核或等待解读同步发布），不能恢复旧版本。")


def has_live_pages(page, *, recursive):
    """Whether `page`, or with `recursive` any page below it, is live."""
    return page.live or (recursive and page.get_descendants().live().exists())


def copy_refusal(user, page, destination, *, recursive, keep_live):
    """Copying (or aliasing) `page` under `destination`, live if `keep_live`: refused when that would publish."""
    if keep_live and publishing_needs_review(user, destination) and has_live_pages(page, recursive=recursive):
        return COPY_REFUSAL
    return None


def move_refusal(user, page, parent_after):
    """Moving `page` under `parent_after`: refused when live pages would land under another workflow.

    A move the user may not make at all is left to Wagtail's (and sitegroup's) own refusal.
    """
    if (
        page.permissions_for_user(user).can_move_to(parent_after)
        and publishing_needs_review(user, parent_after)
        and parent_after.get_workflow() != page.get_workflow()
        and has_live_pages(page, recursive=True)
    ):
        return MOVE_REFUSAL
    return None


def alias_conversion_refusal(user, page):
    """wagtail-localize's "convert to alias": the page takes its source's live state; a draft may not go live so."""
    if not page.live and publishing_needs_review(user, page):
        return COPY_REFUSAL
    return None


def api_publish_refusal(user, page, data):
    return PUBLISH_REFUSAL if publishing_needs_review(user, page) else None


def api_copy_refusal(user, page, data):
    destination = destination_page(page, data)
    return copy_refusal(user, page, destination, recursive=data["recursive"], keep_live=data["keep_live"])


def api_alias_refusal(user, page, data):
    destination = destination_page(page, data)
    return copy_refusal(user, page, destination, recursive=data["recursive"], keep_live=True)


def api_translation_refusal(user, page, data):
    # An alias in another locale mirrors the page's live state; a translation copy starts as a draft.
    return copy_refusal(user, page, page, recursive=data["recursive"], keep_live=data["alias"])


def api_move_refusal(user, page, data):
    target = Page.objects.filter(pk=data["destination_page_id"]).first()
    if target is None:
        return None  # Wagtail answers 404.
    # Where MovePageAction puts the page: under the target, or beside it.
    parent_after = target if data.get("position") in ("first-child", "last-child") else target.get_parent()
    return move_refusal(user, page, parent_after)


def destination_page(page, data):
    """The parent of a copy or alias asked for through the API; Wagtail answers 404 for an unknown id."""
    destination_id = data.get("destination_page_id")
    if destination_id is None:
        return page.get_parent()
    return Page.objects.filter(pk=destination_id).first() or page.get_parent()


def api_deletion_refusal(user, page, data):
    """A deletion publishes nothing, but apps may keep pages from being deleted on their own (the
    `govcms_page_deletion_refusal` hook: a function of the user and the page returning a reason or None;
    translations keeps translated pages)."""
    refusals = (refusal(user, page) for refusal in hooks.get_hooks(PAGE_DELETION_REFUSAL_HOOK))
    return next((refusal for refusal in refusals if refusal), None)


def never_publishes(user, page, data):
    return None


def revert_refusal(user, page, data):
    """A revert saves a new revision, like an edit: never while the page is locked for the user.

    Wagtail's edit view honours the lock a page gets under review (and the one
    三同步 puts on a major policy waiting for its interpretation); the API's
    revert does not, so it would put unreviewed text into a workflow under way.
    """
    lock = page.get_lock()
    return LOCKED_REFUSAL if lock is not None and lock.for_user(user) else None


# Every action of Wagtail's PagesAdminAPIViewSet, with its rule. An action Wagtail adds later is refused
# on workflow pages until it is listed here (tests/release/test_publish_paths.py fails meanwhile).
API_ACTION_RULES = {
    "publish": api_publish_refusal,
    "copy": api_copy_refusal,
    "create_alias": api_alias_refusal,
    "copy_for_translation": api_translation_refusal,
    "move": api_move_refusal,
    # A new draft revision; publishing it goes through the workflow.
    "revert_to_page_revision": revert_refusal,
    # The alias is live already, with its source's content; it becomes an ordinary page with the same content.
    "convert_alias": never_publishes,
    "unpublish": never_publishes,
    "delete": api_deletion_refusal,
}


def api_action_refusal(user, action_name, page, data):
    """Why the admin API action `action_name` with `data` (validated by the action's serializer) is refused."""
    rule = API_ACTION_RULES.get(action_name)
    if rule is None:
        return UNKNOWN_ACTION_REFUSAL if publishing_needs_review(user, page) else None
    return rule(user, page, data)
