"""Sends a letter with an attachment through the portal's public mailbox form, as a citizen's browser does behind
the TLS proxy (verify.sh). The captcha's answer is read from the database through the web container.

Usage: python letter.py BASE_URL COMPOSE_COMMAND...
"""

import re
import subprocess  # nosec B404 - runs docker compose, given by the caller
import sys

import requests

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%%EOF\n"


def field(html, name):
    """The value of the first input called `name`."""
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


def captcha_answer(compose, key):
    code = f"from captcha.models import CaptchaStore; print(CaptchaStore.objects.get(hashkey={key!r}).response)"
    command = [*compose, "exec", "-T", "web", "python", "manage.py", "shell", "-c", code]
    shell = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603  # nosec B603
    return shell.stdout.split()[-1]


def main(base, compose):
    form = f"{base}/hdjl/zmhdxx/write/"
    browser = requests.Session()
    browser.headers.update({"X-Forwarded-Proto": "https", "X-Real-IP": "192.0.2.10"})
    page = browser.get(form, timeout=30).text
    key = field(page, "captcha_0")
    data = {
        "csrfmiddlewaretoken": field(page, "csrfmiddlewaretoken"),
        "channel": field(page, "channel"),
        "name": "张三",
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "subject": "小区路灯损坏",
        "content": "我们小区东门的路灯已经坏了两周，晚上出行不便，请尽快维修。",
        "captcha_0": key,
        "captcha_1": captcha_answer(compose, key),
    }
    # The cookies are Secure (production settings): sent by hand, as the browser would over HTTPS.
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in browser.cookies)
    headers = {"Referer": form.replace("http:", "https:"), "Cookie": cookies}
    files = {"attachment": ("路灯.pdf", PDF, "application/pdf")}
    answer = browser.post(form, data=data, files=files, headers=headers, timeout=30)
    if answer.status_code != 200 or "来信已提交" not in answer.text:
        sys.exit(f"the letter was not accepted: HTTP {answer.status_code}")
    print("letter accepted")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
