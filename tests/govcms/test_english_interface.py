"""The public interface in English: pagination, lists, dates, punctuation and the mailbox chart follow the language.

The English wording of each msgid comes from the catalogue, compiled separately; what is tested here is what the
code decides by itself: one sentence per page number, the list separator, the date formats, brackets and colons
between values, and the chart's month labels.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from citizen_mailbox import captchas
from citizen_mailbox.statistics import Month, bar_chart
from govcms.core.wording import brackets, colon, join_words
from home.templatetags import wording_tags
from tests.factories import ArticlePageFactory
from tests.home.pages import fetch
from tests.translations.helpers import english_of
from translations.sync import open_foreign_version, save_translation_draft

CJK_PUNCTUATION = "：（）、，“”《》"
CJK_NUMERALS = set("零一二三四五六七八九十")
DAY = datetime.date(2026, 12, 4)
MOMENT = datetime.datetime(2026, 12, 4, 9, 30)


def render(template, context, language):
    with translation.override(language):
        return BeautifulSoup(render_to_string(template, context), "html.parser")


def pagination(language, number=6, pages=11):
    request = RequestFactory().get(f"/zwdt/?page={number}")
    page_obj = Paginator(range(pages * 10), 10).page(number)
    return render("includes/pagination.html", {"page_obj": page_obj, "request": request}, language)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_page_number_is_one_sentence_in_the_language(language):
    soup = pagination(language)

    with translation.override(language):
        sentences = [gettext("第%(number)s页") % {"number": number} for number in (1, 4, 5, 6, 7, 8, 11)]
        status = gettext("第 %(number)s 页，共 %(total)s 页") % {"number": 6, "total": 11}
    # The page reads (and screen readers hear) the language's sentence; only the digit is visible.
    assert [link.get_text() for link in soup.select(".pagination__pages li")] == [
        *sentences[:1],
        "…",
        *sentences[1:6],
        "…",
        *sentences[6:],
    ]
    assert soup.select_one('[aria-current="page"]').get_text() == sentences[3]
    shown = [
        "".join(text for text in item.find_all(string=True) if "visually-hidden" not in text.parent.get("class", []))
        for item in soup.select(".pagination__pages li")
    ]
    assert shown == ["1", "…", "4", "5", "6", "7", "8", "…", "11"]
    assert soup.select_one(".pagination__status").get_text() == status


def test_page_numbers_keep_the_words_of_a_translated_sentence_around_the_digit(monkeypatch):
    template = engines["django"].from_string("{% load wording_tags %}{% page_number 3 %}")
    with translation.override("zh-hans"):
        chinese = template.render({})

    # The English sentence as the catalogue gives it once compiled (the words come before the number).
    monkeypatch.setattr(wording_tags, "_", {"第%(number)s页": "Page %(number)s"}.get)
    english = template.render({})

    assert english == '<span class="visually-hidden">Page </span>3'
    assert chinese == '<span class="visually-hidden">第</span>3<span class="visually-hidden">页</span>'


def test_lists_are_joined_as_the_language_lists_them():
    with translation.override("en"):
        assert join_words(["General Office of the State Council", "Ministry of Finance"]) == (
            "General Office of the State Council, Ministry of Finance"
        )
        assert join_words(["Director", "City Bureau"], "clauses") == "Director, City Bureau"
        assert colon() == ": "
        assert brackets("4 December 2026") == " (4 December 2026)"
    with translation.override("zh-hans"):
        assert join_words(["国务院办公厅", "财政部"]) == "国务院办公厅、财政部"
        assert join_words(["主任", "市教育局"], "clauses") == "主任，市教育局"
        assert colon() == "："
        assert brackets("2026-12-04") == "（2026-12-04）"


def test_the_template_helpers_escape_values_and_keep_rendered_markup():
    template = engines["django"].from_string(
        "{% load wording_tags %}{{ names|join_words }}|{% brackets %}<time>{{ when }}</time>{% endbrackets %}"
    )
    with translation.override("en"):
        rendered = template.render({"names": ["<b>A</b>", "B & C"], "when": "<4 December>"})

    assert rendered == "&lt;b&gt;A&lt;/b&gt;, B &amp; C| (<time>&lt;4 December&gt;</time>)"


@pytest.mark.parametrize(
    ("language", "short_date", "short_datetime", "month"),
    [
        ("en", "4 December 2026", "4 December 2026, 09:30", "December 2026"),
        ("zh-hans", "2026-12-04", "2026-12-04 09:30", "2026-12"),
    ],
)
def test_dates_follow_the_language(language, short_date, short_datetime, month):
    with translation.override(language):
        assert date_format(DAY, "SHORT_DATE_FORMAT") == short_date
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == short_datetime
        assert date_format(DAY, "YEAR_MONTH_FORMAT") == month


def test_the_mailbox_chart_labels_months_in_the_language():
    months = [Month(month=datetime.date(2026, number, 1)) for number in (11, 12)]

    with translation.override("en"):
        english = [(bar["label"], bar["unit"]) for bar in bar_chart(months)["bars"]]
    with translation.override("zh-hans"):
        chinese = [(bar["label"], bar["unit"]) for bar in bar_chart(months)["bars"]]

    assert english == [("Nov", ""), ("Dec", "")]
    assert chinese == [("11", "月"), ("12", "月")]


def test_the_captchas_text_question_counts_in_the_pages_language():
    with translation.override("en"):
        english = captchas.question("7 + 2 = ?")
        plus = gettext("加")
    with translation.override("zh-hans"):
        chinese = captchas.question("7 + 2 = ?")

    assert plus in english and "seven" in english and "two" in english
    assert not CJK_NUMERALS.intersection(english)
    assert chinese == "七加二等于几？"
    assert [captchas.normalise_answer(text) for text in ("nine", "Nine", "九", "９")] == ["9"] * 4


def publish_english(page, capture):
    """Publish `page`'s English draft as it stands (the translators' review journey is tested in tests/translations)."""
    en = Locale.objects.get(language_code="en")
    record = Translation.objects.get(source__object_id=page.translation_key, target_locale=en)
    with capture(execute=True):
        save_translation_draft(record)
        english_of(page).get_latest_revision().publish()
    return english_of(page)


def test_an_english_article_gives_its_date_in_english_and_no_chinese_punctuation(
    client, site_group, django_capture_on_commit_callbacks
):
    portal = site_group.portal
    open_foreign_version(portal.home, "en")
    column = Page.objects.child_of(portal.home).get(slug="zwdt")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=column, title="市政府召开常务会议", date=DAY, source="市政府办公室")
        article.save_revision().publish()
    for page in (portal.home, column):
        if not english_of(page).live:
            publish_english(page, django_capture_on_commit_callbacks)
    english_article = publish_english(article, django_capture_on_commit_callbacks)

    soup = fetch(client, english_article.url)

    meta = soup.select_one(".article-meta")
    assert meta.select_one("time").get_text() == "4 December 2026"
    assert [mark for mark in CJK_PUNCTUATION if mark in meta.get_text()] == []
    with translation.override("en"):
        assert gettext("发布日期") + ": 4 December 2026" in " ".join(meta.get_text().split())
