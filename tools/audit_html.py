"""Audit the public pages as a browser and a validator see them.

Builds a fresh demo database (manage.py load_demo), serves it with production-like
settings (DEBUG off, so 404 and 500 pages are the real ones), fetches representative
pages of the portal and of a county, and the portal's 意见征集 and 网上调查 (an open and an answered
consultation, the policy that links back, a survey with its results), posts the public forms of monitoring and
of consultations as a citizen would (an invalid and a valid submission, the captcha answered from the
database), then runs:

- the Nu Html Checker (vnu.jar, errors only) on the saved HTML;
- axe-core (WCAG 2.2 A/AA and best practices) in Debian's headless chromium (a posted page is shown to it
  as the server answered the post);
- Lighthouse's accessibility and SEO categories on every page that answers a GET with 200;
- a sideways-scrolling check of every page 320 px wide, and phone (375 px) and desktop
  screenshots of the portal home and article, a county column and a county 404.

Not part of the test suite: it needs java 17, /usr/bin/chromium and `npm ci` in tools/.
Usage: .venv/bin/python tools/audit_html.py [--port 8791] [--out var/audit]
Exits non-zero on any HTML error, axe violation, Lighthouse score below 100 or sideways scrolling.
See docs/accessibility.md.
"""

import argparse
import http.client
import io
import json
import os
import shutil
import subprocess  # nosec B404 # the calls below are checked one by one
import sys
import threading
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
TOOLS_DIR = BASE_DIR / "tools"
# Pages that carry `robots: noindex` on purpose: search results, the mailbox's form and lookup, the 评价 and
# 找错 forms, a consultation's comment form and a survey's answer form (nothing for a search engine to keep).
# Lighthouse's SEO score counts that as "not crawlable"; it is the only SEO audit these pages may fail.
NOT_INDEXED = {
    "portal-search",
    "county-search",
    "portal-search-filtered",
    "mailbox-write",
    "mailbox-lookup",
    "feedback-form",
    "error-report-form",
    "english-feedback-form",
    "english-error-report-form",
    "consultation-comment-form",
    "survey-answer-form",
}
VNU_JAR = TOOLS_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def configure_django(out_dir):
    """Settings from the environment, as production reads them, pointed at a throwaway database."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "govcms.settings.dev",
            "DEBUG": "False",
            "DATABASE_URL": f"sqlite:///{out_dir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(out_dir / "media"),
            "STATIC_ROOT": str(out_dir / "static"),
            "CACHE_URL": "locmemcache://audit",
            "LOG_LEVEL": "ERROR",
        }
    )
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings

    # The browser opens each form page five times from 127.0.0.1 (axe, two screenshots, 320 px, Lighthouse), each
    # drawing a captcha: the audit alone spends a client's 60 captchas an hour and would be answered 429.
    settings.RATELIMIT_ENABLE = False


def build_site(port):
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", port=port, verbosity=0, stdout=io.StringIO())
    add_english_version()
    add_long_listing()


def add_long_listing():
    """Enough articles in the portal's 互动交流 column for three pages, so pagination is audited too."""
    from wagtail.models import Site

    from home.models import ArticlePage, ColumnPage

    home = Site.objects.get(is_default_site=True).root_page
    column = ColumnPage.objects.child_of(home).get(slug="hdjl")
    for number in range(45):
        column.add_child(instance=ArticlePage(title=f"留言答复第{number}号", slug=f"reply-{number}", body=[]))


def add_english_version():
    """An English portal home and article, so the language links, hreflang and lang="en" are audited too. The
    demo opens English on the portal itself (demo.english); this only adds what it lacks."""
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    home, article = portal_home_and_article()
    for page, title in ((home, "Example City People's Government"), (article, "Notice on website self-inspection")):
        if page.has_translation(english):
            continue
        translation = page.copy_for_translation(english, copy_parents=True)
        translation.title = title
        translation.save_revision().publish()


def portal_home_and_article():
    """The portal's home and its latest article that has a live English version (else its latest article)."""
    from wagtail.models import Page, Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    articles = home.site_articles().newest_first()
    english = Page.objects.live().filter(locale__language_code="en").values("translation_key")
    return home, articles.filter(translation_key__in=english).first() or articles.first()


