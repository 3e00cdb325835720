"""Stored roll-ups (sifa/indicators/rollups.py) give exactly the figures computed straight from the records, and
stay right when records change."""

import datetime as dt
import random

import pytest

from sifa.indicators import engine, registry, rollups
from sifa.indicators.models import Rollup, RollupPartition, RollupState, RollupTotal
from tests import factories
from tests.indicators_testapp.models import Case

pytestmark = pytest.mark.django_db(transaction=True)  # as production: a figure read inside a writing transaction never uses roll-ups

CODES = ["itest.intake", "itest.closed", "itest.success", "itest.persons", "itest.cohort_success"]
PERIODS = ["2021", "2021H1", "2021Q3", "2021-02", "2020-11-15..2021-04-10", "2021-03-01..2021-03-20",
           "2020-12-31..2021-01-31", "2020-01-01..2021-12-31"]


@pytest.fixture
def city():
    from sifa.core import actions as core_actions
    from sifa.core.models import OrgKind, OrgUnit

    a, b = factories.county_tree("341321", "砀山县"), factories.county_tree("341322", "萧县")
    city = OrgUnit.objects.create(code="3413-SJ", name="宿州市司法局", kind=OrgKind.CITY_BUREAU, division=a["city"])
    for bureau in (a["bureau"], b["bureau"]):
        core_actions.update_org_unit(None, bureau, parent=city)
    city.refresh_from_db()
    return city


def random_cases(rng, units, n):
    first = dt.date(2020, 1, 1)
    cases = []
    for _ in range(n):
        org = rng.choice(units)
        intake = first + dt.timedelta(days=rng.randrange(731))
        closure = intake + dt.timedelta(days=rng.randrange(120)) if rng.random() < 0.8 else None
        cases.append(Case(org=org, org_path=org.path, region_code=org.division_id, intake_date=intake,
                          closure_date=closure, case_type=rng.choice(["marriage", "neighbour", "land", ""]),
                          outcome=rng.choice(["success", "success", "failed", ""]) if closure else "",
                          persons=rng.randrange(1, 6), urgent=rng.random() < 0.2))
    Case.objects.bulk_create(cases)


def figures(org, period):
    """Every figure the roll-ups can serve: totals, breakdowns by choice, township and sub-unit."""
    out = {}
    with engine.uncached():
        for code in CODES:
            out[code] = engine.evaluate(code, org, period).value
            for by in ("case_type", "org", "township", "urgent"):
                if by not in registry.get(code).dimension_names():
                    continue
                table = engine.breakdown(code, org, period, by)
                out[(code, by)] = [(row.key, row.result.value) for row in table.rows]
        out["itest.success_rate"] = engine.evaluate("itest.success_rate", org, period).value
    return out


def test_rollups_give_the_figures_of_the_records_on_random_data(city):
    from sifa.core.models import OrgUnit

    rng = random.Random(20210813)
    units = list(OrgUnit.objects.filter(path__startswith=city.path))
    random_cases(rng, units, 400)
    county = OrgUnit.objects.get(code="341321-SFJ")
    for org in (city, county):
        for period in PERIODS:
            with engine.from_records():
                direct = figures(org, period)
            with engine.from_rollups():
                rolled = figures(org, period)
            assert rolled == direct, (org.code, period)
    assert Rollup.objects.filter(code="itest.intake").exists()  # they were really used
    # the city's totals and its split by county read each county's partition total
    assert RollupTotal.objects.filter(code="itest.intake", column="").exists()
    assert RollupTotal.objects.filter(code="itest.intake", column="urgent", choice="True").exists()
    assert RollupTotal.objects.filter(code="itest.cohort_success", choice__regex=r"^20[0-9]{4}$").exists()


def test_a_change_in_one_county_rebuilds_that_county_only(city):
    from sifa.core.models import OrgUnit

    office = OrgUnit.objects.get(code="341322100-SFS")
    random_cases(random.Random(1), [office, OrgUnit.objects.get(code="341321100-SFS")], 50)
    Case.objects.create(org=office, intake_date=dt.date(2021, 6, 1))  # at least one to delete below
    with engine.uncached(), engine.from_rollups():
        before = engine.evaluate("itest.intake", city, "2021").value
        states = dict(RollupState.objects.filter(code="itest.intake", column="")
                      .values_list("partition", "built_at"))
        Case.objects.create(org=office, intake_date=dt.date(2021, 5, 1))
        assert engine.evaluate("itest.intake", city, "2021").value == before + 1
        case = Case.objects.filter(org=office, intake_date=dt.date(2021, 5, 1)).first()
        case.intake_date = dt.date(2019, 5, 1)
        case.save()
        assert engine.evaluate("itest.intake", city, "2021").value == before
        Case.objects.filter(org=office, intake_date=dt.date(2021, 6, 1)).first().delete()
        assert engine.evaluate("itest.intake", city, "2021").value == before - 1
        after = dict(RollupState.objects.filter(code="itest.intake", column="")
                     .values_list("partition", "built_at"))
        assert after["341321"] == states["341321"]  # the untouched county was never rebuilt
        assert after["341322"] != states["341322"]
        # a queryset update sends no per-record signal: every partition of the model is rebuilt
        Case.objects.filter(org=office, intake_date__year=2021).update(intake_date=dt.date(2018, 1, 1))
        with engine.from_records():
            direct = engine.evaluate("itest.intake", city, "2021").value
        assert engine.evaluate("itest.intake", city, "2021").value == direct


