"""Emergency's part of every site (govcms_provision_site, sitegroup.provisioning): the 突发事件 index below
the home, in the site's top menu (a citizen reaches it in one tap), and its 应急签发 workflow (emergency.workflows).

Each is made once, then left to the site; provisioning again restores a deleted index or workflow. A site
opened before emergencies existed may have given the index's slug to another page: provisioning that site
is then refused.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import WorkflowPage

from emergency.models import INDEX_SLUG, INDEX_TITLE, EmergencyIndexPage
from emergency.workflows import emergency_workflow
from release.workflow.provisioning import assign_workflow


def provision_emergency(context):
    index = EmergencyIndexPage.objects.child_of(context.home).first()
    if index is None:
        index = _create_index(context.home)
        context.created.append(_("突发事件栏目"))
    if not WorkflowPage.objects.filter(page=index).exists():
        assign_workflow(index, emergency_workflow(context.name, context.groups))
        context.created.append(_("应急发布流程"))


def _create_index(home):
    taken = home.get_children().filter(slug=INDEX_SLUG).first()
    if taken is not None:
        raise ValidationError(
            _("“%(slug)s”已被“%(title)s”使用，无法开设突发事件栏目。") % {"slug": INDEX_SLUG, "title": taken.title}
        )
    index = EmergencyIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index
