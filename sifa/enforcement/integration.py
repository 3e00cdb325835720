"""Plugs the enforcement line into navigation, the home page's 临期/超期 list (监督意见书 due, certificates
expiring), and the portal's front page (执法公示)."""

from __future__ import annotations

from django.urls import reverse

from sifa.core.deadlines import DueWork

SECTION = "行政执法监督"
NAV = (("执法主体", "enforcement:body_list", "read_records"),
       ("执法人员", "enforcement:officer_list", "read_records"),
       ("执法决定公示", "enforcement:decision_list", "read_records"),
       ("案卷评查", "enforcement:campaign_list", "read_records"),
       ("监督意见书", "enforcement:opinion_list", "read_records"),
       ("监督员与专项监督", "enforcement:supervisor_list", "read_records"))
DUE_WORK = (
    DueWork(SECTION, "enforcement.Opinion", "due_on", statuses=("issued", "rectifying"), related=("body__agency",),
            title=lambda opinion: f"{opinion.number} {opinion.body.name}反馈整改",
            url=lambda opinion: reverse("enforcement:opinion_detail", args=[opinion.pk])),
)


def remind_certificates(day) -> str:
    """The daily job: 执法证 whose validity or 年审 runs out within the notice period, once per certificate and cycle."""
    from .actions import notify_expiring

    return f"已发送执法证件到期提醒{notify_expiring(day)}条。"


def register_all() -> None:
    from sifa.core import daily, deadlines, navigation
    from sifa.portal import services

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=640 + offset))
    deadlines.register_work(*DUE_WORK)
    daily.register("执法证件到期提醒", remind_certificates, order=30)
    services.register("行政执法公示", "enforcement_portal:home", "执法主体、人员、依据、裁量基准和执法决定", order=60)
