"""Public template tags of monitoring: the address of a site's 我为政府网站找错 form (the footer's link)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def error_report_url(context, site_home):
    """The 找错 form of `site_home` with the current page's path prefilled; "" without a site. No query: a
    translated home's form is that of its Chinese original (monitoring.public_views.report_site)."""
    if site_home is None:
        return ""
    url = reverse("monitoring:error_report", args=[site_home.pk])
    request = context.get("request")
    if request is not None:
        url += "?" + urlencode({"url": request.path})
    return url
