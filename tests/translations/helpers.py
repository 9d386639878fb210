"""What the translators' tests share: the sites' 翻译 groups, a new Chinese article and its English draft."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment

from sitegroup.models import SiteRole
from tests.factories import ArticlePageFactory
from translations.checks import page_translation


def translator_group(provisioned):
    return SiteRole.objects.get(home=provisioned.home, role=SiteRole.Role.TRANSLATOR).group


def publish_new_article(provisioned, title, body_text, django_capture_on_commit_callbacks):
    """A Chinese article published on the site: its English draft appears (translations.sync.follow_source)."""
    column = Page.objects.child_of(provisioned.home).get(slug="zwdt")
    article = ArticlePageFactory(parent=column, title=title, body=[("paragraph", f"<p>{body_text}</p>")], live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    return article


def english_of(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def translate_every_segment(client, english_page, translate):
    """Translate each segment of `english_page` through wagtail-localize's editor API; return the responses."""
    translation = page_translation(english_page)
    responses = []
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        data = urlencode({"value": translate(segment.string.data)})
        responses.append(client.put(url, data, content_type="application/x-www-form-urlencoded"))
    return responses
