# British order, as English-language government sites write it (4 December 2026), rather than
# Django's American default (Dec. 4, 2026). Unset names fall back to Django's en formats.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
