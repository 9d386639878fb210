"""Admin integration of the foreign-language versions. Each part registers in its own section below."""

from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from govcms.core.provisioning import PROVISION_SITE_HOOK
from release.workflow.checks import CONTENT_CHECKS_HOOK
from translations import checks
from translations.languages import language_name
from translations.provisioning import provision_foreign_versions
from translations.sync import OPEN_LOG_ACTION

# Provisioning: the foreign languages a site is opened with, and the repair of its translators' rights.
hooks.register(PROVISION_SITE_HOOK, provision_foreign_versions)


# --- Content check (release.workflow.checks): untranslated segments ------------------------------
hooks.register(CONTENT_CHECKS_HOOK, checks.find_untranslated_segments)


# --- Log actions --------------------------------------------------------------------------------
@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(OPEN_LOG_ACTION)
    class OpenLanguage(LogFormatter):
        label = gettext_lazy("开设外文版")

        def format_message(self, log_entry):
            return gettext("开设%(language)s版") % {"language": language_name(log_entry.data.get("language", ""))}
