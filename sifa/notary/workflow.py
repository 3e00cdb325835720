"""The notary matter's workflow (DOMAIN.md §4, 《公证法》): 网上预申请 → 受理 → (中止 ⇄ 恢复) → 出具公证书, or 不予办理
/ 撤回 at any open stage. Read by the actions' checks, the matter page's buttons, the API and the home page's
待我决定 (core.workflow explains each column)."""

from sifa.core.workflow import Step, Workflow

from .models import FINAL_STATUSES
from .models import Status as S

FORMS = "sifa.notary.forms."
NOT_FINAL = [S.PRE_APPLIED, S.ACCEPTED, S.PAUSED]
ALREADY_FINAL = "该公证事项已{state}。"

WORKFLOW = Workflow(
    model="notary.NotaryMatter", noun="公证事项", states=S, list_url_name="notary:matter_list",
    awaiting={S.PRE_APPLIED: "write_records"},
    steps=[
        Step("accept", "受理网上预申请", sources=[S.PRE_APPLIED], target=S.ACCEPTED, done="已受理。",
             form=FORMS + "AcceptForm", starts="出具公证书", refusal="该事项不是待受理的网上预申请。"),
        Step("issue", "出具公证书", sources=[S.ACCEPTED], target=S.ISSUED, done="已出具公证书。",
             form=FORMS + "IssueForm", stops="出具公证书", document="公证书",
             refusal={S.PAUSED: "期限中止期间不能出证，请先登记中止结束。", None: "该{noun}当前状态为“{state}”，不能出证。"}),
        Step("resume", "中止结束", sources=[S.PAUSED], target=S.ACCEPTED, done="已恢复计算期限。",
             form=FORMS + "ResumeForm", refusal="该公证事项没有正在中止的期限。"),
        Step("pause", "中止计算期限", sources=[S.ACCEPTED], target=S.PAUSED, done="已中止计算期限。",
             form=FORMS + "PauseForm", refusal="只有已受理、正在审查的公证事项可以中止计算期限。"),
        Step("refuse", "不予办理", sources=NOT_FINAL, target=S.REFUSED, done="已作不予办理处理。",
             form=FORMS + "RefuseForm", stops="出具公证书", document="不予办理通知", refusal=ALREADY_FINAL),
        Step("withdraw", "撤回申请", sources=NOT_FINAL, target=S.WITHDRAWN, done="已登记撤回。",
             form=FORMS + "WithdrawForm", stops="出具公证书", refusal=ALREADY_FINAL),
    ],
)

assert set(NOT_FINAL) | FINAL_STATUSES == set(S)
