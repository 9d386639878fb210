"""Column lifecycle (issue 16, item 4): merging a dead column into another, or closing it.

* 合并 (merge): the column's children move into another column of the same site (Wagtail's move, whose
  signal makes Wagtail's redirects for every moved page), the column's own address is redirected to the
  target (a permanent redirect per Site that serves it), the column is unpublished and the merge logged on it.
* 关闭 (close): the column and every live page below it are unpublished (Wagtail's unpublish with its
  descendants), its address is redirected to its parent, and the closing logged on it.

A closed or merged column is not live, so the audit no longer counts it (monitoring.audit counts live
columns only). The page itself stays, unpublished, with its history: it can be published again.

Who: the site's administrators only — members of the group recorded as the site's 管理员
(sitegroup.SiteRole), that group holding `monitoring.manage_columns` — and superusers. Rights over a
sub-site's pages through a parent site's group give no right here.

What: plain columns (home.ColumnPage) whose subtree holds only columns and articles. The index pages
(政策文件库, 政策解读, 政府信息公开目录) and columns holding a mailbox, a standard page or another
app's page are parts the platform and the inspection rely on; a column accepting 报送 is the target of
other sites' submissions. Those are refused, with the reason, and nothing changes.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import get_dummy_request
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, Site, WorkflowState

from govcms.core.tree import site_home_model, site_home_of, under_any_of
from home.models import ArticlePage, ColumnPage, column_pages
from release.publishing.guards import move_refusal
from sitegroup.models import SiteRole

MANAGE_PERMISSION = "manage_columns"
MERGE_ACTION = "monitoring.merge_column"
CLOSE_ACTION = "monitoring.close_column"
# The page types a mergeable or closable column may hold (at any depth).
MOVABLE_MODELS = (ColumnPage, ArticlePage)


def is_site_administrator(user, home):
    """A member of `home`'s 管理员 group (its SiteRole record) while that group holds manage_columns."""
    return (
        home is not None
        and user.is_active
        and SiteRole.objects.filter(
            home=home,
            role=SiteRole.Role.ADMINISTRATOR,
            group__user=user,
            group__permissions__content_type__app_label="monitoring",
            group__permissions__codename=MANAGE_PERMISSION,
        ).exists()
    )


def may_manage_columns(user, home):
    """Whether `user` may merge and close the columns of the site `home`."""
    return user.is_active and (user.is_superuser or is_site_administrator(user, home))


def site_column(page_id):
    """The column `page_id` (any column type, specific) with its site home, or (None, None)."""
    page = column_pages().filter(pk=page_id).first()
    if page is None:
        return None, None
    return page.specific, site_home_of(page)


def _content_refusal(column):
    """Why `column` may not be merged or closed at all (None when it may)."""
    if not isinstance(column, ColumnPage):
        return _("“%(title)s”是平台的固定栏目（政策文件库、政策解读或信息公开目录），不能合并或关闭。") % {
            "title": column.title
        }
    if column.accepts_submissions:
        return _("“%(title)s”接受下级站点报送，请先取消“接受下级报送”。") % {"title": column.title}
    movable = [model.__name__.lower() for model in MOVABLE_MODELS]
    others = column.get_descendants().exclude(content_type__model__in=movable, content_type__app_label="home")
    other = others.first()
    if other is not None:
        return _("“%(title)s”下有“%(page)s”（%(type)s），不是栏目或文章，不能随栏目合并或关闭。") % {
            "title": column.title,
            "page": other.title,
            "type": other.specific_class._meta.verbose_name if other.specific_class else "",
        }
    return None


def _work_in_progress_refusal(column):
    """A page of the column (or the column) that someone is working on: locked, or in a workflow. Moving it
    would change its address under a reviewer, and closing it would leave a workflow that could publish it
    again under the closed column; it is finished, withdrawn or unlocked first."""
    pages = column.get_descendants(inclusive=True)
    locked = pages.filter(locked=True).first()
    if locked is not None:
        return _("“%(page)s”已被锁定，请先解锁后再合并或关闭栏目。") % {"page": locked.title}
    in_moderation = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)],
        )
        .first()
    )
    if in_moderation is not None:
        page = pages.filter(pk=in_moderation.object_id).first()
        return _("“%(page)s”正在审核流程中，请待审核结束或撤回后再合并或关闭栏目。") % {
            "page": page.title if page else ""
        }
    return None


def column_refusal(column, home):
    """Why the column may not be merged or closed (None when it may)."""
    if home is None or column.pk == home.pk:
        return _("站点首页不是栏目。")
    if not column.live:
        return _("“%(title)s”已关闭（未发布）。") % {"title": column.title}
    return _content_refusal(column) or _work_in_progress_refusal(column)


