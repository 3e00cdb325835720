"""The legal-aid workflow through its actions: every time limit of 《法律援助法》 (第36条 3+3日, 第43条 7日/3日,
第49条 5日), the economic review with its exemptions (第42条, 第32条), the 第26条 senior-lawyer rule, licences,
documents at 结案, grading and subsidy, satisfaction, and bad input that writes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.deadlines import DeadlineRule, lenient_due_date
from sifa.core.models import AuditEvent
from sifa.legalaid import actions, rules
from sifa.legalaid.models import (
    Application,
    Assignment,
    Document,
    Exemption,
    Objection,
    ReviewBasis,
    Status,
)
from tests import factories

from . import builders, files

D = dt.date


def _audit_count():
    return AuditEvent.objects.count()


MARCH_1, MARCH_2 = D(2021, 3, 1), D(2021, 3, 2)


def _granted(la, received_on=MARCH_1, decided_on=MARCH_2, **extra):
    app = builders.civil_application(la, received_on=received_on, **extra)
    return actions.decide(la["clerk"], app, decision="grant", decided_on=decided_on)


def _with_closing_documents(la, app, *kinds):
    for kind in kinds or ("closing_report", "judgment"):
        actions.add_document(la["clerk"], app, kind=kind, uploaded=files.upload(files.pdf(), "文书.pdf"))


# --- time limits ---------------------------------------------------------------------------------------------------


def test_decision_is_due_seven_calendar_days_after_receipt(la):
    app = builders.civil_application(la, received_on=D(2021, 3, 1))
    assert app.status == Status.RECEIVED and app.decision_due == D(2021, 3, 8)
    assert app.number.startswith("（2021）砀山县援字第")
    decided = actions.decide(la["clerk"], app, decision="grant", decided_on=D(2021, 3, 8))
    assert decided.decided_on_time is True and decided.status == Status.GRANTED
    assert decided.assign_due == D(2021, 3, 11)


def test_a_limit_ending_in_the_national_day_holiday_moves_to_the_next_working_day(la):
    app = builders.civil_application(la, received_on=D(2021, 9, 28))
    assert app.decision_due == D(2021, 10, 8)  # 28 Sep + 7 = 5 Oct, a holiday; 8 Oct is the next working day
    assert lenient_due_date(rules.ASSIGNMENT, D(2021, 9, 30)) == D(2021, 10, 8)
    assert lenient_due_date(rules.OBJECTION, D(2021, 2, 8)) == D(2021, 2, 18)  # 13 Feb falls in 春节


@pytest.mark.django_db  # whether a year is published is read from the stored schedules (core.HolidaySchedule)
def test_past_the_published_calendar_the_line_uses_the_platforms_one_rule():
    """The line's own copy counted a month as `amount` days and left a limit ending on a Sunday there; the
    shared rule keeps month arithmetic and counts Monday–Friday past the published holiday calendar."""
    month = DeadlineRule("months", 1, "一个月")
    assert lenient_due_date(month, D(2030, 1, 31)) == D(2030, 2, 28)  # not 1 Feb (31 + 1 day)
    assert lenient_due_date(rules.DECISION, D(2030, 3, 3)) == D(2030, 3, 11)  # 10 Mar is a Sunday


def test_a_late_decision_needs_a_reason_and_counts_as_late(la):
    app = builders.civil_application(la, received_on=D(2021, 3, 1))
    before = _audit_count()
    with pytest.raises(ValidationError, match="请填写逾期原因"):
        actions.decide(la["clerk"], app, decision="grant", decided_on=D(2021, 3, 9))
    app.refresh_from_db()
    assert app.status == Status.RECEIVED and app.decided_on is None and _audit_count() == before
    late = actions.decide(la["clerk"], app, decision="grant", decided_on=D(2021, 3, 9),
                          late_reason="申请人补充材料延误")
    assert late.decided_on_time is False and "补充材料" in late.late_reason


def test_assignment_is_due_three_days_after_the_decision(la):
    app = _granted(la, decided_on=D(2021, 3, 2))
    assert app.assign_due == D(2021, 3, 5)
    with pytest.raises(ValidationError, match="逾期原因"):
        actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 6), provider=la["senior"])
    assert Assignment.objects.count() == 0
    actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 6), provider=la["senior"], late_reason="律师出差")
    app.refresh_from_db()
    assert app.status == Status.ASSIGNED and app.assigned_on_time is False


def _notice(la, **extra):
    fields = {"org": la["centre"], "notifying_organ": "court", "notifier": "砀山县人民法院",
              "notice_number": "（2021）皖1321刑初45号", "circumstance": "minor", "stage": "trial",
              "discovered_on": D(2021, 3, 1), "notified_on": D(2021, 3, 3), "received_on": D(2021, 3, 4),
              "defendant": builders.applicant(name="张小军", id_number=builders.resident_id(birth="20050601")),
              "summary": "被告人涉嫌盗窃"}
    fields.update(extra)
    return actions.register_notice(la["clerk"], **fields)


def test_a_notice_needs_no_economic_review_and_must_be_assigned_within_three_days(la):
    app = _notice(la)
    assert app.status == Status.GRANTED and app.review_basis == ReviewBasis.NOTIFIED
    assert app.is_minor and app.case_area == "criminal"
    assert app.notice_late is False  # discovered 1 March, notified 3 March: within three days
    assert app.assign_due == D(2021, 3, 8)  # received 4 March + 3 = 7 March, a Sunday → Monday
    actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 8), provider=la["junior"])
    app.refresh_from_db()
    assert app.assigned_on_time is True


def test_a_late_notice_is_recorded_not_refused(la):
    app = _notice(la, discovered_on=D(2021, 3, 1), notified_on=D(2021, 3, 10), received_on=D(2021, 3, 10))
    assert app.notice_late is True


def test_a_duplicate_notice_is_refused_and_nothing_is_written(la):
    first = _notice(la)
    count, audits = Application.objects.count(), _audit_count()
    with pytest.raises(ValidationError, match="已经登记，不能重复登记"):
        _notice(la)
    with pytest.raises(ValidationError, match="尚未结案，不能重复登记"):
        _notice(la, notice_number="（2021）皖1321刑初45-1号",
                defendant=builders.applicant(name="张小军", id_number=first.id_number))
    assert Application.objects.count() == count and _audit_count() == audits
    # the same person at another stage is a new notice
    _notice(la, notice_number="（2021）皖1321刑初99号", stage="prosecution", notifying_organ="procuratorate",
            notifier="砀山县人民检察院", defendant=builders.applicant(name="张小军", id_number=first.id_number))


def test_life_or_death_cases_need_a_lawyer_with_three_years_of_practice(la):
    app = _notice(la, circumstance="life_or_death", notice_number="（2021）皖13刑初7号",
                  defendant=builders.applicant(name="刘某", id_number=builders.resident_id(birth="19800101")))
    with pytest.raises(ValidationError, match="第二十六条"):
        actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 5), provider=la["junior"])
    assert la["junior"] not in actions.suggest_providers(app, D(2021, 3, 5))
    actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 5), by_rotation=True)
    assert app.assignments.get().provider == la["senior"]


# --- the economic review -------------------------------------------------------------------------------------------


def test_an_applicant_above_the_hardship_standard_without_an_exemption_is_refused(la):
    audits = _audit_count()
    with pytest.raises(ValidationError) as refused:
        builders.civil_application(la, household_size=2, household_income="5000")
    message = refused.value.messages[0]
    assert "人均月收入2500.00元，高于本地经济困难标准1200.00元" in message and "不符合法律援助条件" in message
    assert Application.objects.count() == 0 and _audit_count() == audits


def test_the_migrant_worker_green_channel_is_exempt_from_the_check(la):
    app = builders.civil_application(la, category="labour_arbitration", civil_matter="labour",
                                     household_size=2, household_income="9000",
                                     exemption=Exemption.MIGRANT_WORKER, recipients=12)
    assert app.review_basis == ReviewBasis.EXEMPT and app.is_migrant_worker
    assert app.household_income is None  # the figures are not even kept: the check does not apply


def test_article_32_cases_are_not_limited_by_hardship(la):
    app = builders.civil_application(la, household_size=1, household_income="20000", exemption="a32_4")
    assert app.review_basis == ReviewBasis.UNLIMITED and app.is_dv_victim


def test_missing_figures_or_a_missing_standard_are_refused(la, tree):
    with pytest.raises(ValidationError, match="请填写家庭人口和家庭月收入"):
        builders.civil_application(la, household_size=None, household_income=None)
    other = factories.county_tree("341322", "萧县")
    from sifa.core.models import OrgKind, Role
    centre = other["bureau"]
    staff = factories.user(centre, role=Role.SECTION_STAFF)
    assert centre.kind == OrgKind.COUNTY_BUREAU
    with pytest.raises(ValidationError, match="尚未设置经济困难标准"):
        actions.register_application(staff, org=centre, channel="visit", category="civil", civil_matter="labour",
                                     summary="讨薪", received_on=D(2021, 3, 1), applicant=builders.applicant(),
                                     household_size=1, household_income="100")


def test_the_standard_in_force_on_the_day_applies(la):
    actions.set_hardship_standard(la["bureau_staff"], org=la["bureau_staff"].org, monthly_income_per_capita="900",
                                  effective_from=D(2022, 1, 1), basis="2022年调整")
    assert builders.civil_application(la, received_on=D(2021, 12, 31), household_income="3000").hardship_standard \
        .monthly_income_per_capita == Decimal("1200.00")
    with pytest.raises(ValidationError, match="高于本地经济困难标准900.00元"):
        builders.civil_application(la, received_on=D(2022, 1, 4), household_income="3000")


@pytest.mark.parametrize("change, message", [
    ({"applicant": {"name": "王某", "id_number": "341321198001010000"}}, "校验位"),
    ({"category": "刑事代理人"}, "不在可选范围内"),
    ({"civil_matter": ""}, "第三十一条"),
    ({"summary": "  "}, "请填写案情摘要"),
    ({"received_on": D(2099, 1, 1)}, "不能晚于今天"),
    ({"recipients": 0}, "受援人数"),
    ({"household_income": "abc"}, "不是有效的数字"),
])
def test_bad_input_is_refused_in_chinese_and_writes_nothing(la, change, message):
    with pytest.raises(ValidationError, match=message):
        builders.civil_application(la, **change)
    assert Application.objects.count() == 0


# --- forwarding, scope, assignment -----------------------------------------------------------------------------------


def test_an_office_forwards_and_the_seven_days_run_from_the_centres_receipt(la, tree, office_user):
    app = actions.register_application(office_user, org=tree["office_a"], channel="visit", category="civil",
                                       civil_matter="labour", summary="讨要工资", received_on=D(2021, 3, 1),
                                       applicant=builders.applicant(), exemption=Exemption.MIGRANT_WORKER)
    assert app.status == Status.FORWARDING and app.decision_due is None
    with pytest.raises(ValidationError, match="请先转交|不能作出审查决定"):
        actions.decide(office_user, app, decision="grant", decided_on=D(2021, 3, 2))
    forwarded = actions.forward_application(office_user, app, forwarded_on=D(2021, 3, 3), centre=la["centre"])
    assert forwarded.org == la["centre"] and forwarded.intake_org == tree["office_a"]
    assert forwarded.decision_due == D(2021, 3, 10)
    with pytest.raises(PermissionDenied):  # the office no longer holds it
        actions.decide(office_user, forwarded, decision="grant", decided_on=D(2021, 3, 4))
    actions.decide(la["bureau_staff"], forwarded, decision="grant", decided_on=D(2021, 3, 4))


def test_another_office_cannot_act(la, other_office_user):
    app = builders.civil_application(la)
    with pytest.raises(PermissionDenied):
        actions.decide(other_office_user, app, decision="grant", decided_on=D(2021, 3, 2))


def test_assigning_to_a_lawyer_whose_licence_is_not_active_is_refused(la):
    app = _granted(la)
    actions.set_licence_status(la["clerk"], la["senior"], status="suspended", reason="皖司罚〔2021〕3号")
    audits = _audit_count()
    with pytest.raises(ValidationError, match="执业状态为“停止执业”"):
        actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 3), provider=la["senior"])
    app.refresh_from_db()
    assert app.status == Status.GRANTED and Assignment.objects.count() == 0 and _audit_count() == audits
    assert la["senior"] not in actions.suggest_providers(app, D(2021, 3, 3))


def test_licence_numbers_are_validated(la):
    with pytest.raises(ValidationError, match="17位数字"):
        actions.create_provider(la["clerk"], service_org=la["firm"], name="孙某", kind="lawyer",
                                licence_number="1341320101000", practice_since=D(2019, 1, 1))
    with pytest.raises(ValidationError, match="已登记"):
        actions.create_provider(la["clerk"], service_org=la["firm"], name="孙某", kind="lawyer",
                                licence_number=la["senior"].licence_number, practice_since=D(2019, 1, 1))


def test_the_rotation_respects_speciality_workload_and_who_waited_longest(la):
    criminal = _notice(la)
    offered = actions.suggest_providers(criminal, D(2021, 3, 5))
    assert la["worker"] not in offered  # 刑事辩护 needs a lawyer, and his speciality is civil
    civil = [_granted(la, received_on=D(2021, 3, 1)) for _ in range(3)]
    names = []
    for app in civil:
        actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 3), by_rotation=True)
        names.append(app.assignments.get().provider.name)
    assert sorted(names) == sorted(["周文涛", "李明", "赵刚"])  # each took one before anyone took a second
    la["worker"].max_open_cases = 1
    la["worker"].save()
    assert la["worker"] not in actions.suggest_providers(_granted(la), D(2021, 3, 4))


def test_a_firm_can_be_assigned_and_names_its_lawyer(la):
    app = _granted(la)
    actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 3), service_org=la["firm"])
    with pytest.raises(ValidationError, match="尚未确定承办人"):
        actions.close_case(la["clerk"], app, closed_on=D(2021, 4, 1), method="judgment", outcome="胜诉")
    with pytest.raises(ValidationError, match="不属于"):
        actions.designate_provider(la["clerk"], app, provider=la["worker"])
    actions.designate_provider(la["clerk"], app, provider=la["junior"])
    assert app.current_assignment.provider == la["junior"]


# --- closing, grading, satisfaction, objections --------------------------------------------------------------------


def test_closing_without_the_required_documents_is_refused(la):
    app = _granted(la)
    actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 3), provider=la["junior"])
    actions.record_progress(la["clerk"], app, happened_on=D(2021, 3, 10), kind="hearing", note="出庭")
    with pytest.raises(ValidationError, match="结案须先上传：结案报告、判决书、裁定书"):
        actions.close_case(la["clerk"], app, closed_on=D(2021, 5, 1), method="judgment", outcome="判决支持")
    _with_closing_documents(la, app, "closing_report")
    with pytest.raises(ValidationError, match="结案须先上传：调解书、调解协议"):
        actions.close_case(la["clerk"], app, closed_on=D(2021, 5, 1), method="mediation", outcome="调解结案")
    app.refresh_from_db()
    assert app.status == Status.IN_PROGRESS
    _with_closing_documents(la, app, "mediation")
    closed = actions.close_case(la["clerk"], app, closed_on=D(2021, 5, 1), method="mediation", outcome="调解结案",
                                recovered_amount="36000")
    assert closed.status == Status.CLOSED and closed.recovered_amount == Decimal("36000.00")


def _closed(la, recipients=1, **extra):
    app = _granted(la, recipients=recipients, **extra)
    actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 3), provider=la["junior"])
    _with_closing_documents(la, app)
    return actions.close_case(la["clerk"], app, closed_on=D(2021, 5, 1), method="judgment", outcome="胜诉")


def test_grading_pays_the_subsidy_from_the_rate_table(la):
    app = actions.grade_case(la["clerk"], _closed(la, recipients=3), grade="good", graded_on=D(2021, 5, 10))
    assert app.subsidy_amount == Decimal("1900.00")  # 1500 + 2 × 200
    with pytest.raises(ValidationError, match="已评查"):
        actions.grade_case(la["clerk"], app, grade="excellent", graded_on=D(2021, 5, 11), note="优秀")
    failed = actions.grade_case(la["clerk"], _closed(la), grade="fail", graded_on=D(2021, 5, 10), note="无会见笔录")
    assert failed.subsidy_amount == Decimal("0.00")


def test_the_rate_table_is_editable_and_dated(la):
    rate = actions.rate_for(la["centre"], "civil", D(2021, 5, 1))
    actions.update_subsidy_rate(la["bureau_staff"], rate, effective_to=D(2021, 4, 30))
    actions.set_subsidy_rate(la["bureau_staff"], org=la["bureau_staff"].org, category="civil", base_amount="1800",
                             effective_from=D(2021, 5, 1))
    with pytest.raises(ValidationError, match="已有补贴标准"):
        actions.set_subsidy_rate(la["bureau_staff"], org=la["bureau_staff"].org, category="civil",
                                 base_amount="1900", effective_from=D(2021, 6, 1))
    app = actions.grade_case(la["clerk"], _closed(la), grade="pass", graded_on=D(2021, 5, 10))
    assert app.subsidy_amount == Decimal("1800.00")


def test_satisfaction_is_recorded_once(la):
    app = _closed(la)
    with pytest.raises(ValidationError, match="说明原因"):
        actions.record_satisfaction(la["clerk"], app, satisfaction="dissatisfied", rated_on=D(2021, 5, 3))
    actions.record_satisfaction(la["clerk"], app, satisfaction="satisfied", rated_on=D(2021, 5, 3))
    with pytest.raises(ValidationError, match="只能评价一次"):
        actions.record_satisfaction(la["clerk"], app, satisfaction="basic", rated_on=D(2021, 5, 4))


def test_an_objection_is_reviewed_within_five_days_and_a_correction_reopens_review(la):
    app = builders.civil_application(la)
    actions.decide(la["clerk"], app, decision="refuse", decided_on=D(2021, 3, 3), reason="事项不属于法律援助范围")
    objection = actions.lodge_objection(la["clerk"], app, received_on=D(2021, 3, 4), reason="属于追索抚养费")
    assert objection.due_on == D(2021, 3, 9)
    with pytest.raises(ValidationError, match="逾期原因"):
        actions.decide_objection(la["bureau_staff"], objection, outcome="corrected", decided_on=D(2021, 3, 10),
                                 note="属于第三十一条第四项")
    with pytest.raises(PermissionDenied):
        actions.decide_objection(la["clerk"], objection, outcome="upheld", decided_on=D(2021, 3, 5), note="维持")
    actions.decide_objection(la["bureau_staff"], objection, outcome="corrected", decided_on=D(2021, 3, 8),
                             note="属于第三十一条第四项")
    app.refresh_from_db()
    assert app.status == Status.RECEIVED and app.decision_due == D(2021, 3, 15)
    assert Objection.objects.get().outcome == "corrected"


def test_refusal_needs_reasons_and_withdrawal_ends_review(la):
    app = builders.civil_application(la)
    with pytest.raises(ValidationError, match="写明理由"):
        actions.decide(la["clerk"], app, decision="refuse", decided_on=D(2021, 3, 3))
    actions.withdraw(la["clerk"], app, withdrawn_on=D(2021, 3, 2), note="已和解")
    app.refresh_from_db()
    assert app.status == Status.WITHDRAWN


def test_termination_needs_a_legal_reason(la):
    app = _granted(la)
    actions.assign(la["clerk"], app, assigned_on=D(2021, 3, 3), provider=la["junior"])
    with pytest.raises(ValidationError, match="不在可选范围内"):
        actions.terminate(la["clerk"], app, terminated_on=D(2021, 3, 20), reason="不想办了", note="x")
    actions.terminate(la["clerk"], app, terminated_on=D(2021, 3, 20), reason="own_lawyer", note="自行委托律师")
    app.refresh_from_db()
    assert app.status == Status.TERMINATED and app.closed_on == D(2021, 3, 20)


# --- documents -----------------------------------------------------------------------------------------------------


def test_uploaded_images_lose_their_metadata_and_appended_tails(la):
    app = builders.civil_application(la)
    doc = actions.add_document(la["clerk"], app, kind="evidence",
                               uploaded=files.upload(files.jpeg_with_exif(), "../../etc/照片.JPG", "image/jpeg"))
    from django.core.files.storage import default_storage

    stored = default_storage.open(doc.stored_name).read()
    assert b"GPS" not in stored and b"camera owner" not in stored and b"<script>" not in stored
    assert stored.startswith(b"\xff\xd8") and stored.endswith(b"\xff\xd9") and b"JFIF" in stored
    assert doc.original_name == "照片.jpg" and "照片" not in doc.stored_name and doc.stored_name.endswith(".jpg")
    png_doc = actions.add_document(la["clerk"], app, kind="evidence", uploaded=files.upload(files.png()))
    stored = default_storage.open(png_doc.stored_name).read()
    assert b"tEXt" not in stored and stored.endswith(b"IEND\xaeB`\x82")


@pytest.mark.parametrize("name", sorted(files.HOSTILE))
def test_hostile_uploads_are_refused(la, name):
    app = builders.civil_application(la)
    content, filename, content_type = files.HOSTILE[name]
    with pytest.raises(ValidationError):
        actions.add_document(la["clerk"], app, kind="evidence", uploaded=files.upload(content, filename, content_type))
    assert Document.objects.count() == 0


def test_oversized_uploads_are_refused(la, settings):
    settings.SIFA_DOCUMENT_MAX_BYTES = 1024
    app = builders.civil_application(la)
    with pytest.raises(ValidationError, match="超过"):
        actions.add_document(la["clerk"], app, kind="evidence", uploaded=files.upload(files.pdf(b"x" * 2000), "a.pdf"))
    assert Document.objects.count() == 0
