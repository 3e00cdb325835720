import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sifa.core import actions as core_actions
from sifa.core.models import Role
from sifa.indicators import engine
from sifa.indicators.errors import DimensionError, OutOfScope, UnknownIndicator, UnknownOrg
from tests import factories
from tests.indicators_testapp.models import Case, Supervision

from .builders import make_cases

D = dt.date
H1 = "2021H1"


def success_and_intake(org, succeeded, accepted):
    """`accepted` cases taken in and closed in 2021H1, of which `succeeded` succeeded."""
    make_cases(org, succeeded, closure=D(2021, 5, 1), outcome="success")
    make_cases(org, accepted - succeeded, closure=D(2021, 5, 1), outcome="failed")


# --- the seeds' figures, reproduced from records ---

@pytest.mark.parametrize(("code", "succeeded", "accepted", "shown"), [
    ("itest.success_rate_whole", 627, 640, "98%"),     # [000] 627/640 = 97.97% → “98%”
    ("itest.success_rate", 7531, 7549, "99.76%"),      # [002]
    ("itest.success_rate", 748, 749, "99.87%"),        # [004]
    ("itest.success_rate", 749, 749, "100.00%"),
])
def test_seed_rates_round_half_up(county, code, succeeded, accepted, shown):
    success_and_intake(county["office_a"], succeeded, accepted)
    result = engine.evaluate(code, "341321", H1)
    assert result.display_with_unit == shown
    assert (result.numerator.value, result.denominator.value) == (succeeded, accepted)


def test_half_up_not_bankers_rounding(county):
    # 1/8 = 12.5% → 13% half-up (banker's rounding would give 12%)
    success_and_intake(county["office_a"], 1, 8)
    assert engine.evaluate("itest.success_rate_whole", "341321", H1).value == 13


def test_zero_denominator_has_no_value_and_says_why(county):
    result = engine.evaluate("itest.success_rate", "341321", H1)
    assert result.value is None
    assert result.display == "—" and result.display_with_unit == "—"
    assert "分母“受理纠纷”为0" in result.reason
    assert result.as_dict()["value"] is None and "为0" in result.as_dict()["note"]


# --- counting rules ---

def test_roll_up_by_org_subtree(county):
    make_cases(county["bureau"], 2)
    make_cases(county["office_a"], 3)
    make_cases(county["committee_a"], 4)
    make_cases(county["office_b"], 5)
    make_cases(county["other_bureau"], 100)
    assert engine.evaluate("itest.intake", county["bureau"], H1).value == 14
    assert engine.evaluate("itest.intake", "341321", H1).value == 14            # by division code
    assert engine.evaluate("itest.intake", county["office_a"].code, H1).value == 7  # office + its committee
    assert engine.evaluate("itest.intake", county["committee_a"], H1).value == 4
    assert engine.evaluate("itest.intake", "341322", H1).value == 100


def test_intake_versus_closure_and_carried_over(county):
    office = county["office_a"]
    make_cases(office, 3, intake=D(2020, 11, 5), closure=D(2021, 2, 1))     # 旧存: taken in last year
    make_cases(office, 5, intake=D(2021, 3, 1), closure=D(2021, 6, 30))
    make_cases(office, 7, intake=D(2021, 6, 1), closure=D(2021, 7, 1))      # closed after the period
    make_cases(office, 11, intake=D(2021, 6, 30))                          # still open
    assert engine.evaluate("itest.intake", office, H1).value == 5 + 7 + 11
    assert engine.evaluate("itest.closed", office, H1).value == 3 + 5       # includes 结转
    assert engine.evaluate("itest.carried", office, H1).value == 3


