"""Demo users: a superuser, the three platform administrators, and one user per role group of every site
(the five roles of sitegroup.provisioning and the 访谈主持 of interviews.provisioning), and the 翻译 of every
site with a foreign-language version (translations.provisioning's translator group).

Passwords follow one rule. With usable passwords (DEBUG) every demo user
without a usable password gets the demo password; a password someone changed
is left alone. Without (production-like settings) new users get no usable
password, and any demo user still holding the demo password loses it, so a
database first loaded on a laptop never goes live with a published password.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from demo.spec import Person
from interviews.access import HOST_ROLE_NAME
from interviews.models import HostRole
from sitegroup.models import SiteRole
from sitegroup.platform import AUDIT_ADMIN_GROUP, SECURITY_ADMIN_GROUP, SYSTEM_ADMIN_GROUP, ensure_platform_groups
from translations.provisioning import TRANSLATOR_SUFFIX

# Role group suffix (sitegroup.provisioning.ROLES) -> username suffix.
ROLE_USERNAMES = {"信息员": "officer", "编辑": "editor", "审核": "reviewer", "签发": "approver", "管理员": "admin"}
HOST_USERNAME = "host"  # the member of the site's 访谈主持 group (HostRole): yunxi_host
TRANSLATOR_USERNAME = "translator"  # the member of the site's 翻译 group, where it has one: portal_translator
SUPERUSER = ("admin", Person("宋", "涛"))
# Username and person of each platform group's demo member (sitegroup.platform).
PLATFORM_ADMINS = {
    SYSTEM_ADMIN_GROUP: ("system_admin", Person("唐", "雅琴")),
    SECURITY_ADMIN_GROUP: ("security_admin", Person("韩", "立新")),
    AUDIT_ADMIN_GROUP: ("audit_admin", Person("邵", "敏")),
}


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    site: str
    password: str | None


@dataclass(frozen=True)
class DemoUser:
    username: str
    person: Person
    role: str
    site: str
    groups: tuple = ()
    is_superuser: bool = False


def ensure_users(loaded_sites, *, password, usable):
    """Create the demo users; return their logins (password None when not usable)."""
    hashed = make_password(password) if usable else None  # hashed once: hashing is deliberately slow
    logins = []
    for demo_user in demo_users(loaded_sites, ensure_platform_groups()):
        user = _ensure_user(demo_user)
        _apply_password(user, password, hashed, usable)
        logins.append(Login(demo_user.username, demo_user.role, demo_user.site, password if usable else None))
    return logins


def demo_users(loaded_sites, platform_groups):
    whole_platform = _("全平台")
    users = [DemoUser(SUPERUSER[0], SUPERUSER[1], _("超级管理员"), whole_platform, is_superuser=True)]
    for group_name, (username, person) in PLATFORM_ADMINS.items():
        users.append(DemoUser(username, person, group_name, whole_platform, groups=(platform_groups[group_name],)))
    for spec, result in loaded_sites:
        for suffix, username_suffix in ROLE_USERNAMES.items():
            username = f"{spec.key}_{username_suffix}"
            users.append(DemoUser(username, spec.people[suffix], suffix, spec.name, groups=(result.groups[suffix],)))
        host_group = HostRole.objects.get(home=result.home).group
        person = spec.people[HOST_ROLE_NAME]
        users.append(DemoUser(f"{spec.key}_{HOST_USERNAME}", person, HOST_ROLE_NAME, spec.name, groups=(host_group,)))
        translators = SiteRole.objects.filter(home=result.home, role=SiteRole.Role.TRANSLATOR).first()
        if translators is not None:
            person = spec.people[TRANSLATOR_SUFFIX]
            username = f"{spec.key}_{TRANSLATOR_USERNAME}"
            users.append(DemoUser(username, person, TRANSLATOR_SUFFIX, spec.name, groups=(translators.group,)))
    return users


def _ensure_user(demo_user):
    user, created = get_user_model().objects.get_or_create(
        username=demo_user.username,
        defaults={
            "first_name": demo_user.person.given_name,
            "last_name": demo_user.person.surname,
            "email": f"{demo_user.username}@example.gov.cn",
            "is_superuser": demo_user.is_superuser,
            "is_staff": demo_user.is_superuser,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(*demo_user.groups)
    return user


def _apply_password(user, password, hashed, usable):
    if usable and not user.has_usable_password():
        user.password = hashed
        user.save(update_fields=["password"])
    elif not usable and user.has_usable_password() and user.check_password(password):
        user.set_unusable_password()
        user.save(update_fields=["password"])
