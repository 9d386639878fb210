"""What a translation shares with its original (synchronised facts) and what its translators translate (segments).

Setup publishes Chinese pages through the model APIs (publishing runs translations.sync.follow_source on commit);
what the public sees is read through the real views.
"""

import datetime

import polib
import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale
from wagtail_factories import DocumentFactory, ImageFactory
from wagtail_localize.models import OverridableSegment, StringSegment, StringTranslation, Translation

from disclosure.models import Topic
from emergency.models import EmergencyPage
from home.models import ArticlePage
from policy.models import PolicyAttachment, PolicyPage, RelatedPolicy, Validity
from sitegroup.models import SiteIdentity
from tests.emergency.utils import add_emergency, local_time
from tests.factories import ArticlePageFactory
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, issuing_body, library_of
from tests.translations.test_sync import news_column, publish_translation
from translations.sync import save_translation_draft

NUMBER = "国办发〔2014〕57号"


@pytest.fixture
def en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def publish_policy(provisioned, capture, title="关于加强政府网站信息内容建设的意见", **fields):
    """A major policy with its facts: 文号, 发文机关, a topic, an attachment and a related policy."""
    library = library_of(provisioned)
    related = add_policy(library, "关于印发政府网站发展指引的通知", document_number="国办发〔2017〕47号")
    with capture():
        policy = add_policy(
            library,
            title,
            bodies=[issuing_body(provisioned, "国务院办公厅")],
            topics=[Topic.objects.get_or_create(name="政务公开")[0]],
            document_number=NUMBER,
            summary="政府网站是信息化条件下政府密切联系人民群众的重要桥梁。",
            publish=False,
            **fields,
        )
        policy.attachments = [PolicyAttachment(document=DocumentFactory(title="意见全文"), title="意见全文")]
        policy.related_policy_links = [RelatedPolicy(policy=related)]
        policy.save_revision().publish()
    return PolicyPage.objects.get(pk=policy.pk)


def publish_in_english(page, en, capture):
    """Setup: publish the English version of `page` and of the pages above it, so that it is served at /en/…"""
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.get_translation(en).live:
            publish_translation(ancestor, en, lambda **kwargs: capture())
    return publish_translation(page, en, lambda **kwargs: capture())


def facts_of(policy):
    return {
        "document_number": policy.document_number,
        "index_number": policy.index_number,
        "issuing_bodies": sorted(body.pk for body in policy.issuing_bodies.all()),
        "topics": sorted(topic.pk for topic in policy.topics.all()),
        "dates": (policy.written_date, policy.publish_date),
        "validity": (policy.validity, policy.validity_changed_on),
        "attachments": [(row.document_id, row.title) for row in policy.attachments.all()],
        "related": [row.policy_id for row in policy.related_policy_links.all()],
    }


def test_a_new_policy_becomes_an_english_draft_with_every_fact_of_the_original(english, en, capture):
    policy = publish_policy(english.portal, capture)
    translated = policy.get_translation(en).specific

    assert not translated.live
    assert facts_of(translated) == facts_of(policy)
    assert facts_of(policy)["issuing_bodies"] and facts_of(policy)["topics"] and facts_of(policy)["attachments"]


def test_a_published_edit_of_the_facts_reaches_the_live_translation_at_once_and_its_text_waits(
    english, en, capture, client
):
    policy = publish_policy(english.portal, capture)
    translated = publish_in_english(policy, en, capture)
    assert translated.live and translated.summary == f"EN {policy.title}"

    policy.document_number = "国办发〔2014〕58号"
    policy.validity = Validity.REPEALED
    policy.validity_changed_on = datetime.date(2024, 6, 1)
    policy.issuing_bodies = [issuing_body(english.portal, "示例市人民政府办公室")]
    policy.summary = "修改后的摘要。"
    with capture():
        policy.save_revision().publish()
    policy = PolicyPage.objects.get(pk=policy.pk)

    live = PolicyPage.objects.get(pk=translated.pk)
    assert facts_of(live) == facts_of(policy)
    # The text is translation work: the live row keeps its reviewed English, the draft has the new text to translate.
    assert live.summary == f"EN {policy.title}"
    draft = live.get_latest_revision_as_object()
    assert facts_of(draft) == facts_of(policy)
    assert draft.summary == "修改后的摘要。"

    page = BeautifulSoup(client.get(live.url, HTTP_HOST="localhost").content, "html.parser")
    assert "国办发〔2014〕58号" in page.select_one(".policy-number").get_text()
    assert "示例市人民政府办公室" in page.select_one(".policy-meta").get_text()


def test_translators_are_offered_the_text_and_none_of_the_facts(english, en, capture):
    policy = publish_policy(english.portal, capture)
    translation = Translation.objects.get(source__object_id=policy.translation_key, target_locale=en)

    po_strings = [entry.msgid for entry in polib.pofile(translation.export_po().__unicode__())]
    assert policy.summary in po_strings  # positive control
    offered = " ".join(po_strings)
    for fact in (NUMBER, policy.index_number, "国务院办公厅", "政务公开", "2024-03-01"):
        assert fact not in offered
    segment_paths = set(StringSegment.objects.filter(source=translation.source).values_list("context__path", flat=True))
    overridable_paths = set(
        OverridableSegment.objects.filter(source=translation.source).values_list("context__path", flat=True)
    )
    for field in ("document_number", "index_number", "written_date", "validity", "issuing_bodies", "attachments"):
        assert not any(path.split(".")[0] == field for path in segment_paths | overridable_paths)
    assert "summary" in segment_paths


