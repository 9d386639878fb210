"""The English UI catalogue: complete, compiled, and actually used by pages under /en/."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale

from tests.home.pages import fetch, footer_identity
from translations.sync import open_foreign_version

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "zh_Hans": "nplurals=1; plural=0;"}

# printf-style placeholders (%(name)s, %(seconds).1f, %d, %%) and str.format ones ({label}).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|\{[^{}]*\}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def translations_of(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_english_message_is_translated_with_the_same_placeholders():
    untranslated, mismatched = [], []
    for entry in catalogue("en"):
        if entry.obsolete:
            continue
        texts = translations_of(entry)
        if entry.fuzzy or not all(texts):
            untranslated.append(entry.msgid)
        mismatched += [
            (entry.msgid, text) for text in texts if text and placeholders(text) != placeholders(entry.msgid)
        ]

    assert (untranslated, mismatched) == ([], [])


@pytest.mark.parametrize("language", PLURAL_FORMS)
def test_catalogue_headers_name_the_language_and_its_plural_rule(language):
    po = catalogue(language)

    assert po.metadata["Language"] == language
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert not po.metadata_is_fuzzy


def messages(entries):
    return {(entry.msgctxt, entry.msgid): tuple(translations_of(entry)) for entry in entries}


@pytest.mark.parametrize("language", PLURAL_FORMS)
def test_compiled_catalogue_matches_its_source(language):
    po = catalogue(language)
    mo = polib.mofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"))

    # msgfmt compiles only translated, non-fuzzy messages.
    assert messages(mo) == messages(po.translated_entries()), "run `make messages` and commit the .mo files"
    assert mo.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]


def test_english_gettext_uses_the_catalogue_and_its_plural_rule():
    with translation.override("en"):
        assert gettext("跳到正文") == "Skip to main content"
        assert gettext("栏目导航") == "Sections"
        assert gettext("主办单位") == "Sponsor"
        assert ngettext("找到 %(counter)s 条结果", "找到 %(counter)s 条结果", 1) == "%(counter)s result found"
        assert ngettext("找到 %(counter)s 条结果", "找到 %(counter)s 条结果", 2) == "%(counter)s results found"
    with translation.override("zh-hans"):
        assert gettext("跳到正文") == "跳到正文"


def ui_texts(soup):
    """The page's own interface wording (labels, headings, alt text), as opposed to editors' content."""
    attributes = [tag[name] for name in ("aria-label", "placeholder", "alt") for tag in soup.select(f"[{name}]")]
    elements = soup.select(".skip-link, .site-search button, label, h2, .site-footer dt")
    return attributes + [" ".join(element.get_text().split()) for element in elements]


@pytest.mark.django_db
def test_english_portal_home_shows_the_interface_in_english(client, identities):
    site_group = identities
    open_foreign_version(site_group.portal.home, "en")
    home_en = site_group.portal.home.get_translation(Locale.objects.get(language_code="en"))
    home_en.get_latest_revision().publish()

    soup = fetch(client, "/en/")

    assert soup.html["lang"] == "en"
    assert soup.select_one(".skip-link").get_text() == "Skip to main content"
    column_nav = soup.select_one("nav.column-nav")
    assert column_nav["aria-label"] == "Sections"
    assert column_nav.a.get_text() == "Home"
    assert soup.select_one(".site-group-nav h2").get_text() == "Site Group Directory"
    assert soup.select_one(".party-government-mark")["alt"] == "Party and Government Website Mark"
    assert list(footer_identity(soup)) == [
        "Sponsor",
        "Operator",
        "Telephone",
        "Address",
        "Website ID",
        "ICP Filing No.",
        "Public Security Filing No.",
    ]
    untranslated = [text for text in ui_texts(soup) if CJK.search(text)]
    assert untranslated == []


@pytest.mark.django_db
def test_chinese_portal_home_keeps_the_chinese_interface(client, site_group):
    soup = fetch(client, "/")

    assert soup.select_one(".skip-link").get_text() == "跳到正文"
    assert soup.select_one("nav.column-nav")["aria-label"] == "栏目导航"
