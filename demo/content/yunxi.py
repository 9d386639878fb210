"""云溪县人民政府: a rural county, on `yunxi.localhost`."""

from demo.content.common import disclosure_guide
from demo.spec import (
    Article,
    DemoSite,
    Emergency,
    Interpretation,
    Person,
    Policy,
    Update,
    bullets,
    document,
    figure,
    heading,
    para,
    quote,
    table,
)
from disclosure.models import DisclosureCategory
from emergency.models import EmergencyLevel
from home.models import ArticleKind, SiteKind
from policy.models import InterpretationKind

NAME = "云溪县人民政府"
OFFICE = "云溪县人民政府办公室"
MEDIA_CENTRE = "云溪县融媒体中心"
ADDRESS = "示例市云溪县云溪镇府前街1号"
PHONE = "0000-83345678"
PLAN = "云溪县农村人居环境整治提升实施方案"
COUNTRYSIDE = figure("云溪县城乡风貌（示意图）", "云溪县城镇与青山的插画")

ARTICLES = (
    Article(
        column="zwdt",
        slug="rural-revitalisation-meeting",
        title="云溪县召开乡村振兴重点工作调度会",
        kind=ArticleKind.MEETING,
        days_ago=17,
        source=MEDIA_CENTRE,
        author="何俊",
        summary="会议调度全县产业发展、农村人居环境整治和农民增收等重点工作进展。",
        body=(
            para(
                "日前，云溪县召开乡村振兴重点工作调度会，听取各乡镇和县直有关部门工作进展汇报，研究解决存在的困难和问题。",
                "会议指出，今年以来全县茶叶、中药材等特色产业稳步发展，农村人居环境持续改善，"
                "但部分项目建设进度偏慢、联农带农机制还不够完善，需要加力推进。",
            ),
            COUNTRYSIDE,
            heading("下一步工作要求"),
            bullets(
                "加快在建产业项目进度，确保年内投产见效；",
                "持续开展村庄清洁行动，巩固农村改厕成果；",
                "拓宽农民增收渠道，做好务工人员就业服务。",
            ),
            quote("要把乡村振兴各项任务落实到村、到户、到人。", "县委农村工作领导小组办公室"),
        ),
    ),
    Article(
        column="zwdt",
        slug="rural-ecommerce-training",
        cover=True,
        title="云溪县举办农村电商培训班 助力茶农“触网”销售",
        kind=ArticleKind.ACTIVITY,
        days_ago=25,
        source=MEDIA_CENTRE,
        author="冯晓婷",
        summary="县商务局举办农村电商培训班，来自各乡镇的120名茶农、合作社负责人参加培训。",
        body=(
            para(
                "近日，县商务局在县电子商务公共服务中心举办农村电商培训班，来自全县各乡镇的120名茶农、合作社负责人参加培训。",
                "培训围绕网店开设、直播带货、产品包装和物流配送等内容展开，授课老师结合云溪茶叶销售案例现场演示。",
            ),
            table(
                ("培训内容", "课时"),
                ("网店开设与运营", "4"),
                ("短视频与直播销售", "4"),
                ("农产品品牌与包装", "2"),
                caption="培训课程安排",
            ),
        ),
    ),
    Article(
        column="zwgk/tzgg",
        slug="medical-insurance-contribution",
        disclosure_category=DisclosureCategory.SERVICE,
        topics=("卫生、体育",),
        title="关于做好城乡居民基本医疗保险参保缴费工作的通告",
        kind=ArticleKind.NOTICE,
        days_ago=18,
        source="云溪县医疗保障局",
        summary="下一年度城乡居民基本医疗保险集中参保缴费工作开始，请参保群众及时缴费。",
        body=(
            para("下一年度城乡居民基本医疗保险集中参保缴费工作已经开始，现将有关事项通告如下。"),
            heading("缴费方式"),
            table(
                ("方式", "说明"),
                ("线上缴费", "通过手机银行、政务服务应用程序缴费"),
                ("线下缴费", "到乡镇便民服务中心或村（社区）代办点缴费"),
                caption="缴费方式",
            ),
            heading("温馨提示"),
            para("请在集中缴费期内完成缴费，逾期缴费将设置待遇等待期。咨询电话：12345。"),
        ),
    ),
    Article(
        column="hdjl",
        slug="rural-road-maintenance-reply",
        kind=ArticleKind.REPLY,
        disclosure_category=DisclosureCategory.RESULT,
        topics=("工业、交通",),
        title="县长热线答复选登：关于农村公路养护的建议",
        days_ago=28,
        source=OFFICE,
        summary="群众反映部分通村公路路面破损，县交通运输局作出答复并安排维修。",
        body=(
            heading("群众来电"),
            quote("我们村通往镇上的公路有几处坑洼，雨天车辆通行不便，希望能尽快修一修。", "群众来电"),
            heading("答复内容"),
            para(
                "您好！接到您反映的问题后，县交通运输局立即组织人员现场查看，确认该路段有3处路面破损。",
                "目前已安排养护队伍完成修补，并将该路段纳入下一年度农村公路养护计划。感谢您对我县交通工作的关心和支持！",
            ),
        ),
    ),
    Article(
        column="bsfw",
        slug="rural-homestead-approval-guide",
        disclosure_category=DisclosureCategory.SERVICE,
        topics=("国土资源、能源",),
        title="农村宅基地和建房（规划许可）审批办事指南",
        days_ago=90,
        source="云溪县政务服务中心",
        summary="农村村民申请宅基地和建房的条件、材料和办理流程。",
        attachments=("农村宅基地和建房（规划许可）申请表",),
        body=(
            para("符合宅基地申请条件的农户，以户为单位向所在村民小组提出宅基地和建房申请。"),
            heading("办理流程"),
            bullets(
                "农户提出申请，村民小组会议讨论并公示；",
                "村级组织审查后报乡镇人民政府；",
                "乡镇联审，符合条件的核发乡村建设规划许可证和农村宅基地批准书；",
                "开工前实地丈量批放，竣工后验收。",
            ),
            heading("申请材料"),
            table(
                ("材料名称", "份数"),
                ("农村宅基地和建房（规划许可）申请表", "1"),
                ("申请人居民身份证、户口簿", "1"),
                ("建房设计图或通用图", "1"),
                caption="申请材料",
            ),
            document("农村宅基地和建房（规划许可）申请表"),
        ),
    ),
    disclosure_guide(site_name=NAME, office=OFFICE, address=ADDRESS, phone=PHONE, days_ago=170),
)

