"""Plugs the lawyers line into navigation, the home page's 临期/超期 list (practice applications, complaints)
and the portal's front page (智选律师)."""

from __future__ import annotations

from django.urls import reverse

from sifa.core.deadlines import DueWork

SECTION = "律师与法律服务"
NAV = (("律师名录", "lawyers:lawyer_list", "read_records"),
       ("律师事务所", "lawyers:firm_list", "read_records"),
       ("法律顾问", "lawyers:contract_list", "read_records"),
       ("企业法治体检", "lawyers:campaign_list", "read_records"),
       ("信访值班", "lawyers:duty_list", "read_records"),
       ("投诉处理", "lawyers:complaint_list", "read_records"))
DUE_WORK = (
    DueWork(SECTION, "lawyers.Complaint", "due_on", statuses=("open",), related=("lawyer__provider",),
            title=lambda row: f"投诉{row.lawyer.name} 办结",
            url=lambda row: reverse("lawyers:lawyer_detail", args=[row.lawyer_id])),
    DueWork(SECTION, "lawyers.PracticeApplication", "city_due", statuses=("city",),
            title=lambda row: f"{row.name}执业申请 市级审查",
            url=lambda row: reverse("lawyers:firm_detail", args=[row.firm_id])),
)


def register_all() -> None:
    from sifa.core import deadlines, navigation
    from sifa.portal import services

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=640 + offset))
    deadlines.register_work(*DUE_WORK)
    services.register("智选律师", "lawyers_portal:directory", "查律师、看评价，按服务记录评价律师", order=40)
