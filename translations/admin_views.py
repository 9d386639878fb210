"""Admin views of the foreign-language versions: 提交审校 from the translation editor, the 翻译任务 list, and
opening a site's foreign version (开设外文版)."""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page

from govcms.core.scope import SiteScope
from govcms.core.tree import SiteIndex, site_home_model, under_any_of
from release.models import rejecting_check
from release.workflow.hooks import check_report_message
from sitegroup.models import SiteRole
from translations.languages import foreign_language_codes, language_name, offered_languages
from translations.models import SiteLanguage
from translations.provisioning import translation_workflow_name, translator_group_name
from translations.review import Status, state_of_annotated, submit_for_review, with_translation_state
from translations.sync import open_foreign_version, site_pages

OPEN_PERMISSION = "sitegroup.provision_subsite"

# --- 提交审校 / 重新提交 -------------------------------------------------------------------------------


@require_POST
def submit_translation_for_review(request, page_id):
    """POST from the translation editor: the translated page goes to its site's 外文发布流程."""
    page = get_object_or_404(Page, pk=page_id).specific
    resubmitting = page.current_workflow_state is not None
    try:
        workflow_state = submit_for_review(page, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wagtailadmin_pages:edit", page.pk)
    # The content check ran (and may have sent the page back) on another copy of the state.
    workflow_state.refresh_from_db()
    check = rejecting_check(workflow_state)
    if check is not None:
        check_report_message(request, check, _("提交未通过内容自动检查，已退回修改。请按以下问题修改后重新提交："))
    elif resubmitting:
        messages.success(request, _("“%(title)s”已重新提交审校。") % {"title": page.get_admin_display_title()})
    else:
        messages.success(request, _("“%(title)s”已提交审校。") % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_pages:edit", page.pk)


# --- 翻译任务 ----------------------------------------------------------------------------------------


def translated_pages_in_scope(user):
    """The translated pages of the user's sites: under the translations of the site homes in their scope.

    A translator's rights are on the translated homes, a 审核's and 签发's on the originals: either way the
    sites are the homes in their scope, in whichever language, and their translated trees are the work.
    """
    original = Locale.get_default()
    pages = Page.objects.exclude(locale=original)
    scope = SiteScope.of(user)
    if scope.platform_wide:
        return pages
    keys = scope.site_homes().values("translation_key")
    translated_homes = site_home_model().objects.filter(translation_key__in=keys).exclude(locale=original)
    return pages.filter(under_any_of(list(translated_homes.values_list("path", flat=True))))


def may_see_translation_work(user):
    scope = SiteScope.of(user)
    return scope.platform_wide or (scope.is_site_staff and translated_pages_in_scope(user).exists())


class TranslationWorkView(ReportView):
    """报表 → 翻译任务: the translated pages of the user's sites with their progress and review status."""

    page_title = gettext_lazy("翻译任务")
    header_icon = "globe"
    index_url_name = "translations_work"
    index_results_url_name = "translations_work_results"
    no_results_message = gettext_lazy("您的站点没有外文版页面。")
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("页面"),
            accessor="page.title",
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page.pk]),
        ),
        Column("site", label=gettext_lazy("站点")),
        Column("language", label=gettext_lazy("语言")),
        Column("progress", label=gettext_lazy("翻译进度")),
        Column("status_label", label=gettext_lazy("状态")),
        DateColumn("last_published_at", label=gettext_lazy("发布时间"), accessor="page.last_published_at"),
    ]

    permission_required = "view"

    def user_has_permission(self, permission):
        return may_see_translation_work(self.request.user)

    def get_queryset(self):
        pages = translated_pages_in_scope(self.request.user).exclude(depth__lte=1)
        return with_translation_state(pages.select_related("locale")).order_by("path")

    def get_table(self, object_list):
        # The table is built before ReportView's decorate_paginated_queryset runs: rows are made here.
        return super().get_table(self.rows(object_list))

    def rows(self, object_list):
        pages = list(object_list)
        sites = SiteIndex(site_home_model().objects.exclude(locale=Locale.get_default()).only("pk", "path", "title"))
        rows = []
        for page in pages:
            row = state_of_annotated(page)
            home = sites.site_for(page)
            row.site = home.title if home is not None else ""
            row.language = language_name(page.locale.language_code)
            row.progress = f"{row.translated}/{row.total}"
            row.status_label = Status(row.status).label
            rows.append(row)
        return rows