def merge_targets(column, home):
    """The columns `column` may be merged into: live columns of the same site, not it nor below it, able
    to hold every child of it."""
    subsites = site_home_model().objects.descendant_of(home).values_list("path", flat=True)
    candidates = (
        column_pages()
        .descendant_of(home)
        .live()
        .exclude(under_any_of(list(subsites)))
        .exclude(path__startswith=column.path)
        .specific()
        .order_by("path")
    )
    return [target for target in candidates if target_refusal(column, target) is None]


def target_refusal(column, target):
    """Why `column`'s children may not move into `target` (checked again on every submission)."""
    if target.pk == column.pk or target.is_descendant_of(column):
        return _("不能将栏目合并到它自己或它的下级栏目。")
    if not target.live:
        return _("目标栏目“%(title)s”未发布。") % {"title": target.title}
    children = list(column.get_children().specific())
    for child in children:
        if not child.can_move_to(target):
            return _("“%(page)s”不能放在目标栏目“%(title)s”下。") % {"page": child.title, "title": target.title}
    taken = set(target.get_children().values_list("slug", flat=True))
    clashes = sorted(child.slug for child in children if child.slug in taken)
    if clashes:
        return _("目标栏目已有同名地址的页面：%(slugs)s。请先修改这些页面的地址（slug）。") % {
            "slugs": "、".join(clashes)
        }
    return None


def serving_paths(page):
    """(Site, normalised path) for every Site that serves `page`: a county's page is served under its own
    hostname and under the portal's."""
    root_paths = page._get_relevant_site_root_paths(cache_object=page)
    sites = Site.objects.in_bulk({root_path.site_id for root_path in root_paths})
    paths = []
    for site in sites.values():
        parts = page.get_url_parts(get_dummy_request(site=site))
        if parts and parts[0] == site.pk and parts[2]:
            paths.append((site, Redirect.normalise_path(parts[2])))
    return paths


def redirect_addresses(column, destination):
    """Permanent redirects from every address of `column` to `destination` (replacing any redirect there)."""
    for site, old_path in serving_paths(column):
        Redirect.objects.update_or_create(
            site=site,
            old_path=old_path,
            defaults={
                "redirect_page": destination,
                "redirect_page_route_path": "",
                "redirect_link": "",
                "is_permanent": True,
                "automatically_created": False,
            },
        )


def _check(user, column, home):
    if not may_manage_columns(user, home):
        raise PermissionDenied
    if site_home_of(column) != home:
        raise PermissionDenied
    refusal = column_refusal(column, home)
    if refusal:
        raise ValidationError(refusal)


def merge_column(column, target, user):
    """Merge `column` into `target`; ValidationError (nothing changed) when refused. Returns the pages moved."""
    home = site_home_of(column)
    _check(user, column, home)
    if target.pk == home.pk or not column_pages().filter(pk=target.pk).exists() or site_home_of(target) != home:
        raise ValidationError(_("只能合并到本站的其他栏目。"))
    target = target.specific
    refusal = target_refusal(column, target)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        children = list(column.get_children())
        for child in children:
            refused = move_refusal(user, child, target)
            if refused:
                raise ValidationError(refused)
            MovePageAction(child, target, pos="last-child", user=user).execute()
        redirect_addresses(column, target)
        column.refresh_from_db()
        UnpublishPageAction(column, user=user).execute()
        log(
            instance=column,
            action=MERGE_ACTION,
            user=user,
            data={"target": {"id": target.pk, "title": target.title}, "moved": len(children)},
        )
    return children


def close_column(column, user):
    """Close `column`: it and its live pages go offline, its address leads to its parent. Returns the number
    of pages unpublished; ValidationError (nothing changed) when refused."""
    home = site_home_of(column)
    _check(user, column, home)
    parent = column.get_parent().specific
    with transaction.atomic():
        live_pages = column.get_descendants(inclusive=True).live().count()
        redirect_addresses(column, parent)
        UnpublishPageAction(column, user=user, include_descendants=True).execute()
        still_live = column.get_descendants().live().count()
        if still_live:
            # Wagtail leaves live the pages the user may not unpublish: closing is all or nothing.
            raise PermissionDenied
        log(
            instance=column,
            action=CLOSE_ACTION,
            user=user,
            data={"parent": {"id": parent.pk, "title": parent.title}, "unpublished": live_pages},
        )
    return live_pages


def register_log_actions(actions):
    @actions.register_action(MERGE_ACTION)
    class MergeColumnLogFormatter(LogFormatter):
        label = gettext_lazy("合并栏目")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("栏目并入“%(target)s”，移动%(moved)s个页面，原地址转向目标栏目") % {
                "target": (data.get("target") or {}).get("title", ""),
                "moved": data.get("moved", 0),
            }

    @actions.register_action(CLOSE_ACTION)
    class CloseColumnLogFormatter(LogFormatter):
        label = gettext_lazy("关闭栏目")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("栏目关闭，%(count)s个页面取消发布，原地址转向“%(parent)s”") % {
                "parent": (data.get("parent") or {}).get("title", ""),
                "count": data.get("unpublished", 0),
            }
