"""What a member of the public does on the sites, and the checks every public page of a journey passes."""

import re

from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}
NUMERALS = "零一二三四五六七八九十"

# axe-core as the wheel of axe-playwright-python ships it (axe.min.js inside the package, nothing fetched).
# Its default rules: WCAG 2.x A and AA, and axe's best practices.
AXE = Axe()


def axe_report(violations):
    """One line per violation: rule, impact, what it is about, and the selectors of the offending elements."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:8])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)


def assert_accessible(page):
    """axe-core finds no violation on the page as it stands (its current viewport and state).

    Playwright's evaluate runs over the DevTools protocol, which the pages' Content-Security-Policy
    (no inline script) does not govern: axe runs in contexts that keep enforcing the policy, so a
    feature that breaks it fails its journey instead of working only in tests."""
    violations = AXE.run(page).response["violations"]
    assert not violations, f"axe-core on {page.url}:\n{axe_report(violations)}"


def look_at(page, screenshot, label, widths=(PHONE, DESKTOP)):
    """A page a journey visits: checked with axe and captured at each width, then back to the first."""
    for viewport in widths:
        if page.viewport_size != viewport:
            page.set_viewport_size(viewport)
        assert_accessible(page)
        screenshot(page, f"{label}-{viewport['width']}")
    if page.viewport_size != widths[0]:
        page.set_viewport_size(widths[0])


def chinese_number(text):
    """零 … 十八, the captcha's numbers in words."""
    return 10 + NUMERALS.index(text[1]) if len(text) == 2 else NUMERALS.index(text)


def captcha_answer(page):
    """What a person answers to the form's captcha, worked out from its question as the page words it
    ("七加二等于几？"), the text beside the image that screen readers read too."""
    question = page.locator(".captcha__question").inner_text()
    left, operator, right = re.fullmatch(r"(\S+?)([加减])(\S+?)等于几？", question).groups()
    left, right = chinese_number(left), chinese_number(right)
    return str(left + right if operator == "加" else left - right)


def captcha_field(page):
    """The captcha's answer box, found as a person finds it: in the group named 验证码."""
    return page.get_by_role("group", name="验证码").get_by_role("textbox")
