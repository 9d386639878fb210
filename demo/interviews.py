"""Demo 在线访谈: a past interview on the portal about 国办发〔2014〕57号, and an upcoming one on 云溪县.

The past interview took place PAST_DAYS_AGO days before loading, at START_TIME. It is broadcast as a host
would: published, its questions moderated (interviews.questions), its entries added from the console
(interviews.console.add_entry, timed on that day), then ended and frozen with console.end_interview (the
console acts on an interview on air, so it is on air at loading and moved to its day once frozen); the
question left over gets its written answer afterwards. The upcoming one starts a few days after loading and
takes questions: one adopted (for the county's host to quote when trying the console, started early) and one
waiting for moderation.

Called by the demo loader (demo.loader) after the sites and users exist; a site that already has an
interview is left alone, so loading twice adds nothing (and the upcoming interview keeps its date).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from demo.content.opinion_2014 import SLUG as OPINION_2014_SLUG
from demo.files import portrait_png, studio_png
from interviews import console, live, questions
from interviews.models import (
    HostRole,
    InterviewGuest,
    InterviewIndexPage,
    InterviewPage,
    InterviewPolicy,
    Speaker,
    answer_due_after,
)
from policy.models import PolicyPage


@dataclass(frozen=True)
class Guest:
    name: str
    title: str
    organisation: str
    clothing: str  # the colour of the figure in the drawn photo


@dataclass(frozen=True)
class Asked:
    """A citizen's question and what becomes of it: "live" (quoted in the transcript), "written" (answered
    in writing after the end), "adopted", "rejected" or "pending"."""

    key: str
    nickname: str
    text: str
    fate: str
    hours_before_start: int = 2


@dataclass(frozen=True)
class Said:
    """A transcript entry `minute` minutes into the broadcast: a guest (by name), the host, or a question quoted."""

    minute: int
    text: str
    guest: str = ""
    question: str = ""  # the key of an Asked quoted by 网友
    picture: bool = False  # the studio picture with the entry


@dataclass(frozen=True)
class DemoInterview:
    site_key: str
    slug: str
    title: str
    summary: str
    introduction: str
    guests: tuple[Guest, ...]
    policy_slug: str
    asked: tuple[Asked, ...]
    transcript: tuple[Said, ...] = ()
    written_answer: str = ""
    announcement: str = ""
    days_ahead: int = 0  # an upcoming interview starts this many days after loading, at START_TIME


START_TIME = time(10, 0)
DURATION = timedelta(hours=1)
ANNOUNCED_DAYS_BEFORE = 3
PORTRAIT_BACKGROUND = "#dfe7f0"
# The past interview's day: this many days before loading, at START_TIME.
PAST_DAYS_AGO = 2
STUDIO_ALT = "访谈演播室插画：嘉宾坐在主持台后，面前摆着话筒"

PAST = DemoInterview(
    site_key="portal",
    slug="website-content-interview",
    title="让政府网站成为政务公开第一平台——解读《国务院办公厅关于加强政府网站信息内容建设的意见》",
    summary=(
        "市政府办公室、市政务服务和大数据管理局负责同志和高校专家做客在线访谈，"
        "解读国办发〔2014〕57号文件，介绍我市政府网站集约化建设和政策解读工作，回答网友提问。"
    ),
    introduction=(
        "2014年12月，国务院办公厅印发《关于加强政府网站信息内容建设的意见》，"
        "要求把政府网站作为政府信息公开的第一平台，做好政策解读和回应关切。"
        "本期访谈邀请三位嘉宾，谈谈文件的要求和我市的落实情况。"
    ),
    guests=(
        Guest("许文博", "副主任", "示例市人民政府办公室", "#2f3e56"),
        Guest("林慧", "局长", "示例市政务服务和大数据管理局", "#6b2f3a"),
        # The professor of the 2014 opinion's expert interpretation (demo.content.opinion_2014).
        Guest("周明远", "教授", "示例大学公共管理学院", "#2f5640"),
    ),
    policy_slug=OPINION_2014_SLUG,
    asked=(
        Asked("topics", "老街坊", "政府网站上的政策文件有时候不好找，能不能按主题分类查询？", "live", 20),
        Asked("counties", "小城青年", "区县网站合并到市级平台以后，查区县的信息会不会更麻烦？", "live", 5),
        Asked("letters", "热心市民李先生", "在网站上给部门写信，多长时间能收到答复？", "live", 1),
        Asked("elders", "宝妈一枚", "家里老人看网站字太小，能不能提供大字版？", "written", 1),
        Asked("advert", "代办快证", "专业代办各类证件，价格优惠，详询微信。", "rejected", 3),
    ),
    transcript=(
        Said(
            0,
            "各位网友，大家好！欢迎收看本期在线访谈。今天我们邀请到市政府办公室许文博副主任、"
            "市政务服务和大数据管理局林慧局长和示例大学周明远教授，一起解读国办发〔2014〕57号文件。",
            picture=True,
        ),
        Said(
            3,
            "这份意见是政府网站建设的纲领性文件。它明确政府网站是政府信息公开的第一平台，"
            "要求做好政策解读、回应社会关切、加强互动交流，并把网站建设管理纳入绩效考核。",
            guest="许文博",
        ),
        Said(8, "林局长，我市是怎样落实“集约化”要求的？"),
        Said(
            10,
            "我们建设了全市统一的政府网站平台。区县和部门不再单独建网站，统一在市级平台开设子站，"
            "共用一套发布审核流程、一套安全防护和一个站内搜索。",
            guest="林慧",
        ),
        Said(
            15,
            "集约化不只是省钱，更重要的是标准统一：栏目怎么设、多久更新、信息怎么审，全市一把尺子。",
            guest="周明远",
        ),
        Said(19, "网友的提问非常踊跃，我们来看第一个问题。"),
        Said(20, "", question="topics"),
        Said(
            21,
            "可以。平台的政策文件库和政府信息公开目录都按主题分类，也可以按发文机关、文号查询。"
            "您在站内搜索输入文号，比如“国办发〔2014〕57号”，就能直接找到原文和解读。",
            guest="林慧",
        ),
        Said(26, "", question="counties"),
        Said(
            27,
            "不会更麻烦。每个区县子站保留自己的域名和栏目，门户网站的搜索还能一次查遍全市各站点。",
            guest="林慧",
        ),
        Said(32, "周教授，从专家的角度看，政策解读怎样才能让群众看得懂？"),
        Said(
            33,
            "关键是“三同步”：解读材料与政策文件同步组织、同步审签、同步部署。"
            "形式上要多用图解、问答和在线访谈，用群众的语言讲清楚“谁能享受、怎么办理”。",
            guest="周明远",
        ),
        Said(38, "", question="letters"),
        Said(
            39,
            "各部门收到信件后会在规定的工作日内办理答复。写信后您会拿到查询码，"
            "用查询码和密码随时可以在网站上查看办理进度和答复内容。",
            guest="许文博",
        ),
        Said(45, "访谈接近尾声，请各位嘉宾和网友说几句话。"),
        Said(46, "欢迎大家常上政府网站，多提意见建议，我们会认真研究、及时回应。", guest="许文博"),
        Said(47, "我们会继续完善平台，让政务信息更好找、办事更方便。", guest="林慧"),
        Said(48, "希望政府网站真正成为政府和群众之间的桥梁。", guest="周明远"),
        Said(50, "感谢三位嘉宾，感谢网友的参与！未能现场回答的问题，我们将在5个工作日内书面答复。"),
    ),
    written_answer=(
        "感谢您的建议。门户网站已提供长者模式：点击页面顶部的“长者模式”，字号更大、版式更简洁。"
        "浏览器的放大功能（Ctrl 和加号键）也可以放大页面文字。"
    ),
    announcement="本期访谈已结束，文字实录见下方。未能现场回答的网友提问，将在5个工作日内书面答复。",
)

UPCOMING = DemoInterview(
    site_key="yunxi",
    slug="rural-living-environment-interview",
    title="农村人居环境整治提升怎么干——县农业农村局负责同志在线访谈",
    summary="县农业农村局负责同志和村党支部书记做客在线访谈，解读云溪县农村人居环境整治提升实施方案，欢迎网友提前提问。",
    introduction=(
        "本期访谈围绕农村生活垃圾治理、厕所改造和村容村貌提升，介绍实施方案的主要任务和补助政策。"
        "访谈前和访谈中均可在本页“我要提问”提交问题。"
    ),
    guests=(
        Guest("罗建华", "局长", "云溪县农业农村局", "#2f5640"),
        Guest("唐秀兰", "党支部书记", "云溪县青石村", "#6b2f3a"),
    ),
    policy_slug="rural-living-environment-plan",
    asked=(
        Asked("toilets", "茶园人家", "农户改厕有没有补助？需要自己先垫钱吗？", "adopted", 1),
        Asked("rubbish", "溪边小王", "村里的垃圾多久清运一次？", "pending", 1),
    ),
    days_ahead=3,
)

DEMO_INTERVIEWS = (PAST, UPCOMING)


def load_interviews_demo(loaded_sites):
    """Create the demo interviews of the loaded (spec, ProvisionResult) pairs; return the pages created."""
    results = {spec.key: result for spec, result in loaded_sites}
    created = 0
    for demo in DEMO_INTERVIEWS:
        result = results.get(demo.site_key)
        index = InterviewIndexPage.objects.descendant_of(result.home).first() if result else None
        if index is None or InterviewPage.objects.descendant_of(result.home).exists():
            continue
        host = _host_of(result.home)
        if demo.transcript:
            _broadcast(demo, index, result, host)
        else:
            _announce(demo, index, result, host)
        created += 1
    return created


def _host_of(home):
    group = HostRole.objects.get(home=home).group
    return get_user_model().objects.filter(groups=group).order_by("pk").first()


def _start_on(days_from_today):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days_from_today), START_TIME))


def _announce(demo, index, site, host):
    """An upcoming interview taking questions, `days_ahead` days after loading."""
    start = _start_on(demo.days_ahead)
    interview = _publish(demo, index, site, host, start)
    _ask(demo, interview, host, start)
    return interview


def _broadcast(demo, index, site, host):
    """A past interview: broadcast (on air now, its entries timed on its day), ended and frozen from the console,
    then moved to its day."""
    start = _start_on(-PAST_DAYS_AGO)
    interview = _publish(demo, index, site, host, start, on_air=True)
    asked = _ask(demo, interview, host, start)
    for said in demo.transcript:
        _say(interview, host, said, start, asked)
    console.end_interview(interview, host)
    _move_to(interview, start)
    console.pin_announcement(interview, host, demo.announcement)
    for key, question in asked.items():
        if _asked(demo, key).fate == "written":
            questions.answer_in_writing(question, host, demo.written_answer)
    return interview


def _move_to(interview, start):
    """The ended interview scheduled on its day, ended at its scheduled end (the questions' deadline from then)."""
    # The revision end_interview published, with the frozen transcript.
    page = InterviewPage.objects.get(pk=interview.pk).get_latest_revision_as_object()
    page.scheduled_start, page.scheduled_end = start, start + DURATION
    page.save_revision().publish()
    broadcast = interview.broadcast()
    broadcast.ended_at = page.scheduled_end
    broadcast.save(update_fields=["ended_at"])
    interview.questions.filter(answer_due__isnull=False).update(answer_due=answer_due_after(broadcast.ended_at))
    broadcast.touch()
    live.purge_live_cache(interview.pk)


def _publish(demo, index, site, host, start, on_air=False):
    """The interview page, published revision by revision as the demo publishes its other pages; `on_air`, it is
    scheduled from now for the console to broadcast it (see _move_to), else from `start`."""
    scheduled_start = timezone.now() if on_air else start
    photos = {
        guest.name: _image(site.collection, _portrait_alt(guest), portrait_png(PORTRAIT_BACKGROUND, guest.clothing))
        for guest in demo.guests
    }
    cover = studio_png([guest.clothing for guest in demo.guests])
    interview = InterviewPage(
        title=demo.title,
        slug=demo.slug,
        summary=demo.summary,
        scheduled_start=scheduled_start,
        scheduled_end=scheduled_start + DURATION,
        host=f"{host.last_name}{host.first_name}",
        cover_image=_image(site.collection, STUDIO_ALT, cover),
        body=[{"type": "paragraph", "value": f"<p>{demo.introduction}</p>"}],
        # Announced some days ahead (never in the future of the load).
        first_published_at=min(start - timedelta(days=ANNOUNCED_DAYS_BEFORE), timezone.now()),
    )
    interview.guests = [
        InterviewGuest(
            name=guest.name,
            title=guest.title,
            organisation=guest.organisation,
            photo=photos[guest.name],
            photo_alt=_portrait_alt(guest),
        )
        for guest in demo.guests
    ]
    policy = PolicyPage.objects.descendant_of(site.home).filter(slug=demo.policy_slug).first()
    interview.policy_links = [InterviewPolicy(policy=policy)] if policy else []
    index.add_child(instance=interview)
    interview.save_revision().publish()
    return InterviewPage.objects.get(pk=interview.pk)


def _portrait_alt(guest):
    return f"{guest.name}的肖像插画"


def _image(collection, description, png):
    """A drawn picture in the site's collection; its description is the alt text wherever it stands alone."""
    image = get_image_model()(
        title=description,
        description=description,
        collection=collection,
        file=ImageFile(ContentFile(png), name="interview.png"),
    )
    image.save()
    return image


def _ask(demo, interview, host, start):
    """Submit the citizens' questions as the public form does, then moderate them; returns them by key."""
    asked = {}
    for question in demo.asked:
        submitted = questions.submit(interview, nickname=question.nickname, text=question.text)
        # Before the start, but never after loading (the upcoming interview's questions came in already).
        submitted.submitted_at = min(start - timedelta(hours=question.hours_before_start), timezone.now())
        submitted.save(update_fields=["submitted_at"])
        if question.fate == "rejected":
            submitted = questions.reject(submitted, host)
        elif question.fate != "pending":
            submitted = questions.adopt(submitted, host)
        asked[question.key] = submitted
    return asked


def _asked(demo, key):
    return next(question for question in demo.asked if question.key == key)


def _say(interview, host, said, start, asked):
    spoken_at = start + timedelta(minutes=said.minute)
    if said.question:
        return console.add_entry(
            interview,
            host,
            speaker=Speaker.NETIZEN,
            speaker_name="",
            text="",
            question=asked[said.question],
            spoken_at=spoken_at,
        )
    picture = {"image": interview.cover_image, "image_alt": STUDIO_ALT} if said.picture else {}
    speaker = Speaker.GUEST if said.guest else Speaker.HOST
    return console.add_entry(
        interview, host, speaker=speaker, speaker_name=said.guest, text=said.text, spoken_at=spoken_at, **picture
    )
