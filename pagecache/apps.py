from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pagecache"
    verbose_name = _("页面缓存")

    def ready(self):
        from pagecache import signal_handlers

        signal_handlers.register()
