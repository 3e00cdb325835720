"""The whole demo county: every business line's demo records reproduce the seed figures they aim for when the
indicators are evaluated on them, look like a real ledger, and running the demo again adds nothing.

Building the county's records through the lines' actions takes minutes, so it is built once into a template
database (tests/demo/template.py) and this module reads a private copy of it; each test runs inside its own
transaction, rolled back afterwards."""

import datetime as dt
import random
from collections import Counter

import pytest
from django.core.cache import cache
from django.test import override_settings

from sifa.demo import county, registry
from sifa.indicators import engine
from sifa.indicators.results import round_half_up
from sifa.reports import coverage, document, templating

from . import template

pytestmark = [pytest.mark.slow, pytest.mark.demo_county]

ORG, PERIOD = "341321-SFJ", "2021H1"
TO_DATE = "截至2021-08-13"  # seed 000's date: its sentences written 截至目前/至今/目前 count to it


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), template.use_copy(tmp_path_factory.mktemp("demo")) as var, \
            override_settings(VAR_DIR=var, MEDIA_ROOT=var / "private"):
        cache.clear()
        ctx = county.build_county(log=lambda message: None)  # the county as built: nothing is added
        registry.autodiscover()
        yield ctx
        cache.clear()


def value(code, period=PERIOD, **dims):
    return engine.evaluate(code, ORG, period, dims=dims).value


def rebuild_adds_nothing(ctx, name, *models):
    """Run one line's builder again (as `sifa demo` does on a second run): no model gains a row."""
    builder = next(b for b in registry.builders() if b.name == name)
    before = [m.objects.count() for m in models]
    ctx.rng = random.Random(f"sifa-demo:{name}")
    builder.build(ctx)
    assert [m.objects.count() for m in models] == before


# --- 人民调解 -------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_mediation_gives_seed_000_and_looks_like_a_real_ledger(demo):
    from sifa.mediation.models import Dispute, MediationCommittee, Screening

    # “截至目前…排查528次, 发现205件, 预防264件, 调处640件, 调解成功627件, 成功率98%”: from 1 January to the
    # report's date (13 August), evaluated on the records; the first half alone holds fewer
    values = {code: value(f"mediation.{code}", TO_DATE)
              for code in ("screenings", "screening_found", "screening_prevented", "accepted", "succeeded")}
    assert values == {"screenings": 528, "screening_found": 205, "screening_prevented": 264, "accepted": 640,
                      "succeeded": 627}
    assert round_half_up(engine.evaluate("mediation.success_rate", ORG, TO_DATE).exact, 0) == 98
    assert 500 < value("mediation.accepted") < 640 and value("mediation.screenings") < 528
    assert value("mediation.accepted", "2021") > 640
    # 调处 is one figure: 调处率 divides the same 调处 by it plus what sweeps found and nobody took up
    rate = engine.evaluate("mediation.handling_rate", ORG, TO_DATE)
    assert rate.numerator.value == 640 and rate.denominator.value >= 640 and rate.value <= 100
    assert value("mediation.parties", TO_DATE) >= 2 * 640
    assert 0 < value("mediation.performance_rate", TO_DATE) <= 100
    assert value("mediation.accepted", "2020Q4") > 0

    h1 = Dispute.objects.filter(accepted_on__range=(dt.date(2021, 1, 1), dt.date(2021, 6, 30)))
    assert {d.month for d in h1.values_list("accepted_on", flat=True)} == {1, 2, 3, 4, 5, 6}
    assert len(set(h1.values_list("dispute_type", flat=True))) >= 8
    assert len(set(h1.values_list("source", flat=True))) >= 5
    levels = Counter(h1.values_list("level", flat=True))
    assert levels["village"] > levels["township"] > 0 and levels["county"] > 0
    offices = {d.org.parent_id for d in h1.select_related("org__parent") if d.org.parent.kind == "justice_office"}
    assert len(offices) >= 10
    assert MediationCommittee.objects.filter(committee_type="village").count() > 100
    linked = Counter(Dispute.objects.exclude(screening=None).values_list("screening", flat=True))
    assert linked and all(Screening.objects.get(pk=pk).found_count >= n for pk, n in linked.items())
    rebuild_adds_nothing(demo, "人民调解", Dispute, MediationCommittee)


