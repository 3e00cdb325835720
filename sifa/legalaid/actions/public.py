"""What an applicant reads on the portal about their application or question."""

from __future__ import annotations

from ..models import Application, Consultation, ConsultStatus, Status

PUBLIC_STATUS = {
    Status.FORWARDING: "已受理，正在转交法律援助中心",
    Status.RECEIVED: "法律援助中心审查中",
    Status.GRANTED: "已决定给予法律援助，正在指派律师",
    Status.PROVISIONAL: "已先行提供法律援助，正在指派律师",
    Status.REFUSED: "不予法律援助；对决定有异议的，可向司法局提出",
    Status.ASSIGNED: "已指派承办人员，承办人员将与您联系",
    Status.IN_PROGRESS: "承办中",
    Status.CLOSED: "已结案",
    Status.TERMINATED: "已终止法律援助；对决定有异议的，可向司法局提出",
    Status.WITHDRAWN: "已撤回申请",
}


def public_status(app: Application) -> str:
    return PUBLIC_STATUS.get(app.status, "办理中")


def question_status(consultation: Consultation) -> str:
    return "已答复，请登录后在“我的申请”中查看" if consultation.status == ConsultStatus.ANSWERED else "待答复"
