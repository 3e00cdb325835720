"""The lawsuit's workflow (DOMAIN.md §10): 应诉通知 → 答辩 (15日) → 开庭 (负责人出庭) → 裁判 → 上诉 or 履行 →
败诉整改. One table for the actions, the lawsuit page's buttons, the API and the home page."""

from sifa.core.workflow import Step, Workflow

from .models import Status as S

FORMS = "sifa.litigation.forms."


def _appealable(suit) -> bool:
    return getattr(suit, "appeal", None) is None and suit.served_on is not None


def _served_pending(suit) -> bool:
    return suit.served_on is None


def _lost_unrectified(suit) -> bool:
    return suit.lost and suit.rectified_on is None


WORKFLOW = Workflow(
    model="litigation.Lawsuit", noun="诉讼案件", states=S, list_url_name="litigation:lawsuit_list",
    awaiting={S.ANSWERING: "write_records"},
    refusals={S.CLOSED: "已审结"},
    steps=[
        Step("answer", "提交答辩状", sources=[S.ANSWERING], target=S.PENDING, done="已登记答辩。",
             form=FORMS + "AnswerForm", stops="提交答辩状"),
        Step("hearing", "登记开庭", sources=[S.ANSWERING, S.PENDING], target=S.PENDING, done="已登记开庭。",
             form=FORMS + "HearingForm"),
        Step("close", "登记裁判结果", sources=[S.ANSWERING, S.PENDING], target=S.CLOSED, done="已登记裁判结果。",
             form=FORMS + "CloseForm"),
        Step("served", "登记裁判文书送达", sources=[S.CLOSED], done="已登记送达。", form=FORMS + "ServedForm",
             offered=_served_pending, starts="提起上诉", refusal="该案件尚未审结。"),
        Step("appeal", "登记上诉", sources=[S.CLOSED], done="已登记上诉（二审）。", form=FORMS + "AppealForm",
             offered=_appealable, stops="提起上诉", refusal="该案件尚未审结，不能登记上诉。"),
        Step("rectify", "登记败诉整改", sources=[S.CLOSED], done="已登记败诉整改。", form=FORMS + "RectifyForm",
             offered=_lost_unrectified, refusal="该案件尚未审结。"),
    ],
)
