"""Broken links found in the database (issue 16, item 2): pages, documents and images that pages link to.

Each test writes articles into county A's 政务动态 column whose rich text, blocks, attachments and cover
image link to pages, documents and images in every state, runs the check, and reads the findings.
"""

import json
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page

from home.models import ArticleAttachment
from monitoring.links import broken_link_counts, check_all_links, check_site_links
from monitoring.models import LinkFinding, LinkKind
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


def news_column(provisioned):
    return Page.objects.child_of(provisioned.home).get(slug="zwdt")


def article(column, *blocks, **fields):
    """A live article whose body holds `blocks` ((type, raw value) pairs)."""
    body = json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])
    return ArticlePageFactory(parent=column, body=body, **fields)


def paragraph(html):
    return ("paragraph", html)


def document(name="file.pdf"):
    return Document.objects.create(title=name, file=ContentFile(b"%PDF-1.4", name=name))


def image():
    return Image.objects.create(title="图", file=get_test_image_file())


def gone(instance):
    """The id of an object that no longer exists."""
    object_id = instance.pk
    instance.delete()
    return object_id


def open_findings(**filters):
    return {(row.kind, row.target): row for row in LinkFinding.objects.filter(fixed_at__isnull=True, **filters)}


@pytest.fixture
def column(site_group):
    return news_column(site_group.county_a)


def test_links_to_missing_pages_documents_and_images_are_found(site_group, column):
    live_page = article(column, title="在线")
    unpublished = article(column, title="草稿", live=False)
    deleted_page = gone(article(column, title="已删"))
    good_document, lost_document, fileless = document("a.pdf"), document("b.pdf"), document("c.pdf")
    fileless.file.storage.delete(fileless.file.name)
    deleted_document = gone(lost_document)
    deleted_image = gone(image())
    html = (
        f'<p><a linktype="page" id="{live_page.pk}">在线</a> <a linktype="page" id="{unpublished.pk}">草稿</a>'
        f' <a linktype="page" id="{deleted_page}">已删</a> <a linktype="document" id="{good_document.pk}">a</a>'
        f' <a linktype="document" id="{deleted_document}">b</a></p>'
        f'<embed embedtype="image" id="{deleted_image}" format="fullwidth" alt=""/>'
    )
    page = article(column, paragraph(html), ("document", {"document": fileless.pk, "title": ""}), title="有失效链接")

    assert check_site_links(site_group.county_a.home) == 5

    findings = open_findings(page=page)
    assert {key: row.problem for key, row in findings.items()} == {
        (LinkKind.PAGE, str(unpublished.pk)): "页面未发布",
        (LinkKind.PAGE, str(deleted_page)): "页面已删除",
        (LinkKind.DOCUMENT, str(deleted_document)): "文档已删除",
        (LinkKind.DOCUMENT, str(fileless.pk)): "文档文件缺失",
        (LinkKind.IMAGE, str(deleted_image)): "图片已删除",
    }
    assert {row.site_home_id for row in findings.values()} == {site_group.county_a.home.pk}
    assert broken_link_counts([site_group.county_a.home.pk, site_group.county_b.home.pk]) == {
        site_group.county_a.home.pk: 5,
        site_group.county_b.home.pk: 0,
    }


def test_attachments_and_image_fields_are_read_too(site_group, column):
    """Inline rows (attachments) and foreign keys (the cover image) are links as much as rich text is."""
    fileless = document("fj.pdf")
    fileless.file.storage.delete(fileless.file.name)
    cover = image()
    cover.file.storage.delete(cover.file.name)
    page = article(column, title="附件", cover_image=cover)
    ArticleAttachment.objects.create(page=page, document=fileless)

    check_all_links()

    assert {key: row.problem for key, row in open_findings(page=page).items()} == {
        (LinkKind.DOCUMENT, str(fileless.pk)): "文档文件缺失",
        (LinkKind.IMAGE, str(cover.pk)): "图片文件缺失",
    }


def test_a_finding_stays_open_while_broken_and_closes_when_fixed(site_group, column):
    target = article(column, title="待发布", live=False)
    page = article(column, paragraph(f'<p><a linktype="page" id="{target.pk}">通知</a></p>'))
    check_site_links(site_group.county_a.home)
    first = LinkFinding.objects.get(page=page)

    check_site_links(site_group.county_a.home)
    again = LinkFinding.objects.get(page=page)
    assert again.pk == first.pk and again.fixed_at is None
    assert again.first_found_at == first.first_found_at and again.last_checked_at > first.last_checked_at

    target.save_revision().publish()
    check_site_links(site_group.county_a.home)
    again.refresh_from_db()
    assert again.fixed_at is not None
    assert broken_link_counts([site_group.county_a.home.pk]) == {site_group.county_a.home.pk: 0}


