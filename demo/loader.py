"""Put the demo site group into the database (see docs/demo.md).

Every site is opened with `provision_subsite`, exactly as an administrator
would, and filled in only when this load opened it: a demo site that already
exists is left as it is, so whatever was edited, moved or deleted while
trying the demo stays that way. The demo users are checked on every load.
The whole load runs in one transaction, so it never stops halfway.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from demo.consultations import load_consultations_demo
from demo.content import SITES
from demo.english import open_english, translate_english
from demo.files import DOCUMENT_NOTE, banner_png, simple_pdf
from demo.history import publish
from demo.interviews import load_interviews_demo
from demo.mailbox import load_mailbox_demo
from demo.monitoring import load_monitoring_demo
from demo.policies import PUBLISHING_TIME, publish_policies, topics_named
from demo.submissions import load_submissions_demo
from demo.users import ensure_users
from emergency.models import EmergencyIndexPage, EmergencyPage, EmergencyUpdate
from home.models import ArticleAttachment, ArticlePage, ColumnPage
from sitegroup.models import SiteIdentity
from sitegroup.provisioning import provision_subsite


@dataclass
class LoadReport:
    sites: list  # (DemoSite, Wagtail Site) in tree order
    created_pages: int
    logins: list
    english: list  # demo.english.EnglishSite of each site translated by this load
    monitoring: list  # demo.monitoring.SiteState of each site: today's audit


def load_demo(*, port, password, usable_passwords):
    """Load (or complete) the demo site group; see `ensure_users` for the password rules."""
    with transaction.atomic():
        _move_demo_sites_to(port)
        loaded, created_pages, new_keys = [], 0, set()
        portal_home = None
        for spec in SITES:
            parent = portal_home or Page.get_first_root_node()
            is_new = not parent.get_children().filter(slug=spec.slug).exists()
            result = provision_subsite(
                parent=parent, name=spec.name, slug=spec.slug, kind=spec.kind, hostname=spec.hostname, port=port
            )
            if is_new:
                created_pages += _fill_site(spec, result)
                new_keys.add(spec.key)
            portal_home = portal_home or result.home
            loaded.append((spec, result))
        _make_default_site(loaded[0][1].site)
        logins = ensure_users(loaded, password=password, usable=usable_passwords)
        load_mailbox_demo(loaded, usable_password=usable_passwords)
        load_submissions_demo(loaded)
        created_pages += load_interviews_demo(loaded)
        created_pages += load_consultations_demo(loaded)
        # English is opened on sites already filled, as on a real site group (and the pages published above
        # give no translation work to follow). Its 翻译 groups are new: the users again, for their translators.
        if open_english(loaded, new_keys):
            logins = ensure_users(loaded, password=password, usable=usable_passwords)
        english = translate_english(loaded, new_keys)
        monitoring = load_monitoring_demo(loaded, new_keys)
    return LoadReport(
        sites=[(spec, result.site) for spec, result in loaded],
        created_pages=created_pages,
        logins=logins,
        english=english,
        monitoring=monitoring,
    )


def _move_demo_sites_to(port):
    """Loading with another --port moves the demo's Site records instead of adding new ones."""
    for spec in SITES:
        for site in Site.objects.filter(hostname=spec.hostname, root_page__title=spec.name).exclude(port=port):
            site.port = port
            site.save()


def _make_default_site(site):
    """The portal answers any hostname no other site claims, such as 127.0.0.1."""
    if not site.is_default_site:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
        site.is_default_site = True
        site.save()


def _fill_site(spec, result):
    """Give a newly opened site its identity, introduction and articles; return the number of pages created."""
    _fill_identity(result.site, spec.identity)
    result.home.intro = spec.intro
    result.home.organisation_code = spec.organisation_code
    result.home.save_revision().publish()
    created = 0
    if spec.aggregate_column is not None:
        _add_aggregate_column(result.home, spec.aggregate_column)
        created += 1
    media = SiteMedia(spec, result.collection)
    columns = _columns_by_path(result.home)
    for article in spec.articles:
        _publish_article(columns[article.column], article, media)
    created += publish_policies(spec, result.home, columns, media)
    if spec.emergency is not None:
        _publish_emergency(result.home, spec.emergency)
        created += 1
    return created + len(spec.articles)


