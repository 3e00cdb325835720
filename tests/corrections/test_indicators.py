"""Corrections and 安置帮教 indicators against hand-built fixtures, including the figures of seeds 000 (砀山
2021上半年) and 004 (城中区 2023). Records are bulk-inserted, as a ledger import of
hundreds of rows would leave them; a few go through the actions to show the two agree."""

import datetime as dt
import itertools

import pytest

from sifa.core.models import Role
from sifa.corrections import actions
from sifa.corrections.models import (
    Category,
    ExitKind,
    FieldVisit,
    Investigation,
    ReleasedPerson,
    ReleaseStatus,
    Subject,
    SubjectStatus,
)
from sifa.indicators import engine
from tests import factories

from . import builders

D = dt.date
pytestmark = pytest.mark.django_db
_ids = itertools.count(1)
JUNE_2020 = D(2020, 6, 1)


def unique_id(female: bool = False) -> str:
    n = next(_ids)
    birth = (D(1960, 1, 1) + dt.timedelta(days=n)).strftime("%Y%m%d")
    return builders.resident_id(birth=birth, seq=n % 400, male=not female)


def subjects(org, n, *, category=Category.PROBATION, reported=JUNE_2020, exited=None, female=False,
             status=SubjectStatus.ACTIVE, exit_kind="", reoffended=None, report_due=None, level="normal"):
    rows = []
    for _ in range(n):
        number = unique_id(female)
        rows.append(Subject(
            org=org, org_path=org.path, region_code=org.division_id, name="对象", sex="女" if female else "男",
            id_number=number, birth_date=D(int(number[6:10]), int(number[10:12]), int(number[12:14])),
            category=category, outside_reason="medical" if category == Category.OUTSIDE else "", crime="盗窃罪",
            sentence="有期徒刑一年", authority_kind="court", authority="人民法院",
            effective_on=(reported or D(2020, 6, 1)) - dt.timedelta(days=3), term_years=2,
            period_start=reported or D(2020, 6, 1), period_end=(reported or D(2020, 6, 1)) + dt.timedelta(days=730),
            report_due=report_due or (reported or D(2020, 6, 1)) + dt.timedelta(days=7), reported_on=reported,
            exited_on=exited, exit_kind=exit_kind, reoffended_on=reoffended, level=level,
            status=status if exited is None else SubjectStatus.DISCHARGED))
    Subject.objects.bulk_create(rows)
    return rows


def value(code, org, period, **kwargs):
    return engine.evaluate(code, org, period, **kwargs).value


@pytest.fixture
def dangshan(tree):
    """砀山 at 2021-06-30: 401 in register = 缓刑384 + 假释9 + 管制0 + 暂予监外执行8, split over two offices, with
    records on each side of every boundary that must not count."""
    a, b = tree["office_a"], tree["office_b"]
    subjects(a, 200, reported=D(2019, 3, 1))
    subjects(b, 150, reported=D(2020, 11, 15))
    subjects(b, 30, reported=D(2021, 2, 1), female=True)
    subjects(a, 4, reported=D(2021, 6, 30))                                   # received on the last day: in
    subjects(a, 9, category=Category.PAROLE, reported=D(2021, 1, 20))
    subjects(b, 8, category=Category.OUTSIDE, reported=D(2020, 9, 1))
    # not in register on 2021-06-30
    subjects(a, 5, reported=D(2019, 1, 1), exited=D(2021, 6, 30), exit_kind=ExitKind.EXPIRED)   # left that day
    subjects(a, 3, reported=D(2021, 7, 1))                                    # received after
    subjects(a, 2, reported=None, status=SubjectStatus.PENDING, report_due=D(2021, 6, 20))  # never reported
    subjects(b, 6, reported=D(2019, 1, 1), exited=D(2021, 3, 1), exit_kind=ExitKind.EXPIRED)
    # still in register on 2021-06-30: five of office A's leave the next day
    early = Subject.objects.filter(org=a, reported_on=D(2019, 3, 1)).values_list("pk", flat=True)[:5]
    Subject.objects.filter(pk__in=list(early)).update(exited_on=D(2021, 7, 1), exit_kind=ExitKind.EXPIRED)
    # investigations: 262 received in 2021H1, 3 outside it, 4 in another county
    inv = []
    for i in range(262):
        day = D(2021, 1, 4) + dt.timedelta(days=i % 178)
        inv.append(Investigation(org=a if i % 2 else b, org_path=(a if i % 2 else b).path, region_code=a.division_id,
                                 commissioner_kind="court", commissioner="砀山县人民法院", received_on=day,
                                 person_name="x", id_number=unique_id(), proposed_category="probation",
                                 due_on=day + dt.timedelta(days=14), urgent=i % 10 == 0))
    for day in (D(2020, 12, 31), D(2021, 7, 1), D(2021, 7, 2)):
        inv.append(Investigation(org=a, org_path=a.path, region_code=a.division_id, commissioner_kind="court",
                                 commissioner="x", received_on=day, person_name="x", id_number=unique_id(),
                                 proposed_category="probation", due_on=day))
    Investigation.objects.bulk_create(inv)
    other = factories.county_tree("330783", "东阳市")
    subjects(other["office_a"], 7, reported=D(2020, 1, 1))
    return tree


