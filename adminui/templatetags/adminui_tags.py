from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def platform_name():
    """The platform's name, WAGTAIL_SITE_NAME: Wagtail heads the dashboard with it but not the login page."""
    return settings.WAGTAIL_SITE_NAME