def _fill_identity(site, values):
    identity = SiteIdentity.for_site(site)
    for name, value in values.items():
        setattr(identity, name, value)
    identity.full_clean()
    identity.save()


def _columns_by_path(home):
    """The pages of a just opened site keyed by their slug path below the home page, e.g. "zwgk/tzgg": its
    columns and index pages (政策文件库, 政策解读 …), whatever their page types, for articles and policies."""
    prefix = len(home.url_path)
    return {page.url_path[prefix:].strip("/"): page for page in Page.objects.descendant_of(home).specific()}


def _add_aggregate_column(home, spec):
    column = ColumnPage(
        title=spec.title,
        slug=spec.slug,
        family=spec.family,
        update_category=spec.update_category,
        intro=spec.intro,
        aggregate_subsites=True,
        show_in_menus=True,
    )
    home.add_child(instance=column)
    column.save_revision().publish()


def _publish_article(column, article, media):
    day = article.published or timezone.localdate() - timedelta(days=article.days_ago)
    documents = media.add_documents(article, day)
    raw_blocks = (block.to_raw(media, day.year) for block in article.body)
    body = [{"type": block_type, "value": value} for block_type, value in raw_blocks]
    page = ArticlePage(
        title=article.title.format(year=day.year),
        slug=article.slug,
        kind=article.kind,
        date=day,
        source=article.source,
        author=article.author,
        summary=article.summary.format(year=day.year),
        body=body,
        first_published_at=timezone.make_aware(datetime.combine(day, PUBLISHING_TIME)),
        disclosure_category=article.disclosure_category,
        cover_image=media.banner if article.cover else None,
    )
    page.topics = topics_named(article.topics)
    page.attachments = [
        ArticleAttachment(document=documents[title.format(year=day.year)]) for title in article.attachments
    ]
    column.add_child(instance=page)
    publish(page)


def _publish_emergency(home, spec):
    """An ongoing emergency whose updates were posted in the last hours before loading."""
    now = timezone.now()
    page = EmergencyPage(
        title=spec.title,
        slug=spec.slug,
        level=spec.level,
        summary=spec.summary,
        first_published_at=now - timedelta(minutes=max(update.minutes_ago for update in spec.updates)),
    )
    page.updates = [
        EmergencyUpdate(time=now - timedelta(minutes=update.minutes_ago), text=update.text) for update in spec.updates
    ]
    EmergencyIndexPage.objects.child_of(home).get().add_child(instance=page)
    publish(page)


class SiteMedia:
    """The images and documents of one demo site, kept in the site's own collection."""

    def __init__(self, spec, collection):
        self.spec = spec
        self.collection = collection
        self.banner = self._banner()
        self.documents = {}

    def _banner(self):
        png = banner_png(*self.spec.banner_colours)
        image = get_image_model()(
            title=f"{self.spec.name}城市风貌插画",
            # The alt text wherever the image stands for itself, as the cover image of 要闻 (home.blocks).
            description="城市楼群、山丘与太阳的插画",
            collection=self.collection,
            file=ImageFile(ContentFile(png), name=f"{self.spec.key}-banner.png"),
        )
        image.save()
        return image

    def add_documents(self, article, day):
        """Generate the article's PDFs; returns them by title (for attachments and document blocks)."""
        document_model = get_document_model()
        created = {}
        for index, title in enumerate(article.document_titles(), start=1):
            title = title.format(year=day.year)
            text = [self.spec.name, day.isoformat(), article.summary.format(year=day.year), DOCUMENT_NOTE]
            pdf = simple_pdf(title, text)
            # The size the admin's upload form records; attachment lists show it (“PDF，1.2 KB”).
            document = document_model(title=title, collection=self.collection, file_size=len(pdf))
            document.file.save(f"{article.slug}-{index}.pdf", ContentFile(pdf), save=False)
            document.save()
            created[title] = document
        self.documents.update(created)
        return created

    def document(self, title):
        return self.documents[title]
