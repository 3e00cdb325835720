"""The track indicators computed from records, with drill-down to the very records counted."""

import datetime as dt

import pytest

from sifa.indicators import engine
from sifa.tracks import actions
from sifa.tracks.models import Alert, AlertKind

from . import builders as b

pytestmark = pytest.mark.django_db
DAY = dt.date.today() - dt.timedelta(days=20)


def value(code, period, **dims):
    return engine.evaluate(code, "341321-SFJ", period, dims=dims).value


def test_indicators_follow_the_records(cor, tree, subject, src):
    quiet = b.current_subject(cor["b"], tree["office_b"])
    b.points(subject, src, DAY, outside_hours=(10, 11))
    b.points(subject, src, DAY + dt.timedelta(days=1), outside_hours=(15, 16))
    b.points(quiet, src, DAY)
    actions.run_screening(cor["county"], org=tree["bureau"], start=DAY, end=DAY + dt.timedelta(days=1))
    # a second, overlapping run counts the same people once and alerts nothing twice
    actions.run_screening(cor["county"], org=tree["bureau"], start=DAY, end=DAY + dt.timedelta(days=1))
    period = f"{DAY}..{DAY + dt.timedelta(days=1)}"
    assert value("tracks.screened", period) == 2
    assert value("tracks.found", period) == 1
    assert value("tracks.found_rate", period) == 50
    assert value("tracks.episodes", period) == 2
    first, second = Alert.objects.order_by("start_at")
    actions.confirm_alert(cor["a"], first, finding="属实", handover="")
    actions.exclude_alert(cor["a"], second, reason="经批准临时就医，补办手续")
    today = dt.date.today()
    handled = f"{today}..{today}"
    assert value("tracks.alerts_confirmed", handled) == 1
    assert value("tracks.alerts_excluded", handled) == 1
    assert value("tracks.alerts_confirmed", handled, kind="departure") == 1
    # drill-down: the records behind the figures
    found = engine.evaluate("tracks.found", "341321-SFJ", period)
    assert {r.subject_id for r in found.records()} == {subject.pk}
    by_org = engine.breakdown("tracks.screened", "341321-SFJ", period, by="org")
    assert sorted(row.result.value for row in by_org.rows if row.result.value) == [1, 1]
    # 失联 and second-screen hits
    b.points(quiet, src, dt.date.today() - dt.timedelta(days=3))
    actions.check_silence(cor["county"], org=tree["bureau"], hours=24)
    actions.import_police_list(cor["county"], data=f"身份证号码,案发日期\n{quiet.id_number},{DAY}\n".encode(),
                               name="p.csv", provider="县公安局", received_on=dt.date.today())
    year = f"{DAY.year - 1}-01-01..{today}"
    # both went silent (points 19 and 3 days ago, both within the 30 days that make them 信息化核查 subjects)
    assert value("tracks.silence_alerts", year) == Alert.objects.filter(kind=AlertKind.SILENCE).count() == 2
    assert value("tracks.offence_hits", period) == 1
