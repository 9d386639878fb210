"""The demo's English versions (docs/demo.md): the portal's, translated and live; 青山区's, in progress.

English is opened on a site as an administrator would (translations.sync.open_foreign_version: a draft
translation of every page, the site's 翻译 group and its 外文发布流程). The demo's translators then work as
wagtail-localize's editor does: a manual StringTranslation per segment, from the English of
demo.content.english, keyed by the segment's Chinese text. Sites are translated in tree order, and each
starts from translation memory (translations.memory): on 青山区 the column names and footer sentences the
portal's translator translated are pre-filled and marked as such, and stay so, for the reviewer to check.
English is opened on both sites before either is translated, so the demo asks the memory once more when a
site's turn comes, as follow_source does for a changed page. The translated pages go live through the
site's translation workflow: submitted by the translator, approved at 外文审校 by the site's 审核 and at
签发 by its 签发, never published directly. Last, a Chinese original corrected after its English went live
leaves that English out of date (translations.sync.follow_source).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from wagtail.models import Locale, TaskState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from demo.content.english import CORRECTED, ENGLISH, IDENTITY, TRANSLATED
from sitegroup.models import SiteIdentity, SiteRole
from translations.memory import memory_share, prefill_from_memory
from translations.sync import open_foreign_version, save_translation_draft, site_pages

LANGUAGE = "en"
WORKFLOW_ROLES = (SiteRole.Role.REVIEWER, SiteRole.Role.APPROVER)
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class EnglishDemoError(Exception):
    """The demo's English no longer fits its pages (a text changed), or a workflow step refused them."""


@dataclass
class EnglishSite:
    name: str
    translated_pages: int
    untranslated_pages: int
    memory_filled: int  # segments pre-filled from translation memory
    segments: int


def open_english(loaded, new_keys):
    """Open English on the demo sites that have it (demo.content.english.TRANSLATED) when this load opened
    them, and give them their English identity names; return whether any was opened."""
    opened = False
    for spec, result in loaded:
        if spec.key in TRANSLATED and spec.key in new_keys:
            open_foreign_version(result.home, LANGUAGE)
            identity = SiteIdentity.for_site(result.site)
            for name, value in IDENTITY[spec.key].items():
                setattr(identity, name, value)
            identity.full_clean()
            identity.save()
            opened = True
    return opened


def translate_english(loaded, new_keys):
    """Translate and release the pages of TRANSLATED, site by site in tree order; correct the originals of
    CORRECTED. Returns an EnglishSite per site translated now.

    Each workflow step e-mails the users concerned; the demo users' addresses are fictional (example.gov.cn),
    so the demo's initial data is released without mail, not some two hundred messages to nowhere.
    """
    with override_settings(EMAIL_BACKEND=NO_MAIL):
        return _translate_english(loaded, new_keys)


def _translate_english(loaded, new_keys):
    locale = Locale.objects.get(language_code=LANGUAGE)
    report = []
    for spec, result in loaded:
        if spec.key not in TRANSLATED or spec.key not in new_keys:
            continue
        pages = _pages_by_path(result.home)
        translations = {path: _translation(page, locale) for path, page in pages.items()}
        for translation in translations.values():
            # The memory now holds the translations of the sites translated before this one.
            prefill_from_memory(translation)
        filled, total = memory_share(translations.values())
        translator = _member(result.home, SiteRole.Role.TRANSLATOR)
        staff = [_member(result.home, role) for role in WORKFLOW_ROLES]
        for path in TRANSLATED[spec.key]:
            translation = translations[path]
            _translate(translation, translator)
            save_translation_draft(translation, translator)
            _release(pages[path].get_translation(locale).specific, translator, staff)
        report.append(
            EnglishSite(spec.name, len(TRANSLATED[spec.key]), len(pages) - len(TRANSLATED[spec.key]), filled, total)
        )
    sites = {spec.key: result.home for spec, result in loaded if spec.key in new_keys}
    for key, path, first, corrected in CORRECTED:
        if key in sites:
            _correct(_pages_by_path(sites[key])[path], first, corrected)
    return report


def _pages_by_path(home):
    prefix = len(home.url_path)
    return {page.url_path[prefix:].strip("/"): page for page in site_pages(home).specific()}


def _translation(page, locale):
    return Translation.objects.select_related("source", "target_locale").get(
        source__object_id=page.translation_key, target_locale=locale
    )


def _member(home, role):
    """The demo user holding `role` on the site rooted at `home` (demo.users made one per role group)."""
    group = SiteRole.objects.get(home=home, role=role).group
    user = get_user_model().objects.filter(groups=group).order_by("pk").first()
    if user is None:
        raise EnglishDemoError(f"No demo user in {group.name}: demo.users makes one per role group.")
    return user


def english_for(segment):
    """The English of a segment: the demo's translation of its Chinese text (a slug is no segment: it stays the
    Chinese site's, govcms.core.translation.synchronise_slugs)."""
    text = segment.string.data
    try:
        return ENGLISH[text]
    except KeyError:
        raise EnglishDemoError(
            f"demo.content.english has no English for {text!r} ({segment.context.path}); add it to ENGLISH."
        ) from None


def _translate(translation, translator):
    """Translate the segments of `translation` not translated yet, as the translator would in the editor."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string", "context")
    done = set(
        StringTranslation.objects.filter(
            locale_id=translation.target_locale_id, context_id__in=segments.values("context_id")
        ).values_list("translation_of_id", "context_id")
    )
    for segment in segments:
        if (segment.string_id, segment.context_id) in done:
            continue
        # create() per segment, not bulk_create: wagtail-localize keeps the draft's title in step on save.
        StringTranslation.objects.create(
            translation_of_id=segment.string_id,
            locale_id=translation.target_locale_id,
            context_id=segment.context_id,
            data=english_for(segment),
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            last_translated_by=translator,
        )


def _release(page, translator, staff):
    """Submit `page` to its translation workflow as `translator`; each of `staff` approves their step."""
    workflow = page.get_workflow()
    state = workflow.start(page, translator)
    for user in staff:
        task_state = state.current_task_state
        if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise EnglishDemoError(f"{page.url_path} did not reach {user.username}'s step: {_refusal(state)}")
        task = task_state.task.specific
        if "approve" not in [action[0] for action in task.get_actions(page, user)]:
            raise EnglishDemoError(f"{user.username} may not approve {task.name} of {page.url_path}.")
        task.on_action(task_state, user, "approve")
        state.refresh_from_db()
    page.refresh_from_db()
    if not page.live or page.has_unpublished_changes:
        raise EnglishDemoError(f"{page.url_path} was not published by its workflow: {_refusal(state)}")


def _refusal(state):
    """What stopped a workflow: the comment of its last task state (the content check's report)."""
    last = state.task_states.order_by("-pk").first()
    return (last.comment or last.status) if last is not None else state.status


def _correct(page, first, corrected):
    """Republish the original `page` with a paragraph corrected, as its editors would after a change."""
    body = page.body.get_prep_value()
    for block in body:
        if block["type"] == "paragraph" and first in block["value"]:
            block["value"] = block["value"].replace(first, corrected)
            break
    else:
        raise EnglishDemoError(f"{page.url_path} has no paragraph {first!r} to correct.")
    page.body = body
    page.save_revision().publish()
