from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as accounts_urls
from citizen_mailbox import captchas
from govcms import conventions
from govcms import views as govcms_views
from interviews import urls as interviews_urls
from monitoring import urls as monitoring_urls
from release import admin_urls as release_admin_urls
from search import views as search_views
from sitegroup import admin_urls as sitegroup_admin_urls
from translations import admin_urls as translations_admin_urls
from translations import public as translations_public

urlpatterns = [
    # Scoped page chooser endpoints shadow Wagtail's own (see sitegroup/admin_urls.py).
    path("admin/", include(sitegroup_admin_urls)),
    # The editor, copy and translation views held to the release workflow (see release/admin_urls.py).
    path("admin/", include(release_admin_urls)),
    # wagtail-localize's "stop synced translation", refused: translations stay in step (translations/guards.py).
    path("admin/", include(translations_admin_urls)),
    path("admin/", include(wagtailadmin_urls)),
    # Wrong passwords on private collections' and pages' forms count toward the login lock-out (accounts).
    path("documents/", include(accounts_urls.document_password_patterns)),
    path("documents/", include(wagtaildocs_urls)),
    # Offline captcha images for public forms (django-simple-captcha); not its refresh endpoint, which would make
    # a captcha row for any anonymous request (citizen_mailbox.captchas).
    path("captcha/", include(captchas.image_urlpatterns)),
    # /sitemap.xml, /robots.txt and /favicon.ico of the requesting host (govcms.conventions).
    path("", include(conventions.urlpatterns)),
    # 长者模式 without JavaScript: a plain link sets the cookie and comes back (govcms.views.elder_mode).
    path("elder-mode/", govcms_views.elder_mode, name="elder_mode"),
    # The live transcript endpoint, polled by every open interview page: outside Wagtail's routing (interviews.live).
    path("", include(interviews_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's front-end URLs with its serve view replaced: a foreign-language address without a live translation
# answers a bilingual notice instead of Wagtail's fallback to the Chinese page (translations.public).
wagtail_page_urls = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, translations_public.serve, name="wagtail_serve"),
]

# Public pages: Chinese unprefixed, English under /en/.
urlpatterns += i18n_patterns(
    path("search/", translations_public.offered_language_only(search_views.search), name="search"),
    # 我为政府网站找错 and page feedback, in the reader's language: plain forms, so content pages carry no CSRF
    # token (monitoring.urls).
    path("", include(monitoring_urls)),
    path("", include(accounts_urls.page_password_patterns)),
    path("", include(wagtail_page_urls)),
    prefix_default_language=False,
)

handler404 = "govcms.views.page_not_found"
handler500 = "govcms.views.server_error"
