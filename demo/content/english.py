# ruff: noqa: E501 - each key is a segment's Chinese text on one line, so it can be found with grep as it reads.
"""The demo's English versions: which pages are translated, and the English of their segments.

`ENGLISH` maps the Chinese source text of a segment (wagtail-localize's String) to its English, written for
the demo in the style of Chinese government websites' English versions, with the platform glossary's
standard terms (规范译名: People's Government, General Office of the State Council, Government Information
Disclosure, Policy Interpretation ...). A text used on several pages (a column name, a footer sentence) is
translated once: on the county it is pre-filled by translation memory. Slugs keep their Chinese site's form
(demo.english), so /en/zwgk/ mirrors /zwgk/.

`TRANSLATED` lists the pages (slug paths below the site home; "" is the home page) each site's translator
has translated and had reviewed; the other pages of a site with English wait as untranslated drafts.
`IDENTITY` gives those sites' identity its English names. `CORRECTED` is an original republished after its
English went live, so the English is out of date.
"""

# The portal: home, its main columns, the 2014 opinion and its interpretations, news and the footer pages.
PORTAL_TRANSLATED = (
    "",
    "zwgk",
    "zwgk/zcwj",
    "zwgk/zcwj/guobanfa-2014-57",
    "zwgk/zcjd",
    "zwgk/zcjd/guobanfa-2014-57-department",
    "zwgk/zcjd/guobanfa-2014-57-expert",
    "zwgk/zcjd/guobanfa-2014-57-graphic",
    "zwgk/tzgg",
    "zwgk/xxgkml",
    "zwgk/disclosure-guide",
    "zwdt",
    "zwdt/website-work-meeting",
    "zwdt/executive-meeting-business-environment",
    "hdjl",
    "bsfw",
    "qxdt",
    "tfsj",
    "lxwm",
    "wzsm",
    "yszc",
)

# 青山区, in progress: the home, its columns and footer pages (mostly from memory) and two news items.
QINGSHAN_TRANSLATED = (
    "",
    "zwgk",
    "zwgk/zcwj",
    "zwgk/zcjd",
    "zwgk/tzgg",
    "zwgk/xxgkml",
    "zwdt",
    "zwdt/old-neighbourhood-renovation-meeting",
    "zwdt/fire-safety-drill",
    "hdjl",
    "bsfw",
    "tfsj",
    "lxwm",
    "wzsm",
    "yszc",
)

# Site key -> the pages translated and live in English. Sites not listed offer no English.
TRANSLATED = {"portal": PORTAL_TRANSLATED, "qingshan": QINGSHAN_TRANSLATED}

# The English names of the sites' identity (网站标识: shown in the footer of their English pages).
IDENTITY = {
    "portal": {
        "site_name_en": "Shili Municipal People's Government",
        "sponsor_en": "General Office of Shili Municipal People's Government",
        "organizer_en": "Shili Government Services and Big Data Administration",
        "address_en": "1 Zhongshan Road, Shili",
    },
    "qingshan": {
        "site_name_en": "Qingshan District People's Government",
        "sponsor_en": "General Office of Qingshan District People's Government",
        "organizer_en": "Qingshan District Government Services and Data Administration",
        "address_en": "88 Qingshan Avenue, Qingshan District, Shili",
    },
}

# (site key, page path, paragraph as first published, as corrected after the English went live).
CORRECTED = (
    (
        "qingshan",
        "zwdt/old-neighbourhood-renovation-meeting",
        "会议指出，今年全区计划改造老旧小区32个，涉及居民4800余户，目前已完工21个。"
        "改造完成的小区普遍加装了电梯扶手、更新了雨污管网、增设了充电设施，居民满意度明显提升。",
        "会议指出，今年全区计划改造老旧小区32个，涉及居民4800余户，截至本周已完工24个。"
        "改造完成的小区普遍加装了电梯扶手、更新了雨污管网、增设了充电设施，居民满意度明显提升。",
    ),
)

OPINION_TITLE_EN = (
    "Opinions of the General Office of the State Council on Strengthening the Information Content of "
    "Government Websites"
)

