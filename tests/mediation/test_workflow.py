"""The mediation workflow: every transition, its time limits, and bad input that must write nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import AuditEvent, Notification, Role
from sifa.mediation import actions
from sifa.mediation.models import (
    AgreementForm,
    ConfirmationResult,
    CourtFeedback,
    Dispute,
    DisputeStatus,
    DisputeType,
    Level,
    Party,
    PartyKind,
    PartySide,
    Performance,
    Session,
    Source,
)
from tests import factories

from . import builders

D = dt.date


MARCH_5, MARCH_8 = D(2021, 3, 5), D(2021, 3, 8)


def _mediate(user, dispute, on=MARCH_5):
    return actions.record_session(user, dispute, held_on=on, minutes="双方陈述事实，调解员释法说理。",
                                  mediators=[dispute.lead_mediator])


def _succeed(user, dispute, signed=MARCH_8):
    _mediate(user, dispute, on=signed)
    actions.record_agreement(user, dispute, terms="李四于三日内疏通排水沟并赔偿500元。", signed_on=signed,
                             perform_by=signed + dt.timedelta(days=3))
    return actions.close_dispute(user, dispute, result=DisputeStatus.SUCCEEDED, closed_on=signed)


# --- registration and intake ---


def test_register_then_accept_sets_number_level_deadline_and_owner(med, office_user):
    dispute = actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(),
                                       summary="宅基地界址争议", dispute_type="房屋宅基地纠纷", source="当事人申请",
                                       applied_on=D(2021, 1, 28))
    assert dispute.status == DisputeStatus.PENDING and dispute.number == ""
    assert dispute.parties.count() == 2
    actions.accept_dispute(office_user, dispute, committee=med["village"], accepted_on=D(2021, 1, 31),
                           mediators=med["village_mediators"])
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.ACCEPTED
    assert dispute.number == "（2021）城关村调字第1号"
    assert dispute.level == Level.VILLAGE
    # one month from 1月31日 is 2月28日, a Sunday in 2021, so the period ends on Monday 3月1日
    assert dispute.due_on == D(2021, 3, 1)
    assert dispute.org == med["village"].org
    assert set(Party.objects.filter(dispute=dispute).values_list("org_path", flat=True)) == {med["village"].org.path}
    row = AuditEvent.objects.get(verb="受理纠纷", object_id=str(dispute.pk))
    assert row.before["status"] == "待受理" and row.after["status"] == "已受理"
    assert row.after["committee_id"] == "城关村人民调解委员会"


def test_due_date_skips_national_day(open_dispute, med, office_user):
    dispute = actions.open_case(office_user, org=med["village"].org, parties=builders.parties(),
                                committee=med["village"], accepted_on=D(2021, 9, 1), summary="借款纠纷",
                                dispute_type=DisputeType.CONTRACT, source=Source.PROACTIVE)
    assert dispute.due_on == D(2021, 10, 8)  # 10月1日 falls in the National Day holiday
    assert dispute.number == "（2021）城关村调字第2号"


def test_accepting_twice_or_a_declined_case_is_refused(open_dispute, office_user, med):
    with pytest.raises(ValidationError, match="不能受理"):
        actions.accept_dispute(office_user, open_dispute, committee=med["village"], accepted_on=D(2021, 3, 2))
    pending = actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(),
                                       summary="噪音", dispute_type=DisputeType.NEIGHBOUR, source=Source.APPLICATION,
                                       applied_on=D(2021, 4, 1))
    actions.decline_dispute(office_user, pending, reason="被申请人明确拒绝调解（人民调解法第十七条）",
                            declined_on=D(2021, 4, 2))
    pending.refresh_from_db()
    assert pending.status == DisputeStatus.DECLINED
    with pytest.raises(ValidationError, match="不能受理"):
        actions.accept_dispute(office_user, pending, committee=med["village"], accepted_on=D(2021, 4, 3))


def test_accept_before_application_or_by_a_dissolved_committee(med, office_user):
    dispute = actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(),
                                       summary="x", dispute_type=DisputeType.OTHER, source=Source.APPLICATION,
                                       applied_on=D(2021, 4, 1))
    with pytest.raises(ValidationError, match="不能早于申请日期"):
        actions.accept_dispute(office_user, dispute, committee=med["village"], accepted_on=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="不属于"):
        actions.accept_dispute(office_user, dispute, committee=med["village"], accepted_on=D(2021, 4, 1),
                               mediators=med["township_mediators"])
    actions.update_committee(office_user, med["township"], dissolved_on=D(2021, 1, 1))
    with pytest.raises(ValidationError, match="已撤销"):
        actions.accept_dispute(office_user, dispute, committee=med["township"], accepted_on=D(2021, 4, 1))
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.PENDING and dispute.number == ""


@pytest.mark.parametrize("party, message", [
    ({"side": "applicant", "name": "王五", "id_number": "341321198001010000"}, "校验位"),
    ({"side": "applicant", "name": "王五", "id_number": ""}, "未填写身份证号码"),
    ({"side": "applicant", "name": "王五", "id_number": "12345"}, "18位"),
    ({"side": "applicant", "name": "某公司", "kind": PartyKind.LEGAL_PERSON, "credit_code": "91341321MA2N000000"},
     "统一社会信用代码"),
    ({"side": "applicant", "name": "", "id_number": "11010519491231002X"}, "姓名或名称"),
])
def test_party_without_valid_identifier_writes_nothing(office_user, tree, party, message):
    other = {"side": PartySide.RESPONDENT, "name": "李四", "id_number": builders.resident_id()}
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match=message):
        actions.register_dispute(office_user, org=office_user.org, parties=[party, other], summary="纠纷",
                                 dispute_type=DisputeType.OTHER, source=Source.APPLICATION, applied_on=D(2021, 4, 1))
    assert Dispute.objects.count() == 0 and Party.objects.count() == 0
    assert AuditEvent.objects.count() == audit_rows


def test_party_with_valid_credit_code_and_one_sided_dispute(office_user, tree):
    company = {"side": "被申请人", "kind": "法人", "name": "砀山某果业有限公司", "credit_code": "91341321MA2NXXXX00"}
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        actions.clean_party(company)
    company["credit_code"] = "11371002004361006Y"  # DOMAIN §18.2 seed check value
    assert actions.clean_party(company)["credit_code"] == "11371002004361006Y"
    with pytest.raises(ValidationError, match="至少一名申请人和一名被申请人"):
        actions.clean_parties([builders.parties()[0]])


def test_referral_needs_referrer_and_screening_link_is_checked(office_user, med):
    with pytest.raises(ValidationError, match="移送（委派）单位"):
        actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(), summary="x",
                                 dispute_type=DisputeType.CONTRACT, source=Source.COURT, applied_on=D(2021, 4, 1))
    sweep = actions.record_screening(office_user, org=med["village"].org, held_on=D(2021, 3, 10), scope="全村",
                                     found_count=1, prevented_count=2)
    with pytest.raises(ValidationError, match="排查发现"):
        actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(), summary="x",
                                 dispute_type=DisputeType.LAND, source=Source.APPLICATION, screening=sweep,
                                 applied_on=D(2021, 3, 11))
    actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(), summary="x",
                             dispute_type=DisputeType.LAND, source=Source.SCREENING, screening=sweep,
                             applied_on=D(2021, 3, 11))
    with pytest.raises(ValidationError, match="只发现1件"):
        actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(), summary="y",
                                 dispute_type=DisputeType.LAND, source=Source.SCREENING, screening=sweep,
                                 applied_on=D(2021, 3, 11))


def test_abnormal_death_is_always_difficult(office_user, med):
    dispute = actions.open_case(office_user, org=med["township"].org, parties=builders.parties(),
                                committee=med["township"], accepted_on=D(2021, 5, 6), summary="务工人员意外死亡赔偿",
                                dispute_type=DisputeType.DAMAGES, source=Source.POLICE, referred_by="砀城派出所",
                                abnormal_death=True)
    assert dispute.difficult and dispute.abnormal_death and dispute.level == Level.TOWNSHIP


# --- assignment and escalation ---


def test_assign_notifies_mediators_with_accounts(open_dispute, med, office_user):
    account = factories.user(med["village"].org, role=Role.MEDIATOR, username="village_mediator")
    mediator = actions.create_mediator(office_user, committee=med["village"], name="柏调解", user=account)
    actions.assign_dispute(office_user, open_dispute, mediators=[mediator], lead_mediator=mediator)
    open_dispute.refresh_from_db()
    assert open_dispute.lead_mediator == mediator
    assert Notification.objects.filter(user=account, title__contains=open_dispute.number).exists()
    with pytest.raises(ValidationError, match="不属于"):
        actions.assign_dispute(office_user, open_dispute, mediators=med["township_mediators"])


def test_escalation_goes_up_only_and_moves_the_case(open_dispute, med, office_user):
    with pytest.raises(ValidationError, match="更高层级"):
        actions.escalate_dispute(office_user, open_dispute, committee=med["village"], reason="复杂")
    with pytest.raises(ValidationError, match="升级理由"):
        actions.escalate_dispute(office_user, open_dispute, committee=med["township"], reason=" ")
    actions.escalate_dispute(office_user, open_dispute, committee=med["township"], reason="涉及多户，村级难以调处")
    open_dispute.refresh_from_db()
    assert open_dispute.level == Level.TOWNSHIP and open_dispute.difficult
    assert open_dispute.org == med["township"].org
    # a 司法所 may send a case up to a county-level committee outside its own subtree
    actions.escalate_dispute(office_user, open_dispute, committee=med["county"], reason="涉医疗专业问题",
                             mediators=med["county_mediators"][:1])
    open_dispute.refresh_from_db()
    assert open_dispute.level == Level.COUNTY and open_dispute.org_path == med["county"].org.path
    assert Notification.objects.filter(user=med["staff"], title__contains="升级").exists()
    # … after which it is out of the office's hands
    with pytest.raises(PermissionDenied):
        _mediate(office_user, open_dispute)


# --- sessions, agreement, closure ---


def test_full_success_path(open_dispute, office_user):
    session = _mediate(office_user, open_dispute)
    open_dispute.refresh_from_db()
    assert session.seq == 1 and open_dispute.status == DisputeStatus.MEDIATING
    second = actions.record_session(office_user, open_dispute, held_on=D(2021, 3, 6), minutes="第二次",
                                    mediators=[open_dispute.lead_mediator])
    assert second.seq == 2
    actions.record_agreement(office_user, open_dispute, terms="赔偿500元", signed_on=D(2021, 3, 8),
                             perform_by=D(2021, 3, 15))
    actions.close_dispute(office_user, open_dispute, result="调解成功", closed_on=D(2021, 3, 8))
    open_dispute.refresh_from_db()
    assert open_dispute.status == DisputeStatus.SUCCEEDED and open_dispute.closed_on == D(2021, 3, 8)
    with pytest.raises(ValidationError, match="已结案"):
        _mediate(office_user, open_dispute, on=D(2021, 3, 9))


def test_agreement_on_a_case_never_accepted_writes_nothing(office_user, med):
    dispute = actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(), summary="x",
                                       dispute_type=DisputeType.OTHER, source=Source.APPLICATION,
                                       applied_on=D(2021, 4, 1))
    with pytest.raises(ValidationError, match="尚未受理"):
        actions.record_agreement(office_user, dispute, terms="赔偿", signed_on=D(2021, 4, 2))
    assert not hasattr(Dispute.objects.get(pk=dispute.pk), "agreement") or dispute.agreement is None


def test_agreement_and_outcome_before_any_session_are_refused(open_dispute, office_user):
    with pytest.raises(ValidationError, match="尚未进行调解"):
        actions.record_agreement(office_user, open_dispute, terms="赔偿", signed_on=D(2021, 3, 2))
    for result in (DisputeStatus.SUCCEEDED, DisputeStatus.FAILED, DisputeStatus.TERMINATED):
        with pytest.raises(ValidationError, match="尚未进行任何调解"):
            actions.close_dispute(office_user, open_dispute, result=result, closed_on=D(2021, 3, 2), note="不成")
    open_dispute.refresh_from_db()
    assert open_dispute.status == DisputeStatus.ACCEPTED and open_dispute.closed_on is None
    # withdrawal needs no session
    actions.close_dispute(office_user, open_dispute, result=DisputeStatus.WITHDRAWN, closed_on=D(2021, 3, 2))
    assert Dispute.objects.get(pk=open_dispute.pk).status == DisputeStatus.WITHDRAWN


def test_success_needs_agreement_and_failure_needs_reason(open_dispute, office_user):
    _mediate(office_user, open_dispute)
    with pytest.raises(ValidationError, match="须先登记调解协议"):
        actions.close_dispute(office_user, open_dispute, result=DisputeStatus.SUCCEEDED, closed_on=D(2021, 3, 6))
    with pytest.raises(ValidationError, match="告知当事人"):
        actions.close_dispute(office_user, open_dispute, result=DisputeStatus.FAILED, closed_on=D(2021, 3, 6))
    with pytest.raises(ValidationError, match="不能早于最近一次调解日期"):
        actions.close_dispute(office_user, open_dispute, result=DisputeStatus.FAILED, closed_on=D(2021, 3, 4),
                              note="已告知可向法院起诉")
    actions.close_dispute(office_user, open_dispute, result=DisputeStatus.FAILED, closed_on=D(2021, 3, 6),
                          note="双方分歧较大，已告知可依法向人民法院起诉")
    assert Dispute.objects.get(pk=open_dispute.pk).status == DisputeStatus.FAILED


def test_session_dates_are_checked(open_dispute, office_user):
    with pytest.raises(ValidationError, match="不能早于受理日期"):
        _mediate(office_user, open_dispute, on=D(2021, 2, 27))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        _mediate(office_user, open_dispute, on=dt.date.today() + dt.timedelta(days=1))
    _mediate(office_user, open_dispute, on=D(2021, 3, 5))
    with pytest.raises(ValidationError, match="第1次调解日期"):
        _mediate(office_user, open_dispute, on=D(2021, 3, 4))
    assert Session.objects.filter(dispute=open_dispute).count() == 1


def test_agreement_present_forces_success(open_dispute, office_user):
    _mediate(office_user, open_dispute)
    actions.record_agreement(office_user, open_dispute, terms="口头约定互不干扰", signed_on=D(2021, 3, 5),
                             form=AgreementForm.ORAL)
    with pytest.raises(ValidationError, match="应为“调解成功”"):
        actions.close_dispute(office_user, open_dispute, result=DisputeStatus.FAILED, closed_on=D(2021, 3, 6),
                              note="x")


# --- performance, follow-up, court confirmation, court feedback ---


def test_performance_and_follow_up(open_dispute, office_user):
    with pytest.raises(ValidationError, match="尚未结案"):
        actions.record_follow_up(office_user, open_dispute, visited_on=D(2021, 3, 20), method="电话回访",
                                 content="x")
    _succeed(office_user, open_dispute)
    with pytest.raises(ValidationError, match="履行完毕日期"):
        actions.record_performance(office_user, open_dispute, performance=Performance.PERFORMED)
    actions.record_performance(office_user, open_dispute, performance="部分履行")
    actions.record_follow_up(office_user, open_dispute, visited_on=D(2021, 3, 20), method="上门回访",
                             content="排水沟已疏通，赔偿款已付清", performance=Performance.PERFORMED)
    open_dispute.agreement.refresh_from_db()
    assert open_dispute.agreement.performance == Performance.PERFORMED
    assert open_dispute.agreement.performed_on == D(2021, 3, 20)
    with pytest.raises(ValidationError, match="不能早于结案日期"):
        actions.record_follow_up(office_user, open_dispute, visited_on=D(2021, 3, 1), method="电话回访", content="x")


def test_judicial_confirmation_within_thirty_days(open_dispute, office_user):
    _succeed(office_user, open_dispute, signed=D(2021, 3, 8))
    # 30 days from 3月8日 is 4月7日 (a Wednesday)
    with pytest.raises(ValidationError, match="2021-04-07前申请"):
        actions.apply_confirmation(office_user, open_dispute, court="砀山县人民法院", applied_on=D(2021, 4, 8))
    actions.apply_confirmation(office_user, open_dispute, court="砀山县人民法院", applied_on=D(2021, 4, 7))
    with pytest.raises(ValidationError, match="已申请"):
        actions.apply_confirmation(office_user, open_dispute, court="砀山县人民法院", applied_on=D(2021, 4, 7))
    with pytest.raises(ValidationError, match="不能早于申请日期"):
        actions.record_confirmation_result(office_user, open_dispute, result="confirmed", decided_on=D(2021, 4, 1))
    confirmation = actions.record_confirmation_result(office_user, open_dispute, result="裁定确认协议有效",
                                                      decided_on=D(2021, 4, 12), ruling_number="（2021）皖1321民特12号")
    assert confirmation.result == ConfirmationResult.CONFIRMED


def test_confirmation_window_ending_on_a_holiday_moves_to_next_working_day(med, office_user):
    dispute = actions.open_case(office_user, org=med["village"].org, parties=builders.parties(),
                                committee=med["village"], accepted_on=D(2021, 8, 30), summary="x",
                                dispute_type=DisputeType.CONTRACT, source=Source.APPLICATION,
                                mediators=med["village_mediators"])
    _succeed(office_user, dispute, signed=D(2021, 9, 1))
    # 9月1日 + 30日 = 10月1日 (National Day): the window runs to 10月8日
    with pytest.raises(ValidationError, match="应在2021-10-08前申请"):
        actions.apply_confirmation(office_user, dispute, court="砀山县人民法院", applied_on=D(2021, 10, 9))
    confirmation = actions.apply_confirmation(office_user, dispute, court="砀山县人民法院", applied_on=D(2021, 10, 8))
    assert confirmation.applied_on == D(2021, 10, 8)


def test_oral_agreement_cannot_be_confirmed(open_dispute, office_user):
    _mediate(office_user, open_dispute)
    actions.record_agreement(office_user, open_dispute, terms="口头", signed_on=D(2021, 3, 5), form="口头协议")
    actions.close_dispute(office_user, open_dispute, result=DisputeStatus.SUCCEEDED, closed_on=D(2021, 3, 5))
    with pytest.raises(ValidationError, match="口头协议"):
        actions.apply_confirmation(office_user, open_dispute, court="砀山县人民法院", applied_on=D(2021, 3, 6))


def test_court_referred_case_reports_back(med, office_user):
    dispute = actions.open_case(office_user, org=med["village"].org, parties=builders.parties(),
                                committee=med["village"], accepted_on=D(2021, 6, 1), summary="买卖合同货款",
                                dispute_type=DisputeType.CONTRACT, source=Source.COURT, referred_by="砀山县人民法院",
                                referral_ref="（2021）皖1321民诉前调88号", mediators=med["village_mediators"][:1])
    with pytest.raises(ValidationError, match="尚未结案"):
        actions.report_to_court(office_user, dispute, reported_on=D(2021, 6, 2), feedback=CourtFeedback.RETURNED)
    _mediate(office_user, dispute, on=D(2021, 6, 3))
    actions.close_dispute(office_user, dispute, result=DisputeStatus.FAILED, closed_on=D(2021, 6, 3),
                          note="被告不同意还款计划，退回法院")
    assert Notification.objects.filter(user=office_user, title__contains="诉调对接").exists()
    with pytest.raises(ValidationError, match="不一致"):
        actions.report_to_court(office_user, dispute, reported_on=D(2021, 6, 4), feedback=CourtFeedback.SETTLED)
    actions.report_to_court(office_user, dispute, reported_on=D(2021, 6, 4), feedback="调解不成，退回法院登记立案")
    dispute.refresh_from_db()
    assert dispute.court_feedback == CourtFeedback.RETURNED and dispute.court_reported_on == D(2021, 6, 4)
    with pytest.raises(ValidationError, match="已向法院反馈"):
        actions.report_to_court(office_user, dispute, reported_on=D(2021, 6, 4), feedback=CourtFeedback.RETURNED)


def test_non_court_case_has_no_court_feedback(open_dispute, office_user):
    _succeed(office_user, open_dispute)
    with pytest.raises(ValidationError, match="法院委派"):
        actions.report_to_court(office_user, open_dispute, reported_on=D(2021, 3, 9),
                                feedback=CourtFeedback.SETTLED)


# --- scope ---


def test_other_office_cannot_touch_the_case(open_dispute, other_office_user, med):
    with pytest.raises(PermissionDenied):
        _mediate(other_office_user, open_dispute)
    with pytest.raises(PermissionDenied):
        actions.register_dispute(other_office_user, org=med["village"].org, parties=builders.parties(),
                                 summary="x", dispute_type=DisputeType.OTHER, source=Source.APPLICATION,
                                 applied_on=D(2021, 1, 1))


def test_administrators_cannot_act(open_dispute, tree):
    admin = factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN)
    with pytest.raises(PermissionDenied):
        _mediate(admin, open_dispute)
