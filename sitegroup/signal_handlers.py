"""sitegroup's signal receivers, connected from SiteGroupConfig.ready() (Wagtail's convention)."""

from django.db.models.signals import post_migrate

from sitegroup.platform import ensure_platform_groups_after_migrate


def register_signal_handlers():
    # The three platform groups exist on every installation, fresh ones included (sitegroup.platform).
    post_migrate.connect(ensure_platform_groups_after_migrate, dispatch_uid="sitegroup_platform_admins")
