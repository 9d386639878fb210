"""Structure every public page needs for assistive technology and search engines.

tools/audit_html.py runs the real validators (Nu Html Checker, axe-core, Lighthouse); these
checks keep the basics from regressing in CI, where neither Java nor a browser is available.
"""

import datetime

import pytest

from tests.factories import ArticlePageFactory
from tests.home.pages import column, fetch

pytestmark = pytest.mark.django_db

PAGES = [
    ("/", 200),
    ("/zwdt/", 200),
    ("/zwdt/news/", 200),
    ("/jyj/zwdt/", 200),
    ("/search/?q=新闻", 200),
    ("/no-such-page/", 404),
]


@pytest.fixture
def pages(client, site_group):
    ArticlePageFactory(parent=column(site_group.portal.home), title="新闻", slug="news", date=datetime.date(2024, 1, 1))
    return {url: fetch(client, url, status=status) for url, status in PAGES}


def heading_levels(soup):
    return [int(heading.name[1]) for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def test_every_page_has_one_h1_first_and_no_skipped_heading_level(pages):
    for url, soup in pages.items():
        levels = heading_levels(soup)
        assert levels.count(1) == 1 and levels[0] == 1, url
        assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False)), (url, levels)


def test_every_page_has_the_landmarks_and_a_working_skip_link(pages):
    for url, soup in pages.items():
        assert len(soup.select("header.site-header")) == 1, url
        assert len(soup.select("main#main")) == 1, url
        assert len(soup.select("footer.site-footer")) == 1, url
        assert soup.select_one("a.skip-link")["href"] == "#main", url
        assert soup.select_one('form[role="search"]')["aria-label"] == "站内搜索", url
        # Every navigation region is named, so screen readers can tell them apart.
        assert all(nav.get("aria-label") or nav.get("aria-labelledby") for nav in soup.find_all("nav")), url


def test_every_page_declares_its_language_title_description_and_icon(pages):
    for url, soup in pages.items():
        assert soup.html["lang"] == "zh-Hans", url
        assert soup.title.get_text().strip(), url
        assert soup.select_one('meta[name="description"]')["content"].strip(), url
        assert soup.select_one('meta[name="viewport"]')["content"] == "width=device-width, initial-scale=1", url
        assert soup.select_one('link[rel="icon"]')["href"].startswith("/static/"), url


def test_images_have_alt_text_and_links_have_text(pages):
    for url, soup in pages.items():
        assert all(img.get("alt") for img in soup.find_all("img")), url
        assert all(link.get_text().strip() for link in soup.find_all("a")), url


def test_pages_load_nothing_from_other_hosts(pages):
    """No CDN, no web font: stylesheets, scripts and images come from the site itself."""
    for url, soup in pages.items():
        sources = [tag.get("src") for tag in soup.find_all(["script", "img"]) if tag.get("src")]
        sources += [tag["href"] for tag in soup.find_all("link", rel=["stylesheet", "icon"])]
        assert sources and all(source.startswith("/") for source in sources), (url, sources)
