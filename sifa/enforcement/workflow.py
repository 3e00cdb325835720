"""The two closed loops of the enforcement line (DOMAIN.md §12 流程), one table each for the actions, the pages'
buttons, the API and the home page:

- 案卷评查: 抽取案卷 → 评查（逐卷评分）→ 通报 → 整改（逐卷）→ 整改完成;
- 监督意见书: 发出 → 整改中 → 已反馈 → 复查 → 已销号 (复查 not passed sends it back to 整改中).
"""

from sifa.core.workflow import Step, Workflow

from .models import CampaignStatus as C
from .models import OpinionStatus as O

FORMS = "sifa.enforcement.forms."


def _has_files(campaign) -> bool:
    return campaign.files.exists()


CAMPAIGN = Workflow(
    model="enforcement.Campaign", noun="评查活动", states=C, list_url_name="enforcement:campaign_list",
    awaiting={C.REVIEWING: "write_records"},
    steps=[
        Step("sample", "抽取案卷", sources=[C.SAMPLING], done="已抽取案卷。", form=FORMS + "SampleForm"),
        Step("start", "开始评查", sources=[C.SAMPLING], target=C.REVIEWING, done="已开始评查。",
             form=FORMS + "StartReviewForm", offered=_has_files),
        Step("notify", "印发通报", sources=[C.REVIEWING], target=C.NOTIFIED, done="已印发通报。",
             form=FORMS + "NotifyForm", document="案卷评查情况通报"),
        Step("close", "整改完成", sources=[C.NOTIFIED], target=C.CLOSED, done="评查整改已完成。",
             form=FORMS + "CloseCampaignForm"),
    ],
)

OPINION = Workflow(
    model="enforcement.Opinion", noun="监督意见书", states=O, list_url_name="enforcement:opinion_list",
    awaiting={O.REPLIED: "write_records", O.RECHECKED: "write_records"},
    refusals={O.CLOSED: "已销号"},
    steps=[
        Step("receive", "签收并开始整改", sources=[O.ISSUED], target=O.RECTIFYING, done="已登记签收，进入整改。",
             form=FORMS + "ReceiveOpinionForm"),
        Step("reply", "登记整改反馈", sources=[O.ISSUED, O.RECTIFYING], target=O.REPLIED, done="已登记整改反馈。",
             form=FORMS + "ReplyForm", stops="反馈监督意见整改情况"),
        Step("recheck", "复查", sources=[O.REPLIED], target=[O.RECHECKED, O.RECTIFYING], done="已登记复查结果。",
             form=FORMS + "RecheckForm"),
        Step("close", "销号", sources=[O.RECHECKED], target=O.CLOSED, done="已销号。", form=FORMS + "CloseOpinionForm",
             refusal={O.REPLIED: "该意见书尚未复查，不能销号。", None: "该意见书尚未复查通过，不能销号。"}),
    ],
)
