"""Demo letters for the first county's mailbox: one in every state, one extended and one overdue.

Called by the demo loader (demo.loader) after the sites exist; a mailbox
that already has letters is left alone, so loading twice adds nothing.
The letters' query password follows the demo users' rule (demo.users): it is
DEMO_PASSWORD only with DEBUG on; otherwise they get none that works, and a
run without DEBUG takes it away from letters loaded earlier with DEBUG on, so a
database first loaded on a laptop never goes live with a published password.
"""

import datetime

from django.contrib.auth.hashers import check_password, make_password
from django.utils import timezone
from wagtail.log_actions import log

from citizen_mailbox.models import MailboxDepartment, MailboxPage, Message
from govcms.core.tree import site_home_of
from home.models import SiteKind
from workdays.calendar import add_working_days

DEMO_PASSWORD = "demo2345"  # noqa: S105 - printed in docs/mailbox.md; only ever set when DEBUG is on  # nosec B105
DEPARTMENTS = ("交通运输局", "教育局", "住房和城乡建设局")

# (subject, channel, status, days since receipt, department index or None, extension, reply).
# Only the overdue letter is old enough to be late whatever the holidays around the day of loading.
LETTERS = (
    ("小区门口路灯不亮", "咨询", "pending", 1, None, "", ""),
    ("学校门口早晚高峰拥堵", "建议", "accepted", 2, 0, "", ""),
    ("老旧小区加装电梯补贴", "咨询", "processing", 4, 2, "", ""),
    ("农村公路修缮进度", "投诉", "processing", 10, 0, "approved", ""),  # extended: past 7 days, within 15
    ("幼儿园收费标准", "咨询", "accepted", 30, 1, "", ""),  # overdue even across the Spring Festival
    ("公交线路延伸到新区", "建议", "processing", 6, 0, "requested", ""),
    (
        "义务教育入学材料",
        "咨询",
        "answered",
        12,
        1,
        "",
        "您好！适龄儿童入学需提供户口簿、不动产权证书或租赁备案证明，详见区教育局入学公告。感谢您的来信。",
    ),
    (
        "邻居装修噪音",
        "投诉",
        "rejected",
        9,
        None,
        "",
        "装修噪音属物业和街道管理事项，请拨打12345或联系所在街道办事处。",
    ),
    (
        "要求撤销他人不动产登记",
        "投诉",
        "unable",
        15,
        2,
        "",
        "不动产登记争议需通过行政复议或诉讼解决，本部门无法通过信箱办理，请向区人民法院提起诉讼。",
    ),
)


def load_mailbox_demo(loaded_sites, *, usable_password):
    """Letters for the first county of the loaded (spec, ProvisionResult) pairs."""
    county = next((result for spec, result in loaded_sites if spec.kind == SiteKind.COUNTY), None)
    if county is None:
        return 0
    mailbox = MailboxPage.objects.descendant_of(county.home).first()
    if mailbox is None:
        return 0
    if mailbox.messages.exists():
        if not usable_password:
            _revoke_demo_password(mailbox)
        return 0
    departments = [MailboxDepartment.objects.create(page=mailbox, name=name) for name in DEPARTMENTS]
    # make_password(None) is an unusable hash: no password opens those letters.
    password_hash = make_password(DEMO_PASSWORD if usable_password else None)
    for subject, channel, status, days, department, extension, reply in LETTERS:
        _letter(mailbox, password_hash, subject, channel, status, days, departments, department, extension, reply)
    return len(LETTERS)


def _revoke_demo_password(mailbox):
    """Letters still opened by the demo password get an unusable one (the letters share one hash when loaded)."""
    for password_hash in set(mailbox.messages.values_list("password_hash", flat=True)):
        if check_password(DEMO_PASSWORD, password_hash):
            mailbox.messages.filter(password_hash=password_hash).update(password_hash=make_password(None))


def _letter(mailbox, password_hash, subject, channel, status, days, departments, department, extension, reply):
    received_at = timezone.now() - datetime.timedelta(days=days, hours=3)
    department = departments[department] if department is not None else None
    closed = status in ("answered", "rejected", "unable")
    message = Message.objects.create(
        mailbox=mailbox,
        site_home=site_home_of(mailbox),
        channel=mailbox.channels.filter(name=channel).first(),
        channel_name=channel,
        password_hash=password_hash,
        name="王小明",
        phone="13900001234",
        subject=subject,
        content=f"{subject}：希望有关部门尽快了解情况并答复。我的电话13900001234。",
        consent_to_publish=True,
        received_at=received_at,
        department=department,
        department_name=department.name if department else "",
        accepted_at=received_at + datetime.timedelta(hours=20) if department else None,
        status=status,
        extension=extension,
        extension_reason="需会同乡镇现场勘查。" if extension else "",
        reply=reply,
        closed_at=received_at + datetime.timedelta(days=days - 2) if closed else None,
        is_public=status == "answered",
    )
    if extension == "approved":
        message.due_date = add_working_days(received_at, 15)
        message.save(update_fields=["due_date"])
    log(instance=message, action="mailbox.submit", data={"channel": channel}, timestamp=received_at)