RAINSTORM = Emergency(
    slug="rainstorm-red-warning",
    title="云溪县暴雨红色预警",
    summary="预计未来6小时全县将出现特大暴雨，山区有发生山洪、泥石流的危险。请减少外出，远离河道和山坡，听从转移安排。",
    level=EmergencyLevel.RED,
    updates=(
        Update(
            180,
            "县气象台发布暴雨红色预警信号：预计未来6小时全县累计雨量将达150毫米以上。"
            "县防汛抗旱指挥部启动防汛Ⅰ级应急响应。",
        ),
        Update(
            95,
            "县防汛抗旱指挥部已组织转移山洪灾害危险区群众320人，全县12个临时安置点全部开放。"
            f"需要帮助的群众请拨打县防汛值班电话{PHONE}。",
        ),
        Update(
            20,
            "受强降雨影响，S203省道云溪至茶山段部分路段积水，已实施交通管制，请绕行。全县中小学、幼儿园今日停课。",
        ),
    ),
)

POLICIES = (
    Policy(
        slug="rural-living-environment-plan",
        document_number="云政发〔{year}〕5号",
        issuing_bodies=(NAME,),
        disclosure_category=DisclosureCategory.DECISION,
        topics=("农业、林业、水利",),
        title=f"云溪县人民政府关于印发《{PLAN}》的通知",
        days_ago=80,
        summary=f"印发《{PLAN}》，部署农村厕所革命、生活垃圾和生活污水治理、村容村貌提升等工作。",
        attachments=(PLAN,),
        body=(
            para(
                "云政发〔{year}〕5号",
                "各乡镇人民政府，县政府各部门：",
                f"现将《{PLAN}》印发给你们，请认真组织实施。",
                NAME,
            ),
            heading(PLAN),
            para("为持续改善农村人居环境，建设宜居宜业和美乡村，结合我县实际，制定本方案。"),
            heading("重点任务", "h3"),
            table(
                ("任务", "目标"),
                ("农村厕所革命", "卫生厕所普及率稳步提高"),
                ("生活垃圾治理", "收运处置体系覆盖所有行政村"),
                ("生活污水治理", "乡镇政府驻地污水处理设施稳定运行"),
                ("村容村貌提升", "开展村庄清洁行动，建设美丽庭院"),
                caption="重点任务与目标",
            ),
            document(PLAN),
        ),
    ),
    Policy(
        slug="rural-road-maintenance-measures",
        title="云溪县人民政府办公室关于印发《云溪县农村公路养护管理办法》的通知",
        document_number="云政办发〔{year}〕9号",
        issuing_bodies=(OFFICE,),
        days_ago=35,
        disclosure_category=DisclosureCategory.EXECUTION,
        topics=("工业、交通",),
        summary="明确县、乡、村三级农村公路养护责任和养护资金保障。",
        body=(
            para("云政办发〔{year}〕9号"),
            para(
                "第一条 县交通运输局负责全县农村公路养护的监督管理，乡镇人民政府负责乡道、村道养护的组织实施。",
                "第二条 农村公路养护资金列入县级财政预算，按照养护里程和技术等级安排。",
                "第三条 本办法自印发之日起施行。",
            ),
        ),
    ),
)

