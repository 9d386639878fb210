"""Spreadsheet exports (下载XLSX / 下载CSV) as spreadsheet users in China expect them.

For Wagtail's listing and report views, which export through
`wagtail.admin.views.mixins.SpreadsheetExportMixin`.
"""

import datetime
import re

from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

# Spreadsheet programs run cell text starting with these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Control characters an XLSX cell cannot hold (openpyxl refuses the whole file); text typed by the public
# (a letter's subject, a search term) may carry them.
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def local_time_text(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def csv_text(value):
    """Text for a CSV cell: quoted where a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def xlsx_text(value):
    """Text for an XLSX cell: without the control characters the format cannot hold."""
    return XLSX_ILLEGAL.sub(" ", value)


class ChineseSpreadsheetMixin:
    """Put before the view's SpreadsheetExportMixin (or ReportView / IndexView) in its bases.

    The CSV starts with a byte order mark, without which Excel reads UTF-8 as
    the local code page and garbles the Chinese; times are local rather than
    UTC; text that a spreadsheet would run as a formula is quoted; and control
    characters an XLSX file cannot hold become spaces.
    """

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: local_time_text,
            SpreadsheetExportMixin.FORMAT_XLSX: timezone.make_naive,
        },
    }

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        if export_format == self.FORMAT_CSV:
            return csv_text(value)
        if export_format == self.FORMAT_XLSX:
            return xlsx_text(value)
        return value
