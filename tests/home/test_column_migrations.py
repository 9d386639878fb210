"""The migrations that took the index pages off the concrete ColumnPage (policy 0002-0003, disclosure 0004-0005,
see home/migrations/_column_base.py) keep every page, field value, child and revision, both ways.

Transactional (the migrations commit): the test migrates its database back to before them, changes and adds
index pages with the models of that time, migrates forward and checks what the pages are now.
"""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page, Revision

from disclosure.models import DisclosureCatalogPage
from home.models import ColumnPage
from policy.models import InterpretationIndexPage, PolicyIndexPage
from tests.factories import ArticlePageFactory

BEFORE = [("policy", "0001_initial"), ("disclosure", "0003_disclosurecatalogpage")]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets=None):
    """Migrate to `targets` (default: the latest migrations) and return the models of every app as they are then."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    # A backward migrate returns the state before its plan's last migration, which is wrong when that migration is
    # another app's (consultations 0001 depends on policy 0003): a second migrate with nothing left to do returns
    # the state of the migrations applied.
    return MigrationExecutor(connection).migrate(targets).apps


def test_index_pages_keep_their_column_fields_children_and_revisions(site_group, client):
    home = site_group.county_a.home
    library = PolicyIndexPage.objects.descendant_of(home).get()
    catalogue = DisclosureCatalogPage.objects.descendant_of(home).get()
    zwgk = ColumnPage.objects.child_of(home).get(slug="zwgk")
    added = zwgk.add_child(instance=InterpretationIndexPage(title="专家解读", slug="zjjd", family="interpret"))
    added.save_revision().publish()
    index_pages = [library, catalogue, added, *InterpretationIndexPage.objects.exclude(pk=added.pk)]
    types = {page.pk: type(page) for page in index_pages}
    children = {page.pk: list(page.get_children().values_list("pk", flat=True)) for page in index_pages}
    revisions = {
        page.pk: list(Revision.page_revisions.filter(object_id=str(page.pk)).values_list("pk", flat=True))
        for page in index_pages
    }
    article = ArticlePageFactory(parent=site_group.county_b.home.get_children().get(slug="zwdt").specific)

    old = migrate(BEFORE)
    old.get_model("policy", "PolicyIndexPage").objects.filter(pk=library.pk).update(
        family="service", update_category="news", intro="<p>文件库说明</p>", include_subsites=True
    )
    # A 报送 to an index page would lose its target: the migration refuses until it is gone.
    submission = old.get_model("submissions", "Submission").objects.create(
        article_id=article.pk, target_id=catalogue.pk
    )
    with pytest.raises(RuntimeError, match="submissions.Submission"):
        migrate()
    submission.delete()
    migrate()

    library = PolicyIndexPage.objects.get(pk=library.pk)
    assert (library.family, library.update_category, library.intro) == ("service", "news", "<p>文件库说明</p>")
    assert library.include_subsites
    assert InterpretationIndexPage.objects.get(pk=added.pk).family == "interpret"
    for page in index_pages:
        page = Page.objects.get(pk=page.pk).specific
        assert type(page) is types[page.pk]
        assert list(page.get_children().values_list("pk", flat=True)) == children[page.pk]
        page_revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
        assert list(page_revisions.values_list("pk", flat=True)) == revisions[page.pk]
        # Revisions saved before hold aggregate_subsites and accepts_submissions, which these pages lost.
        assert all(revision.as_object().title == page.title for revision in page_revisions)
        _site_id, root_url, path = page.get_url_parts()
        assert client.get(path, HTTP_HOST=urlsplit(root_url).netloc).status_code == 200
    assert not ColumnPage.objects.filter(pk__in=[page.pk for page in index_pages]).exists()
