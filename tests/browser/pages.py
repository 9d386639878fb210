"""What people do in the Wagtail admin, as steps of a browser journey."""

import re

from playwright.sync_api import expect
from wagtail.models import Page, Site


def page_at(hostname, path):
    """The page at `path` (e.g. "zwgk/tzgg/") below the home of the site with this hostname."""
    home = Site.objects.get(hostname=hostname).root_page
    return Page.objects.get(url_path=home.url_path + path).specific


def messages(page):
    """The text of the admin's message banners."""
    return " ".join(page.locator(".messages").all_inner_texts())


def assert_submitted(page):
    """The green banner of a submission that went through (a failed content check shows a red one)."""
    expect(page.locator(".messages li.error")).to_have_count(0)
    expect(page.locator(".messages li.success")).to_contain_text("提交")


def act_from_dashboard(page, title, name="批准", comment=None):
    """A reviewer's 批准 / 请求修改 from the dashboard's 等待你的审查 list, without opening the editor."""
    page.goto(page.url.split("/admin/")[0] + "/admin/")
    row = page.locator("tr", has_text=title).first
    row.get_by_role("button").last.click()
    take_action(page, row.get_by_role("button", name=name, exact=True), comment)


def take_action(page, button, comment):
    """Click a workflow action's button; with a comment, fill in and send the dialog it opens."""
    if comment is None:
        with page.expect_navigation():
            button.click()
        return
    button.click()
    dialog = page.locator(".modal-dialog")
    dialog.locator("textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        dialog.locator("button[type=submit]").click()


def open_action_menu(page):
    page.get_by_role("button", name="更多动作").click()


def settle_autosave(page):
    """Let Wagtail's autosave (due half a second after the last keystroke) finish, as a person would
    by reading over the page: a submit racing an autosave that creates the page fails on its slug."""
    page.wait_for_timeout(1000)
    page.wait_for_function(
        "() => document.querySelector('#w-autosave-indicator')?.dataset.wAutosaveStateValue !== 'saving'"
    )


def submit_for_review(page):
    """The editor's 提交审核 (the action menu's submit or resubmit to the site's workflow)."""
    settle_autosave(page)
    open_action_menu(page)
    with page.expect_navigation():
        page.locator("footer button[name=action-submit]").click()


def workflow_action(page, name, comment=None):
    """A reviewer's 批准 / 请求修改 … from the editor's action menu; a comment goes through its dialog."""
    open_action_menu(page)
    take_action(page, page.locator("footer").get_by_role("button", name=name, exact=True), comment)


def add_body_block(page, block_label):
    """Append a block to the body StreamField through its + menu; returns the new block's container."""
    body = page.locator("#body-root")
    body.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=block_label, exact=True).click()
    return body.locator("[data-streamfield-child]").last


def type_paragraph(block, text):
    block.locator("[contenteditable=true]").first.click()
    block.page.keyboard.insert_text(text)


def fill_table(block, rows, header="row"):
    """Wagtail's table block: the header choice, then each cell typed into the Handsontable grid."""
    block.locator("select").first.select_option(header)
    grid_rows = block.locator(".ht_master tbody tr")
    for row_index, row in enumerate(rows):
        for column_index, text in enumerate(row):
            grid_rows.nth(row_index).locator("td").nth(column_index).dblclick()
            block.page.keyboard.press("ControlOrMeta+a")
            block.page.keyboard.insert_text(text)
            block.page.keyboard.press("Enter")


def upload_document(page, chooser_section, path, title):
    """Choose a document for a chooser by uploading it in the chooser's 上传 tab."""
    chooser_section.get_by_role("button", name="选择一个文档").click()
    dialog = page.locator(".modal-dialog")
    dialog.get_by_role("tab", name=re.compile("上传")).click()
    dialog.locator("input[name=document-chooser-upload-file]").set_input_files(path)
    dialog.locator("input[name=document-chooser-upload-title]").fill(title)
    dialog.get_by_role("button", name="上传", exact=True).click()
    dialog.wait_for(state="detached")


def status_panel(page):
    """The editor's status side panel as one line of text (状态, the workflow's step …)."""
    return re.sub(r"\s+", " ", page.locator("[data-side-panel='status']").text_content())


def choose_page(page, chooser_button, path):
    """Pick a page in Wagtail's page chooser by browsing down `path` (pages, from the root's child)."""
    chooser_button.click()
    dialog = page.locator(".modal-dialog")
    for ancestor in path[:-1]:
        dialog.locator(f"a[href*='/choose-page/{ancestor.pk}/']").first.click()
    dialog.get_by_role("link", name=path[-1].title).first.click()
    dialog.wait_for(state="detached")