def serve(port, media_root):
    """Serve the project, and its media as a web server would, on 127.0.0.1 in a daemon thread."""
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
    from django.core.wsgi import get_wsgi_application
    from whitenoise import WhiteNoise

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    application = WhiteNoise(get_wsgi_application(), root=media_root, prefix="media/", autorefresh=True)
    server = WSGIServer(("127.0.0.1", port), QuietHandler)
    server.daemon_threads = True
    server.set_app(application)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def representative_pages():
    """(name, url, expected status, run Lighthouse, take screenshots) for the portal and a county."""
    from wagtail.models import Locale, Site

    from home.models import ColumnPage

    portal = Site.objects.get(is_default_site=True)
    county = next(site for site in Site.objects.exclude(pk=portal.pk) if site.root_page.specific.kind == "county")
    pages = []
    for label, site in (("portal", portal), ("county", county)):
        home = site.root_page.specific
        own_articles = home.site_articles().newest_first()
        article = own_articles.filter(attachments__isnull=False).first() or own_articles.first()
        column = ColumnPage.objects.get(pk=article.get_parent().pk)
        word = article.title[:2]
        pages += [
            (f"{label}-home", home.full_url, 200, True, label == "portal"),
            (f"{label}-column", column.full_url, 200, True, label == "county"),
            (f"{label}-article", article.full_url, 200, True, label == "portal"),
            (f"{label}-search", f"{site.root_url}/search/?{urlencode({'q': word})}", 200, True, False),
            (f"{label}-404", f"{site.root_url}/audit-no-such-page/", 404, False, label == "county"),
        ]
    long_column = ColumnPage.objects.child_of(portal.root_page).get(slug="hdjl")
    pages.append(("portal-paginated-column", f"{long_column.full_url}?page=2", 200, True, False))
    aggregating = ColumnPage.objects.live().filter(aggregate_subsites=True).first()
    if aggregating is not None:
        pages.append(("portal-aggregating-column", aggregating.full_url, 200, True, False))
    pages += policy_and_interaction_pages(portal, county)
    pages += consultation_pages(portal)
    pages += [(name, url, 200, True, screenshots) for name, url, *_steps, screenshots in public_forms()]
    english = Locale.objects.get(language_code="en")
    for page in portal_home_and_article():
        translation = page.get_translation(english)
        pages.append((f"english-{translation.specific_class._meta.model_name}", translation.full_url, 200, True, False))
    return pages


def policy_and_interaction_pages(portal, county):
    """The policy library and pages, interpretations, the disclosure catalogue, the mailbox and a filtered search."""
    from citizen_mailbox.models import MailboxPage
    from disclosure.models import DisclosureCatalogPage
    from policy.models import InterpretationIndexPage, InterpretationPage, PolicyIndexPage, PolicyPage, Validity

    library = PolicyIndexPage.objects.live().descendant_of(portal.root_page).first()
    major = PolicyPage.objects.live().filter(is_major=True).first()
    repealed = PolicyPage.objects.live().exclude(validity=Validity.VALID).first()
    graphic = InterpretationPage.objects.live().filter(kind="graphic").first()
    interpretations = InterpretationIndexPage.objects.live().descendant_of(portal.root_page).first()
    catalogue = DisclosureCatalogPage.objects.live().descendant_of(portal.root_page).first()
    mailbox = MailboxPage.objects.live().descendant_of(county.root_page).first()
    search = urlencode({"q": "政府网站", "type": "policy", "sort": "date"})
    return [
        ("policy-library", library.full_url, 200, True, False),
        ("policy-library-filtered", f"{library.full_url}?validity=repealed&year=1999", 200, True, False),
        ("policy-major", major.full_url, 200, True, True),
        ("policy-repealed", repealed.full_url, 200, True, False),
        ("interpretation-graphic", graphic.full_url, 200, True, False),
        ("interpretation-column", interpretations.full_url, 200, True, False),
        ("disclosure-catalogue", catalogue.full_url, 200, True, False),
        ("mailbox", mailbox.full_url, 200, True, False),
        ("mailbox-write", mailbox.full_url + "write/", 200, True, True),
        ("mailbox-lookup", mailbox.full_url + "lookup/", 200, True, False),
        ("mailbox-statistics", mailbox.full_url + "statistics/", 200, True, False),
        ("portal-search-filtered", f"{portal.root_url}/search/?{search}", 200, True, False),
    ]


def consultation_pages(portal):
    """The portal's 意见征集 and 网上调查 lists, the demo's open and answered consultations (the latter with the
    policy it adopted, which links back to it) and its survey with results (demo/consultations.py)."""
    consultations, survey = portal_consultations()
    answered = consultations["answered"]
    pages = [
        ("consultation-list", consultations["open"].get_parent().full_url),
        ("consultation-open", consultations["open"].full_url),
        ("consultation-answered", answered.full_url),
        ("policy-adopted", answered.adopted_policy.full_url),
        ("survey-list", survey.get_parent().full_url),
        ("survey-results", survey.full_url),
    ]
    return [(name, url, 200, True, name in {"consultation-answered", "survey-results"}) for name, url in pages]


