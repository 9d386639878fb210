"""The bottom layer: page-tree helpers and the per-user site scope.

Everything here imports only Django and Wagtail, so every app may use it and it
depends on none of them (docs/architecture.md, enforced by the import contract
in pyproject.toml). Which page model roots a site is a setting
(`GOVCMS_SITE_HOME_MODEL`, "home.HomePage"), resolved through the app registry.
"""
