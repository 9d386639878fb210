from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """信息报送: a sub-site's articles offered to a column of a site above it, adopted (采用) or returned (退回)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "submissions"
    verbose_name = _("信息报送")
