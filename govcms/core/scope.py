"""Who sees which sites: one definition for every per-site list, report, chooser and admin view.

`SiteScope.of(user)` answers, per user:

* `platform_wide` — superusers and holders of `sitegroup.view_all_sites`
  (查看全平台记录: the 系统管理员 and 审计管理员 groups) or of
  `sitegroup.provision_subsite` (whoever opens sites picks a parent among all
  of them) see every site's rows in every list and report. Seeing is all it
  gives: what a user may change is still their permissions' business, so the
  审计管理员 reads every site's reports and changes nothing. Nobody else is
  platform-wide, whatever their groups are called.
* `working_roots` — the pages where the user's groups hold a page permission:
  the tops of the subtrees they work in. A site's role groups hold their
  permissions at the site's home, so these are their sites' homes, and the
  sites below them come with them (a portal editor's subtree holds the counties).
* `site_homes()` — every site home inside those subtrees: what the user may
  pick in a report's site filter.
* `own_site_ids` — each working root reduced to the site it belongs to, *without*
  the sites below: the narrower view of the mailbox, whose letters belong to
  one site (a county's letters are the county's, not the portal editor's).
* `pages_q()` / `rows_q("site_home")` — Q filters for page-like rows (a tree
  path) and rows pointing at a site home, for querysets of any model.
* `colleagues()` — the users a list or a user filter may name to the user.

For platform-wide users the Q filters are `Q()`, which matches every row when
used alone or with `&`; combine them with `|` only through the methods here
(`Q() | other` is `other` in Django, not "everything").

The scope is computed once per user object (a request's `request.user`).
"""

from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import Page
from wagtail.permissions import policy_registry

from govcms.core.tree import ancestor_paths, site_home_model, under_any_of

PLATFORM_WIDE_PERMISSIONS = ("sitegroup.view_all_sites", "sitegroup.provision_subsite")
_CACHE_ATTRIBUTE = "_govcms_site_scope"


def is_platform_wide(user):
    """Superusers and holders of a platform-wide permission: every site's lists."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or any(user.has_perm(permission) for permission in PLATFORM_WIDE_PERMISSIONS)


class SiteScope:
    def __init__(self, user):
        self.user = user

    @classmethod
    def of(cls, user):
        """The user's scope, computed once per user object."""
        scope = getattr(user, _CACHE_ATTRIBUTE, None)
        if scope is None:
            scope = cls(user)
            if user.is_authenticated:
                setattr(user, _CACHE_ATTRIBUTE, scope)
        return scope

    @cached_property
    def platform_wide(self):
        return is_platform_wide(self.user)

    @cached_property
    def working_roots(self):
        """Pages at which the user's groups hold a page permission (none for anonymous or inactive users)."""
        if not (self.user.is_authenticated and self.user.is_active):
            return []
        return list(policy_registry.get_by_type(Page).instances_with_direct_explore_permission(self.user))

    @cached_property
    def working_paths(self):
        return [root.path for root in self.working_roots]

    @property
    def is_site_staff(self):
        """Holds page permissions somewhere: works on at least one site."""
        return bool(self.working_roots)

    @property
    def sees_any_site(self):
        """May open per-site lists and reports at all."""
        return self.platform_wide or self.is_site_staff

    def pages_q(self, field="path"):
        """Rows whose tree path (`field`) lies in the scope: everything for the platform, else the working subtrees."""
        if self.platform_wide:
            return Q()
        return under_any_of(self.working_paths, field=field)

    def rows_q(self, site_field):
        """Rows whose `site_field` (a foreign key to a page, usually a site home) lies in the scope."""
        return self.pages_q(field=f"{site_field}__path")

    def site_homes(self):
        """Site homes in the scope, in tree order: the choices of a report's site filter."""
        return site_home_model().objects.filter(self.pages_q()).order_by("path")

    def covers(self, page):
        """Whether `page` lies in the scope."""
        return self.platform_wide or self.works_on(page)

    def works_on(self, page):
        """Whether `page` lies in the user's working subtrees (their page rights; platform-wide alone is not enough)."""
        return any(page.path.startswith(path) for path in self.working_paths)

    @cached_property
    def own_site_ids(self):
        """Ids of the sites the user works on themselves: each working root's own site, sites below excluded.

        The mailbox's view: a letter belongs to one site, and a portal editor's
        rights over the counties' pages do not make the counties' letters theirs.
        Platform-wide users are not special-cased here; callers decide.
        """
        if not self.working_paths:
            return set()
        homes = site_home_model().objects.filter(path__in=ancestor_paths(self.working_paths) | set(self.working_paths))
        home_paths = {home.path: home.pk for home in homes}
        own = set()
        for path in self.working_paths:
            above = [home_path for home_path in home_paths if path.startswith(home_path)]
            if above:
                own.add(home_paths[max(above, key=len)])
        return own

    def acting_site_ids(self, permission):
        """Ids of the sites where the user may act on the rows of `permission` (a model permission an app's views
        confine to the holder's own sites: moderating comments, answering reports): their own sites when they hold
        it, none otherwise, and None — every site — for a superuser."""
        if not (self.user.is_authenticated and self.user.is_active):
            return set()
        if self.user.is_superuser:
            return None
        return self.own_site_ids if self.user.has_perm(permission) else set()

    def reading_site_ids(self, permission):
        """Ids of the sites whose rows of `permission` the user's lists show: as acting_site_ids, and every site
        (None) for platform-wide users, who read every site's lists without acting on them."""
        return None if self.platform_wide else self.acting_site_ids(permission)

    def colleagues(self):
        """Users whom the user's lists and user filters may name: everyone for the platform, else the user and
        those whose groups hold page permissions in the user's subtrees or above them (the sites' staff and
        the staff of the sites above, who work on the same pages); never a sibling site's staff."""
        users = get_user_model().objects.all()
        if self.platform_wide:
            return users
        field = "groups__page_permissions__page__path"
        in_scope = under_any_of(self.working_paths, field=field) | Q(
            **{f"{field}__in": ancestor_paths(self.working_paths)}
        )
        return users.filter(pk__in=users.filter(in_scope | Q(pk=self.user.pk)).values("pk"))

    def chooser_q(self, sites_above=False):
        """Pages a non-platform user may choose: the working subtrees plus the pages leading down to them.

        Choosers open at the tree root, so without the ancestors a county
        editor would find nothing to browse; sibling sites stay out. With
        `sites_above`, the live pages of the sites above too (`sites_above_q`).
        """
        if self.platform_wide:
            return Q()
        pages = under_any_of(self.working_paths) | Q(path__in=ancestor_paths(self.working_paths))
        return pages | self.sites_above_q() if sites_above else pages

    def sites_above_q(self):
        """Live public pages of the sites above the user's own (parent, grandparent …), not of sibling sites.

        A county may link the city policy it interprets; the city's other counties stay out, and so do the
        city's login- or password-protected sections (a county's public pages would advertise them).
        """
        home_model = site_home_model()
        home_paths = list(
            home_model.objects.filter(path__in=ancestor_paths(self.working_paths)).values_list("path", flat=True)
        )
        subsite_paths = (
            home_model.objects.filter(under_any_of(home_paths))
            .exclude(path__in=home_paths)
            .values_list("path", flat=True)
        )
        protected_paths = Page.objects.filter(under_any_of(home_paths), view_restrictions__isnull=False).values_list(
            "path", flat=True
        )
        hidden = under_any_of(list(subsite_paths)) | under_any_of(list(protected_paths))
        return under_any_of(home_paths) & ~hidden & Q(live=True)
