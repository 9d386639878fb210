"""What a citizen sends from the English version of a consultation or a survey belongs to the Chinese original
(govcms.core.translation.original_of): one consultation with one set of comments and counts, one survey with one
result and one response per browser, whatever the reader's language."""

import pytest
from wagtail.models import Locale

from consultations.models import Comment, SurveyAnswer, SurveyResponse
from tests.consultations import test_consultation_public as consultation_tests
from tests.consultations import test_surveys as survey_tests
from translations.models import SiteLanguage

pytestmark = pytest.mark.django_db

frozen = survey_tests.frozen


def in_english(page, site_group):
    SiteLanguage.objects.get_or_create(home=site_group.county_a.home, language_code="en")
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    translation.title = f"{page.title} (English)"
    translation.save_revision().publish()
    return type(page).objects.get(pk=translation.pk)


def test_a_comment_from_the_english_page_is_the_originals_of_the_chinese_site(site_group):
    original = consultation_tests.make_consultation(consultation_tests.index_under(site_group.county_a.home))
    english = in_english(original, site_group)
    client = consultation_tests.visitor()

    posted = client.post(
        consultation_tests.comment_url(english), consultation_tests.form_data(client, english, section="")
    )

    assert posted.status_code == 200, posted.content.decode()
    comment = Comment.objects.get()
    assert (comment.consultation_id, comment.site_home_id) == (original.pk, site_group.county_a.home.pk)


def test_an_answer_from_the_english_page_counts_with_the_original_and_once_for_both(site_group):
    original = survey_tests.add_survey(survey_tests.survey_index(site_group.county_a.home))
    english = in_english(original, site_group)
    client = survey_tests.visitor()

    posted = survey_tests.submit(client, english, single="3路", multiple=("票价",), rating="5")
    again_in_chinese = client.get(survey_tests.answer_url(original))

    assert posted.status_code == 200, posted.content.decode()
    response = SurveyResponse.objects.get()
    assert (response.survey_id, response.site_home_id) == (original.pk, site_group.county_a.home.pk)
    original_questions = set(original.questions.values_list("pk", flat=True))
    assert set(SurveyAnswer.objects.values_list("question_id", flat=True)) <= original_questions
    assert sorted(SurveyAnswer.objects.values_list("value", flat=True)) == sorted(
        ["3路", "票价", "5", survey_tests.SECRET_TEXT]
    )
    assert "您已参加过本次调查" in again_in_chinese.content.decode()
