"""Helpers for the emergency tests: emergencies made in code, and the editor's form data."""

from datetime import datetime

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from emergency.models import EmergencyIndexPage, EmergencyLevel, EmergencyPage, EmergencyUpdate


def local_time(text):
    """An aware datetime from "YYYY-MM-DD HH:MM" in the site's time zone (Asia/Shanghai)."""
    return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d %H:%M"))


def emergency_index(home):
    return EmergencyIndexPage.objects.child_of(home).get()


def add_emergency(home, title, slug, *, updates=(("2024-06-01 08:00", "首报内容"),), publish=True, **fields):
    """An emergency in `home`'s 突发事件 index with `updates` as (time, text) pairs, published unless told not."""
    page = EmergencyPage(
        title=title,
        slug=slug,
        level=fields.pop("level", EmergencyLevel.RED),
        summary=fields.pop("summary", f"{title}：请公众注意防范。"),
        live=False,
        **fields,
    )
    page.updates = [EmergencyUpdate(time=local_time(time), text=text) for time, text in updates]
    emergency_index(home).add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()  # publishing saved a copy made from the revision
    return page


def emergency_form_data(title, slug, updates, **changes):
    """What the page editor posts for an EmergencyPage; `updates` are the inline forms' fields."""
    fields = {
        "title": title,
        "slug": slug,
        "level": str(EmergencyLevel.RED.value),
        "summary": "今晚有大暴雨，请减少外出。",
        "resolved_at": "",
        "updates": inline_formset(updates, initial=sum(1 for update in updates if "id" in update)),
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(fields)
