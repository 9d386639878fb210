"""Recording the broken links as LinkFinding rows: one open row per page and target while it is broken."""

from django.utils import timezone

from monitoring.models import LinkFinding, LinkKind

BATCH_SIZE = 500


def record_findings(broken, site_by_page, findings_q, still_present, external):
    """Open, keep or close the findings within `findings_q` after a check.

    `broken`: {(page id, Link): problem}; `site_by_page`: {page id: site home id}; `still_present`: the
    (page id, Link) pairs of external links this run did not judge, whose open findings stay as they are.
    A finding is closed (fixed_at) when its link works again, left the page, or its page went offline.
    Returns the number of open findings within `findings_q`.
    """
    now = timezone.now()
    open_rows = LinkFinding.objects.filter(findings_q, fixed_at__isnull=True)
    existing = {(row.page_id, row.kind, row.target): row for row in open_rows}
    changed, new = [], []
    for (page_id, link), problem in broken.items():
        row = existing.pop((page_id, link.kind, link.target), None)
        if row is None:
            new.append(new_finding(page_id, site_by_page[page_id], link, problem, now))
        elif row.problem != problem or row.site_home_id != site_by_page[page_id]:
            row.problem, row.site_home_id = problem, site_by_page[page_id]
            changed.append(row)
    kept = {(page_id, link.kind, link.target) for page_id, link in still_present}
    fixed = [row.pk for key, row in existing.items() if key not in kept]
    for start in range(0, len(fixed), BATCH_SIZE):
        LinkFinding.objects.filter(pk__in=fixed[start : start + BATCH_SIZE]).update(fixed_at=now)
    LinkFinding.objects.bulk_update(changed, ["problem", "site_home"], batch_size=BATCH_SIZE)
    # Everything still open was seen broken in this run, except external links left unjudged.
    rechecked = LinkFinding.objects.filter(findings_q, fixed_at__isnull=True)
    if not external:
        rechecked = rechecked.exclude(kind=LinkKind.EXTERNAL)
    rechecked.update(last_checked_at=now)
    LinkFinding.objects.bulk_create(new, batch_size=BATCH_SIZE)
    return len(broken) + len(kept & set(existing))


def new_finding(page_id, site_id, link, problem, now):
    return LinkFinding(
        page_id=page_id,
        site_home_id=site_id,
        kind=link.kind,
        target=link.target,
        problem=problem[:200],
        first_found_at=now,
        last_checked_at=now,
    )
