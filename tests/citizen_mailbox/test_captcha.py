"""The public forms' captcha, through the real views: legible, answerable from its text question, renewable
with and without JavaScript, and a wrong answer loses nothing the citizen typed (citizen_mailbox.captchas)."""

import io

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from lxml import html
from PIL import Image

from citizen_mailbox import captchas, views
from citizen_mailbox.models import Message
from tests.citizen_mailbox.conftest import COUNTY_A_HOST, PASSWORD, make_message, public_url
from tests.citizen_mailbox.test_public_form import form_data, write_url

pytestmark = pytest.mark.django_db

NEW_CAPTCHA_URL = "/captcha/new/"
_PACKAGE_DEFAULT_SIZE = (76, 29)  # django-simple-captcha's arithmetic image before issue 13


def visitor(number=1):
    return Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR=f"10.2.0.{number}")


def page_of(response):
    return html.fromstring(response.content.decode())


def answer_from_question(text):
    """What a person computes from the text question alone ("七加二等于几？" → "9"), without the image."""
    operator = "加" if "加" in text else "减"
    left, right = text.removesuffix("等于几？").split(operator)
    a, b = captchas.CHINESE_NUMBERS.index(left), captchas.CHINESE_NUMBERS.index(right)
    return str(a + b if operator == "加" else a - b)


def shown_captcha(response):
    """The key and the text question of the captcha a page shows."""
    page = page_of(response)
    return page.get_element_by_id("id_captcha_0").get("value"), page.find_class("captcha__question")[0].text_content()


def image_size(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content)).size


def test_every_challenge_is_a_small_sum_or_difference_with_its_question():
    for _ in range(200):
        challenge, answer = captchas.arithmetic_challenge()
        assert 0 <= int(answer) <= 18
        assert answer_from_question(captchas.question(challenge)) == answer


def test_the_image_is_twice_the_old_size_and_has_a_sharp_2x_version():
    client = visitor()
    store = CaptchaStore.objects.create(challenge="8 + 9 = ?", response="17")
    width, height = image_size(client, f"/captcha/image/{store.hashkey}/")
    width_2x, height_2x = image_size(client, f"/captcha/image/{store.hashkey}@2/")
    assert width >= 2 * _PACKAGE_DEFAULT_SIZE[0] and height >= 2 * _PACKAGE_DEFAULT_SIZE[1]
    assert width_2x >= 2 * width - 8 and height_2x >= 2 * height - 8  # glyph metrics differ a little


def test_the_form_shows_the_captcha_as_image_and_text_with_the_answer_box_described(mailbox_a):
    response = visitor().get(write_url(mailbox_a))
    page = page_of(response)
    key, question = shown_captcha(response)
    store = CaptchaStore.objects.get(hashkey=key)
    assert question == captchas.question(store.challenge)

    answer_box = page.get_element_by_id("id_captcha_1")
    assert page.xpath("//label[@for='id_captcha_1']")[0].text_content() == "得数（填数字）"
    described_by = answer_box.get("aria-describedby").split()
    assert "id_captcha_question" in described_by and "id_captcha_helptext" in described_by
    assert question in page.get_element_by_id("id_captcha_question").text_content()
    assert answer_box.get("autocomplete") == "off" and answer_box.get("inputmode") == "numeric"

    image = page.find_class("captcha__image")[0]
    assert image.get("alt") and store.response not in image.get("alt")
    assert image.get("srcset").endswith("@2/ 2x")
    refresh = page.xpath("//button[@name='captcha_refresh']")[0]
    assert refresh.text_content() == "看不清，换一张"
    assert page.find_class("captcha")[0].get("data-refresh-url") == NEW_CAPTCHA_URL
    assert page.xpath("//script[contains(@src, 'mailbox/captcha.js')]")


