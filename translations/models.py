"""What the foreign-language versions keep: which sites offer which languages, the glossary of standard
translations (规范译名), and the translation workflow's review step (外文审校)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail_localize.models import StringTranslation

from release.models import ReviewTask, last_approval_time
from translations.languages import foreign_languages


class SiteLanguage(models.Model):
    """A foreign language the site rooted at `home` offers (its English version, say)."""

    home = models.ForeignKey(
        "home.HomePage", verbose_name=_("站点首页"), on_delete=models.CASCADE, related_name="foreign_languages"
    )
    language_code = models.CharField(_("语言"), max_length=20, choices=foreign_languages)
    opened_at = models.DateTimeField(_("开设时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("外文版")
        verbose_name_plural = _("外文版")
        constraints = [
            models.UniqueConstraint(fields=["home", "language_code"], name="translations_one_record_per_language")
        ]

    def __str__(self):
        return f"{self.home.title} · {self.get_language_code_display()}"


class GlossaryTerm(index.Indexed, models.Model):
    """A standard translation (规范译名): platform-wide when `home` is empty, else one site's addition."""

    home = models.ForeignKey(
        "home.HomePage",
        verbose_name=_("所属站点"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("留空为全平台通用译名；选择站点则只用于该站点。"),
    )
    language_code = models.CharField(_("语言"), max_length=20, choices=foreign_languages, default="en")
    source = models.CharField(_("中文术语"), max_length=100)
    translation = models.CharField(_("规范译名"), max_length=200)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [
        FieldPanel("home"),
        FieldPanel("language_code"),
        FieldPanel("source"),
        FieldPanel("translation"),
        FieldPanel("note"),
    ]
    search_fields = [index.SearchField("source"), index.SearchField("translation"), index.FilterField("home")]

    class Meta:
        verbose_name = _("规范译名")
        verbose_name_plural = _("规范译名")
        ordering = ["source"]
        # Site terms are kept by the site's 管理员 and 翻译 (SiteRole); the platform's list by holders of this.
        permissions = [("manage_platform_glossary", _("维护全平台规范译名"))]
        constraints = [
            models.UniqueConstraint(
                fields=["home", "language_code", "source"], name="translations_one_term_per_site_and_language"
            ),
            models.UniqueConstraint(
                fields=["language_code", "source"],
                condition=models.Q(home__isnull=True),
                name="translations_one_platform_term_per_language",
            ),
        ]

    def __str__(self):
        return f"{self.source} → {self.translation}"


def translated_since_last_approval(page, user):
    """Whether `user` translated a segment of `page` (a translated page) since its last approval."""
    translations = StringTranslation.objects.filter(
        context__object_id=page.translation_key, locale_id=page.locale_id, last_translated_by=user
    )
    since = last_approval_time(page)
    if since is not None:
        translations = translations.filter(updated_at__gt=since)
    return translations.exists()


class TranslationReviewTask(ReviewTask):
    """外文审校: a second translator or the site's 审核 checks a translation; never whoever translated it.

    Four eyes as in ReviewTask (nobody approves a revision they saved), and also nobody approves a page whose
    segments they translated in wagtail-localize's editor since the last approval: there the translation is
    made string by string, and the revision may be saved by someone else.
    """

    class Meta:
        verbose_name = _("外文审校")
        verbose_name_plural = _("外文审校")

    def approval_refusal(self, obj, user):
        refusal = super().approval_refusal(obj, user)
        if refusal is None and translated_since_last_approval(obj, user):
            refusal = _("您翻译过本页自上次审核通过以来的内容，不能审校通过自己的译文；请另一位翻译或审核人员审校。")
        return refusal

    @classmethod
    def get_description(cls):
        return _("由另一位翻译或审核人员审校译文；翻译本页的人不能审校通过。")
