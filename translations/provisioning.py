"""A site's staff and workflow for its foreign-language versions.

When a site offers a foreign language (translations.sync.open_foreign_version, or provisioning with
`languages`), it gets:

* a `<站点名称>翻译` group, recorded as the site's SiteRole "translator", allowed into the admin and to edit
  (never add, publish or delete) the pages of the site's translated trees, and to keep the site's glossary
  additions. The originals are not theirs: their rights are on the translated homes only.
* a `<站点名称>外文发布流程` on each translated home: 内容自动检查 (which also checks the glossary and
  untranslated segments) → `<站点名称>外文审校` (the 翻译 and 审核 groups, four eyes) → the site's own
  `<站点名称>办公室签发`. Translated pages go live only through it.

Provisioning the site again repairs both (the `govcms_provision_site` contribution below).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale, WorkflowPage

from release.workflow.provisioning import content_check_task, ensure_workflow, review_task
from sitegroup.models import SiteRole
from translations.languages import offered_languages
from translations.models import TranslationReviewTask

TRANSLATOR_SUFFIX = "翻译"
# (app label, codename) of the translators' model permissions; their glossary list is confined to their site.
TRANSLATOR_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("translations", "add_glossaryterm"),
    ("translations", "change_glossaryterm"),
    ("translations", "view_glossaryterm"),
)
TRANSLATED_PAGE_PERMISSIONS = ("change_page",)
# The site's 管理员 keep its glossary additions with the translators, and may remove them
# (translations.viewsets confines both to their own site).
ADMINISTRATOR_PERMISSIONS = tuple(
    ("translations", f"{action}_glossaryterm") for action in ("add", "change", "delete", "view")
)


def provision_foreign_versions(context):
    """govcms_provision_site: open the languages asked for, and repair the staff of those already offered."""
    from translations.sync import open_foreign_version

    offered = offered_languages(context.home)
    for code in context.languages:
        if code not in offered:
            context.created.extend(open_foreign_version(context.home, code, context.user))
    for locale in Locale.objects.filter(language_code__in=offered):
        context.created.extend(provision_language_staff(context.home, locale))


def translator_group_name(home):
    return f"{home.title}{TRANSLATOR_SUFFIX}"


def translation_workflow_name(home):
    return f"{home.title}外文发布流程"


def provision_language_staff(home, locale):
    """The translator group's rights and the translation workflow for `home`'s translation into `locale`."""
    created = []
    translated_home = home.get_translation(locale)
    roles = {record.role: record.group for record in SiteRole.objects.filter(home=home).select_related("group")}
    translator = roles.get(SiteRole.Role.TRANSLATOR)
    if translator is None:
        translator, _created = Group.objects.get_or_create(name=translator_group_name(home))
        SiteRole.objects.create(home=home, role=SiteRole.Role.TRANSLATOR, group=translator)
        created.append(translator.name)
    for app_label, codename in TRANSLATOR_PERMISSIONS:
        translator.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    if SiteRole.Role.ADMINISTRATOR in roles:
        for app_label, codename in ADMINISTRATOR_PERMISSIONS:
            roles[SiteRole.Role.ADMINISTRATOR].permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    for codename in TRANSLATED_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=translator,
            page=translated_home,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    _grant_choosing_the_sites_media(translator, roles.get(SiteRole.Role.EDITOR))
    if SiteRole.Role.APPROVER in roles:
        # 签发 is the translation workflow's last step, whose approval publishes the page as the approver:
        # Wagtail refuses it without their right to publish there (never to edit: they sign off, not translate).
        GroupPagePermission.objects.get_or_create(
            group=roles[SiteRole.Role.APPROVER],
            page=translated_home,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page"),
        )
    workflow = _assign_translation_workflow(home, translated_home, translator, roles)
    if workflow is not None:
        created.append(workflow.name)
    return created


# wagtail-localize's editor loads each image and document of the page through the admin API, which answers
# only for what the user may choose: without these the editor of a page with an image stays blank.
MEDIA_CHOOSE_PERMISSIONS = (("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document"))


def _grant_choosing_the_sites_media(translator, editors):
    """Let translators choose (see, not change) the images and documents of the collections the site's editors
    work in."""
    if editors is None:
        return
    collections = {grant.collection for grant in GroupCollectionPermission.objects.filter(group=editors)}
    for collection in collections:
        for app_label, codename in MEDIA_CHOOSE_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=translator,
                collection=collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )


def translation_review_task(site_name, groups):
    task = TranslationReviewTask.objects.filter(name=f"{site_name}外文审校").first()
    if task is None:
        task = TranslationReviewTask.objects.create(name=f"{site_name}外文审校")
        task.groups.set(groups)
    return task


def _assign_translation_workflow(home, translated_home, translator, roles):
    """Put the translated home under the translation workflow, unless someone chose another one for it; return
    the workflow, or None when the home keeps the other one.

    release.signal_handlers gives a new translated home its original's workflow; that assignment is replaced.
    """
    original = WorkflowPage.objects.filter(page=home).values_list("workflow_id", flat=True).first()
    current = WorkflowPage.objects.filter(page=translated_home).first()
    if current is not None and current.workflow_id != original:
        return None
    reviewers = [translator] + [roles[role] for role in (SiteRole.Role.REVIEWER,) if role in roles]
    steps = [content_check_task(), translation_review_task(home.title, reviewers)]
    if SiteRole.Role.APPROVER in roles:
        steps.append(review_task(f"{home.title}办公室签发", roles[SiteRole.Role.APPROVER]))
    workflow = ensure_workflow(translation_workflow_name(home), steps)
    WorkflowPage.objects.update_or_create(page=translated_home, defaults={"workflow": workflow})
    return workflow
