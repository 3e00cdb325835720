"""The subject registry: validated identity, computed period and 报到 deadline, uniqueness across counties, the
corrections-only scope, and the 矫正小组 rule for women."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import AuditEvent, Role
from sifa.corrections import actions, rules
from sifa.corrections.models import Category, Subject, SubjectStatus, TeamMember
from tests import factories

from . import builders

D = dt.date
pytestmark = pytest.mark.django_db


def _fields(**extra):
    return {"name": "李某", "id_number": builders.resident_id(), "category": Category.PROBATION, "crime": "盗窃罪",
            "sentence": "有期徒刑一年，缓刑二年", "authority_kind": "court", "authority": "砀山县人民法院",
            "effective_on": D(2021, 3, 5), "term_years": 2, **extra}


def test_registration_computes_period_and_report_deadline(cor, tree):
    s = actions.register_subject(cor["a"], org=tree["office_a"], **_fields())
    assert (s.period_start, s.period_end) == (D(2021, 3, 5), D(2023, 3, 4))
    assert s.report_due == D(2021, 3, 15)  # ten calendar days, a Monday
    assert s.status == SubjectStatus.PENDING and s.sex == "男" and not s.minor
    assert s.number == "（2021）砀矫字第1号"
    row = AuditEvent.objects.get(object_type="corrections.subject", object_id=str(s.pk))
    assert s.id_number not in str(row.after) and row.after["id_number"].startswith("3413")


def test_report_deadline_rolls_past_the_spring_festival(cor, tree):
    # effective 2021-02-01: the tenth day (2021-02-11) is 除夕, a holiday through 02-17 → due 2021-02-18
    s = actions.register_subject(cor["a"], org=tree["office_a"], **_fields(effective_on=D(2021, 2, 1)))
    assert s.report_due == D(2021, 2, 18)


@pytest.mark.parametrize("years, months, days, credited, end", [
    (0, 6, 0, 0, D(2021, 9, 4)),
    (1, 0, 15, 0, D(2022, 3, 19)),
    (0, 0, 0, 10, None),
])
def test_period_terms(cor, tree, years, months, days, credited, end):
    fields = _fields(term_years=years, term_months=months, term_days=days, credited_days=credited,
                     category=Category.CONTROL, sentence="管制六个月")
    if end is None:
        with pytest.raises(ValidationError, match="请填写矫正期限"):
            actions.register_subject(cor["a"], org=tree["office_a"], **fields)
        return
    assert actions.register_subject(cor["a"], org=tree["office_a"], **fields).period_end == end


def test_parole_period_and_credited_days():
    assert rules.correction_period("control", D(2021, 1, 31), months=1) == (D(2021, 1, 31), D(2021, 2, 27))
    assert rules.correction_period("control", D(2021, 1, 1), months=6, credited_days=30)[1] == D(2021, 5, 31)
    with pytest.raises(ValueError):
        rules.correction_period("control", D(2021, 1, 1), days=5, credited_days=6)


@pytest.mark.parametrize("bad, message", [
    ({"id_number": "341321199001010000"}, "校验位不正确"),
    ({"id_number": "34132119900101"}, "身份证号码应为18位"),
    ({"sex": "女"}, "性别“女”与身份证号码不符"),
    ({"category": "outside"}, "暂予监外执行情形"),
    ({"category": "parole", "authority_kind": "police"}, "假释的决定机关应为人民法院"),
    ({"crime": " "}, "请填写罪名"),
    ({"effective_on": D(2099, 1, 1)}, "不能晚于今天"),
    ({"term_years": 0}, "请填写矫正期限"),
    ({"level": "特管"}, "管理类别“特管”不在可选范围内"),
])
def test_bad_input_is_refused_and_nothing_is_written(cor, tree, bad, message):
    with pytest.raises(ValidationError, match=message):
        actions.register_subject(cor["a"], org=tree["office_a"], **_fields(**bad))
    assert Subject.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="corrections.subject").exists()


def test_a_person_under_supervision_in_another_county_is_refused_without_their_data(cor, tree):
    other = factories.county_tree("330783", "东阳市")
    other_staff = builders.staff(other)
    person = builders.resident_id()
    elsewhere = actions.register_subject(other_staff["a"], org=other["office_a"],
                                         **_fields(id_number=person, authority="东阳市人民法院"))
    with pytest.raises(ValidationError) as refused:
        actions.register_subject(cor["a"], org=tree["office_a"], **_fields(id_number=person))
    message = " ".join(refused.value.messages)
    assert "已在其他县（市、区）登记在册" in message
    for secret in ("东阳", elsewhere.number, elsewhere.name, "盗窃"):
        assert secret not in message
    assert Subject.objects.count() == 1
    # once discharged there, the person can be registered again (a new sentence)
    Subject.objects.filter(pk=elsewhere.pk).update(status=SubjectStatus.DISCHARGED)
    assert actions.register_subject(cor["a"], org=tree["office_a"], **_fields(id_number=person)).pk


def test_a_duplicate_in_the_same_county_names_the_record_only_to_those_who_see_it(cor, tree):
    person = builders.resident_id()
    first = actions.register_subject(cor["a"], org=tree["office_a"], **_fields(id_number=person))
    with pytest.raises(ValidationError, match=r"本县社区矫正对象（（2021）砀矫字第1号）"):
        actions.register_subject(cor["county"], org=tree["office_b"], **_fields(id_number=person))
    with pytest.raises(ValidationError) as refused:
        actions.register_subject(cor["b"], org=tree["office_b"], **_fields(id_number=person))
    assert "本县其他司法所" in refused.value.messages[0] and first.number not in refused.value.messages[0]


def test_only_corrections_officers_register_and_only_at_a_justice_office(cor, tree, office_user):
    with pytest.raises(PermissionDenied):
        actions.register_subject(office_user, org=tree["office_a"], **_fields())
    with pytest.raises(PermissionDenied):
        actions.register_subject(cor["head"], org=tree["office_a"], **_fields())
    with pytest.raises(PermissionDenied):
        actions.register_subject(cor["b"], org=tree["office_a"], **_fields())
    with pytest.raises(ValidationError, match="执行地司法所"):
        actions.register_subject(cor["county"], org=tree["bureau"], **_fields())
    assert actions.register_subject(cor["county"], org=tree["office_a"], **_fields()).pk


def test_scope_is_corrections_roles_only(cor, tree, office_user, bureau_user):
    s = builders.subject(cor["a"], tree["office_a"])
    seen = lambda user: set(Subject.objects.for_user(user).values_list("pk", flat=True))  # noqa: E731
    assert seen(cor["a"]) == {s.pk}
    assert seen(cor["county"]) == {s.pk}      # the county's 社区矫正中心 sees the whole county
    assert seen(cor["head"]) == {s.pk}
    assert seen(cor["b"]) == set()
    assert seen(office_user) == set()         # same 司法所, but not a corrections role
    assert seen(bureau_user) == set()
    for role in (Role.MEDIATOR, Role.LAWYER, Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN):
        assert seen(factories.user(tree["bureau"], role=role)) == set()


def test_report_in_and_late_report(cor, tree):
    s = actions.register_subject(cor["a"], org=tree["office_a"], **_fields())
    with pytest.raises(ValidationError, match="不能早于判决"):
        actions.record_report_in(cor["a"], s, reported_on=D(2021, 3, 1))
    s = actions.record_report_in(cor["a"], s, reported_on=D(2021, 3, 20))
    assert s.status == SubjectStatus.ACTIVE and s.reported_on == D(2021, 3, 20)
    row = AuditEvent.objects.filter(object_type="corrections.subject", verb="报到接收").get()
    assert row.reason == "逾期报到5日"
    with pytest.raises(ValidationError, match="不是待报到"):
        actions.record_report_in(cor["a"], s, reported_on=D(2021, 3, 21))


def test_female_subject_needs_a_woman_in_the_team(cor, tree):
    s = builders.subject(cor["a"], tree["office_a"], male=False)
    assert s.sex == "女"
    men = [{"name": "王所长", "sex": "男", "role": "office"}, {"name": "村主任", "sex": "男", "role": "committee"}]
    with pytest.raises(ValidationError, match="应有女性成员"):
        actions.set_team(cor["a"], s, members=men)
    assert not TeamMember.objects.exists()
    team = actions.set_team(cor["a"], s, members=[*men, {"name": "刘社工", "sex": "女", "role": "social_worker"}])
    assert len(team) == 3 and s.team.count() == 3


def test_minor_needs_guardian_in_team(cor, tree):
    s = builders.subject(cor["a"], tree["office_a"], id_number=builders.resident_id(birth="20050601"))
    assert s.minor
    with pytest.raises(ValidationError, match="监护人"):
        actions.set_team(cor["a"], s, members=[{"name": "王所长", "sex": "男", "role": "office"}])


def test_worker_must_be_a_corrections_officer_in_scope(cor, tree, office_user, subject):
    with pytest.raises(ValidationError, match="不是负责该对象"):
        actions.assign_worker(cor["a"], subject, worker=office_user, grid="城关一网格")
    with pytest.raises(ValidationError):
        actions.assign_worker(cor["a"], subject, worker=cor["b"], grid="城关一网格")
    s = actions.assign_worker(cor["a"], subject, worker=cor["a"], grid="城关一网格")
    assert s.worker == cor["a"] and s.grid == "城关一网格"


def test_sentence_fixed_after_report_in(cor, tree, subject):
    with pytest.raises(ValidationError, match="不能再修改"):
        actions.update_subject(cor["a"], subject, term_years=4)
    assert actions.update_subject(cor["a"], subject, address="砀城镇某村").address == "砀城镇某村"
    with pytest.raises(ValidationError, match="不允许修改"):
        actions.update_subject(cor["a"], subject, status="discharged")
