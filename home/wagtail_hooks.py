"""Hooks of the home app: the 从Word导入 action of articles, documents public only as their pages, and the
footer pages and the default home page every site is provisioned with."""

from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from govcms.core.provisioning import PROVISION_SITE_HOOK
from home import views
from home.blocks import default_layout
from home.documents import refuse_unpublished_documents
from home.models import ArticlePage
from home.provisioning import provision_footer_pages


@hooks.register("register_admin_urls")
def register_word_import_url():
    return [path("pages/<int:page_id>/import-word/", views.WordImportView.as_view(), name="home_import_word")]


@hooks.register("register_log_actions")
def register_word_import_log_action(actions):
    @actions.register_action(views.IMPORT_ACTION)
    class WordImportLogFormatter(LogFormatter):
        label = gettext_lazy("从Word导入")

        def format_message(self, log_entry):
            return _("从Word导入正文，保存为草稿")


class WordImportButton(PageMenuItem):
    label = gettext_lazy("从Word导入")
    icon_name = "doc-full"
    url_name = "home_import_word"

    def is_shown(self, user):
        # specific_class comes from the content type cache: no query per explorer row.
        return issubclass(self.page.specific_class or object, ArticlePage) and (
            self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def word_import_header_button(page, user, view_name, next_url=None):
    yield WordImportButton(page=page, priority=12)


@hooks.register("register_page_listing_more_buttons")
def word_import_listing_button(page, user, next_url=None):
    yield WordImportButton(page=page, priority=3)


hooks.register("before_serve_document", refuse_unpublished_documents)

hooks.register(PROVISION_SITE_HOOK, provision_footer_pages)


@hooks.register(PROVISION_SITE_HOOK)
def provision_home_layout(context):
    """Give a new site's home the default blocks of its kind (home.blocks.DEFAULT_LAYOUTS), published.

    A home whose editors have composed it, in a draft or live, is left alone; the blocks find the site's
    columns when the page is shown, so they need no page that later contributions create. So is a home with
    a draft: publishing would make the draft's unreviewed changes live, and a home without blocks shows the
    default of its kind anyway.
    """
    home = context.home
    latest = home.get_latest_revision_as_object()
    # Read again: the home given may be the instance provisioning has just published, its flag out of date.
    drafted = type(home).objects.filter(pk=home.pk, has_unpublished_changes=True).exists()
    if latest.body or drafted:
        return
    latest.body = default_layout(home.kind)
    # Like the home and columns provisioning creates (sitegroup.provisioning), published without a user:
    # the operator opening a site holds no publishing right on it, and the release workflow governs only
    # what the site's own staff change afterwards.
    latest.save_revision().publish()
    home.body = latest.body  # the contributions after this one are given the home as it now is
    context.created.append(_("首页默认版块"))
