"""国办发〔2014〕57号, the State Council opinion on government website content, and its interpretations.

The text is a digest of the opinion's main provisions as reported publicly;
the portal lists it in its 政策文件库 as a major policy, with the full text
left to the State Council's own publication, as a city portal would when it
reprints a digest. The three interpretations (部门解读, 专家解读, 图解) are
written for the demo; the interpreters are fictional.
"""

from datetime import date

from demo.spec import Interpretation, Policy, bullets, gallery, heading, para, quote, table
from disclosure.models import DisclosureCategory
from policy.models import InterpretationKind

TITLE = "国务院办公厅关于加强政府网站信息内容建设的意见"
SLUG = "guobanfa-2014-57"
ISSUER = "国务院办公厅"
TOPIC = "综合政务"

OPINION_2014 = Policy(
    slug=SLUG,
    title=TITLE,
    document_number="国办发〔2014〕57号",
    issuing_bodies=(ISSUER,),
    published=date(2014, 12, 1),
    written_days_before=14,  # 成文日期 2014-11-17
    is_major=True,
    disclosure_category=DisclosureCategory.DECISION,
    topics=(TOPIC,),
    summary=(
        "国办发〔2014〕57号。要求将政府网站作为政府信息公开的第一平台，做好政策解读和社会热点回应，"
        "加强互动交流，县级政府各部门不再单独建设政府网站，并把政府网站建设管理纳入绩效考核。"
    ),
    attachments=(f"{TITLE}（要点摘编）",),
    body=(
        para(
            "国办发〔2014〕57号",
            "政府网站是信息化条件下政府密切联系人民群众的重要桥梁，也是网络时代政府履行职责的重要平台。"
            "近年来，各级政府积极适应信息技术发展、传播方式变革，运用互联网转变政府职能、创新管理服务、提升治理能力，"
            "使政府网站成为信息公开、回应关切、提供服务的重要载体。但一些政府网站也存在内容更新不及时、"
            "信息发布不准确、意见建议不回应等问题，严重影响政府公信力。以下为文件主要内容摘编，全文以中国政府网发布的文本为准。",
        ),
        heading("一、加强信息发布"),
        para(
            "各地区、各部门要将政府网站作为政府信息公开的第一平台，建立完善信息发布机制，"
            "第一时间发布政府重要会议、重要活动、重大政策信息。依法公开政府信息，做到决策公开、执行公开、管理公开、服务公开、结果公开。",
            "健全政府网站信息内容更新的保障机制，提高发布时效，对本地区、本部门政府网站内容更新情况进行监测，"
            "对于内容更新没有保障的栏目要及时归并或关闭。",
        ),
        heading("二、做好政策解读"),
        para(
            "政府研究制定重大政策时，要同步做好网络政策解读方案。涉及经济发展和社会民生等政策出台时，"
            "在政府网站同步推出由政策制定参与者、专业机构、专家学者撰写的解读评论文章或开展的访谈等，解读政策。",
        ),
        heading("三、回应社会关切"),
        para(
            "涉及本地区、本部门的重大突发事件、应急事件，要依法按程序在第一时间通过政府网站发布信息，公布客观事实，"
            "并根据事件发展和工作进展及时发布动态信息，表明政府态度。",
            "围绕社会关注的热点问题，相关部门和单位要通过政府网站作出积极回应，阐明政策，解疑释惑，化解矛盾，理顺情绪。",
        ),
        heading("四、加强互动交流"),
        para(
            "各地区、各部门要通过政府网站开展在线访谈、意见征集、网上调查等，加强与公众的互动交流，"
            "广泛倾听公众意见建议，接受社会的批评监督，搭建政府与公众交流的“直通车”。"
            "开办互动栏目的，要配备相应的后台服务团队和受理系统。",
        ),
        quote(
            "收到网民意见建议后，要进行综合研判，对其中有价值、有意义的应在7个工作日内反馈处理意见，"
            "情况复杂的可延长至15个工作日，无法办理的应予以解释说明。",
            "国办发〔2014〕57号",
        ),
        table(
            ("情形", "答复要求"),
            ("有价值、有意义的意见建议", "7个工作日内反馈处理意见"),
            ("情况复杂的", "可延长至15个工作日"),
            ("无法办理的", "予以解释说明"),
            caption="网民意见建议的反馈时限",
        ),
        heading("五、加强协同联动"),
        para(
            "各级政府面向公众公开举办重要会议、新闻发布、经贸活动、旅游推广等活动时，政府网站要积极参与，做好传播工作。"
            "各级政府网站之间要加强协同联动，加强与新闻媒体协作，规范外语版网站内容。",
            "建立信息协调机制，规范信息发布流程，加强网上网下融合。业务部门要切实做好网上信息提供、政策解读、互动回应、"
            "舆情处置等线下工作，使线上业务与线下业务同步考虑、同步推进。",
        ),
        heading("六、规范网站建设管理"),
        para(
            "建立政府网站信息员、联络员制度，在负责提供信息内容的职能部门中聘请若干信息员、联络员，"
            "负责网站信息收集、撰写、报送及联络等工作。",
            "县级政府各部门、乡镇政府（街道办事处）不再单独建设政府网站，要利用上级政府网站技术平台开设子站、栏目、频道等。"
            "国务院办公厅牵头组织编制政府网站发展指引，明确政府网站内容建设、功能要求等。",
        ),
        heading("七、完善考核评价机制"),
        para(
            "把政府网站建设管理作为主管主办单位目标考核和绩效考核的内容之一，建立政府网站信息内容建设年度考核评估和督查机制，"
            "分级分类进行考核评估，使之制度化、常态化。",
            "对考核评估合格且社会评价优秀的政府网站，给予相关单位和人员表扬，推广先进经验。对于不合格的，"
            "通报相关主管主办部门和单位，要求限期整改，对分管负责人和工作人员进行问责和约谈。"
            "完善专业机构、媒体、公众相结合的社会评价机制，对政府网站开展社会评价和监督，评价过程和结果向社会公开。",
            "国务院办公厅和各省、区、市政府办公厅每年要举办培训班或交流研讨会，对政府网站分管负责人和工作人员进行培训，"
            "切实提高政府办网和管网水平。",
        ),
    ),
)