def test_stock_at_end_of_period(county):
    office = county["office_a"]
    for start, end in [(D(2020, 5, 1), None), (D(2021, 6, 30), None), (D(2021, 1, 1), D(2021, 6, 30)),
                       (D(2021, 1, 1), D(2021, 7, 1)), (D(2021, 7, 1), None), (D(2019, 1, 1), D(2020, 1, 1))]:
        Supervision.objects.create(org=office, category="probation", start_date=start, end_date=end)
    # in force on 30 June: started on or before it, and not ended on or before it
    assert engine.evaluate("itest.registered", office, H1).value == 3
    assert engine.evaluate("itest.registered", office, "2021-06-29..2021-06-29").value == 3  # not yet the 06-30 one
    assert engine.evaluate("itest.registered", office, "2020").value == 1
    assert engine.evaluate("itest.registered", office, "2021-07").value == 3
    assert engine.evaluate("itest.registered", office, "2019-12-31..2019-12-31").value == 1


def test_cases_persons_and_people_differ(county):
    office = county["office_a"]
    make_cases(office, 2, persons=3, person_key="A")
    make_cases(office, 1, persons=2, person_key="B")
    make_cases(office, 1, persons=1, person_key="")
    assert engine.evaluate("itest.intake", office, H1).value == 4        # 件
    assert engine.evaluate("itest.persons", office, H1).value == 9       # 人次
    assert engine.evaluate("itest.people", office, H1).value == 2        # 人 (blank keys are not a person)


# --- dimensions and breakdowns ---

def test_filter_by_choice_township_and_org(county):
    make_cases(county["bureau"], 1, case_type="land")
    make_cases(county["office_a"], 2, case_type="marriage")
    make_cases(county["committee_a"], 3, case_type="land")
    make_cases(county["office_b"], 4, case_type="")
    ev = engine.evaluate
    assert ev("itest.intake", "341321", H1, {"case_type": "land"}).value == 4
    assert ev("itest.intake", "341321", H1, {"case_type": "土地纠纷"}).value == 4   # label accepted
    assert ev("itest.intake", "341321", H1, {"case_type": ""}).value == 4          # 未填写
    assert ev("itest.intake", "341321", H1, {"township": "341321100"}).value == 5
    assert ev("itest.intake", "341321", H1, {"township": ""}).value == 1           # 县本级
    assert ev("itest.intake", "341321", H1, {"org": county["office_b"].code}).value == 4
    assert ev("itest.intake", "341321", H1, {"township": "341321100", "case_type": "land"}).value == 3


@pytest.mark.parametrize(("dims", "message"), [
    ({"colour": "red"}, "没有维度“colour”"),
    ({"case_type": "theft"}, "没有取值“theft”"),
    ({"township": "12"}, "格式不正确"),
    ({"township": "341322100"}, "没有取值"),
])
def test_bad_dimensions_are_refused(county, dims, message):
    with pytest.raises(DimensionError, match=message):
        engine.evaluate("itest.intake", "341321", H1, dims)


@pytest.mark.parametrize("by", ["case_type", "township", "org"])
def test_breakdown_sums_to_total(county, by):
    make_cases(county["bureau"], 1, case_type="land")
    make_cases(county["office_a"], 2, case_type="marriage")
    make_cases(county["committee_a"], 3, case_type="neighbour")
    make_cases(county["office_b"], 4, case_type="")
    make_cases(county["other_office"], 50)
    table = engine.breakdown("itest.intake", "341321", H1, by)
    assert table.total.value == 10
    assert table.additive and table.sum() == 10 and table.sums_to_total
    # every row's drill-down filter selects exactly the records counted in it
    for row in table.rows:
        assert row.result.records().count() == row.result.value


def test_breakdown_keeps_zero_rows_with_labels(county):
    make_cases(county["office_a"], 2, case_type="marriage")
    rows = {r.label: r.result.value for r in engine.breakdown("itest.intake", "341321", H1, "case_type").rows}
    assert rows == {"婚姻家庭": 2, "邻里纠纷": 0, "土地纠纷": 0, "未填写": 0}
    towns = {r.label: r.result.value for r in engine.breakdown("itest.intake", "341321", H1, "township").rows}
    assert towns == {"砀城镇": 2, "周寨镇": 0, "砀山县本级": 0}


