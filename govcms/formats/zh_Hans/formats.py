# Lists and meta lines on Chinese government sites give dates as 2026-12-04 (GB/T 7408); Django's
# zh_Hans short formats would print 2026年12月4日. DATE_FORMAT (2026年12月4日) stays Django's.
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
YEAR_MONTH_FORMAT = "Y-m"
