"""Which sites the public may not see yet, asked of whichever app holds sites back.

A site opens to the public only once its identity is complete (sitegroup.holding). Listings that
reach across sites (an aggregating column, adopted submissions, search) must not advertise a held
site's pages, but the content apps sit below sitegroup and do not import it: sitegroup answers
through the `govcms_held_site_paths` hook (a function taking the visiting path, returning tree
paths), registered in its wagtail_hooks.py.
"""

from wagtail import hooks
from wagtail.models import Page

HELD_SITE_PATHS_HOOK = "govcms_held_site_paths"


def held_site_paths(visiting_path=""):
    """Tree paths of the sites not yet public, in every language, bar the one at `visiting_path` and those above it.

    A held site is held in its translations too: its English tree (/en/…) is another subtree of the page tree,
    found by the translation key of its home (one query more, only while some site is held)."""
    held = [path for answer in hooks.get_hooks(HELD_SITE_PATHS_HOOK) for path in answer("")]
    if held:
        homes = Page.objects.filter(path__in=held).values("translation_key")
        held = list(Page.objects.filter(translation_key__in=homes).values_list("path", flat=True))
    return [path for path in held if not visiting_path.startswith(path)]
