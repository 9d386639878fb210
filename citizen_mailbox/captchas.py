"""The public forms' captcha: one small sum, shown as a large image and as a text question in the page's language.

The challenge (arithmetic_challenge, CAPTCHA_CHALLENGE_FUNCT) is a sum or difference of two digits. The
widget shows it as an image ("7 + 2 = ?") and as text in the page ("七加二等于几？", on English pages "What is
seven plus two?"), which screen readers read and which works offline; the answer is taken in Arabic or Chinese
numerals, full or half width, or in English words. A
script reading the page can answer it as easily as a person: the captcha only stops blind form-filling
robots, and the rate limits below and in the views are what hold a determined sender (docs/accessibility.md).

A citizen who cannot read the challenge asks for another: new_captcha (/captcha/new/, a GET answering
JSON, used by mailbox/captcha.js) or, without JavaScript, the form's 看不清，换一张 submit button
(citizen_mailbox.views).

Captcha rows (django-simple-captcha's CaptchaStore) stay bounded whatever anonymous visitors do.

Every view of a public form makes a row (the challenge and its answer), so a script fetching the
form page in a loop would fill the table. Three limits hold it:

* per client: CAPTCHA_RATE captchas an hour and CAPTCHA_DAILY_CAP a day; beyond that the form page
  answers 429 without making one (the client is counted by govcms.core.ratelimit.client_key);
* all clients together: at most LIVE_CAP unexpired rows (a captcha lives CAPTCHA_TIMEOUT, 5 minutes);
  beyond that the page answers 503 until rows expire;
* clean-up: making a captcha deletes the expired ones, at most once a PRUNE_INTERVAL, and
  `manage.py captcha_clean` (the package's command) does the same from cron (docs/operations.md).

The package's refresh endpoint (/captcha/refresh/), which made a row for any request, is not routed
(govcms/urls.py routes only `image_urlpatterns`: the images and new_captcha, which counts like a form view).
"""

import datetime
import secrets
import unicodedata

from captcha import views as captcha_views
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.http import JsonResponse
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from govcms.core.ratelimit import client_key

CAPTCHA_RATE = "60/h"
CAPTCHA_DAILY_CAP = "300/d"
LIVE_CAP = 5000
PRUNE_INTERVAL = datetime.timedelta(minutes=1)
_PRUNED_KEY = "citizen_mailbox:captchas-pruned"

# Chinese numerals 0–18, the range of arithmetic_challenge's operands and answers.
_NUMERALS = "零一二三四五六七八九十"
CHINESE_NUMBERS = [_NUMERALS[n] if n <= 10 else "十" + _NUMERALS[n - 10] for n in range(19)]
# The question's numbers in words in the page's language (digits would read the same in every language, but a
# question in words is what the text version is for); Chinese for any language without a list here.
ENGLISH_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
]
NUMBER_WORDS = {"zh": CHINESE_NUMBERS, "en": ENGLISH_NUMBERS}
_OPERATORS = {"+": gettext_lazy("加"), "-": gettext_lazy("减")}


def arithmetic_challenge():
    """("7 + 2 = ?", "9"): a sum or a difference of two digits 1–9, never negative."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    operator = secrets.choice("+-")
    if operator == "-":
        a, b = max(a, b), min(a, b)
    answer = a + b if operator == "+" else a - b
    return f"{a} {operator} {b} = ?", str(answer)


def question(challenge):
    """The challenge as a question in the page's language: "7 + 2 = ?" → "七加二等于几？", "What is seven plus two?"."""
    a, operator, b = challenge.split()[:3]
    numbers = NUMBER_WORDS.get((get_language() or "zh").split("-")[0], CHINESE_NUMBERS)
    return _("%(a)s%(operator)s%(b)s等于几？") % {
        "a": numbers[int(a)],
        "operator": _OPERATORS[operator],
        "b": numbers[int(b)],
    }


def normalise_answer(text):
    """What the citizen typed as Arabic digits: full-width digits (Chinese input methods), numerals 零–十八 and
    the words zero–eighteen become "0"–"18"; anything else is left for the comparison to reject."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    for words in (CHINESE_NUMBERS, ENGLISH_NUMBERS):
        if text.lower() in words:
            return str(words.index(text.lower()))
    return text


def challenge_data(store):
    """What a page needs to show a captcha: its key, images and question."""
    return {
        "key": store.hashkey,
        "image_url": reverse("captcha-image", kwargs={"key": store.hashkey}),
        "image_2x_url": reverse("captcha-image-2x", kwargs={"key": store.hashkey}),
        "question": question(store.challenge),
    }


@require_safe
def new_captcha(request):
    """A new captcha for a form already on screen (mailbox/captcha.js), under the same limits as a form view.

    A GET: it changes nothing but adding a captcha row, which the limits bound, and another site's page
    cannot read the answer (no CORS), so it needs no CSRF token."""
    if client_over_limit(request):
        response = JsonResponse({"error": _("操作过于频繁，请稍后再试。")}, status=429)
    elif table_full():
        response = JsonResponse({"error": _("系统繁忙，请稍后再试。")}, status=503)
    else:
        challenge, answer = arithmetic_challenge()
        response = JsonResponse(challenge_data(CaptchaStore.objects.create(challenge=challenge, response=answer)))
    add_never_cache_headers(response)
    return response


# The captcha images (1x and 2x) for keys the forms made, with the same URL names as captcha.urls, and new ones.
image_urlpatterns = [
    re_path(r"^image/(?P<key>\w+)/$", captcha_views.captcha_image, name="captcha-image", kwargs={"scale": 1}),
    re_path(r"^image/(?P<key>\w+)@2/$", captcha_views.captcha_image, name="captcha-image-2x", kwargs={"scale": 2}),
    re_path(r"^new/$", new_captcha, name="captcha-new"),
]


def client_over_limit(request):
    """Whether this client has had its share of captchas (each call counts one)."""
    return any(
        is_ratelimited(request, group=f"mailbox.captcha.{rate}", key=client_key, rate=rate, increment=True)
        for rate in (CAPTCHA_RATE, CAPTCHA_DAILY_CAP)
    )


def table_full():
    """Whether LIVE_CAP unexpired captchas exist: no new one until some expire."""
    prune_expired()
    return CaptchaStore.objects.filter(expiration__gt=timezone.now()).count() >= LIVE_CAP


def prune_expired():
    """Delete expired captchas, at most once a PRUNE_INTERVAL (the cache remembers the last time)."""
    if cache.add(_PRUNED_KEY, True, timeout=PRUNE_INTERVAL.total_seconds()):
        CaptchaStore.remove_expired()
