"""The remote-visit booking's workflow: 已申请 → 确认 (关系核实、与监狱排期) → 会见 or 未到场; 取消 while open.
Read by the actions' checks, the booking page's buttons, the API and the home page's 待我决定 (core.workflow).
Who may act is the "visits" row of the capability table (visits/access.py), not a general capability."""

from sifa.core.workflow import Step, Workflow

from . import access
from .models import OPEN_STATUSES
from .models import BookingStatus as S

FORMS = "sifa.visits.forms."


def _runs_bookings(booking, user) -> bool:
    return access.can_write(user)


WORKFLOW = Workflow(
    model="visits.Booking", noun="预约", states=S, list_url_name="visits:booking_list",
    awaiting={S.APPLIED: access.can_write},
    steps=[
        Step("confirm", "确认（已核实关系并与监狱排期）", sources=[S.APPLIED], target=S.CONFIRMED,
             done="已确认，已短信告知申请人。", form=FORMS + "ConfirmForm", capability="read_records",
             permitted=_runs_bookings, refusal="该预约当前状态为“{state}”，不能确认。"),
        Step("attend", "登记会见", sources=[S.CONFIRMED], target=S.HELD, done="会见情况已登记。",
             form=FORMS + "AttendForm", capability="read_records", permitted=_runs_bookings,
             refusal="只有已确认的预约才能登记会见情况。"),
        Step("no_show", "登记未到场", sources=[S.CONFIRMED], target=S.NO_SHOW, done="已登记未到场。",
             form=FORMS + "NoShowForm", capability="read_records", permitted=_runs_bookings,
             refusal="只有已确认的预约才能登记未到场。"),
        Step("cancel", "取消预约", sources=OPEN_STATUSES, target=S.CANCELLED, done="已取消，已短信告知申请人。",
             form=FORMS + "CancelForm", capability="read_records", permitted=_runs_bookings,
             refusal="该预约当前状态为“{state}”，不能取消。"),
    ],
)