def test_image_alt_text_is_translated_and_the_image_is_shared(english, en, capture):
    image = ImageFactory(title="会场")
    with capture():
        article = ArticlePageFactory(
            parent=news_column(english.portal),
            title="市政府召开常务会议",
            body=[
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": "常务会议会场全景", "decorative": False},
                        "caption": "会议现场",
                    },
                }
            ],
            cover_image=ImageFactory(title="封面"),
        )
        article.save_revision().publish()
    translation = Translation.objects.get(source__object_id=article.translation_key, target_locale=en)
    alt = StringSegment.objects.get(source=translation.source, string__data="常务会议会场全景")
    StringTranslation.objects.create(
        translation_of_id=alt.string_id,
        locale=en,
        context_id=alt.context_id,
        data="The executive meeting, seen across the hall",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    assert not OverridableSegment.objects.filter(source=translation.source, context__path="cover_image").exists()

    with capture():
        save_translation_draft(translation)
    draft = ArticlePage.objects.get(pk=article.get_translation(en).pk).get_latest_revision_as_object()
    figure = draft.body[0].value
    assert figure["image"].pk == image.pk
    assert figure["image"].contextual_alt_text == "The executive meeting, seen across the hall"
    assert draft.cover_image_id == article.cover_image_id


def test_an_emergency_update_is_translated_text_at_the_original_time_and_its_end_goes_live_at_once(
    english, en, capture
):
    with capture():
        emergency = add_emergency(
            english.portal.home, "暴雨红色预警", "rainstorm", updates=[("2024-06-01 08:00", "首报")]
        )
    translated = publish_in_english(emergency, en, capture)
    assert [(update.time, update.text) for update in translated.updates.all()] == [
        (local_time("2024-06-01 08:00"), "EN 暴雨红色预警")
    ]
    translation = Translation.objects.get(source__object_id=emergency.translation_key, target_locale=en)
    offered = set(StringSegment.objects.filter(source=translation.source).values_list("string__data", flat=True))
    assert "首报" in offered and "2024-06-01" not in " ".join(offered)

    emergency.resolved = True
    emergency.resolved_at = local_time("2024-06-02 18:00")
    with capture():
        emergency.save_revision().publish()
    live = EmergencyPage.objects.get(pk=translated.pk)
    assert (live.resolved, live.resolved_at) == (True, local_time("2024-06-02 18:00"))


def test_an_english_policy_links_english_interpretations_where_live_else_the_chinese_marked_chinese(
    english, en, capture, client
):
    policy = publish_policy(english.portal, capture)
    column = interpretation_column_of(english.portal)
    with capture():
        translated_one = add_interpretation(column, "一图读懂政府网站建设意见", policies=[policy], kind="graphic")
        chinese_only = add_interpretation(column, "专家解读政府网站建设意见", policies=[policy], kind="expert")
    english_policy = publish_in_english(policy, en, capture)
    english_one = publish_in_english(translated_one, en, capture)

    page = BeautifulSoup(client.get(english_policy.url, HTTP_HOST="localhost").content, "html.parser")
    links = {link.get_text(): link for link in page.select("#interpretations-title ~ ul a")}
    assert set(links) == {english_one.title, chinese_only.title}
    assert links[english_one.title]["href"] == english_one.full_url
    assert not links[english_one.title].has_attr("lang")
    assert links[chinese_only.title]["href"] == chinese_only.full_url
    assert links[chinese_only.title]["lang"] == "zh-Hans"

    # The English interpretation links the English policy; the Chinese policy lists only Chinese interpretations.
    page = BeautifulSoup(client.get(english_one.url, HTTP_HOST="localhost").content, "html.parser")
    link = page.select_one("#policies-title ~ ul a")
    assert (link.get_text(), link.has_attr("lang")) == (english_policy.title, False)
    page = BeautifulSoup(client.get(policy.url, HTTP_HOST="localhost").content, "html.parser")
    titles = {link.get_text() for link in page.select("#interpretations-title ~ ul a")}
    assert titles == {translated_one.title, chinese_only.title}


def test_the_english_footer_shows_the_english_names_the_same_numbers_and_marks_chinese_left_untranslated(
    english, en, identities, capture, client
):
    SiteIdentity.objects.filter(site=english.portal.site).update(
        sponsor_en="General Office of the Example Municipal People's Government", organizer_en=""
    )
    publish_in_english(english.portal.home, en, capture)

    page = BeautifulSoup(client.get("/en/", HTTP_HOST="localhost").content, "html.parser")
    identity = {item.dt.get_text(strip=True): item.dd for item in page.select(".site-identity__list > div")}
    values = {label: dd.get_text(strip=True) for label, dd in identity.items()}
    assert "General Office of the Example Municipal People's Government" in values.values()
    assert "1100000001" in values.values() and "京ICP备00000001号" in values.values()
    untranslated = [dd for dd in identity.values() if dd.get_text(strip=True) == "示例市大数据中心"]
    assert [dd.get("lang") for dd in untranslated] == ["zh-Hans"]
    assert "示例市人民政府办公室" not in values.values()

    page = BeautifulSoup(client.get("/", HTTP_HOST="localhost").content, "html.parser")
    chinese = page.select(".site-identity__list dd")
    assert "示例市人民政府办公室" in [dd.get_text(strip=True) for dd in chinese]
    assert not any(dd.has_attr("lang") for dd in chinese)
