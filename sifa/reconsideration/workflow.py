"""The reconsideration case's workflow (DOMAIN.md §9): 收到 → 受理审查 (补正 / 不予受理 / 受理 / 逾期视为受理) →
答复 → 审理 (听证、委员会咨询、延长、中止/恢复) → 决定、调解或终止 → 送达 → 意见书. The one table the actions
check, the case page's buttons, the API and the home page's 待我决定 read (core.workflow explains each column).
"""

from django.utils import timezone

from sifa.core.workflow import Step, Workflow

from .models import CLOSED_STATUSES, Procedure
from .models import CaseStatus as S

FORMS = "sifa.reconsideration.forms."


def _review_lapsed(case) -> bool:
    return case.review_due is not None and timezone.localdate() > case.review_due


def _correction_lapsed(case) -> bool:
    return case.correction_due is not None and timezone.localdate() > case.correction_due


def _copy_pending(case) -> bool:
    return case.copy_sent_on is None


def _reply_pending(case) -> bool:
    return case.copy_sent_on is not None and case.replied_on is None


def _extendable(case) -> bool:
    return case.procedure == Procedure.ORDINARY and not case.extension_days


def _no_opinion(case) -> bool:
    return case.opinion_issued_on is None


def _opinion_unanswered(case) -> bool:
    return case.opinion_issued_on is not None and case.opinion_replied_on is None


WORKFLOW = Workflow(
    model="reconsideration.Case", noun="复议案件", states=S, list_url_name="reconsideration:case_list",
    awaiting={S.RECEIVED: "write_records"},
    refusals={S.DECLINED: "已不予受理", S.ABANDONED: "已视为放弃申请",
              **{s: "已审结（{label}）" for s in CLOSED_STATUSES}},
    steps=[
        Step("accept", "受理", sources=[S.RECEIVED], target=S.HEARING, done="已受理。", form=FORMS + "AcceptForm",
             stops="受理审查", starts="作出复议决定", document="受理通知书"),
        Step("deem", "登记逾期视为受理", sources=[S.RECEIVED], target=S.HEARING, done="已按逾期视为受理登记。",
             form=FORMS + "DeemForm", offered=_review_lapsed, stops="受理审查", starts="作出复议决定",
             document="受理通知书"),
        Step("correction", "通知补正", sources=[S.RECEIVED], target=S.CORRECTION, done="已通知补正。",
             form=FORMS + "CorrectionForm", starts="补正材料", document="补正通知书"),
        Step("corrected", "收到补正材料", sources=[S.CORRECTION], target=S.RECEIVED, done="已登记补正材料。",
             form=FORMS + "CorrectedForm", stops="补正材料", starts="受理审查"),
        Step("abandon", "视为放弃申请", sources=[S.CORRECTION], target=S.ABANDONED, done="已按视为放弃申请处理。",
             form=FORMS + "AbandonForm", offered=_correction_lapsed, stops="补正材料"),
        Step("decline", "不予受理", sources=[S.RECEIVED], target=S.DECLINED, done="已作出不予受理决定。",
             form=FORMS + "DeclineForm", stops="受理审查", document="不予受理决定书"),
        Step("send_copy", "发送申请书副本", sources=[S.HEARING], done="已登记发送申请书副本。",
             form=FORMS + "SendCopyForm", offered=_copy_pending, starts="被申请人答复", document="答复通知书"),
        Step("reply", "登记被申请人答复", sources=[S.HEARING], done="已登记答复。", form=FORMS + "ReplyForm",
             offered=_reply_pending, stops="被申请人答复"),
        Step("hearing", "登记听证", sources=[S.HEARING], done="已登记听证。", form=FORMS + "HearingForm"),
        Step("consult", "提请复议委员会咨询", sources=[S.HEARING], done="已登记委员会咨询意见。",
             form=FORMS + "ConsultForm"),
        Step("extend", "延长审理期限", sources=[S.HEARING], done="审理期限已延长。", form=FORMS + "ExtendForm",
             offered=_extendable),
        Step("suspend", "中止审理", sources=[S.HEARING], target=S.SUSPENDED, done="已中止审理。",
             form=FORMS + "SuspendForm", document="中止审理通知书"),
        Step("resume", "恢复审理", sources=[S.SUSPENDED], target=S.HEARING, done="已恢复审理。",
             form=FORMS + "ResumeForm", document="恢复审理通知书"),
        Step("decide", "作出复议决定", sources=[S.HEARING], target=S.DECIDED, done="已结案。",
             form=FORMS + "DecideForm", stops="作出复议决定", document="行政复议决定书"),
        Step("terminate", "终止审理", sources=[S.HEARING, S.SUSPENDED], target=S.DECIDED, done="已终止审理。",
             form=FORMS + "TerminateForm", stops="作出复议决定", document="终止行政复议通知书"),
        Step("serve", "登记送达", sources=[S.DECIDED], target=S.SERVED, done="已登记送达。", form=FORMS + "ServeForm"),
        Step("opinion", "制发意见书（建议书）", sources=CLOSED_STATUSES, done="已登记意见书（建议书）。",
             form=FORMS + "OpinionForm", offered=_no_opinion, starts="意见书（建议书）回复"),
        Step("opinion_reply", "登记意见书回复", sources=CLOSED_STATUSES, done="已登记回复。",
             form=FORMS + "OpinionReplyForm", offered=_opinion_unanswered, stops="意见书（建议书）回复"),
    ],
)