ENGLISH = {
    # --- Site names, people and organisations ------------------------------------------------------
    "示例市人民政府": "Shili Municipal People's Government",
    "示例市人民政府办公室": "General Office of Shili Municipal People's Government",
    "示例市政务服务中心": "Shili Government Services Center",
    "青山区人民政府": "Qingshan District People's Government",
    "青山区融媒体中心": "Qingshan District Media Center",
    "王建国": "Wang Jianguo",
    "周明远": "Zhou Mingyuan",
    "教授": "Professor",
    "示例大学公共管理学院": "School of Public Administration, Shili University",
    "孙立新": "Sun Lixin",
    "赵敏": "Zhao Min",
    # --- Home pages ----------------------------------------------------------------------------------
    "示例市人民政府门户网站是示例市人民政府在互联网上发布政务信息、提供在线服务、与公众互动交流的官方网站。": (
        "This is the official web portal of Shili Municipal People's Government, where the government publishes "
        "information, provides online services and engages with the public."
    ),
    "青山区位于示例市中心城区北部，是全市重要的商贸和文化中心。本网站是青山区人民政府发布政务信息、提供政务服务的官方网站。": (
        "Qingshan District lies in the north of central Shili and is one of the city's main centers of commerce "
        "and culture. This is the official website of Qingshan District People's Government for government "
        "information and services."
    ),
    # --- Columns (the standard columns every site has) ----------------------------------------------
    "政务公开": "Government Information",
    "政策文件": "Policies",
    "政策解读": "Policy Interpretations",
    "通知公告": "Notices",
    "政府信息公开目录": "Government Information Disclosure Catalogue",
    "政务动态": "News",
    "互动交流": "Public Engagement",
    "办事服务": "Services",
    "突发事件": "Emergencies",
    "联系我们": "Contact Us",
    "网站声明": "Website Notice",
    "隐私政策": "Privacy Policy",
    "区县动态": "District and County News",
    "汇集各区县和市直部门网站发布的最新工作动态。": (
        "The latest news from the websites of the city's districts, counties and municipal departments."
    ),
    # --- Footer pages ----------------------------------------------------------------------------------
    "欢迎您对本网站的内容和服务提出意见和建议。": "We welcome your comments and suggestions on the content and services of this website.",
    "咨询、投诉和建议也可以通过本站的政民互动信箱提交，我们将在规定时限内办理和答复。": (
        "You can also send inquiries, complaints and suggestions through the Public Engagement Mailbox of this "
        "website. We will handle them and reply within the prescribed time."
    ),
    "版权声明": "Copyright",
    "本网站所载内容，除注明转载的以外，版权归本网站主办单位所有。欢迎以非商业目的转载、引用，转载时请注明来源并链接原文，不得歪曲、篡改原意。": (
        "Unless marked as reproduced from elsewhere, the copyright of the content on this website belongs to its "
        "sponsor. You are welcome to reproduce or quote it for non-commercial purposes, provided that you name "
        "the source, link to the original and do not distort or alter its meaning."
    ),
    "免责声明": "Disclaimer",
    "本网站发布的政策文件以正式印发的文本为准。本网站提供的外部链接仅为方便访问，相关网站的内容由其主办单位负责。": (
        "The officially issued texts of policy documents prevail over those published on this website. External "
        "links are provided for convenience only; the sponsors of the linked websites are responsible for their "
        "content."
    ),
    "意见与纠错": "Feedback and Corrections",
    "发现本网站内容有误或链接失效，请通过页面底部的“我为政府网站找错”反映，我们将及时核实处理。": (
        'If you find an error or a broken link on this website, please tell us through "Report an Error" at the '
        "bottom of the page. We will check and correct it promptly."
    ),
    "本网站依照《中华人民共和国个人信息保护法》等法律法规处理个人信息。": (
        "This website processes personal information in accordance with the Personal Information Protection Law "
        "of the People's Republic of China and other laws and regulations."
    ),
    "我们收集的信息": "Information We Collect",
    "浏览本网站无需提供个人信息。您通过政民互动信箱等表单提交信息时，我们收集您填写的姓名、联系方式和内容，仅用于办理和答复您的事项。": (
        "You do not need to provide any personal information to browse this website. When you submit a form, "
        "such as a letter to the Public Engagement Mailbox, we collect the name, contact details and message you "
        "enter, and use them only to handle and answer your request."
    ),
    "Cookie": "Cookies",
    "本网站只使用提供功能所必需的Cookie（如长者模式的显示偏好、表单的安全校验），不使用第三方跟踪或广告Cookie。": (
        "This website only uses the cookies needed for its functions (such as the display preference of the "
        "senior-friendly mode and the security check of forms). It uses no third-party tracking or advertising "
        "cookies."
    ),
    "信息的保存与保护": "Storage and Protection of Information",
    "我们采取必要的安全措施保护您提交的信息，不向第三方出售或提供，法律法规另有规定的除外。": (
        "We take the necessary security measures to protect the information you submit, and we do not sell or "
        "disclose it to third parties unless laws or regulations require otherwise."
    ),
    # --- 国办发〔2014〕57号 ----------------------------------------------------------------------------
    "国务院办公厅关于加强政府网站信息内容建设的意见": OPINION_TITLE_EN,
    "国办发〔2014〕57号": "Guo Ban Fa [2014] No. 57",
    "国办发〔2014〕57号。要求将政府网站作为政府信息公开的第一平台，做好政策解读和社会热点回应，加强互动交流，县级政府各部门不再单独建设政府网站，并把政府网站建设管理纳入绩效考核。": (
        "Guo Ban Fa [2014] No. 57. Government websites are to be the primary platform for government information "
        "disclosure, with sound policy interpretation, responses to public concerns and more interaction with "
        "the public. Departments of county-level governments no longer build websites of their own, and the "
        "building and management of government websites becomes part of performance assessment."
    ),
    "政府网站是信息化条件下政府密切联系人民群众的重要桥梁，也是网络时代政府履行职责的重要平台。近年来，各级政府积极适应信息技术发展、传播方式变革，运用互联网转变政府职能、创新管理服务、提升治理能力，使政府网站成为信息公开、回应关切、提供服务的重要载体。但一些政府网站也存在内容更新不及时、信息发布不准确、意见建议不回应等问题，严重影响政府公信力。以下为文件主要内容摘编，全文以中国政府网发布的文本为准。": (
        "Government websites are an important bridge between the government and the people in the information "
        "age, and an important platform for the government to perform its duties online. In recent years, "
        "governments at all levels have adapted to new information technology and new ways of communication, "
        "using the Internet to transform government functions, improve administration and services and build "
        "governance capacity, so that government websites have become a major channel for publishing "
        "information, responding to public concerns and providing services. Some government websites, however, "
        "are not updated in time, publish inaccurate information or leave comments and suggestions unanswered, "
        "which seriously harms the credibility of the government. The following is a digest of the main "
        "provisions; the text published on the Chinese Government Website is authoritative."
    ),
    "一、加强信息发布": "1. Strengthening Information Release",
    "各地区、各部门要将政府网站作为政府信息公开的第一平台，建立完善信息发布机制，第一时间发布政府重要会议、重要活动、重大政策信息。依法公开政府信息，做到决策公开、执行公开、管理公开、服务公开、结果公开。": (
        "All localities and departments shall make their government websites the primary platform for "
        "government information disclosure and improve their mechanisms for releasing information, publishing "
        "news of important government meetings, major activities and major policies without delay. Government "
        "information shall be disclosed in accordance with the law, covering decision-making, implementation, "
        "administration, services and results."
    ),
    "健全政府网站信息内容更新的保障机制，提高发布时效，对本地区、本部门政府网站内容更新情况进行监测，对于内容更新没有保障的栏目要及时归并或关闭。": (
        "Mechanisms that keep the content of government websites up to date shall be improved and information "
        "released more promptly. Localities and departments shall monitor how their government websites are "
        "updated, and sections whose updating cannot be ensured shall be merged or closed without delay."
    ),
    "二、做好政策解读": "2. Good Policy Interpretation",
    "政府研究制定重大政策时，要同步做好网络政策解读方案。涉及经济发展和社会民生等政策出台时，在政府网站同步推出由政策制定参与者、专业机构、专家学者撰写的解读评论文章或开展的访谈等，解读政策。": (
        "When a government prepares a major policy, it shall prepare a plan for online policy interpretation at "
        "the same time. When policies on economic development or people's livelihoods are issued, government "
        "websites shall at the same time publish interpretations and commentaries written by those who took "
        "part in drafting the policy, by professional bodies and by experts and scholars, or hold interviews to "
        "explain the policy."
    ),
    "三、回应社会关切": "3. Responding to Public Concerns",
    "涉及本地区、本部门的重大突发事件、应急事件，要依法按程序在第一时间通过政府网站发布信息，公布客观事实，并根据事件发展和工作进展及时发布动态信息，表明政府态度。": (
        "When a major emergency or incident concerns a locality or department, it shall publish information on "
        "its government website without delay, in accordance with the law and the prescribed procedures, state "
        "the objective facts, post updates as the situation and the response develop, and make the "
        "government's position clear."
    ),
    "围绕社会关注的热点问题，相关部门和单位要通过政府网站作出积极回应，阐明政策，解疑释惑，化解矛盾，理顺情绪。": (
        "On issues of wide public concern, the departments and bodies concerned shall respond actively through "
        "government websites, explaining policies, answering questions, resolving disputes and easing public "
        "feeling."
    ),
    "四、加强互动交流": "4. More Interaction with the Public",
    "各地区、各部门要通过政府网站开展在线访谈、意见征集、网上调查等，加强与公众的互动交流，广泛倾听公众意见建议，接受社会的批评监督，搭建政府与公众交流的“直通车”。开办互动栏目的，要配备相应的后台服务团队和受理系统。": (
        "All localities and departments shall hold online interviews, public consultations and online surveys "
        "on their government websites, interact more with the public, listen widely to its opinions and "
        "suggestions, accept criticism and oversight from society, and build a direct line of communication "
        "between the government and the public. Websites that open interactive sections shall have the back-"
        "office staff and case-handling systems these require."
    ),
    "收到网民意见建议后，要进行综合研判，对其中有价值、有意义的应在7个工作日内反馈处理意见，情况复杂的可延长至15个工作日，无法办理的应予以解释说明。": (
        "Opinions and suggestions received from the public shall be assessed as a whole. Valuable and "
        "meaningful ones shall receive a response on how they are handled within 7 working days, extendable to "
        "15 working days for complex cases; where a suggestion cannot be acted on, the reasons shall be "
        "explained."
    ),
    "五、加强协同联动": "5. Closer Coordination",
    "各级政府面向公众公开举办重要会议、新闻发布、经贸活动、旅游推广等活动时，政府网站要积极参与，做好传播工作。各级政府网站之间要加强协同联动，加强与新闻媒体协作，规范外语版网站内容。": (
        "When governments at any level hold important public meetings, press conferences, trade events or "
        "tourism promotions, government websites shall take an active part in communicating them. Government "
        "websites at all levels shall coordinate more closely with one another and with the news media, and "
        "the content of foreign-language versions shall be standardized."
    ),
    "建立信息协调机制，规范信息发布流程，加强网上网下融合。业务部门要切实做好网上信息提供、政策解读、互动回应、舆情处置等线下工作，使线上业务与线下业务同步考虑、同步推进。": (
        "Information coordination mechanisms shall be established, procedures for releasing information "
        "standardized and online and offline work better integrated. Line departments shall do their offline "
        "part well, providing information for publication online, policy interpretation, answers to the public "
        "and the handling of public opinion, so that online and offline work are planned and carried out "
        "together."
    ),
    "六、规范网站建设管理": "6. Standardized Website Building and Management",
    "建立政府网站信息员、联络员制度，在负责提供信息内容的职能部门中聘请若干信息员、联络员，负责网站信息收集、撰写、报送及联络等工作。": (
        "A system of information officers and liaison officers for government websites shall be established. "
        "Departments that provide content shall appoint information and liaison officers to collect, write and "
        "submit information for the website and to coordinate with it."
    ),
    "县级政府各部门、乡镇政府（街道办事处）不再单独建设政府网站，要利用上级政府网站技术平台开设子站、栏目、频道等。国务院办公厅牵头组织编制政府网站发展指引，明确政府网站内容建设、功能要求等。": (
        "Departments of county-level governments and township governments (sub-district offices) shall no "
        "longer build government websites of their own, but open sub-sites, sections or channels on the "
        "technical platform of the government website at the level above. The General Office of the State "
        "Council will lead the drafting of guidelines for the development of government websites, setting out "
        "requirements for their content and functions."
    ),
    "七、完善考核评价机制": "7. Better Assessment and Evaluation",
    "把政府网站建设管理作为主管主办单位目标考核和绩效考核的内容之一，建立政府网站信息内容建设年度考核评估和督查机制，分级分类进行考核评估，使之制度化、常态化。": (
        "The building and management of government websites shall be part of the target and performance "
        "assessment of the bodies that run them. An annual assessment and inspection of the content of "
        "government websites shall be established, carried out by level and by category, and made a regular "
        "institution."
    ),
    "对考核评估合格且社会评价优秀的政府网站，给予相关单位和人员表扬，推广先进经验。对于不合格的，通报相关主管主办部门和单位，要求限期整改，对分管负责人和工作人员进行问责和约谈。完善专业机构、媒体、公众相结合的社会评价机制，对政府网站开展社会评价和监督，评价过程和结果向社会公开。": (
        "Where a government website passes the assessment and is rated excellent by the public, the bodies and "
        "staff responsible shall be commended and their experience shared. Where a website fails, the bodies "
        "running it shall be notified and required to make corrections within a time limit, and the officials "
        "and staff in charge shall be held accountable and summoned for talks. A public evaluation system "
        "combining professional bodies, the media and the public shall evaluate and oversee government "
        "websites, and the process and results of the evaluation shall be made public."
    ),
    "国务院办公厅和各省、区、市政府办公厅每年要举办培训班或交流研讨会，对政府网站分管负责人和工作人员进行培训，切实提高政府办网和管网水平。": (
        "Every year the General Office of the State Council and the general offices of the provincial, "
        "regional and municipal governments shall hold training courses or workshops for the officials and "
        "staff in charge of government websites, so that governments run and manage their websites better."
    ),
    # --- Its interpretations ------------------------------------------------------------------------
    "《国务院办公厅关于加强政府网站信息内容建设的意见》解读": f"Interpretation of the {OPINION_TITLE_EN}",
    "从出台背景、主要内容和贯彻落实三个方面，介绍《意见》对全市政府网站信息内容建设提出的要求。": (
        "What the Opinions require of the content of the city's government websites: their background, their "
        "main provisions and how the city implements them."
    ),
    "一、出台背景": "1. Background",
    "政府网站是政府信息公开的第一平台。一些网站存在内容更新不及时、信息发布不准确、意见建议不回应等问题，《意见》针对这些问题，从信息发布、政策解读、回应关切、互动交流、协同联动、建设管理和考核评价七个方面提出要求。": (
        "Government websites are the primary platform for government information disclosure. Some websites were "
        "not updated in time, published inaccurate information or left comments unanswered. To address these "
        "problems, the Opinions set requirements in seven areas: information release, policy interpretation, "
        "responses to public concerns, interaction with the public, coordination, website building and "
        "management, and assessment."
    ),
    "二、主要内容": "2. Main Provisions",
    "信息发布：第一时间发布重要会议、重要活动、重大政策信息，做到“五公开”；": (
        "Information release: news of important meetings, major activities and major policies is published "
        "without delay, and decision-making, implementation, administration, services and results are all made "
        "public;"
    ),
    "政策解读：重大政策出台时同步推出解读，政策与解读同步发布；": (
        "Policy interpretation: interpretations are prepared with every major policy and published together with it;"
    ),
    "回应关切：围绕社会热点及时回应，阐明政策、解疑释惑；": (
        "Responding to concerns: issues of public concern receive a timely response that explains the policy "
        "and answers questions;"
    ),
    "互动交流：网民意见建议在7个工作日内反馈处理意见，情况复杂的可延长至15个工作日。": (
        "Interaction: the public's opinions and suggestions receive a response within 7 working days, or 15 "
        "working days in complex cases."
    ),
    "三、贯彻落实": "3. Implementation",
    "全市各级政府网站统一部署在市级集约化平台，按照《意见》建立信息员制度和“先审后发”流程，把重大政策与解读同步发布纳入发布流程，并按栏目类别监测更新情况。": (
        "All government websites of the city run on one municipal platform. Following the Opinions, the city "
        'has introduced information officers and a "review before release" process, made the simultaneous '
        "release of major policies and their interpretations part of that process, and monitors how each kind "
        "of section is updated."
    ),
    "专家解读：让政府网站成为政府信息公开的第一平台": (
        "Expert View: Making Government Websites the Primary Platform for Government Information Disclosure"
    ),
    "专家认为，《意见》把政府网站从“建起来”推向“用起来”，关键在于内容保障和回应机制。": (
        "In the expert's view, the Opinions move government websites from being built to being used, and the "
        "key lies in reliable content and in answering the public."
    ),
    "《意见》的一个突出特点，是把政府网站的重心从技术建设转向信息内容建设。网站建得再好，内容不更新、留言不回应，公众就不会用。": (
        "A striking feature of the Opinions is that they shift the focus of government websites from technology "
        "to content. However well a website is built, the public will not use it if its content is never "
        "updated and its messages go unanswered."
    ),
    "政策与解读同步发布，是让公众读懂政策、减少误读的关键一步。": (
        "Publishing a policy together with its interpretation is a key step towards helping the public "
        "understand it and avoiding misreadings."
    ),
    "周明远，示例大学公共管理学院教授": "Zhou Mingyuan, Professor, School of Public Administration, Shili University",
    "集约化是内容保障的前提": "A Shared Platform Makes Reliable Content Possible",
    "县级政府部门不再单独建网站、统一在上级平台开设子站，既节约了重复投入，也使信息员、审核和考核制度能够统一落实。今后评价政府网站，应当更多看内容是否准确及时、回应是否实在。": (
        "With county-level departments no longer building websites of their own but opening sub-sites on the "
        "platform above them, duplicate spending is saved, and the systems of information officers, review and "
        "assessment can be applied in the same way everywhere. In future, government websites should be judged "
        "more on whether their content is accurate and timely and whether their answers are substantive."
    ),
    "图解：国务院办公厅关于加强政府网站信息内容建设的意见": f"Infographic: {OPINION_TITLE_EN}",
    "用四张图读懂《意见》：一个平台、同步解读、及时回应、考核评价。": (
        "The Opinions in four pictures: one platform, simultaneous interpretation, timely answers and assessment."
    ),
    "一图读懂《意见》": "The Opinions at a Glance",
    "第一张图：政府网站作为信息公开第一平台的示意插画": (
        "Picture 1: an illustration of the government website as the primary platform for publishing information"
    ),
    "图1 政府网站是政府信息公开的第一平台": (
        "Figure 1: Government websites are the primary platform for government information disclosure"
    ),
    "第二张图：政策与解读同步发布的示意插画": (
        "Picture 2: an illustration of a policy and its interpretation published together"
    ),
    "图2 重大政策出台时同步发布解读": "Figure 2: Major policies are published together with their interpretations",
    "第三张图：网民留言按时限得到答复的示意插画": (
        "Picture 3: an illustration of messages from the public answered on time"
    ),
    "图3 网民意见建议7个工作日内反馈": "Figure 3: The public's suggestions are answered within 7 working days",
    "第四张图：年度考核评估的示意插画": "Picture 4: an illustration of the annual assessment",
    "图4 政府网站建设管理纳入绩效考核": (
        "Figure 4: Website building and management are part of performance assessment"
    ),
    "以上图解根据《意见》要点整理，具体要求以《意见》原文为准。": (
        "This infographic summarizes the main points of the Opinions; the original text of the Opinions is "
        "authoritative."
    ),
    # --- 政府信息公开指南 (every site publishes one) -------------------------------------------------
    "示例市人民政府政府信息公开指南": "Guide to Government Information Disclosure of Shili Municipal People's Government",
    "为便于公民、法人和其他组织获取示例市人民政府的政府信息，根据《中华人民共和国政府信息公开条例》编制本指南。": (
        "This guide helps citizens, legal persons and other organizations obtain government information from "
        "Shili Municipal People's Government. It follows the Regulations of the People's Republic of China on "
        "Government Information Disclosure."
    ),
    "为保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。需要获得示例市人民政府政府信息公开服务的公民、法人和其他组织，建议阅读本指南。": (
        "This guide is issued under the Regulations of the People's Republic of China on Government Information "
        "Disclosure (the Regulations) to ensure that citizens, legal persons and other organizations can obtain "
        "government information in accordance with the law, and to make the work of the government more "
        "transparent. Citizens, legal persons and other organizations who need the government information "
        "disclosure services of Shili Municipal People's Government are advised to read it."
    ),
    "一、主动公开": "1. Proactive Disclosure",
    "主动公开的政府信息包括机构职能、政策文件、政策解读、规划计划、财政预决算和重点领域信息等，通过本网站“政务公开”栏目发布。": (
        "Government information subject to proactive disclosure includes the functions of government bodies, "
        "policy documents, policy interpretations, plans, budgets and final accounts, and information on key "
        'areas. It is published in the "Government Information" section of this website.'
    ),
    "属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内及时公开。": (
        "Government information within the scope of proactive disclosure is made public within 20 working days "
        "of being created or changed."
    ),
    "二、依申请公开": "2. Disclosure upon Application",
    "公民、法人或者其他组织可以向示例市人民政府办公室申请获取相关政府信息。申请人可以当面提交、邮寄或者在线提交申请，申请时应当提供身份证明，写明姓名或者名称、联系方式，以及所需政府信息的名称、文号或者便于查询的其他特征性描述。": (
        "Citizens, legal persons and other organizations may apply to the General Office of Shili Municipal "
        "People's Government for government information. Applications may be made in person, by post or online. "
        "Applicants shall provide proof of identity and state their name, contact details, and the title, "
        "document number or another description of the information that helps to find it."
    ),
    "三、答复时限": "3. Time Limits for Replies",
    "行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。": (
        "Where an administrative body receiving an application for government information disclosure can reply "
        "on the spot, it shall do so. Where it cannot, it shall reply within 20 working days of receiving the "
        "application. An extension requires the consent of the head of the body's government information "
        "disclosure office and shall be notified to the applicant; it may not exceed 20 working days."
    ),
    "《中华人民共和国政府信息公开条例》第三十三条": (
        "Article 33, Regulations of the People's Republic of China on Government Information Disclosure"
    ),
    "四、监督和救济": "4. Oversight and Remedies",
    "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。": (
        "Citizens, legal persons and other organizations who consider that an administrative body has infringed "
        "their lawful rights and interests in its government information disclosure work may complain to the "
        "administrative body at the next level up or to the authority in charge of government information "
        "disclosure, or apply for administrative reconsideration or bring an administrative lawsuit in "
        "accordance with the law."
    ),
    # --- The portal's news ----------------------------------------------------------------------------
    "市政府召开全市政府网站与政务新媒体工作推进会": "City Holds Meeting to Advance Work on Government Websites and New Media",
    "会议总结全市政府网站集约化建设情况，部署信息发布、政策解读、互动回应等重点工作。": (
        "The meeting reviewed the city's shared government website platform and set priorities for information "
        "release, policy interpretation and answering the public."
    ),
    "日前，示例市人民政府召开全市政府网站与政务新媒体工作推进会，总结前一阶段政府网站集约化建设情况，部署下一步信息内容建设重点工作。市政府副秘书长出席会议并讲话，各区县人民政府办公室、市直各部门分管负责同志参加会议。": (
        "Shili Municipal People's Government recently held a citywide meeting on government websites and "
        "government new media, reviewing the work on the shared website platform so far and setting the next "
        "priorities for website content. The Deputy Secretary-General of the Municipal Government attended and "
        "spoke. Officials in charge from the general offices of the district and county People's Governments "
        "and from the municipal departments took part."
    ),
    "会议指出，全市政府网站集约化平台上线以来，各区县、各部门网站统一部署在市级平台，实现了统一标准体系、统一技术平台、统一安全防护、统一运维监管，信息发布的时效性和规范性明显提升。": (
        "The meeting noted that since the shared platform went live, the websites of all districts, counties and "
        "departments have run on the municipal platform with one set of standards, one technical platform, one "
        "security system and one operations team, and information is now published markedly faster and more "
        "consistently."
    ),
    "示例市中心城区楼宇、山丘与太阳的插画": "An illustration of buildings, hills and the sun in central Shili",
    "示例市中心城区风貌（示意图）": "Central Shili (illustration)",
    "压实信息发布责任": "Clear Responsibility for Publishing",
    "会议要求，各单位要把政府网站作为政府信息公开的第一平台，第一时间发布重要会议、重要活动、重大政策信息；严格落实信息员采写、编辑初审、审核复核、签发终审的发布流程，确保发布内容准确、规范、安全。": (
        "The meeting required every body to treat its government website as the primary platform for government "
        "information disclosure and to publish news of important meetings, major activities and major policies "
        "without delay. The publishing process must be followed strictly: information officers write, editors "
        "make the first check, reviewers check again and approvers give final sign-off, so that everything "
        "published is accurate, consistent and secure."
    ),
    "政府网站是信息化条件下政府密切联系人民群众的重要桥梁，也是网络时代政府履行职责的重要平台。": (
        "Government websites are an important bridge between the government and the people in the information "
        "age, and an important platform for the government to perform its duties online."
    ),
    "《国务院办公厅关于加强政府网站信息内容建设的意见》": OPINION_TITLE_EN,
    "下一阶段重点工作": "Priorities for the Next Stage",
    "市政府召开常务会议 研究部署优化营商环境等工作": (
        "Executive Meeting of the Municipal Government Plans Work on the Business Environment"
    ),
    "会议研究了优化营商环境、冬季安全生产和城乡居民就业帮扶等工作。": (
        "The meeting discussed improving the business environment, workplace safety in winter and employment "
        "support for urban and rural residents."
    ),
    "日前，市长主持召开市政府常务会议，研究部署优化营商环境、冬季安全生产和城乡居民就业帮扶等工作。": (
        "The Mayor recently chaired an executive meeting of the Municipal Government on improving the business "
        "environment, workplace safety in winter and employment support for urban and rural residents."
    ),
    "会议强调，优化营商环境是激发市场活力的重要抓手。要持续深化“放管服”改革，推动更多政务服务事项“一网通办”，让企业和群众办事少跑腿、好办事。": (
        "The meeting stressed that a better business environment is key to unleashing the vitality of the "
        "market. The city will continue to streamline administration, delegate powers and improve services, "
        "and bring more government services online through a single portal, so that businesses and residents "
        "make fewer trips and get things done more easily."
    ),
    "会议研究的其他事项": "Other Matters Discussed",
    "审议并原则通过《示例市政务服务“一件事一次办”工作方案》；": (
        'Reviewed and approved in principle the Shili Work Plan for "One Application per Life Event" in '
        "government services;"
    ),
    "听取全市冬季安全生产和消防安全工作情况汇报，要求压实属地和行业监管责任；": (
        "Heard a report on workplace and fire safety in winter, and required local authorities and industry "
        "regulators to fulfil their supervisory responsibilities;"
    ),
    "研究高校毕业生、退役军人和农民工等重点群体就业帮扶措施。": (
        "Discussed employment support for key groups such as college graduates, veterans and migrant workers."
    ),
    "会议还研究了其他事项。": "The meeting also discussed other matters.",
    # --- 青山区's news --------------------------------------------------------------------------------
    "青山区召开老旧小区改造工作推进会": "Qingshan District Holds Meeting on Renovating Old Residential Communities",
    "会议通报全区老旧小区改造进展，要求各街道倒排工期，确保年度改造任务按期完成。": (
        "The meeting reviewed the renovation of old residential communities in the district and asked every "
        "sub-district to plan backwards from its deadlines so that this year's work is finished on time."
    ),
    "日前，青山区召开老旧小区改造工作推进会，通报全区改造项目进展情况，分析存在问题，部署下一阶段工作。副区长出席会议并讲话，区住房和城乡建设局、各街道办事处负责同志参加会议。": (
        "Qingshan District recently held a meeting on the renovation of old residential communities, reviewing "
        "the progress of the district's projects, analyzing problems and planning the next stage. A Deputy "
        "District Mayor attended and spoke. Officials from the District Housing and Urban-Rural Development "
        "Bureau and all sub-district offices took part."
    ),
    "会议指出，今年全区计划改造老旧小区32个，涉及居民4800余户，目前已完工21个。改造完成的小区普遍加装了电梯扶手、更新了雨污管网、增设了充电设施，居民满意度明显提升。": (
        "The meeting noted that the district plans to renovate 32 old residential communities this year, home "
        "to more than 4,800 households, and that 21 have been completed. Most renovated communities now have "
        "new handrails, new rainwater and sewage pipes and charging points, and residents are clearly more "
        "satisfied."
    ),
    "青山区城区楼宇与绿地的插画": "An illustration of buildings and green spaces in Qingshan District",
    "青山区城区风貌（示意图）": "Qingshan District (illustration)",
    "倒排工期抓进度": "Keeping to Schedule",
    "会议要求，各街道要对照年度任务清单倒排工期，逐个小区明确责任人和完成时限，做到施工质量和安全“两手抓”。": (
        "Each sub-district was asked to plan backwards from its annual task list, name a person responsible and "
        "a completion date for every community, and pay equal attention to construction quality and safety."
    ),
    "青山区开展高层建筑消防安全应急演练": "Qingshan District Holds Fire Drill in High-Rise Building",
    "区应急管理局联合消防救援大队在北湖街道开展高层建筑火灾疏散和初期火灾扑救演练。": (
        "The District Emergency Management Bureau and the fire and rescue brigade held an evacuation and early "
        "firefighting drill in a high-rise building in Beihu Sub-district."
    ),
    "为提高居民消防安全意识和自救互救能力，近日，区应急管理局联合区消防救援大队在北湖街道某高层住宅小区开展消防安全应急演练。": (
        "To raise residents' awareness of fire safety and their ability to help themselves and each other, the "
        "District Emergency Management Bureau and the District Fire and Rescue Brigade recently held a fire "
        "drill in a high-rise residential community in Beihu Sub-district."
    ),
    "演练模拟住宅楼发生火情，物业微型消防站第一时间响应，组织居民有序疏散，消防救援人员随后赶到现场开展灭火救援。演练结束后，消防救援人员现场讲解了灭火器使用方法和火场逃生要领。": (
        "The drill simulated a fire in a residential building. The property's mini fire station responded at "
        "once and led residents out in an orderly evacuation, and firefighters then arrived to put out the fire "
        "and carry out rescue. Afterwards the firefighters showed residents how to use fire extinguishers and "
        "how to escape from a fire."
    ),
    "发生火灾时切勿乘坐电梯，应用湿毛巾捂住口鼻，沿疏散楼梯有序撤离。": (
        "In a fire, never take the lift. Cover your nose and mouth with a wet towel and leave calmly by the "
        "evacuation stairs."
    ),
    "区消防救援大队": "District Fire and Rescue Brigade",
}
