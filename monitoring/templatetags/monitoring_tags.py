"""Public template tags of monitoring: the address of a site's 我为政府网站找错 form (the footer's link)."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from monitoring.public_views import default_locale_home

register = template.Library()


@register.simple_tag(takes_context=True)
def error_report_url(context, site_home):
    """The 找错 form of `site_home` (its Chinese original for a translated home) with the current page's path
    prefilled; "" without a site."""
    home = site_home
    # Chinese pages (the default language) have a Chinese site home: no query. A translated page looks up the original.
    if home is not None and _language(get_language()) != _language(settings.LANGUAGE_CODE):
        home = default_locale_home(site_home)
    if home is None:
        return ""
    url = reverse("monitoring:error_report", args=[home.pk])
    request = context.get("request")
    if request is not None:
        url += "?" + urlencode({"url": request.path})
    return url


def _language(code):
    try:
        return get_supported_content_language_variant(code or "")
    except LookupError:
        return code
