"""Helpers for the public page tests: fetch a page on a hostname, read its chrome."""

import datetime

from bs4 import BeautifulSoup

from home.models import ColumnPage
from tests.factories import ArticlePageFactory


def fetch(client, url, host="localhost", status=200):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == status, (url, host, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def column(home, slug="zwdt"):
    return ColumnPage.objects.child_of(home).get(slug=slug)


def add_articles(parent, count, *, title="文章", slug="article", start=datetime.date(2024, 1, 1)):
    """`count` live articles titled title0, title1, … and dated one day apart, oldest first."""
    return [
        ArticlePageFactory(
            parent=parent, title=f"{title}{n}", slug=f"{slug}-{n}", date=start + datetime.timedelta(days=n)
        )
        for n in range(count)
    ]


def texts(elements):
    return [" ".join(element.get_text().split()) for element in elements]


def breadcrumb(soup):
    return texts(soup.select("nav.breadcrumbs li"))


def column_nav_links(soup):
    return [link["href"] for link in soup.select("nav.column-nav a")]


def listing_titles(soup):
    return texts(soup.select(".article-list__title"))


def listing_links(soup):
    return [link["href"] for link in soup.select(".article-list__title")]


def canonical(soup):
    links = soup.select('link[rel="canonical"]')
    assert len(links) == 1
    return links[0]["href"]


def site_group_nav_links(soup):
    return {link.get_text(): link["href"] for link in soup.select("nav.site-group-nav a")}


def footer_identity(soup):
    return {
        " ".join(term.get_text().split()): " ".join(term.find_next_sibling("dd").get_text().split())
        for term in soup.select("footer .site-identity dt")
    }
