"""Stored due dates follow a newly entered holiday schedule.

A line stores each open record's due date (for the 超期/临期 counts in SQL). A date that ran into a year whose
schedule was not published was estimated Monday–Friday; when a 系统管理员 enters that year
(core.actions.publish_holiday_schedule), workdays.schedule_published is sent inside the same transaction and each
line recomputes its open records there::

    def _refresh(sender, *, year, actor, **kwargs):
        refresh_due_dates(actor, Dispute.objects.filter(status__in=OPEN, due_on__year__gte=year), "due_on",
                          lambda d: rules.mediation_due(d.accepted_on), "按节假日安排重算调解期限")
    workdays.schedule_published.connect(_refresh, dispatch_uid="mediation-due")
"""

from __future__ import annotations

from collections.abc import Callable

from . import audit


def refresh_due_dates(actor, queryset, field: str, compute: Callable, verb: str) -> int:
    """Recompute `field` of every row of `queryset` with `compute(row)`; each change is audited. Returns how many
    changed."""
    changed = 0
    for row in queryset.select_for_update():
        old, new = getattr(row, field), compute(row)
        if new != old:
            setattr(row, field, new)
            row.save(update_fields=[field])
            audit.action(actor, verb, row, before={field: str(old) if old else None},
                         after={field: str(new) if new else None})
            changed += 1
    return changed