def test_a_removed_link_and_a_page_taken_offline_close_their_findings(site_group, column):
    missing = gone(article(column, title="已删"))
    html = f'<p><a linktype="page" id="{missing}">已删</a></p>'
    edited = article(column, paragraph(html), title="改正")
    withdrawn = article(column, paragraph(html), title="撤下")
    check_all_links()
    assert LinkFinding.objects.filter(fixed_at__isnull=True).count() == 2

    edited.body = json.dumps([{"type": "paragraph", "value": "<p>已改正。</p>"}])
    edited.save_revision().publish()
    withdrawn.unpublish()
    check_all_links()

    assert not LinkFinding.objects.filter(fixed_at__isnull=True).exists()
    assert set(LinkFinding.objects.values_list("page_id", flat=True)) == {edited.pk, withdrawn.pk}


def test_a_site_check_leaves_other_sites_alone(site_group):
    missing = gone(article(news_column(site_group.county_a), title="已删"))
    html = f'<p><a linktype="page" id="{missing}">已删</a></p>'
    article(news_column(site_group.county_a), paragraph(html))
    article(news_column(site_group.county_b), paragraph(html))

    check_site_links(site_group.county_a.home)

    assert set(LinkFinding.objects.values_list("site_home_id", flat=True)) == {site_group.county_a.home.pk}
    # The portal's check does not take the counties' pages (sites of their own below it).
    check_site_links(site_group.portal.home)
    assert not LinkFinding.objects.filter(site_home=site_group.portal.home).exists()
    assert LinkFinding.objects.filter(site_home=site_group.county_a.home, fixed_at__isnull=True).count() == 1


def test_external_links_are_left_alone_without_external(site_group, column):
    """An internal run does not judge external links: their findings stay until the link leaves the page."""
    page = article(column, paragraph('<p><a href="https://example.invalid/a">外链</a></p>'))
    LinkFinding.objects.create(
        page=page,
        site_home=site_group.county_a.home,
        kind=LinkKind.EXTERNAL,
        target="https://example.invalid/a",
        problem="页面不存在（HTTP 404）",
    )
    check_site_links(site_group.county_a.home)
    assert LinkFinding.objects.get().fixed_at is None

    page.body = json.dumps([])
    page.save_revision().publish()
    check_site_links(site_group.county_a.home)
    assert LinkFinding.objects.get().fixed_at is not None


def broken_articles(provisioned, count):
    column = news_column(provisioned)
    missing_page = gone(article(column, title="已删"))
    missing_document = gone(document())
    missing_image = gone(image())
    for number in range(count):
        cover = image()
        attachment_page = article(
            column,
            paragraph(
                f'<p><a linktype="page" id="{missing_page}">页</a><a linktype="document" id="{missing_document}">文</a>'
                f'<a href="https://example.invalid/{number}">外</a></p>'
            ),
            ("image", {"image": {"image": missing_image, "alt_text": "", "decorative": True}, "caption": ""}),
            cover_image=cover,
            title=f"文章{number}",
        )
        ArticleAttachment.objects.create(page=attachment_page, document=document(f"{number}.pdf"))


def queries_of(function, *args):
    with CaptureQueriesContext(connection) as context:
        function(*args)
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_pages(site_group):
    """County A has 3 articles with broken links, county B 6: their checks cost the same queries."""
    broken_articles(site_group.county_a, 3)
    broken_articles(site_group.county_b, 6)

    few = queries_of(check_site_links, site_group.county_a.home)
    many = queries_of(check_site_links, site_group.county_b.home)

    assert few == many
    assert LinkFinding.objects.filter(site_home=site_group.county_a.home).count() == 9
    assert LinkFinding.objects.filter(site_home=site_group.county_b.home).count() == 18
    # Checked again, with every finding already open: still the same.
    assert queries_of(check_site_links, site_group.county_a.home) == queries_of(
        check_site_links, site_group.county_b.home
    )


def test_translated_pages_count_with_their_original_site(site_group):
    """An English page of county A belongs to county A's site (its original-language home), in both checks."""
    from translations.sync import open_foreign_version

    open_foreign_version(site_group.portal.home, "en")
    open_foreign_version(site_group.county_a.home, "en")
    english = Locale.objects.get(language_code="en")
    english_column = Page.objects.child_of(site_group.county_a.home.get_translation(english)).get(slug="zwdt")
    missing = gone(article(news_column(site_group.county_a), title="已删"))
    page = article(english_column, paragraph(f'<p><a linktype="page" id="{missing}">x</a></p>'), locale=english)

    check_site_links(site_group.county_a.home)
    assert LinkFinding.objects.get(page=page).site_home_id == site_group.county_a.home.pk

    check_all_links()
    assert LinkFinding.objects.get(page=page, fixed_at__isnull=True).site_home_id == site_group.county_a.home.pk


def test_the_command_checks_one_site_or_all(site_group, column):
    missing = gone(article(column, title="已删"))
    article(column, paragraph(f'<p><a linktype="page" id="{missing}">x</a></p>'))
    out = StringIO()
    call_command("check_links", "--site", str(site_group.county_b.home.pk), stdout=out)
    assert out.getvalue().strip() == "0 broken link(s) open."
    call_command("check_links", stdout=out)
    assert out.getvalue().strip().endswith("1 broken link(s) open.")
    with pytest.raises(CommandError):
        call_command("check_links", "--site", str(column.pk))  # a column is not a site home