# --- 法律援助 and 公证 -------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_legal_aid_and_notary_give_seed_000(demo):
    from sifa.legalaid.models import Application, Consultation
    from sifa.notary.models import NotaryMatter

    # “截至目前法律援助共受理办理案件892件，解答法律咨询500余件”, “至今共办理公证1657件”: to 13 August
    assert value("legalaid.accepted", TO_DATE) == 892 and value("legalaid.accepted") < 892
    consultations = value("legalaid.consultations", TO_DATE)
    assert consultations == 517 and templating.approximate(consultations, "余") == "500余"
    assert value("notary.issued", TO_DATE) == 1657 and value("notary.issued") < 1657
    areas = {r.key: r.result.value for r in engine.breakdown("legalaid.accepted", ORG, PERIOD, by="case_area").rows}
    assert all(areas[a] > 0 for a in ("criminal", "civil", "administrative"))
    assert 95 <= value("legalaid.decision_on_time_rate") < 100
    assert 95 <= value("notary.on_time_rate") < 100
    assert value("legalaid.closed") > 300 and value("legalaid.plea_cases") > 0
    assert value("notary.accepted", "2021") > value("notary.issued", TO_DATE)
    assert value("legalaid.accepted", "2020Q4") > 0 and value("notary.issued", "2021H2") > 0
    rebuild_adds_nothing(demo, "法律援助", Application, Consultation)
    rebuild_adds_nothing(demo, "公证", NotaryMatter)


# --- 行政复议、行政应诉 --------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_reconsideration_and_litigation_give_seed_000_to_the_report_date(demo):
    from sifa.litigation.models import Lawsuit
    from sifa.reconsideration.models import Agency, Case

    review = ("received", "declined", "accepted", "closed", "upheld", "terminated", "rejected", "unlawful", "revoked")
    suits = ("received", "heard", "head_appeared", "closed", "rejected", "withdrawn", "perform", "revoked")
    for period in (PERIOD, "截至2021-08-13"):
        assert [value(f"reconsideration.{c}", period) for c in review] == [23, 2, 21, 16, 7, 4, 1, 2, 2]
        assert [value(f"litigation.{c}", period) for c in suits] == [56, 42, 41, 12, 3, 6, 1, 2]
    assert value("reconsideration.closed", "2021") == 21 and value("litigation.closed", "2021") == 56
    rebuild_adds_nothing(demo, "行政复议", Agency, Case)
    rebuild_adds_nothing(demo, "行政应诉", Lawsuit)


