"""Read replica (govcms.db_router): anonymous visitors' GETs read from "replica", everything else from "default".

"replica" is a test mirror of the test database (govcms/settings/test.py): a second connection to the same data, so
which alias a query runs on shows where the router sent it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, router
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from govcms.db_router import PublicReadMiddleware

pytestmark = pytest.mark.django_db(databases=["default", "replica"])
# SQLite's in-memory test database shares its tables between the two connections under table locks: once the test's
# transaction has written a table, the mirror's connection cannot touch it. PostgreSQL runs these tests.
writes_in_the_test = pytest.mark.skipif(
    connections["default"].vendor == "sqlite", reason="the SQLite mirror cannot read tables the test wrote"
)


@pytest.fixture
def replica_routing(settings):
    """The settings DATABASE_REPLICA_URL turns on (the "replica" alias exists already)."""
    settings.DATABASE_ROUTERS = ["govcms.db_router.ReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "govcms.db_router.PublicReadMiddleware",
    )
    settings.MIDDLEWARE = middleware
    yield
    # The mirror's own session would otherwise keep the test database open when pytest drops it.
    connections["replica"].close()


def queries_per_alias(request):
    """(queries on default, queries on replica) while `request()` runs."""
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica"]) as rep:
        response = request()
    return response, len(primary), len(rep)


def routed_read(request):
    """The alias the router picks for a read made while the middleware handles `request`."""
    return PublicReadMiddleware(lambda request: router.db_for_read(Page))(request)


def test_an_anonymous_visitors_page_is_read_from_the_replica(replica_routing, site_group):
    response, on_primary, on_replica = queries_per_alias(lambda: Client().get("/"))

    assert response.status_code == 200
    # Only the site settings' get_or_create asks the primary (Django sends it to the write database).
    assert on_primary <= 2 < on_replica


@writes_in_the_test
def test_the_admin_and_logged_in_users_read_the_primary(replica_routing, site_group, make_user, rf):
    editor = make_user(site_group.portal.groups["编辑"], username="editor")
    client = Client()
    client.force_login(editor)

    response, on_primary, on_replica = queries_per_alias(lambda: client.get("/"))
    assert response.status_code == 200
    assert on_replica == 0 and on_primary > 0

    response, _, on_replica = queries_per_alias(lambda: client.get("/admin/"))
    assert response.status_code == 200
    assert on_replica == 0

    anonymous_admin = rf.get("/admin/login/")
    anonymous_admin.user = None
    assert routed_read(anonymous_admin) == "default"


def test_a_post_reads_the_primary(replica_routing, rf):
    request = rf.post("/search/", {"q": "政府"})
    request.user = None
    assert routed_read(request) == "default"


@writes_in_the_test
def test_after_a_write_a_public_read_sticks_to_the_primary(replica_routing, rf):
    def view(request):
        before = router.db_for_read(Page)
        get_user_model().objects.filter(username="nobody").update(first_name="x")  # a write, even of no row
        return before, router.db_for_read(Page)

    request = rf.get("/")
    request.user = None
    assert PublicReadMiddleware(view)(request) == ("replica", "default")


def test_outside_a_request_everything_reads_the_primary(replica_routing):
    assert router.db_for_read(Page) == "default"
    assert router.db_for_write(Page) == "default"
    assert router.allow_migrate("replica", "wagtailcore") is False
    assert router.allow_migrate("default", "wagtailcore") is True
