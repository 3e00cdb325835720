"""期限事项: every 超期/临期 item of the viewer, by business — the page the home page's counts and its folded line
of long-overdue items link to. Same figures as the home page, 今日工作, the dashboard and the API
(core.deadlines.summary_for)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import deadlines
from .roles import can_read_case_records

SHOWN = 500


@require_GET
def due_list(request):
    from .access import forbid
    from .models import OrgUnit

    if not can_read_case_records(request.user):
        forbid(OrgUnit, "期限事项：角色不查看业务数据")
    summary = deadlines.summary_for(request.user)
    kind = request.GET.get("kind", "")
    long_only = request.GET.get("long") == "1"
    items = [i for i in summary.items if (not kind or (i.kind or "其他") == kind)
             and (not long_only or summary.is_long_overdue(i))]
    return render(request, "core/due.html", {
        "summary": summary, "items": items[:SHOWN], "more": max(0, len(items) - SHOWN), "kind": kind,
        "long_only": long_only, "long_overdue_days": deadlines.LONG_OVERDUE_DAYS,
        "kinds": [{"kind": k, "overdue": row[deadlines.OVERDUE], "near": row[deadlines.NEAR]}
                  for k, row in sorted(summary.by_kind.items())]})
