"""Mediation indicators against hand-computed fixtures, including the figures of seeds 002 (东阳 2021) and
004 (城中区 2023). Records are bulk-inserted (as a ledger import of thousands of rows would leave them)."""

import datetime as dt
from decimal import Decimal

import pytest

from sifa.core import actions as core_actions
from sifa.indicators import engine
from sifa.mediation.models import Dispute, DisputeStatus, Level, PetitionTransfer, Screening, Source
from tests import factories

from . import builders

D = dt.date
MARCH_1, MARCH_20 = D(2021, 3, 1), D(2021, 3, 20)


def _cases(org, n, *, level=Level.VILLAGE, status=DisputeStatus.SUCCEEDED, accepted=MARCH_1,
           closed=MARCH_20, source=Source.APPLICATION, dispute_type="neighbour", **flags):
    Dispute.objects.bulk_create([
        Dispute(org=org, org_path=org.path, region_code=org.division_id, summary="x", dispute_type=dispute_type,
                source=source, level=level, status=status, applied_on=accepted, accepted_on=accepted,
                closed_on=closed if status != DisputeStatus.MEDIATING else None, **flags)
        for _ in range(n)])


def value(code, org, period, **kw):
    return engine.evaluate(code, org, period, **kw)


@pytest.fixture
def dongyang(db):
    tree = factories.county_tree("330783", "东阳市")
    bureau, office = tree["bureau"], tree["office_a"]
    # 7549 受理: 村社5508 (5494 成功), 镇街1289 (1286 成功), 市级752 (751 成功) → 7531 成功;
    # 疑难复杂 successes 39 (镇街) + 101 (市级, all 非正常死亡) = 140
    _cases(office, 5494, level=Level.VILLAGE)
    _cases(office, 14, level=Level.VILLAGE, status=DisputeStatus.FAILED)
    _cases(office, 1247, level=Level.TOWNSHIP)
    _cases(office, 39, level=Level.TOWNSHIP, difficult=True)
    _cases(office, 3, level=Level.TOWNSHIP, status=DisputeStatus.TERMINATED)
    _cases(bureau, 650, level=Level.COUNTY)
    _cases(bureau, 101, level=Level.COUNTY, difficult=True, abnormal_death=True)
    _cases(bureau, 1, level=Level.COUNTY, status=DisputeStatus.MEDIATING)
    # outside the period or the county: must not count
    _cases(office, 7, accepted=D(2020, 12, 20), closed=D(2021, 1, 5))
    other = factories.county_tree("330784", "永康市")
    _cases(other["office_a"], 9)
    core_actions.set_population(None, division=tree["county"], year=2021, residents=1_085_300,
                                source="测试：由东阳2021年万人化解率69.39反推的常住人口108.53万人")
    return tree


def test_dongyang_2021(dongyang):
    bureau = dongyang["bureau"]
    assert value("mediation.accepted", bureau, "2021").value == 7549
    assert value("mediation.succeeded", bureau, "2021").value == 7531
    rate = value("mediation.success_rate", bureau, "2021")
    assert rate.value == Decimal("99.76") and rate.display_with_unit == "99.76%"
    assert value("mediation.accepted_village", bureau, "2021").value == 5508
    assert value("mediation.accepted_township", bureau, "2021").value == 1289
    assert value("mediation.accepted_county", bureau, "2021").value == 752
    assert value("mediation.level_share_village", bureau, "2021").value == Decimal("72.96")
    assert value("mediation.level_share_township", bureau, "2021").value == Decimal("17.08")
    assert value("mediation.level_share_county", bureau, "2021").value == Decimal("9.96")
    per_10k = value("mediation.resolution_per_10k", bureau, "2021")
    assert per_10k.value == Decimal("69.39") and per_10k.unit == "件/万人"
    assert value("mediation.difficult_succeeded", bureau, "2021").value == 140
    assert value("mediation.abnormal_death_succeeded", bureau, "2021").value == 101
    # the breakdown by level adds up to the total
    rows = engine.breakdown("mediation.accepted", bureau, "2021", by="level").rows
    assert {r.key: r.result.value for r in rows if r.result.value} == {"village": 5508, "township": 1289,
                                                                        "county": 752}
    # drill-down: the records behind a value
    assert value("mediation.accepted_county", bureau, "2021").records().count() == 752


