"""Load the demo site group: `manage.py load_demo [--port 8000]` (see docs/demo.md)."""

import logging
import os
import time
import unicodedata
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from demo.loader import load_demo

DEFAULT_DEMO_PASSWORD = "govcms-demo"  # noqa: S105 - published on purpose; only ever set when DEBUG is on  # nosec B105


class Command(BaseCommand):
    help = (
        "载入演示站群：示例市门户网站、两个区县和一个部门子站，含各栏目内容、附件和各角色演示账号。"
        "重复运行不会产生重复内容。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="开发服务器端口，用于各站点域名（localhost 等），默认 8000。"
        )

    def handle(self, *args, **options):
        # The demo's content (the column and group names provisioning writes) and its report are in the site's
        # language, whatever language the calling thread has active (a test that fetched an /en/ page).
        with translation.override(settings.LANGUAGE_CODE):
            self.load(options)

    def load(self, options):
        started = time.monotonic()
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        try:
            with page_logs_at(options["verbosity"]):
                report = load_demo(port=options["port"], password=password, usable_passwords=settings.DEBUG)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        seconds = time.monotonic() - started
        if report.created_pages:
            message = _("演示站群已载入：新建 %(count)d 个页面，用时 %(seconds).1f 秒。")
            self.stdout.write(self.style.SUCCESS(message % {"count": report.created_pages, "seconds": seconds}))
        else:
            self.stdout.write(_("演示站群已存在，未作更改。"))
        self.write_sites(report.sites)
        self.write_english(report.english)
        self.write_monitoring(report.monitoring)
        self.write_logins(report.logins)

    def write_sites(self, sites):
        self.stdout.write(_("站点："))
        for spec, site in sites:
            self.stdout.write(f"  {spec.name}  {site.root_url}/")
        portal_url = sites[0][1].root_url
        self.stdout.write(
            _("门户网站是默认站点，也可通过 http://127.0.0.1:%(port)d/ 访问。") % {"port": sites[0][1].port}
        )
        self.stdout.write(_("管理后台：%(url)s/admin/") % {"url": portal_url})

    def write_english(self, english):
        """Each English version opened by this load: pages live and waiting, and translation memory's share."""
        for site in english:
            share = site.memory_filled / site.segments if site.segments else 0
            self.stdout.write(
                _(
                    "英文版：%(site)s，已译并发布 %(translated)d 页，待翻译 %(waiting)d 页；"
                    "翻译记忆预填 %(filled)d / %(total)d 段（%(share).0f%%）。"
                )
                % {
                    "site": site.name,
                    "translated": site.translated_pages,
                    "waiting": site.untranslated_pages,
                    "filled": site.memory_filled,
                    "total": site.segments,
                    "share": share * 100,
                }
            )

    def write_monitoring(self, states):
        """Today's audit of each site (manage.py audit_sites; the scorecards are under 监测考核 in the admin)."""
        self.stdout.write(_("网站监测："))
        for state in states:
            values = {"site": state.name, "status": state.status, "score": state.score}
            self.stdout.write(_("  %(site)s：%(status)s，%(score)d 分") % values)

    def write_logins(self, logins):
        headers = [_("用户名"), _("角色"), _("站点")]
        with_passwords = all(login.password for login in logins)
        if with_passwords:
            headers.append(_("密码"))
        rows = [
            [login.username, login.role, login.site] + ([login.password] if with_passwords else []) for login in logins
        ]
        self.stdout.write(_("演示账号："))
        for line in format_table(headers, rows):
            self.stdout.write(f"  {line}")
        if not with_passwords:
            self.stdout.write(
                _(
                    "DEBUG 未开启，演示账号没有可用密码。"
                    "请用 python manage.py changepassword <用户名> 为需要的账号设置密码。"
                )
            )


@contextmanager
def page_logs_at(verbosity):
    """Wagtail logs every page it creates and publishes; show those lines only with --verbosity 2 or more."""
    logger = logging.getLogger("wagtail")
    previous = logger.level
    if verbosity < 2:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(previous)


def format_table(headers, rows):
    """Lines of a plain-text table whose columns line up even with Chinese (double-width) text."""
    widths = [max(display_width(str(row[index])) for row in [headers, *rows]) for index in range(len(headers))]
    return [
        "  ".join(pad(str(cell), width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *rows]
    ]


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text, width):
    return text + " " * (width - display_width(text))
