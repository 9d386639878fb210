"""Open a sub-site: `create_subsite --parent <hostname|page id|root> --name 名称 --slug slug --kind county`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from home.models import HomePage, SiteKind
from sitegroup.provisioning import provision_subsite


class Command(BaseCommand):
    help = "开设下级站点：创建站点首页、标准栏目、图片与文件库和各角色用户组。重复运行不会产生重复内容。"

    def add_arguments(self, parser):
        parser.add_argument("--parent", required=True, help="上级站点的域名或首页ID；开设门户网站本身时用 root。")
        parser.add_argument("--name", required=True, help="站点名称，如“东城区人民政府”。")
        parser.add_argument("--slug", required=True, help="网址路径名，如 dongcheng。")
        parser.add_argument("--kind", required=True, choices=SiteKind.values)
        parser.add_argument("--hostname", default="", help="独立域名，可选。")
        parser.add_argument("--port", type=int, default=80, help="独立域名的端口，默认 80。")

    def handle(self, *args, **options):
        parent = self.find_parent(options["parent"])
        try:
            result = provision_subsite(
                parent=parent,
                name=options["name"],
                slug=options["slug"],
                kind=options["kind"],
                hostname=options["hostname"],
                port=options["port"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        site = {"title": result.home.title, "pk": result.home.pk}
        if result.changed:
            self.stdout.write(self.style.SUCCESS(_("已开设 %(title)s（页面 %(pk)s）：") % site))
            for item in result.created:
                self.stdout.write(f"  + {item}")
        else:
            self.stdout.write(_("%(title)s（页面 %(pk)s）已存在，未作更改。") % site)

    def find_parent(self, reference):
        if reference == "root":
            return Page.get_first_root_node()
        if reference.isdigit():
            parent = HomePage.objects.filter(pk=int(reference)).first()
        else:
            site = Site.objects.filter(hostname=reference.lower()).first()
            parent = HomePage.objects.filter(pk=site.root_page_id).first() if site else None
        if parent is None:
            raise CommandError(_("找不到上级站点“%(parent)s”：请提供站点首页的ID或域名。") % {"parent": reference})
        return parent
