"""The changes that renew cached pages (pagecache.invalidation says what each one renews and purges)."""

import functools

from django.apps import apps
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageLogEntry, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from disclosure.models import Topic
from emergency.models import EmergencyPage
from pagecache import invalidation
from policy.models import IssuingBody, PolicyPage, RelatedPolicy, interpreting_models
from sitegroup.models import SiteIdentity
from submissions.handling import ADOPT_ACTION
from translations.models import SiteLanguage

# Actions logged on a live page that change what the public sees without publishing anything: an adopted
# submission is listed in a column of a site above the article's (submissions.handling).
PUBLIC_LOG_ACTIONS = {ADOPT_ACTION}


def skipping_raw_saves(handler):
    """Leave out saves of rows as they are loaded (loaddata, a test database restored after a transactional test):
    their related rows may not be there yet, and no one edited anything. What a fixture changes leaves the cache
    when its entries expire (PAGE_CACHE_SECONDS)."""

    @functools.wraps(handler)
    def handle(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return None
        return handler(sender, instance, **kwargs)

    return handle


def page_went_live_or_off(sender, instance, **kwargs):
    # An emergency (started, updated, resolved or taken down) is announced on the banner of its site and
    # of every site below (emergency.models.banner_emergencies).
    invalidation.page_changed(instance, sites_below=isinstance(instance, EmergencyPage))
    if isinstance(instance, PolicyPage):
        for page in pages_naming_policy(instance):
            invalidation.page_changed(page)


def pages_naming_policy(policy):
    """The pages that show `policy`'s title on sites below its own (links go to the sites above): the
    interpretations linking it (三同步) and the policies relating to it, in every language."""
    links = [model._meta.get_field("policy_links").related_model for model in interpreting_models()]
    naming = [
        Q(pk__in=link.objects.filter(policy__translation_key=policy.translation_key).values("page"))
        for link in [*links, RelatedPolicy]
    ]
    return Page.objects.live().filter(Q(*naming, _connector=Q.OR)).only("path", "url_path", "translation_key")


def page_moved(sender, instance, parent_page_before, parent_page_after, url_path_before, **kwargs):
    """Both places show the move: the old parent's listings drop the page, the new parent's list it."""
    if not instance.live:
        return
    old_place = Page(path=parent_page_before.path + instance.path[-Page.steplen :], url_path=url_path_before)
    old_place.translation_key = instance.translation_key
    invalidation.page_changed(old_place)
    invalidation.page_changed(instance)


def page_deleted(sender, instance, **kwargs):
    if instance.live:
        invalidation.page_changed(instance)


@skipping_raw_saves
def identity_saving(sender, instance, **kwargs):
    """Whether the site was held (sitegroup.holding) before this save: no identity yet, or an incomplete one."""
    before = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance.pagecache_was_held = before is None or bool(before.missing_fields())


@skipping_raw_saves
def setting_saved(sender, instance, created=False, **kwargs):
    if isinstance(instance, SiteIdentity) and instance.pagecache_was_held != bool(instance.missing_fields()):
        # Held or opened: the sites above list it or leave it out (govcms.core.visibility.held_site_paths),
        # the sites below are held with it.
        invalidation.page_changed(instance.site.root_page, sites_below=True)
        return
    # A setting is created with its defaults the first time anything reads it (BaseSetting.for_site / load),
    # which is what the pages already showed.
    if created:
        return
    if isinstance(instance, BaseSiteSetting):
        invalidation.site_changed(instance.site)
    elif isinstance(instance, BaseGenericSetting):
        invalidation.everything_changed()


@skipping_raw_saves
def page_log_written(sender, instance, created=False, **kwargs):
    if created and instance.action in PUBLIC_LOG_ACTIONS and instance.page.live:
        invalidation.page_changed(instance.page)


@skipping_raw_saves
def issuing_body_changed(sender, instance, **kwargs):
    """A 发文机关 is named on the policies (and in the library filters) of its site and of the sites below, which
    may choose it; it is edited in the admin's settings, not published."""
    invalidation.home_changed(instance.site_home_id)


@skipping_raw_saves
def platform_record_changed(sender, instance, **kwargs):
    """A platform-wide record named on pages of every site (a 主题分类)."""
    invalidation.everything_changed()


@skipping_raw_saves
def site_language_changed(sender, instance, **kwargs):
    """The language switcher of the site (and its sites below) offers another set of languages."""
    invalidation.home_changed(instance.home_id)


@skipping_raw_saves
def site_changed(sender, instance, **kwargs):
    invalidation.everything_changed()


def register():
    page_published.connect(page_went_live_or_off, dispatch_uid="pagecache.published")
    page_unpublished.connect(page_went_live_or_off, dispatch_uid="pagecache.unpublished")
    post_page_move.connect(page_moved, dispatch_uid="pagecache.moved")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="pagecache.deleted")
    post_save.connect(page_log_written, sender=PageLogEntry, dispatch_uid="pagecache.page_log")
    pre_save.connect(identity_saving, sender=SiteIdentity, dispatch_uid="pagecache.identity")
    for model in apps.get_models():
        if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
            post_save.connect(setting_saved, sender=model, dispatch_uid=f"pagecache.setting.{model._meta.label}")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(site_changed, sender=Site, dispatch_uid=f"pagecache.site.{name}")
        signal.connect(site_language_changed, sender=SiteLanguage, dispatch_uid=f"pagecache.language.{name}")
        signal.connect(issuing_body_changed, sender=IssuingBody, dispatch_uid=f"pagecache.issuing_body.{name}")
        signal.connect(platform_record_changed, sender=Topic, dispatch_uid=f"pagecache.topic.{name}")
    disconnect_wagtail_purge()


def disconnect_wagtail_purge():
    """wagtail.contrib.frontend_cache purges a published page by itself; the batch of pagecache.invalidation
    already holds that page's addresses, with everything else the change makes stale."""
    from wagtail.contrib.frontend_cache import signal_handlers as wagtail_handlers

    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(wagtail_handlers.page_published_signal_handler, sender=model)
            page_unpublished.disconnect(wagtail_handlers.page_unpublished_signal_handler, sender=model)