PORTAL_OFFICE = "示例市人民政府办公室"

DEPARTMENT_READING = Interpretation(
    slug="guobanfa-2014-57-department",
    title=f"《{TITLE}》解读",
    kind=InterpretationKind.DEPARTMENT,
    policies=(SLUG,),
    published=date(2014, 12, 2),
    interpreter=PORTAL_OFFICE,
    interpreter_organisation="示例市人民政府",
    summary="从出台背景、主要内容和贯彻落实三个方面，介绍《意见》对全市政府网站信息内容建设提出的要求。",
    body=(
        heading("一、出台背景"),
        para(
            "政府网站是政府信息公开的第一平台。一些网站存在内容更新不及时、信息发布不准确、意见建议不回应等问题，"
            "《意见》针对这些问题，从信息发布、政策解读、回应关切、互动交流、协同联动、建设管理和考核评价七个方面提出要求。",
        ),
        heading("二、主要内容"),
        bullets(
            "信息发布：第一时间发布重要会议、重要活动、重大政策信息，做到“五公开”；",
            "政策解读：重大政策出台时同步推出解读，政策与解读同步发布；",
            "回应关切：围绕社会热点及时回应，阐明政策、解疑释惑；",
            "互动交流：网民意见建议在7个工作日内反馈处理意见，情况复杂的可延长至15个工作日。",
        ),
        heading("三、贯彻落实"),
        para(
            "全市各级政府网站统一部署在市级集约化平台，按照《意见》建立信息员制度和“先审后发”流程，"
            "把重大政策与解读同步发布纳入发布流程，并按栏目类别监测更新情况。"
        ),
    ),
)

EXPERT_READING = Interpretation(
    slug="guobanfa-2014-57-expert",
    title="专家解读：让政府网站成为政府信息公开的第一平台",
    kind=InterpretationKind.EXPERT,
    policies=(SLUG,),
    published=date(2014, 12, 3),
    interpreter="周明远",
    interpreter_title="教授",
    interpreter_organisation="示例大学公共管理学院",
    summary="专家认为，《意见》把政府网站从“建起来”推向“用起来”，关键在于内容保障和回应机制。",
    body=(
        para(
            "《意见》的一个突出特点，是把政府网站的重心从技术建设转向信息内容建设。"
            "网站建得再好，内容不更新、留言不回应，公众就不会用。",
        ),
        quote(
            "政策与解读同步发布，是让公众读懂政策、减少误读的关键一步。",
            "周明远，示例大学公共管理学院教授",
        ),
        heading("集约化是内容保障的前提"),
        para(
            "县级政府部门不再单独建网站、统一在上级平台开设子站，既节约了重复投入，也使信息员、审核和考核制度能够统一落实。"
            "今后评价政府网站，应当更多看内容是否准确及时、回应是否实在。",
        ),
    ),
)

GRAPHIC_READING = Interpretation(
    slug="guobanfa-2014-57-graphic",
    title=f"图解：{TITLE}",
    kind=InterpretationKind.GRAPHIC,
    policies=(SLUG,),
    published=date(2014, 12, 4),
    interpreter=PORTAL_OFFICE,
    summary="用四张图读懂《意见》：一个平台、同步解读、及时回应、考核评价。",
    body=(
        gallery(
            "一图读懂《意见》",
            ("图1 政府网站是政府信息公开的第一平台", "第一张图：政府网站作为信息公开第一平台的示意插画"),
            ("图2 重大政策出台时同步发布解读", "第二张图：政策与解读同步发布的示意插画"),
            ("图3 网民意见建议7个工作日内反馈", "第三张图：网民留言按时限得到答复的示意插画"),
            ("图4 政府网站建设管理纳入绩效考核", "第四张图：年度考核评估的示意插画"),
        ),
        para("以上图解根据《意见》要点整理，具体要求以《意见》原文为准。"),
    ),
)

INTERPRETATIONS_2014 = (DEPARTMENT_READING, EXPERT_READING, GRAPHIC_READING)
