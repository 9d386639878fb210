"""{% site_fragment %}: a block of the public chrome kept in the fragment cache (pagecache.fragments).

    {% site_fragment "column_nav" site_home position %} ... {% endsite_fragment %}
    {% site_fragment "site_group_nav" site_home whole_group %} ... {% endsite_fragment %}

The first argument names the fragment, the second is the site home it belongs to; any further values are what
the block shows of the current page (the key includes them); `whole_group` keys it by every site's generation
(for blocks that list the sites). Without a site home, for a signed-in editor, with FRAGMENT_CACHE_ENABLED off or
when the cache fails, the block renders as if the tag were not there. The block must not set variables for the
rest of the template: a cached render does not run it.
"""

from django import template

from pagecache import fragments

register = template.Library()

WHOLE_GROUP = "whole_group"


class SiteFragmentNode(template.Node):
    def __init__(self, nodelist, name, site_home, vary, whole_group):
        self.nodelist, self.name, self.site_home = nodelist, name, site_home
        self.vary, self.whole_group = vary, whole_group

    def render(self, context):
        return fragments.cached_render(
            context.get("request"),
            self.name.resolve(context),
            self.site_home.resolve(context),
            lambda: self.nodelist.render(context),
            vary=[value.resolve(context) for value in self.vary],
            whole_group=self.whole_group,
        )


@register.tag
def site_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a fragment name and a site home")
    whole_group = bits[-1] == WHOLE_GROUP
    if whole_group:
        bits = bits[:-1]
    nodelist = parser.parse(("endsite_fragment",))
    parser.delete_first_token()
    name, site_home, *vary = (parser.compile_filter(bit) for bit in bits[1:])
    return SiteFragmentNode(nodelist, name, site_home, vary, whole_group)


@register.simple_tag
def column_position(page, site_home):
    return fragments.column_position(page, site_home)


@register.simple_tag
def banner_position(page):
    return fragments.banner_position(page)
