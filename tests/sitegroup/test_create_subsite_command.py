"""manage.py create_subsite: the operator's way to open a sub-site."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from home.models import HomePage
from tests.sitegroup.utils import counts

pytestmark = pytest.mark.django_db


def run(*arguments):
    out = StringIO()
    call_command("create_subsite", *arguments, stdout=out)
    return out.getvalue()


def test_root_opens_the_portal(without_site_group):
    output = run(
        "--parent",
        "root",
        "--name",
        "示例市人民政府",
        "--slug",
        "portal",
        "--kind",
        "portal",
        "--hostname",
        "localhost",
    )
    portal = HomePage.objects.get(slug="portal")
    assert portal.get_parent() == Page.get_first_root_node()
    assert f"已开设 示例市人民政府（页面 {portal.pk}）" in output
    assert "  + 示例市人民政府管理员" in output
    assert "  + 站点域名 localhost" in output


@pytest.mark.parametrize("parent", ["localhost", "LOCALHOST", "portal-id"])
def test_parent_by_hostname_or_page_id(site_group, parent):
    reference = str(site_group.portal.home.pk) if parent == "portal-id" else parent
    output = run("--parent", reference, "--name", "丙县人民政府", "--slug", "county-c", "--kind", "county")
    county = HomePage.objects.get(slug="county-c")
    assert county.get_parent().pk == site_group.portal.home.pk
    assert "已开设 丙县人民政府" in output


def test_sub_site_of_a_sub_site_by_its_hostname(site_group):
    run("--parent", "county-a.localhost", "--name", "甲县教育局", "--slug", "jyj", "--kind", "department")
    assert HomePage.objects.get(title="甲县教育局").get_parent().pk == site_group.county_a.home.pk


def test_running_it_twice_changes_nothing(site_group):
    arguments = ("--parent", "localhost", "--name", "丙县人民政府", "--slug", "county-c", "--kind", "county")
    run(*arguments)
    before = counts()
    output = run(*arguments)
    assert counts() == before
    county = HomePage.objects.get(slug="county-c")
    assert output.strip() == f"丙县人民政府（页面 {county.pk}）已存在，未作更改。"


@pytest.mark.parametrize("parent", ["nowhere.example.cn", "999999"])
def test_an_unknown_parent_is_an_error(site_group, parent):
    before = counts()
    with pytest.raises(CommandError, match=f"找不到上级站点“{parent}”"):
        run("--parent", parent, "--name", "丙县人民政府", "--slug", "county-c", "--kind", "county")
    assert counts() == before


def test_a_column_id_is_not_a_parent(site_group):
    column = site_group.county_a.home.get_children().first()
    with pytest.raises(CommandError, match="找不到上级站点"):
        run("--parent", str(column.pk), "--name", "丙县人民政府", "--slug", "county-c", "--kind", "county")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--slug", "county-a"), "“county-a”已被“甲县人民政府”使用"),
        (("--slug", "county-c", "--hostname", "county-b.localhost"), "域名“county-b.localhost”已被其他站点使用"),
    ],
)
def test_a_clash_is_an_error_and_writes_nothing(site_group, extra, message):
    before = counts()
    with pytest.raises(CommandError, match=message):
        run("--parent", "localhost", "--name", "丙县人民政府", "--kind", "county", *extra)
    assert counts() == before
