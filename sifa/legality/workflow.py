"""The review item's workflow (DOMAIN.md §11): 送审 → 受理 (退回) → 审查 (补充材料 pause, 机审提示, 法律顾问) →
意见 → 采纳与最终文本. The one table the actions check and the item page's buttons read."""

from sifa.core.workflow import Step, Workflow

from .models import ItemStatus as S

FORMS = "sifa.legality.forms."


def _major(item) -> bool:
    return item.is_major


def _major_open(item) -> bool:
    return item.is_major and item.collective_on is None


def _has_opinion_no_adoption(item) -> bool:
    return not item.adoption


WORKFLOW = Workflow(
    model="legality.ReviewItem", noun="合法性审查事项", states=S, list_url_name="legality:item_list",
    awaiting={S.SUBMITTED: "write_records"},
    refusals={S.RETURNED: "已退回", S.CLOSED: "已办结"},
    steps=[
        Step("accept", "受理", sources=[S.SUBMITTED], target=S.REVIEWING, done="已受理，审查期限已起算。",
             form=FORMS + "AcceptForm", starts="合法性审查"),
        Step("return_item", "退回", sources=[S.SUBMITTED], target=S.RETURNED, done="已退回送审单位。",
             form=FORMS + "ReturnForm"),
        Step("draft", "上传送审文本并机审", sources=[S.SUBMITTED, S.REVIEWING, S.SUPPLEMENT], done="已读取文本并完成机审。",
             form=FORMS + "DraftForm"),
        Step("supplement", "要求补充材料", sources=[S.REVIEWING], target=S.SUPPLEMENT, done="已通知补充材料，审查期限暂停。",
             form=FORMS + "SupplementForm", stops="合法性审查"),
        Step("supplied", "收到补充材料", sources=[S.SUPPLEMENT], target=S.REVIEWING, done="已登记补充材料，审查期限继续计算。",
             form=FORMS + "SuppliedForm", starts="合法性审查"),
        Step("adviser", "登记法律顾问意见", sources=[S.REVIEWING], done="已登记法律顾问意见。", form=FORMS + "AdviserForm"),
        Step("major_step", "登记决策程序环节", sources=[S.SUBMITTED, S.REVIEWING, S.SUPPLEMENT, S.OPINED, S.CLOSED],
             done="已登记。", form=FORMS + "MajorStepForm", offered=_major_open),
        Step("opinion", "出具审查意见", sources=[S.REVIEWING], target=S.OPINED, done="已出具合法性审查意见。",
             form=FORMS + "OpinionForm", stops="合法性审查", document="合法性审查意见书"),
        Step("adoption", "登记采纳情况", sources=[S.OPINED], target=S.CLOSED, done="已登记采纳情况。",
             form=FORMS + "AdoptionForm", offered=_has_opinion_no_adoption),
    ],
)