def test_writes_move_the_generation_of_their_partition(city):
    from sifa.core.models import OrgUnit

    office = OrgUnit.objects.get(code="341321100-SFS")
    with engine.uncached(), engine.from_rollups():
        engine.evaluate("itest.intake", city, "2021")
    generation = RollupPartition.objects.get(label="indicators_testapp.case", partition="341321").generation
    Case.objects.create(org=office, intake_date=dt.date(2021, 5, 1))
    assert RollupPartition.objects.get(label="indicators_testapp.case",
                                       partition="341321").generation == generation + 1


def test_rebuild_job_and_eligibility(city):
    from sifa.core.models import OrgUnit
    from sifa.indicators import registry

    random_cases(random.Random(2), list(OrgUnit.objects.filter(path__startswith=city.path)), 60)
    written = rollups.rebuild([registry.get(code) for code in ("itest.intake", "itest.carried", "itest.people")])
    assert set(written) == {"itest.intake"}  # 旧存 (carried_over) and distinct people are never rolled up
    assert written["itest.intake"] == Rollup.objects.filter(code="itest.intake").count() > 0
    assert not rollups.eligible(registry.get("itest.registered"))  # a stock is as of a day


def test_short_county_periods_come_from_the_records(city):
    from sifa.core.models import OrgUnit
    from sifa.indicators.orgscope import org_scope
    from sifa.indicators.periods import parse_period

    county = OrgUnit.objects.get(code="341321-SFJ")
    intake = __import__("sifa.indicators.registry", fromlist=["get"]).get("itest.intake")
    scope = org_scope(county)
    parts = scope.partitions_of(scope.paths)
    assert not rollups.use_for(intake, scope, parse_period("2021Q1"), None, None, parts)
    assert rollups.use_for(intake, scope, parse_period("2021"), None, None, parts)
    assert rollups.use_for(intake, org_scope(city), parse_period("2021-03"), None, None,
                           org_scope(city).partitions_of(org_scope(city).paths))
    assert not rollups.use_for(intake, org_scope(city), parse_period("2021-03-02..2021-03-30"), None, None,
                               org_scope(city).partitions_of(org_scope(city).paths))


def test_rollups_command(city):
    from django.core.management import CommandError, call_command

    random_cases(random.Random(3), [city], 5)
    out = __import__("io").StringIO()
    call_command("rollups", code=["itest.intake"], stdout=out)
    assert "已重建1项指标的月度汇总" in out.getvalue()
    with pytest.raises(CommandError, match="不按月汇总"):
        call_command("rollups", code=["itest.people"])
    with pytest.raises(CommandError, match="不存在"):
        call_command("rollups", code=["itest.nope"])


def test_an_org_tree_change_makes_every_rollup_stale(city):
    from sifa.core import actions as core_actions
    from sifa.core.models import OrgUnit

    office = OrgUnit.objects.get(code="341322100-SFS")
    random_cases(random.Random(4), [office, OrgUnit.objects.get(code="341321100-SFS")], 40)
    with engine.uncached(), engine.from_rollups():
        engine.evaluate("itest.intake", city, "2021")
    states = dict(RollupState.objects.filter(code="itest.intake", column="").values_list("partition", "generation"))
    core_actions.update_org_unit(None, office, parent=OrgUnit.objects.get(code="341321-SFJ"))
    current = dict(RollupPartition.objects.filter(label="indicators_testapp.case").values_list("partition",
                                                                                              "generation"))
    assert all(current[p] != g for p, g in states.items())
    city.refresh_from_db()
    for by in ("org", "township"):
        with engine.uncached(), engine.from_records():
            direct = [(r.key, r.result.value) for r in engine.breakdown("itest.intake", city, "2021", by).rows]
        with engine.uncached(), engine.from_rollups():
            rolled = [(r.key, r.result.value) for r in engine.breakdown("itest.intake", city, "2021", by).rows]
        assert rolled == direct


