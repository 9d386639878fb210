"""Shared fixtures (docs/testing.md explains them, with the suite's timings).

The site group. Every test process provisions one site group into its test database before the
first test (`django_db_setup` below): a city portal on `localhost`, two counties with hostnames of
their own and a department without one, made by `provision_subsite` as in production
(tests/site_group.py). Every test that uses the database sees it, and runs in a transaction that
is rolled back, so what a test changes is gone for the next one. The `site_group` fixture hands
each test its own copy of the objects, read again from the database. A test that needs a tree of
its own opens more sites with `provision_subsite`, or starts without the group: the
`without_site_group` fixture deletes it inside the test's transaction (the demo tests call
`remove_site_group` for a whole module).

Transactional tests (`transaction=True`, `transactional_db`, `live_server`) commit, and Django
empties every table after each of them; they are given serialized rollback, so each starts from
the database as it was after provisioning, and so does any test that runs after them.

Search. Neither the site search index (search.signal_handlers) nor Wagtail's index follows page changes
(govcms/settings/test.py). A test that searches asks for the `search_index` fixture, or is marked
`@pytest.mark.search_index`, and every page saved during it is indexed as in production; the
shared site group is indexed when it is provisioned.
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation
from pytest_django.fixtures import validate_django_db

from sitegroup.models import SiteIdentity
from tests.factories import ArticlePageFactory, UserFactory
from tests.site_group import SiteGroup, provision_site_group, reloaded, remove_site_group, search_indexing

SHARED = pytest.StashKey["Shared"]()


@dataclass
class Shared:
    """What a test process keeps about its database: the site group, and whether a flush emptied it."""

    site_group: SiteGroup
    db_blocker: object
    emptied: bool = False


def pytest_configure(config):
    config.addinivalue_line("markers", "search_index: index the pages the test saves, as in production")


def restore_serialized_contents_past_the_audit_trigger():
    """Let serialized rollback restore Wagtail's log entries on PostgreSQL.

    After a transactional test Django re-saves every serialized row, log entries included, as UPDATEs with
    timestamps cut to milliseconds; the append-only trigger (sitegroup migration 0005) refuses those. The
    restoring session runs in replica mode, which skips ordinary triggers for that session only — the
    application's sessions keep the trigger, and tests/sitegroup's trigger tests still see it.
    """
    from django.db.backends.postgresql.creation import DatabaseCreation

    deserialize = DatabaseCreation.deserialize_db_from_string

    def deserialize_as_replica(self, data):
        with self.connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            deserialize(self, data)
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")

    DatabaseCreation.deserialize_db_from_string = deserialize_as_replica


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database, with the shared site group provisioned (and indexed) once per test process."""
    restore_serialized_contents_past_the_audit_trigger()
    with django_db_blocker.unblock():
        site_group = provision_site_group()
        # Django keeps the database's contents for serialized rollback when a transactional test is to
        # run (see pytest_collection_modifyitems); they now include the site group.
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    request.config.stash[SHARED] = Shared(site_group=site_group, db_blocker=django_db_blocker)


def _is_transactional(item):
    """Whether pytest-django runs the test as a TransactionTestCase (which flushes the database after it)."""
    marker = item.get_closest_marker("django_db")
    transaction, reset_sequences, *_rest = validate_django_db(marker) if marker else (False, False)
    fixtures = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return transaction or reset_sequences or bool(fixtures & set(getattr(item, "fixturenames", ())))


def _uses_db(item):
    return item.get_closest_marker("django_db") is not None or "db" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """Transactional tests restore the shared data after the flush that ends them."""
    for item in items:
        if _is_transactional(item):
            marker = item.get_closest_marker("django_db")
            args, kwargs = (marker.args, marker.kwargs) if marker else ((), {})
            item.add_marker(pytest.mark.django_db(*args, **{**kwargs, "serialized_rollback": True}))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Django reloads the shared data at the start of a transactional test; give it back to other tests too.

    pytest-django runs transactional tests after all others, but xdist's --dist loadfile, for one, does not.
    """
    shared = item.config.stash.get(SHARED, None)
    if shared and shared.emptied and _uses_db(item) and not _is_transactional(item):
        with shared.db_blocker.unblock():
            for connection in connections.all():
                if hasattr(connection, "_test_serialized_contents"):
                    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
        shared.emptied = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    shared = item.config.stash.get(SHARED, None)
    if shared and _is_transactional(item):
        shared.emptied = True
    return result


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /en/… leaves English active in the thread
    (LocaleMiddleware activates, nothing deactivates), and a later test would print English."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: no rate limit counted, no Site root paths from an earlier test."""
    cache.clear()


@pytest.fixture(autouse=True)
def _search_index_marker(request):
    if request.node.get_closest_marker("search_index"):
        request.getfixturevalue("search_index")


@pytest.fixture
def search_index():
    """Index pages as they are saved, moved or restricted, in the site search and Wagtail's index."""
    with search_indexing():
        yield


@pytest.fixture
def site_group(db, request):
    """The shared site group (see the module docstring), as objects of this test's own.

    Attributes as returned by provisioning: site_group.portal.home, .site, .collection,
    .groups["编辑"]; likewise county_a, county_b and department.
    """
    return reloaded(request.config.stash[SHARED].site_group)


@pytest.fixture
def without_site_group(db):
    """The tree as the migrations left it: the shared site group is deleted, until this test's rollback."""
    remove_site_group()


@pytest.fixture
def make_user(db):
    """Create a user in the given role groups, e.g. make_user(site_group.county_a.groups["编辑"])."""

    def _make_user(*groups, **kwargs):
        return UserFactory(groups=list(groups), **kwargs)

    return _make_user


@pytest.fixture
def identities(site_group):
    """Different identity values for the portal and county A."""
    SiteIdentity.objects.filter(site=site_group.portal.site).update(
        identifier_code="1100000001",
        icp_number="京ICP备00000001号",
        police_record_number="京公网安备11010202000001号",
        sponsor="示例市人民政府办公室",
        organizer="示例市大数据中心",
        phone="010-12345678",
        address="示例市人民路1号",
        show_party_government_mark=True,
    )
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(
        identifier_code="1100000002",
        icp_number="京ICP备00000002号",
        police_record_number="京公网安备11010202000002号",
        sponsor="甲县人民政府办公室",
        organizer="",
        phone="010-87654321",
        address="甲县中心路2号",
        show_party_government_mark=False,
    )
    return site_group


@dataclass
class Staff:
    officer: object
    reviewer: object
    approver: object
    administrator: object


@pytest.fixture
def county_a_staff(site_group, make_user):
    groups = site_group.county_a.groups
    return Staff(
        officer=make_user(groups["信息员"]),
        reviewer=make_user(groups["审核"]),
        approver=make_user(groups["签发"]),
        administrator=make_user(groups["管理员"]),
    )


@pytest.fixture
def draft(site_group, county_a_staff):
    """An unpublished article written by county A's information officer, on its way into the release workflow."""
    column = site_group.county_a.home.get_children().get(slug="zwdt").specific
    article = ArticlePageFactory(parent=column, title="甲县召开防汛工作会议", slug="fangxun", live=False)
    article.owner = county_a_staff.officer
    article.save()
    article.save_revision(user=county_a_staff.officer)
    return article
