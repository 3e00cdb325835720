"""Legal time limits as data, and the near-due / overdue list every worker sees.

A business line declares its limits as `DeadlineRule`s next to the law that sets them::

    REVIEW = DeadlineRule("working", 5, "受理审查", basis="《行政复议法》第30条、第88条")
    due = due_date(REVIEW, received_on)

and registers a source of open items for the home page::

    deadlines.register_source(my_line_due_items)   # callable(user) -> iterable of DueItem, scoped to the user

`items_for(user)` merges every source, most urgent first. Counting rules are those of `sifa.core.workdays`.
A source lists at most a few hundred items; a line whose open work can be counted in SQL also registers a
counter (`register_counter`), so a dashboard's 超期/临期 totals of a whole province are exact (`counts_for`).

States: 超期 when the due date has passed; 临期 when at most settings.SIFA_NEAR_DUE_DAYS working days remain
(the due date itself counted, so an item due today or on the next working day is always 临期); 正常 otherwise.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from . import workdays

logger = logging.getLogger(__name__)

NORMAL, NEAR, OVERDUE = "正常", "临期", "超期"
STATES = (OVERDUE, NEAR, NORMAL)  # most urgent first
KINDS = {"calendar": "日", "working": "个工作日", "months": "个月"}


@dataclass(frozen=True)
class DeadlineRule:
    """A time limit: `amount` calendar days, working days or months after the starting event.

    `basis` cites the law (《公证法》第30条); `label` names the step (出具公证书)."""

    kind: Literal["calendar", "working", "months"]
    amount: int
    label: str
    basis: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"期限类型“{self.kind}”不正确，应为 calendar（自然日）、working（工作日）或 months（月）。")
        if not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError("期限长度必须是正整数。")

    def __str__(self):
        return f"{self.label}：{self.amount}{KINDS[self.kind]}" + (f"（{self.basis}）" if self.basis else "")


Pause = tuple[dt.date, dt.date | None]


def due_date(rule: DeadlineRule, start: dt.date, pauses: Iterable[Pause] = (), *,
             workday=workdays.is_workday) -> dt.date | None:
    """The last day of `rule`'s period started by an event on `start`.

    `pauses` are (first day, last day) ranges during which the period does not run (补充材料、核实、不可抗力…):
    days inside a pause are not counted. A pause without a last day is still running, so the due date is not
    yet known and None is returned. Raises workdays.CalendarNotCovered for a year the calendar does not cover
    (`estimated_due` answers for such a year instead)."""
    pauses = list(pauses)
    if any(end is None for _, end in pauses):
        return None
    if any(end < first for first, end in pauses):
        raise ValueError("中止期间的结束日期不能早于开始日期。")
    if not pauses:
        if rule.kind == "working":
            return workdays.add_working_days(start, rule.amount, workday=workday)
        if rule.kind == "calendar":
            return workdays.add_calendar_days(start, rule.amount, workday=workday)
        return workdays.add_months(start, rule.amount, workday=workday)

    def paused(day: dt.date) -> bool:
        return any(first <= day <= end for first, end in pauses)

    if rule.kind == "months":
        # Months run on the calendar: a paused day pushes the end one calendar day further.
        end = workdays.add_months(start, rule.amount, roll=False)
        extra = sum(1 for day in _days(start, end) if paused(day))
        return _extend(end, extra, paused, workday)
    counted, day = 0, start
    while counted < rule.amount:
        day += workdays.ONE_DAY
        if not paused(day) and (rule.kind == "calendar" or workday(day)):
            counted += 1
    return workdays.next_workday(day, workday=workday) if rule.kind == "calendar" else day


ESTIMATE_NOTE = workdays.ESTIMATE_NOTE


@dataclass(frozen=True)
class Due:
    """A due date, with `note` = ESTIMATE_NOTE when it runs into a year whose holiday schedule is not published
    (the date is then counted on Monday–Friday). `date` is None while a pause is still running."""

    date: dt.date | None
    note: str = ""

    @property
    def estimated(self) -> bool:
        return bool(self.note)


def estimated_due(rule: DeadlineRule, start: dt.date, pauses: Iterable[Pause] = ()) -> Due:
    """The one rule every line uses for a deadline that may run past the published holiday calendar: the legal
    due date where the calendar covers it; otherwise the same count with Monday–Friday as the working days
    (calendar-day and month periods end on the corresponding day, moved off a weekend), marked with
    ESTIMATE_NOTE so pages can say it is an estimate. Month periods keep their month arithmetic (1月31日 + 1个月
    = 2月28/29日)."""
    try:
        return Due(due_date(rule, start, pauses))
    except workdays.CalendarNotCovered:
        return Due(due_date(rule, start, pauses, workday=workdays.is_workday_or_weekday), ESTIMATE_NOTE)


def estimate_note(due: dt.date | None) -> str:
    """ESTIMATE_NOTE for a stored due date that lies in a year the calendar does not cover, else ""."""
    if due is None or workdays.is_covered(due):
        return ""
    return ESTIMATE_NOTE


def lenient_due_date(rule: DeadlineRule, start: dt.date, pauses: Iterable[Pause] = ()) -> dt.date | None:
    """The date of `estimated_due`, for callers that store the date alone."""
    return estimated_due(rule, start, pauses).date


def _days(start: dt.date, end: dt.date):
    day = start
    while day < end:
        day += workdays.ONE_DAY
        yield day


def _extend(day: dt.date, extra: int, paused, workday=workdays.is_workday) -> dt.date:
    while extra:
        day += workdays.ONE_DAY
        if not paused(day):
            extra -= 1
    return workdays.next_workday(day, workday=workday)


def state(due: dt.date | None, today: dt.date | None = None) -> str:
    """正常, 临期 or 超期 for an item due on `due` (None: no running deadline → 正常)."""
    if due is None:
        return NORMAL
    today = today or timezone.localdate()
    if due < today:
        return OVERDUE
    try:
        left = workdays.working_days_between(today, due)
    except workdays.CalendarNotCovered:
        # Display only: past the published calendar, count Monday–Friday rather than hide the item.
        left = sum(1 for day in _days(today, due) if day.weekday() < 5)
    return NEAR if left <= settings.SIFA_NEAR_DUE_DAYS else NORMAL


@dataclass(frozen=True)
class DueItem:
    """One open item with a deadline, as the home page lists it. `kind` names the business (人民调解、公证…);
    `org` is the owning OrgUnit."""

    title: str
    url: str
    due: dt.date
    state: str
    org: object = None
    kind: str = ""

    @classmethod
    def make(cls, *, title: str, url: str, due: dt.date, org=None, kind: str = "",
             today: dt.date | None = None) -> DueItem:
        return cls(title=title, url=url, due=due, state=state(due, today), org=org, kind=kind)

    @property
    def urgency(self) -> tuple:
        return (STATES.index(self.state) if self.state in STATES else len(STATES), self.due, self.kind, self.title)


Source = Callable[[object], Iterable[DueItem]]
_sources: list[Source] = []


def register_source(source: Source) -> Source:
    """Add a source of due items (usable as a decorator). Registering the same callable twice is harmless."""
    if source not in _sources:
        _sources.append(source)
    return source


def unregister_source(source: Source) -> None:
    if source in _sources:
        _sources.remove(source)


def earliest_due(queryset, status_field: str, statuses, due_field: str, limit: int) -> list:
    """The `limit` earliest-due records of `queryset` whose status is one of `statuses`: one query per status, each
    read in the order of an index on (status, due, …) and stopped at `limit`, then merged. A single `status IN …
    ORDER BY due` query has to sort every open record of the scope first (a province's thousands)."""
    rows = []
    for status in sorted(str(s) for s in statuses):
        rows.extend(queryset.filter(**{status_field: status}).order_by(due_field, "pk")[:limit])
    rows.sort(key=lambda row: (getattr(row, due_field), row.pk))
    return rows[:limit]


@dataclass(frozen=True)
class DueCount:
    """Open items of one kind, counted in SQL: `queryset` (already scoped to the viewer) holds the open items and
    `due_field` their due date, or the date `offset_days` before it (a booking is due the day before its slot)."""

    kind: str
    queryset: object
    due_field: str
    offset_days: int = 0


Counter = Callable[[object], Iterable[DueCount]]
_counters: list[Counter] = []


def register_counter(counter: Counter) -> Counter:
    """Add a counter of a line's open items (callable(user) -> iterable of DueCount)."""
    if counter not in _counters:
        _counters.append(counter)
    return counter


WORK_LOOKAHEAD = dt.timedelta(days=30)
WORK_LISTED = 200


@dataclass(frozen=True)
class DueWork:
    """One kind of open work whose due date is a field of its records, declared once in a line's integration.py;
    `register_work` makes both the home page's items (the earliest `WORK_LISTED` due within `WORK_LOOKAHEAD`) and
    the exact SQL count from it::

        DueWork("行政应诉", "litigation.Lawsuit", statuses=("answering",), due_field="answer_due",
                title=lambda suit: f"{suit.number} 提交答辩状",
                url=lambda suit: reverse("litigation:lawsuit_detail", args=[suit.pk]))

    Open records are those whose `status_field` is one of `statuses`, or (records without states) those matching
    `open_filter`, e.g. {"filed_on__isnull": True}."""

    kind: str
    model: str
    due_field: str
    title: Callable[[object], str]
    url: Callable[[object], str]
    statuses: tuple = ()
    open_filter: tuple = ()           # ((lookup, value), …): hashable, so a registration is recognised twice
    related: tuple = ()
    status_field: str = "status"

    def open_records(self, user):
        from django.apps import apps

        scoped = apps.get_model(self.model).objects.for_user(user)
        if self.statuses:
            return scoped.filter(**{f"{self.status_field}__in": [str(s) for s in self.statuses]})
        return scoped.filter(**dict(self.open_filter))

    def items(self, user, today: dt.date):
        from django.apps import apps

        scoped = apps.get_model(self.model).objects.for_user(user).filter(
            **{f"{self.due_field}__lte": today + WORK_LOOKAHEAD}).select_related("org", *self.related)
        if self.statuses:
            rows = earliest_due(scoped, self.status_field, self.statuses, self.due_field, WORK_LISTED)
        else:
            rows = scoped.filter(**dict(self.open_filter)).order_by(self.due_field, "pk")[:WORK_LISTED]
        for row in rows:
            yield DueItem.make(title=self.title(row), due=getattr(row, self.due_field), org=row.org,
                               url=self.url(row), kind=self.kind, today=today)

    def count(self, user) -> DueCount:
        return DueCount(self.kind, self.open_records(user), self.due_field)


@dataclass(frozen=True)
class _WorkSource:
    works: tuple

    def __call__(self, user):
        today = timezone.localdate()
        for work in self.works:
            yield from work.items(user, today)


@dataclass(frozen=True)
class _WorkCounter:
    works: tuple

    def __call__(self, user):
        return [work.count(user) for work in self.works]


def register_work(*works: DueWork) -> None:
    """Register a line's kinds of due work as one source of home-page items and one counter."""
    register_source(_WorkSource(tuple(works)))
    register_counter(_WorkCounter(tuple(works)))


def unregister_counter(counter: Counter) -> None:
    if counter in _counters:
        _counters.remove(counter)


def near_until(today: dt.date) -> dt.date:
    """The last due date that is still 临期 today (later ones are 正常): `state` is monotonic in the due date."""
    day, last = today, today
    while state(day, today) == NEAR:
        last, day = day, day + workdays.ONE_DAY
    return last


def counts_for(user, org_path: str = "", today: dt.date | None = None) -> dict[str, dict[str, int]]:
    """{kind: {超期: n, 临期: m}} of every registered counter's open items in the subtree at `org_path`, exact
    (one query per DueCount, counting both). Kinds whose line registers no counter are absent."""
    today = today or timezone.localdate()
    last_near = near_until(today)
    counts: dict[str, dict[str, int]] = {}
    for counter in list(_counters):
        try:
            for entry in counter(user):
                qs = entry.queryset.filter(org_path__startswith=org_path) if org_path else entry.queryset
                shift = dt.timedelta(days=entry.offset_days)
                found = _count_states(qs, entry.due_field, today + shift, last_near + shift)
                row = counts.setdefault(entry.kind, {OVERDUE: 0, NEAR: 0})
                row[OVERDUE] += found[OVERDUE]
                row[NEAR] += found[NEAR]
        except Exception:
            logger.exception("期限计数 %s 出错，已跳过", getattr(counter, "__qualname__", counter))
    return counts


def _count_states(queryset, due_field: str, today: dt.date, last_near: dt.date) -> dict[str, int]:
    """{超期: records due before `today`, 临期: due from `today` through `last_near`}, in one query. A queryset
    that cannot aggregate so (DISTINCT, sliced or combined) is counted the plain way, one COUNT per state."""
    overdue = Q(**{f"{due_field}__lt": today})
    near = Q(**{f"{due_field}__gte": today, f"{due_field}__lte": last_near})
    if queryset.query.distinct or queryset.query.is_sliced or queryset.query.combinator:
        return {OVERDUE: queryset.filter(overdue).count(), NEAR: queryset.filter(near).count()}
    found = queryset.order_by().aggregate(overdue=Count("pk", filter=overdue), near=Count("pk", filter=near))
    return {OVERDUE: found["overdue"] or 0, NEAR: found["near"] or 0}


def items_for(user) -> list[DueItem]:
    """Every source's items for `user`, most urgent first (超期, then 临期, then 正常; earlier due first).

    Each source applies the user's data scope itself (ScopedModel.objects.for_user). A failing source is logged
    and skipped so one broken line cannot take the whole home page down."""
    items: list[DueItem] = []
    for source in list(_sources):
        try:
            items.extend(source(user))
        except Exception:
            logger.exception("期限来源 %s 出错，已跳过", getattr(source, "__qualname__", source))
    return sorted(items, key=lambda item: item.urgency)


# --- one truth for 超期/临期 -------------------------------------------------------------------------------------

LONG_OVERDUE_DAYS = 90     # overdue for three months and more: folded into one line on the home page
NEWLY_OVERDUE_DAYS = 7     # overdue for at most a week: listed first, with what is due today


@dataclass
class DueSummary:
    """A viewer's 超期/临期 work: the exact totals per business (`by_kind`: {kind: {超期: n, 临期: m}}) and the
    most urgent items (超期 then 临期, earliest due first). Every page and the API show these same figures."""

    today: dt.date
    by_kind: dict[str, dict[str, int]]
    items: list[DueItem]

    @property
    def overdue(self) -> int:
        return sum(row[OVERDUE] for row in self.by_kind.values())

    @property
    def near(self) -> int:
        return sum(row[NEAR] for row in self.by_kind.values())

    def long_overdue_since(self) -> dt.date:
        return self.today - dt.timedelta(days=LONG_OVERDUE_DAYS)

    def is_long_overdue(self, item: DueItem) -> bool:
        return item.state == OVERDUE and item.due < self.long_overdue_since()

    def due_today(self) -> list[DueItem]:
        return [i for i in self.items if i.due == self.today]

    def newly_overdue(self) -> list[DueItem]:
        since = self.today - dt.timedelta(days=NEWLY_OVERDUE_DAYS)
        return [i for i in self.items if i.state == OVERDUE and i.due >= since]

    def long_overdue_count(self) -> int:
        """超期 three months and more: the exact 超期 total less the listed items overdue for a shorter time (a
        line lists its earliest items first, so the recent ones are the ones it may leave out)."""
        shorter = sum(1 for i in self.items if i.state == OVERDUE and not self.is_long_overdue(i))
        return max(0, self.overdue - shorter)

    def by_line(self, exclude=()) -> list[dict]:
        """The rest, grouped by business: {kind, 超期, 临期, items (not long overdue, not in `exclude`)}."""
        skip = {id(i) for i in exclude}
        groups = []
        for kind, row in sorted(self.by_kind.items(), key=lambda kv: (-kv[1][OVERDUE] - kv[1][NEAR], kv[0])):
            items = [i for i in self.items if (i.kind or "其他") == kind and id(i) not in skip
                     and not self.is_long_overdue(i)]
            groups.append({"kind": kind, "overdue": row[OVERDUE], "near": row[NEAR], "items": items})
        return groups


def summary_for(user, org_path: str = "", today: dt.date | None = None) -> DueSummary:
    """The one function the home page, 今日工作, the dashboard's overdue page and the API call for 超期/临期.

    Items come from every source (`items_for`), the totals from the lines' SQL counters (`counts_for`, exact
    however long the list) and, for a line without a counter, from its listed items. `org_path` narrows both to
    a subtree (a unit picked on the dashboard); "" is the viewer's whole scope — their own work, which may lie
    outside their unit's subtree (an assigned case, a county corrections officer's 司法所 subjects)."""
    today = today or timezone.localdate()
    items = [i for i in items_for(user) if i.state != NORMAL
             and (not org_path or i.org is None or i.org.path.startswith(org_path))]
    by_kind = counts_for(user, org_path, today)
    listed: dict[str, dict[str, int]] = {}
    for item in items:
        row = listed.setdefault(item.kind or "其他", {OVERDUE: 0, NEAR: 0})
        row[item.state] += 1
    for kind, row in listed.items():
        # a counter is exact for what it counts; a line whose list shows more than its counter (or that has no
        # counter) is counted from its list, so no listed item is ever missing from the totals
        counted = by_kind.setdefault(kind, {OVERDUE: 0, NEAR: 0})
        for state_ in (OVERDUE, NEAR):
            counted[state_] = max(counted[state_], row[state_])
    by_kind = {kind: row for kind, row in by_kind.items() if row[OVERDUE] or row[NEAR]}
    return DueSummary(today=today, by_kind=by_kind, items=items)
