"""Monitoring and assessment (监测考核): what the inspection would find, found first (docs/monitoring.md).

* `MonitoringSettings` — the platform's limits: how long each update category may go without an update, and
  the warning thresholds ahead of each national line.
* `SiteAudit` — one site's daily snapshot made by `audit_sites`: each item's status, figure and evidence.
* `AuditAlert` — the warnings e-mailed to a site's administrators, at most one per item and day.
* `LinkFinding` / `ExternalLinkCheck` — broken links per page, and the cache of recent external checks.
* `ErrorReport` — 我为政府网站找错 reports from the public and their handling.
* `PageFeedback` — "这条信息对您有帮助吗" answers.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from workdays.calendar import add_working_days

# Lengths of what the public types (the forms validate against these; the columns hold them).
DESCRIPTION_MAX_LENGTH = 1000
CONTACT_MAX_LENGTH = 100
FEEDBACK_COMMENT_MAX_LENGTH = 300
PAGE_URL_MAX_LENGTH = 500


class Status(models.TextChoices):
    """An audit item's verdict, and a site's overall verdict (the worst of its items)."""

    PASS = "pass", _("合格")
    WARNING = "warning", _("预警")
    FAIL = "fail", _("不合格")


STATUS_ORDER = {Status.PASS: 0, Status.WARNING: 1, Status.FAIL: 2}


@register_setting(icon="warning")
class MonitoringSettings(BaseGenericSetting):
    """The platform's monitoring limits. The national lines (国办秘函〔2019〕19号) are the defaults; the
    warning thresholds are how early govcms warns before a line is crossed."""

    home_limit_days = models.PositiveSmallIntegerField(_("首页更新期限（天）"), default=14)
    home_warning_days = models.PositiveSmallIntegerField(_("首页未更新预警（天）"), default=10)
    news_limit_days = models.PositiveSmallIntegerField(_("动态要闻栏目更新期限（天）"), default=14)
    notice_limit_months = models.PositiveSmallIntegerField(_("通知公告栏目更新期限（月）"), default=6)
    policy_limit_months = models.PositiveSmallIntegerField(_("政策文件栏目更新期限（月）"), default=6)
    personnel_limit_months = models.PositiveSmallIntegerField(_("人事规划栏目更新期限（月）"), default=12)
    column_warning_days = models.PositiveSmallIntegerField(
        _("栏目临期提醒（天）"),
        default=4,
        help_text=_("栏目距更新期限不足这些天时列为临期，计入预警。"),
    )
    stale_columns_warning = models.PositiveSmallIntegerField(_("超期未更新栏目预警（个）"), default=3)
    unupdated_columns_warning = models.PositiveSmallIntegerField(_("应更未更栏目预警（个）"), default=7)
    blank_columns_warning = models.PositiveSmallIntegerField(_("空白栏目预警（个）"), default=3)
    error_report_working_days = models.PositiveSmallIntegerField(_("网站找错答复期限（工作日）"), default=3)
    send_alerts = models.BooleanField(
        _("邮件预警"), default=True, help_text=_("监测项转为预警或不合格时，每天至多一次邮件通知站点管理员。")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("home_limit_days"), FieldPanel("home_warning_days")],
            heading=_("首页"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("news_limit_days"),
                FieldPanel("notice_limit_months"),
                FieldPanel("policy_limit_months"),
                FieldPanel("personnel_limit_months"),
                FieldPanel("column_warning_days"),
            ],
            heading=_("栏目更新期限"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("stale_columns_warning"),
                FieldPanel("unupdated_columns_warning"),
                FieldPanel("blank_columns_warning"),
            ],
            heading=_("预警阈值"),
        ),
        FieldPanel("error_report_working_days"),
        FieldPanel("send_alerts"),
    ]

    class Meta:
        verbose_name = _("监测设置")
        verbose_name_plural = _("监测设置")


class SiteAudit(models.Model):
    """One site's audit on one day. `items` is a list of dicts in the order of monitoring.items.ITEMS:

    {"key", "status" (Status), "value" (the item's figure), "line" (the national line, if any),
     "warning_at", "deduction" (points), "since" (ISO date the status began), "evidence": [
        {"title", "url" (public or admin), "detail", "date" (ISO, optional)}]}
    """

    home = models.ForeignKey("home.HomePage", verbose_name=_("站点"), on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("日期"), db_index=True)
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    status = models.CharField(_("结论"), max_length=10, choices=Status.choices)
    score = models.PositiveSmallIntegerField(_("得分"))
    items = models.JSONField(_("监测项"), default=list)
    # Counts for the annual report that the items do not keep (e.g. pages published that day).
    figures = models.JSONField(_("统计"), default=dict)

    class Meta:
        verbose_name = _("站点监测")
        verbose_name_plural = _("站点监测")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["home", "date"], name="monitoring_one_audit_per_site_day")]
        permissions = [
            ("view_scorecard", _("查看站点监测与考核")),
            ("run_audit", _("立即监测")),
            ("manage_columns", _("合并、关闭栏目")),
        ]

    def __str__(self):
        return f"{self.home_id} {self.date}"

    def item(self, key):
        return next((item for item in self.items if item["key"] == key), None)


class AuditAlert(models.Model):
    """An e-mail warning sent for an item of a site: one per site, item and day."""

    home = models.ForeignKey("home.HomePage", on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=40)
    date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["home", "item", "date"], name="monitoring_one_alert_per_day")]

    def __str__(self):
        return f"{self.home_id} {self.item} {self.date}"


class LinkKind(models.TextChoices):
    PAGE = "page", _("站内页面")
    DOCUMENT = "document", _("文档")
    IMAGE = "image", _("图片")
    EXTERNAL = "external", _("外部链接")


class LinkFinding(models.Model):
    """A broken link on a live page, from when it was first found until it was fixed (`fixed_at`)."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+")
    site_home = models.ForeignKey("home.HomePage", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=10, choices=LinkKind.choices)
    target = models.CharField(_("链接"), max_length=2000)
    problem = models.CharField(_("问题"), max_length=200)
    first_found_at = models.DateTimeField(_("发现时间"), default=timezone.now)
    last_checked_at = models.DateTimeField(_("最近检查"), default=timezone.now)
    fixed_at = models.DateTimeField(_("修复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("失效链接")
        verbose_name_plural = _("失效链接")
        indexes = [models.Index(fields=["site_home", "fixed_at"])]

    def __str__(self):
        return self.target


class ExternalLinkCheck(models.Model):
    """The last result of checking an external URL over HTTP (a cache: recent results are not fetched again)."""

    url = models.CharField(max_length=2000)
    url_hash = models.CharField(max_length=64, unique=True)
    ok = models.BooleanField()
    status_code = models.PositiveSmallIntegerField(null=True)
    problem = models.CharField(max_length=200, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.url


class ProblemType(models.TextChoices):
    CONTENT = "content", _("内容错误")
    BROKEN_LINK = "link", _("链接失效")
    UNREACHABLE = "unreachable", _("无法访问")
    TYPO = "typo", _("错别字")
    OTHER = "other", _("其他")


class ErrorReportStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    ANSWERED = "answered", _("已答复")


class ErrorReport(models.Model):
    """我为政府网站找错: a report from the public about a page of a site, answered within a few working days."""

    site_home = models.ForeignKey("home.HomePage", verbose_name=_("站点"), on_delete=models.PROTECT, related_name="+")
    page_url = models.CharField(_("页面地址"), max_length=PAGE_URL_MAX_LENGTH, blank=True)
    problem_type = models.CharField(_("问题类型"), max_length=20, choices=ProblemType.choices)
    description = models.TextField(_("问题描述"), max_length=DESCRIPTION_MAX_LENGTH)
    contact = models.CharField(_("联系方式"), max_length=CONTACT_MAX_LENGTH, blank=True)
    received_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    due_date = models.DateField(_("答复期限"))
    status = models.CharField(
        _("状态"), max_length=10, choices=ErrorReportStatus.choices, default=ErrorReportStatus.OPEN
    )
    answer = models.TextField(_("处理结果"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("网站找错")
        verbose_name_plural = _("网站找错")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["site_home", "status", "due_date"])]
        permissions = [("handle_errorreport", _("处理网站找错"))]

    def __str__(self):
        return str(_("找错 %(number)s") % {"number": self.pk})

    def save(self, *args, **kwargs):
        if not self.due_date:
            self.due_date = add_working_days(self.received_at, working_days_to_answer())
        super().save(*args, **kwargs)

    def is_overdue(self, today=None):
        return self.status == ErrorReportStatus.OPEN and (today or timezone.localdate()) > self.due_date


def working_days_to_answer():
    return MonitoringSettings.load().error_report_working_days


class PageFeedback(models.Model):
    """这条信息对您有帮助吗: one visitor's answer about one page."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+")
    site_home = models.ForeignKey("home.HomePage", on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField(_("有帮助"))
    comment = models.CharField(_("意见"), max_length=FEEDBACK_COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("页面评价")
        verbose_name_plural = _("页面评价")
        indexes = [models.Index(fields=["site_home", "created_at"])]

    def __str__(self):
        return f"{self.page_id} {'+' if self.helpful else '-'}"
