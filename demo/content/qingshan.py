"""青山区人民政府: an urban district, on `qingshan.localhost`."""

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
    gallery,
    heading,
    para,
    quote,
    table,
)
from disclosure.models import DisclosureCategory
from home.models import ArticleKind, SiteKind
from policy.models import InterpretationKind

NAME = "青山区人民政府"
OFFICE = "青山区人民政府办公室"
MEDIA_CENTRE = "青山区融媒体中心"
ADDRESS = "示例市青山区青山大道88号"
PHONE = "0000-82345678"
PLAN = "青山区老旧小区改造实施方案"
STREETSCAPE = figure("青山区城区风貌（示意图）", "青山区城区楼宇与绿地的插画")

ARTICLES = (
    Article(
        column="zwdt",
        slug="old-neighbourhood-renovation-meeting",
        title="青山区召开老旧小区改造工作推进会",
        kind=ArticleKind.MEETING,
        days_ago=11,
        source=MEDIA_CENTRE,
        author="孙立新",
        summary="会议通报全区老旧小区改造进展，要求各街道倒排工期，确保年度改造任务按期完成。",
        body=(
            para(
                "日前，青山区召开老旧小区改造工作推进会，通报全区改造项目进展情况，分析存在问题，部署下一阶段工作。"
                "副区长出席会议并讲话，区住房和城乡建设局、各街道办事处负责同志参加会议。",
                "会议指出，今年全区计划改造老旧小区32个，涉及居民4800余户，目前已完工21个。"
                "改造完成的小区普遍加装了电梯扶手、更新了雨污管网、增设了充电设施，居民满意度明显提升。",
            ),
            STREETSCAPE,
            heading("倒排工期抓进度"),
            para(
                "会议要求，各街道要对照年度任务清单倒排工期，逐个小区明确责任人和完成时限，做到施工质量和安全“两手抓”。"
            ),
            table(
                ("街道", "计划改造（个）", "已完工（个）"),
                ("青山街道", "12", "9"),
                ("北湖街道", "11", "7"),
                ("翠苑街道", "9", "5"),
                caption="各街道改造进展",
            ),
        ),
    ),
    Article(
        column="zwdt",
        slug="fire-safety-drill",
        cover=True,
        title="青山区开展高层建筑消防安全应急演练",
        kind=ArticleKind.ACTIVITY,
        days_ago=19,
        source=MEDIA_CENTRE,
        author="赵敏",
        summary="区应急管理局联合消防救援大队在北湖街道开展高层建筑火灾疏散和初期火灾扑救演练。",
        body=(
            para(
                "为提高居民消防安全意识和自救互救能力，近日，区应急管理局联合区消防救援大队在北湖街道某高层住宅小区开展消防安全应急演练。",
                "演练模拟住宅楼发生火情，物业微型消防站第一时间响应，组织居民有序疏散，消防救援人员随后赶到现场开展灭火救援。"
                "演练结束后，消防救援人员现场讲解了灭火器使用方法和火场逃生要领。",
            ),
            quote("发生火灾时切勿乘坐电梯，应用湿毛巾捂住口鼻，沿疏散楼梯有序撤离。", "区消防救援大队"),
        ),
    ),
    Article(
        column="zwgk/tzgg",
        slug="community-worker-recruitment",
        disclosure_category=DisclosureCategory.EXECUTION,
        topics=("劳动、人事、监察",),
        title="青山区{year}年公开招聘社区工作者公告",
        kind=ArticleKind.NOTICE,
        days_ago=14,
        source="青山区民政局",
        summary="面向社会公开招聘社区工作者30名，报名采取网上报名方式。",
        attachments=("青山区公开招聘社区工作者报名表",),
        body=(
            para("根据工作需要，经区政府同意，面向社会公开招聘社区工作者。现将有关事项公告如下。"),
            heading("一、招聘岗位"),
            table(
                ("岗位", "招聘人数", "学历要求"),
                ("社区综合服务岗", "20", "大学专科及以上"),
                ("社区网格管理岗", "10", "大学专科及以上"),
                caption="招聘岗位及人数",
            ),
            heading("二、报名方式"),
            para("报名采取网上报名方式。报考人员请下载并填写报名表，按要求提交至区民政局。"),
            document("青山区公开招聘社区工作者报名表"),
        ),
    ),
    Article(
        column="hdjl",
        slug="elevator-subsidy-reply",
        kind=ArticleKind.REPLY,
        disclosure_category=DisclosureCategory.RESULT,
        topics=("城乡建设、环境保护",),
        title="区长信箱留言选登：关于老旧小区加装电梯补贴的咨询",
        days_ago=21,
        source=OFFICE,
        summary="网民咨询老旧小区加装电梯的补贴标准和申请流程，区住房和城乡建设局作出答复。",
        body=(
            heading("网民留言"),
            quote("我家住在青山街道一个老小区的六楼，家里有老人，想了解加装电梯有没有补贴，需要怎么申请？", "网民"),
            heading("答复内容"),
            para(
                "您好！感谢您对我区老旧小区改造工作的关注。",
                "按照我区现行政策，既有多层住宅加装电梯，每台电梯给予一次性财政补助。申请时，需由本单元业主协商一致、"
                "推选业主代表，向所在街道提出申请，街道审核后报区住房和城乡建设局备案。",
                "具体问题可咨询所在街道城建办或拨打12345政务服务便民热线。",
            ),
            table(
                ("项目", "内容"),
                ("答复单位", "青山区住房和城乡建设局"),
                ("办理时限", "5个工作日"),
                caption="办理情况",
            ),
        ),
    ),
    Article(
        column="bsfw",
        slug="residence-permit-guide",
        disclosure_category=DisclosureCategory.SERVICE,
        topics=("公安、安全、司法",),
        title="青山区居住证办理指南",
        days_ago=65,
        source="青山区政务服务中心",
        summary="在本区居住半年以上的非本市户籍人员，可申领居住证，享受相关基本公共服务。",
        body=(
            para(
                "在本区居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的非本市户籍人员，可以申领居住证。"
            ),
            heading("申请材料"),
            table(
                ("材料名称", "说明"),
                ("居民身份证", "原件"),
                ("近期免冠照片", "1张，或现场采集"),
                ("居住证明", "房屋租赁合同、房屋产权证明等"),
                caption="申请材料",
            ),
            heading("办理地点"),
            para(f"青山区政务服务中心公安窗口（{ADDRESS}），或居住地派出所户籍窗口。"),
            quote("居住证持有人可依法享受义务教育、基本公共就业服务、基本公共卫生服务等基本公共服务。", "温馨提示"),
        ),
    ),
    disclosure_guide(site_name=NAME, office=OFFICE, address=ADDRESS, phone=PHONE, days_ago=160),
)

