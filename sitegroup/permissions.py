"""Left for search/reports.py until it uses govcms.core.scope.SiteScope directly; then this module goes."""

from govcms.core.scope import SiteScope, is_platform_wide


def working_roots(user):
    return SiteScope.of(user).working_roots


def administers_platform(user):
    return is_platform_wide(user)