# --- 普法与依法治理 ------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_publicity_gives_seed_000_and_the_needs_page_has_signal(demo):
    from sifa.publicity import needs
    from sifa.publicity.models import Activity, Backbone

    # 活动70多次, 讲座19场次, 资料近3万份, 受众4万余人; 国家2/省6/市13; 明白人1543, 带头人174
    codes = ("activities", "lectures", "materials", "audience", "model_villages_national",
             "model_villages_provincial", "model_villages_city", "understanders", "rule_leaders")
    assert [value(f"publicity.{c}") for c in codes] == [73, 19, 29650, 43210, 2, 6, 13, 1543, 174]
    towns = needs.compute(demo.users["leader"], dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    assert sum(t.weight for t in towns) > 100 and all(t.top for t in towns if t.weight)
    rebuild_adds_nothing(demo, "普法与依法治理", Activity, Backbone)


# --- 社区矫正 ---------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_corrections_gives_seed_000(demo):
    from sifa.corrections.models import LeaveRequest, Subject, SubjectStatus

    # “目前…在册401人” (缓刑384, 假释9, 管制0, 暂予监外执行8) on the report's date, 13 August, as on 30 June;
    # 调查评估 262 in 2021H1
    for period in (PERIOD, TO_DATE):
        assert value("corrections.registered", period) == 401
        table = engine.breakdown("corrections.registered", ORG, period, by="category")
        assert {row.label: row.result.value for row in table.rows} == {
            "管制": 0, "缓刑": 384, "假释": 9, "暂予监外执行": 8, "未填写": 0}
    assert value("corrections.investigations") == 262
    # the smart screening's 404/50 is the track screening's; the routine checks do not claim it again
    assert value("corrections.checked", TO_DATE) < 404
    assert value("corrections.discharged") == 95
    assert value("corrections.committed") == 1
    assert value("corrections.visit_coverage", "2021Q2") > 90
    assert value("corrections.file_reviews") > 100
    assert value("corrections.file_reviews", "2018-01-01..2021-08-13") == 2576  # 2018年以来自查互查2576卷
    by_office = engine.breakdown("corrections.registered", ORG, PERIOD, by="org")
    assert sum(1 for row in by_office.rows if row.result.value) >= 10
    assert Subject.objects.filter(status=SubjectStatus.ACTIVE).count() > 30
    assert Subject.objects.filter(status=SubjectStatus.PENDING).count() == 3
    assert LeaveRequest.objects.filter(status__in=("pending", "reviewed")).count() == 2
    rebuild_adds_nothing(demo, "社区矫正", Subject)


# --- 智慧矫正 ---------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_track_screening_gives_seed_000(demo):
    from sifa.tracks.models import Alert, AlertKind, AlertStatus, LocationPoint

    # 对在矫404名社区矫正对象进行智能化数据排查，发现50人私自外出
    for period in (PERIOD, "截至2021-08-13"):
        assert value("tracks.screened", period) == 404
        assert value("tracks.found", period) == 50
    assert Alert.objects.filter(kind=AlertKind.DEPARTURE, status=AlertStatus.CONFIRMED).count() >= 50
    assert Alert.objects.filter(kind=AlertKind.SILENCE).exists()
    assert Alert.objects.filter(kind=AlertKind.OFFENCE).exists()
    rebuild_adds_nothing(demo, "智慧矫正", LocationPoint, Alert)


# --- 心理评估与预警 -----------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_wellbeing_has_assessments_warnings_and_interventions(demo):
    from sifa.wellbeing.models import Assessment, EarlyWarning

    today = dt.date.today()
    year = f"{today.year - 1}-{today:%m-%d}..{today:%Y-%m-%d}"
    assessed, positive = value("wellbeing.assessed", year), value("wellbeing.positive", year)
    assert assessed >= 30 and 0 < positive < assessed
    assert value("wellbeing.warnings", year) > 0 and value("wellbeing.interventions", year) > 0
    rebuild_adds_nothing(demo, "心理评估与预警", Assessment, EarlyWarning)


# --- 远程会见 ---------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_remote_visits_have_a_year_of_bookings_and_slots_ahead(demo):
    from sifa.visits import actions
    from sifa.visits.models import Booking

    applications, persons = value("visits.applications", "2021"), value("visits.persons", "2021")
    assert 150 < applications < persons
    assert value("visits.held", "2021") > 0.9 * applications
    assert value("visits.special_applications", "2021") > 0
    assert actions.bookable_slots().count() > 50
    assert Booking.objects.filter(status="applied").exists()
    rebuild_adds_nothing(demo, "远程会见", Booking)


# --- the work report (issue 3, item 5) ------------------------------------------------------------------------

@pytest.mark.django_db
def test_report_reproduces_the_covered_figures_of_seed_000(demo):
    """With the demo county's records, the report of 砀山县司法局 for 2021H1 reproduces every figure of seed
    [000] that belongs to a line already in Sifa (sifa/reports/seed000.json lists them; run with -s to see
    the coverage)."""
    names = {b.name for b in registry.builders()}
    lines = {f.line for f in coverage.figures() if f.covered and f.demo}
    assert lines <= names, f"缺少演示数据生成器：{lines - names}"
    covered = [f for f in coverage.figures() if f.covered and f.demo]
    assert covered, "no figure of seed [000] is covered"
    # one report of 2021H1 as of the seed's date: each sentence counts in its own sense (截至目前 to the date, the
    # others the half year), and prints the seed's figure
    as_of = coverage.seed_as_of()
    reports = {}
    for f in covered:
        period = f.period_for(PERIOD, as_of)
        result = engine.evaluate(f.indicator, "341321", period, f.dims)
        assert result.value is not None, f"{f.text}: {result.reason}"
        shown = templating.format_value(result, f.format)
        assert shown == f.shown, f"{f.text}：指标 {f.indicator} 按 {period} 计算为 {shown}，种子报告为 {f.shown}"
        # …and `sifa report --org 341321 --period 2021H1 --date 2021-08-13` prints it as the seed does
        report_period = f.period or PERIOD
        if report_period not in reports:
            doc = reports[report_period] = document.build("341321", report_period, as_of=as_of)
            doc.printed = {(x.result.code, tuple(sorted(x.result.dims.items()))): x.text for x in doc.figures}
        key = (f.indicator, tuple(sorted(result.dims.items())))
        printed = reports[report_period].printed.get(key)
        assert printed == f.shown, f"报告中“{f.text}”印作 {printed}"
    assert "本报告数据截至2021年8月13日" in reports[PERIOD].plain_text()
    assert reports[PERIOD].title == "砀山县司法局2021年上半年工作总结"
    print("\n" + coverage.summary())
    for line in coverage.by_line():
        print(f"  {line.line}：{len(line.covered)}/{line.total}" + (
            "（" + "、".join(f.shown + f.unit for f in line.covered) + "）" if line.covered else "（待建）"))


# --- 律师与法律服务 -----------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_lawyers_give_seed_000_duty_and_adviser_figures(demo):
    from sifa.lawyers.models import Firm, Lawyer, Rating
    from sifa.legalaid.models import Provider

    # 参与信访值班接访47人次, 接待接访法律咨询58人次, 参与接访事项43件; 为企业担任法律顾问23家
    assert [value(f"lawyers.{c}") for c in ("duty_turns", "duty_consultations", "duty_matters",
                                            "advised_enterprises")] == [47, 58, 43, 23]
    # one register: every legal-aid lawyer of a firm is on it, none twice
    assert Lawyer.objects.filter(provider__service_org__firm__isnull=False).count() == \
        Provider.objects.filter(service_org__firm__isnull=False).count()
    assert Firm.objects.count() >= 7 and Rating.objects.count() > 10
    assert value("lawyers.per_10k", "2021") > 0 and value("lawyers.public_coverage", "2021H1") > 0
    rebuild_adds_nothing(demo, "律师与法律服务", Firm, Lawyer, Rating)
