"""Screening runs over stored points, alerts and their 核查, 失联, the second screen, reads and retention."""

import datetime as dt
import json
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sifa.core.models import ApiToken, AuditEvent
from sifa.core.models.audit import AuditEventType
from sifa.corrections import actions as cor_actions
from sifa.corrections.models import InfoCheck, RewardSanction
from sifa.tracks import actions, signals
from sifa.tracks.models import Alert, AlertKind, AlertStatus, LocationPoint, ScreenedSubject, ScreeningRun

from . import builders as b

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=10)


def _run(actor, org, start=DAY, end=DAY):
    return actions.run_screening(actor, org=org, start=start, end=end)


def test_run_finds_an_episode_outside_the_county_with_evidence(cor, tree, subject, src):
    b.points(subject, src, DAY, outside_hours=(10, 11))
    run = _run(cor["county"], tree["bureau"])
    assert (run.subjects, run.found, run.episodes, run.new_alerts) == (1, 1, 1, 1)
    alert = Alert.objects.get()
    assert alert.kind == AlertKind.DEPARTURE and alert.status == AlertStatus.OPEN and alert.org == subject.org
    assert alert.points == 6 and 90 <= alert.minutes <= 110
    assert alert.max_distance_m > 50_000
    assert alert.evidence["first"][0].startswith(f"{DAY.isoformat()}T10:00")
    assert alert.evidence["last"][0].startswith(f"{DAY.isoformat()}T11:40")
    assert len(alert.evidence["points"]) == 6
    # a second run over the same period screens again but does not alert the same episode twice
    again = _run(cor["county"], tree["bureau"])
    assert (again.found, again.new_alerts) == (1, 0)
    assert Alert.objects.count() == 1


def test_approved_leave_and_extra_area_are_not_departures(cor, tree, subject, src):
    other = b.current_subject(cor["a"], tree["office_a"])
    b.points(subject, src, DAY, outside_hours=(10, 11))
    b.points(other, src, DAY, outside_hours=(10, 11))
    # the first subject had an approved leave that day (≤7 days: the 司法所 approves)
    leave = cor_actions.request_leave(cor["a"], subject, destination="徐州市", reason="就医", start_on=DAY, end_on=DAY,
                                      requested_on=DAY - dt.timedelta(days=3))
    cor_actions.decide_leave(cor["a"], leave, approve=True, decided_on=DAY - dt.timedelta(days=2))
    # the second works at an approved place in 徐州
    square = {"type": "Polygon", "coordinates": [[[117.15, 34.25], [117.25, 34.25], [117.25, 34.35], [117.15, 34.35],
                                                  [117.15, 34.25]]]}
    actions.add_extra_area(cor["a"], other, data=json.dumps({"type": "Feature", "geometry": square}).encode(),
                           crs="wgs84", name="徐州某厂", basis="县社区矫正机构批准经常性跨市县活动")
    run = _run(cor["county"], tree["bureau"])
    assert (run.subjects, run.found) == (2, 0)
    assert not Alert.objects.exists()


def test_a_run_never_half_applies(cor, tree, subject, src):
    b.points(subject, src, DAY, outside_hours=(10, 11))
    with mock.patch("sifa.tracks.actions.audit.action", side_effect=RuntimeError("审计写入失败")), \
            pytest.raises(RuntimeError):
        _run(cor["county"], tree["bureau"])
    assert not ScreeningRun.objects.exists() and not Alert.objects.exists() and not ScreenedSubject.objects.exists()


