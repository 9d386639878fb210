"""Per-site identity shown in every page footer, as the inspection rules require, and each site's role groups."""

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

identifier_code_validator = RegexValidator(r"^\d{10}$", _("政府网站标识码为10位数字。"))
phone_validator = RegexValidator(r"^[0-9+\-() ]{5,30}$", _("请填写有效的电话号码。"))
https_url_validator = URLValidator(schemes=["https"], message=_("请填写以 https:// 开头的网址。"))

# 我为政府网站找错, the national error-report platform of the General Office of the State Council: the footer links
# to it until a site has an error-report form of its own (a plain link; nothing is fetched from it).
NATIONAL_ERROR_REPORT_URL = "https://zfwzzc.www.gov.cn/"

# The names the English pages show, by the Chinese field they translate; the numbers and links serve every language.
ENGLISH_NAME_FIELDS = {
    "site_name": "site_name_en",
    "sponsor": "sponsor_en",
    "organizer": "organizer_en",
    "address": "address_en",
}

CHINESE_LANG = "zh-Hans"


class Name(NamedTuple):
    """A name as a page shows it: its text, and its language ("zh-Hans") when it is not the page's."""

    text: str
    lang: str


# What inspection requires on every page: until these are filled in, the site shows a holding page (sitegroup.holding).
MANDATORY_IDENTITY_FIELDS = ("identifier_code", "icp_number", "police_record_number", "sponsor")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    site_name = models.CharField(_("网站名称"), max_length=100)
    identifier_code = models.CharField(
        _("政府网站标识码"), max_length=10, blank=True, validators=[identifier_code_validator]
    )
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True, help_text=_("例如：京ICP备05070218号"))
    police_record_number = models.CharField(
        _("公安机关备案号"), max_length=50, blank=True, help_text=_("例如：京公网安备11010202000001号")
    )
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    organizer = models.CharField(_("承办单位"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True, validators=[phone_validator])
    address = models.CharField(_("联系地址"), max_length=200, blank=True)
    site_name_en = models.CharField(_("英文网站名称"), max_length=200, blank=True)
    sponsor_en = models.CharField(_("主办单位（英文）"), max_length=200, blank=True)
    organizer_en = models.CharField(_("承办单位（英文）"), max_length=200, blank=True)
    address_en = models.CharField(_("联系地址（英文）"), max_length=300, blank=True)
    show_party_government_mark = models.BooleanField(_("显示党政机关网站标识"), default=True)
    party_government_mark_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        validators=[https_url_validator],
        help_text=_("标识的核验网址（开办党政机关网站时由机构编制部门提供）；填写后，页脚的标识链接到该网址。"),
    )
    error_report_url = models.URLField(
        _("“我为政府网站找错”链接"),
        blank=True,
        default=NATIONAL_ERROR_REPORT_URL,
        validators=[https_url_validator],
        help_text=_(
            "页脚“我为政府网站找错”的链接，默认为国务院办公厅“我为政府网站找错”平台；本站有自己的找错表单时可改为其网址；留空则不显示。"
        ),
    )

    panels = [
        FieldPanel("site_name"),
        MultiFieldPanel(
            [
                FieldPanel("identifier_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_record_number"),
                FieldPanel("show_party_government_mark"),
                FieldPanel("party_government_mark_url"),
                FieldPanel("error_report_url"),
            ],
            heading=_("备案与标识"),
        ),
        MultiFieldPanel(
            [FieldPanel("sponsor"), FieldPanel("organizer"), FieldPanel("phone"), FieldPanel("address")],
            heading=_("主办与联系"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in ENGLISH_NAME_FIELDS.values()],
            heading=_("英文版名称"),
            help_text=_("英文版页面显示的名称；留空则显示中文名称。标识码、备案号、电话和链接各语言共用。"),
        ),
    ]

    class Meta:
        verbose_name = _("网站标识")
        # The platform's rights (sitegroup.platform): on this model because a real model gives them a content
        # type the group editor shows.
        permissions = [
            ("provision_subsite", _("可以开设下级站点")),
            ("view_all_sites", _("查看全平台记录")),
            ("staff_sites", _("可以为各站点配备人员")),
        ]

    def missing_fields(self):
        """The verbose names of the mandatory fields still blank."""
        blank = [name for name in MANDATORY_IDENTITY_FIELDS if not getattr(self, name)]
        return [self._meta.get_field(name).verbose_name for name in blank]

    def names(self):
        """The site's name, sponsor, organizer and address as the active language's pages show them, by field.

        English pages show the English forms; where one is blank (or in another foreign language) the Chinese,
        with its language (Name.lang) so that the page can mark it and screen readers read it as Chinese."""
        language = get_language()
        names = {}
        for field, english_field in ENGLISH_NAME_FIELDS.items():
            translated = getattr(self, english_field) if language == "en" else ""
            text = translated or getattr(self, field)
            untranslated = text and not translated and language != settings.LANGUAGE_CODE
            names[field] = Name(text, CHINESE_LANG if untranslated else "")
        return names

    def police_record_code(self):
        """The digits of 公安机关备案号, used in the link to the public-security filing."""
        return "".join(ch for ch in self.police_record_number if ch.isdigit())


def held_site_paths(visiting_path=""):
    """Tree paths of the sites not yet public (identity incomplete), bar the one at `visiting_path` and those above it.

    sitegroup.holding holds their pages wherever they are served; listings and
    search of the sites above must not advertise them either (one query).
    """
    incomplete = Q(siteidentity__isnull=True) | Q(
        *[Q(**{f"siteidentity__{name}": ""}) for name in MANDATORY_IDENTITY_FIELDS], _connector=Q.OR
    )
    paths = Site.objects.filter(incomplete).values_list("root_page__path", flat=True)
    return [path for path in paths if not visiting_path.startswith(path)]


class SiteRole(models.Model):
    """A role group of a site, recorded by provisioning (sitegroup.provisioning).

    Rights that belong to a role of a particular site (a 管理员 forcing publication, the mailbox escalating
    overdue letters to the site's 管理员) read this record, never the group's name: renaming a group in the
    admin changes nobody's rights, and a group merely named like a role gains none.
    """

    class Role(models.TextChoices):
        OFFICER = "officer", _("信息员")
        EDITOR = "editor", _("编辑")
        REVIEWER = "reviewer", _("审核")
        APPROVER = "approver", _("签发")
        ADMINISTRATOR = "administrator", _("管理员")
        # Recorded by translations.provisioning when the site opens a foreign-language version.
        TRANSLATOR = "translator", _("翻译")

    home = models.ForeignKey("home.HomePage", verbose_name=_("站点首页"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, verbose_name=_("用户组"), on_delete=models.CASCADE, related_name="site_role")

    class Meta:
        verbose_name = _("站点角色")
        verbose_name_plural = _("站点角色")
        constraints = [models.UniqueConstraint(fields=["home", "role"], name="sitegroup_siterole_one_group_per_role")]

    def __str__(self):
        return self.group.name
