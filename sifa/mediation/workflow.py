"""The mediation case's workflow (DOMAIN.md §2): 登记 → 受理/不予受理 → 调解 → 协议 → 结案 → 履行/回访/司法确认/
向法院反馈. The one table the actions check, the case page's buttons, the API, the history and the home page's
待我决定 read (core.workflow explains each column).

A step's further conditions (an agreement needs a session first, 司法确认 a written agreement) are checked by its
action, which says precisely what is missing; `offered` only keeps a button off the page while it cannot succeed.
"""

from sifa.core.workflow import Step, Workflow

from .models import CLOSED_STATUSES, OPEN_STATUSES, AgreementForm, ConfirmationResult, Source
from .models import DisputeStatus as S

FORMS = "sifa.mediation.forms."
NOT_CLOSED = "该纠纷尚未结案，不能{title}。"


def _missing_identifiers(dispute) -> bool:
    return dispute.parties.filter(id_number="", credit_code="").exists()


def _awaits_agreement(dispute) -> bool:
    return dispute.status == S.MEDIATING and getattr(dispute, "agreement", None) is None


def _has_agreement(dispute) -> bool:
    return getattr(dispute, "agreement", None) is not None


def _confirmable(dispute) -> bool:
    agreement = getattr(dispute, "agreement", None)
    return (agreement is not None and agreement.form == AgreementForm.WRITTEN
            and getattr(dispute, "confirmation", None) is None)


def _confirmation_pending(dispute) -> bool:
    confirmation = getattr(dispute, "confirmation", None)
    return confirmation is not None and confirmation.result == ConfirmationResult.PENDING


def _court_awaits_report(dispute) -> bool:
    return dispute.source == Source.COURT and not dispute.court_feedback


WORKFLOW = Workflow(
    model="mediation.Dispute", noun="纠纷", states=S, list_url_name="mediation:dispute_list",
    awaiting={S.PENDING: "write_records"},
    refusals={S.PENDING: "尚未受理", S.DECLINED: "尚未受理", **{s: "已结案（{label}）" for s in CLOSED_STATUSES}},
    steps=[
        Step("party", "补充当事人信息", sources=[S.PENDING], done="当事人信息已补充。",
             form=FORMS + "PartyCompleteForm", offered=_missing_identifiers,
             refusal="已受理的纠纷不能再修改当事人证件信息。"),
        Step("accept", "受理", sources=[S.PENDING], target=S.ACCEPTED, done="已受理。", form=FORMS + "AcceptForm",
             starts="调解结案"),
        Step("decline", "不予受理", sources=[S.PENDING], target=S.DECLINED, done="已作不予受理处理。",
             form=FORMS + "DeclineForm"),
        Step("session", "记录调解", sources=OPEN_STATUSES, target=S.MEDIATING, done="调解记录已保存。",
             form=FORMS + "SessionForm", document="调解笔录"),
        Step("agreement", "登记调解协议", sources=OPEN_STATUSES, done="调解协议已登记。",
             form=FORMS + "AgreementFormForm", offered=_awaits_agreement, document="人民调解协议书"),
        Step("assign", "指派调解员", sources=OPEN_STATUSES, done="已指派调解员。", form=FORMS + "AssignForm"),
        Step("escalate", "升级调处", sources=OPEN_STATUSES, done="已升级调处。", form=FORMS + "EscalateForm"),
        Step("close", "结案", sources=OPEN_STATUSES, target=CLOSED_STATUSES, done="已结案。", form=FORMS + "CloseForm",
             stops="调解结案"),
        Step("followup", "回访", sources=CLOSED_STATUSES, done="回访已记录。", form=FORMS + "FollowUpForm",
             refusal="回访在结案后进行，该纠纷尚未结案。"),
        Step("performance", "登记履行情况", sources=CLOSED_STATUSES, done="履行情况已登记。",
             form=FORMS + "PerformanceForm", offered=_has_agreement, refusal=NOT_CLOSED),
        Step("confirm_apply", "申请司法确认", sources=[S.SUCCEEDED], done="司法确认申请已登记。",
             form=FORMS + "ConfirmationApplyForm", offered=_confirmable, starts="申请司法确认",
             refusal="只有调解成功并结案的纠纷才能申请司法确认。"),
        Step("confirm_result", "登记司法确认结果", sources=[S.SUCCEEDED], done="司法确认结果已登记。",
             form=FORMS + "ConfirmationResultForm", offered=_confirmation_pending, stops="申请司法确认",
             refusal="该纠纷尚未申请司法确认。"),
        Step("court_report", "向法院反馈", sources=CLOSED_STATUSES, done="已向法院反馈调解结果。",
             form=FORMS + "CourtReportForm", offered=_court_awaits_report, document="诉前委派调解结果反馈",
             refusal="该纠纷尚未结案，请结案后再向法院反馈。"),
    ],
)
