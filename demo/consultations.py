"""Demo 意见征集 and 网上调查 (consultations): on the portal, an open consultation, a closed one with its feedback
and the policy it became, and a survey with some two hundred responses; on every other site, a small open
consultation (the portal's list shows them too).

Pages are published with their history (demo.history): a consultation on the morning it opened, so the
monitoring's freshness reads realistic dates. Comments are stored as the public form stores them
(consultations.views: on the Chinese original, with its site home) and moderated as the admin's moderation
view does (status, outcome, theme, moderator, logged), at times between their submission and the load. Survey answers
are drawn with a fixed seed, so every load gives the same results, and stored in bulk the way
consultations.surveys.store turns a form's data into answers.

Called by the demo loader (demo.loader) after the sites and users exist; a site that already has a
consultation (a survey) gets no other, so loading twice adds nothing.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from consultations.models import (
    Comment,
    CommentStatus,
    ConsultationAttachment,
    ConsultationIndexPage,
    ConsultationKind,
    ConsultationPage,
    FeedbackTheme,
    Outcome,
    QuestionKind,
    SurveyAnswer,
    SurveyIndexPage,
    SurveyPage,
    SurveyQuestion,
    SurveyResponse,
)
from consultations.surveys import RATINGS, answers_of, field_name
from demo.files import DOCUMENT_NOTE, simple_pdf
from demo.history import publish
from demo.policies import PUBLISHING_TIME
from govcms.core.tree import site_home_of
from policy.models import PolicyPage
from sitegroup.models import SiteRole

# The site's 编辑 moderates the comments (consultations.provisioning gives the role that right).
MODERATOR_ROLE = SiteRole.Role.EDITOR


@dataclass(frozen=True)
class Said:
    """A comment `days_after_opening` its consultation opened; `status` and `outcome` as moderated."""

    name: str
    content: str
    days_after_opening: int
    status: str = CommentStatus.PENDING
    section: int | None = None
    outcome: str = ""
    theme: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Theme:
    theme: str
    outcome: str
    reason: str


@dataclass(frozen=True)
class DemoConsultation:
    site_key: str
    slug: str
    title: str
    kind: str  # a ConsultationKind seeded by consultations' migration 0002
    organiser: str
    summary: str
    sections: tuple[tuple[str, str], ...]  # (heading, text)
    opened_days_ago: int
    open_days: int
    comments: tuple[Said, ...] = ()
    attachment: str = ""
    feedback: str = ""  # with {received}, {adopted}, {partly}, {not_adopted}: counted from the comments
    themes: tuple[Theme, ...] = ()
    adopted_policy: str = ""  # the slug of a policy of the same site


OPEN = DemoConsultation(
    site_key="portal",
    slug="public-data-opening-measures-draft",
    title="关于公开征求《示例市公共数据开放管理办法（征求意见稿）》意见的公告",
    kind="规章",
    organiser="示例市政务服务和大数据管理局",
    summary=(
        "为规范和促进公共数据开放，市政务服务和大数据管理局起草了《示例市公共数据开放管理办法（征求意见稿）》，"
        "现向社会公开征求意见。欢迎对全文或具体条款提出意见建议。"
    ),
    sections=(
        (
            "立法目的",
            "为了规范和促进公共数据开放，提升政府治理能力和公共服务水平，推动数字经济发展，"
            "根据有关法律、法规，结合本市实际，制定本办法。",
        ),
        (
            "适用范围",
            "本市行政区域内公共管理和服务机构向自然人、法人和非法人组织开放公共数据的活动，适用本办法。",
        ),
        (
            "开放目录",
            "市政务服务和大数据管理局会同各公共管理和服务机构编制公共数据开放目录，每年至少更新一次，"
            "并在市公共数据开放平台公布。",
        ),
        (
            "分类开放",
            "公共数据分为无条件开放、有条件开放和不予开放三类。无条件开放的数据，任何人可以通过开放平台直接获取；"
            "有条件开放的数据，申请人应当按照开放平台公布的条件提出申请。",
        ),
        (
            "安全保障",
            "公共管理和服务机构应当建立数据开放安全管理制度，开放前对数据进行脱敏处理，"
            "不得开放涉及国家秘密、商业秘密和个人隐私的数据。",
        ),
    ),
    opened_days_ago=16,
    open_days=31,
    attachment="《示例市公共数据开放管理办法（征求意见稿）》起草说明",
    comments=(
        Said(
            "张伟",
            "建议开放目录每半年更新一次，并注明每个数据集的更新频率，方便使用者判断数据是否可用。",
            1,
            CommentStatus.APPROVED,
            section=3,
        ),
        Said(
            "李娜",
            "有条件开放的申请条件应当在平台上逐项列明，审核时限也请写进办法，避免申请后长期没有答复。",
            3,
            CommentStatus.APPROVED,
            section=4,
        ),
        Said(
            "",
            "希望优先开放公交到站、停车泊位和医院挂号余量等与日常生活密切相关的数据。",
            5,
            CommentStatus.APPROVED,
        ),
        Said(
            "王强",
            "“个人隐私”的范围建议与个人信息保护法的表述保持一致。",
            9,
            CommentStatus.PENDING,
            section=5,
            contact="wangqiang@example.com",
        ),
        Said("刘洋", "建议明确企业利用开放数据开发产品是否需要注明数据来源。", 12, CommentStatus.PENDING),
        Said("代办发票", "低价代开各类发票，欢迎咨询。", 6, CommentStatus.REJECTED),
    ),
)

MEASURES = "示例市政府网站信息内容建设管理办法"
THEME_OFFICERS, THEME_UPDATES, THEME_REVIEW = "信息员制度", "栏目更新要求", "发布审核流程"

CLOSED = DemoConsultation(
    site_key="portal",
    slug="website-content-measures-draft",
    title=f"关于公开征求《{MEASURES}（征求意见稿）》意见的公告",
    kind="规范性文件",
    organiser="示例市人民政府办公室",
    summary=f"市政府办公室起草了《{MEASURES}（征求意见稿）》，明确各级政府网站信息发布、审核和更新要求，现公开征求意见。",
    sections=(
        (
            "制定依据",
            "为加强全市政府网站信息内容建设，根据《国务院办公厅关于加强政府网站信息内容建设的意见》等规定，"
            "结合本市实际，制定本办法。",
        ),
        ("适用范围", "本办法适用于全市各级行政机关通过市政府网站集约化平台开设的网站、子站和栏目。"),
        ("信息员制度", "各单位应当建立信息员制度，明确信息采写、编辑、审核、签发各环节的责任人。"),
        ("更新要求", "动态要闻类栏目每周至少更新一次，通知公告、政策文件类栏目每三个月至少更新一次。"),
        ("施行日期", "本办法自印发之日起施行。"),
    ),
    opened_days_ago=80,
    open_days=30,
    comments=(
        Said(
            "陈静",
            "建议信息员制度写明“先审后发”，每条信息都要经过审核再发布。",
            2,
            CommentStatus.APPROVED,
            section=3,
            outcome=Outcome.ADOPTED,
            theme=THEME_OFFICERS,
        ),
        Said(
            "赵磊",
            "各单位信息员变动频繁，建议变动后及时在平台更新责任人。",
            4,
            CommentStatus.APPROVED,
            section=3,
            outcome=Outcome.ADOPTED,
            theme=THEME_OFFICERS,
        ),
        Said(
            "孙丽",
            "动态要闻每周更新一次对乡镇子站要求偏高，建议按栏目类别分别规定。",
            8,
            CommentStatus.APPROVED,
            section=4,
            outcome=Outcome.PARTLY,
            theme=THEME_UPDATES,
        ),
        Said(
            "",
            "通知公告三个月更新一次的要求太紧，很多单位没有那么多通知。",
            11,
            CommentStatus.APPROVED,
            section=4,
            outcome=Outcome.PARTLY,
            theme=THEME_UPDATES,
        ),
        Said(
            "周敏",
            "建议取消签发环节，由审核人员直接发布，提高发布效率。",
            15,
            CommentStatus.APPROVED,
            outcome=Outcome.NOT_ADOPTED,
            theme=THEME_REVIEW,
        ),
        Said(
            "吴刚",
            "网站太难用了，什么都找不到！",
            20,
            CommentStatus.REJECTED,
            outcome=Outcome.NOT_ADOPTED,
        ),
    ),
    feedback=(
        "<p>征求意见期间，共收到意见{received}条。经认真研究，采纳{adopted}条，部分采纳{partly}条，"
        "未采纳{not_adopted}条。主要意见的采纳情况和理由见下表。</p>"
        f"<p>《{MEASURES}》已根据意见修改完善，由市政府办公室印发施行。</p>"
    ),
    themes=(
        Theme(THEME_OFFICERS, Outcome.ADOPTED, "已在第三条增加“先审后发”要求，并规定信息员变动后及时更新责任人。"),
        Theme(
            THEME_UPDATES,
            Outcome.PARTLY,
            "更新要求改为按栏目类别分别规定：动态要闻两周内、通知公告和政策文件六个月内至少更新一次。",
        ),
        Theme(THEME_REVIEW, Outcome.NOT_ADOPTED, "签发环节是“三审三校”的要求，为保证发布内容准确、安全，予以保留。"),
    ),
    adopted_policy="website-content-measures",
)

# Every other site consults on one draft of its own: the portal's list shows them too, and no site's 意见征集
# column is blank (monitoring counts blank columns: demo.monitoring's states).
YUNXI = DemoConsultation(
    site_key="yunxi",
    slug="rural-refuse-management-draft",
    title="关于公开征求《云溪县农村生活垃圾分类处理实施方案（征求意见稿）》意见的公告",
    kind="规范性文件",
    organiser="云溪县农业农村局",
    summary="县农业农村局起草了农村生活垃圾分类处理实施方案，现公开征求意见，欢迎村民和社会各界提出意见建议。",
    sections=(
        ("工作目标", "到明年年底，全县行政村生活垃圾分类收运处置体系基本建立，村庄保洁实现常态化。"),
        ("收运方式", "实行“户分类、村收集、镇转运、县处理”，各村每周至少清运两次。"),
        ("保障措施", "县财政对村级保洁员和垃圾收运设施给予补助，各乡镇将垃圾治理纳入年度考核。"),
    ),
    opened_days_ago=5,
    open_days=30,
    comments=(Said("唐军", "山区的村子路远，建议清运次数按村的人口多少确定。", 2, section=2),),
)

QINGSHAN = DemoConsultation(
    site_key="qingshan",
    slug="old-neighbourhood-contribution-guide-draft",
    title="关于公开征求《青山区老旧小区改造居民出资指引（征求意见稿）》意见的公告",
    kind="规范性文件",
    organiser="青山区住房和城乡建设局",
    summary="区住房和城乡建设局起草了老旧小区改造居民出资指引，现公开征求意见，欢迎小区居民提出意见建议。",
    sections=(
        ("出资范围", "居民出资主要用于加装电梯、楼道改造和小区停车设施等完善类、提升类改造内容。"),
        ("出资方式", "居民可以直接出资，也可以使用住宅专项维修资金或者让渡小区公共收益。"),
    ),
    # Before the site's latest article: its home page stays 11 days without an update (demo.monitoring).
    opened_days_ago=20,
    open_days=35,
    comments=(Said("马丽", "一楼住户不使用电梯，建议明确加装电梯按楼层分摊费用的参考比例。", 3, section=2),),
)

JIAOYU = DemoConsultation(
    site_key="jiaoyu",
    slug="after-school-service-measures-draft",
    title="关于公开征求《示例市中小学课后服务管理办法（征求意见稿）》意见的公告",
    kind="规范性文件",
    organiser="示例市教育局",
    summary="市教育局起草了中小学课后服务管理办法，现公开征求意见，欢迎家长、学校和社会各界提出意见建议。",
    sections=(
        ("服务时间", "课后服务结束时间原则上不早于当地正常下班时间，学校可以提供弹性离校服务。"),
        ("服务内容", "课后服务以指导学生完成作业、开展文体和科普活动为主，不得讲授新课。"),
        ("自愿参加", "学生参加课后服务坚持家长自愿原则，学校不得强制或者变相强制学生参加。"),
    ),
    opened_days_ago=8,
    open_days=30,
)

YINGSHANG = DemoConsultation(
    site_key="yingshang",
    slug="enterprise-inspection-rules-draft",
    title="关于公开征求《示例市涉企行政检查规范办法（征求意见稿）》意见的公告",
    kind="涉企规范性文件",
    organiser="示例市营商环境建设局",
    summary="为减少对企业正常生产经营的干扰，市营商环境建设局起草了涉企行政检查规范办法，现向企业和社会公开征求意见。",
    sections=(
        ("检查计划", "行政机关应当每年制定涉企行政检查计划并向社会公布，未列入计划的检查须经本机关负责人批准。"),
        ("联合检查", "对同一企业的多项检查，能够合并进行的应当合并，推行“进一次门、查多项事”。"),
    ),
    opened_days_ago=10,
    open_days=30,
)

DEMO_CONSULTATIONS = (CLOSED, OPEN, YUNXI, QINGSHAN, JIAOYU, YINGSHANG)


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    options: tuple[str, ...] = ()
    weights: tuple[int, ...] = ()  # how often each option (each rating 1–5) is chosen
    required: bool = True


@dataclass(frozen=True)
class DemoSurvey:
    site_key: str
    slug: str
    title: str
    summary: str
    questions: tuple[Question, ...]
    opened_days_ago: int
    open_days: int
    responses: int
    suggestions: tuple[str, ...]  # the free-text answers drawn from
    seed: int


SURVEY = DemoSurvey(
    site_key="portal",
    slug="website-satisfaction-survey",
    title="示例市政府网站用户满意度调查",
    summary="为进一步改进政府网站建设，了解您使用网站的情况和意见建议，特开展本次调查。调查匿名进行，约需两分钟。",
    questions=(
        Question("您通常用什么设备访问政府网站？", QuestionKind.SINGLE, ("手机", "电脑", "平板电脑"), (11, 8, 1)),
        Question(
            "您主要使用网站的哪些功能？（可多选）",
            QuestionKind.MULTIPLE,
            ("查阅政策文件", "办事服务", "政务动态", "政民互动信箱", "意见征集"),
            (6, 8, 4, 3, 2),
        ),
        Question("您对网站信息查找的便捷程度评几分？", QuestionKind.RATING, weights=(1, 2, 5, 8, 4)),
        Question("您对网站的总体满意度评几分？", QuestionKind.RATING, weights=(1, 1, 4, 9, 6)),
        Question("您对网站还有什么意见建议？", QuestionKind.TEXT, required=False),
    ),
    opened_days_ago=24,
    open_days=31,
    responses=200,
    suggestions=(
        "希望站内搜索能按发布时间排序。",
        "手机上表格显示不全，需要左右滑动。",
        "办事指南最好附上办理地点的地图。",
        "政策文件能不能提供一键下载全部附件。",
        "希望增加常见问题的智能问答。",
    ),
    seed=17,
)
# One respondent in this many writes a suggestion (the free-text question is optional).
SUGGESTING_ONE_IN = 4


def load_consultations_demo(loaded_sites):
    """Create the demo consultations and survey on the loaded (spec, ProvisionResult) pairs; return the number
    of pages created."""
    results = {spec.key: result for spec, result in loaded_sites}
    indexes = {key: _own_column(result.home, ConsultationIndexPage) for key, result in results.items()}
    # A site whose column holds a consultation (a survey) before this load was filled by an earlier one.
    filled = {key for key, index in indexes.items() if index and ConsultationPage.objects.child_of(index).exists()}
    created = 0
    for demo in DEMO_CONSULTATIONS:
        index = indexes.get(demo.site_key)
        if index is not None and demo.site_key not in filled:
            result = results[demo.site_key]
            _publish_consultation(demo, index, result.home, result.collection)
            created += 1
    home = results[SURVEY.site_key].home if SURVEY.site_key in results else None
    index = _own_column(home, SurveyIndexPage) if home else None
    if index is not None and not SurveyPage.objects.child_of(index).exists():
        _publish_survey(SURVEY, index, home)
        created += 1
    return created


def _own_column(home, model):
    """The site's own column of `model` (provisioned under its 互动交流), not one of its sub-sites'."""
    return next((page for page in model.objects.descendant_of(home) if site_home_of(page).pk == home.pk), None)


def _morning(days_ago):
    return timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days_ago), PUBLISHING_TIME))


# --- consultations ---------------------------------------------------------------------------------------------


def _publish_consultation(demo, index, home, collection):
    opens_at = _morning(demo.opened_days_ago)
    page = ConsultationPage(
        title=demo.title,
        slug=demo.slug,
        kind=ConsultationKind.objects.get(name=demo.kind),
        organiser=demo.organiser,
        summary=demo.summary,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=demo.open_days),
        draft=[
            {"type": "section", "value": {"heading": heading, "body": f"<p>{text}</p>"}}
            for heading, text in demo.sections
        ],
        show_comments=True,
        feedback=demo.feedback.format(**_outcome_counts(demo.comments)),
        first_published_at=opens_at,
    )
    if demo.attachment:
        document = _document(demo.attachment, demo, collection)
        page.attachments = [ConsultationAttachment(document=document)]
    page.themes = [FeedbackTheme(theme=t.theme, outcome=t.outcome, reason=t.reason) for t in demo.themes]
    if demo.adopted_policy:
        page.adopted_policy = PolicyPage.objects.descendant_of(home).get(slug=demo.adopted_policy)
    index.add_child(instance=page)
    publish(page)
    _comment(page, demo.comments, _staff(home, MODERATOR_ROLE))
    return page


def _outcome_counts(comments):
    """What the feedback says: the moderated comments by outcome, as the page counts them
    (consultations.views.feedback_counts)."""
    moderated = [said for said in comments if said.status != CommentStatus.PENDING]
    counts = {outcome.value: sum(said.outcome == outcome for said in moderated) for outcome in Outcome}
    return {"received": len(moderated), **counts}


def _document(title, demo, collection):
    pdf = simple_pdf(title, [demo.organiser, demo.summary, DOCUMENT_NOTE])
    # The size the admin's upload form records; attachment lists show it.
    document = get_document_model()(title=title, collection=collection, file_size=len(pdf))
    document.file.save(f"{demo.slug}.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


def _staff(home, role):
    group = SiteRole.objects.get(home=home, role=role).group
    return get_user_model().objects.filter(groups=group).order_by("pk").first()


def _comment(page, comments, moderator):
    """Store the comments as the public form does, then moderate those not pending as the admin does."""
    home = site_home_of(page)
    now = timezone.now()
    for said in comments:
        submitted_at = min(page.opens_at + timedelta(days=said.days_after_opening, hours=5), now)
        comment = Comment.objects.create(
            consultation=page,
            site_home=home,
            name=said.name,
            contact=said.contact,
            section=said.section,
            content=said.content,
            submitted_at=submitted_at,
        )
        if said.status == CommentStatus.PENDING:
            continue
        comment.status, comment.outcome, comment.theme = said.status, said.outcome, said.theme
        comment.moderated_at = min(submitted_at + timedelta(days=1), now)
        comment.moderated_by = moderator
        comment.save(update_fields=["status", "outcome", "theme", "moderated_at", "moderated_by"])
        log(
            instance=comment,
            action="consultations.comment.moderate",
            user=moderator,
            data={"site_home": home.pk, "status": comment.status, "outcome": comment.outcome},
            timestamp=comment.moderated_at,
        )


# --- the survey ------------------------------------------------------------------------------------------------


def _publish_survey(demo, index, home):
    opens_at = _morning(demo.opened_days_ago)
    page = SurveyPage(
        title=demo.title,
        slug=demo.slug,
        summary=demo.summary,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=demo.open_days),
        public_results=True,
        first_published_at=opens_at,
    )
    page.questions = [
        SurveyQuestion(text=q.text, kind=q.kind, options="\n".join(q.options), required=q.required)
        for q in demo.questions
    ]
    index.add_child(instance=page)
    publish(page)
    _respond(page, demo, home)
    return page


def _respond(page, demo, home):
    """demo.responses responses spread from the opening to now, in two bulk inserts."""
    rng = random.Random(demo.seed)  # noqa: S311 - reproducible demo answers, not security  # nosec B311
    questions = list(page.questions.order_by("sort_order", "pk"))
    specs = dict(zip(questions, demo.questions, strict=True))
    span = (timezone.now() - page.opens_at).total_seconds()
    times = sorted(page.opens_at + timedelta(seconds=rng.uniform(0, span)) for _ in range(demo.responses))
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=page, site_home=home, submitted_at=moment) for moment in times
    )
    answers = []
    for response in responses:
        data = {field_name(question): _draw(rng, specs[question], demo) for question in questions}
        answers += [SurveyAnswer(response=response, question=q, value=v) for q, v in answers_of(questions, data)]
    SurveyAnswer.objects.bulk_create(answers)


def _draw(rng, question, demo):
    """One respondent's answer to `question`, as the answer form's cleaned data holds it ("" when skipped)."""
    if question.kind == QuestionKind.SINGLE:
        return rng.choices(question.options, question.weights)[0]
    if question.kind == QuestionKind.MULTIPLE:
        weighted = zip(question.options, question.weights, strict=True)
        chosen = [option for option, weight in weighted if rng.random() < weight / 10]
        # The question is required: a respondent who ticked nothing ticks one, drawn by the weights.
        return chosen or rng.choices(question.options, question.weights)[:1]
    if question.kind == QuestionKind.RATING:
        return rng.choices(RATINGS, question.weights)[0]
    return rng.choice(demo.suggestions) if rng.randrange(SUGGESTING_ONE_IN) == 0 else ""