def test_breakdown_of_a_rate_and_of_distinct_people(county):
    success_and_intake(county["office_a"], 3, 4)
    rates = {r.key: r.result for r in engine.breakdown("itest.success_rate", "341321", H1, "township").rows}
    assert rates["341321100"].display_with_unit == "75.00%"
    assert rates["341321101"].value is None and "为0" in rates["341321101"].reason
    people = engine.breakdown("itest.people", "341321", H1, "case_type")
    assert not people.additive


def test_distinct_people_are_counted_once_per_bucket(county):
    make_cases(county["office_a"], 2, person_key="P1", case_type="land")
    make_cases(county["committee_a"], 1, person_key="P1", case_type="marriage")  # same township, same person
    make_cases(county["office_b"], 1, person_key="P1", case_type="land")
    make_cases(county["office_b"], 1, person_key="P2", case_type="land")
    assert engine.evaluate("itest.people", "341321", H1).value == 2
    towns = {r.key: r.result.value for r in engine.breakdown("itest.people", "341321", H1, "township").rows}
    assert towns == {"341321100": 1, "341321101": 2, "": 0}
    types = {r.key: r.result.value for r in engine.breakdown("itest.people", "341321", H1, "case_type").rows}
    assert (types["land"], types["marriage"]) == (2, 1)


def test_breakdown_is_one_grouped_query(county):
    make_cases(county["office_a"], 3)
    engine.breakdown("itest.intake", "341321", H1, "township")  # warm the org-tree lookups
    with CaptureQueriesContext(connection) as ctx:
        engine.breakdown("itest.intake", "341321", H1, "township")
    on_cases = [q["sql"] for q in ctx.captured_queries if Case._meta.db_table in q["sql"]]
    assert len(on_cases) == 1  # the total is the sum of the same groups
    assert "GROUP BY" in on_cases[0] and "COUNT(*)" in on_cases[0]


# --- per population ---

def test_per_ten_thousand_residents(county):
    make_cases(county["office_a"], 7531, closure=D(2021, 5, 1), outcome="success")
    core_actions.set_population(None, division=county["county"], year=2021, residents=1_085_300,
                                source="2021年统计公报")
    result = engine.evaluate("itest.per_10k", "341321", H1)
    assert result.display_with_unit == "69.39件/万人"  # [002] 万人化解率 69.39
    assert result.population.residents == 1_085_300


def test_per_population_without_population_says_so(county):
    make_cases(county["office_a"], 5, closure=D(2021, 5, 1), outcome="success")
    result = engine.evaluate("itest.per_10k", "341321", H1)
    assert result.value is None and "缺少砀山县2021年常住人口" in result.reason
    core_actions.set_population(None, division=county["county"], year=2020, residents=50_000, source="七普")
    result = engine.evaluate("itest.per_10k", "341321", H1)
    assert result.display == "1.00" and "2020年常住人口" in result.note and "尚未录入" in result.note


# --- arguments, scope ---

def test_unknown_indicator_org_and_period(county):
    with pytest.raises(UnknownIndicator, match="指标“nope.nothing”不存在"):
        engine.evaluate("nope.nothing", "341321", H1)
    with pytest.raises(UnknownOrg, match="机构“999999”不存在"):
        engine.evaluate("itest.intake", "999999", H1)


def test_viewer_scope(county):
    office_staff = factories.user(county["office_a"], username="office_a_staff")
    bureau_leader = factories.user(county["bureau"], role=Role.LEADER, username="leader")
    auditor = factories.user(county["bureau"], role=Role.AUDIT_ADMIN, username="auditor")
    make_cases(county["office_a"], 2)
    assert engine.evaluate("itest.intake", county["office_a"], H1, user=office_staff).value == 2
    assert engine.evaluate("itest.intake", "341321", H1, user=bureau_leader).value == 2
    for user, org in [(office_staff, "341321"), (office_staff, county["office_b"]), (auditor, "341321"),
                      (bureau_leader, "341322")]:
        with pytest.raises(OutOfScope, match="不在您的数据范围内"):
            engine.evaluate("itest.intake", org, H1, user=user)


