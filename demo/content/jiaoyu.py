"""示例市教育局: a city department, on `jiaoyu.localhost`."""

from demo.content.common import disclosure_guide
from demo.spec import (
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

NAME = "示例市教育局"
OFFICE = "示例市教育局办公室"
ADDRESS = "示例市中山路30号"
PHONE = "0000-84345678"
ADMISSIONS = "示例市教育局关于做好{year}年义务教育招生入学工作的通知"

ARTICLES = (
    Article(
        column="zwdt",
        slug="campus-safety-meeting",
        cover=True,
        title="市教育局召开全市中小学校园安全工作会议",
        kind=ArticleKind.MEETING,
        days_ago=4,
        source=OFFICE,
        author="林雪梅",
        summary="会议部署冬季校园安全、食品安全和学生心理健康工作。",
        body=(
            para(
                "日前，市教育局召开全市中小学校园安全工作会议，分析当前校园安全形势，部署冬季校园安全工作。"
                "各区县教育局分管负责同志、市直属学校校长参加会议。",
            ),
            figure("示例市校园周边风貌（示意图）", "城市楼宇与绿地的插画"),
            heading("重点抓好四项工作"),
            bullets(
                "开展校舍、消防和用电安全隐患排查；",
                "落实食堂食品安全校长（园长）负责制；",
                "加强学生心理健康教育和心理危机干预；",
                "做好上下学时段校园周边交通安全管理。",
            ),
            quote("校园安全无小事，要把安全责任落实到每一个岗位、每一个环节。", "市教育局有关负责同志"),
        ),
    ),
    Article(
        column="zwgk/tzgg",
        slug="teacher-qualification-notice",
        disclosure_category=DisclosureCategory.EXECUTION,
        topics=("科技、教育",),
        title="示例市{year}年中小学教师资格认定公告",
        kind=ArticleKind.NOTICE,
        days_ago=20,
        source="示例市教育局教师工作处",
        summary="本年度中小学教师资格认定工作开始，申请人通过网上申报并按要求提交材料。",
        body=(
            para("根据《教师资格条例》等有关规定，现将我市本年度中小学教师资格认定工作有关事项公告如下。"),
            table(
                ("认定机构", "认定范围"),
                ("示例市教育局", "高级中学、中等职业学校教师资格"),
                ("各区县教育局", "幼儿园、小学、初级中学教师资格"),
                caption="认定机构及范围",
            ),
            para("申请人须通过网上申报系统提交申请，并在规定时间内完成现场确认或网上核验。"),
        ),
    ),
    Article(
        column="hdjl",
        slug="after-school-service-reply",
        kind=ArticleKind.REPLY,
        disclosure_category=DisclosureCategory.RESULT,
        topics=("科技、教育",),
        title="局长信箱答复选登：关于课后服务收费的咨询",
        days_ago=33,
        source=OFFICE,
        summary="家长咨询学校课后服务是否收费、能否自愿参加，市教育局作出答复。",
        body=(
            heading("来信内容"),
            quote("孩子学校开展课后服务，请问是否收费？学生可以不参加吗？", "家长来信"),
            heading("答复内容"),
            para(
                "您好！我市中小学课后服务坚持学生自愿参加原则，由家长提出申请，学校不得强制或变相强制学生参加。",
                "课后服务费用按照“成本补偿、非营利”原则确定，收费标准报物价部门备案并向社会公示。感谢您的来信。",
            ),
        ),
    ),
    Article(
        column="bsfw",
        slug="teacher-qualification-guide",
        disclosure_category=DisclosureCategory.SERVICE,
        topics=("科技、教育",),
        title="中小学教师资格认定办事指南",
        days_ago=60,
        source="示例市教育局教师工作处",
        summary="申请中小学教师资格认定的条件、材料和办理流程。",
        attachments=("教师资格认定申请表",),
        body=(
            para(
                "具备《中华人民共和国教师法》规定的学历条件，并通过国家统一组织的教师资格考试的申请人，可申请认定相应教师资格。"
            ),
            heading("申请材料"),
            table(
                ("材料名称", "说明"),
                ("居民身份证", "原件"),
                ("学历证书", "网上核验，无法核验的提供原件"),
                ("体检合格证明", "指定医院出具"),
                ("教师资格考试合格证明", "网上核验"),
                caption="申请材料",
            ),
            heading("办理时限"),
            para("自受理申请期限终止之日起30个法定工作日内作出是否认定的决定。"),
            document("教师资格认定申请表"),
        ),
    ),
    disclosure_guide(site_name=NAME, office=OFFICE, address=ADDRESS, phone=PHONE, days_ago=140),
)

POLICIES = (
    Policy(
        slug="compulsory-education-admissions",
        document_number="示教发〔{year}〕15号",
        issuing_bodies=(NAME,),
        disclosure_category=DisclosureCategory.DECISION,
        topics=("科技、教育",),
        title=ADMISSIONS,
        days_ago=100,
        summary="坚持免试就近入学，公办民办学校同步招生，严禁以各类考试选拔学生。",
        attachments=("义务教育学校招生片区划分表",),
        body=(
            para("示教发〔{year}〕15号", "各区县教育局，市直属各学校：", "现就做好今年义务教育招生入学工作通知如下。"),
            heading("一、基本原则"),
            para("坚持免试就近入学，公办民办学校同步招生。严禁以各类考试、竞赛、培训成绩或证书证明等作为招生依据。"),
            heading("二、工作安排"),
            table(
                ("阶段", "主要工作"),
                ("信息采集", "适龄儿童少年网上登记入学信息"),
                ("资格审核", "学校和教育部门审核户籍、居住等材料"),
                ("录取公布", "公布录取结果，发放入学通知书"),
                caption="招生工作安排",
            ),
            document("义务教育学校招生片区划分表"),
        ),
    ),
    Policy(
        slug="after-school-service-measures",
        title="示例市教育局关于印发《示例市中小学课后服务管理办法》的通知",
        document_number="示教发〔{year}〕21号",
        issuing_bodies=(NAME,),
        days_ago=45,
        disclosure_category=DisclosureCategory.EXECUTION,
        topics=("科技、教育",),
        summary="规范中小学课后服务的内容、时间、收费和安全管理，坚持学生自愿参加。",
        body=(
            para("示教发〔{year}〕21号"),
            para(
                "第一条 课后服务坚持学生自愿参加原则，由家长提出申请，学校不得强制或者变相强制学生参加。",
                "第二条 课后服务费用按照成本补偿、非营利原则确定，收费标准向社会公示。",
                "第三条 本办法自印发之日起施行。",
            ),
        ),
    ),
)

INTERPRETATIONS = (
    Interpretation(
        slug="admissions-questions-and-answers",
        kind=InterpretationKind.DEPARTMENT,
        policies=("compulsory-education-admissions",),
        title="义务教育招生入学政策问答",
        days_ago=99,
        interpreter="黄志远",
        interpreter_organisation=NAME,
        summary="围绕家长关心的入学条件、片区划分和随迁子女入学等问题作出解答。",
        body=(
            heading("问：孩子上小学需要满多少周岁？", "h3"),
            para("答：年满6周岁的适龄儿童应当入学。"),
            heading("问：学区是怎么划分的？", "h3"),
            para("答：各区县教育局根据学校布局、学位数量和适龄儿童分布情况划定招生片区，并向社会公布。"),
            heading("问：随迁子女如何入学？", "h3"),
            para("答：持有本市居住证的随迁子女，按照“以居住证为主要依据”的原则，由居住地教育部门统筹安排入学。"),
            quote("义务教育招生坚持公平、公正、公开。", "示例市教育局"),
        ),
    ),
)

SITE = DemoSite(
    key="jiaoyu",
    name=NAME,
    slug="jiaoyu",
    kind=SiteKind.DEPARTMENT,
    hostname="jiaoyu.localhost",
    intro="示例市教育局负责全市教育事业的统筹规划和管理。本网站发布全市教育政策、招生考试和教育服务信息。",
    identity={
        "site_name": NAME,
        "identifier_code": "9900000012",
        "icp_number": "示ICP备12345678号-4",
        "police_record_number": "示公网安备99010002000104号",
        "sponsor": NAME,
        "organizer": OFFICE,
        "phone": PHONE,
        "address": ADDRESS,
    },
    people={
        "信息员": Person("杨", "帆"),
        "编辑": Person("林", "雪梅"),
        "审核": Person("黄", "志远"),
        "签发": Person("马", "骏"),
        "管理员": Person("朱", "琳"),
        "访谈主持": Person("谢", "婉清"),
    },
    articles=ARTICLES,
    banner_colours=("#5e548e", "#457b9d"),
    organisation_code="11990000MB0000012X",
    issuing_bodies=(NAME,),
    policies=POLICIES,
    interpretations=INTERPRETATIONS,
)
