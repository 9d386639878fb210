"""Which part of the page tree a user works in, for the admin's isolation hooks.

Wagtail's explorer, page search, reports and page actions already confine a
user to the subtrees where their groups hold page permissions. A few admin
views do not (the page chooser above all, wagtail issue #7099); the hooks in
`sitegroup.wagtail_hooks` apply the scope defined here to them.
"""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permissions import policy_registry

from govcms.core.tree import under_any_of


def working_roots(user):
    """The pages at which the user's groups hold a page permission: the tops of the subtrees they work in."""
    return policy_registry.get_by_type(Page).instances_with_direct_explore_permission(user)


def chooser_scope(user):
    """Pages a non-superuser may choose: their working subtrees, plus the pages leading down to them.

    Wagtail opens the page chooser at the tree root, so without the ancestors
    (the portal home above a county, say) a county editor would find nothing
    to browse. Sibling sites stay out.
    """
    paths = [page.path for page in working_roots(user)]
    ancestor_paths = {path[:end] for path in paths for end in range(Page.steplen, len(path), Page.steplen)}
    return under_any_of(paths) | Q(path__in=ancestor_paths)


def sites_above_scope(user):
    """Live pages of the sites above the user's own (their parent site, its parent, ...), not of sibling sites.

    A county may link a city policy it interprets; the city's other counties stay out.
    """
    from home.models import HomePage

    root_paths = [page.path for page in working_roots(user)]
    above_paths = {path[:end] for path in root_paths for end in range(Page.steplen, len(path), Page.steplen)}
    home_paths = list(HomePage.objects.filter(path__in=above_paths).values_list("path", flat=True))
    subsite_paths = (
        HomePage.objects.filter(under_any_of(home_paths)).exclude(path__in=home_paths).values_list("path", flat=True)
    )
    return under_any_of(home_paths) & ~under_any_of(list(subsite_paths)) & Q(live=True)


def works_on(user, page):
    """Whether `page` lies inside one of the subtrees the user works in."""
    return user.is_superuser or any(page.path.startswith(root.path) for root in working_roots(user))


def administers_platform(user):
    """Superusers and the 平台管理员 group, who keep every site's lists."""
    return user.is_superuser or user.has_perm("sitegroup.provision_subsite")
