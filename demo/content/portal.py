"""示例市人民政府: the city portal, on `localhost`."""

from datetime import date

from demo.content.common import disclosure_guide
from demo.content.opinion_2014 import INTERPRETATIONS_2014, OPINION_2014
from demo.spec import (
    AggregateColumn,
    Article,
    DemoSite,
    Interpretation,
    Person,
    Policy,
    bullets,
    document,
    figure,
    heading,
    para,
    quote,
    table,
)
from disclosure.models import DisclosureCategory
from home.models import ArticleKind, SiteKind
from policy.models import InterpretationKind

NAME = "示例市人民政府"
OFFICE = "示例市人民政府办公室"
ADDRESS = "示例市中山路1号"
PHONE = "0000-81234567"
SKYLINE = figure("示例市中心城区风貌（示意图）", "示例市中心城区楼宇、山丘与太阳的插画")
MEASURES = "示例市政府网站信息内容建设管理办法"

ARTICLES = (
    Article(
        column="zwdt",
        slug="website-work-meeting",
        cover=True,
        title="市政府召开全市政府网站与政务新媒体工作推进会",
        kind=ArticleKind.MEETING,
        days_ago=2,
        source=OFFICE,
        author="王建国",
        summary="会议总结全市政府网站集约化建设情况，部署信息发布、政策解读、互动回应等重点工作。",
        body=(
            para(
                "日前，示例市人民政府召开全市政府网站与政务新媒体工作推进会，总结前一阶段政府网站集约化建设情况，"
                "部署下一步信息内容建设重点工作。市政府副秘书长出席会议并讲话，各区县人民政府办公室、市直各部门分管负责同志参加会议。",
                "会议指出，全市政府网站集约化平台上线以来，各区县、各部门网站统一部署在市级平台，"
                "实现了统一标准体系、统一技术平台、统一安全防护、统一运维监管，信息发布的时效性和规范性明显提升。",
            ),
            SKYLINE,
            heading("压实信息发布责任"),
            para(
                "会议要求，各单位要把政府网站作为政府信息公开的第一平台，第一时间发布重要会议、重要活动、重大政策信息；"
                "严格落实信息员采写、编辑初审、审核复核、签发终审的发布流程，确保发布内容准确、规范、安全。",
            ),
            quote(
                "政府网站是信息化条件下政府密切联系人民群众的重要桥梁，也是网络时代政府履行职责的重要平台。",
                "《国务院办公厅关于加强政府网站信息内容建设的意见》",
            ),
            heading("下一阶段重点工作"),
            table(
                ("工作事项", "完成时限", "责任单位"),
                ("开展栏目更新情况自查", "每月5日前", "各区县、市直各部门"),
                ("重大政策同步发布解读材料", "政策印发后3个工作日内", "政策起草部门"),
                ("网民留言办理答复", "7个工作日内", "各承办单位"),
                caption="下一阶段重点工作安排",
            ),
        ),
    ),
    Article(
        column="zwdt",
        slug="executive-meeting-business-environment",
        disclosure_category=DisclosureCategory.DECISION,
        topics=("国民经济管理、国有资产监管",),
        title="市政府召开常务会议 研究部署优化营商环境等工作",
        kind=ArticleKind.MEETING,
        days_ago=9,
        source=OFFICE,
        author="王建国",
        summary="会议研究了优化营商环境、冬季安全生产和城乡居民就业帮扶等工作。",
        body=(
            para(
                "日前，市长主持召开市政府常务会议，研究部署优化营商环境、冬季安全生产和城乡居民就业帮扶等工作。",
                "会议强调，优化营商环境是激发市场活力的重要抓手。要持续深化“放管服”改革，推动更多政务服务事项“一网通办”，"
                "让企业和群众办事少跑腿、好办事。",
            ),
            heading("会议研究的其他事项"),
            bullets(
                "审议并原则通过《示例市政务服务“一件事一次办”工作方案》；",
                "听取全市冬季安全生产和消防安全工作情况汇报，要求压实属地和行业监管责任；",
                "研究高校毕业生、退役军人和农民工等重点群体就业帮扶措施。",
            ),
            para("会议还研究了其他事项。"),
        ),
    ),
    Article(
        column="zwgk/tzgg",
        slug="website-self-inspection",
        disclosure_category=DisclosureCategory.MANAGEMENT,
        topics=("综合政务",),
        title="关于开展政府网站和政务新媒体季度自查工作的通知",
        kind=ArticleKind.NOTICE,
        days_ago=12,
        source=OFFICE,
        summary="请各区县、各部门对照检查指标开展自查，于本通知印发之日起15个工作日内报送自查情况统计表。",
        attachments=("政府网站自查情况统计表",),
        body=(
            para(
                "各区县人民政府办公室，市政府各部门：",
                "为做好政府网站和政务新媒体常态化监管工作，经研究，决定开展季度自查。现将有关事项通知如下。",
            ),
            heading("一、自查内容"),
            table(
                ("检查项目", "检查要点"),
                ("信息更新", "动态要闻、通知公告、政策文件类栏目是否按期更新"),
                ("互动回应", "留言是否在规定时限内答复，答复内容是否实质回应"),
                ("网站标识", "政府网站标识码、ICP备案号、公安机关备案号是否齐全"),
                ("链接可用", "首页及各栏目是否存在错误链接"),
                caption="自查项目",
            ),
            heading("二、报送要求"),
            para("请于本通知印发之日起15个工作日内，将自查情况统计表报送市政府办公室。"),
            document("政府网站自查情况统计表"),
        ),
    ),
    Article(
        column="zwgk/tzgg",
        slug="service-centre-weekend-hours",
        disclosure_category=DisclosureCategory.SERVICE,
        topics=("综合政务",),
        title="示例市政务服务中心关于周末延时服务的公告",
        kind=ArticleKind.NOTICE,
        days_ago=55,
        source="示例市政务服务中心",
        summary="市政务服务中心在周六上午为群众办理社保、医保、公积金和不动产登记等高频事项。",
        body=(
            para("为方便工作日无暇办事的群众，市政务服务中心推行周末延时服务。现将有关事项公告如下："),
            table(
                ("服务时间", "服务窗口", "可办事项"),
                ("每周六 9:00—12:00", "综合受理窗口", "社保、医保、公积金业务"),
                ("每周六 9:00—12:00", "不动产登记窗口", "不动产登记查询、抵押登记"),
                caption="周末延时服务安排",
            ),
            para("法定节假日期间另行通知。咨询电话：12345。"),
        ),
    ),
    disclosure_guide(site_name=NAME, office=OFFICE, address=ADDRESS, phone=PHONE, days_ago=150),
    Article(
        column="hdjl",
        slug="livelihood-projects-consultation",
        disclosure_category=DisclosureCategory.DECISION,
        topics=("民政、扶贫、救灾",),
        title="关于公开征集市政府民生实事项目建议的公告",
        days_ago=25,
        source=OFFICE,
        summary="面向社会公开征集下一年度市政府民生实事项目建议，征集时间为公告发布之日起30日。",
        body=(
            para(
                "为充分听取群众意见，使民生实事项目更加贴近群众需求，现面向社会公开征集下一年度市政府民生实事项目建议。",
            ),
            heading("征集范围"),
            bullets(
                "教育、医疗、养老、托育等公共服务；",
                "道路交通、老旧小区改造等城市建设；",
                "就业创业、食品安全等其他民生领域。",
            ),
            heading("参与方式"),
            table(
                ("方式", "说明"),
                ("网上提交", "在本网站“互动交流”栏目留言"),
                ("电话", "拨打12345政务服务便民热线"),
                ("信函", f"邮寄至{ADDRESS}市政府办公室（信封注明“民生实事建议”）"),
                caption="参与方式",
            ),
            quote("收到的建议将统一汇总研究，采纳情况将在本网站公布。", OFFICE),
        ),
    ),
    Article(
        column="bsfw",
        slug="newborn-one-stop-service",
        disclosure_category=DisclosureCategory.SERVICE,
        topics=("卫生、体育",),
        title="新生儿出生“一件事”联办服务指南",
        days_ago=70,
        source="示例市政务服务中心",
        summary="新生儿出生医学证明、预防接种证、户口登记、医保参保和社保卡申领一次申请、一次办结。",
        attachments=("新生儿出生“一件事”联办申请表",),
        body=(
            para(
                "新生儿出生“一件事”将出生医学证明、预防接种证、户口登记、城乡居民医保参保和社会保障卡申领等事项整合为一件事，"
                "父母只需提交一次材料，即可在线办理。",
            ),
            heading("办理流程"),
            bullets(
                "在本网站“办事服务”栏目或政务服务中心窗口提交申请；",
                "各部门并联审核，审核结果通过短信告知；",
                "证照邮寄到家或到窗口领取。",
            ),
            heading("申请材料"),
            table(
                ("材料名称", "份数", "说明"),
                ("父母双方居民身份证", "1", "原件"),
                ("居民户口簿", "1", "原件"),
                ("结婚证", "1", "原件"),
                caption="申请材料清单",
            ),
            document("新生儿出生“一件事”联办申请表"),
        ),
    ),
)


