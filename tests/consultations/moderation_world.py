"""Consultations and comments for the moderation tests and the site-scope enumeration (tests/sitegroup)."""

import itertools
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from consultations.models import Comment, CommentStatus, ConsultationIndexPage, ConsultationKind, ConsultationPage

_numbers = itertools.count(1)


def consultation_index(home):
    """The 意见征集 column provisioned under the site's 互动交流."""
    column = Page.objects.get(slug="hdjl", path__startswith=home.path, depth=home.depth + 1)
    return ConsultationIndexPage.objects.child_of(column).get()


def consultation_on(home, *, closes=None, title=None, feedback=""):
    """A live 规章 consultation of 40 days on the site of `home`, closing at `closes` (in 10 days by default)."""
    number = next(_numbers)
    closes = closes or timezone.now() + timedelta(days=10)
    page = ConsultationPage(
        title=title or f"征求意见稿{number}",
        slug=f"moderation-{number}",
        kind=ConsultationKind.objects.get(name="规章"),
        organiser="司法局",
        summary="征求社会公众意见。",
        opens_at=closes - timedelta(days=40),
        closes_at=closes,
        draft=[("section", {"heading": "第一条", "body": "<p>内容。</p>"})],
        feedback=feedback,
    )
    consultation_index(home).add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def comment_on(consultation, home, *, content="建议延长办理时限。", contact="13812345678", **fields):
    return Comment.objects.create(
        consultation=consultation,
        site_home_id=home.pk,
        content=content,
        contact=contact,
        status=fields.pop("status", CommentStatus.PENDING),
        **fields,
    )
