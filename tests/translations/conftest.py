"""English versions for the translation tests: the portal and county A offer English, county B does not."""

import pytest

from translations.sync import open_foreign_version


@pytest.fixture
def english(site_group):
    """Open English on the portal and county A (drafts of all their pages, translators, workflows)."""
    open_foreign_version(site_group.portal.home, "en")
    open_foreign_version(site_group.county_a.home, "en")
    return site_group