def test_seed_000_in_register_by_category(dangshan):
    bureau = dangshan["bureau"]
    assert value("corrections.registered", bureau, "2021H1") == 401
    table = engine.breakdown("corrections.registered", bureau, "2021H1", by="category")
    assert {row.label: row.result.value for row in table.rows} == {
        "管制": 0, "缓刑": 384, "假释": 9, "暂予监外执行": 8, "未填写": 0}
    assert sum(row.result.value for row in table.rows) == table.total.value == 401
    assert value("corrections.registered", bureau, "2021H1", dims={"category": "缓刑"}) == 384
    by_office = engine.breakdown("corrections.registered", bureau, "2021H1", by="org")
    assert {row.label: row.result.value for row in by_office.rows if row.result.value} == {
        "砀城司法所": 213, "周寨司法所": 188}


def test_seed_000_investigations(dangshan):
    assert value("corrections.investigations", dangshan["bureau"], "2021H1") == 262
    assert value("corrections.investigations", dangshan["bureau"], "2021H1", dims={"urgent": "True"}) == 27


def test_late_reports_count_the_never_reported(dangshan):
    assert value("corrections.late_reports", dangshan["bureau"], "2021H1") == 2


def test_drill_down_is_for_corrections_roles_only(dangshan, office_user):
    result = engine.evaluate("corrections.registered", dangshan["bureau"], "2021H1", dims={"category": "假释"})
    officer = factories.user(dangshan["bureau"], role=Role.CORRECTIONS_OFFICER)
    assert result.records(officer).count() == 9
    assert result.records(factories.user(dangshan["office_a"], role=Role.CORRECTIONS_OFFICER)).count() == 9
    assert result.records(factories.user(dangshan["office_b"], role=Role.CORRECTIONS_OFFICER)).count() == 0
    assert result.records(office_user).count() == 0


def test_seed_004_in_register_by_category_and_sex(db):
    tree = factories.county_tree("450202", "城中区")
    office = tree["office_a"]
    subjects(office, 61, reported=D(2023, 2, 1))
    subjects(office, 19, reported=D(2022, 8, 1), female=True)
    subjects(office, 3, category=Category.PAROLE, reported=D(2023, 5, 1))
    subjects(office, 12, reported=D(2021, 1, 1), exited=D(2023, 11, 30), exit_kind=ExitKind.EXPIRED)
    bureau = tree["bureau"]
    assert value("corrections.registered", bureau, "2023") == 83
    by_category = engine.breakdown("corrections.registered", bureau, "2023", by="category")
    assert {r.label: r.result.value for r in by_category.rows if r.result.value} == {"缓刑": 80, "假释": 3}
    by_sex = engine.breakdown("corrections.registered", bureau, "2023", by="sex")
    assert {r.label: r.result.value for r in by_sex.rows if r.result.value} == {"男": 64, "女": 19}
    assert value("corrections.exits", bureau, "2023") == 12
    assert value("corrections.discharged", bureau, "2023") == 12


def test_intake_exits_reoffence_rate_and_visit_coverage(tree):
    office = tree["office_a"]
    staying = subjects(office, 36, reported=D(2020, 1, 1))
    subjects(office, 4, reported=D(2021, 2, 1))                                  # intake in Q1
    subjects(office, 2, reported=D(2019, 1, 1), exited=D(2021, 3, 1), exit_kind=ExitKind.EXPIRED,
             reoffended=D(2021, 2, 10))                                          # reoffended, then out
    subjects(office, 5, reported=D(2019, 1, 1), exited=D(2020, 12, 31), exit_kind=ExitKind.EXPIRED)  # before Q1
    bureau = tree["bureau"]
    assert value("corrections.intake", bureau, "2021Q1") == 4
    assert value("corrections.managed", bureau, "2021Q1") == 42
    assert value("corrections.registered", bureau, "2021Q1") == 40
    assert value("corrections.reoffended", bureau, "2021Q1") == 2
    rate = engine.evaluate("corrections.reoffence_rate", bureau, "2021Q1")
    assert str(rate.value) == "4.76"                                             # 2/42
    visits = [FieldVisit(org=office, org_path=office.path, region_code=office.division_id,
                         subject_id=Subject.objects.get(id_number=s.id_number).pk, visited_on=D(2021, 3, day),
                         visitor_kind="contracted", visitors="社工", content="在家")
              for s in staying[:21] for day in (1, 15)]
    FieldVisit.objects.bulk_create(visits)
    assert value("corrections.visits", bureau, "2021Q1") == 42
    assert value("corrections.visited", bureau, "2021Q1") == 21
    assert str(value("corrections.visit_coverage", bureau, "2021Q1")) == "50.00"
    assert value("corrections.visited", bureau, "2021Q2") == 0


