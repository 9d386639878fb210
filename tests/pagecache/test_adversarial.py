"""Attacks on the page cache through the real views: stale pages after changes made outside publishing, and
failures of the cache backend while something changes."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Page

from disclosure.models import Topic
from home.models import ColumnPage
from pagecache import middleware
from sitegroup.models import SiteIdentity
from submissions import handling
from tests.factories import ArticlePageFactory
from tests.home.pages import column
from tests.pagecache.utils import cache_state, get
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, issuing_body, library_of

COUNTY_A = "county-a.localhost"


def rendered_now(url, host="localhost"):
    """The page as the application renders it at this moment, without the page cache."""
    with override_settings(PAGE_CACHE_ENABLED=False):
        return get(Client(), url, host).content


def test_adopting_a_submission_shows_it_in_the_portal_column_at_once(
    client, visitor, site_group, county_article, make_user, django_capture_on_commit_callbacks
):
    """Adoption changes no page: the portal column lists the county article all the same."""
    portal_news = column(site_group.portal.home)
    ColumnPage.objects.filter(pk=portal_news.pk).update(accepts_submissions=True)
    submission = handling.submit(county_article, portal_news, None)
    before = get(visitor, portal_news.url)
    assert cache_state(before) == "miss" and county_article.title not in before.content.decode()
    client.force_login(make_user(site_group.portal.groups["编辑"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions_decide", args=[submission.pk]), {"decision": "adopt"})
    assert response.status_code == 302
    assert county_article.title in get(visitor, portal_news.url).content.decode()


def test_holding_a_county_takes_it_off_the_portal_at_once(visitor, site_group, django_capture_on_commit_callbacks):
    """The portal's home and listings leave out held sites (govcms.core.visibility.held_site_paths), so holding a
    county, or opening it again, changes the portal's pages too, not only the county's own."""
    assert cache_state(get(visitor, "/")) == "miss"
    assert cache_state(get(visitor, "/")) == "hit"
    identity = SiteIdentity.for_site(site_group.county_a.site)
    for icp_number in ("", "京ICP备00000000号"):
        with django_capture_on_commit_callbacks(execute=True):
            identity.icp_number = icp_number
            identity.save()
        assert get(visitor, "/").content == rendered_now("/"), f"icp_number={icp_number!r}"
    assert get(visitor, "/", COUNTY_A).status_code == 200


class DownCache(BaseCache):
    """A cache server that cannot be reached: every operation fails as a Redis client does."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache server down")

    get = set = add = delete = get_many = set_many = delete_many = clear = _fail


@pytest.fixture
def broken_cache(settings):
    settings.CACHES = {**settings.CACHES, "down": {"BACKEND": f"{__name__}.DownCache"}}
    settings.PAGE_CACHE_ALIAS = "down"


def test_a_page_is_served_while_the_cache_is_down(broken_cache, visitor, site_group):
    response = get(visitor, "/")
    assert cache_state(response) is None and "private" in response["Cache-Control"]


def test_publishing_while_the_cache_is_down_still_publishes(
    broken_cache, county_article, django_capture_on_commit_callbacks
):
    county_article.title = "缓存故障时发布"
    with django_capture_on_commit_callbacks(execute=True):
        county_article.save_revision().publish()
    assert Page.objects.get(pk=county_article.pk).title == "缓存故障时发布"


def test_nginx_purges_the_keys_it_stores_and_never_serves_a_held_site_from_its_cache():
    conf = (Path(settings.BASE_DIR) / "deploy/nginx/govcms.conf").read_text()
    stored = next(line for line in conf.splitlines() if line.strip().startswith("proxy_cache_key"))
    purged = next(line for line in conf.splitlines() if line.strip().startswith("proxy_cache_purge"))
    # Behind a TLS balancer nginx listens on plain HTTP: $scheme is http, the purge names https keys.
    assert stored.split()[1].rstrip(";") == purged.split()[2].rstrip(";")
    # A held site answers 503 (sitegroup.holding): a stale copy must not hide it.
    stale = next(line for line in conf.splitlines() if line.strip().startswith("proxy_cache_use_stale"))
    assert "http_503" not in stale


