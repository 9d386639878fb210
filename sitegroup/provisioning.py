"""Opening a sub-site (开设子站) on the platform.

One function, `provision_subsite`, is used by the admin view, the
`create_subsite` command and the demo loader. It creates, inside one
transaction, the sub-site's HomePage with its column skeleton, its Site record
when it has a hostname, a Collection for its images and documents, and its
role groups confined to that subtree, collection and site. Everything else a
site starts with is contributed by the apps that own it, through two Wagtail
hooks registered in their wagtail_hooks.py (sitegroup imports none of them):

- `govcms_site_columns` (SITE_COLUMNS_HOOK; the contract, with ColumnSpec, is
  govcms.core.provisioning): a function taking no arguments
  and returning ColumnSpecs, added to COLUMN_SKELETON when a new site's home is
  created; each names its parent column by slug and its place among its
  siblings by `order` (the standard positions are listed at COLUMN_SKELETON).
- `govcms_provision_site` (PROVISION_SITE_HOOK): a function called with a
  ProvisionContext once the home, Site, collection and role groups exist, on
  every run, to create whatever of its app's part the site lacks (a workflow,
  an index page, a mailbox) and list it in `context.created`.

Contributions run in the order of their apps in INSTALLED_APPS, lower layers
first (govcms.core.hooks), so the release workflow exists before the feature
apps add theirs; columns with the same parent and `order` keep that order too.

Running it again for an existing sub-site of the same name creates nothing
new: it only restores missing groups or permissions, and each contribution
creates only what is missing, so an operator can repair a sub-site by
provisioning it again. Clashes with other sites are found before anything is
written; a contribution that cannot do its part raises ValidationError, and
the transaction leaves nothing of the run behind. The column skeleton is laid
down once, with the home: afterwards a site's columns are its editors' to
rename or remove, and an app whose page every site must have, even sites
opened before the app was installed, creates it in `govcms_provision_site`.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import RegexValidator, validate_slug
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Site,
)

from govcms.core.hooks import hooks_in_app_order
from govcms.core.provisioning import (
    INTERACTION_COLUMN,
    OPEN_GOVERNMENT_COLUMN,
    PROVISION_SITE_HOOK,
    SITE_COLUMNS_HOOK,
    ColumnSpec,
)
from govcms.core.wording import join_words
from home.models import ColumnFamily, ColumnPage, HomePage, SiteKind, UpdateCategory
from sitegroup.models import SiteIdentity, SiteRole

PROVISION_PERMISSION = "sitegroup.provision_subsite"
LOG_ACTION = "sitegroup.provision"

# Lower-case ASCII labels separated by dots; "localhost" is allowed for
# development. Chinese domain names are entered in their xn-- form.
validate_hostname = RegexValidator(
    r"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$",
    gettext_lazy("请填写有效的域名，如 county.example.gov.cn；中文域名请填写 xn-- 形式。"),
)


@dataclass(frozen=True)
class Role:
    """A role group of a sub-site: what its members may do there.

    The group is named `<站点名称><suffix>` when provisioning creates it, and recorded as a SiteRole of
    `code`: rights read the record, so the group may be renamed later.
    """

    suffix: str
    code: str
    page_permissions: tuple[str, ...]
    collection_permissions: tuple[str, ...]
    manages_site_settings: bool = False
    # Model permissions on per-site lists (the admin views confine them to the role's own site) and rights
    # read from the role's own group (release.force_publish).
    model_permissions: tuple[tuple[str, str], ...] = ()


# The per-site lists a site's 管理员 keeps (sitegroup.viewsets confines them to the site).
SITE_LIST_PERMISSIONS = tuple(("policy", f"{action}_issuingbody") for action in ("add", "change", "delete", "view"))
# Publishing past the site's workflow with a reason (强制发布, release.publishing).
FORCE_PUBLISH_PERMISSION = ("release", "force_publish")

# Wagtail's "add" lets a user create pages and edit the ones they own, which
# is exactly an information officer's job; "change" edits anyone's page.
# No role gets user or group permissions: staffing stays with the platform.
ROLES = (
    Role("信息员", SiteRole.Role.OFFICER, ("add",), ("add", "choose")),
    Role("编辑", SiteRole.Role.EDITOR, ("add", "change"), ("add", "change", "choose")),
    Role("审核", SiteRole.Role.REVIEWER, ("add", "change"), ("choose",)),
    Role("签发", SiteRole.Role.APPROVER, ("add", "change", "publish", "lock", "unlock"), ("add", "change", "choose")),
    Role(
        "管理员",
        SiteRole.Role.ADMINISTRATOR,
        ("add", "change", "publish", "bulk_delete", "lock", "unlock"),
        ("add", "change", "delete", "choose"),
        manages_site_settings=True,
        model_permissions=(*SITE_LIST_PERMISSIONS, FORCE_PUBLISH_PERMISSION),
    ),
)

# The site settings a sub-site's 管理员 may edit, for its own Site only.
# Listed one by one: a setting added later is platform-only until added here.
SITE_SETTING_PERMISSIONS = (
    ("sitegroup", "change_siteidentity"),
    ("release", "change_sitecontentrules"),
    ("policy", "change_policysettings"),
)


# The columns sitegroup gives every new site. With the apps' contributions (govcms_site_columns) a site opens with:
#   100 政务公开 (zwgk): 110 政策文件 (policy), 120 政策解读 (policy), 130 通知公告, 140 政府信息公开目录 (disclosure)
#   200 政务动态, 300 互动交流 (hdjl), 400 办事服务
COLUMN_SKELETON = (
    ColumnSpec("政务公开", OPEN_GOVERNMENT_COLUMN, ColumnFamily.PUBLISH, UpdateCategory.OTHER, order=100),
    ColumnSpec(
        "通知公告", "tzgg", ColumnFamily.PUBLISH, UpdateCategory.NOTICE, order=130, parent=OPEN_GOVERNMENT_COLUMN
    ),
    ColumnSpec("政务动态", "zwdt", ColumnFamily.PUBLISH, UpdateCategory.NEWS, order=200),
    ColumnSpec("互动交流", INTERACTION_COLUMN, ColumnFamily.INTERACT, UpdateCategory.OTHER, order=300),
    ColumnSpec("办事服务", "bsfw", ColumnFamily.SERVICE, UpdateCategory.OTHER, order=400),
)


def column_skeleton():
    """The columns of a new site, sitegroup's and the apps', as {parent slug: its columns in order}."""
    specs = [*COLUMN_SKELETON]
    for contribute in hooks_in_app_order(SITE_COLUMNS_HOOK):
        specs += contribute()
    slugs = [spec.slug for spec in specs]
    duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
    orphans = {spec.slug for spec in specs if spec.parent and spec.parent not in slugs}
    if duplicates or orphans:
        raise ImproperlyConfigured(f"Column skeleton: slugs used twice: {duplicates}; unknown parents of: {orphans}")
    children = defaultdict(list)
    for spec in sorted(specs, key=attrgetter("order")):
        children[spec.parent].append(spec)
    return children


@dataclass(frozen=True)
class ProvisionContext:
    """What a `govcms_provision_site` contribution is given: the site as provisioning has made it so far.

    `groups` are the site's role groups by role suffix ("信息员", "编辑", "审核", "签发", "管理员"), as in
    ProvisionResult; `user` is who provisions (None from a command or a loader); `languages` are the foreign
    content languages asked for (translations opens them). A contribution appends a
    short description of each thing it creates to `created` (logged on the home, shown to the operator), and
    nothing when the site already has it.
    """

    name: str
    home: HomePage
    site: Site | None
    collection: Collection
    groups: dict[str, Group]
    user: object
    created: list[str]
    languages: tuple[str, ...] = ()


@dataclass
class ProvisionResult:
    home: HomePage
    site: Site | None
    collection: Collection
    groups: dict[str, Group]
    created: list[str] = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created)


def role_group_name(site_name, role):
    return f"{site_name}{role.suffix}"


def provision_subsite(*, parent, name, slug, kind, hostname="", port=80, identity=None, user=None, languages=()):
    """Create (or complete) the sub-site `name` under `parent`.

    `identity` holds SiteIdentity field values (政府网站标识码, filings, 主办单位...)
    for the Site created for `hostname`; a site is public only once its
    mandatory identity is complete (sitegroup.holding).

    `parent` is a HomePage, or the tree root for the portal itself. Raises
    ValidationError, having written nothing, when an argument is invalid or
    the slug, hostname or a group name belongs to something else. `languages` are foreign content languages
    (codes of WAGTAIL_CONTENT_LANGUAGES) the site offers from the start. When
    something was created, the action is logged on the sub-site's HomePage
    (its history and the site history report) as done by `user`.
    """
    hostname = (hostname or "").strip().lower()
    identity = {"site_name": name, **(identity or {})}
    _validate_arguments(parent=parent, name=name, slug=slug, kind=kind, hostname=hostname, port=port, identity=identity)
    _validate_languages(languages)
    with transaction.atomic():
        result = _Provisioner(
            parent=parent, name=name, slug=slug, kind=kind, hostname=hostname, port=port, identity=identity, user=user
        ).run(languages=tuple(languages))
        if result.changed:
            log(instance=result.home, action=LOG_ACTION, user=user, data={"created": result.created})
    return result


def _validate_arguments(*, parent, name, slug, kind, hostname, port, identity):
    errors = {}
    if not HomePage.can_exist_under(parent):  # HomePage is not creatable in the page editor
        errors["parent"] = _("站点只能开设在门户网站之下或其他站点之下。")
    if not name or len(name) > 60:
        errors["name"] = _("站点名称不能为空，且不超过60个字符。")
    try:
        validate_slug(slug)
    except ValidationError:
        errors["slug"] = _("路径名只能包含字母、数字、下划线和连字符。")
    if kind not in SiteKind.values:
        errors["kind"] = _("站点类型无效。")
    elif (kind == SiteKind.PORTAL) != parent.is_root():
        # The portal is the one site at the top of the tree; everything else sits below a site.
        errors["kind"] = _("只有门户网站开设在最上层，门户网站也不能开设在其他站点之下。")
    if hostname:
        try:
            validate_hostname(hostname)
        except ValidationError as error:
            errors["hostname"] = error.messages[0]
    if not 1 <= port <= 65535:
        errors["port"] = _("端口应在1到65535之间。")
    if set(identity) - {"site_name"} and not hostname:
        errors["hostname"] = _("网站标识属于独立域名：没有独立域名的站点使用上级站点的网站标识。")
    try:
        SiteIdentity(**identity).clean_fields(exclude=["site", "site_name"])  # the name is checked above
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def _validate_languages(languages):
    foreign = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE}
    if set(languages) - foreign:
        raise ValidationError({"languages": _("不支持的外文版语言：%(codes)s。") % {"codes": join_words(languages)}})


class _Provisioner:
    def __init__(self, *, parent, name, slug, kind, hostname, port, identity, user):
        self.parent = parent
        self.identity = identity
        self.name = name
        self.slug = slug
        self.kind = kind
        self.hostname = hostname
        self.port = port
        self.user = user
        self.created = []

    def run(self, languages=()):
        home = self._existing_home()
        self._check_site_clash(home)
        self._check_group_clashes(home)
        if home is None:
            home = self._create_home()
        site = self._site(home)
        collection = self._collection()
        groups = self._role_groups(home, site, collection)
        context = ProvisionContext(
            name=self.name,
            home=home,
            site=site,
            collection=collection,
            groups=groups,
            user=self.user,
            created=self.created,
            languages=languages,
        )
        for contribute in hooks_in_app_order(PROVISION_SITE_HOOK):
            contribute(context)
        return ProvisionResult(home=home, site=site, collection=collection, groups=groups, created=self.created)

    def _existing_home(self):
        existing = self.parent.get_children().filter(slug=self.slug).specific().first()
        if existing is not None and (not isinstance(existing, HomePage) or existing.title != self.name):
            raise ValidationError(
                {"slug": _("“%(slug)s”已被“%(title)s”使用。") % {"slug": self.slug, "title": existing.title}}
            )
        return existing

    def _check_site_clash(self, home):
        if not self.hostname:
            return
        site = Site.objects.filter(hostname=self.hostname, port=self.port).first()
        if site is not None and (home is None or site.root_page_id != home.pk):
            raise ValidationError({"hostname": _("域名“%(host)s”已被其他站点使用。") % {"host": self.hostname}})

    def _check_group_clashes(self, home):
        """A group named for a role this site has yet to record belongs to another site when it is a recorded
        role (of any site) or grants rights anywhere else."""
        recorded = set() if home is None else set(SiteRole.objects.filter(home=home).values_list("role", flat=True))
        names = [role_group_name(self.name, role) for role in ROLES if role.code not in recorded]
        for group in Group.objects.filter(name__in=names).select_related("site_role"):
            elsewhere = group.page_permissions.all() if home is None else group.page_permissions.exclude(page=home)
            if hasattr(group, "site_role") or elsewhere.exists():
                raise ValidationError({"name": _("用户组“%(group)s”已属于其他站点。") % {"group": group.name}})

    def _create_home(self):
        home = HomePage(title=self.name, slug=self.slug, kind=self.kind)
        self.parent.add_child(instance=home)
        home.save_revision().publish()
        self._add_columns(home, column_skeleton())
        self.created.append(_("站点首页与标准栏目"))
        return home

    def _add_columns(self, parent, skeleton, parent_slug=""):
        for spec in skeleton[parent_slug]:
            column = (spec.page_class or ColumnPage)(
                title=spec.title,
                slug=spec.slug,
                family=spec.family,
                update_category=spec.update_category,
                show_in_menus=not parent_slug,
            )
            parent.add_child(instance=column)
            column.save_revision().publish()
            self._add_columns(column, skeleton, spec.slug)

    def _site(self, home):
        """The Site for the hostname given, else the site already serving this home, if any."""
        if not self.hostname:
            return Site.objects.filter(root_page=home).order_by("pk").first()
        site = Site.objects.filter(hostname=self.hostname, port=self.port).first()
        if site is not None:
            return site
        is_first_site = not Site.objects.exists()
        site = Site.objects.create(
            hostname=self.hostname,
            port=self.port,
            root_page=home,
            site_name=self.name,
            is_default_site=is_first_site,
        )
        SiteIdentity.objects.update_or_create(site=site, defaults=self.identity)
        self.created.append(_("站点域名 %(host)s") % {"host": self.hostname})
        return site

    def _collection(self):
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=self.name).first()
        if collection is None:
            collection = root.add_child(name=self.name)
            self.created.append(_("图片与文件库"))
        return collection

    def _role_groups(self, home, site, collection):
        """The site's role groups, given every grant of their roles that they lack.

        A role's group is the one recorded for it, whatever it is called now; a role not yet recorded gets the
        group of its name, found or created, and records it.
        """
        recorded = {record.role: record.group for record in SiteRole.objects.filter(home=home).select_related("group")}
        groups, new_groups = {}, set()
        for role in ROLES:
            group = recorded.get(role.code)
            if group is None:
                group, group_created = Group.objects.get_or_create(name=role_group_name(self.name, role))
                SiteRole.objects.create(home=home, role=role.code, group=group)
                if group_created:
                    new_groups.add(group.pk)
            groups[role.suffix] = group
        restored = _grant_missing(groups, home, site, collection)
        for group in groups.values():
            if group.pk in new_groups:
                self.created.append(group.name)
            elif restored[group.pk]:
                self.created.append(
                    _("%(group)s：补全%(count)d项权限") % {"group": group.name, "count": restored[group.pk]}
                )
        return groups


# Permissions are named by (app label, codename).
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def _page_permission(action):
    return ("wagtailcore", f"{action}_page")


def _collection_permissions(action):
    return (("wagtailimages", f"{action}_image"), ("wagtaildocs", f"{action}_document"))


def _grant_missing(groups, home, site, collection):
    """Create the permission records the role groups lack; return a Counter of those created per group id.

    Records are read and written in bulk, a few queries for all five groups rather than a few per grant:
    provisioning runs for every site the demo loader and the test suite open.
    """
    permissions = _permissions()
    page_grants, collection_grants, site_grants, model_grants = [], [], [], []
    for role in ROLES:
        group = groups[role.suffix]
        page_grants += [
            GroupPagePermission(group=group, page=home, permission=permissions[_page_permission(action)])
            for action in role.page_permissions
        ]
        collection_grants += [
            GroupCollectionPermission(group=group, collection=collection, permission=permissions[key])
            for action in role.collection_permissions
            for key in _collection_permissions(action)
        ]
        if role.manages_site_settings and site is not None:
            site_grants += [
                GroupSitePermission(group=group, site=site, permission=permissions[key])
                for key in SITE_SETTING_PERMISSIONS
            ]
        model_grants += [
            Group.permissions.through(group=group, permission=permissions[key])
            for key in (ADMIN_ACCESS, *role.model_permissions)
        ]
    return (
        _create_missing(GroupPagePermission, page_grants, page=home)
        + _create_missing(GroupCollectionPermission, collection_grants, collection=collection)
        + _create_missing(GroupSitePermission, site_grants, site=site)
        + _create_missing(Group.permissions.through, model_grants)
    )


def _permissions():
    """Every permission a role may be granted, by (app label, codename), in one query."""
    keys = {ADMIN_ACCESS, *SITE_SETTING_PERMISSIONS}
    for role in ROLES:
        keys.update(_page_permission(action) for action in role.page_permissions)
        keys.update(key for action in role.collection_permissions for key in _collection_permissions(action))
        keys.update(role.model_permissions)
    permissions = Permission.objects.filter(
        content_type__app_label__in={app_label for app_label, _codename in keys},
        codename__in={codename for _app_label, codename in keys},
    ).select_related("content_type")
    return {(permission.content_type.app_label, permission.codename): permission for permission in permissions}


def _create_missing(model, grants, **scope):
    """Save those of `grants` (unsaved records within `scope`) whose group lacks that permission there."""
    if not grants:
        return Counter()
    held = set(
        model.objects.filter(group__in={grant.group_id for grant in grants}, **scope).values_list(
            "group_id", "permission_id"
        )
    )
    missing = [grant for grant in grants if (grant.group_id, grant.permission_id) not in held]
    model.objects.bulk_create(missing)
    return Counter(grant.group_id for grant in missing)
