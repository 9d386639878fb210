"""优化营商环境专题: a special-topic sub-site (专题) of the portal, on `yingshang.localhost`; the portal's home
page lists it in its 专题 block."""

from demo.content.common import disclosure_guide
from demo.spec import Article, DemoSite, Interpretation, Person, Policy, bullets, heading, para, quote, table
from disclosure.models import DisclosureCategory
from home.models import ArticleKind, SiteKind
from policy.models import InterpretationKind

NAME = "示例市优化营商环境专题"
OFFICE = "示例市营商环境建设局"
ADDRESS = "示例市人民路1号市民中心"
PHONE = "0000-84567890"
TOPICS = ("国民经济管理、国有资产监管",)

ARTICLES = (
    Article(
        column="zwdt",
        slug="one-window-reform",
        title="市民中心“一窗通办”改革全面推开",
        days_ago=2,
        cover=True,
        source=OFFICE,
        author="周晓",
        summary="市民中心设立综合受理窗口，企业和群众办事只进一扇门、只跑一次。",
        body=(
            para(
                "近日，市民中心“一窗通办”改革全面推开。综合受理窗口统一收件、后台分类审批、统一窗口出件，"
                "企业和群众办事不再在多个窗口之间往返。",
            ),
            heading("改革带来的变化"),
            bullets("办事窗口由48个整合为12个；", "平均办理时间缩短一半；", "全部事项可预约、可查询进度。"),
        ),
    ),
    Article(
        column="zwdt",
        slug="business-roundtable",
        title="市营商环境建设局召开民营企业座谈会",
        kind=ArticleKind.MEETING,
        days_ago=9,
        source=OFFICE,
        summary="听取民营企业对审批服务、涉企收费和政策兑现的意见建议。",
        body=(
            para("座谈会上，十余家民营企业负责人围绕审批服务、涉企收费和政策兑现等方面提出意见建议。"),
            quote("企业有所呼，我们必有所应。", "市营商环境建设局有关负责同志"),
        ),
    ),
    Article(
        column="zwgk/tzgg",
        slug="evaluation-notice",
        disclosure_category=DisclosureCategory.EXECUTION,
        topics=TOPICS,
        title="关于开展{year}年度营商环境评价工作的通知",
        kind=ArticleKind.NOTICE,
        days_ago=15,
        source=OFFICE,
        summary="年度营商环境评价从开办企业、办理建筑许可、获得信贷等指标开展。",
        body=(
            para("为持续优化营商环境，现就开展本年度营商环境评价工作通知如下。"),
            table(("评价阶段", "时间安排"), ("自评", "第三季度"), ("第三方评价", "第四季度"), caption="评价安排"),
        ),
    ),
    Article(
        column="hdjl",
        slug="enterprise-hotline-reply",
        kind=ArticleKind.REPLY,
        disclosure_category=DisclosureCategory.RESULT,
        topics=TOPICS,
        title="企业诉求答复选登：关于开办企业办理时间的咨询",
        days_ago=20,
        source=OFFICE,
        summary="企业咨询开办企业需要多长时间，市营商环境建设局作出答复。",
        body=(
            heading("来信内容"),
            quote("新开办一家企业，从申请营业执照到领取发票需要多长时间？", "企业来信"),
            heading("答复内容"),
            para("您好！目前我市开办企业全流程在1个工作日内办结，营业执照、印章和发票可一次领取。感谢您的来信。"),
        ),
    ),
    Article(
        column="bsfw",
        slug="business-start-guide",
        disclosure_category=DisclosureCategory.SERVICE,
        topics=TOPICS,
        title="企业开办“一件事”办事指南",
        days_ago=30,
        source=OFFICE,
        summary="营业执照、公章刻制、发票申领和社保登记一次申请、一次办结。",
        body=(
            heading("办理事项"),
            bullets("设立登记；", "公章刻制；", "发票申领；", "社保和公积金登记。"),
            heading("办理时限"),
            para("材料齐全、符合法定形式的，1个工作日内办结。"),
        ),
    ),
    disclosure_guide(site_name=NAME, office=OFFICE, address=ADDRESS, phone=PHONE, days_ago=90),
)

POLICIES = (
    Policy(
        slug="business-environment-measures",
        title="示例市人民政府办公室关于进一步优化营商环境的若干措施",
        document_number="示政办发〔{year}〕31号",
        issuing_bodies=("示例市人民政府办公室",),
        days_ago=40,
        disclosure_category=DisclosureCategory.DECISION,
        topics=TOPICS,
        summary="从审批提速、降低成本、政策兑现和权益保护四个方面提出二十条措施。",
        body=(
            para("示政办发〔{year}〕31号", "各区县人民政府，市政府各部门："),
            heading("一、审批提速"),
            para("企业开办全流程1个工作日内办结，一般工业项目审批全流程不超过60个工作日。"),
            heading("二、降低成本"),
            para("全面落实减税降费政策，清理规范涉企收费。"),
        ),
    ),
    Policy(
        slug="policy-cashing-rules",
        title="示例市惠企政策“免申即享”实施办法",
        document_number="示营商发〔{year}〕3号",
        issuing_bodies=("示例市人民政府办公室",),
        days_ago=25,
        disclosure_category=DisclosureCategory.EXECUTION,
        topics=TOPICS,
        summary="符合条件的企业无需申请即可享受惠企政策，资金直达企业账户。",
        body=(
            para("示营商发〔{year}〕3号"),
            para("第一条 惠企政策能够通过数据共享确定享受对象的，实行“免申即享”。", "第二条 本办法自印发之日起施行。"),
        ),
    ),
)

INTERPRETATIONS = (
    Interpretation(
        slug="measures-explained",
        kind=InterpretationKind.DEPARTMENT,
        policies=("business-environment-measures",),
        title="《关于进一步优化营商环境的若干措施》政策解读",
        days_ago=39,
        interpreter="周晓",
        interpreter_organisation=OFFICE,
        summary="介绍若干措施的出台背景、主要内容和企业如何享受。",
        body=(
            heading("问：若干措施主要解决什么问题？", "h3"),
            para("答：主要解决企业反映集中的审批慢、成本高、政策兑现难等问题。"),
        ),
    ),
)

SITE = DemoSite(
    key="yingshang",
    name=NAME,
    slug="yhyshj",
    kind=SiteKind.TOPIC,
    hostname="yingshang.localhost",
    intro="集中发布示例市优化营商环境的政策措施、工作动态和办事服务。",
    identity={
        "site_name": NAME,
        "identifier_code": "9900000013",
        "icp_number": "示ICP备12345678号-5",
        "police_record_number": "示公网安备99010002000105号",
        "sponsor": "示例市人民政府",
        "organizer": OFFICE,
        "phone": PHONE,
        "address": ADDRESS,
    },
    people={
        "信息员": Person("钱", "多多"),
        "编辑": Person("周", "晓"),
        "审核": Person("吴", "敏"),
        "签发": Person("郑", "刚"),
        "管理员": Person("冯", "丽"),
        "访谈主持": Person("潘", "越"),
    },
    articles=ARTICLES,
    banner_colours=("#b5651d", "#2a9d8f"),
    organisation_code="11990000MB0000013X",
    issuing_bodies=(OFFICE,),
    policies=POLICIES,
    interpretations=INTERPRETATIONS,
)
