"""An emergency's page (updates newest first, the first report last) and the 突发事件 index."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail_factories import ImageFactory

from emergency.models import EmergencyPage, EmergencyUpdate
from tests.emergency.utils import add_emergency, local_time
from tests.home.pages import fetch, texts

pytestmark = pytest.mark.django_db

# Entered out of order on purpose: the page orders by the time each update reports.
UPDATES = [
    ("2024-06-01 22:30", "续报：全县转移群众1200人。"),
    ("2024-06-01 20:00", "首报：县气象台发布暴雨红色预警。"),
    ("2024-06-02 06:15", "续报：降雨减弱，道路正在抢通。"),
]


@pytest.fixture
def rainstorm(site_group):
    return add_emergency(site_group.county_a.home, "暴雨红色预警", "rainstorm", updates=UPDATES)


def updates(soup):
    items = soup.select("ol.emergency-updates__list > li")
    return [
        (item.time["datetime"], item.time.get_text(), item.select_one(".emergency-update__text").get_text())
        for item in items
    ]


def test_updates_are_newest_first_with_the_first_report_last(client, rainstorm):
    soup = fetch(client, "/tfsj/rainstorm/", host="county-a.localhost")

    assert updates(soup) == [
        ("2024-06-02T06:15+0800", "2024-06-02 06:15", "续报：降雨减弱，道路正在抢通。"),
        ("2024-06-01T22:30+0800", "2024-06-01 22:30", "续报：全县转移群众1200人。"),
        ("2024-06-01T20:00+0800", "2024-06-01 20:00", "首报：县气象台发布暴雨红色预警。"),
    ]
    items = soup.select("ol.emergency-updates__list > li")
    assert [bool(item.select(".emergency-update__label")) for item in items] == [False, False, True]
    assert soup.select_one("ol.emergency-updates__list").has_attr("reversed")
    assert soup.h1.get_text() == "暴雨红色预警"
    assert "正在处置" in soup.select_one(".article-meta").get_text()


def test_machine_readable_times_are_valid_html_to_the_minute(client, rainstorm):
    """HTML allows at most three digits of a second's fraction; Python's isoformat() writes six."""
    rainstorm.updates.update(time=timezone.now())

    soup = fetch(client, "/tfsj/", host="county-a.localhost")
    soup_page = fetch(client, "/tfsj/rainstorm/", host="county-a.localhost")

    values = [time["datetime"] for page in (soup, soup_page) for time in page.select("time")]
    assert len(values) == 5  # banner and listing; the page's three updates
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d\+0800", value) for value in values), values


def test_a_late_correction_to_an_earlier_time_takes_its_place_in_time(client, rainstorm):
    EmergencyUpdate.objects.create(page=rainstorm, time=local_time("2024-06-01 21:00"), text="更正", sort_order=9)
    rainstorm.save_revision().publish()

    times = [time for _iso, time, _text in updates(fetch(client, "/tfsj/rainstorm/", host="county-a.localhost"))]

    assert times == ["2024-06-02 06:15", "2024-06-01 22:30", "2024-06-01 21:00", "2024-06-01 20:00"]


def test_a_preview_orders_unsaved_updates_the_same_way(rf):
    """Previews and reviewers see a page built from a revision: its updates are not in the database."""
    page = EmergencyPage(title="暴雨红色预警", level=1, summary="概要")
    page.updates = [EmergencyUpdate(time=local_time(time), text=text) for time, text in UPDATES]

    context = page.get_context(rf.get("/"))

    assert [update.text[:2] for update in context["updates"]] == ["续报", "续报", "首报"]
    assert [update.time for update in context["updates"]] == sorted((local_time(t) for t, _ in UPDATES), reverse=True)


def test_user_text_is_escaped_and_line_breaks_kept(client, site_group):
    add_emergency(
        site_group.county_a.home,
        "火情",
        "fire",
        summary="<b>请远离</b>",
        updates=[("2024-06-01 08:00", "第一行\n<i>第二行</i>")],
    )
    html = client.get("/tfsj/fire/", HTTP_HOST="county-a.localhost").content.decode()

    assert "&lt;b&gt;请远离&lt;/b&gt;" in html
    assert "第一行<br>&lt;i&gt;第二行&lt;/i&gt;" in html


def test_an_update_photo_has_its_alt_text(client, rainstorm):
    image = ImageFactory(title="积水路段")
    update = rainstorm.updates.order_by("time").first()
    update.image = image
    update.image_alt = "被积水淹没的青山路"
    update.save()

    soup = fetch(client, "/tfsj/rainstorm/", host="county-a.localhost")

    assert [img["alt"] for img in soup.select(".emergency-update img")] == ["被积水淹没的青山路"]


def test_a_photo_needs_alt_text():
    update = EmergencyUpdate(time=timezone.now(), text="现场照片", image=ImageFactory())
    with pytest.raises(ValidationError) as error:
        update.clean()
    assert "image_alt" in error.value.message_dict


def test_resolving_records_when_and_shows_it(client, rainstorm):
    rainstorm.resolved = True
    rainstorm.resolved_at = local_time("2024-06-03 09:00")
    rainstorm.save_revision().publish()

    meta = fetch(client, "/tfsj/rainstorm/", host="county-a.localhost").select_one(".article-meta").get_text()

    assert "已结束（2024-06-03 09:00）" in meta


def test_the_end_time_defaults_to_now_and_is_cleared_when_reopened(rainstorm):
    rainstorm.resolved = True
    rainstorm.full_clean()
    assert timezone.now() - rainstorm.resolved_at < timedelta(minutes=1)

    rainstorm.resolved = False
    rainstorm.full_clean()
    assert rainstorm.resolved_at is None


def test_the_index_lists_ongoing_emergencies_first(client, site_group, rainstorm):
    home = site_group.county_a.home
    add_emergency(home, "山火已扑灭", "fire", resolved=True, updates=[("2024-06-05 08:00", "首报")])
    add_emergency(home, "停水通知", "water", level=4, updates=[("2024-05-01 08:00", "首报")])
    expired = add_emergency(home, "大风预警", "wind", updates=[("2024-06-06 08:00", "首报")])
    EmergencyPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    add_emergency(home, "草稿", "draft", publish=False)

    soup = fetch(client, "/tfsj/", host="county-a.localhost")

    assert texts(soup.select(".article-list__title")) == ["暴雨红色预警", "停水通知", "大风预警", "山火已扑灭"]
    assert texts(soup.select(".emergency-status")) == ["正在处置", "正在处置", "已结束", "已结束"]
    assert soup.select_one(".article-list__title")["href"] == "/tfsj/rainstorm/"
    assert texts(soup.select(".article-list__meta time"))[0] == "2024-06-02 06:15"


def test_an_empty_index_says_so(client, site_group):
    soup = fetch(client, "/tfsj/", host="county-b.localhost")

    assert soup.h1.get_text() == "突发事件"
    assert "暂无突发事件信息。" in soup.select_one(".empty").get_text()
