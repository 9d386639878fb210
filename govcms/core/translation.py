"""What a page's translation shares with its original, and how links between pages read in a translation.

A *fact* is the same in every language: a 文号, an index number, a date, an issuing body, an image, an
attachment, a link to another policy, a setting of the page. It is declared in the page type's
`override_translatable_fields` (wagtail-localize) as a SynchronizedField that cannot be overridden:
wagtail-localize copies it from the original whenever the translation is synchronised and never offers it to
a translator, and translations.sync copies a live translation's facts at once when the original is published
(`fact_fields`). Text left out of `facts()` stays a TranslatableField (segments to translate).

Every page's slug is a fact too (`synchronise_slugs`): a translation sits at the original's path under /<code>/.

A synchronised link (a policy's interpretations, related policies, an interview's policies) points at the
original page; `in_language_of` gives the reader of a translation the linked page's live translation where
there is one.
"""

from django.apps import apps
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField


def facts(*field_names):
    """Non-overridable SynchronizedFields for `field_names` (fields, many-to-many fields or child relations)."""
    return [SynchronizedField(name, overridable=False) for name in field_names]


def synchronise_slugs():
    """Make `slug` a fact of every page type, once for all rather than in each model's override_translatable_fields.

    The slug is shown only under the promote tab: as a segment it kept a translation "unfinished" (and out of
    提交审校) with every visible text translated, and a translated slug would break /<code>/<original path>/.
    Called from translations' AppConfig.ready, when every page model is loaded and before any is translated.
    """
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        declared = getattr(model, "override_translatable_fields", [])
        if not any(field.field_name == "slug" for field in declared):
            model.override_translatable_fields = [*declared, *facts("slug")]


def in_language_of(page, linked_pages):
    """`linked_pages` (specific pages) as `page`'s reader should follow them: each replaced by its live translation in
    `page`'s language where there is one, else left as it is (the template marks its language). One query."""
    linked_pages = list(linked_pages)
    others = [linked for linked in linked_pages if linked.locale_id != page.locale_id]
    if not others:
        return linked_pages
    translations = (
        Page.objects.live()
        .filter(locale_id=page.locale_id, translation_key__in=[linked.translation_key for linked in others])
        .specific()
    )
    by_key = {translation.translation_key: translation for translation in translations}
    return [by_key.get(linked.translation_key, linked) for linked in linked_pages]


def original_of(page):
    """`page` in the default locale (a translation's original; the page itself when it is the original or has
    none; None for None). What citizens send from a translated page — a comment, a survey answer, an error
    report — belongs to the original: one consultation, one count, one site, whatever the reader's language."""
    locale = Locale.get_default()
    if page is None or page.locale_id == locale.pk:
        return page
    return page.get_translation_or_none(locale) or page
