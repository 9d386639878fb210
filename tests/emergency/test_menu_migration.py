"""emergency 0002: existing sites' 突发事件 index goes into the top menu, in its latest revision too."""

import importlib

from django.apps import apps

from emergency.models import EmergencyIndexPage

migration = importlib.import_module("emergency.migrations.0002_index_in_top_menu")


def test_existing_indexes_are_shown_in_menus_live_and_in_their_latest_revision(site_group):
    index = EmergencyIndexPage.objects.child_of(site_group.county_a.home).get()
    index.show_in_menus = False
    index.save_revision().publish()

    migration.show_in_menus(apps, None)

    index.refresh_from_db()
    assert index.show_in_menus
    assert index.latest_revision.as_object().show_in_menus
