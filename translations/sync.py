"""Keeping a site's foreign-language tree in step with its original pages.

* `open_foreign_version(home, code)` gives a site a foreign language: a draft translation of each of its pages
  (its sub-sites keep their own choice), its 翻译 group and its translation workflow (translations.provisioning).
* `follow_source(page)` runs when an original page is published on such a site (translations.signal_handlers):
  a new page gets a draft translation, a changed one a new draft revision with the new text to translate. The
  facts (synchronised fields that cannot be overridden: 文号, dates, validity...) are copied onto the live
  translation at once, since the original's release approved them; text waits for translation and review.
* `save_translation_draft` saves a translation as a draft revision without touching a live translation's
  content. wagtail-localize's `Translation.save_target(publish=False)` writes the translated (and, where a
  segment is untranslated, the original) text into the page row, which is what a live page serves: a draft
  would go live untranslated. `install_draft_guard` makes wagtail-localize's own calls take this path too.

Nothing here publishes: a translation goes live only through its site's translation workflow.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import Translation, TranslationSource

from govcms.core.tree import site_home_model, site_home_of, under_any_of
from translations.languages import foreign_language_codes, is_original, language_name, offered_languages
from translations.memory import prefill_from_memory

OPEN_LOG_ACTION = "translations.open_language"


def site_pages(home):
    """The original pages of the site rooted at `home`, home first, in tree order; sub-sites below are left out."""
    subsite_paths = site_home_model().objects.descendant_of(home).values_list("path", flat=True)
    pages = Page.objects.descendant_of(home, inclusive=True)
    if subsite_paths:
        pages = pages.exclude(under_any_of(list(subsite_paths)))
    return pages.order_by("path")


def parent_site_home(home):
    return site_home_model().objects.ancestor_of(home).order_by("-depth").first()


def open_foreign_version(home, language_code, user=None):
    """Give the site rooted at `home` the foreign language `language_code`; return what was created."""
    _validate_opening(home, language_code)
    created = []
    with transaction.atomic():
        locale, _locale_created = Locale.objects.get_or_create(language_code=language_code)
        from translations.models import SiteLanguage

        _record, opened = SiteLanguage.objects.get_or_create(home=home, language_code=language_code)
        drafts = sum(1 for page in site_pages(home).specific() if ensure_translation(page, locale, user)[1])
        if drafts:
            created.append(_("%(count)d 个待翻译页面") % {"count": drafts})
        from translations.provisioning import provision_language_staff

        created += provision_language_staff(home, locale)
        if opened:
            created.insert(0, _("%(language)s版") % {"language": language_name(language_code)})
            log(instance=home, action=OPEN_LOG_ACTION, user=user, data={"language": language_code})
    return created


def _validate_opening(home, language_code):
    if language_code not in foreign_language_codes():
        raise ValidationError(_("不支持该语言。"))
    if not is_original(home):
        raise ValidationError(_("只能为中文站点开设外文版。"))
    above = parent_site_home(home)
    # A translated sub-site sits in the translated tree of the site above (/en/<sub-site>/).
    if above is not None and language_code not in offered_languages(above):
        raise ValidationError(
            _("上级站点“%(site)s”尚未开设%(language)s版，请先为其开设。")
            % {"site": above.title, "language": language_name(language_code)}
        )


def ensure_translation(page, locale, user=None):
    """`page`'s Translation into `locale` and whether its page was created now (as a draft, parents first)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    if page.get_translation_or_none(locale) is not None:
        return translation, False
    parent = page.get_parent()
    if parent.depth > 1 and parent.get_translation_or_none(locale) is None:
        # Never wagtail-localize's copy_parent_pages: it would put live aliases of the originals in the tree.
        ensure_translation(parent.specific, locale, user)
    prefill_from_memory(translation)
    translation.save_target(user=user, publish=False)
    return translation, True


