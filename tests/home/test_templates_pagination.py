"""The pagination include: previous/next, numbered pages with gaps, the current page marked."""

from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def render_pagination(url, page_number, pages):
    page_obj = Paginator(range(pages * 10), 10).page(page_number)
    request = RequestFactory().get(url)
    return BeautifulSoup(
        render_to_string("includes/pagination.html", {"page_obj": page_obj, "request": request}), "html.parser"
    )


def test_distant_page_numbers_are_elided():
    soup = render_pagination("/zwdt/?page=6", 6, 11)

    assert [item.get_text() for item in soup.select(".pagination__pages li")] == [
        "第1页",
        "…",
        "第4页",
        "第5页",
        "第6页",
        "第7页",
        "第8页",
        "…",
        "第11页",
    ]
    assert soup.select_one('[aria-current="page"]').get_text() == "第6页"
    assert soup.select_one('a[rel="prev"]')["href"] == "?page=5"
    assert soup.select_one('a[rel="next"]')["href"] == "?page=7"


def test_page_links_keep_the_other_parameters():
    soup = render_pagination("/search/?q=%E9%98%B2%E6%B1%9B&page=1", 1, 3)

    assert [link["href"] for link in soup.select(".pagination__pages a")] == [
        "?q=%E9%98%B2%E6%B1%9B&page=2",
        "?q=%E9%98%B2%E6%B1%9B&page=3",
    ]
    assert soup.select('a[rel="prev"]') == []


def test_a_single_page_needs_no_pagination():
    assert render_pagination("/zwdt/", 1, 1).get_text().strip() == ""