def test_a_monthly_series_is_the_figure_of_each_month(city):
    """The dashboard's trend: one grouped query (or the roll-ups) for all the months, equal month by month to
    evaluating each month on its own, for counts, sums and rates, from the records and from the roll-ups."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sifa.core.models import OrgUnit
    from sifa.indicators.orgscope import org_scope
    from sifa.indicators.periods import month_period

    rng = random.Random(5)
    random_cases(rng, list(OrgUnit.objects.filter(path__startswith=city.path)), 300)
    months = [month_period(2020, m) for m in range(3, 13)] + [month_period(2021, m) for m in range(1, 4)]
    county = OrgUnit.objects.get(code="341321-SFJ")
    for org in (city, county):
        scope = org_scope(org)
        for code in ("itest.intake", "itest.persons", "itest.success_rate", "itest.per_10k", "itest.people",
                     "itest.cohort_success"):
            indicator = registry.get(code)
            with engine.uncached(), engine.from_records():
                expected = [(r.value, r.reason) for r in (indicator.evaluate(scope, m, {}) for m in months)]
            for context in (engine.from_records, engine.from_rollups):
                with engine.uncached(), context():
                    got = indicator.series(scope, months)
                assert [(r.value, r.reason) for r in got] == expected, (org.code, code, context.__name__)
                assert [r.period for r in got] == months
    intake = registry.get("itest.intake")
    with engine.uncached(), engine.from_records(), CaptureQueriesContext(connection) as queries:
        intake.series(org_scope(county), months)
    assert len(queries) == 1  # not one per month
    with engine.from_records():
        first = intake.series(org_scope(county), months)
        Case.objects.create(org=county, intake_date=dt.date(2020, 7, 9))
        again = intake.series(org_scope(county), months)  # the cached series moved with the write
    assert again[4].value == first[4].value + 1 and again[5].value == first[5].value


def test_a_write_makes_only_the_years_of_its_dates_stale(city):
    """Today's cases never make last year's roll-ups stale: a write moves the generations of the years its dates
    fall in (before and after the write); a record moved to another year moves both."""
    from sifa.core.models import OrgUnit

    office = OrgUnit.objects.get(code="341321100-SFS")
    random_cases(random.Random(6), [office], 40)
    with engine.uncached(), engine.from_rollups():
        engine.evaluate("itest.intake", city, "2020")
        engine.evaluate("itest.intake", city, "2021")

    def built():
        return dict(((p, y), at) for p, y, at in RollupState.objects.filter(code="itest.intake", column="")
                    .values_list("partition", "year", "built_at"))

    before = built()
    case = Case.objects.create(org=office, intake_date=dt.date(2021, 8, 1))
    with engine.uncached(), engine.from_rollups():
        engine.evaluate("itest.intake", city, "2020")  # read after the write
    assert built()[("341321", 2020)] == before[("341321", 2020)]  # 2020 of the same county: still current
    with engine.uncached(), engine.from_rollups():
        value_2021 = engine.evaluate("itest.intake", city, "2021").value
    assert built()[("341321", 2021)] != before[("341321", 2021)]
    case.intake_date = dt.date(2020, 8, 1)  # moved to another year: both years change
    case.save()
    with engine.uncached(), engine.from_rollups():
        assert engine.evaluate("itest.intake", city, "2021").value == value_2021 - 1
        moved = engine.evaluate("itest.intake", city, "2020").value
    with engine.uncached(), engine.from_records():
        assert engine.evaluate("itest.intake", city, "2020").value == moved
    generations = dict(((p, y), g) for p, y, g in RollupPartition.objects.filter(
        label="indicators_testapp.case").values_list("partition", "year", "generation"))
    assert generations.get(("341322", 2021), 0) == 0  # no write in the other county


def test_cohort_rollups_build_while_queries_are_logged(city):
    """The cohort month's SQL keeps its '%' escaped: a debug log of the query (DEBUG, CaptureQueriesContext, as a
    page's query count is taken) formats it with its parameters without failing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sifa.core.models import OrgUnit

    random_cases(random.Random(7), [OrgUnit.objects.get(code="341321100-SFS")], 30)
    with engine.uncached(), engine.from_records():
        direct = engine.evaluate("itest.cohort_success", city, "2021").value
    with CaptureQueriesContext(connection) as logged, engine.uncached(), engine.from_rollups():
        assert engine.evaluate("itest.cohort_success", city, "2021").value == direct
    assert any("INSERT INTO" in q["sql"] for q in logged.captured_queries)  # the roll-ups were built, and logged
