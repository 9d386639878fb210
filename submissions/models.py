"""信息报送: a sub-site's article offered to a column of a site above it (a county's news to the portal's 政务动态).

The portal's editors adopt (采用) or return (退回) it. An adopted article is
listed in the column (home.models.ColumnPage.listed_articles) as a link to the
county's own page: nothing is copied, so the text, its corrections and its
canonical address stay with the county, and withdrawing it there takes it off
the portal too.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("待采用")
    ADOPTED = "adopted", _("已采用")
    RETURNED = "returned", _("已退回")


class SubmissionQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(status=Status.ADOPTED)

    def pending(self):
        return self.filter(status=Status.PENDING)


class Submission(models.Model):
    article = models.ForeignKey(
        "home.ArticlePage", verbose_name=_("文章"), on_delete=models.CASCADE, related_name="submissions"
    )
    target = models.ForeignKey(
        "home.ColumnPage", verbose_name=_("报送栏目"), on_delete=models.CASCADE, related_name="submissions"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报送人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("报送时间"), auto_now_add=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    reason = models.TextField(_("退回理由"), blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("信息报送")
        verbose_name_plural = _("信息报送")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # Once waiting or adopted, an article is not offered to the same column again; after a return it may be.
            models.UniqueConstraint(
                fields=["article", "target"],
                condition=~models.Q(status="returned"),
                name="submissions_one_open_submission_per_column",
            )
        ]

    def __str__(self):
        return f"{self.article_id} → {self.target_id} ({self.status})"
