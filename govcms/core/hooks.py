"""Contributions registered through Wagtail hooks, run in a deterministic order: lower layers first.

The platform's own extension points (site provisioning, the release workflow's steps) are Wagtail
hooks, so an app plugs in from its wagtail_hooks.py and the app that calls the hook imports none of
them. Wagtail returns a hook's functions in the order they were registered, which depends on which
wagtail_hooks module happened to import which; these hooks instead run in the order of the apps
that define them in INSTALLED_APPS, which lists lower layers first (sitegroup, release, then the
feature apps), so a contribution may rely on what the apps below it made.
"""

from django.apps import apps
from wagtail import hooks


def hooks_in_app_order(hook_name):
    """The functions registered for `hook_name`, ordered by their app's place in INSTALLED_APPS.

    Functions of one app keep their registration order; functions outside any installed app (a
    test's) come last.
    """
    positions = {config.name: position for position, config in enumerate(apps.get_app_configs())}

    def position(function):
        config = apps.get_containing_app_config(function.__module__)
        return positions[config.name] if config is not None else len(positions)

    return sorted(hooks.get_hooks(hook_name), key=position)
