"""Reconsideration indicators on fixture records made through the actions: seed 001's 审结90 (含结转11) and
综合纠错率 34.44%, seed 002's 协调调撤率 46.46%, and the bureau's own choice of the rates' parts."""

import datetime as dt
from decimal import Decimal

import pytest

from sifa.indicators import engine
from sifa.reconsideration import actions
from sifa.reconsideration.models import Denominator, Outcome
from tests import factories

from . import builders

D = dt.date


def _many(actor, bureau, respondent, n, accepted_on, closed_on, outcome, corrected=False):
    for _ in range(n):
        builders.closed_case(actor, bureau, respondent, accepted_on, closed_on, outcome, corrected)


@pytest.fixture
def huancui(db):
    """环翠区 2022: 90 closed (11 carried over from 2021), 31 of them corrected (29 directly, 2 by the respondent
    itself in mediation), 11 accepted in 2022 still open."""
    tree = factories.county_tree("371002", "环翠区")
    actor = factories.user(tree["bureau"], role="section_staff")
    agency = builders.agencies(tree["bureau"], actor)["market"]
    bureau = tree["bureau"]
    _many(actor, bureau, agency, 11, D(2021, 12, 1), D(2022, 1, 20), Outcome.UPHELD)
    _many(actor, bureau, agency, 20, D(2022, 3, 1), D(2022, 4, 20), Outcome.REVOKED)
    _many(actor, bureau, agency, 5, D(2022, 3, 1), D(2022, 4, 20), Outcome.UNLAWFUL)
    _many(actor, bureau, agency, 4, D(2022, 3, 1), D(2022, 4, 20), Outcome.ORDERED)
    _many(actor, bureau, agency, 2, D(2022, 5, 9), D(2022, 6, 20), Outcome.MEDIATED, corrected=True)
    _many(actor, bureau, agency, 3, D(2022, 5, 9), D(2022, 6, 20), Outcome.MEDIATED)
    _many(actor, bureau, agency, 5, D(2022, 5, 9), D(2022, 6, 20), Outcome.WITHDRAWN)
    _many(actor, bureau, agency, 40, D(2022, 6, 1), D(2022, 7, 20), Outcome.UPHELD)
    for _ in range(11):
        actions.accept(actor, builders.application(actor, bureau, agency, D(2022, 12, 1)), accepted_on=D(2022, 12, 2))
    return tree, actor


def test_seed_001_closed_with_carry_over_and_comprehensive_correction_rate(huancui):
    tree, _ = huancui
    assert engine.evaluate("reconsideration.closed", "371002", "2022").value == 90
    assert engine.evaluate("reconsideration.closed_carried", "371002", "2022").value == 11
    assert engine.evaluate("reconsideration.direct_corrections", "371002", "2022").value == 29
    rate = engine.evaluate("reconsideration.comprehensive_correction_rate", "371002", "2022")
    assert rate.value == Decimal("34.44")
    assert rate.note.startswith("31/90（综合纠错31件 ÷ 审结（办结）行政复议案件90件）")
    assert "直接纠错29" in rate.note and "调解中被申请人自行纠正2" in rate.note


def test_bureau_chooses_the_parts_of_its_rates(huancui):
    tree, actor = huancui
    actions.configure(actor, org=tree["bureau"], correction_counts_mediated=False,
                      correction_denominator=Denominator.ACCEPTED)
    rate = engine.evaluate("reconsideration.comprehensive_correction_rate", "371002", "2022")
    # 29 direct corrections ÷ 90 accepted in 2022 (79 closed + 11 open) = 32.22%
    assert rate.value == Decimal("32.22")
    assert rate.note.startswith("29/90")


@pytest.fixture
def dongyang(db):
    """东阳市 2021: 99 closed (19 carried over from 2020): 39 调解, 7 撤回 after coordination, 53 decided."""
    tree = factories.county_tree("330783", "东阳市")
    actor = factories.user(tree["bureau"], role="section_staff")
    agency = builders.agencies(tree["bureau"], actor)["resources"]
    bureau = tree["bureau"]
    _many(actor, bureau, agency, 19, D(2020, 12, 1), D(2021, 1, 25), Outcome.UPHELD)
    _many(actor, bureau, agency, 39, D(2021, 3, 1), D(2021, 4, 20), Outcome.MEDIATED)
    _many(actor, bureau, agency, 7, D(2021, 3, 1), D(2021, 4, 20), Outcome.WITHDRAWN)
    _many(actor, bureau, agency, 34, D(2021, 5, 6), D(2021, 6, 20), Outcome.UPHELD)
    return tree


def test_seed_002_settlement_rate(dongyang):
    rate = engine.evaluate("reconsideration.settlement_rate", "330783", "2021")
    assert rate.value == Decimal("46.46")
    assert rate.note.startswith("46/99")
    assert engine.evaluate("reconsideration.closed_carried", "330783", "2021").value == 19


def test_breakdown_by_respondent_sums_to_total(dongyang):
    result = engine.breakdown("reconsideration.closed", "330783", "2021", by="respondent")
    assert result.sums_to_total
    assert {row.label: row.result.value for row in result.rows if row.result.value} == {"东阳市自然资源和规划局": 99}
