"""The figures of the seeds (DOMAIN §12 指标), evaluated by the indicator engine on records:

- seed 000 from the line's demo builder for 砀山县 2021H1: 处罚38 + 许可24 reviewed, 5 excellent, the rest qualified,
  and the work report's sentence;
- seed 001 (环翠区 2022) and seed 002 (东阳市 2021) on fixture records: 审验234人, 新申领和四年年审33名, 考试499名,
  社会监督员8名, 联系点2家; 特邀监督员22名, 排查17次, 意见书22份, 依据1419个, 基准39个 (自定6个, 61个方面909项)."""

import datetime as dt
import random
from decimal import Decimal

import pytest

from sifa.demo.registry import DemoContext
from sifa.enforcement import actions
from sifa.enforcement import demo as enforcement_demo
from sifa.enforcement.models import (
    Basis,
    Benchmark,
    BenchmarkItem,
    ExamSitting,
    Officer,
    Opinion,
    OpinionSource,
    OpinionStatus,
    SpecialCheck,
    Supervisor,
    SupervisorKind,
    Verification,
    VerificationKind,
)
from sifa.indicators import engine
from sifa.reconsideration import demo as reconsideration_demo
from sifa.reports import document
from tests import factories
from tests.enforcement import builders

D = dt.date


def _scope(org) -> dict:
    """What ScopedModel.save would set: bulk_create does not call it."""
    return {"org": org, "org_path": org.path, "region_code": org.division_id}


def test_seed_000_from_the_demo_builder(tree, bureau_user):
    ctx = DemoContext(county=tree["county"], bureau=tree["bureau"], offices=[tree["office_a"]], sections={},
                      units={}, committees=[], users={"section_staff": bureau_user}, today=D(2026, 12, 7),
                      rng=random.Random("sifa-demo:行政执法监督"), log=lambda message: None)
    reconsideration_demo.Builder(ctx).agencies()
    enforcement_demo.build(ctx)
    org = tree["bureau"]

    def value(code, period="2021H1"):
        return engine.evaluate(code, org, period).value

    assert [value(f"enforcement.{c}") for c in ("files_penalty", "files_licence", "files_reviewed", "files_excellent",
                                                 "files_qualified", "files_unqualified")] == [38, 24, 62, 5, 57, 0]
    assert engine.evaluate("enforcement.excellent_rate", org, "2021H1").value == Decimal("8.06")
    assert value("enforcement.opinions") == 7 and value("enforcement.special_checks") == 6
    assert value("enforcement.opinions_closed", "2021") == 3
    assert value("enforcement.decisions") > 62 and value("enforcement.decisions_on_time") < value("enforcement.decisions")
    by_agency = engine.breakdown("enforcement.files_reviewed", org, "2021H1", by="body")
    assert sorted(r.result.value for r in by_agency.rows if r.key) == [12, 12, 12, 26]
    text = document.build(org, "2021H1", user=bureau_user).plain_text()
    assert "共评查行政处罚卷38卷、行政许可卷24卷，经评查，5份被推荐为优秀卷宗，57份为合格卷宗。" in text
    count = Officer.objects.count()
    enforcement_demo.build(ctx)  # a second run adds nothing
    assert Officer.objects.count() == count


@pytest.fixture
def huancui(db):
    """环翠区 2022 on fixture records (bulk, as an import of the year's roster would leave them)."""
    tree = factories.county_tree("371002", "环翠区")
    user = factories.user(tree["bureau"], role="section_staff")
    body = builders.bodies(tree["bureau"], user)["market"]
    org = tree["bureau"]
    officers = Officer.objects.bulk_create(
        Officer(body=body, **_scope(org), name=f"执法{n}", cert_number=f"3710021{n:05d}", issued_on=D(2019, 1, 1),
                valid_until=D(2029, 1, 1), review_due=D(2027, 1, 1)) for n in range(520))
    Verification.objects.bulk_create(
        Verification(officer=o, **_scope(org), checked_on=D(2022, 5, 1), passed=True,
                     kind=VerificationKind.NEW if n < 13 else VerificationKind.CYCLE if n < 33 else VerificationKind.ANNUAL)
        for n, o in enumerate(officers[:234]))
    Verification.objects.bulk_create(  # a failed second try of one officer does not count twice
        [Verification(officer=officers[40], **_scope(org), checked_on=D(2022, 6, 1), passed=False,
                      kind=VerificationKind.CYCLE)])
    ExamSitting.objects.bulk_create(ExamSitting(officer=o, **_scope(org), sat_on=D(2022, 9, 1), score=80, passed=True)
                                    for o in officers[:499])
    points = [actions.add_contact_point(user, org=org, name=f"联系点{n}", established_on=D(2022, 3, 1)) for n in range(2)]
    for n in range(8):
        actions.appoint_supervisor(user, org=org, kind=SupervisorKind.SOCIAL, name=f"社会监督员{n}",
                                   appointed_on=D(2022, 3, 1), contact_point=points[n % 2])
    return tree


