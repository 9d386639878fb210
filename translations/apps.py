from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Foreign-language versions of the sites (外文版), built on wagtail-localize."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "translations"
    verbose_name = _("外文版")

    def ready(self):
        from govcms.core.translation import synchronise_slugs
        from translations.signal_handlers import register_signal_handlers

        synchronise_slugs()
        register_signal_handlers()
