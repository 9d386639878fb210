import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

LOGIN_URL = "/admin/login/"


def log_in(client, username, password):
    """Post the admin's real login form, as a browser does."""
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


@pytest.fixture
def staff(site_group, make_user):
    return make_user(site_group.county_a.groups["编辑"])


@pytest.fixture
def security_admin(make_user):
    """A user given exactly the two login-protection permissions (the 安全管理员 group holds them on the platform)."""
    user = make_user()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(content_type__app_label="accounts", codename="unlock_account"),
        Permission.objects.get(content_type__app_label="accounts", codename="reset_two_factor"),
    )
    return user
