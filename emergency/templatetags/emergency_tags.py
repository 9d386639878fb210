"""The emergency banner that base.html shows on every public page."""

from django import template

from emergency.models import banner_emergencies

register = template.Library()


@register.inclusion_tag("emergency/includes/banner.html", takes_context=True)
def emergency_banner(context, site_home, current_page=None):
    """Ongoing emergencies of the page's site and of the sites above it; none on the emergency's own page."""
    emergencies = banner_emergencies(site_home) if site_home is not None else []
    if current_page:
        emergencies = [emergency for emergency in emergencies if emergency.pk != current_page.pk]
    return {"emergencies": emergencies, "request": context.get("request")}
