"""The 法治督察 indicators on a small county-year, the report paragraph written from them (seed 002/004 sentence
patterns), and the demo builder's records."""

import datetime as dt
import random

import pytest

from sifa.demo.registry import DemoContext
from sifa.indicators import engine
from sifa.inspection import actions, demo
from sifa.inspection.models import DutyMeeting, DutyReport, Finding, FindingStatus, Inspection, Recheck
from sifa.reports import document
from tests.inspection.builders import finding, started

D = dt.date


@pytest.fixture
def year_2025(tree, bureau_user, agencies):
    user, bureau = bureau_user, tree["bureau"]
    patrol = started(user, bureau, township=tree["town_a"], kind="patrol", on=D(2025, 3, 1))
    f1 = finding(user, patrol, D(2025, 3, 2), D(2025, 4, 1))
    f2 = finding(user, patrol, D(2025, 3, 2), D(2025, 4, 1), category="duty")
    actions.feedback(user, patrol, feedback_on=D(2025, 3, 5))
    actions.rectify(user, f1, rectified_on=D(2025, 3, 20), result="已整改")
    actions.rectify(user, f2, rectified_on=D(2025, 3, 25), result="已整改")
    actions.recheck(user, f2, checked_on=D(2025, 5, 1), result="not_done", note="未落实", new_due_on=D(2025, 6, 1))
    actions.rectify(user, f2, rectified_on=D(2025, 5, 20), result="已落实")
    actions.recheck(user, f2, checked_on=D(2025, 6, 10), result="done")
    special = started(user, bureau, agency=agencies["market"], kind="special", on=D(2025, 6, 1))
    finding(user, special, D(2025, 6, 2), D(2025, 7, 1), category="enforcement")
    f4 = finding(user, special, D(2025, 6, 2), D(2025, 7, 1), category="enforcement")
    actions.feedback(user, special, feedback_on=D(2025, 6, 5))
    actions.sweep_overdue(D(2025, 7, 5))
    actions.rectify(user, f4, rectified_on=D(2026, 1, 10), result="次年整改")
    topical = started(user, bureau, township=tree["town_b"], kind="topical", on=D(2025, 9, 1))
    actions.feedback(user, topical, feedback_on=D(2025, 9, 5))
    actions.plan(user, org=bureau, kind="patrol", subject_kind="township", township=tree["town_b"], topic="计划中",
                 planned_on=D(2025, 11, 1))
    for held, people in ((D(2025, 1, 20), 2), (D(2025, 12, 20), 1)):
        meeting = actions.hold_meeting(user, org=bureau, name="党政主要负责人述法工作专题会议", held_on=held)
        for n in range(people):
            actions.add_report(user, meeting, reporter=f"述法人{n}", post="party", subject_kind="township",
                               township=[tree["town_a"], tree["town_b"]][n], assessment="good")
    return tree


def _value(code, dims=None):
    return engine.evaluate(code, "341321", "2025", dims=dims or {}).value


def test_the_year_in_figures(year_2025):
    assert [_value(c) for c in ("inspection.inspections", "inspection.patrol", "inspection.special",
                                "inspection.topical")] == [3, 1, 1, 1]
    assert _value("inspection.findings") == 4
    assert _value("inspection.rectified") == 2  # the one rectified in 2026 is not counted for 2025
    assert _value("inspection.rectification_rate") == 50
    assert _value("inspection.overdue") == 1
    assert _value("inspection.rechecks") == 2
    assert _value("inspection.rechecks", {"result": "not_done"}) == 1
    assert (_value("inspection.duty_meetings"), _value("inspection.duty_reporters")) == (2, 3)
    assert engine.evaluate("inspection.rectified", "341321", "2026").value == 0  # 2026 found none


def test_the_report_paragraph(year_2025):
    text = document.build("341321", "2025").plain_text()
    assert "开展法治督察3次，其中党委巡察结合督1次、重点单位专门督1次、重点领域专题督1次。" in text
    assert "督察发现问题4个，已整改2个，整改率50%。" in text
    assert "开展督察整改“回头看”2次。" in text
    assert "组织召开了党政主要负责人述法工作专题会议2次，3人次党政主要负责人现场述法。" in text


def test_the_demo_builder(tree, bureau_user, office_user, agencies):
    ctx = DemoContext(county=tree["county"], bureau=tree["bureau"], offices=[tree["office_a"], tree["office_b"]],
                      sections={}, units={}, committees=[], users={"section_staff": bureau_user},
                      today=dt.date.today(), rng=random.Random(1), log=lambda message: None)
    demo.build(ctx)
    assert sorted(Inspection.objects.values_list("status", flat=True)) == ["closed", "planned", "rectifying"]
    statuses = sorted(Finding.objects.values_list("status", flat=True))
    assert statuses == ["overdue", "pending", "pending", "rectified", "rectified", "rectified"]
    assert Finding.objects.filter(rectified_late=True).count() == 1
    assert sorted(Recheck.objects.values_list("result", flat=True)) == ["done", "not_done"]
    assert (DutyMeeting.objects.count(), DutyReport.objects.count()) == (2, 5)
    assert Finding.objects.filter(status=FindingStatus.OVERDUE, inspection__agency=agencies["market"]).exists()
    count = Finding.objects.count()
    demo.build(ctx)
    assert Finding.objects.count() == count
