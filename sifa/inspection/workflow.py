"""The two tables of the 法治督察 line (DOMAIN.md §15), one each for the actions, the pages' buttons, the API and
the home page's 待我决定:

- 督察: 计划 → 进驻督察（督察中，逐项登记问题）→ 反馈问题清单（整改中）→ 办结 (every finding rectified);
- 问题: 待整改 → 已整改, or 逾期 when its deadline passes unrectified; 整改“回头看” confirms it or sends it back to
  待整改 with a new deadline.
"""

from sifa.core.workflow import Step, Workflow

from .models import FindingStatus as F
from .models import InspectionStatus as S

FORMS = "sifa.inspection.forms."


def _has_findings(inspection) -> bool:
    return inspection.findings.exists()


def _all_rectified(inspection) -> bool:
    return not inspection.findings.exclude(status=F.RECTIFIED).exists()


def _past_due(finding) -> bool:
    from sifa.core.action_checks import today

    return finding.due_on < today()


INSPECTION = Workflow(
    model="inspection.Inspection", noun="督察", states=S, list_url_name="inspection:inspection_list",
    awaiting={S.PLANNED: "write_records"},
    refusals={S.CLOSED: "已办结"},
    steps=[
        Step("start", "进驻督察", sources=[S.PLANNED], target=S.ONGOING, done="已开始督察。", form=FORMS + "StartForm"),
        Step("finding", "登记发现问题", sources=[S.ONGOING, S.RECTIFYING], done="已登记问题。",
             form=FORMS + "FindingForm", starts="督察问题整改"),
        Step("feedback", "反馈督察意见", sources=[S.ONGOING], target=[S.RECTIFYING, S.CLOSED],
             done="已反馈督察意见。", form=FORMS + "FeedbackForm", document="法治督察反馈意见"),
        Step("close", "办结", sources=[S.RECTIFYING], target=S.CLOSED, done="督察已办结。", form=FORMS + "CloseForm",
             offered=_all_rectified),
    ],
)

FINDING = Workflow(
    model="inspection.Finding", noun="督察问题", states=F, list_url_name="inspection:finding_list",
    awaiting={F.OVERDUE: "write_records"},
    steps=[
        Step("rectify", "登记整改结果", sources=[F.PENDING, F.OVERDUE], target=F.RECTIFIED, done="已登记整改结果。",
             form=FORMS + "RectifyForm", stops="督察问题整改"),
        Step("overdue", "标记逾期", sources=[F.PENDING], target=F.OVERDUE, done="已标记为逾期。",
             form=FORMS + "OverdueForm", offered=_past_due),
        Step("recheck", "整改“回头看”", sources=[F.RECTIFIED], target=[F.RECTIFIED, F.PENDING],
             done="已登记回头看结果。", form=FORMS + "RecheckForm", refusal="该问题尚未整改，不能开展回头看。"),
    ],
)
