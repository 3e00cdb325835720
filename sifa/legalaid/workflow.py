"""The legal-aid line's workflows: the case's (DOMAIN.md §3, 《法律援助法》: 申请/通知 → 转交 → 审查决定 ≤7日 →
指派 ≤3日 → 承办 → 结案 or 终止 → 评查 and 评价; 异议 against 不予 or 终止) and the consultation's. The tables the
actions check, the detail pages' buttons, the API, the history and the home page's 待我决定 read (core.workflow
explains each column).

A step's further conditions (a firm must name its person before progress is recorded, a case is graded once,
the bureau decides a pending objection) are checked by its action, which says precisely what is missing;
`offered` only keeps a button off the page while it cannot succeed.
"""

from sifa.core.workflow import Step, Workflow

from . import rules
from .models import ASSIGNED_STATUSES, AWAITING_ASSIGNMENT, ConsultStatus, ObjectionOutcome, Referral
from .models import Status as S

FORMS = "sifa.legalaid.forms."
ALL_STATES = list(S)


def _awaits_person(app) -> bool:
    """Assigned to a firm that has not yet named the lawyer or 基层法律服务工作者 who will handle the case."""
    current = app.current_assignment
    return current is not None and current.provider_id is None


def _has_person(app) -> bool:
    return not _awaits_person(app)


def _objection_pending(app) -> bool:
    return app.objections.filter(outcome=ObjectionOutcome.PENDING).exists()


def _may_object(app) -> bool:
    return not _objection_pending(app)


WORKFLOW = Workflow(
    model="legalaid.Application", noun="案件", states=S, list_url_name="legalaid:application_list",
    awaiting={S.RECEIVED: "write_records", S.GRANTED: "write_records", S.PROVISIONAL: "write_records"},
    steps=[
        Step("forward", "转交法律援助机构", sources=[S.FORWARDING], target=S.RECEIVED, done="已转交。",
             form=FORMS + "ForwardForm", starts=rules.DECISION.label,
             refusal="该申请已由法律援助机构接收，无需转交。"),
        Step("decide", "审查决定", sources=[S.RECEIVED], target=[S.GRANTED, S.PROVISIONAL, S.REFUSED],
             done="已作出审查决定。", form=FORMS + "DecideForm", stops=rules.DECISION.label,
             starts=rules.ASSIGNMENT.label, document="给予（不予）法律援助决定书",
             refusal="该{noun}当前状态为“{state}”，不能作出审查决定。"),
        Step("assign", "指派", sources=AWAITING_ASSIGNMENT, target=S.ASSIGNED, done="已指派。",
             form=FORMS + "AssignForm", stops=rules.ASSIGNMENT.label, document="指派通知书"),
        Step("designate", "确定承办人", sources=ASSIGNED_STATUSES, done="已确定承办人。", form=FORMS + "DesignateForm",
             offered=_awaits_person, refusal="该案件尚未指派。"),
        Step("progress", "登记办理进展", sources=ASSIGNED_STATUSES, target=S.IN_PROGRESS, done="已登记。",
             form=FORMS + "ProgressForm", offered=_has_person, refusal="只有已指派、承办中的案件可以登记办理进展。"),
        Step("replace", "更换承办人", sources=ASSIGNED_STATUSES, done="已更换承办人。", form=FORMS + "ReplaceForm",
             offered=_has_person, refusal="该案件尚未指派，不能更换承办人。"),
        Step("document", "上传材料", sources=ALL_STATES, done="材料已上传。", form=FORMS + "DocumentForm"),
        Step("close", "结案", sources=ASSIGNED_STATUSES, target=S.CLOSED, done="已结案。", form=FORMS + "CloseForm",
             document="结案报告"),
        Step("withdraw", "撤回申请", sources=[S.FORWARDING, S.RECEIVED], target=S.WITHDRAWN, done="已登记撤回。",
             form=FORMS + "WithdrawForm", refusal="只有尚未作出审查决定的申请可以撤回。"),
        Step("terminate", "终止法律援助", sources=[*AWAITING_ASSIGNMENT, *ASSIGNED_STATUSES], target=S.TERMINATED,
             done="已终止法律援助。", form=FORMS + "TerminateForm", document="终止法律援助决定书"),
        Step("grade", "案卷质量评查", sources=[S.CLOSED], done="已评查，补贴已计算。", form=FORMS + "GradeForm",
             offered=lambda app: not app.quality_grade, refusal="案卷质量评查在结案后进行。"),
        Step("satisfaction", "登记受援人满意度", sources=[S.CLOSED, S.TERMINATED], done="已登记。",
             form=FORMS + "SatisfactionForm", offered=lambda app: not app.satisfaction, refusal="结案后才能评价。"),
        Step("objection", "登记异议", sources=[S.REFUSED, S.TERMINATED], done="已登记异议。",
             form=FORMS + "ObjectionForm", offered=_may_object,
             refusal="只能对不予法律援助或终止法律援助的决定提出异议。"),
        Step("objection_decision", "审查异议", sources=[S.REFUSED, S.TERMINATED], done="已作出异议审查决定。",
             form=FORMS + "ObjectionDecisionForm", offered=_objection_pending),
    ],
)


def _not_referred(consultation) -> bool:
    return consultation.referral in ("", Referral.NONE)


#: 法律咨询: 待答复 → 答复 → (转介 to legal aid, people's mediation, a lawyer or another department).
CONSULTATION_WORKFLOW = Workflow(
    model="legalaid.Consultation", noun="咨询", states=ConsultStatus, list_url_name="legalaid:consultation_list",
    steps=[
        Step("answer", "答复", sources=[ConsultStatus.WAITING], target=ConsultStatus.ANSWERED, done="已答复。",
             form=FORMS + "AnswerForm", refusal="该咨询已答复。"),
        Step("mediation", "转人民调解", sources=[ConsultStatus.ANSWERED], done="已转人民调解，纠纷已登记待受理。",
             form=FORMS + "ReferMediationForm", offered=_not_referred, refusal="请先答复咨询，再转介。"),
        Step("refer", "转介", sources=[ConsultStatus.ANSWERED], done="已转介。", form=FORMS + "ReferForm",
             offered=_not_referred, refusal="请先答复咨询，再转介。"),
    ],
)
