"""Activities, posts and venues through their actions and pages: a clerk's event in a village of their own
township, the bounds on attendance, a village outside the clerk's area refused with nothing written, the bureau's
event owned by the township's 司法所, seed 004's figures on fixture records, the ledger and the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sifa.core.models import AuditEvent
from sifa.indicators import engine
from sifa.publicity import actions
from sifa.publicity.models import Activity, Form, Platform, Topic
from tests import factories

from .builders import activity

D = dt.date


def _written():
    return Activity.objects.count(), AuditEvent.objects.count()


def test_a_clerk_records_an_event_in_a_village_of_their_township(office_user, villages, tree):
    event = activity(office_user, village=villages["yangmiao"], banners=2, boards=3, consultations=25)
    assert (event.org, event.township_code, event.attendance, event.consultations) == (tree["office_a"], "341321100",
                                                                                       300, 25)
    assert AuditEvent.objects.filter(verb="登记普法活动").count() == 1


@pytest.mark.parametrize("attendance, message", [
    (-5, "受众人次不能小于0"),
    (1_000_000, "在村（社区）举办的活动，受众人次（1000000）不应超过5000"),
    ("很多", "受众人次应为整数"),
])
def test_absurd_attendance_is_refused_and_nothing_written(office_user, villages, attendance, message):
    before = _written()
    with pytest.raises(ValidationError, match=message):
        activity(office_user, village=villages["yangmiao"], attendance=attendance)
    assert _written() == before


def test_more_consultations_than_people_is_refused(office_user, villages):
    with pytest.raises(ValidationError, match="现场咨询人次（400）不能多于受众人次（300）"):
        activity(office_user, village=villages["yangmiao"], consultations=400)


def test_a_village_outside_the_clerks_township_is_refused(office_user, villages):
    before = _written()
    with pytest.raises(ValidationError, match="村（社区）“周寨社区村委会”不在您的管辖范围（砀城司法所）内"):
        activity(office_user, village=villages["zhouzhai"])
    assert _written() == before


def test_the_bureaus_event_in_a_village_belongs_to_that_townships_office(bureau_user, villages, tree):
    event = activity(bureau_user, village=villages["zhouzhai"])
    assert event.org == tree["office_b"]
    county_wide = activity(bureau_user, attendance=20000)
    assert county_wide.org == tree["bureau"] and county_wide.township_code == ""


def test_online_events_may_reach_more_people(office_user):
    assert activity(office_user, form=Form.NEW_MEDIA, attendance=120000).attendance == 120000


@pytest.fixture
def seed_004(db):
    """[004]: 40余次活动, 标语85条, 板报25块, 宣传品1500余份, 资料2500余册, 咨询350余人次; 网站40余篇, 公众号600余篇."""
    tree = factories.county_tree("330783", "东阳市")
    user = factories.user(tree["bureau"], role="section_staff")
    for n in range(42):
        actions.record_activity(user, held_on=D(2021, 3, 1) + dt.timedelta(days=n), title=f"普法宣传{n}",
                                form=Form.PUBLICITY if n % 3 else Form.LECTURE, topic=Topic.CIVIL_CODE,
                                organiser="司法局", attendance=200, banners=2 + (n < 1), boards=1 if n < 25 else 0,
                                giveaways=36 + (n < 8), materials=60 + (n < 10), consultations=8 + (n < 20))
    for month in range(1, 7):
        actions.record_post(user, published_on=D(2021, month, 5), platform=Platform.WECHAT, account="东阳司法",
                            title="月度汇编", posts=102)
        actions.record_post(user, published_on=D(2021, month, 6), platform=Platform.WEBSITE, account="门户网站",
                            title="月度汇编", posts=7 + (month == 1))
    return tree


def test_seed_004_figures(seed_004):
    figures = {code: engine.evaluate(f"publicity.{code}", "330783", "2021H1").value
               for code in ("activities", "banners", "boards", "giveaways", "materials", "consultations",
                            "web_posts", "wechat_posts")}
    assert figures == {"activities": 42, "banners": 85, "boards": 25, "giveaways": 1520, "materials": 2530,
                       "consultations": 356, "web_posts": 43, "wechat_posts": 612}


@pytest.fixture
def seed_002(db):
    """[002] 东阳: 586场, 22万余人."""
    tree = factories.county_tree("330783", "东阳市")
    user = factories.user(tree["bureau"], role="section_staff")
    for n in range(586):
        actions.record_activity(user, held_on=D(2021, 1, 1) + dt.timedelta(days=n % 360), title=f"活动{n}",
                                form=Form.PUBLICITY, topic=Topic.CIVIL_CODE, organiser="司法局",
                                attendance=376 + (n < 100))
    return tree


@pytest.mark.slow  # 586 events through the action, each with its audit row
def test_seed_002_events_and_audience(seed_002):
    assert engine.evaluate("publicity.activities", "330783", "2021").value == 586
    assert engine.evaluate("publicity.audience", "330783", "2021").value == 220436


def test_the_phone_form_records_an_event_and_refuses_a_village_out_of_scope(client, office_user, villages):
    client.force_login(office_user)
    page = client.get(reverse("publicity:activity_create")).content.decode()
    assert "杨庙村委会" in page and "周寨社区村委会" not in page  # only the clerk's villages are offered
    data = {"held_on": "2024-03-15", "title": "民法典进乡村", "form": Form.COUNTRYSIDE, "topic": Topic.CIVIL_CODE,
            "audience": "public", "village": "341321100200", "organiser": "砀城司法所", "attendance": "120",
            "materials": "200", "giveaways": "0", "banners": "1", "boards": "2", "consultations": "15"}
    bad = client.post(reverse("publicity:activity_create"), data | {"attendance": "1000000"})
    assert bad.status_code == 400 and "不应超过5000" in bad.content.decode()
    forged = client.post(reverse("publicity:activity_create"), data | {"village": "341321101200"})
    assert forged.status_code == 400 and Activity.objects.count() == 0
    ok = client.post(reverse("publicity:activity_create"), data)
    assert ok.status_code == 302
    event = Activity.objects.get()
    assert (event.village_id, event.attendance) == ("341321100200", 120)
    assert "民法典进乡村" in client.get(reverse("publicity:activity_list")).content.decode()


def test_the_api_records_an_event_through_the_same_action(client, office_user, villages):
    from sifa.core.models import ApiToken

    _, key = ApiToken.issue(office_user, "测试")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {"held_on": "2024-03-15", "title": "以案释法进村", "form": "case", "topic": "marriage",
            "village": "341321101200", "organiser": "砀城司法所", "attendance": 50}
    refused = client.post("/api/v1/publicity/activities", body, content_type="application/json", **headers)
    assert refused.status_code in (400, 422) and "不在您的管辖范围" in refused.content.decode()
    created = client.post("/api/v1/publicity/activities", body | {"village": "341321100200"},
                          content_type="application/json", **headers)
    assert created.status_code == 201 and created.json()["village"] == "341321100200"
    listed = client.get("/api/v1/publicity/activities", **headers).json()
    assert [a["title"] for a in listed["items"]] == ["以案释法进村"]
