"""What a citizen sends from the English version of a consultation or a survey belongs to the Chinese original
(govcms.core.translation.original_of): one consultation with one set of comments and counts, one survey with one
result and one response per browser, whatever the reader's language."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from consultations import surveys
from consultations.models import Comment, SurveyAnswer, SurveyResponse
from tests.citizen_mailbox.conftest import captcha_answer
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


# The English words of the survey of tests.consultations.test_surveys, question by question.
ENGLISH_QUESTIONS = [
    ("Which line do you take most?", "Line 1\nLine 2\nLine 3"),
    ("What should improve?", "Punctuality\nFares\nVehicles"),
    ("Overall satisfaction", ""),
    ("Other suggestions", ""),
]


def translated_survey(site_group):
    original = survey_tests.add_survey(survey_tests.survey_index(site_group.county_a.home))
    english = in_english(original, site_group)
    questions = list(english.questions.all())
    for question, (text, options) in zip(questions, ENGLISH_QUESTIONS, strict=True):
        question.text, question.options = text, options
    english.questions = questions
    english.save_revision().publish()
    return original, type(english).objects.get(pk=english.pk)


def english_answers(english):
    names = [surveys.field_name(question) for question in english.questions.all()]
    return {names[0]: "Line 3", names[1]: ["Fares"], names[2]: "5", names[3]: survey_tests.SECRET_TEXT}


def test_an_answer_from_the_english_page_counts_as_the_originals_options_and_once_for_both(site_group):
    original, english = translated_survey(site_group)
    client = survey_tests.visitor()
    form = client.get(survey_tests.answer_url(english))
    hashkey, answer = captcha_answer(form)

    posted = client.post(
        survey_tests.answer_url(english), {**english_answers(english), "captcha_0": hashkey, "captcha_1": answer}
    )
    again_in_chinese = client.get(survey_tests.answer_url(original))

    assert "Which line do you take most?" in form.content.decode() and "Line 2" in form.content.decode()
    assert posted.status_code == 200, posted.content.decode()
    response = SurveyResponse.objects.get()
    assert (response.survey_id, response.site_home_id) == (original.pk, site_group.county_a.home.pk)
    original_questions = set(original.questions.values_list("pk", flat=True))
    assert set(SurveyAnswer.objects.values_list("question_id", flat=True)) <= original_questions
    assert sorted(SurveyAnswer.objects.values_list("value", flat=True)) == sorted(
        ["3路", "票价", "5", survey_tests.SECRET_TEXT]
    )
    assert "您已参加过本次调查" in again_in_chinese.content.decode()


def test_the_english_results_count_every_answer_in_english_words(site_group):
    original, english = translated_survey(site_group)
    survey_tests.submit(survey_tests.visitor(1), original, single="3路", multiple=("票价", "准点"))
    survey_tests.submit(survey_tests.visitor(2), original, single="1路", multiple=("票价",))

    page = survey_tests.visitor(3).get(english.get_url_parts()[2]).content.decode()

    assert "Which line do you take most?" in page and "Fares" in page
    tables = BeautifulSoup(page, "html.parser").select("table")
    lines = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in tables[0].select("tbody tr")}
    assert {label: count.split()[0] for label, count in lines.items()} == {"Line 1": "1", "Line 2": "0", "Line 3": "1"}