def test_the_answer_to_the_text_question_is_accepted(mailbox_a):
    client = visitor()
    key, question = shown_captcha(client.get(write_url(mailbox_a)))
    data = form_data(visitor(2), mailbox_a, captcha_0=key, captcha_1=answer_from_question(question))

    response = client.post(write_url(mailbox_a), data)

    assert response.status_code == 200
    assert Message.objects.get().subject == "咨询入学政策"


@pytest.mark.parametrize("typed", ["full width", "chinese numeral", "spaces"])
def test_answers_typed_with_a_chinese_input_method_are_accepted(mailbox_a, typed):
    client = visitor()
    data = form_data(client, mailbox_a)
    number = int(data["captcha_1"])
    data["captcha_1"] = {
        "full width": "".join(chr(ord(digit) + 0xFEE0) for digit in str(number)),
        "chinese numeral": captchas.CHINESE_NUMBERS[number],
        "spaces": f" {number} ",
    }[typed]

    assert client.post(write_url(mailbox_a), data).status_code == 200
    assert Message.objects.count() == 1


def test_a_wrong_answer_keeps_what_was_typed_stores_nothing_and_says_so_beside_the_captcha(mailbox_a):
    client = visitor()
    data = form_data(client, mailbox_a, captcha_1="99")  # the answers are 0–18

    response = client.post(write_url(mailbox_a), data)

    assert response.status_code == 400
    assert not Message.objects.exists()
    page = page_of(response)
    for name in ("name", "phone", "email", "subject"):
        assert page.get_element_by_id(f"id_{name}").get("value") == data[name]
    assert page.get_element_by_id("id_content").text_content().strip() == data["content"]
    assert page.get_element_by_id("id_consent_to_publish").get("checked") is not None
    error = page.get_element_by_id("id_captcha_error")
    assert "验证码答案不正确" in error.text_content()
    assert error.getparent().get("class") == "form-field form-field--captcha form-field--error"
    assert page.xpath("//div[@class='error-summary']//a[@href='#id_captcha_1']")
    assert "id_captcha_error" in page.get_element_by_id("id_captcha_1").get("aria-describedby")
    # A new captcha to answer, and the wrong answer is not shown again.
    assert shown_captcha(response)[0] != data["captcha_0"]
    assert not page.get_element_by_id("id_captcha_1").get("value")


def test_a_wrong_answer_on_the_lookup_keeps_the_code_and_password(mailbox_a):
    message = make_message(mailbox_a)
    client = visitor()
    key, _question = shown_captcha(client.get(public_url(mailbox_a, "lookup/")))
    data = {"tracking_code": message.tracking_code, "password": PASSWORD, "captcha_0": key, "captcha_1": "99"}

    response = client.post(public_url(mailbox_a, "lookup/"), data)

    assert response.status_code == 400
    page = page_of(response)
    assert page.get_element_by_id("id_tracking_code").get("value") == message.tracking_code
    assert page.get_element_by_id("id_password").get("value") == PASSWORD
    assert "no-store" in response["Cache-Control"]
    assert "验证码答案不正确" in page.get_element_by_id("id_captcha_error").text_content()


def test_a_new_captcha_comes_as_json_and_answers_the_form(mailbox_a):
    client = visitor()
    old_key, _question = shown_captcha(client.get(write_url(mailbox_a)))

    response = client.get(NEW_CAPTCHA_URL, HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    new = response.json()
    assert set(new) == {"key", "image_url", "image_2x_url", "question"}
    assert new["key"] != old_key
    assert image_size(client, new["image_url"])[0] > 0
    data = form_data(visitor(2), mailbox_a, captcha_0=new["key"], captcha_1=answer_from_question(new["question"]))
    assert client.post(write_url(mailbox_a), data).status_code == 200
    assert Message.objects.count() == 1


def test_a_new_captcha_is_only_given_to_a_get_and_needs_no_csrf_token():
    client = Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR="10.2.0.9", enforce_csrf_checks=True)
    assert client.post(NEW_CAPTCHA_URL).status_code in (403, 405)
    assert client.get(NEW_CAPTCHA_URL).status_code == 200
    assert CaptchaStore.objects.count() == 1  # the GET's row, and nothing else