def test_a_policy_of_the_portal_changed_shows_on_the_county_interpretation_at_once(
    visitor, site_group, django_capture_on_commit_callbacks
):
    """三同步 links go both ways and upwards: a county interprets the portal's policy and names it; a change of the
    policy renews the portal (its site), and the county's interpretation too."""
    with django_capture_on_commit_callbacks(execute=True):
        policy = add_policy(library_of(site_group.portal), "关于促进就业的若干措施")
        interpretation = add_interpretation(
            interpretation_column_of(site_group.county_a), "甲县解读促进就业措施", policies=[policy]
        )
    url = interpretation.get_url()
    assert "关于促进就业的若干措施" in get(visitor, url, COUNTY_A).content.decode()
    assert cache_state(get(visitor, url, COUNTY_A)) == "hit"
    policy.title = "关于进一步促进就业的若干措施"
    with django_capture_on_commit_callbacks(execute=True):
        policy.save_revision().publish()
    assert "关于进一步促进就业的若干措施" in get(visitor, url, COUNTY_A).content.decode()


def test_renaming_an_issuing_body_or_a_topic_shows_on_the_policies_at_once(
    visitor, site_group, django_capture_on_commit_callbacks
):
    """发文机关 and 主题分类 are edited in the admin's settings (policy.wagtail_hooks), not published: the policy pages
    of the body's site and of the sites below show their names."""
    with django_capture_on_commit_callbacks(execute=True):
        body = issuing_body(site_group.portal, "市人力资源局")
        topic = Topic.objects.create(name="劳动就业")
        policy = add_policy(library_of(site_group.county_a), "甲县就业补贴办法", bodies=[body], topics=[topic])
    url = policy.get_url()
    assert "市人力资源局" in get(visitor, url, COUNTY_A).content.decode()
    for item, new_name in ((body, "市人力资源和社会保障局"), (topic, "就业创业")):
        assert cache_state(get(visitor, url, COUNTY_A)) == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            item.name = new_name
            item.save()
        assert new_name in get(visitor, url, COUNTY_A).content.decode()


@pytest.mark.parametrize("junk", ["abc", "007", "-1", "1e3", "99999999999"])
def test_a_page_number_that_is_not_one_is_not_stored(visitor, site_group, junk):
    """Anyone may vary ?page= at will: entries are only for the numbers a paginator links (a flood of
    made-up ones would push the real pages out of the cache)."""
    url = column(site_group.portal.home).url
    assert cache_state(get(visitor, f"{url}?page={junk}")) is None
    assert cache_state(get(visitor, f"{url}?page=2")) == "miss"


def test_a_page_rendered_across_a_change_is_left_to_neither_cache(
    visitor, site_group, monkeypatch, django_capture_on_commit_callbacks
):
    """A publish commits while the column renders: its response goes out private (the proxy in front, which the
    publish has just purged, would keep it for minutes) and is not stored; the next visit renders the column."""
    listing = column(site_group.county_a.home)
    look_up = middleware.look_up

    def look_up_then_publish(request):
        lookup = look_up(request)
        with django_capture_on_commit_callbacks(execute=True):
            ArticlePageFactory(parent=listing, title="渲染中发布").save_revision().publish()
        return lookup

    monkeypatch.setattr(middleware, "look_up", look_up_then_publish)
    during = get(visitor, listing.url, COUNTY_A)
    monkeypatch.undo()

    assert cache_state(during) is None
    assert "private" in during["Cache-Control"] and "s-maxage" not in during["Cache-Control"]
    assert cache_state(get(visitor, listing.url, COUNTY_A)) == "miss"
