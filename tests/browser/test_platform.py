"""Journeys of the platform administrators (not superusers): the 系统管理员 opens a site, the 安全管理员 adds a user."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Site

from tests.browser.pages import messages

pytestmark = pytest.mark.browser


def test_a_platform_administrator_opens_a_site_and_cannot_create_a_superuser(person, demo_server, screenshot):
    admin = person("system_admin")

    # Settings → 开设下级站点: a new county under the portal, on its own hostname.
    admin.get_by_role("button", name="设置").click()
    admin.get_by_role("link", name="开设下级站点").click()
    admin.locator("#id_parent").select_option(label="示例市人民政府")
    admin.fill("#id_name", "东山县人民政府")
    admin.fill("#id_slug", "dongshan")
    admin.locator("#id_kind").select_option(label="区县")
    admin.fill("#id_hostname", "dongshan.localhost")
    admin.fill("#id_port", str(demo_server.port))
    screenshot(admin, "provision-form")
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_load_state()
    screenshot(admin, "site-opened")
    assert "已开设“东山县人民政府”" in messages(admin)
    assert Site.objects.filter(hostname="dongshan.localhost", port=demo_server.port).exists()

    # Until its identity (网站标识码, 备案号, 主办单位) is filled in, its hostname answers a holding page.
    assert "尚未向公众开放" in messages(admin)
    public = person(None)
    public.goto(demo_server.url("dongshan.localhost"))
    screenshot(public, "new-site")
    expect(public.locator("h1")).to_have_text("网站建设中")
    expect(public.locator("body")).to_contain_text("东山县人民政府")

    # Settings → 用户 → 添加用户, as the 安全管理员 (the system administrator manages no users): no superuser
    # switch is offered …
    admin = person("security_admin")
    admin.get_by_role("button", name="设置").click()
    admin.get_by_role("link", name="用户", exact=True).click()
    admin.get_by_role("link", name="添加用户").first.click()
    expect(admin.locator("[name=is_superuser]").filter(visible=True)).to_have_count(0)
    expect(admin.get_by_text("超级用户").filter(visible=True)).to_have_count(0)
    admin.fill("#id_username", "dongshan_helper")
    admin.fill("#id_email", "dongshan_helper@example.gov.cn")
    admin.fill("#id_first_name", "小明")
    admin.fill("#id_last_name", "王")
    admin.fill("#id_password1", "Dongshan-2026-demo")
    admin.fill("#id_password2", "Dongshan-2026-demo")
    screenshot(admin, "add-user")
    # … and one forged into the form (as with the browser's developer tools) is not obeyed.
    admin.evaluate(
        """() => {
            const form = document.querySelector("#id_username").form;
            form.querySelectorAll("[name=is_superuser]").forEach((field) => field.remove());
            const forged = document.createElement("input");
            Object.assign(forged, {type: "hidden", name: "is_superuser", value: "on"});
            form.append(forged);
        }"""
    )
    admin.locator("#id_username").evaluate("field => field.form.requestSubmit()")
    admin.wait_for_load_state()
    screenshot(admin, "after-forged-submit")
    created = get_user_model().objects.filter(username="dongshan_helper").first()
    assert created is None or not created.is_superuser
