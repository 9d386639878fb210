"""Date formats per language (FORMAT_MODULE_PATH), over Django's own.

Public pages show dates through the format names (`|date:"SHORT_DATE_FORMAT"`), never a fixed pattern, so
each language reads its own way: Chinese government sites list dates as 2026-12-04, English pages say
4 December 2026.
"""
