"""The reconsideration workflow through its actions: the 2023/2017 law by filing date, 受理审查 with 补正 and
逾期视为受理, the decision period with 中止 as a pause, and bad input answered in Chinese with nothing written."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from sifa.core.models import AuditEvent
from sifa.reconsideration import actions, documents
from sifa.reconsideration.models import (
    Case,
    CaseStatus,
    LawVersion,
    Outcome,
    Procedure,
    SuspensionGround,
    TerminationGround,
)
from sifa.reconsideration.workflow import WORKFLOW
from tests import factories

from . import builders

D = dt.date


def _nothing_written(before_cases: int, before_audit: int) -> None:
    assert Case.objects.count() == before_cases
    assert AuditEvent.objects.count() == before_audit


def test_law_version_follows_the_filing_date_and_refuses_outcomes_the_old_law_lacks(tree, bureau_user, agencies):
    old = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 1, 3), filed_on=D(2023, 12, 29))
    new = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 1, 3), filed_on=D(2024, 1, 2))
    assert (old.law_version, new.law_version) == (LawVersion.LAW_2017, LawVersion.LAW_2023)
    with pytest.raises(ValidationError, match="简易程序是2023年修订"):
        actions.accept(bureau_user, old, accepted_on=D(2024, 1, 4), procedure=Procedure.SIMPLE)
    actions.accept(bureau_user, old, accepted_on=D(2024, 1, 4))
    with pytest.raises(ValidationError, match="驳回复议请求.*不能适用"):
        actions.decide(bureau_user, old, outcome=Outcome.CLAIM_REJECTED, closed_on=D(2024, 2, 1))
    case = actions.decide(bureau_user, old, outcome=Outcome.APPLICATION_REJECTED, closed_on=D(2024, 2, 1))
    assert case.status == CaseStatus.DECIDED


def test_acceptance_numbers_the_case_and_starts_the_sixty_day_period(tree, bureau_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    assert case.review_due == D(2024, 3, 11)  # five working days after Monday 4 March
    actions.accept(bureau_user, case, accepted_on=D(2024, 3, 6))
    case.refresh_from_db()
    assert case.number == "砀复〔2024〕1号"
    assert case.decision_due == D(2024, 5, 6)  # 60 days → Sunday 5 May, moved to the next working day
    assert case.copy_due == D(2024, 3, 15)
    second = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    actions.decline(bureau_user, second, declined_on=D(2024, 3, 8), reason="超过法定申请期限")
    assert Case.objects.get(pk=second.pk).number == "砀复〔2024〕2号"


def test_review_lapsed_means_deemed_accepted_on_its_last_day(tree, bureau_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    with pytest.raises(ValidationError, match="依法视为受理"):
        actions.decline(bureau_user, case, declined_on=D(2024, 3, 12), reason="不符合受理条件")
    assert "deem" in WORKFLOW.step_names(case)
    actions.deem_accepted(bureau_user, case)
    case.refresh_from_db()
    assert (case.accepted_on, case.deemed_accepted, case.status) == (D(2024, 3, 11), True, CaseStatus.HEARING)


def test_correction_pauses_the_review_which_restarts_on_the_materials(tree, bureau_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    with pytest.raises(ValidationError, match="五个工作日内"):
        actions.request_correction(bureau_user, case, requested_on=D(2024, 3, 12), items="补充行政处罚决定书复印件")
    actions.request_correction(bureau_user, case, requested_on=D(2024, 3, 5), items="补充行政处罚决定书复印件")
    case.refresh_from_db()
    assert (case.status, case.review_due, case.correction_due) == (CaseStatus.CORRECTION, None, D(2024, 3, 19))
    actions.receive_correction(bureau_user, case, corrected_on=D(2024, 3, 15))
    case.refresh_from_db()
    assert (case.status, case.review_due) == (CaseStatus.RECEIVED, D(2024, 3, 22))


def test_suspension_pauses_the_decision_period_and_a_pause_must_resume(tree, bureau_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    actions.accept(bureau_user, case, accepted_on=D(2024, 3, 4))
    actions.suspend(bureau_user, case, started_on=D(2024, 3, 20), ground=SuspensionGround.CONSULTATION)
    case.refresh_from_db()
    assert case.decision_due is None
    with pytest.raises(ValidationError, match="中止审理"):
        actions.decide(bureau_user, case, outcome=Outcome.UPHELD, closed_on=D(2024, 4, 1))
    with pytest.raises(ValidationError, match="恢复审理日期（2024-03-10）不能早于中止日期"):
        actions.resume(bureau_user, case, resumed_on=D(2024, 3, 10))
    actions.resume(bureau_user, case, resumed_on=D(2024, 3, 29))
    case.refresh_from_db()
    assert case.decision_due == D(2024, 5, 13)  # 3 May + the ten paused days, moved off the weekend
    actions.decide(bureau_user, case, outcome=Outcome.UPHELD, closed_on=D(2024, 4, 30))
    case.refresh_from_db()
    assert case.decision_days == 57 - 10


def test_termination_after_settlement_and_self_correction(tree, bureau_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    actions.accept(bureau_user, case, accepted_on=D(2024, 3, 4))
    with pytest.raises(ValidationError, match="未处于中止状态"):
        actions.terminate(bureau_user, case, ground=TerminationGround.LONG_SUSPENSION, closed_on=D(2024, 4, 1))
    actions.terminate(bureau_user, case, ground=TerminationGround.WITHDRAWAL, closed_on=D(2024, 4, 1), settled=True,
                      respondent_corrected=True)
    case.refresh_from_db()
    assert (case.outcome, case.respondent_corrected) == (Outcome.SETTLED, True)


@pytest.mark.parametrize("change, message", [
    ({"filed_on": D(2024, 3, 5)}, "申请日期（2024-03-05）不能晚于收到日期（2024-03-04）"),
    ({"channel": "oral"}, "口头申请的，请填写口头申请笔录"),
    ({"applicant_id_number": "34132119800101001X"}, "申请人证件号码"),
    ({"act_type": "飞行"}, "行政行为类型“飞行”不在可选范围内"),
])
def test_bad_applications_are_refused_in_chinese_and_write_nothing(tree, bureau_user, agencies, change, message):
    before = (Case.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match=message):
        builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4), **change)
    _nothing_written(*before)


def test_a_decision_before_acceptance_is_refused(tree, bureau_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    actions.accept(bureau_user, case, accepted_on=D(2024, 3, 6))
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="结案日期（2024-03-05）不能早于受理日期（2024-03-06）"):
        actions.decide(bureau_user, case, outcome=Outcome.UPHELD, closed_on=D(2024, 3, 5))
    assert AuditEvent.objects.count() == before
    assert Case.objects.get(pk=case.pk).status == CaseStatus.HEARING


def test_respondent_credit_code_check_digit(tree, bureau_user):
    good = factories.credit_code("11")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="被申请人统一社会信用代码：统一社会信用代码校验位不正确"):
        actions.add_agency(bureau_user, org=tree["bureau"], name="某局", credit_code=bad)
    assert not actions.Agency.objects.exists()


def test_a_township_office_cannot_act_on_the_bureaus_cases(tree, bureau_user, office_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    with pytest.raises(PermissionDenied):
        actions.accept(office_user, case, accepted_on=D(2024, 3, 4))
    assert not Case.objects.for_user(office_user).exists()


def test_documents_carry_the_case_facts_and_number(tree, bureau_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    actions.accept(bureau_user, case, accepted_on=D(2024, 3, 6))
    case.refresh_from_db()
    assert [k.slug for k in documents.available(case)] == ["accept"]
    name, content = documents.generate(bureau_user, case, "accept")
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert name == "行政复议受理通知书-砀复〔2024〕1号.docx"
    assert "砀复〔2024〕1号" in text and "2024年5月6日前作出行政复议决定" in text and "张建国" in text
    with pytest.raises(ValidationError, match="尚未形成"):
        documents.generate(bureau_user, case, "decision")
