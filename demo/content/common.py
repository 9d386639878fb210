"""Content every demo site carries in the same form, as real sites do."""

from demo.spec import Article, document, heading, para, quote, table
from disclosure.models import DisclosureCategory

OFFICE_HOURS = "工作日 9:00—12:00，13:30—17:00"


def disclosure_guide(*, site_name, office, address, phone, days_ago):
    """政府信息公开指南: the guide every government website publishes under 政务公开."""
    application_form = f"{site_name}政府信息公开申请表"
    return Article(
        column="zwgk",
        slug="disclosure-guide",
        disclosure_category=DisclosureCategory.MANAGEMENT,
        topics=("综合政务",),
        title=f"{site_name}政府信息公开指南",
        summary=f"为便于公民、法人和其他组织获取{site_name}的政府信息，根据《中华人民共和国政府信息公开条例》编制本指南。",
        source=office,
        days_ago=days_ago,
        attachments=(application_form,),
        body=(
            para(
                "为保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，"
                "根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。"
                f"需要获得{site_name}政府信息公开服务的公民、法人和其他组织，建议阅读本指南。",
            ),
            heading("一、主动公开"),
            para(
                "主动公开的政府信息包括机构职能、政策文件、政策解读、规划计划、财政预决算和重点领域信息等，"
                "通过本网站“政务公开”栏目发布。",
                "属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内及时公开。",
            ),
            heading("二、依申请公开"),
            para(
                f"公民、法人或者其他组织可以向{office}申请获取相关政府信息。申请人可以当面提交、邮寄或者在线提交申请，"
                "申请时应当提供身份证明，写明姓名或者名称、联系方式，以及所需政府信息的名称、文号或者便于查询的其他特征性描述。",
            ),
            table(
                ("受理机构", "地址", "办公时间", "联系电话"),
                (office, address, OFFICE_HOURS, phone),
                caption="依申请公开受理机构",
            ),
            document(application_form),
            heading("三、答复时限"),
            quote(
                "行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。"
                "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；"
                "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。",
                "《中华人民共和国政府信息公开条例》第三十三条",
            ),
            heading("四、监督和救济"),
            para(
                "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，"
                "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。",
            ),
        ),
    )