def portal_consultations():
    """({"open": …, "answered": …}, survey) of the portal's demo, in its 互动交流 column (/hdjl/yjzj/, /hdjl/wsdc/;
    the sub-sites' pages lie below the portal's home too): the open consultation, the answered one (feedback
    given, an adopted policy) and the survey."""
    from wagtail.models import Site

    from consultations.models import ConsultationIndexPage, ConsultationPage, State, SurveyIndexPage, SurveyPage
    from home.models import ColumnPage

    column = ColumnPage.objects.child_of(Site.objects.get(is_default_site=True).root_page).get(slug="hdjl")
    consultations = ConsultationPage.objects.live().child_of(ConsultationIndexPage.objects.child_of(column).get())
    opened = next(page for page in consultations if page.state() == State.OPEN)
    answered = consultations.exclude(adopted_policy=None).get()
    survey = SurveyPage.objects.live().child_of(SurveyIndexPage.objects.child_of(column).get()).get()
    return {"open": opened, "answered": answered}, survey


def public_forms():
    """The monitoring forms' and the consultations' (name, form url, fields of a valid post, fields of an invalid
    post or None, name of the page a valid post answers, screenshots)."""
    return monitoring_forms() + consultation_forms()


def consultation_forms():
    """提交意见 on the open consultation (<page>/comment/; without content → the form with its errors) and the
    survey's answer form (<survey>/answer/; nothing answered → errors, every question answered → 已参加)."""
    from consultations.models import QuestionKind
    from consultations.surveys import RATINGS, field_name

    consultations, survey = portal_consultations()
    comment = {"section": "", "content": "建议明确信息发布后的纠错时限。", "name": "王先生", "contact": ""}
    answers = {}
    for question in survey.questions.all():
        first = {QuestionKind.RATING: RATINGS[-1], QuestionKind.TEXT: "希望改进站内搜索。"}
        answers[field_name(question)] = first.get(question.kind) or question.choices()[0]
    return [
        (
            "consultation-comment-form",
            consultations["open"].full_url + "comment/",
            comment,
            {**comment, "content": ""},
            "received",
            True,
        ),
        ("survey-answer-form", survey.full_url + "answer/", answers, {}, "answered", True),
    ]


def monitoring_forms():
    """(name, form url, fields of a valid post, fields of an invalid post or None, name of the answer to a valid
    post, screenshots) of 这条信息对您有帮助吗
    (/pingjia/<page id>/, reached from an article's 没帮助) and 我为政府网站找错 (/zhaocuo/<site home id>/,
    reached from the footer of that article), on the portal and under /en/ on its English version."""
    from wagtail.models import Locale, Site

    portal = Site.objects.get(is_default_site=True)
    home, chinese = portal_home_and_article()
    english = Locale.objects.get(language_code="en")
    forms = []
    for prefix, article in (("", chinese), ("english-", chinese.get_translation(english))):
        site_home = home.get_translation(article.locale)
        language = "/en" if prefix else ""
        article_path = urlsplit(article.full_url).path
        forms += [
            (
                f"{prefix}feedback",
                f"{portal.root_url}{language}/pingjia/{article.pk}/?helpful=0",
                {"helpful": "0", "comment": "没有写办理的时限。"},
                None,
                "thanks",
                not prefix,
            ),
            (
                f"{prefix}error-report",
                f"{portal.root_url}{language}/zhaocuo/{site_home.pk}/?{urlencode({'url': article_path})}",
                {"page_url": article_path, "problem_type": "typo", "description": "第二段有一个错别字。"},
                {"page_url": article_path, "problem_type": "typo", "description": ""},
                "receipt",
                not prefix,
            ),
        ]
    return [(f"{name}-form", *rest) for name, *rest in forms]


def posted_pages(port):
    """(name, url, status, expected status, body, screenshots) of each public form posted: an invalid post (if the
    form has one) → the form with its errors (400), then a valid one → its thanks page or receipt (200)."""
    posts = []
    for name, url, fields, invalid, done, screenshots in public_forms():
        base = name.removesuffix("-form")
        steps = [(f"{base}-invalid", invalid, 400)] if invalid is not None else []
        steps.append((f"{base}-{done}", fields, 200))
        for step, data, expected in steps:
            status, body = post_form(url, data, port)
            posts.append((step, url, status, expected, body, screenshots))
    return posts


class FormValues(HTMLParser):
    """The values of the hidden inputs of a page (the CSRF token, the captcha's key)."""

    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.values[attributes["name"]] = attributes.get("value", "")


