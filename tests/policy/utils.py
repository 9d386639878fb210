"""Building policies and interpretations the way the page tree holds them."""

import datetime

from wagtail.models import Page

from policy.models import InterpretationPage, InterpretationPolicy, IssuingBody, PolicyPage


def disclosure_column(provisioned, slug):
    """A column that provisioning creates under the site's 政务公开 (zwgk)."""
    zwgk = Page.objects.child_of(provisioned.home).get(slug="zwgk")
    return Page.objects.child_of(zwgk).get(slug=slug).specific


def library_of(provisioned):
    """The site's 政策文件库."""
    return disclosure_column(provisioned, "zcwj")


def interpretation_column_of(provisioned):
    return disclosure_column(provisioned, "zcjd")


def issuing_body(provisioned, name):
    return IssuingBody.objects.get_or_create(site_home=provisioned.home, name=name)[0]


def add_policy(library, title, *, bodies=(), publish=True, topics=(), **fields):
    fields.setdefault("written_date", datetime.date(2024, 3, 1))
    fields.setdefault("publish_date", datetime.date(2024, 3, 5))
    fields.setdefault("disclosure_category", "decision")
    policy = PolicyPage(title=title, live=False, body=[("paragraph", "<p>正文。</p>")], **fields)
    policy.issuing_bodies = list(bodies)
    policy.topics = list(topics)
    library.add_child(instance=policy)
    revision = policy.save_revision()
    if publish:
        revision.publish()
    return PolicyPage.objects.get(pk=policy.pk)


def add_interpretation(column, title, *, policies=(), publish=True, **fields):
    interpretation = InterpretationPage(title=title, live=False, body=[("paragraph", "<p>解读。</p>")], **fields)
    interpretation.policy_links = [InterpretationPolicy(policy=policy) for policy in policies]
    column.add_child(instance=interpretation)
    revision = interpretation.save_revision()
    if publish:
        revision.publish()
    return InterpretationPage.objects.get(pk=interpretation.pk)