# --- 开设外文版 --------------------------------------------------------------------------------------


def may_open_foreign_versions(user):
    """Platform administrators only: opening a language creates a site's 翻译 group, rights and workflow,
    which is provisioning, as opening a sub-site is (docs/translations.md)."""
    return user.has_perm(OPEN_PERMISSION)


class ForeignVersionsView(WagtailAdminTemplateMixin, TemplateView):
    """设置 → 外文版: every site with the foreign languages it offers, and a button to open the others."""

    page_title = gettext_lazy("外文版")
    header_icon = "globe"
    template_name = "translations/foreign_versions.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_open_foreign_versions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = foreign_language_codes()
        offered = {}
        for home_id, code in SiteLanguage.objects.values_list("home_id", "language_code"):
            offered.setdefault(home_id, set()).add(code)
        context["sites"] = [
            {
                "home": home,
                "offered": [language_name(code) for code in codes if code in offered.get(home.pk, ())],
                "to_open": [(code, language_name(code)) for code in codes if code not in offered.get(home.pk, ())],
            }
            for home in site_home_model().objects.filter(locale=Locale.get_default()).order_by("path")
        ]
        return context


class OpenForeignVersionView(WagtailAdminTemplateMixin, TemplateView):
    """开设外文版, confirmed: GET says what opening creates (drafts of every page, the 翻译 group, the workflow),
    POST opens. It is provisioning, not undone by a button, so it is not one click (as Wagtail's deletions)."""

    header_icon = "globe"
    template_name = "translations/open_foreign_version_confirm.html"

    def dispatch(self, request, home_id, language_code):
        if not may_open_foreign_versions(request.user):
            raise PermissionDenied
        self.home = get_object_or_404(site_home_model(), pk=home_id, locale=Locale.get_default())
        self.language_code = language_code
        self.language = language_name(language_code)
        return super().dispatch(request)

    def get_page_title(self):
        return _("开设%(language)s版") % {"language": self.language}

    def get_page_subtitle(self):
        return self.home.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("translations_foreign_versions"), "label": ForeignVersionsView.page_title},
            {"url": "", "label": self.get_page_title(), "sublabel": self.home.title},
        ]

    def get(self, request):
        if self.language_code in offered_languages(self.home):
            return self.opened(created=[])
        return super().get(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        translated = Page.objects.filter(locale__language_code=self.language_code).values("translation_key")
        context.update(
            home=self.home,
            language=self.language,
            language_code=self.language_code,
            page_count=site_pages(self.home).exclude(translation_key__in=translated).count(),
            translator_group=translator_group_name(self.home),
            workflow=translation_workflow_name(self.home),
        )
        return context

    def post(self, request):
        try:
            created = open_foreign_version(self.home, self.language_code, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("translations_foreign_versions")
        return self.opened(created)

    def opened(self, created):
        values = {"site": self.home.title, "language": self.language, "created": "、".join(created)}
        if created:
            messages.success(self.request, _("已为“%(site)s”开设%(language)s版：%(created)s。") % values)
        else:
            messages.success(self.request, _("“%(site)s”已开设%(language)s版，无需重复开设。") % values)
        return redirect("translations_foreign_versions")


open_foreign_version_view = OpenForeignVersionView.as_view()


class TranslationWorkPanel(Component):
    """The translator's dashboard: how much of their sites' translation work waits, and where to find it."""

    name = "translation_work"
    order = 60
    template_name = "translations/admin/work_panel.html"

    def __init__(self, counts):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        return {"counts": self.counts}


def translation_work_panel(request, panels):
    """construct_homepage_panels: for members of a site's 翻译 group (its SiteRole record, not the group's name)."""
    if not SiteRole.objects.filter(role=SiteRole.Role.TRANSLATOR, group__user=request.user).exists():
        return
    states = [state_of_annotated(page) for page in with_translation_state(translated_pages_in_scope(request.user))]
    counts = Counter(state.status for state in states)
    panels.append(TranslationWorkPanel([(status.label, counts[status]) for status in Status if counts[status]]))
