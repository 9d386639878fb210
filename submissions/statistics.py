"""信息报送's figures in the 信息报送统计 report (release.reports.statistics): 上级采用 and 上级退回 of the pages
counted, added through the govcms_release_statistics_submissions hook."""

from release.reports.statistics import UpwardSubmission
from submissions.models import Status, Submission


def decided_submissions(pages, window):
    """The 信息报送 of `pages` adopted or returned in `window`."""
    decided = Submission.objects.filter(
        article__in=pages.values("pk"), decided_at__gte=window.start, decided_at__lt=window.end
    ).exclude(status=Status.PENDING)
    return [
        UpwardSubmission(
            page_id=page_id, officer_id=officer_id, decided_at=decided_at, adopted=status == Status.ADOPTED
        )
        for page_id, officer_id, decided_at, status in decided.values_list(
            "article_id", "submitted_by_id", "decided_at", "status"
        )
    ]