# The new measures come first: the interim measures they repealed point to them.
POLICIES = (
    OPINION_2014,
    Policy(
        slug="website-content-measures",
        title=f"示例市人民政府办公室关于印发《{MEASURES}》的通知",
        document_number="示政办发〔{year}〕12号",
        issuing_bodies=(OFFICE,),
        days_ago=40,
        disclosure_category=DisclosureCategory.DECISION,
        topics=("综合政务",),
        summary=f"印发《{MEASURES}》，明确各级政府网站信息发布、审核和更新要求。",
        attachments=(MEASURES,),
        body=(
            para(
                "示政办发〔{year}〕12号",
                "各区县人民政府，市政府各部门：",
                f"《{MEASURES}》已经市政府同意，现印发给你们，请认真贯彻执行。",
                OFFICE,
            ),
            heading(MEASURES),
            para(
                "第一条 为加强全市政府网站信息内容建设，根据《国务院办公厅关于加强政府网站信息内容建设的意见》"
                "（国办发〔2014〕57号）等规定，结合本市实际，制定本办法。",
                "第二条 本办法适用于全市各级行政机关通过市政府网站集约化平台开设的网站、子站和栏目。",
                "第三条 各单位应当建立信息员制度，明确信息采写、编辑、审核、签发各环节的责任人，做到“先审后发”。",
                "第四条 各单位应当按照栏目类别及时更新信息，更新要求如下表。",
            ),
            table(
                ("栏目类别", "更新要求"),
                ("动态要闻", "两周内至少更新一次"),
                ("通知公告、政策文件", "六个月内至少更新一次"),
                ("人事、规划计划", "一年内至少更新一次"),
                caption="栏目更新要求",
            ),
            para("第五条 本办法自印发之日起施行。"),
            document(MEASURES),
        ),
    ),
    Policy(
        slug="website-management-interim-measures",
        title="示例市人民政府办公室关于印发《示例市政府网站管理暂行办法》的通知",
        document_number="示政办发〔2016〕30号",
        issuing_bodies=(OFFICE,),
        published=date(2016, 6, 20),
        repealed_by="website-content-measures",
        disclosure_category=DisclosureCategory.DECISION,
        topics=("综合政务",),
        summary="印发《示例市政府网站管理暂行办法》，规定市、区县两级政府网站的开办、备案和内容保障要求。已被新办法废止。",
        body=(
            para(
                "示政办发〔2016〕30号",
                "各区县人民政府，市政府各部门：",
                "《示例市政府网站管理暂行办法》已经市政府同意，现印发给你们，请遵照执行。",
                OFFICE,
            ),
            heading("示例市政府网站管理暂行办法"),
            para(
                "第一条 为规范全市政府网站的开办和管理，制定本办法。",
                "第二条 各区县、各部门开办政府网站，应当报市政府办公室备案，并明确网站主办单位和内容保障责任人。",
                "第三条 本办法自印发之日起施行。",
            ),
        ),
    ),
)

