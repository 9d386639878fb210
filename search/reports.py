"""搜索词统计: what the public searched for (热词) and what found nothing (零结果), for staff.

Platform administrators see every site; site staff see the sites inside the subtrees they work in.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from search.models import QueryLog
from sitegroup.permissions import administers_platform, working_roots

PERIODS = (7, 30, 365)
TOP = 50


def visible_sites(user):
    sites = Site.objects.select_related("root_page").order_by("root_page__path")
    if administers_platform(user):
        return list(sites)
    roots = [root.path for root in working_roots(user)]
    return [site for site in sites if any(site.root_page.path.startswith(path) for path in roots)]


def _int_param(request, name, allowed, default):
    try:
        value = int(request.GET.get(name, default))
    except ValueError:
        return default
    return value if value in allowed else default


def query_report(request):
    sites = visible_sites(request.user)
    if not sites:
        raise PermissionDenied
    site_ids = [site.pk for site in sites]
    chosen = request.GET.get("site", "")
    if chosen:
        if not chosen.isdigit() or int(chosen) not in site_ids:
            raise PermissionDenied
        site_ids = [int(chosen)]
    days = _int_param(request, "days", PERIODS, 30)
    logs = QueryLog.objects.filter(site_id__in=site_ids, date__gt=timezone.localdate() - timedelta(days=days))
    totals = logs.values("query_string").annotate(hits=Sum("hits"), zero=Sum("zero_result_hits"))
    context = {
        "page_title": _("搜索词统计"),
        "sites": sites,
        "chosen_site": chosen,
        "days": days,
        "periods": PERIODS,
        "popular": totals.order_by("-hits", "query_string")[:TOP],
        "zero_results": totals.filter(zero__gt=0).order_by("-zero", "query_string")[:TOP],
    }
    return render(request, "search/admin/query_report.html", context)
