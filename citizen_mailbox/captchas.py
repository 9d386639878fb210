"""Captcha rows (django-simple-captcha's CaptchaStore) stay bounded whatever anonymous visitors do.

Every view of a public form makes a row (the challenge and its answer), so a script fetching the
form page in a loop would fill the table. Three limits hold it:

* per client: CAPTCHA_RATE captchas an hour and CAPTCHA_DAILY_CAP a day; beyond that the form page
  answers 429 without making one (the client is counted by govcms.core.ratelimit.client_key);
* all clients together: at most LIVE_CAP unexpired rows (a captcha lives CAPTCHA_TIMEOUT, 5 minutes);
  beyond that the page answers 503 until rows expire;
* clean-up: making a captcha deletes the expired ones, at most once a PRUNE_INTERVAL, and
  `manage.py captcha_clean` (the package's command) does the same from cron (docs/operations.md).

The package's refresh endpoint (/captcha/refresh/), which made a row for any request and is not used
by these forms, is not routed (govcms/urls.py routes only `image_urlpatterns`).
"""

import datetime

from captcha import views as captcha_views
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.urls import re_path
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from govcms.core.ratelimit import client_key

CAPTCHA_RATE = "60/h"
CAPTCHA_DAILY_CAP = "300/d"
LIVE_CAP = 5000
PRUNE_INTERVAL = datetime.timedelta(minutes=1)
_PRUNED_KEY = "citizen_mailbox:captchas-pruned"

# The captcha images (1x and 2x) for keys the forms made; the same URL names as captcha.urls.
image_urlpatterns = [
    re_path(r"^image/(?P<key>\w+)/$", captcha_views.captcha_image, name="captcha-image", kwargs={"scale": 1}),
    re_path(r"^image/(?P<key>\w+)@2/$", captcha_views.captcha_image, name="captcha-image-2x", kwargs={"scale": 2}),
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