INTERPRETATIONS = (
    *INTERPRETATIONS_2014,
    Interpretation(
        slug="website-content-measures-explained",
        title=f"《{MEASURES}》政策解读",
        kind=InterpretationKind.DEPARTMENT,
        policies=("website-content-measures",),
        days_ago=39,
        interpreter="张丽华",
        interpreter_title="市政府办公室政务公开科科长",
        interpreter_organisation=OFFICE,
        summary="从制定背景、主要内容和创新举措三个方面解读全市政府网站信息内容建设管理办法。",
        body=(
            heading("一、制定背景"),
            para(
                "随着政府网站集约化建设深入推进，全市各级政府网站已统一部署到市级平台。为进一步规范信息发布、"
                "压实各单位主体责任，市政府办公室在广泛征求意见的基础上起草了本办法。",
            ),
            heading("二、主要内容"),
            para(
                "办法共五条，明确了适用范围、信息员制度、发布审核流程和栏目更新要求。"
                "其中，动态要闻类栏目须在两周内更新，通知公告、政策文件类栏目须在六个月内更新。",
            ),
            heading("三、创新举措"),
            bullets(
                "区县和部门不再单独建设网站，统一在市级平台开设子站；",
                "平台按栏目类别自动监测更新情况，提前提醒临近超期的栏目；",
                "信息员、编辑、审核、签发四级把关，全程留痕可追溯。",
            ),
            quote("政府网站是政府信息公开的第一平台。", "市政府办公室有关负责同志"),
        ),
    ),
)

SITE = DemoSite(
    key="portal",
    name=NAME,
    slug="portal",
    kind=SiteKind.PORTAL,
    hostname="localhost",
    intro="示例市人民政府门户网站是示例市人民政府在互联网上发布政务信息、提供在线服务、与公众互动交流的官方网站。",
    identity={
        "site_name": NAME,
        "identifier_code": "9900000001",
        "icp_number": "示ICP备12345678号-1",
        "police_record_number": "示公网安备99010002000101号",
        "sponsor": OFFICE,
        "organizer": "示例市政务服务和大数据管理局",
        "phone": PHONE,
        "address": ADDRESS,
    },
    people={
        "信息员": Person("李", "晓燕"),
        "编辑": Person("王", "建国"),
        "审核": Person("张", "丽华"),
        "签发": Person("陈", "志强"),
        "管理员": Person("刘", "洋"),
        "访谈主持": Person("赵", "静怡"),
        "翻译": Person("林", "可欣"),
    },
    articles=ARTICLES,
    banner_colours=("#1f5fa8", "#2e7d4f"),
    organisation_code="11990000MB0000001X",
    issuing_bodies=("国务院办公厅", NAME, OFFICE),
    policies=POLICIES,
    interpretations=INTERPRETATIONS,
    aggregate_column=AggregateColumn(
        title="区县动态",
        slug="qxdt",
        intro="<p>汇集各区县和市直部门网站发布的最新工作动态。</p>",
    ),
)
