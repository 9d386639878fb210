"""Policies (政策文件), their interpretations (政策解读) and the 发文机关 they name, for one demo site.

Called by the loader for every site it opens, after the articles. Pages are
published directly, revision by revision, as the loader does for articles: the
demo shows content that has been through the release workflow, not a queue.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from demo.history import publish
from disclosure.models import Topic
from home.models import HomePage
from policy.models import (
    InterpretationPage,
    InterpretationPolicy,
    IssuingBody,
    PolicyAttachment,
    PolicyPage,
    Validity,
)

# Pages carry the date they were "published" at the start of a working day.
PUBLISHING_TIME = time(9, 0)


def publish_policies(spec, home, columns, media):
    """Create the site's issuing bodies, then publish its policies and interpretations; return the page count."""
    for order, name in enumerate(spec.issuing_bodies):
        IssuingBody.objects.get_or_create(site_home=home, name=name, defaults={"sort_order": order * 10})
    policies = {}
    for policy in spec.policies:
        policies[policy.slug] = _publish_policy(columns[policy.column], policy, home, media, policies)
    for interpretation in spec.interpretations:
        _publish_interpretation(columns[interpretation.column], interpretation, policies, media)
    return len(spec.policies) + len(spec.interpretations)


def day_of(spec):
    return spec.published or timezone.localdate() - timedelta(days=spec.days_ago)


def published_at(day):
    return timezone.make_aware(datetime.combine(day, PUBLISHING_TIME))


def raw_body(blocks, media, year):
    return [
        {"type": block_type, "value": value} for block_type, value in (block.to_raw(media, year) for block in blocks)
    ]


def topics_named(names):
    topics = list(Topic.objects.filter(name__in=names))
    if len(topics) != len(set(names)):
        raise ValueError(f"Unknown topics among {names}: the demo names topics of the seeded taxonomy.")
    return topics


def _issuing_bodies(home, names):
    """The named bodies of this site or of the sites above it, as the policy form offers them."""
    bodies = IssuingBody.objects.filter(site_home__in=HomePage.objects.ancestor_of(home, inclusive=True))
    by_name = {body.name: body for body in bodies.filter(name__in=names)}
    return [by_name[name] for name in names]


def _publish_policy(library, spec, home, media, earlier):
    day = day_of(spec)
    documents = media.add_documents(spec, day)
    page = PolicyPage(
        title=spec.title.format(year=day.year),
        slug=spec.slug,
        document_number=spec.document_number.format(year=day.year),
        written_date=day - timedelta(days=spec.written_days_before),
        publish_date=day,
        is_major=spec.is_major,
        summary=spec.summary.format(year=day.year),
        body=raw_body(spec.body, media, day.year),
        disclosure_category=spec.disclosure_category,
        first_published_at=published_at(day),
    )
    if spec.repealed_by:
        replacement = earlier[spec.repealed_by]
        page.validity = Validity.REPEALED
        page.validity_changed_on = replacement.publish_date
        page.replaced_by = replacement
    page.issuing_bodies = _issuing_bodies(home, spec.issuing_bodies)
    page.topics = topics_named(spec.topics)
    page.attachments = [PolicyAttachment(document=documents[title.format(year=day.year)]) for title in spec.attachments]
    library.add_child(instance=page)
    publish(page)
    return page


def _publish_interpretation(column, spec, policies, media):
    day = day_of(spec)
    page = InterpretationPage(
        title=spec.title,
        slug=spec.slug,
        kind=spec.kind,
        date=day,
        interpreter=spec.interpreter,
        interpreter_title=spec.interpreter_title,
        interpreter_organisation=spec.interpreter_organisation,
        summary=spec.summary,
        body=raw_body(spec.body, media, day.year),
        first_published_at=published_at(day),
    )
    page.policy_links = [InterpretationPolicy(policy=policies[slug]) for slug in spec.policies]
    column.add_child(instance=page)
    publish(page)