POLICIES = (
    Policy(
        slug="old-neighbourhood-renovation-plan",
        document_number="青政办发〔{year}〕8号",
        issuing_bodies=(OFFICE,),
        disclosure_category=DisclosureCategory.DECISION,
        topics=("城乡建设、环境保护",),
        title=f"青山区人民政府办公室关于印发《{PLAN}》的通知",
        days_ago=50,
        summary=f"印发《{PLAN}》，明确改造范围、内容、资金筹措和组织保障。",
        attachments=(PLAN,),
        body=(
            para(
                "青政办发〔{year}〕8号",
                "各街道办事处，区政府各部门：",
                f"《{PLAN}》已经区政府同意，现印发给你们，请结合实际认真组织实施。",
                OFFICE,
            ),
            heading(PLAN),
            para(
                "为贯彻落实国家和省、市关于推进城镇老旧小区改造的部署要求，改善居民居住条件，结合我区实际，制定本方案。",
            ),
            heading("一、改造范围", "h3"),
            para(
                "城市或县城建成年代较早、失养失修失管、市政配套设施不完善、社会服务设施不健全、居民改造意愿强烈的住宅小区。"
            ),
            heading("二、改造内容", "h3"),
            table(
                ("类别", "主要内容"),
                ("基础类", "供水、排水、供电、道路、消防等基础设施改造"),
                ("完善类", "加装电梯、停车位和充电设施、无障碍设施"),
                ("提升类", "社区养老、托育、便民市场等公共服务设施"),
                caption="改造内容分类",
            ),
            heading("三、组织保障", "h3"),
            para("区政府成立老旧小区改造工作领导小组，统筹推进全区改造工作。各街道是改造工作的责任主体。"),
            document(PLAN),
        ),
    ),
    Policy(
        slug="elevator-installation-subsidy",
        title="青山区人民政府办公室关于印发《青山区既有住宅加装电梯财政补助办法》的通知",
        document_number="青政办发〔{year}〕15号",
        issuing_bodies=(OFFICE,),
        days_ago=30,
        disclosure_category=DisclosureCategory.EXECUTION,
        topics=("城乡建设、环境保护",),
        summary="明确既有多层住宅加装电梯的补助对象、补助标准和申请程序。",
        body=(
            para(
                "青政办发〔{year}〕15号",
                "各街道办事处，区政府各部门：",
                "《青山区既有住宅加装电梯财政补助办法》已经区政府同意，现印发给你们，请认真执行。",
                OFFICE,
            ),
            heading("青山区既有住宅加装电梯财政补助办法"),
            para(
                "第一条 本区既有多层住宅加装电梯，经本单元业主协商一致并依法办理相关手续的，可以申请财政补助。",
                "第二条 每台电梯给予一次性补助，由所在街道受理、区住房和城乡建设局审核。",
                "第三条 本办法自印发之日起施行。",
            ),
        ),
    ),
)

