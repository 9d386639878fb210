"""Form widgets of the public pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class OptionsInPythonSelect(forms.Select):
    """A <select> whose options are written in Python, the same HTML as Django's templates give.

    Django renders a template for every option, about 0.07 ms each: the search form lists every site of the group
    on every results page, and with 50 sites its selects cost more than the search itself."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = format_html_join(
            "", "{}", ((self._group(label, options),) for label, options, _ in widget["optgroups"])
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), groups)

    @staticmethod
    def _group(label, options):
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
        )
        return format_html('<optgroup label="{}">{}</optgroup>', label, rendered) if label else rendered
