"""Who may run an interview's live console: the 访谈主持 and 编辑 (and 管理员) of the interview's own site.

Rights come from records, never from group names: the host group of a site is the one recorded in
HostRole by provisioning (interviews.provisioning), the editors' groups those recorded in
sitegroup.SiteRole. A portal editor covers the county subtrees for pages, but a county's broadcast
belongs to the county: only the staff of the interview's own site (its nearest site home) run it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from govcms.core.tree import site_home_of
from sitegroup.models import SiteRole

# The site roles that run broadcasts besides the site's 访谈主持.
CONSOLE_SITE_ROLES = (SiteRole.Role.EDITOR, SiteRole.Role.ADMINISTRATOR)
HOST_ROLE_NAME = "访谈主持"


def console_groups_q(home_ids):
    """Groups whose members run the consoles of the sites with these homes."""
    return Q(interview_host_role__home_id__in=home_ids) | Q(
        site_role__home_id__in=home_ids, site_role__role__in=CONSOLE_SITE_ROLES
    )


def console_site_ids(user):
    """Ids of the site homes whose interviews the user may run (None: every site, for a superuser)."""
    if user.is_superuser:
        return None
    if not user.is_authenticated or not user.is_active:
        return set()
    groups = user.groups.filter(Q(interview_host_role__isnull=False) | Q(site_role__role__in=CONSOLE_SITE_ROLES))
    homes = groups.values_list("interview_host_role__home_id", "site_role__home_id", "site_role__role")
    site_ids = set()
    for host_home, site_home, role in homes:
        if host_home:
            site_ids.add(host_home)
        if site_home and role in CONSOLE_SITE_ROLES:
            site_ids.add(site_home)
    return site_ids


def require_console(user, interview):
    """Refuse (PermissionDenied) an action of the console or of moderation by anyone but those who run it;
    a user of None (a command acting for nobody) is refused too."""
    if user is None or not can_run_console(user, interview):
        raise PermissionDenied


def can_run_console(user, interview):
    """Whether `user` may open the console of `interview` and act in it."""
    site_ids = console_site_ids(user)
    if site_ids is None:
        return True
    home = site_home_of(interview)
    return home is not None and home.pk in site_ids
