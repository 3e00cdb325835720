"""Legal-aid indicators: seed [004]'s figures follow from a year of records made through the actions; 受理/指派/
结案 split by 刑事/民事/行政 and sum to their totals; drill-down reaches the records; the report sentences print them."""

import datetime as dt

import pytest

from sifa.indicators import engine
from sifa.legalaid import actions
from sifa.legalaid.models import Application

from . import builders, seed004

D = dt.date


def value(code, org, period, **kw):
    return engine.evaluate(code, org, period, **kw).value


@pytest.mark.slow
def test_seed_004_figures_follow_from_the_records(db):
    built = seed004.build()
    bureau = built["bureau"]
    figures = {code: value(f"legalaid.{code}", bureau, "2023") for code in (
        "migrant_cases", "migrant_persons", "hotline_consultations", "migrant_visits", "assigned", "plea_cases",
        "legal_help_persons")}
    assert figures == {"migrant_cases": 74, "migrant_persons": 182, "hotline_consultations": 197,
                       "migrant_visits": 214, "assigned": 127, "plea_cases": 498, "legal_help_persons": 538}
    assert value("legalaid.assigned", bureau, "2022") == 0
    # the breakdown by 刑事/民事/行政 sums to the total
    rows = engine.breakdown("legalaid.assigned", bureau, "2023", by="case_area").rows
    assert sum(r.result.value for r in rows) == 127 and {r.label: r.result.value for r in rows}["刑事"] > 0


def test_intake_assignment_and_closure_are_counted_apart(la, tree):
    first = builders.civil_application(la, received_on=D(2021, 3, 1))
    actions.decide(la["clerk"], first, decision="grant", decided_on=D(2021, 3, 3))
    actions.assign(la["clerk"], first, assigned_on=D(2021, 4, 1), provider=la["junior"], late_reason="演示")
    builders.civil_application(la, received_on=D(2021, 3, 2))
    bureau = tree["bureau"]
    assert value("legalaid.accepted", bureau, "2021Q1") == 2
    assert value("legalaid.assigned", bureau, "2021Q1") == 0 and value("legalaid.assigned", bureau, "2021Q2") == 1
    assert value("legalaid.assignment_on_time_rate", bureau, "2021Q2") == 0
    assert value("legalaid.decision_on_time_rate", bureau, "2021Q1") == 100
    drill = engine.evaluate("legalaid.accepted", bureau, "2021Q1", dims={"case_area": "civil"})
    assert set(Application.objects.filter(drill.filter).values_list("pk", flat=True)) == set(
        Application.objects.values_list("pk", flat=True))
    assert value("legalaid.accepted", bureau, "2021Q1", dims={"case_area": "民事"}) == 2
    assert value("legalaid.accepted", tree["office_b"], "2021Q1") == 0


def test_consultations_by_channel_and_persons(la, tree):
    for channel, persons in (("hotline", 1), ("visit", 3), ("visit", 1), ("online", 1)):
        actions.record_consultation(la["clerk"], org=la["centre"], channel=channel, asked_on=D(2021, 5, 6),
                                    topic="wages", question="讨薪", answer="已答复", persons=persons,
                                    is_migrant_worker=channel == "visit")
    bureau = tree["bureau"]
    assert value("legalaid.consultations", bureau, "2021H1") == 4
    assert value("legalaid.consultation_persons", bureau, "2021H1") == 6
    assert value("legalaid.migrant_visits", bureau, "2021H1") == 4
    rows = {r.key: r.result.value for r in engine.breakdown("legalaid.consultations", bureau, "2021H1",
                                                             by="channel").rows}
    assert rows["hotline"] == 1 and rows["visit"] == 2 and rows["online"] == 1 and sum(rows.values()) == 4
