"""The wellbeing indicators on hand-built records (bulk-inserted, as an import would leave them), their
drill-down (corrections roles of the scope only), and the report paragraph."""

import datetime as dt

import pytest
from django.urls import reverse

from sifa.core.models import Role
from sifa.indicators import engine
from sifa.wellbeing import actions
from sifa.wellbeing.models import Assessment, EarlyWarning, FollowUp, Intervention
from tests import factories
from tests.corrections import builders

D = dt.date
pytestmark = pytest.mark.django_db


def _scoped(org):
    return {"org": org, "org_path": org.path, "region_code": org.division_id}


@pytest.fixture
def records(cor, tree):
    """Office A: subject s1 assessed 3× in 2021H1 (2 positive), s2 once (negative), s3 once in July (positive,
    outside the half-year). Office B: s4 once (positive). Warnings: A 高 (closed in June) and 中; B 高."""
    a, b = tree["office_a"], tree["office_b"]
    s1, s2, s3 = (builders.subject(cor["a"], a, name=n) for n in ("甲", "乙", "丙"))
    s4 = builders.subject(cor["b"], b, name="丁")
    form = actions.questionnaire()

    def assessment(s, day, positive):
        return Assessment(subject=s, questionnaire=form, assessed_on=day, total_score=200 if positive else 100,
                          positive_items=50 if positive else 5, positive=positive, **_scoped(s.org))

    Assessment.objects.bulk_create([
        assessment(s1, D(2021, 2, 1), True), assessment(s1, D(2021, 4, 1), True), assessment(s1, D(2021, 6, 30), False),
        assessment(s2, D(2021, 3, 1), False), assessment(s3, D(2021, 7, 1), True), assessment(s4, D(2021, 5, 5), True)])
    w1, w2, w3 = EarlyWarning.objects.bulk_create([
        EarlyWarning(subject=s1, level="high", raised_on=D(2021, 2, 2), evaluated_on=D(2021, 2, 2), status="closed",
                     closed_on=D(2021, 6, 1), **_scoped(a)),
        EarlyWarning(subject=s2, level="medium", raised_on=D(2021, 3, 2), evaluated_on=D(2021, 3, 2), **_scoped(a)),
        EarlyWarning(subject=s4, level="high", raised_on=D(2021, 5, 6), evaluated_on=D(2021, 5, 6), **_scoped(b))])
    Intervention.objects.bulk_create([
        Intervention(warning=w1, subject=s1, kind="plan", done_on=D(2021, 2, 3), measures="补充",
                     plan_supplement="每两周咨询", **_scoped(a)),
        Intervention(warning=w1, subject=s1, kind="talk", done_on=D(2021, 3, 3), measures="谈话", **_scoped(a)),
        Intervention(warning=w3, subject=s4, kind="counselling", done_on=D(2021, 5, 7), measures="咨询", **_scoped(b))])
    FollowUp.objects.bulk_create([FollowUp(warning=w1, subject=s1, followed_on=D(2021, 6, 1), result="improved",
                                           content="好转", **_scoped(a))])
    return {"s1": s1, "s4": s4}


def value(code, org, period="2021H1", **dims):
    return engine.evaluate(code, org, period, dims=dims).value


def test_figures(records, tree):
    county, a = tree["bureau"], tree["office_a"]
    assert value("wellbeing.assessments", county) == 5          # s3's July assessment is outside
    assert value("wellbeing.assessments", a) == 4
    assert value("wellbeing.assessed", county) == 3              # s1 counted once
    assert value("wellbeing.positive_screens", county) == 3
    assert value("wellbeing.positive", county) == 2              # s1 and s4
    assert float(value("wellbeing.positive_rate", county)) == pytest.approx(66.67, abs=0.01)
    assert value("wellbeing.warnings", county) == 3
    assert value("wellbeing.warnings", county, level="高") == 2
    assert value("wellbeing.high_warnings", a) == 1
    assert value("wellbeing.warnings_closed", county) == 1
    assert value("wellbeing.interventions", county) == 3
    assert value("wellbeing.plan_supplements", county) == 1
    assert value("wellbeing.follow_ups", county) == 1
    assert value("wellbeing.assessments", county, "2021Q3") == 1


def test_drill_down_is_scoped_to_corrections_roles(records, tree, cor):
    result = engine.evaluate("wellbeing.positive_screens", tree["bureau"], "2021H1")
    assert result.records(cor["county"]).count() == 3
    assert result.records(cor["a"]).count() == 2
    assert result.records(cor["b"]).count() == 1
    clerk = factories.user(tree["office_a"], role=Role.OFFICE_STAFF, username="clerk_drill")
    assert result.records(clerk).count() == 0
    assert all("200" not in str(a) for a in result.records(cor["county"]))   # names and dates, never scores


def test_drill_down_page(client, records, tree, cor):
    client.force_login(cor["head"])      # the bureau's head: the county's figures and records
    response = client.get(reverse("indicators:records", args=["wellbeing.warnings"]),
                          {"org": tree["bureau"].code, "period": "2021H1", "dim": "level:高"})
    html = response.content.decode()
    assert response.status_code == 200 and "甲" in html and "丁" in html and "乙 " not in html


def test_report_paragraph(records, tree):
    from sifa.reports import document

    text = document.build(tree["bureau"], "2021H1").plain_text()
    assert "对3名社区矫正对象开展心理测评5人次，筛查阳性2人，阳性率67%" in text
    assert "发出心理预警3人次，其中高风险2人次、中风险1人次；开展干预3次，补充矫正方案1次，回访1次，解除预警1人次" in text
