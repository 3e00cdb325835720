"""The corrections workflow and every legal time limit of rules.py: 调查评估 10/5 working days, 报到 10 days,
leave (≤7 days 司法所, longer the county after 初审, ≤30 days, no overlap), 变更执行地 a month ahead, 电子定位
(five situations, the head's approval, ≤3 months, renewals kept), sanctions with their grounds, 失联 and
警矫联动, the 30-day ruling, 解矫 only at the end of the period or on a legal ground, and the 卷宗 checklist."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sifa.core.deadlines import DeadlineRule, lenient_due_date
from sifa.core.models import AuditEvent, Notification
from sifa.corrections import actions, rules
from sifa.corrections.models import (
    AbscondingStatus,
    Category,
    ElectronicMonitor,
    FileReview,
    LeaveRequest,
    LeaveStatus,
    MonitorRenewal,
    MonitorStatus,
    ReviewResult,
    ReviewStatus,
    RewardSanction,
    SanctionStatus,
    Subject,
    SubjectStatus,
)

from . import builders

D = dt.date
pytestmark = pytest.mark.django_db


# --- 调查评估 --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("received, urgent, due", [
    (D(2021, 4, 26), False, D(2021, 5, 12)),   # 劳动节 1–5 May off, 4/25 and 5/8 (Sat) made-up working days
    (D(2021, 4, 26), True, D(2021, 5, 6)),
    (D(2021, 9, 29), False, D(2021, 10, 19)),  # 国庆 1–7 Oct, 9/26 and 10/9 (Sat) made up
])
def test_investigation_due_in_working_days(cor, tree, received, urgent, due):
    inv = actions.commission_investigation(cor["a"], org=tree["office_a"], commissioner_kind="court",
                                           commissioner="砀山县人民法院", received_on=received, person_name="王某",
                                           id_number=builders.resident_id(), proposed_category="probation",
                                           urgent=urgent)
    assert inv.due_on == due
    assert inv.number == f"（{received.year}）砀矫评字第1号"
    assert Notification.objects.filter(user=cor["a"], title="调查评估：王某").exists()


def test_late_opinion_is_recorded_as_late(cor, tree):
    inv = actions.commission_investigation(cor["a"], org=tree["office_a"], commissioner_kind="procuratorate",
                                           commissioner="砀山县人民检察院", received_on=D(2021, 3, 1),
                                           person_name="王某", id_number=builders.resident_id(),
                                           proposed_category="parole", urgent=True)
    assert inv.due_on == D(2021, 3, 8)
    with pytest.raises(ValidationError, match="请填写调查情况"):
        actions.complete_investigation(cor["a"], inv, opinion="suitable", completed_on=D(2021, 3, 9), findings="",
                                       investigators="甲、乙")
    done = actions.complete_investigation(cor["a"], inv, opinion="适宜社区矫正", completed_on=D(2021, 3, 10),
                                          findings="家庭稳定，村委会同意监管", investigators="甲、乙")
    assert done.late and done.opinion == "suitable"
    assert AuditEvent.objects.filter(verb="出具调查评估意见", reason="逾期2日").exists()
    with pytest.raises(ValidationError, match="已出具意见"):
        actions.complete_investigation(cor["a"], inv, opinion="unsuitable", completed_on=D(2021, 3, 10),
                                       findings="x", investigators="甲")


def test_lenient_due_date_past_the_published_calendar():
    rule = DeadlineRule("working", 10, "调查评估")
    # the packaged calendar ends in 2026: a 2030 date counts Monday–Friday as working days (core.deadlines)
    assert lenient_due_date(rule, D(2030, 3, 1)) == D(2030, 3, 15)
    assert lenient_due_date(DeadlineRule("months", 1, "x"), D(2030, 1, 31)) == D(2030, 2, 28)
    assert lenient_due_date(rule, D(2021, 3, 1)) == D(2021, 3, 15)


# --- supervision -----------------------------------------------------------------------------------------------


def test_supervision_events_fall_inside_the_period(cor, tree, subject):
    with pytest.raises(ValidationError, match="不能早于报到接收日期"):
        actions.record_report(cor["a"], subject, reported_on=D(2021, 1, 11), method="phone")
    with pytest.raises(ValidationError, match="晚于矫正期满日"):
        actions.record_visit(cor["a"], subject, visited_on=D(2024, 2, 1), visitor_kind="staff", visitors="甲",
                             content="在家")
    actions.record_report(cor["a"], subject, reported_on=D(2021, 1, 20), method="in_person")
    actions.record_visit(cor["a"], subject, visited_on=D(2021, 2, 3), visitor_kind="contracted",
                         visitors="律格社工", content="在家务农")
    actions.record_education(cor["a"], subject, held_on=D(2021, 2, 5), kind="community", hours="4", content="清扫")
    with pytest.raises(ValidationError, match="时长应大于0"):
        actions.record_education(cor["a"], subject, held_on=D(2021, 2, 5), kind="law", hours=0, content="x")
    with pytest.raises(ValidationError, match="请填写情况说明"):
        actions.record_info_check(cor["a"], subject, checked_on=D(2021, 2, 6), method="track", finding="departure")
    actions.record_info_check(cor["a"], subject, checked_on=D(2021, 2, 6), method="track", finding="私自外出",
                              note="轨迹显示在徐州")
    assert subject.reports.count() == subject.visits.count() == subject.education.count() == 1
    with pytest.raises(PermissionDenied):
        actions.record_report(cor["b"], subject, reported_on=D(2021, 1, 21), method="phone")


def test_pending_subject_has_no_supervision_yet(cor, tree):
    pending = builders.subject(cor["a"], tree["office_a"], report=False)
    with pytest.raises(ValidationError, match="尚未报到接收"):
        actions.record_report(cor["a"], pending, reported_on=D(2021, 1, 20), method="phone")


# --- leave -----------------------------------------------------------------------------------------------------


def _leave(cor, subject, start, days, **extra):
    return actions.request_leave(cor["a"], subject, destination="合肥市", reason="探亲", start_on=start,
                                 end_on=start + dt.timedelta(days=days - 1), requested_on=D(2021, 3, 1), **extra)


def test_short_leave_is_approved_by_the_office(cor, tree, subject):
    leave = _leave(cor, subject, D(2021, 3, 10), 7)
    assert leave.days == 7 and not leave.needs_county
    with pytest.raises(ValidationError, match="无需初审"):
        actions.review_leave(cor["a"], leave, agree=True, opinion="同意")
    approved = actions.decide_leave(cor["a"], leave, approve=True, decided_on=D(2021, 3, 2))
    assert approved.status == LeaveStatus.APPROVED and approved.decision_level == "司法所"
    returned = actions.record_return(cor["a"], approved, returned_on=D(2021, 3, 18))
    assert returned.status == LeaveStatus.RETURNED
    assert AuditEvent.objects.filter(verb="销假", reason="逾期销假2日").exists()


def test_long_leave_needs_office_review_then_the_county(cor, tree, subject):
    leave = _leave(cor, subject, D(2021, 3, 10), 8)
    assert leave.needs_county
    with pytest.raises(PermissionDenied, match="县级社区矫正机构决定"):
        actions.decide_leave(cor["a"], leave, approve=True, decided_on=D(2021, 3, 2))
    with pytest.raises(ValidationError, match="须先经司法所初审"):
        actions.decide_leave(cor["county"], leave, approve=True, decided_on=D(2021, 3, 2))
    actions.review_leave(cor["a"], leave, agree=True, opinion="属实，同意")
    assert Notification.objects.filter(user=cor["county"], title__startswith="外出申请待县级审批").exists()
    with pytest.raises(ValidationError, match="请填写理由"):
        actions.decide_leave(cor["county"], leave, approve=False, decided_on=D(2021, 3, 3))
    decided = actions.decide_leave(cor["county"], leave, approve=True, decided_on=D(2021, 3, 3), opinion="同意")
    assert decided.status == LeaveStatus.APPROVED and decided.decision_level == "县级社区矫正机构"


def test_leave_limits_and_overlaps(cor, tree, subject):
    with pytest.raises(ValidationError, match="每次外出不得超过30日"):
        _leave(cor, subject, D(2021, 4, 1), 31)
    first = _leave(cor, subject, D(2021, 4, 1), 30)
    with pytest.raises(ValidationError, match=r"与已有的外出申请（2021-04-01至2021-04-30，待审批）时间重叠"):
        _leave(cor, subject, D(2021, 4, 30), 3)
    with pytest.raises(ValidationError, match="不能晚于矫正期满日"):
        _leave(cor, subject, D(2024, 1, 5), 7)
    with pytest.raises(ValidationError, match="不能早于申请日期"):
        _leave(cor, subject, D(2021, 2, 1), 3)
    assert LeaveRequest.objects.count() == 1
    actions.withdraw_leave(cor["a"], first, reason="行程取消")
    assert _leave(cor, subject, D(2021, 4, 30), 3).pk  # a withdrawn leave no longer blocks
    with pytest.raises(ValidationError, match="6个月"):
        _leave(cor, subject, D(2021, 6, 1), 190, kind="frequent")
    frequent = _leave(cor, subject, D(2021, 6, 1), 150, kind="frequent")
    assert frequent.needs_county


def test_leave_cannot_be_approved_after_it_started(cor, tree, subject):
    leave = _leave(cor, subject, D(2021, 3, 10), 3)
    with pytest.raises(ValidationError, match="外出起始日已过"):
        actions.decide_leave(cor["a"], leave, approve=True, decided_on=D(2021, 3, 11))


def test_residence_change_a_month_ahead_and_moving_within_the_county(cor, tree, subject):
    with pytest.raises(ValidationError, match="应提前一个月申请"):
        actions.request_residence_change(cor["a"], subject, move_on=D(2021, 3, 31), new_address="周寨镇",
                                         new_org=tree["office_b"], reason="购房", requested_on=D(2021, 3, 2))
    with pytest.raises(ValidationError, match="二者选一"):
        actions.request_residence_change(cor["a"], subject, move_on=D(2021, 4, 2), new_address="周寨镇",
                                         reason="购房", requested_on=D(2021, 3, 2))
    change = actions.request_residence_change(cor["a"], subject, move_on=D(2021, 4, 2), new_address="周寨镇某村",
                                              new_org=tree["office_b"], reason="购房", requested_on=D(2021, 3, 2))
    actions.record_report(cor["a"], subject, reported_on=D(2021, 3, 3), method="phone")
    with pytest.raises(PermissionDenied):
        actions.decide_residence_change(cor["a"], change, approve=True, decided_on=D(2021, 3, 5))
    actions.decide_residence_change(cor["county"], change, approve=True, decided_on=D(2021, 3, 5))
    subject.refresh_from_db()
    assert subject.org == tree["office_b"] and subject.reports.get().org == tree["office_b"]
    assert Subject.objects.for_user(cor["b"]).filter(pk=subject.pk).exists()
    assert not Subject.objects.for_user(cor["a"]).filter(pk=subject.pk).exists()


def test_residence_change_to_another_county_leaves_the_register(cor, tree, subject):
    change = actions.request_residence_change(cor["a"], subject, move_on=D(2021, 4, 2), new_address="萧县",
                                              new_institution="萧县社区矫正机构", reason="随子女",
                                              requested_on=D(2021, 3, 2))
    actions.decide_residence_change(cor["county"], change, approve=True, decided_on=D(2021, 3, 5))
    subject.refresh_from_db()
    assert subject.status == SubjectStatus.TRANSFERRED and subject.exited_on == D(2021, 4, 2)


# --- 电子定位 ------------------------------------------------------------------------------------------------------


def test_electronic_monitoring_only_under_the_legal_situations(cor, tree, subject):
    with pytest.raises(ValidationError, match="适用情形“手机丢失”不在可选范围内"):
        actions.propose_monitor(cor["a"], subject, situation="手机丢失", facts="x", months=1,
                                proposed_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="未被宣告禁止令"):
        actions.propose_monitor(cor["a"], subject, situation="prohibition", facts="x", months=1,
                                proposed_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="须已对该对象作出警告决定"):
        actions.propose_monitor(cor["a"], subject, situation="refused_report", facts="x", months=1,
                                proposed_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="须已有公安机关作出治安管理处罚"):
        actions.propose_monitor(cor["a"], subject, situation="punished", facts="x", months=1,
                                proposed_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="须已提出撤销或收监建议"):
        actions.propose_monitor(cor["a"], subject, situation="revocation", facts="x", months=1,
                                proposed_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="不大于3"):
        actions.propose_monitor(cor["a"], subject, situation="left_area", facts="x", months=4,
                                proposed_on=D(2021, 3, 1))
    assert not ElectronicMonitor.objects.exists()


def test_monitor_needs_the_heads_approval_three_months_and_renewals(cor, tree, subject):
    monitor = actions.propose_monitor(cor["a"], subject, situation="left_area", facts="未经批准前往徐州",
                                      months=3, proposed_on=D(2021, 3, 1))
    assert Notification.objects.filter(user=cor["head"], title__startswith="电子定位待批准").exists()
    with pytest.raises(PermissionDenied, match="负责人批准"):
        actions.approve_monitor(cor["county"], monitor, approve=True, approved_on=D(2021, 3, 2))
    monitor = actions.approve_monitor(cor["head"], monitor, approve=True, approved_on=D(2021, 3, 2))
    assert monitor.status == MonitorStatus.ACTIVE
    assert (monitor.start_on, monitor.end_on) == (D(2021, 3, 2), D(2021, 6, 1))
    with pytest.raises(ValidationError, match="不大于3"):
        actions.renew_monitor(cor["head"], monitor, months=4, assessment="仍需", approved_on=D(2021, 5, 30))
    with pytest.raises(PermissionDenied):
        actions.renew_monitor(cor["a"], monitor, months=3, assessment="仍需", approved_on=D(2021, 5, 30))
    first = actions.renew_monitor(cor["head"], monitor, months=3, assessment="仍有私自外出风险",
                                  approved_on=D(2021, 5, 30))
    assert (first.previous_end, first.new_end) == (D(2021, 6, 1), D(2021, 9, 1))
    second = actions.renew_monitor(cor["head"], monitor, months=1, assessment="表现好转，再观察一月",
                                   approved_on=D(2021, 9, 1))
    assert second.new_end == D(2021, 10, 1)
    assert MonitorRenewal.objects.filter(monitor=monitor).count() == 2
    with pytest.raises(ValidationError, match="期满后不能再延长"):
        actions.renew_monitor(cor["head"], monitor, months=1, assessment="x", approved_on=D(2021, 10, 2))
    ended = actions.end_monitor(cor["a"], monitor, ended_on=D(2021, 10, 1), reason="期满解除")
    assert ended.status == MonitorStatus.ENDED


def test_monitor_on_a_warning_for_refusing_to_report(cor, tree, subject):
    actions.report_missing(cor["a"], subject, lost_on=D(2021, 3, 1), circumstances="拒不报告行踪")
    case = subject.abscondings.get()
    actions.record_found(cor["a"], case, found_on=D(2021, 3, 14), found_how="在外地务工")
    warning = actions.propose_sanction(cor["a"], subject, kind="warning", ground="absent_long", facts="脱管13日",
                                       proposed_on=D(2021, 3, 15))
    actions.decide_sanction(cor["county"], warning, approve=True, decided_on=D(2021, 3, 16))
    monitor = actions.propose_monitor(cor["a"], subject, situation="refused_report", facts="拒不报告被警告",
                                      months=2, proposed_on=D(2021, 3, 17))
    rejected = actions.approve_monitor(cor["head"], monitor, approve=False, approved_on=D(2021, 3, 18),
                                       reason="已恢复报告，暂不使用")
    assert rejected.status == MonitorStatus.REJECTED


# --- sanctions ---------------------------------------------------------------------------------------------------


def test_sanction_grounds_are_checked_against_the_record(cor, tree, subject):
    with pytest.raises(ValidationError, match="依据情形不正确"):
        actions.propose_sanction(cor["a"], subject, kind="admonition", ground="absent_month", facts="x",
                                 proposed_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="须已受到2次训诫（现有0次）"):
        actions.propose_sanction(cor["a"], subject, kind="warning", ground="two_admonitions", facts="x",
                                 proposed_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="须有脱离监管1至10日的失联记录"):
        actions.propose_sanction(cor["a"], subject, kind="admonition", ground="absent_short", facts="x",
                                 proposed_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="只适用于假释"):
        actions.propose_sanction(cor["a"], subject, kind="revoke_parole", ground="two_warnings", facts="x",
                                 proposed_on=D(2021, 3, 1))
    for day in (D(2021, 3, 1), D(2021, 4, 1)):
        admonition = actions.propose_sanction(cor["a"], subject, kind="训诫", ground="minor_breach",
                                              facts="未按时电话报告", proposed_on=day)
        with pytest.raises(PermissionDenied):
            actions.decide_sanction(cor["a"], admonition, approve=True, decided_on=day)
        actions.decide_sanction(cor["county"], admonition, approve=True, decided_on=day, document_no=f"训{day.month}")
    warning = actions.propose_sanction(cor["a"], subject, kind="warning", ground="two_admonitions",
                                       facts="两次训诫后仍不按时报告", proposed_on=D(2021, 5, 1))
    assert actions.decide_sanction(cor["county"], warning, approve=True, decided_on=D(2021, 5, 2)).status == \
        SanctionStatus.DECIDED


def test_revocation_is_submitted_ruled_within_30_days_and_ends_the_correction(cor, tree, subject):
    for day in (D(2021, 3, 1), D(2021, 4, 1)):
        w = actions.propose_sanction(cor["a"], subject, kind="warning", ground="serious_breach", facts="x",
                                     proposed_on=day)
        actions.decide_sanction(cor["county"], w, approve=True, decided_on=day)
    revoke = actions.propose_sanction(cor["a"], subject, kind="revoke_probation", ground="two_warnings",
                                      facts="两次警告仍不改正", proposed_on=D(2021, 5, 6))
    monitor = actions.propose_monitor(cor["a"], subject, situation="revocation", facts="拟提请撤销缓刑", months=1,
                                      proposed_on=D(2021, 5, 6))
    actions.approve_monitor(cor["head"], monitor, approve=True, approved_on=D(2021, 5, 6))
    submitted = actions.decide_sanction(cor["county"], revoke, approve=True, decided_on=D(2021, 5, 7))
    assert submitted.status == SanctionStatus.SUBMITTED and submitted.submitted_to == "人民法院"
    assert submitted.ruling_due == D(2021, 6, 7)  # 30 days → Sunday 6 June → Monday 7 June
    with pytest.raises(ValidationError, match="裁定（决定）书文号"):
        actions.record_ruling(cor["county"], submitted, upheld=True, ruled_on=D(2021, 6, 1))
    actions.record_ruling(cor["county"], submitted, upheld=True, ruled_on=D(2021, 6, 1),
                          ruling_no="（2021）皖1321刑更1号")
    subject.refresh_from_db()
    assert subject.status == SubjectStatus.REVOKED and subject.exit_kind == "probation_revoked"
    assert subject.exited_on == D(2021, 6, 1)
    assert ElectronicMonitor.objects.get(pk=monitor.pk).status == MonitorStatus.ENDED


# --- 失联 --------------------------------------------------------------------------------------------------------


def test_missing_police_found_closed(cor, tree, subject):
    case = actions.report_missing(cor["a"], subject, lost_on=D(2021, 3, 1), circumstances="电话关机，家人不知去向")
    subject.refresh_from_db()
    assert subject.status == SubjectStatus.MISSING
    assert Notification.objects.filter(user=cor["county"], title__startswith="社区矫正对象失联").exists()
    with pytest.raises(ValidationError, match="请先|查找到对象后"):
        actions.close_absconding(cor["a"], case, closed_on=D(2021, 3, 2), handling="x")
    actions.request_police(cor["a"], case, requested_on=D(2021, 3, 2), station="砀城派出所")
    with pytest.raises(ValidationError, match="已于2021-03-02提请砀城派出所协查"):
        actions.request_police(cor["a"], case, requested_on=D(2021, 3, 3), station="砀城派出所")
    with pytest.raises(ValidationError, match="不能早于失联日期"):
        actions.record_found(cor["a"], case, found_on=D(2021, 2, 28), found_how="x")
    actions.record_found(cor["a"], case, found_on=D(2021, 3, 6), found_how="派出所在网吧找到",
                         police_reply="已协助带回")
    case.refresh_from_db()
    assert case.status == AbscondingStatus.FOUND and case.days_lost == 5
    subject.refresh_from_db()
    assert subject.status == SubjectStatus.ACTIVE
    admonition = actions.propose_sanction(cor["a"], subject, kind="admonition", ground="absent_short",
                                          facts="脱管5日", proposed_on=D(2021, 3, 7))
    assert admonition.pk
    closed = actions.close_absconding(cor["a"], case, closed_on=D(2021, 3, 8), handling="提请训诫")
    assert closed.status == AbscondingStatus.CLOSED


# --- 解矫 ----------------------------------------------------------------------------------------------------------


def test_discharge_only_at_the_end_of_the_period_or_on_a_legal_ground(cor, tree, subject):
    assert subject.period_end == D(2024, 1, 9)
    with pytest.raises(PermissionDenied):
        actions.discharge(cor["a"], subject, kind="expired", exited_on=D(2024, 1, 9), certificate_no="解字1号")
    with pytest.raises(ValidationError, match="期满前不能解除社区矫正"):
        actions.discharge(cor["county"], subject, kind="expired", exited_on=D(2023, 12, 1), certificate_no="解字1号")
    with pytest.raises(ValidationError, match="证明书编号"):
        actions.discharge(cor["county"], subject, kind="expired", exited_on=D(2024, 1, 9))
    with pytest.raises(ValidationError, match="赦免依据"):
        actions.discharge(cor["county"], subject, kind="pardoned", exited_on=D(2023, 1, 1), certificate_no="解字1号")
    with pytest.raises(ValidationError, match="只适用于暂予监外执行"):
        actions.discharge(cor["county"], subject, kind="committed", exited_on=D(2023, 1, 1), basis="决定书")
    assert Subject.objects.get(pk=subject.pk).status == SubjectStatus.ACTIVE
    done = actions.discharge(cor["county"], subject, kind="expired", exited_on=D(2024, 1, 9),
                             certificate_no="（2024）砀矫解字第3号", notified_on=D(2024, 1, 10))
    assert done.status == SubjectStatus.DISCHARGED and done.exit_kind == "expired"
    with pytest.raises(ValidationError, match="不能重复办理"):
        actions.discharge(cor["county"], done, kind="death", exited_on=D(2024, 2, 1), basis="死亡证明")


def test_death_and_pardon_end_early(cor, tree):
    s = builders.subject(cor["a"], tree["office_a"])
    assert actions.discharge(cor["county"], s, kind="death", exited_on=D(2022, 5, 1),
                             basis="死亡医学证明").status == SubjectStatus.DECEASED
    p = builders.subject(cor["a"], tree["office_a"], category=Category.OUTSIDE, authority_kind="prison_admin",
                         authority="安徽省监狱管理局")
    assert actions.discharge(cor["county"], p, kind="pardoned", exited_on=D(2022, 5, 1), basis="特赦令",
                             certificate_no="解字9号").status == SubjectStatus.DISCHARGED


# --- 卷宗评查 ------------------------------------------------------------------------------------------------------


def test_file_review_checklist_findings_and_rectification(cor, tree, subject):
    with pytest.raises(ValidationError, match="不在卷宗评查清单中"):
        actions.review_file(cor["a"], subject, kind="self", reviewed_on=D(2021, 6, 1), reviewers="甲",
                            items={"photos": "缺失"})
    with pytest.raises(ValidationError, match="请填写发现的问题"):
        actions.review_file(cor["a"], subject, kind="self", reviewed_on=D(2021, 6, 1), reviewers="甲",
                            items={"plan": "瑕疵"})
    with pytest.raises(PermissionDenied, match="上级评查"):
        actions.review_file(cor["a"], subject, kind="superior", reviewed_on=D(2021, 6, 1), reviewers="甲", items={})
    good = actions.review_file(cor["a"], subject, kind="mutual", reviewed_on=D(2021, 6, 1), reviewers="乙所",
                               items={})
    assert good.result == ReviewResult.GOOD and good.status == ReviewStatus.CLOSED
    flawed = actions.review_file(cor["county"], subject, kind="superior", reviewed_on=D(2021, 6, 2),
                                 reviewers="县局评查组", items={"plan": "瑕疵", "visits": "缺失"},
                                 findings="矫正方案未经对象签字；缺2021年2月走访记录")
    assert flawed.result == ReviewResult.FAILED and flawed.rectify_by == D(2021, 7, 2)
    fixed = actions.rectify_file(cor["a"], flawed, rectified_on=D(2021, 6, 20), rectification="已补签、补录")
    assert fixed.status == ReviewStatus.RECTIFIED
    assert FileReview.objects.filter(status=ReviewStatus.RECTIFYING).count() == 0


def test_rules_table_is_what_the_law_says():
    assert (rules.INVESTIGATION.kind, rules.INVESTIGATION.amount) == ("working", 10)
    assert (rules.INVESTIGATION_URGENT.kind, rules.INVESTIGATION_URGENT.amount) == ("working", 5)
    assert (rules.REPORT_IN.kind, rules.REPORT_IN.amount) == ("calendar", 10)
    assert (rules.RULING.kind, rules.RULING.amount) == ("calendar", 30)
    assert rules.MONITOR_MAX_MONTHS == 3 and rules.LEAVE_OFFICE_MAX_DAYS == 7 and rules.LEAVE_MAX_DAYS == 30
    assert rules.leave_days(D(2021, 3, 1), D(2021, 3, 7)) == 7
    assert not rules.leave_needs_county("trip", 7) and rules.leave_needs_county("trip", 8)
    assert rules.report_in_due("outside", D(2021, 3, 1)) == D(2021, 3, 11)
    assert RewardSanction.objects.count() == 0


def test_deciding_organs_lateness_is_recorded(cor, tree):
    s = builders.subject(cor["a"], tree["office_a"], effective_on=D(2021, 3, 1), notice_on=D(2021, 3, 9),
                         documents_on=D(2021, 3, 10), report=False)
    row = AuditEvent.objects.get(object_type="corrections.subject", object_id=str(s.pk))
    assert row.reason == "决定机关逾期通知（应于2021-03-08前）"   # 5 days → Saturday 3/6 → Monday 3/8
    with pytest.raises(ValidationError, match="不能早于判决"):
        builders.subject(cor["a"], tree["office_a"], effective_on=D(2021, 3, 1), notice_on=D(2021, 2, 28))
    assert rules.release_notice_late(D(2021, 3, 10), D(2021, 2, 11))
    assert not rules.release_notice_late(D(2021, 3, 10), D(2021, 2, 10))


def test_missing_subjects_are_listed_with_their_search_in_one_query(cor, tree, subject):
    """期限 lists each 失联 subject linked to the search still running; the searches of all of them are read
    together, not one query per subject."""
    from sifa.corrections import worklist

    case = actions.report_missing(cor["a"], subject, lost_on=D(2021, 3, 1), circumstances="电话关机，家人不知去向")
    second = builders.subject(cor["a"], tree["office_a"], name="第二人")
    actions.report_missing(cor["a"], second, lost_on=D(2021, 3, 2), circumstances="外出未归")
    lost = [i for i in worklist.groups_for(cor["a"])["期限"] if "失联查找中" in i.title]
    assert {i.title for i in lost} == {f"{subject.name} 失联查找中", "第二人 失联查找中"}
    assert case.get_absolute_url() in {i.url for i in lost}
    with CaptureQueriesContext(connection) as two:
        worklist.groups_for(cor["a"])
    third = builders.subject(cor["a"], tree["office_a"], name="第三人")
    actions.report_missing(cor["a"], third, lost_on=D(2021, 3, 3), circumstances="外出未归")
    with CaptureQueriesContext(connection) as three:
        worklist.groups_for(cor["a"])
    assert len(three) == len(two)
