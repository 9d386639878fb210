"""What page rights on a translated tree must not reach, whoever holds them.

* Deleting a translated page. Wagtail lets `change_page` delete any page with nothing live below it, so a
  translator could delete every English draft of their site and the columns emptied by it. A translation
  exists because its original does (translations.sync makes it and takes it offline with its original): it
  is not deleted on its own, except by a superuser cleaning up. Wagtail's delete view, its bulk delete and
  the admin API's delete all ask `deletion_refusal`.
* Stopping the synchronisation of a translation (wagtail-localize's "stop synced translation"). It turns the
  translated page into an ordinary page in Wagtail's editor, where its facts (文号, dates, 发文机关) could be
  retyped and its original's changes would no longer reach it; translations here are always kept in step.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from translations.languages import is_original


def deletion_refusal(user, page):
    """Why `user` may not delete `page`, or None."""
    if user.is_superuser or is_original(page):
        return None
    return _("外文版页面随中文原文生成和下线，不能单独删除；中文原文删除或撤稿后，外文版随之下线。")


def refuse_deleting_translations(request, page):
    """before_delete_page: back to the page with the reason."""
    refusal = deletion_refusal(request.user, page)
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def refuse_bulk_deleting_translations(request, action_type, objects, action):
    """before_bulk_action: a bulk delete that includes a translated page does nothing."""
    if action_type != "delete":
        return None
    refusals = [deletion_refusal(request.user, page) for page in objects]
    refusal = next((refusal for refusal in refusals if refusal), None)
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))


@require_POST
def refuse_stopping_synchronisation(request, translation_id):
    """Answers at wagtail-localize's stop_translation URL (translations.admin_urls): to those who may edit the
    translated page, why not; to anyone else, the admin's usual refusal, as wagtail-localize's view would."""
    translation = get_object_or_404(Translation, pk=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    messages.error(request, _("外文版页面随中文原文同步更新，事实信息不能改写，因此不能停止同步。"))
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
