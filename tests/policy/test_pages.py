"""The public policy and interpretation pages, linked both ways, showing live items only."""

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from policy.models import InterpretationKind, Validity
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, issuing_body, library_of


def html(client, page, host):
    response = client.get(page.url, HTTP_HOST=host)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def opinion(site_group):
    """A major city policy with interpretations of several kinds, one of them still a draft."""
    body = issuing_body(site_group.portal, "示例市人民政府办公室")
    policy = add_policy(
        library_of(site_group.portal),
        "示例市关于加强政府网站信息内容建设的实施意见",
        document_number="示政办发〔2024〕12号",
        bodies=[body],
        is_major=True,
        written_date=date(2024, 3, 1),
        publish_date=date(2024, 3, 5),
    )
    column = interpretation_column_of(site_group.portal)
    add_interpretation(column, "部门解读：三个变化", policies=[policy], kind=InterpretationKind.DEPARTMENT)
    add_interpretation(column, "专家解读：第一平台", policies=[policy], kind=InterpretationKind.EXPERT)
    add_interpretation(column, "图解：一图读懂", policies=[policy], kind=InterpretationKind.GRAPHIC)
    add_interpretation(column, "未发布的媒体解读", policies=[policy], kind=InterpretationKind.MEDIA, publish=False)
    return policy


def test_the_policy_page_shows_its_title_then_its_metadata(client, opinion):
    soup = html(client, opinion, "localhost")
    article = soup.find("article")
    box = article.find(class_="policy-meta")
    # The title first, so a phone shows it on its first screen (tests/govcms/test_phone_layout.py: the grid).
    assert box is not None and box.find_previous("h1") is article.find("h1")
    rows = {item.dt.get_text(strip=True): item.dd.get_text(strip=True) for item in box.select("dl > div")}
    assert rows["索引号"] == opinion.index_number
    assert rows["发文机关"] == "示例市人民政府办公室"
    assert rows["发文字号"] == "示政办发〔2024〕12号"
    assert rows["成文日期"] == "2024-03-01"
    assert rows["发布日期"] == "2024-03-05"
    assert rows["有效性"] == "有效"
    assert soup.find(class_="notice--warning") is None


def test_the_policy_page_lists_live_interpretations_grouped_by_kind(client, opinion):
    section = html(client, opinion, "localhost").find("section", attrs={"aria-labelledby": "interpretations-title"})
    groups = {h3.get_text(strip=True): [a.get_text() for a in h3.find_next("ul").find_all("a")] for h3 in section("h3")}
    assert groups == {
        "部门解读": ["部门解读：三个变化"],
        "专家解读": ["专家解读：第一平台"],
        "图解": ["图解：一图读懂"],
    }


def test_an_interpretation_links_its_live_policies_only(client, site_group, opinion):
    draft_policy = add_policy(library_of(site_group.portal), "未发布的文件", publish=False)
    interpretation = add_interpretation(
        interpretation_column_of(site_group.portal), "综合解读", policies=[opinion, draft_policy]
    )
    section = html(client, interpretation, "localhost").find("section", attrs={"aria-labelledby": "policies-title"})
    assert [a.get_text() for a in section.find_all("a")] == [opinion.title]


def test_a_repealed_policy_says_so_first_and_points_to_its_replacement(client, site_group):
    library = library_of(site_group.portal)
    newer = add_policy(library, "新办法", document_number="示政发〔2025〕2号")
    older = add_policy(
        library,
        "旧办法",
        document_number="示政发〔2020〕9号",
        validity=Validity.REPEALED,
        validity_changed_on=date(2025, 2, 1),
        replaced_by=newer,
    )
    soup = html(client, older, "localhost")
    notice = soup.find(class_="notice--warning")
    assert notice is not None and notice.find_next("h1") is not None
    assert "已废止" in notice.get_text() and "2025-02-01" in notice.get_text()
    assert notice.find("a")["href"] == newer.relative_url(site_group.portal.site)


def test_a_replacement_that_is_not_live_is_not_linked(client, site_group):
    library = library_of(site_group.portal)
    newer = add_policy(library, "起草中的新办法", publish=False)
    older = add_policy(
        library, "旧办法", validity=Validity.AMENDED, validity_changed_on=date(2025, 2, 1), replaced_by=newer
    )
    notice = html(client, older, "localhost").find(class_="notice--warning")
    assert "已修订" in notice.get_text()
    assert notice.find("a") is None


def test_the_policy_page_escapes_what_editors_typed(client, site_group):
    body = issuing_body(site_group.portal, "<script>alert(1)</script>")
    policy = add_policy(library_of(site_group.portal), "文件<b>粗体</b>", bodies=[body])
    response = client.get(policy.url, HTTP_HOST="localhost")
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_policy_page_queries_do_not_grow_with_interpretations(
    client, site_group, opinion, django_assert_max_num_queries
):
    """Counted once with three interpretations, then with six: the count must not grow."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(opinion.url, HTTP_HOST="localhost")  # warm the per-process caches (locales, site roots)
    with CaptureQueriesContext(connection) as few:
        client.get(opinion.url, HTTP_HOST="localhost")
    column = interpretation_column_of(site_group.portal)
    for number in range(3):
        add_interpretation(column, f"更多解读{number}", policies=[opinion], kind=InterpretationKind.MEDIA)
    with CaptureQueriesContext(connection) as many:
        client.get(opinion.url, HTTP_HOST="localhost")
    extra = [query["sql"] for query in many.captured_queries[len(few.captured_queries) :]]
    assert len(many.captured_queries) == len(few.captured_queries), extra


def test_a_graphic_and_a_video_interpretation_render_their_media(client, site_group, opinion):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="一图读懂", file=get_test_image_file())
    video = Document.objects.create(title="解读视频", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="jiedu.mp4"))
    frame = {"image": {"image": image.pk, "alt_text": "第一部分：总体要求", "decorative": False}, "caption": "总体要求"}
    interpretation = add_interpretation(
        interpretation_column_of(site_group.portal),
        "图解与视频",
        policies=[opinion],
        kind=InterpretationKind.GRAPHIC,
    )
    # As JSON: a list assigned to a StreamField is read as Python values, not as stored data.
    video_value = {"video": video.pk, "poster": None, "caption": "解读视频", "transcript": "大家好。\n\n今天解读。"}
    interpretation.body = json.dumps(
        [
            {"type": "gallery", "value": {"title": "一图读懂", "images": [frame, {**frame, "caption": "主要任务"}]}},
            {"type": "video", "value": video_value},
        ]
    )
    interpretation.save_revision().publish()
    soup = html(client, interpretation, "localhost")
    gallery = soup.find(class_="body-gallery")
    assert [img["alt"] for img in gallery.find_all("img")] == ["第一部分：总体要求", "第一部分：总体要求"]
    assert [caption.get_text() for caption in gallery.find_all("figcaption")] == ["总体要求", "主要任务"]
    video_tag = soup.find("video")
    assert video_tag.source["src"] == video.url and video_tag.source["type"] == "video/mp4"
    assert "今天解读。" in soup.find(class_="body-video__transcript").get_text()


def test_a_video_block_accepts_only_video_files(db):
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from policy.blocks import VideoBlock

    pdf = Document.objects.create(title="文件", file=ContentFile(b"%PDF-1.4", name="file.pdf"))
    with pytest.raises(ValidationError):
        VideoBlock().clean({"video": pdf, "poster": None, "caption": "", "transcript": ""})
