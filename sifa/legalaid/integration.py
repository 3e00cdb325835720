"""Plugs the legal-aid line into the shared registries: navigation, the home page's 临期/超期 list and the portal's
services and tracking kinds. Ledger kinds, indicators, API routes and demo records are found by their frameworks'
autodiscovery in ledger.py, indicators.py, api.py and demo.py."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "法律援助"
NAV = (
    ("法律援助案件", "legalaid:application_list", "read_records"),
    ("法律咨询", "legalaid:consultation_list", "read_records"),
    ("值班律师", "legalaid:help_list", "read_records"),
    ("法律援助人员", "legalaid:provider_list", "read_records"),
    ("补贴与经济困难标准", "legalaid:settings", "read_records"),
)
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200


def due_items(user):
    """Applications awaiting a decision (7日) or an assignment (3日), and objections awaiting review (5日)."""
    from sifa.core import deadlines
    from sifa.core.deadlines import DueItem

    from .models import AWAITING_ASSIGNMENT, Application, Objection, ObjectionOutcome, Status

    today = timezone.localdate()
    horizon = today + LOOKAHEAD
    scoped = Application.objects.for_user(user).select_related("org")
    for app in scoped.filter(status=Status.RECEIVED, decision_due__lte=horizon).order_by("decision_due")[:MAX_ITEMS]:
        yield DueItem.make(title=f"{app.number} 审查决定", due=app.decision_due, org=app.org, kind=SECTION,
                           url=reverse("legalaid:application_detail", args=[app.pk]), today=today)
    for app in deadlines.earliest_due(scoped.filter(assign_due__lte=horizon), "status", AWAITING_ASSIGNMENT,
                                      "assign_due", MAX_ITEMS):
        yield DueItem.make(title=f"{app.number} 指派", due=app.assign_due, org=app.org, kind=SECTION,
                           url=reverse("legalaid:application_detail", args=[app.pk]), today=today)
    objections = (Objection.objects.for_user(user).filter(outcome=ObjectionOutcome.PENDING, due_on__lte=horizon)
                  .select_related("application", "org").order_by("due_on")[:MAX_ITEMS])
    for o in objections:
        yield DueItem.make(title=f"{o.application.number} 异议审查", due=o.due_on, org=o.org, kind=SECTION,
                           url=reverse("legalaid:application_detail", args=[o.application_id]), today=today)


def due_counts(user):
    """The same open work as due_items, counted in SQL (the dashboards' 超期/临期 totals)."""
    from sifa.core.deadlines import DueCount

    from .models import AWAITING_ASSIGNMENT, Application, Objection, ObjectionOutcome, Status

    scoped = Application.objects.for_user(user)
    yield DueCount(SECTION, scoped.filter(status=Status.RECEIVED), "decision_due")
    yield DueCount(SECTION, scoped.filter(status__in=AWAITING_ASSIGNMENT), "assign_due")
    yield DueCount(SECTION, Objection.objects.for_user(user).filter(outcome=ObjectionOutcome.PENDING), "due_on")


def _case_title(app) -> str:
    return f"{app.number} {app.get_category_display()}"


def _register_assigned_cases() -> None:
    """The cases assigned to a lawyer by name, while they handle them, on the lawyer's home page (指派给我的)."""
    from django.db.models import Q

    from sifa.core import home

    from .models import ASSIGNED_STATUSES, Application

    home.register_assigned(SECTION, Application, "legalaid:application_detail",
                           title=_case_title,
                           open_only=Q(status__in=ASSIGNED_STATUSES))


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for label, url_name, capability in NAV:
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=150))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)
    _register_assigned_cases()

    from sifa.portal import services, tracking

    from .actions import PORTAL_KIND, QUESTION_KIND, public_status, question_status

    services.register("申请法律援助", "legalaid_portal:apply", "经济困难的公民和符合条件的当事人可申请免费法律服务",
                      order=10)
    services.register("网上法律咨询", "legalaid_portal:ask", "在线提出法律问题，工作人员答复后在“我的申请”中查看",
                      order=15)
    tracking.register_kind(PORTAL_KIND, "法律援助申请", status=public_status)
    tracking.register_kind(QUESTION_KIND, "网上法律咨询", status=question_status)
