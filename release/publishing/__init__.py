"""Publishing outside the 三审 workflow, and the guards that keep every other way to publish inside it.

* actions: who must go through the workflow, and 撤稿, 强制发布 and 补审;
* guards: the rules for Wagtail's other ways to make a page live (admin API, copy, move, aliases);
* views, forms: the admin views of those actions, and Wagtail's views they shadow (release/admin_urls.py);
* localize: wagtail-localize's translation views, held to page permissions and the workflow (same URLs);
* hooks: the admin hook functions, registered in release/wagtail_hooks.py.
"""
