"""日常监管 on a subject's page: reports, visits, education and 信息化核查 as one list in date order (newest first),
as an officer reads a subject's history — not four runs of rows one after the other."""

from __future__ import annotations

from dataclasses import dataclass

ROWS = 20


@dataclass(frozen=True)
class SupervisionRow:
    on: object          # the date
    kind: str           # report, visit, education, check
    record: object


def rows_for(subject, limit: int = ROWS) -> list[SupervisionRow]:
    """The `limit` most recent supervision records of `subject`, newest first (same day: the later entry first)."""
    sources = (("report", subject.reports, "reported_on"), ("visit", subject.visits, "visited_on"),
               ("education", subject.education, "held_on"), ("check", subject.checks, "checked_on"))
    rows = [SupervisionRow(getattr(record, field), kind, record)
            for kind, manager, field in sources for record in manager.order_by(f"-{field}", "-id")[:limit]]
    rows.sort(key=lambda row: (row.on, row.record.pk), reverse=True)
    return rows[:limit]
