"""What a column lists besides its articles, and a site's map: the pages a citizen navigates by.

Both take any page type, so an app's index page (the mailbox, the policy library, an interview list …)
appears as soon as it is placed in a column, without this module knowing it. The cost is fixed: a
query per tree level or per page type, never per page.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, get_page_models
from wagtail.rich_text import get_text_for_indexing

from govcms.core.tree import under_any_of
from home.models import ArticlePage, ColumnPage, HomePage

DESCRIPTION_LENGTH = 80
# Below a site home: columns, their sub-columns, and the services in them; deeper nesting is not navigation.
SITE_MAP_LEVELS = 4


def other_page_types(*excluded):
    """A filter on the content type of every page model but `excluded` and their subclasses: a positive list.

    A big column holds tens of thousands of articles: `not_type(ArticlePage)` makes the database read every
    child to drop them, where a list of the few other content types finds the handful of entries through
    the content-type index (issue 18: 57 ms -> under 1 ms at 90,000 articles). Exact types, as not_type's
    complement: Wagtail's `type(Page)` would take every subclass, articles included.
    """
    models = [model for model in get_page_models() if not issubclass(model, excluded)]
    return Q(content_type__in=ContentType.objects.get_for_models(*models).values())


def describe(page):
    """One line about a page for a listing: its search description, else its intro (rich or plain text)."""
    text = page.search_description or get_text_for_indexing(str(getattr(page, "intro", "") or ""))
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1] + "…"


def column_entries(column):
    """The live, public children of a column that are not articles, each with a `description`."""
    entries = list(column.get_children().live().public().filter(other_page_types(ArticlePage)).specific())
    for entry in entries:
        entry.description = describe(entry)
    return entries


class SiteMapNode:
    def __init__(self, page):
        self.page = page
        self.children = []


def site_map(home):
    """The site's navigable pages as a tree of SiteMapNodes below `home`: every live, public page that is not
    an article or a sub-site, and below the plain columns only (an index page's items are content)."""
    column_type = ContentType.objects.get_for_model(ColumnPage).id
    roots = []
    parents = {home.path: roots}
    for depth in range(home.depth + 1, home.depth + 1 + SITE_MAP_LEVELS):
        pages = (
            Page.objects.filter(under_any_of(parents), depth=depth)
            .live()
            .public()
            .filter(other_page_types(ArticlePage, HomePage))
            .order_by("path")
        )
        next_parents = {}
        for page in pages:
            node = SiteMapNode(page)
            parents[page.path[: -Page.steplen]].append(node)
            if page.content_type_id == column_type:
                next_parents[page.path] = node.children
        if not next_parents:
            break
        parents = next_parents
    return roots