INTERPRETATIONS = (
    Interpretation(
        slug="old-neighbourhood-renovation-plan-explained",
        kind=InterpretationKind.GRAPHIC,
        policies=("old-neighbourhood-renovation-plan",),
        title=f"一图读懂《{PLAN}》",
        days_ago=49,
        interpreter="周静",
        interpreter_organisation="青山区住房和城乡建设局",
        summary="用一张图看懂老旧小区改造改什么、怎么改、钱从哪里来。",
        body=(
            gallery(
                "一图读懂老旧小区改造",
                ("图1 改什么：基础类、完善类、提升类", "第一张图：老旧小区改造三类内容的示意插画"),
                ("图2 怎么改：申请、设计、表决、验收", "第二张图：改造流程四个步骤的示意插画"),
            ),
            heading("改什么"),
            para("基础类、完善类、提升类三类内容，优先解决水电气路等居民反映强烈的问题。"),
            heading("怎么改"),
            bullets(
                "居民提出改造申请；", "街道组织方案设计并公示；", "居民表决通过后实施；", "竣工验收，建立长效管理机制。"
            ),
            heading("钱从哪里来"),
            table(
                ("资金来源", "说明"),
                ("财政补助", "中央、省、市、区各级补助资金"),
                ("居民出资", "通过住宅专项维修资金、公积金等方式出资"),
                ("社会资本", "引导专业企业参与改造和运营"),
                caption="资金筹措方式",
            ),
        ),
    ),
)

SITE = DemoSite(
    key="qingshan",
    name=NAME,
    slug="qingshan",
    kind=SiteKind.COUNTY,
    hostname="qingshan.localhost",
    intro="青山区位于示例市中心城区北部，是全市重要的商贸和文化中心。本网站是青山区人民政府发布政务信息、提供政务服务的官方网站。",
    identity={
        "site_name": NAME,
        "identifier_code": "9901020001",
        "icp_number": "示ICP备12345678号-2",
        "police_record_number": "示公网安备99010202000102号",
        "sponsor": OFFICE,
        "organizer": "青山区政务服务和数据管理局",
        "phone": PHONE,
        "address": ADDRESS,
    },
    people={
        "信息员": Person("赵", "敏"),
        "编辑": Person("孙", "立新"),
        "审核": Person("周", "静"),
        "签发": Person("吴", "海涛"),
        "管理员": Person("郑", "伟"),
        "访谈主持": Person("邓", "佳"),
        "翻译": Person("高", "思远"),
    },
    articles=ARTICLES,
    banner_colours=("#2a6f97", "#588157"),
    organisation_code="11990102MB0000002X",
    issuing_bodies=(NAME, OFFICE),
    policies=POLICIES,
    interpretations=INTERPRETATIONS,
)
