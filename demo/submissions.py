"""Demo 信息报送: the portal's 政务动态 accepts submissions, and the first county's two news articles were
offered to it: the older one adopted by the portal's editor, the newer one waiting.

Called by the demo loader (demo.loader) after the sites and users exist; a column that already has
submissions is left alone, so loading twice adds nothing.
"""

from django.contrib.auth import get_user_model

from home.models import ArticlePage, ColumnPage, SiteKind
from submissions import handling

COLUMN_SLUG = "zwdt"


def load_submissions_demo(loaded_sites):
    """Submissions of the first county of the loaded (spec, ProvisionResult) pairs to the portal's 政务动态."""
    portal = loaded_sites[0][1]
    county = next((result for spec, result in loaded_sites if spec.kind == SiteKind.COUNTY), None)
    column = ColumnPage.objects.child_of(portal.home).filter(slug=COLUMN_SLUG).first()
    if county is None or column is None or column.submissions.exists():
        return 0
    if not column.accepts_submissions:
        column.accepts_submissions = True
        column.save_revision().publish()
    news = ColumnPage.objects.child_of(county.home).get(slug=COLUMN_SLUG)
    articles = list(ArticlePage.objects.child_of(news).live().order_by("date", "pk")[:2])
    if len(articles) < 2:  # deleted while trying the demo
        return 0
    older, newer = articles
    officer = _member(county.groups["信息员"])
    handling.adopt(handling.submit(older, column, officer), _member(portal.groups["编辑"]))
    handling.submit(newer, column, officer)
    return 2


def _member(group):
    return get_user_model().objects.filter(groups=group).order_by("pk").first()