def post_form(url, data, port):
    """GET the form, then POST `data` with its CSRF token and the answer to its captcha (read from the database)."""
    from captcha.models import CaptchaStore

    status, body, headers = fetch(url, port, with_headers=True)
    if status != 200:
        return status, body
    parser = FormValues()
    parser.feed(body.decode())
    cookie = SimpleCookie()
    for header, value in headers:
        if header.lower() == "set-cookie":
            cookie.load(value)
    answer = CaptchaStore.objects.get(hashkey=parser.values["captcha_0"]).response
    fields = {**parser.values, **data, "captcha_1": answer}
    cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in cookie.items())
    return fetch(url, port, method="POST", body=urlencode(fields), cookies=cookies)


def fetch(url, port, method="GET", body=None, cookies="", with_headers=False):
    """GET (or POST a form) through 127.0.0.1 with the site's Host header: sub-site hostnames need no DNS."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Host": parts.netloc}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookies:
        headers["Cookie"] = cookies
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    return (response.status, content, response.getheaders()) if with_headers else (response.status, content)


def check_html(files):
    """Nu Html Checker messages of type error, as {file name: [message, …]}."""
    completed = subprocess.run(  # noqa: S603 - fixed command line, our own files  # nosec B603 B607 # fixed command line: java from PATH, our own files
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    errors = {}
    for message in messages:
        name = Path(urlsplit(message.get("url", "")).path).name
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--out", type=Path, default=BASE_DIR / "var" / "audit")
    args = parser.parse_args()
    out_dir = args.out.resolve()
    shutil.rmtree(out_dir, ignore_errors=True)
    (out_dir / "html").mkdir(parents=True)

    configure_django(out_dir)
    print("Building the demo site group…")
    build_site(args.port)
    serve(args.port, out_dir / "media")
    pages = representative_pages()

    problems = []
    saved = []
    for name, url, expected_status, _lighthouse, _screenshots in pages:
        status, body = fetch(url, args.port)
        print(f"  {status} {url}")
        if status != expected_status:
            problems.append(f"{name}: {url} answered {status}, expected {expected_status}")
        path = out_dir / "html" / f"{name}.html"
        path.write_bytes(body)
        saved.append(path)
    posted = posted_pages(args.port)
    for name, url, status, expected_status, body, _screenshots in posted:
        print(f"  {status} POST {url} ({name})")
        if status != expected_status:
            problems.append(f"{name}: POST {url} answered {status}, expected {expected_status}")
        path = out_dir / "html" / f"{name}.html"
        path.write_bytes(body)
        saved.append(path)

    html_errors = check_html(saved)
    for name, messages in html_errors.items():
        problems += [f"HTML {name}: {message}" for message in messages]

    pages_file = out_dir / "pages.json"
    pages_file.write_text(
        json.dumps(
            [
                {"name": name, "url": url, "lighthouse": lighthouse, "screenshots": screenshots}
                for name, url, _status, lighthouse, screenshots in pages
            ]
            # A posted page is shown to the browser as the server answered the post; Lighthouse cannot post.
            + [
                {"name": name, "url": url, "html": str(out_dir / "html" / f"{name}.html"), "screenshots": shots}
                for name, url, _status, _expected, _body, shots in posted
            ]
        )
    )
    subprocess.run(  # noqa: S603 - fixed command line  # nosec B603 B607 # fixed command line: node from PATH, our own script
        ["node", str(TOOLS_DIR / "audit_browser.mjs"), str(pages_file), str(out_dir)],  # noqa: S607
        check=True,
    )
    for result in json.loads((out_dir / "browser.json").read_text()):
        problems += [
            f"axe {result['name']}: {v['id']} ({v['impact']}) {v['help']} at {v['targets']}" for v in result["axe"]
        ]
        scores = result.get("lighthouse")
        if scores:
            print(f"  Lighthouse {result['name']}: accessibility {scores['accessibility']}, SEO {scores['seo']}")
            deliberately_unindexed = result["name"] in NOT_INDEXED and scores.get("failed") == ["is-crawlable"]
            if scores["accessibility"] < 100 or (scores["seo"] < 100 and not deliberately_unindexed):
                problems.append(f"Lighthouse {result['name']}: {scores}")
        for shot in result.get("screenshots", []):
            print(f"  screenshot {shot['file']}")
        if result["overflowAt320"]:
            problems.append(f"{result['name']} scrolls sideways by {result['overflowAt320']}px on a 320px screen")

    axe_count = sum(p.startswith("axe") for p in problems)
    print(
        f"\n{len(pages) + len(posted)} pages ({len(posted)} posted): "
        f"{sum(map(len, html_errors.values()))} HTML errors, {axe_count} axe violations."
    )
    for problem in problems:
        print(f"  - {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
