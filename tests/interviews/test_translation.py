"""An interview translated into English through wagtail-localize's own views (item 8 of issue 14).

The schedule, the guests' photos and the linked policies are synchronised: the English page is the same
event about the same policies. The words (title, summary, host, introduction, transcript) are segments a
translator fills in.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_factories import ImageFactory
from wagtail_localize.models import StringSegment, TranslationSource

from interviews.models import InterviewPage, InterviewPolicy
from tests.interviews.factories import make_interview
from tests.policy.utils import add_policy, library_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(client, site_group, make_user):
    """County A's editor, who also holds wagtail-localize's global permission."""
    user = make_user(site_group.county_a.groups["编辑"])
    user.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    client.force_login(user)
    return client


@pytest.fixture
def interview(site_group):
    """A past interview of county A with a photo per guest, a linked policy and a transcript."""
    policy = add_policy(library_of(site_group.county_a), "甲县稳就业若干措施", document_number="甲政发〔2024〕3号")
    index = Page.objects.descendant_of(site_group.county_a.home).type(Page).get(slug="zxft")
    # Whole minutes, as editors schedule (a revision keeps milliseconds only).
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=3)
    interview = make_interview(
        index,
        start=start,
        end=start + timedelta(hours=1),
        title="解读稳就业措施",
        summary="局长解读稳就业措施。",
        host="王主持",
        transcript=[("entry", transcript_entry(start))],
        live=False,
    )
    guests = list(interview.guests.all())
    for guest in guests:
        guest.photo = ImageFactory(title=f"{guest.name}照片")
        guest.photo_alt = f"{guest.name}在访谈现场"
    interview.guests = guests
    interview.policy_links = [InterviewPolicy(policy=policy)]
    interview.save_revision().publish()
    return InterviewPage.objects.get(pk=interview.pk)


def transcript_entry(start):
    return {
        "entry_id": 7,
        "speaker": "guest",
        "speaker_name": "张明",
        "time": start + timedelta(minutes=5),
        "question": {"nickname": "", "text": ""},
        "text": "今年新增就业岗位三千个。",
        "image": None,
        "image_alt": "",
    }


def translate_into_english(client, page):
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [english.pk], "include_subtree": ""})
    assert response.status_code == 302
    return page.get_translation(english).specific


def segment_texts(page):
    source = TranslationSource.objects.get(object_id=page.translation_key, specific_content_type=page.content_type_id)
    return set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))


def test_the_english_interview_keeps_the_schedule_photos_and_policies(translator, interview):
    translation = translate_into_english(translator, interview)

    assert translation.locale.language_code == "en"
    assert (translation.scheduled_start, translation.scheduled_end) == (
        interview.scheduled_start,
        interview.scheduled_end,
    )
    photos = [(guest.photo_id, guest.photo_alt) for guest in interview.guests.all()]
    assert all(photo_id for photo_id, _alt in photos)
    assert [(guest.photo_id, guest.photo_alt) for guest in translation.guests.all()] == photos
    assert [link.policy_id for link in translation.policy_links.all()] == [
        link.policy_id for link in interview.policy_links.all()
    ]


def test_the_words_are_segments_for_the_translator(translator, interview):
    translate_into_english(translator, interview)

    texts = segment_texts(interview)

    assert {"解读稳就业措施", "局长解读稳就业措施。", "王主持", "今年新增就业岗位三千个。", "张明"} <= texts
    # The guests' words are the translator's too: names, titles, organisations and the photos' descriptions.
    assert {"李华", "副局长", "甲县人力资源和社会保障局", "张明在访谈现场"} <= texts


def test_moving_the_interview_moves_its_translation_too(
    client, admin_user, interview, django_capture_on_commit_callbacks
):
    """A later schedule reaches the English page when the translations are updated and published
    (wagtail-localize publishes once the transaction commits)."""
    client.force_login(admin_user)
    translation = translate_into_english(client, interview)
    interview.scheduled_start += timedelta(days=1)
    interview.scheduled_end += timedelta(days=1)
    interview.save_revision().publish()
    source = TranslationSource.objects.get(object_id=interview.translation_key)

    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})

    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.live
    assert (translation.scheduled_start, translation.scheduled_end) == (
        interview.scheduled_start,
        interview.scheduled_end,
    )
