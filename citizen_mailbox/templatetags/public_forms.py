"""Template helpers for accessible public forms: labels, descriptions and the error summary."""

from captcha.fields import CaptchaTextInput
from django import forms, template

register = template.Library()


def describedby_ids(field):
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    return " ".join(ids)


@register.simple_tag
def form_control(field):
    """The field's widget, described by its error and help text, and marked invalid when it has errors."""
    attrs = {}
    described_by = describedby_ids(field)
    if described_by:
        attrs["aria-describedby"] = described_by
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_group(field):
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_captcha(field):
    """The captcha: a group (question, image, refresh button, answer box) under the field's label."""
    return isinstance(field.field.widget, CaptchaTextInput)


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def error_target(field):
    """Where the error summary links to: the first option of a group, else the control itself."""
    return f"{field.auto_id}_0" if is_choice_group(field) else field.id_for_label