def follow_source(page, user=None):
    """After the original `page` was published: update its translations in the site's foreign languages."""
    home = site_home_of(page)
    languages = offered_languages(home) if home is not None else set()
    if not languages:
        return
    source, _created = TranslationSource.update_or_create_from_instance(page)
    for locale in Locale.objects.filter(language_code__in=languages):
        target = page.get_translation_or_none(locale)
        if target is None:
            ensure_translation(page, locale, user)
            continue
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        copy_facts_to_live(page, target.specific)
        if translation.enabled:
            # A translation stopped in wagtail-localize's editor is edited as a page of its own: no new draft.
            prefill_from_memory(translation)
            save_translation_draft(translation, user)


def withdraw_translations(page, user=None):
    """The original `page` went offline (unpublished, withdrawn, expired or deleted): so do its translations.

    A notice withdrawn in Chinese must not stay up in English, nor go up later: translations in review leave
    it. They stay as drafts, to be published again through review if the original comes back (the content
    check refuses a translation whose original is offline).
    """
    for translation in page.get_translations().specific():
        if translation.live:
            translation.unpublish(user=user)
        # A translation in review would otherwise go live at its last approval.
        workflow_state = translation.current_workflow_state
        if workflow_state is not None:
            workflow_state.cancel(user=user)


def _facts(model):
    """`model`'s own synchronised, non-overridable concrete fields (govcms.core.translation.facts)."""
    for translatable in get_translatable_fields(model):
        if not isinstance(translatable, SynchronizedField) or translatable.overridable:
            continue
        field = model._meta.get_field(translatable.field_name)
        if field.concrete and field.editable and field.model is not Page:
            yield field


def fact_fields(model):
    """Names of `model`'s facts held in its own row: the columns a translation never retypes."""
    return [field.attname for field in _facts(model) if not field.many_to_many]


def fact_relations(model):
    """Names of `model`'s many-to-many facts (发文机关, 主题分类): wagtail-localize copies them only when declared."""
    return [field.name for field in _facts(model) if field.many_to_many]


def copy_facts_to_live(original, translated):
    """Copy the original's facts onto the translation's row and relations (what the public sees when it is live)."""
    if not translated.live:
        return
    model = type(original)
    values = {name: getattr(original, name) for name in fact_fields(model)}
    if values:
        type(translated).objects.filter(pk=translated.pk).update(**values)
    for name in fact_relations(model):
        relation = getattr(translated, name)
        relation.set(getattr(original, name).all())
        relation.commit()


def save_translation_draft(translation, user=None):
    """Save `translation` as a new draft revision of its page; a live page keeps serving its published text.

    A page in review leaves its workflow first: Wagtail's last approval publishes the page's latest revision,
    so a revision saved during review (the original changed, a PO file imported) would go live unreviewed.
    The translator submits the new text again, and every step reviews it.
    """
    target = translation.source.get_translated_instance(translation.target_locale) if _has_target(translation) else None
    workflow_state = target.current_workflow_state if isinstance(target, Page) else None
    # Sent back for changes, a page waits for its translator's resubmission, which resumes the workflow.
    if workflow_state is not None and workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        workflow_state.cancel(user=user)
    if not isinstance(target, Page) or not target.live:
        _save_target(translation, user=user, publish=False)
        return
    draft = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    # save_revision() writes only the revision and the page's bookkeeping columns, not its content.
    draft.save_revision(user=user, clean=False)


def _has_target(translation):
    return Page.objects.filter(
        translation_key=translation.source.object_id, locale_id=translation.target_locale_id
    ).exists()


_save_target = Translation.save_target


def _guarded_save_target(self, user=None, publish=True):
    if publish:
        return _save_target(self, user=user, publish=publish)
    return save_translation_draft(self, user=user)


def install_draft_guard():
    """Route wagtail-localize's draft saves (its submit and update views) through save_translation_draft."""
    Translation.save_target = _guarded_save_target


def is_foreign(page):
    return page.locale.language_code != settings.LANGUAGE_CODE
