"""What a corrections worker has to do, and by when: the 今日工作 page and the home page's 临期/超期 list.

Each item is a `DueItem` (sifa.core.deadlines) in one of the groups below, computed from the records in the
user's corrections scope:

- 报告: a subject's next report is due `REPORT_INTERVAL_DAYS[管理类别]` after the last one (or the reception);
- 走访: a visit is due `VISIT_INTERVAL_DAYS[管理类别]` after the last one (普管 each quarter, seed 001);
- 报到: a notified subject must report within ten days of the judgement (第二十一条) — late is 漏管;
- 期满: periods ending within 30 days, and periods ended without a 解矫宣告;
- 审批: leave waiting for the 司法所 (≤7 days, or 初审) or the county, sanctions waiting for the county's
  decision, electronic tags waiting for the head;
- 期限: 调查评估 opinions, rulings the court owes (30 days), tags running out (≤3 months), approved leave not
  returned from, files to rectify, subjects lost (查找中), key released persons to meet at the prison gate.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from sifa.core.deadlines import DueItem

from . import access, rules
from .models import (
    AWAITING_LEAVE_STATUSES,
    Absconding,
    AbscondingStatus,
    ElectronicMonitor,
    FileReview,
    Investigation,
    InvestigationStatus,
    LeaveRequest,
    LeaveStatus,
    MonitorStatus,
    ReleasedPerson,
    ReleaseStatus,
    ReviewStatus,
    RewardSanction,
    SanctionStatus,
    Subject,
    SubjectStatus,
)

KIND = "社区矫正"
GROUPS = ("报告", "走访", "报到", "期满", "审批", "期限")
MAX_PER_GROUP = 200
LOOKAHEAD_DAYS = 30


def next_due(subject: Subject) -> dict:
    """The next report and visit a subject owes (for the subject's page)."""
    if subject.status != SubjectStatus.ACTIVE or subject.reported_on is None:
        return {}
    last_report = subject.reports.aggregate(d=Max("reported_on"))["d"] or subject.reported_on
    last_visit = subject.visits.aggregate(d=Max("visited_on"))["d"] or subject.reported_on
    return {"report": last_report + dt.timedelta(days=rules.REPORT_INTERVAL_DAYS[subject.level]),
            "visit": last_visit + dt.timedelta(days=rules.VISIT_INTERVAL_DAYS[subject.level])}


def _item(title, url, due, org, today):
    return DueItem.make(title=title, url=url, due=due, org=org, kind=KIND, today=today)


def _subjects(user, today):
    horizon = today + dt.timedelta(days=LOOKAHEAD_DAYS)
    active = (Subject.objects.for_user(user).filter(status=SubjectStatus.ACTIVE).select_related("org")
              .annotate(last_report=Max("reports__reported_on"), last_visit=Max("visits__visited_on")))
    reports, visits, ending = [], [], []
    for s in active.order_by("period_end")[:2000]:
        url = s.get_absolute_url()
        report_due = (s.last_report or s.reported_on) + dt.timedelta(days=rules.REPORT_INTERVAL_DAYS[s.level])
        visit_due = (s.last_visit or s.reported_on) + dt.timedelta(days=rules.VISIT_INTERVAL_DAYS[s.level])
        if report_due <= today + dt.timedelta(days=1) and report_due <= s.period_end:
            reports.append(_item(f"{s.name} 定期报告（{s.get_level_display()}）", url, report_due, s.org, today))
        if visit_due <= horizon and visit_due <= s.period_end:
            visits.append(_item(f"{s.name} 走访", url, visit_due, s.org, today))
        if s.period_end <= horizon:
            label = "矫正期满，待解矫宣告" if s.period_end < today else "矫正期即将届满"
            ending.append(_item(f"{s.name} {label}", url, s.period_end, s.org, today))
    pending = Subject.objects.for_user(user).filter(status=SubjectStatus.PENDING).select_related("org")
    report_in = [_item(f"{s.name} 报到（{'逾期未报到，漏管' if s.report_due < today else '待报到'}）",
                       s.get_absolute_url(), s.report_due, s.org, today) for s in pending.order_by("report_due")]
    return reports, visits, report_in, ending


def _approvals(user, today):
    items = []
    county = access.is_county_level(user)
    leaves = LeaveRequest.objects.for_user(user).filter(status__in=AWAITING_LEAVE_STATUSES).select_related(
        "subject", "org")
    for leave in leaves.order_by("start_on")[:MAX_PER_GROUP]:
        if leave.status == LeaveStatus.REVIEWED and not county:
            continue
        what = "待县级审批" if leave.status == LeaveStatus.REVIEWED else ("待司法所初审" if leave.needs_county else "待审批")
        items.append(_item(f"{leave.subject.name} 外出{leave.days}日{what}", leave.get_absolute_url(),
                           leave.start_on, leave.org, today))
    if county:
        for s in (RewardSanction.objects.for_user(user).filter(status=SanctionStatus.PROPOSED)
                  .select_related("subject", "org").order_by("proposed_on")[:MAX_PER_GROUP]):
            items.append(_item(f"{s.subject.name} {s.get_kind_display()}待决定", s.get_absolute_url(),
                               s.proposed_on + dt.timedelta(days=7), s.org, today))
    if user.role in access.APPROVER_ROLES and county:
        for m in (ElectronicMonitor.objects.for_user(user).filter(status=MonitorStatus.PROPOSED)
                  .select_related("subject", "org").order_by("proposed_on")[:MAX_PER_GROUP]):
            items.append(_item(f"{m.subject.name} 电子定位待负责人批准", m.get_absolute_url(),
                               m.proposed_on + dt.timedelta(days=3), m.org, today))
    return items


def _limits(user, today):
    horizon = today + dt.timedelta(days=LOOKAHEAD_DAYS)
    items = []
    for inv in (Investigation.objects.for_user(user).filter(status=InvestigationStatus.OPEN, due_on__lte=horizon)
                .select_related("org").order_by("due_on")[:MAX_PER_GROUP]):
        items.append(_item(f"{inv.person_name} 调查评估{'（速裁）' if inv.urgent else ''}", inv.get_absolute_url(),
                           inv.due_on, inv.org, today))
    for s in (RewardSanction.objects.for_user(user).filter(status=SanctionStatus.SUBMITTED, ruling_due__isnull=False)
              .select_related("subject", "org").order_by("ruling_due")[:MAX_PER_GROUP]):
        items.append(_item(f"{s.subject.name} {s.get_kind_display()}待裁决（{s.submitted_to}）", s.get_absolute_url(),
                           s.ruling_due, s.org, today))
    for m in (ElectronicMonitor.objects.for_user(user).filter(status=MonitorStatus.ACTIVE, end_on__lte=horizon)
              .select_related("subject", "org").order_by("end_on")[:MAX_PER_GROUP]):
        items.append(_item(f"{m.subject.name} 电子定位期限届满（解除或延长）", m.get_absolute_url(), m.end_on,
                           m.org, today))
    for leave in (LeaveRequest.objects.for_user(user).filter(status=LeaveStatus.APPROVED, end_on__lte=horizon)
                  .select_related("subject", "org").order_by("end_on")[:MAX_PER_GROUP]):
        items.append(_item(f"{leave.subject.name} 外出到期销假", leave.get_absolute_url(), leave.end_on, leave.org,
                           today))
    for r in (FileReview.objects.for_user(user).filter(status=ReviewStatus.RECTIFYING)
              .select_related("subject", "org").order_by("rectify_by")[:MAX_PER_GROUP]):
        items.append(_item(f"{r.subject.name} 卷宗整改", r.get_absolute_url(), r.rectify_by, r.org, today))
    searching = Prefetch("abscondings", Absconding.objects.filter(status=AbscondingStatus.SEARCHING),
                         to_attr="searching")  # the model's order (latest lost first), as .first() would read it
    for s in (Subject.objects.for_user(user).filter(status=SubjectStatus.MISSING).select_related("org")
              .annotate(lost=Max("abscondings__lost_on")).prefetch_related(searching)):
        case = s.searching[0] if s.searching else None
        url = case.get_absolute_url() if case else s.get_absolute_url()
        items.append(_item(f"{s.name} 失联查找中", url, s.lost or today, s.org, today))
    for p in (ReleasedPerson.objects.for_user(user).filter(status=ReleaseStatus.NOTIFIED)
              .filter(Q(release_on__lte=horizon)).select_related("org").order_by("release_on")[:MAX_PER_GROUP]):
        what = "必接必送" if p.key_person and not p.picked_up_on else "衔接建档"
        items.append(_item(f"{p.name} 刑满释放{what}", p.get_absolute_url(), p.release_on, p.org, today))
    return items


def groups_for(user, today: dt.date | None = None) -> OrderedDict:
    """{group: [DueItem, most urgent first]} of the user's corrections work."""
    if not access.can_read(user):
        return OrderedDict((g, []) for g in GROUPS)
    today = today or timezone.localdate()
    reports, visits, report_in, ending = _subjects(user, today)
    out = OrderedDict([("报告", reports), ("走访", visits), ("报到", report_in), ("期满", ending),
                       ("审批", _approvals(user, today)), ("期限", _limits(user, today))])
    for group, items in out.items():
        out[group] = sorted(items, key=lambda i: i.urgency)[:MAX_PER_GROUP]
    return out


def due_items(user):
    """The home page's source (sifa.core.deadlines.register_source): every item of every group."""
    for items in groups_for(user).values():
        yield from items