INTERPRETATIONS = (
    Interpretation(
        slug="rural-living-environment-plan-explained",
        kind=InterpretationKind.DEPARTMENT,
        policies=("rural-living-environment-plan",),
        title=f"《{PLAN}》解读",
        days_ago=79,
        interpreter="许文静",
        interpreter_organisation="云溪县农业农村局",
        summary="解读实施方案的出台背景、主要目标和重点任务，回答群众关心的改厕补助问题。",
        body=(
            heading("一、出台背景"),
            para("改善农村人居环境是乡村振兴的重要任务。为巩固前期整治成果，县政府制定了本方案。"),
            heading("二、主要目标"),
            para("到规划期末，农村人居环境质量持续提升，长效管护机制基本建立，农民群众获得感、幸福感进一步增强。"),
            heading("三、群众关心的问题"),
            quote("农户改厕有没有补助？", "群众提问"),
            para("有。对自愿改造卫生厕所的农户，按照“先建后补、以奖代补”的方式给予补助，具体标准由各乡镇公示。"),
        ),
    ),
)

SITE = DemoSite(
    key="yunxi",
    name=NAME,
    slug="yunxi",
    kind=SiteKind.COUNTY,
    hostname="yunxi.localhost",
    intro="云溪县地处示例市东南部，山清水秀，是全省重点产茶县。本网站是云溪县人民政府发布政务信息、提供政务服务的官方网站。",
    identity={
        "site_name": NAME,
        "identifier_code": "9901250001",
        "icp_number": "示ICP备12345678号-3",
        "police_record_number": "示公网安备99012502000103号",
        "sponsor": OFFICE,
        "organizer": MEDIA_CENTRE,
        "phone": PHONE,
        "address": ADDRESS,
    },
    people={
        "信息员": Person("冯", "晓婷"),
        "编辑": Person("何", "俊"),
        "审核": Person("许", "文静"),
        "签发": Person("韩", "明"),
        "管理员": Person("曹", "磊"),
        "访谈主持": Person("彭", "晓雨"),
    },
    articles=ARTICLES,
    banner_colours=("#3d7ea6", "#6a994e"),
    emergency=RAINSTORM,
    organisation_code="11990125MB0000003X",
    issuing_bodies=(NAME, OFFICE),
    policies=POLICIES,
    interpretations=INTERPRETATIONS,
)
