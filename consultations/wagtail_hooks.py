"""Admin integration of the consultations app: provisioning of rights, 意见审核 (URLs, menu, log actions), the
export of survey responses, the buttons leading to both from the consultation's and the survey's page, and
设置 → 征集类型 (the kinds and their legal minimum periods)."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from consultations import admin_views, survey_views
from consultations.models import ConsultationPage, SurveyPage
from consultations.provisioning import (
    provision_consultation_columns,
    provision_consultation_rights,
    site_role_permissions,
)
from consultations.viewsets import ConsultationKindViewSet
from govcms.core.provisioning import PROVISION_SITE_HOOK, SITE_ROLE_PERMISSIONS_HOOK

# --- Provisioning: the 意见征集 and 网上调查 columns; the site's 管理员 and 编辑 get their rights, which the
# 安全管理员 may staff ------------------------------------------------------------------------------------

hooks.register(PROVISION_SITE_HOOK, provision_consultation_columns)
hooks.register(PROVISION_SITE_HOOK, provision_consultation_rights)
hooks.register(SITE_ROLE_PERMISSIONS_HOOK, site_role_permissions)

# --- 意见审核 -------------------------------------------------------------------------------------------

hooks.register("register_admin_urls", admin_views.register_urls)
hooks.register("register_admin_menu_item", admin_views.menu_item)
hooks.register("register_log_actions", admin_views.register_log_actions)

# --- 网上调查: export of a survey's responses (consultations.survey_views; staff of the survey's site) ---------

hooks.register("register_admin_urls", survey_views.register_export_urls)

# --- The ways in: from a consultation's page to its comments, from a survey's page to its responses --------------
# Shown (page header and explorer row) only to those the linked view lets in; other pages cost no query:
# specific_class comes from the content type cache.


def moderation_buttons(page, user, priority):
    if issubclass(page.specific_class or object, ConsultationPage):
        url = admin_views.moderation_url(user, page)
        if url:
            yield PageMenuItem(gettext_lazy("意见审核"), url, "comment", priority, page=page)


EXPORT_LABELS = {"csv": gettext_lazy("导出答卷 CSV"), "xlsx": gettext_lazy("导出答卷 Excel")}


def export_buttons(page, user, priority):
    if issubclass(page.specific_class or object, SurveyPage):
        for offset, (export_format, url) in enumerate(survey_views.export_urls(user, page)):
            yield PageMenuItem(EXPORT_LABELS[export_format], url, "download", priority + offset, page=page)


@hooks.register("register_page_header_buttons")
def header_buttons(page, user, view_name, next_url=None):
    yield from moderation_buttons(page, user, priority=16)
    yield from export_buttons(page, user, priority=17)


@hooks.register("register_page_listing_more_buttons")
def listing_buttons(page, user, next_url=None):
    yield from moderation_buttons(page, user, priority=7)
    yield from export_buttons(page, user, priority=8)


# --- 设置 → 征集类型: the platform's table of kinds (its 系统管理员 holds the model permissions) ----------------


@hooks.register("register_admin_viewset")
def register_kind_viewset():
    return ConsultationKindViewSet("consultation_kinds", url_prefix="consultations/kinds")