def test_drill_down_filter_in_viewer_scope(county):
    make_cases(county["office_a"], 2)
    make_cases(county["office_b"], 3)
    result = engine.evaluate("itest.intake", "341321", H1)
    assert result.records().count() == 5
    office_staff = factories.user(county["office_a"], username="office_a_staff")
    assert result.records(office_staff).count() == 2
    assert set(result.records().values_list("org_id", flat=True)) == {county["office_a"].pk, county["office_b"].pk}


def test_one_query_per_record_indicator(county):
    make_cases(county["office_a"], 3)
    engine.evaluate("itest.intake", "341321", H1)
    with CaptureQueriesContext(connection) as ctx:
        assert engine.evaluate("itest.intake", "341321", H1).value == 3
    on_cases = [q["sql"] for q in ctx.captured_queries if Case._meta.db_table in q["sql"]]
    assert len(on_cases) == 1 and "COUNT(*)" in on_cases[0] and "ORDER BY" not in on_cases[0]


# --- 同比 / 环比 and baselines ---

def test_year_on_year_from_records(county):
    make_cases(county["office_a"], 8, intake=D(2020, 3, 1))
    make_cases(county["office_a"], 10, intake=D(2021, 3, 1))
    yoy = engine.compare("itest.intake", "341321", H1, "同比")
    assert (yoy.previous.value, yoy.delta, yoy.rate) == (8, 2, Decimal("25.00"))
    assert not yoy.from_baseline
    assert yoy.summary == "上升25.00%（上年同期 8件）"


def test_month_on_month_and_percentage_points(county):
    success_and_intake(county["office_a"], 3, 4)                           # 2021H1: 75%
    make_cases(county["office_a"], 1, intake=D(2020, 8, 1), closure=D(2020, 9, 1), outcome="success")
    make_cases(county["office_a"], 1, intake=D(2020, 8, 1), closure=D(2020, 9, 1), outcome="failed")
    mom = engine.compare("itest.success_rate", "341321", H1, "环比")       # 2020H2: 50%
    assert mom.previous.period.key == "2020H2"
    assert mom.delta == Decimal("25.00") and mom.rate is None and "个百分点" in mom.summary


def test_baseline_used_only_when_sifa_has_no_records_for_the_previous_period(county):
    from sifa.indicators import actions

    make_cases(county["bureau"], 15)
    actions.set_baseline(None, code="itest.intake", org="341321", period="2020H1", value="12",
                         source="2020年上半年工作总结")
    yoy = engine.compare("itest.intake", "341321", H1, "同比")
    assert yoy.from_baseline and yoy.previous.value == 12
    assert yoy.previous.baseline.source == "2020年上半年工作总结"
    assert "历史基数：2020年上半年工作总结" in yoy.summary and yoy.rate == Decimal("25.00")
    # never the value of the period itself
    assert engine.evaluate("itest.intake", "341321", "2020H1").value == 0
    # once Sifa holds records of that period, they win over the baseline
    make_cases(county["office_b"], 1, intake=D(2020, 2, 1))
    yoy = engine.compare("itest.intake", "341321", H1, "同比")
    assert not yoy.from_baseline and yoy.previous.value == 1


def test_no_records_and_no_baseline_gives_no_comparison(county):
    make_cases(county["office_a"], 3)
    yoy = engine.compare("itest.intake", "341321", H1, "同比")
    assert yoy.previous is None and yoy.delta is None
    assert yoy.summary == "—（2020年上半年系统内无记录，且未录入历史基数）"
    assert "不计算环比" in engine.compare("itest.intake", "341321", "截至2021-08-13", "环比").reason