def test_new_captchas_count_against_the_same_limits_as_form_views(mailbox_a, monkeypatch):
    monkeypatch.setattr(captchas, "CAPTCHA_RATE", "2/h")
    client = visitor()
    client.get(write_url(mailbox_a))
    assert client.get(NEW_CAPTCHA_URL).status_code == 200

    refused = client.get(NEW_CAPTCHA_URL)

    assert refused.status_code == 429
    assert "error" in refused.json()
    assert CaptchaStore.objects.count() == 2
    assert visitor(2).get(NEW_CAPTCHA_URL).status_code == 200  # others are not affected


def test_no_new_captcha_when_the_table_is_full(monkeypatch):
    monkeypatch.setattr(captchas, "LIVE_CAP", 1)
    assert visitor(1).get(NEW_CAPTCHA_URL).status_code == 200
    busy = visitor(2).get(NEW_CAPTCHA_URL)
    assert busy.status_code == 503
    assert CaptchaStore.objects.count() == 1


def test_without_javascript_the_refresh_button_brings_the_form_back_with_a_new_captcha(mailbox_a):
    client = visitor()
    data = form_data(client, mailbox_a, captcha_1="", captcha_refresh="1")

    response = client.post(write_url(mailbox_a), data)

    assert response.status_code == 200
    assert not Message.objects.exists()
    page = page_of(response)
    assert not page.find_class("error-summary") and not page.find_class("form-field__error")
    assert page.get_element_by_id("id_subject").get("value") == data["subject"]
    assert page.get_element_by_id("id_content").text_content().strip() == data["content"]
    assert page.xpath(f"//input[@name='channel'][@value='{data['channel']}']")[0].get("checked") is not None
    assert page.get_element_by_id("id_consent_to_publish").get("checked") is not None
    assert "您填写的内容已保留" in page.find_class("captcha__status")[0].text_content()
    new_key, question = shown_captcha(response)
    assert new_key != data["captcha_0"]
    # The new captcha answers the form.
    answered = client.post(
        write_url(mailbox_a), {**data, "captcha_0": new_key, "captcha_1": answer_from_question(question)}
    )
    assert answered.status_code == 200
    assert Message.objects.count() == 1


def test_refreshing_does_not_use_up_the_submissions_a_client_may_make(mailbox_a, monkeypatch):
    monkeypatch.setattr(views, "SUBMIT_RATE", "1/h")
    client = visitor()
    for _ in range(3):
        assert (
            client.post(
                write_url(mailbox_a), form_data(client, mailbox_a, captcha_1="", captcha_refresh="1")
            ).status_code
            == 200
        )
    assert client.post(write_url(mailbox_a), form_data(client, mailbox_a)).status_code == 200
    assert Message.objects.count() == 1


def test_the_refresh_button_with_an_answer_typed_submits_as_enter_in_a_field_does(mailbox_a):
    client = visitor()
    response = client.post(write_url(mailbox_a), form_data(client, mailbox_a, captcha_refresh="1"))
    assert response.status_code == 200
    assert Message.objects.count() == 1


def test_the_lookup_refresh_keeps_code_and_password(mailbox_a):
    client = visitor()
    key, _question = shown_captcha(client.get(public_url(mailbox_a, "lookup/")))
    data = {
        "tracking_code": "ABCDEFGHJKMN",
        "password": "abcd2345",
        "captcha_0": key,
        "captcha_1": "",
        "captcha_refresh": "1",
    }

    response = client.post(public_url(mailbox_a, "lookup/"), data)

    assert response.status_code == 200
    page = page_of(response)
    assert page.get_element_by_id("id_tracking_code").get("value") == "ABCDEFGHJKMN"
    assert page.get_element_by_id("id_password").get("value") == "abcd2345"
    assert not page.find_class("error-summary")
    assert shown_captcha(response)[0] != key