def test_seed_001_certificates_exams_supervisors(huancui):
    values = [engine.evaluate(f"enforcement.{c}", huancui["bureau"], "2022").value
              for c in ("verified", "newly_certified", "examined", "social_supervisors", "contact_points")]
    assert values == [234, 33, 499, 8, 2]


@pytest.fixture
def dongyang(db):
    """东阳市 2021 on fixture records."""
    tree = factories.county_tree("330783", "东阳市")
    user = factories.user(tree["bureau"], role="section_staff")
    org = tree["bureau"]
    body = builders.bodies(org, user)["market"]
    supervisors = Supervisor.objects.bulk_create(
        Supervisor(**_scope(org), kind=SupervisorKind.INVITED, name=f"特邀{n}", appointed_on=D(2021, 1, 1))
        for n in range(22))
    checks = SpecialCheck.objects.bulk_create(SpecialCheck(**_scope(org), theme=f"专项{n}", held_on=D(2021, 1 + n % 12, 10))
                                              for n in range(17))
    Opinion.objects.bulk_create(
        Opinion(**_scope(org), number=f"东司监{n}", source=OpinionSource.MONTHLY, body=body, subject="s", content="c",
                issued_on=D(2021, 2, 1), due_on=D(2021, 3, 3), special_check=checks[n % 17],
                supervisor=supervisors[n], status=OpinionStatus.CLOSED if n < 20 else OpinionStatus.RECTIFYING,
                closed_on=D(2021, 4, 1) if n < 20 else None) for n in range(22))
    Basis.objects.bulk_create(Basis(body=body, **_scope(org), matter=f"事项{n}", clause="条款", published_on=D(2021, 5, 1))
                              for n in range(1419))
    benchmarks = Benchmark.objects.bulk_create(
        Benchmark(body=body, **_scope(org), title=f"基准{n}", local=n < 6, published_on=D(2021, 5, 1)) for n in range(39))
    BenchmarkItem.objects.bulk_create(
        BenchmarkItem(benchmark=benchmarks[n % 6], **_scope(org), area=f"方面{n % 61}", matter=f"事项{n}", tier="一般",
                      sanction="警告", local=True, published_on=D(2021, 5, 1)) for n in range(909))
    BenchmarkItem.objects.bulk_create(
        BenchmarkItem(benchmark=benchmarks[10], **_scope(org), area="省定方面", matter="省定事项", tier="一般", sanction="警告",
                      local=False, published_on=D(2021, 5, 1)) for _ in range(5))
    return tree


def test_seed_002_supervision_and_publicity(dongyang):
    org = dongyang["bureau"]
    values = [engine.evaluate(f"enforcement.{c}", org, "2021").value
              for c in ("invited_supervisors", "special_checks", "opinions", "opinions_closed", "bases", "benchmarks",
                        "local_benchmarks", "local_areas", "local_items")]
    assert values == [22, 17, 22, 20, 1419, 39, 6, 61, 909]
    assert engine.evaluate("enforcement.opinion_rate", org, "2021").value == Decimal("90.91")
    user = factories.user(org, role="section_staff", username="report_reader")
    text = document.build(org, "2021", user=user).plain_text()
    assert ("共梳理公示行政执法依据1419个，梳理公示行政执法自由裁量基准39个。其中结合本市实际制定自由裁量基准6个，"
            "共涉及61个方面执法事项909项。") in text
