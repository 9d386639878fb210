from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("站内搜索")

    def ready(self):
        from search import engine  # noqa: F401 - registers the system check of SEARCH_CANDIDATE_LIMIT
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