def test_indicators_follow_the_actions(tree):
    cor = builders.staff(tree)
    s = builders.subject(cor["a"], tree["office_a"], effective_on=D(2021, 4, 1))
    for day in (D(2021, 4, 10), D(2021, 5, 10)):
        w = actions.propose_sanction(cor["a"], s, kind="warning", ground="serious_breach", facts="x", proposed_on=day)
        actions.decide_sanction(cor["county"], w, approve=True, decided_on=day)
    leave = actions.request_leave(cor["a"], s, destination="合肥", reason="就医", start_on=D(2021, 6, 10),
                                  end_on=D(2021, 6, 12), requested_on=D(2021, 6, 1))
    actions.decide_leave(cor["a"], leave, approve=True, decided_on=D(2021, 6, 2))
    revoke = actions.propose_sanction(cor["a"], s, kind="revoke_probation", ground="two_warnings", facts="x",
                                      proposed_on=D(2021, 6, 20))
    actions.decide_sanction(cor["county"], revoke, approve=True, decided_on=D(2021, 6, 21))
    actions.record_ruling(cor["county"], revoke, upheld=True, ruled_on=D(2021, 7, 15), ruling_no="（2021）皖1321刑更5号")
    bureau = tree["bureau"]
    assert value("corrections.warnings", bureau, "2021H1") == 2
    assert value("corrections.leaves_approved", bureau, "2021H1") == 1
    assert value("corrections.revocations_proposed", bureau, "2021H1") == 1
    assert value("corrections.committed", bureau, "2021H1") == 0
    assert value("corrections.committed", bureau, "2021H2") == 1
    assert value("corrections.registered", bureau, "2021H1") == 1
    assert value("corrections.registered", bureau, "2021H2") == 0
    assert value("corrections.sanctions", bureau, "2021H1", dims={"kind": "警告"}) == 2


def test_aftercare_rates(tree):
    office = tree["office_a"]

    def people(n, **fields):
        ReleasedPerson.objects.bulk_create([ReleasedPerson(
            org=office, org_path=office.path, region_code=office.division_id, name="x", sex="男",
            id_number=unique_id(), crime="盗窃罪", prison="宿州监狱", tracking_until=D(2026, 1, 1),
            **{"release_on": D(2021, 3, 1), **fields}) for _ in range(n)])

    people(30, linked_on=D(2021, 3, 2), status=ReleaseStatus.LINKED, resettled_on=D(2021, 4, 1))
    people(6, linked_on=D(2021, 3, 2), status=ReleaseStatus.LINKED)                      # linked, not settled
    people(4, key_person=True, picked_up_on=D(2021, 3, 1), linked_on=D(2021, 3, 1), status=ReleaseStatus.LINKED)
    people(1, key_person=True, status=ReleaseStatus.UNLINKED)
    people(2, linked_on=D(2021, 7, 3), status=ReleaseStatus.LINKED)                       # linked after H1
    people(2, release_on=D(2020, 5, 1), linked_on=D(2020, 5, 2), status=ReleaseStatus.REOFFENDED,
           reoffended_on=D(2021, 5, 1), ended_on=D(2021, 5, 1))
    bureau = tree["bureau"]
    assert value("aftercare.released", bureau, "2021H1") == 43
    assert value("aftercare.linked", bureau, "2021H1") == 40
    assert str(value("aftercare.link_rate", bureau, "2021H1")) == "93.02"
    assert value("aftercare.escorted", bureau, "2021H1") == 4
    assert str(value("aftercare.escort_rate", bureau, "2021H1")) == "80.00"
    assert str(value("aftercare.resettle_rate", bureau, "2021H1")) == "75.00"               # 30/40
    assert value("aftercare.tracked", bureau, "2021H1") == 42
    assert str(value("aftercare.reoffence_rate", bureau, "2021H1")) == "4.76"


def test_report_sentences_in_the_seed_pattern(dangshan):
    from sifa.reports import document

    text = document.build(dangshan["bureau"], "2021H1").plain_text()
    assert ("目前全县在册社区矫正对象401人，其中缓刑384人，假释9人，管制0人，暂予监外执行8人。"
            "规范适用社区矫正影响评估工作，进行审前调查评估262件。") in text
    assert "扎实做好社区矫正工作" in text
