"""One definition of 调处 (issue 13, item 7), and the figures mediation computes from data it already holds:
涉及金额, 当事人数, 协议履行率 — on the same cases as 调处."""

import datetime as dt
from decimal import Decimal

import pytest

from sifa.indicators import Total, engine, registry
from sifa.mediation.models import Agreement, Dispute, Party, Performance, Source
from tests.reports import builders

D = dt.date
PERIOD = "2021H1"


def value(code, org="341321", period=PERIOD):
    return engine.evaluate(code, org, period)


@pytest.fixture
def county(tree):
    office = tree["office_a"]
    builders.sweeps(office, 10, found=20, prevented=5)
    builders.cases(office, 12, source=Source.SCREENING)      # 12 of the 20 found were taken up
    builders.cases(office, 30, source=Source.APPLICATION)
    return tree


def test_handling_rate_divides_the_same_handled_figure(county):
    rate = value("mediation.handling_rate")
    assert rate.numerator.value == value("mediation.accepted").value == 42  # 调处 = 受理, all sources
    assert value("mediation.unhandled_found").value == 8
    assert rate.denominator.value == 50 and rate.value == Decimal("84.00")
    assert "42/50" in rate.note  # the parts are shown beside the rate


def test_all_found_taken_up_is_100_percent_as_seed_004(tree):
    office = tree["office_a"]
    builders.sweeps(office, 5, found=7)
    builders.cases(office, 7, source=Source.SCREENING)
    builders.cases(office, 2, source=Source.SCREENING, accepted=D(2021, 6, 30))
    # 9 taken up, more than the 7 found this half year (two were found before): never above 100%
    assert value("mediation.unhandled_found").value == 0
    assert value("mediation.handling_rate").value == Decimal("100.00")


def test_no_disputes_no_rate(tree):
    assert value("mediation.handling_rate").value is None
    assert "为0" in value("mediation.handling_rate").reason


def test_amount_parties_and_performance_on_the_cohort_of_handled_disputes(county):
    disputes = list(Dispute.objects.order_by("pk")[:4])
    for i, d in enumerate(disputes):
        d.amount = Decimal("1000.50") * (i + 1)
        d.save(update_fields=["amount"])
        for side in ("applicant", "respondent"):
            Party.objects.create(dispute=d, org=d.org, org_path=d.org_path, region_code=d.region_code, side=side,
                                 name=f"当事人{i}{side}")
        performed = i < 2
        Agreement.objects.create(dispute=d, org=d.org, org_path=d.org_path, region_code=d.region_code, terms="赔偿",
                                 signed_on=D(2021, 3, 20),
                                 performance=Performance.PERFORMED if performed else Performance.PARTIAL,
                                 performed_on=D(2021, 4, 1) if performed else None)
    late = disputes[3].agreement
    late.performance, late.performed_on = Performance.PERFORMED, D(2021, 7, 15)  # after the half year's end
    late.save()
    assert value("mediation.amount").value == Decimal("10005.00")
    assert value("mediation.parties").value == 8
    assert value("mediation.agreements").value == 4
    assert value("mediation.agreements_performed").value == 2
    assert value("mediation.performance_rate").value == Decimal("50.00")
    assert value("mediation.performance_rate", period="2021").value == Decimal("75.00")
    # a dispute accepted in another period is not in this period's 当事人 or 金额
    assert value("mediation.parties", period="2021Q3").value == 0


def test_total_kind_adds_subtracts_and_breaks_down(county, tree):
    to_handle = registry.get("mediation.to_handle")
    assert isinstance(to_handle, Total) and to_handle.additive
    table = engine.breakdown("mediation.accepted", "341321", PERIOD, by="source")
    assert {r.key: r.result.value for r in table.rows}["screening"] == 12
    by_org = engine.breakdown("mediation.to_handle", "341321", PERIOD, by="org")
    assert sum(r.result.value or 0 for r in by_org.rows) == 50
    with pytest.raises(ValueError, match="至少有一个相加的分项"):
        Total("tmp.empty", "空", plus=[], note="测试")


def test_definition_notes_name_the_seed_sentence_they_follow(db):
    for code in ("mediation.handling_rate", "mediation.amount", "mediation.parties", "mediation.performance_rate",
                 "aftercare.registered", "corrections.monitored", "corrections.checked"):
        note = registry.get(code).note
        assert "[00" in note, code


def test_amount_rolls_up_when_no_dispute_has_one(county):
    """Stored monthly roll-ups of 涉及金额 where every dispute of a month left it empty: 0, not a NULL row."""
    from sifa.indicators import rollups

    rollups.rebuild([registry.get("mediation.amount")])
    assert value("mediation.amount").value == 0
