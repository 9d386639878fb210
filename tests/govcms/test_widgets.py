"""OptionsInPythonSelect writes the HTML Django's Select templates write, escaping included."""

import re

import pytest
from django import forms

from govcms.core.widgets import OptionsInPythonSelect

CHOICES = [
    ("", "全部"),
    (3, '县政府 & "办公室" <script>'),
    ("城乡", [("a", "甲"), ("b", "乙")]),
]


@pytest.mark.parametrize(
    ("value", "attrs"),
    [(None, None), ("3", {"id": "id_site"}), ("b", {"id": "id_site", "required": True, "disabled": False})],
)
def test_renders_the_same_html_as_djangos_select(value, attrs):
    written = OptionsInPythonSelect(choices=CHOICES).render("site", value, attrs)
    templated = forms.Select(choices=CHOICES).render("site", value, attrs)
    assert written == re.sub(r">\s+<", "><", templated)  # the template's indentation aside
    assert "<script>" not in written


def test_marks_the_chosen_option_selected():
    written = OptionsInPythonSelect(choices=CHOICES).render("site", 3)
    assert '<option value="3" selected>' in written
    assert written.count(" selected") == 1