def test_run_input_is_checked(cor, tree, subject, src):
    with pytest.raises(ValidationError, match="排查截止日"):
        _run(cor["county"], tree["bureau"], start=DAY, end=DAY - dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        _run(cor["b"], tree["office_a"])
    with pytest.raises(PermissionDenied):
        _run(cor["head"], tree["bureau"])
    assert not ScreeningRun.objects.exists()


def test_broken_boundary_upload_names_the_feature(cor):
    ring = [[116.0, 34.0], [116.5, 34.5], [116.5, 34.0], [116.0, 34.5], [116.0, 34.0]]  # a bow tie
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
            [[116.0, 34.0], [116.5, 34.0], [116.5, 34.5], [116.0, 34.0]]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    with pytest.raises(ValidationError, match="第2个要素.*自相交"):
        actions.upload_county_boundary(cor["county"], data=json.dumps(doc).encode(), crs="wgs84")
    with pytest.raises(ValidationError, match="不是有效的 JSON"):
        actions.upload_county_boundary(cor["county"], data=b"{not json", crs="wgs84")
    with pytest.raises(PermissionDenied):
        actions.upload_county_boundary(cor["a"], data=json.dumps(doc).encode(), crs="wgs84")


def test_uploaded_boundary_replaces_the_packaged_one(cor, tree, subject, src):
    b.points(subject, src, DAY, outside_hours=(10, 11))
    big = {"type": "Polygon", "coordinates": [[[115.5, 33.5], [118, 33.5], [118, 35], [115.5, 35], [115.5, 33.5]]]}
    actions.upload_county_boundary(cor["county"], data=json.dumps(
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": big}]}).encode(),
        crs="gcj02")
    assert _run(cor["county"], tree["bureau"]).found == 0


def test_confirm_hands_over_to_admonition_and_exclude_needs_a_reason(cor, tree, subject, src):
    b.points(subject, src, DAY, outside_hours=(10, 11))
    b.points(subject, src, DAY + dt.timedelta(days=1), outside_hours=(14, 15))
    _run(cor["county"], tree["bureau"], end=DAY + dt.timedelta(days=1))
    first, second = Alert.objects.order_by("start_at")
    with pytest.raises(PermissionDenied):
        actions.confirm_alert(cor["b"], first, finding="x")
    confirmed = actions.confirm_alert(cor["a"], first, finding="本人承认未经批准前往徐州", handover="admonition")
    assert confirmed.status == AlertStatus.CONFIRMED
    sanction = RewardSanction.objects.get(subject=subject)
    assert confirmed.sanction == sanction and sanction.kind == "admonition" and sanction.status == "proposed"
    assert InfoCheck.objects.get(subject=subject).finding == "departure"
    with pytest.raises(ValidationError, match="不能再核查"):
        actions.exclude_alert(cor["a"], confirmed, reason="x")
    with pytest.raises(ValidationError, match="排除理由"):
        actions.exclude_alert(cor["a"], second, reason=" ")
    excluded = actions.exclude_alert(cor["a"], second, reason="定位漂移，视频点验在家")
    assert excluded.status == AlertStatus.EXCLUDED
    assert [a.pk for a in signals.open_alerts_for(subject)] == [first.pk]


def test_failed_handover_leaves_the_alert_open(cor, tree, subject, src):
    b.points(subject, src, DAY, outside_hours=(10, 11))
    _run(cor["county"], tree["bureau"])
    alert = Alert.objects.get()
    with pytest.raises(ValidationError):
        actions.confirm_alert(cor["a"], alert, finding="属实", handover="warning", ground="minor_breach")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN and not RewardSanction.objects.exists() and not InfoCheck.objects.exists()


def test_silence_alert_once_per_gap(cor, tree, subject, src):
    b.points(subject, src, TODAY - dt.timedelta(days=3))
    now = timezone.now()
    made = actions.check_silence(cor["county"], org=tree["bureau"], now=now, hours=24)
    assert [a.kind for a in made] == [AlertKind.SILENCE]
    assert "小时无定位数据" in made[0].summary
    assert actions.check_silence(cor["county"], org=tree["bureau"], now=now, hours=24) == []
    # a fresh point ends the silence: nothing new
    b.points(subject, src, TODAY, start_hour=0, end_hour=1)
    assert actions.check_silence(cor["county"], org=tree["bureau"], now=b.at(TODAY, 2), hours=24) == []


def test_second_screen_hits_subjects_and_validates_ids(cor, tree, subject):
    from tests.corrections.builders import resident_id

    stranger = resident_id(seq=777)
    good = f"身份证号码,姓名,涉嫌案由,案发日期\n{subject.id_number},张某,盗窃,{DAY}\n{stranger},李某,诈骗,{DAY}\n"
    police = actions.import_police_list(cor["county"], data=good.encode(), name="名单.csv", provider="县公安局",
                                        received_on=TODAY)
    assert (police.rows, police.hits) == (2, 1)
    alert = Alert.objects.get(kind=AlertKind.OFFENCE)
    assert alert.subject == subject and alert.org == subject.org and "盗窃" in alert.summary
    assert stranger not in json.dumps(alert.evidence)
    assert AuditEvent.objects.filter(event=AuditEventType.IMPORT, verb__contains="二次排查").exists()
    bad = f"身份证号码\n{subject.id_number}\n{subject.id_number[:-1]}0\n".encode()
    if subject.id_number.endswith("0"):
        bad = f"身份证号码\n{subject.id_number}\n{subject.id_number[:-1]}1\n".encode()
    with pytest.raises(ValidationError, match="第3行：身份证号码无效"):
        actions.import_police_list(cor["county"], data=bad, name="b.csv", provider="县公安局", received_on=TODAY)
    assert Alert.objects.count() == 1


def test_reads_are_scoped_and_audited(client, cor, tree, subject, src):
    b.points(subject, src, DAY)
    url = (f"/api/v1/tracks/subjects/{subject.pk}/points?start={DAY}T00:00:00%2B08:00"
           f"&end={DAY + dt.timedelta(days=1)}T00:00:00%2B08:00")
    _, mine = ApiToken.issue(cor["a"], "本所")
    answer = client.get(url, HTTP_AUTHORIZATION=f"Bearer {mine}")
    assert answer.status_code == 200 and len(answer.json()) == len(LocationPoint.objects.all())
    assert AuditEvent.objects.filter(event=AuditEventType.READ_SENSITIVE, object_id=str(subject.pk)).count() == 1
    _, theirs = ApiToken.issue(cor["b"], "外所")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {theirs}").status_code == 404
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, object_id=str(subject.pk)).exists()
    assert not LocationPoint.objects.for_user(cor["b"]).exists()
    assert not LocationPoint.objects.for_user(cor["head"]).exists()
    assert LocationPoint.objects.for_user(cor["county"]).exists()


def test_purge_after_retention(cor, tree, src):
    gone = b.current_subject(cor["a"], tree["office_a"])
    b.points(gone, src, DAY)
    cor_actions.discharge(cor["county"], gone, kind="death", exited_on=DAY + dt.timedelta(days=1),
                          basis="死亡证明")
    assert actions.purge_points(today=TODAY, days=365)["points"] == 0
    result = actions.purge_points(today=TODAY + dt.timedelta(days=400), days=365)
    assert result["points"] > 0 and not LocationPoint.objects.exists()
