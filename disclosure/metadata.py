"""The disclosure metadata shared by policies and articles (the catalogue page is in disclosure.models).

Every item a government publishes carries an index number (索引号), a
disclosure method (公开方式), a disclosure category (公开类别, the 五公开 of
国办发〔2016〕8号) and topics (主题分类). Policies and articles take these
fields from `DisclosureFields`, so the catalogue can list both.

These live apart from disclosure.models because home.models builds ArticlePage
on `DisclosureFields` while the catalogue page builds on home's AbstractColumnPage;
disclosure.models re-exports everything here.
"""

from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from govcms.core.translation import facts
from govcms.core.tree import site_home_of

INDEX_NUMBER_FORMAT = "{code}/{year}-{serial:05d}"

organisation_code_validator = RegexValidator(
    r"^[0-9A-Za-z-]{1,30}$",
    _("机构代码只能包含字母、数字和连字符，最长30位，例如统一社会信用代码或组织机构代码。"),
)


class DisclosureCategory(models.TextChoices):
    """五公开: the five kinds of openness required of government information."""

    DECISION = "decision", _("决策公开")
    EXECUTION = "execution", _("执行公开")
    MANAGEMENT = "management", _("管理公开")
    SERVICE = "service", _("服务公开")
    RESULT = "result", _("结果公开")


class DisclosureMethod(models.TextChoices):
    ACTIVE = "active", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")


class Topic(models.Model):
    """A 主题分类 of the platform-wide topic taxonomy (kept by platform administrators)."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面。"))

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")

    def __str__(self):
        return self.name


class IndexNumberSequence(models.Model):
    """The last serial used per organisation code and year; a row lock keeps numbers unique."""

    organisation_code = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation_code", "year"], name="unique_index_number_sequence")
        ]

    def __str__(self):
        return f"{self.organisation_code}/{self.year}: {self.last_serial}"

    @classmethod
    def next_index_number(cls, organisation_code, year):
        with transaction.atomic():
            cls.objects.get_or_create(organisation_code=organisation_code, year=year)
            sequence = cls.objects.select_for_update().get(organisation_code=organisation_code, year=year)
            sequence.last_serial += 1
            sequence.save(update_fields=["last_serial"])
        return INDEX_NUMBER_FORMAT.format(code=organisation_code, year=year, serial=sequence.last_serial)


class DisclosureFields(models.Model):
    """Disclosure metadata for a page type. The page must define `disclosure_date()` and be in a site."""

    index_number = models.CharField(
        _("索引号"),
        max_length=50,
        blank=True,
        editable=False,
        help_text=_("保存时自动生成：机构代码/年份-序号。"),
    )
    disclosure_method = models.CharField(
        _("公开方式"), max_length=20, choices=DisclosureMethod.choices, default=DisclosureMethod.ACTIVE
    )
    disclosure_category = models.CharField(_("公开类别"), max_length=20, choices=DisclosureCategory.choices, blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("主题分类"), blank=True, related_name="+")

    disclosure_panels = [
        MultiFieldPanel(
            [FieldPanel("disclosure_method"), FieldPanel("disclosure_category"), FieldPanel("topics")],
            heading=_("信息公开"),
        )
    ]
    disclosure_search_fields = [
        index.SearchField("index_number"),
        index.FilterField("index_number"),
        index.FilterField("disclosure_category"),
    ]
    # For the page type's override_translatable_fields: a translation is the same document, so it shares the
    # number, method, category and topics. wagtail-localize skips many-to-many fields (the topics) and
    # non-editable ones (the number) unless declared; declared, it copies them onto the translation.
    disclosure_translated_fields = facts("index_number", "disclosure_method", "disclosure_category", "topics")
    # A copy is a new document: it gets a number of its own when saved.
    exclude_fields_in_copy = ["index_number"]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.assign_index_number()
        return super().save(*args, **kwargs)

    def disclosure_date(self):
        raise NotImplementedError

    def organisation_code(self):
        """The code of the site that publishes the page (see HomePage.organisation_code)."""
        home = site_home_of(self)
        return home.disclosure_organisation_code() if home else "0"

    def assign_index_number(self):
        """Give the page its number once, when first saved in the tree; a translation shares its source's.

        Numbers come from a locked sequence, so they are unique by construction (a database
        constraint cannot span the page table, where the locale lives, and this one).
        """
        if self.index_number or not self.path:
            return
        self.index_number = self.translation_index_number() or IndexNumberSequence.next_index_number(
            self.organisation_code(), self.disclosure_date().year
        )

    def translation_index_number(self):
        translations = type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
        return translations.exclude(index_number="").values_list("index_number", flat=True).first()

    def with_content_json(self, content):
        """A revision saved before the number existed must not blank it when published or restored."""
        page = super().with_content_json(content)
        page.index_number = self.index_number or page.index_number
        return page
