"""The footer pages of every site (govcms_provision_site, sitegroup.provisioning): 联系我们, 网站声明 and
隐私政策 below the home, out of the column menu, with default text the site's editors then adapt.

Each is made once, then left to the site: provisioning again creates only the footer pages no page below the
home claims, live or not (so sites opened before these pages existed get them by being provisioned again).
A slug another page already holds is refused, as for every provisioned page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from govcms.core.provisioning import INTERACTION_COLUMN
from home.models import ColumnPage, FooterLink, StandardPage

# (slug, title, [(heading or "", paragraph HTML), ...]) of each footer page, in Chinese like the rest of the
# default content (the site's editors adapt it; translations go through wagtail-localize).
DEFAULT_FOOTER_PAGES = {
    FooterLink.CONTACT: (
        "lxwm",
        "联系我们",
        [
            ("", "<p>欢迎您对本网站的内容和服务提出意见和建议。</p>"),
            (
                "",
                "<p>咨询、投诉和建议也可以通过本站的政民互动信箱提交，我们将在规定时限内办理和答复。</p>",
            ),
        ],
    ),
    FooterLink.STATEMENT: (
        "wzsm",
        "网站声明",
        [
            (
                "版权声明",
                "<p>本网站所载内容，除注明转载的以外，版权归本网站主办单位所有。欢迎以非商业目的转载、引用，转载时请注明来源并链接原文，不得歪曲、篡改原意。</p>",
            ),
            (
                "免责声明",
                "<p>本网站发布的政策文件以正式印发的文本为准。本网站提供的外部链接仅为方便访问，相关网站的内容由其主办单位负责。</p>",
            ),
            (
                "意见与纠错",
                "<p>发现本网站内容有误或链接失效，请通过页面底部的“我为政府网站找错”反映，我们将及时核实处理。</p>",
            ),
        ],
    ),
    FooterLink.PRIVACY: (
        "yszc",
        "隐私政策",
        [
            ("", "<p>本网站依照《中华人民共和国个人信息保护法》等法律法规处理个人信息。</p>"),
            (
                "我们收集的信息",
                "<p>浏览本网站无需提供个人信息。您通过政民互动信箱等表单提交信息时，我们收集您填写的姓名、联系方式和内容，仅用于办理和答复您的事项。</p>",
            ),
            (
                "Cookie",
                "<p>本网站只使用提供功能所必需的Cookie（如长者模式的显示偏好、表单的安全校验），不使用第三方跟踪或广告Cookie。</p>",
            ),
            (
                "信息的保存与保护",
                "<p>我们采取必要的安全措施保护您提交的信息，不向第三方出售或提供，法律法规另有规定的除外。</p>",
            ),
        ],
    ),
}


def provision_footer_pages(context):
    existing = set(StandardPage.objects.child_of(context.home).values_list("footer_link", flat=True))
    for link, (slug, title, sections) in DEFAULT_FOOTER_PAGES.items():
        if link not in existing:
            _create_page(context.home, link, slug, title, sections)
            context.created.append(_("页脚页面“%(title)s”") % {"title": title})


def _create_page(home, link, slug, title, sections):
    taken = home.get_children().filter(slug=slug).first()
    if taken is not None:
        raise ValidationError(
            _("“%(slug)s”已被“%(title)s”使用，无法创建页脚页面“%(page)s”。")
            % {"slug": slug, "title": taken.title, "page": title}
        )
    body = []
    for heading, paragraph in sections:
        if heading:
            body.append(("heading", {"text": heading, "level": "h2"}))
        body.append(("paragraph", RichText(paragraph)))
    page = StandardPage(title=title, slug=slug, footer_link=link, body=body, show_in_menus=False)
    home.add_child(instance=page)
    page.save_revision().publish()


def provision_interaction_page(context, page, created_label):
    """Add `page` (unsaved) under the site's 互动交流 column once, publish it, and report `created_label`.

    A site whose 互动交流 column was removed is left alone, as is one whose column already holds a page of
    that type or a page with that slug: the site's staff may have moved, renamed or replaced it.
    """
    column = ColumnPage.objects.child_of(context.home).filter(slug=INTERACTION_COLUMN).first()
    if column is None or type(page).objects.child_of(column).exists():
        return
    if column.get_children().filter(slug=page.slug).exists():
        return
    column.add_child(instance=page)
    page.save_revision().publish()
    context.created.append(created_label)