def test_success_counted_on_the_intake_cohort_up_to_the_cutoff(tree):
    office = tree["office_a"]
    _cases(office, 10, accepted=D(2021, 3, 1), closed=D(2021, 3, 9))
    _cases(office, 1, accepted=D(2021, 3, 1), closed=D(2021, 3, 9), status=DisputeStatus.FAILED)
    # accepted in June, closed in July: in 2021H1's 受理 but not (yet) in its 成功
    _cases(office, 2, accepted=D(2021, 6, 28), closed=D(2021, 7, 2))
    # accepted in December 2020, closed in January 2021: 成功 of 2020 on the intake cohort
    _cases(office, 7, accepted=D(2020, 12, 20), closed=D(2021, 1, 5))
    assert value("mediation.accepted", office, "2021H1").value == 13
    assert value("mediation.succeeded", office, "2021H1").value == 10
    assert value("mediation.succeeded", office, "2021").value == 12
    assert value("mediation.succeeded", office, "2020").value == 0   # not yet closed on 2020-12-31
    assert value("mediation.success_rate", office, "2021H1").value == Decimal("76.92")
    # by closure date the December cases count in January 2021, with the carry-over
    assert value("mediation.succeeded_closed", office, "2021-01").value == 7


def test_chengzhong_2023(db):
    tree = factories.county_tree("450202", "城中区")
    office = tree["office_a"]
    Screening.objects.bulk_create([Screening(org=office, org_path=office.path, region_code=office.division_id,
                                             held_on=D(2023, 1, 1) + dt.timedelta(days=i), scope="社区",
                                             found_count=7, prevented_count=1) for i in range(107)])
    _cases(office, 748, accepted=D(2023, 5, 1), closed=D(2023, 5, 9), source=Source.SCREENING)
    _cases(office, 1, accepted=D(2023, 5, 1), closed=D(2023, 5, 9), source=Source.SCREENING,
           status=DisputeStatus.FAILED)
    assert value("mediation.screening_found", office, "2023").value == 749
    assert value("mediation.screening_accepted", office, "2023").value == 749
    assert value("mediation.handling_rate", office, "2023").value == Decimal("100.00")
    assert value("mediation.success_rate", office, "2023").value == Decimal("99.87")


def test_dangshan_rate_rounds_half_up_to_98(tree):
    office = tree["office_a"]
    _cases(office, 627, accepted=D(2021, 2, 1), closed=D(2021, 2, 20))
    _cases(office, 13, accepted=D(2021, 2, 1), closed=D(2021, 2, 20), status=DisputeStatus.FAILED)
    rate = value("mediation.success_rate", office, "2021H1")
    assert rate.value == Decimal("97.97")
    from sifa.indicators.results import round_half_up

    assert round_half_up(rate.exact, 0) == 98


def test_zero_intake_gives_no_rate(tree):
    rate = value("mediation.success_rate", tree["office_a"], "2021")
    assert rate.value is None and "为0" in rate.reason


def test_stocks_and_petition_routes(med, tree, office_user):
    from sifa.mediation import actions

    actions.update_committee(office_user, med["township"], dissolved_on=D(2021, 5, 1))
    bureau = tree["bureau"]
    # four committees built by the fixture; the township one is dissolved in May
    assert value("mediation.committees", bureau, "2021-04").value == 4
    assert value("mediation.committees", bureau, "2021-06").value == 3
    assert value("mediation.sector_committees", bureau, "2021").value == 1
    assert value("mediation.mediators", bureau, "2021").value == 8
    routes = {"psych": 6, "lawyer": 13, "legal_aid": 36, "joint": 12}
    office = tree["office_a"]
    PetitionTransfer.objects.bulk_create([
        PetitionTransfer(org=office, org_path=office.path, region_code=office.division_id, received_on=D(2022, 6, 1),
                         person_name="来访人", id_number=builders.resident_id(), matter="x", route=route,
                         status="routed", routed_on=D(2022, 6, 2))
        for route, n in routes.items() for _ in range(n)])
    assert value("mediation.petition_transfers", bureau, "2022").value == 67
    rows = engine.breakdown("mediation.petition_transfers", bureau, "2022", by="route").rows
    assert {r.key: r.result.value for r in rows if r.result.value} == routes


def test_report_paragraph_prints_seed_000_sentence(tree):
    from sifa.reports import document

    office = tree["office_a"]
    _cases(office, 627, accepted=D(2021, 2, 1), closed=D(2021, 2, 20))
    _cases(office, 13, accepted=D(2021, 2, 1), closed=D(2021, 2, 20), status=DisputeStatus.FAILED)
    Screening.objects.bulk_create([Screening(org=office, org_path=office.path, region_code=office.division_id,
                                             held_on=D(2021, 3, 1), scope="全镇", found_count=1 if i < 205 else 0,
                                             prevented_count=1 if i < 264 else 0) for i in range(528)])
    text = document.build(tree["bureau"], "2021H1", as_of=D(2021, 8, 13)).plain_text()
    assert ("截至目前全县各级人民调解组织共开展矛盾纠纷排查528次，排查发现矛盾纠纷205件，预防矛盾纠纷264件，"
            "调处纠纷640件，调解成功627件，调解成功率98%。") in text
    assert "其中村社调处640件，占比100%；镇街调处0件，占比0%；县级调处0件，占比0%" in text
