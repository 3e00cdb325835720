"""Plugs the lawyers line into navigation, the home page's 临期/超期 list (practice applications, complaints)
and the portal's front page (智选律师)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "律师与法律服务"
NAV = (("律师名录", "lawyers:lawyer_list", "read_records"),
       ("律师事务所", "lawyers:firm_list", "read_records"),
       ("法律顾问", "lawyers:contract_list", "read_records"),
       ("企业法治体检", "lawyers:campaign_list", "read_records"),
       ("信访值班", "lawyers:duty_list", "read_records"),
       ("投诉处理", "lawyers:complaint_list", "read_records"))
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200


def due_items(user):
    from sifa.core import deadlines
    from sifa.core.deadlines import DueItem

    from .models import ApplicationStatus, Complaint, ComplaintStatus, PracticeApplication

    today = timezone.localdate()
    horizon = today + LOOKAHEAD
    complaints = Complaint.objects.for_user(user).filter(due_on__lte=horizon).select_related("org", "lawyer__provider")
    for row in deadlines.earliest_due(complaints, "status", [ComplaintStatus.OPEN], "due_on", MAX_ITEMS):
        yield DueItem.make(title=f"投诉{row.lawyer.name} 办结", due=row.due_on, org=row.org,
                           url=reverse("lawyers:lawyer_detail", args=[row.lawyer_id]), kind=SECTION, today=today)
    apps = PracticeApplication.objects.for_user(user).filter(city_due__lte=horizon).select_related("org")
    for row in deadlines.earliest_due(apps, "status", [ApplicationStatus.CITY], "city_due", MAX_ITEMS):
        yield DueItem.make(title=f"{row.name}执业申请 市级审查", due=row.city_due, org=row.org,
                           url=reverse("lawyers:firm_detail", args=[row.firm_id]), kind=SECTION, today=today)


def due_counts(user):
    from sifa.core.deadlines import DueCount

    from .models import ApplicationStatus, Complaint, ComplaintStatus, PracticeApplication

    yield DueCount(SECTION, Complaint.objects.for_user(user).filter(status=ComplaintStatus.OPEN), "due_on")
    yield DueCount(SECTION, PracticeApplication.objects.for_user(user).filter(status=ApplicationStatus.CITY),
                   "city_due")


def register_all() -> None:
    from sifa.core import deadlines, navigation
    from sifa.portal import services

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=640 + offset))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)
    services.register("智选律师", "lawyers_portal:directory", "查律师、看评价，按服务记录评价律师", order=40)
