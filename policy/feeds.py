"""RSS for a policy library; the library's filters apply, so each filter combination is a feed."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _

from govcms.core.wording import brackets

FEED_SIZE = 20


class PolicyFeed(Feed):
    def get_object(self, request, library):
        self.request = request
        return library

    def title(self, library):
        return _("%(site)s %(library)s") % {"site": library.site_home().title, "library": library.title}

    def link(self, library):
        return library.get_url(request=self.request)

    def description(self, library):
        return _("%(library)s：最新发布的政策文件。") % {"library": library.title}

    def items(self, library):
        _form, _filters, policies = library.filtered_policies(self.request)
        return policies[:FEED_SIZE]

    def item_title(self, policy):
        return policy.title + brackets(policy.document_number) if policy.document_number else policy.title

    def item_description(self, policy):
        return policy.summary

    def item_link(self, policy):
        return policy.get_url(request=self.request)

    def item_pubdate(self, policy):
        return policy.first_published_at
