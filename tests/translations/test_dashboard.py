"""The translator's dashboard panel: their sites' translation work at a glance, with the way to 翻译任务."""

from django.urls import reverse

from tests.translations.helpers import translator_group


def test_a_translator_sees_how_much_work_waits_and_the_link_to_it(client, english, make_user):
    client.force_login(make_user(translator_group(english.county_a)))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-work-heading"' in html
    assert "待翻译" in html
    assert reverse("translations_work") in html


def test_other_staff_see_no_translation_panel(client, english, make_user):
    client.force_login(make_user(english.county_a.groups["编辑"]))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-work-heading"' not in html
