"""Stored roll-ups: an indicator's aggregate per (org unit, month[, breakdown value]), kept in the database so a
province-wide figure, or one over a long period, sums a few thousand stored rows instead of millions of records.

Which indicators: those that declare they roll up (`rolls_up`: `Count` and `Sum` over an integer or decimal
field; declarations.py) without `carried_over`, dated by a DateField. A breakdown by a declared choice dimension
has its own rows (`column`); a figure filtered by a choice dimension is computed from the records. A *cohort*
indicator (`Count(..., reached_by="<date field>")`: records dated in the period whose second date is no later
than the period's last day, e.g. cases accepted in the period and closed successfully by its end) keeps the
second date's month in the row's `choice` ("202103"); it serves periods that end on a month's last day, summing
the rows whose second month is not after the period's last month. This module reads only what an indicator
declares; it knows neither the registry nor the declaration classes.

Kept current per county partition and year (see versions): every record written moves the *generation* of its
partition for each year its roll-up dates fall in (before and after the write) in `RollupPartition`, in the
writing transaction (`touch`, called by the signal receivers of tracking.py; a write whose dates are not loaded
moves every year of its partition, a bulk write every partition of the model, a change of the org tree every partition
of every model). So today's cases never make last year's roll-ups stale. A partition's records are those of the
org units whose division lies in it — the engine's own mapping. A partition-year's roll-up remembers the
generation it was built at (`RollupState`); when they differ it is rebuilt from its records on first use (one
INSERT … SELECT per year) — or, when more than LAZY_BUILD_MAX partitions are stale (a cold start, a bulk write),
read from its records this time — and `rebuild()` (the `sifa rollups` command, or a nightly job) rebuilds them
all. The generation is read before the records, so a write that commits during a build leaves the partition
stale, never wrong.

Next to each unit's rows a partition has its monthly totals (`RollupTotal`): a caller that folds a whole county's
units into one figure (compute.Fold — a total, a split by city or county, a breakdown by a choice) reads one row
per county and month.

Used by compute.grouped when the org is above county level or the period is long (`use_for`): whole months from
the roll-up, the days at either end of a period that does not start or end on a month boundary from the records.
The result is identical to the direct computation (tests/indicators/test_rollups.py compares both on random
data); `engine.from_records()` forces the direct computation.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, CharField, DateField, F, Func, IntegerField, Q, Value, When
from django.db.models import Sum as SumAgg
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear, TruncMonth

from . import versions
from .orgscope import cached_lookup

#: "auto" (use_for decides), "never" (always from the records) or "always" (whenever the indicator allows).
mode = ContextVar("sifa_indicators_rollup_mode", default="auto")
LAZY_BUILD_MAX = 8  # stale partitions a reader rebuilds on the way; more are read from the records
LONG_PERIOD_DAYS = 300  # a year (or a 截至目前 of most of one) is "long"
COUNTY_CODE_LENGTH = 6
ORG_TREE = "core.orgunit"
_ready = False


# ------------------------------------------------------------------------------------------- eligibility


def eligible(indicator) -> bool:
    """Whether the indicator's figure can be summed from monthly rows (see the module docstring)."""
    cached = indicator.__dict__.get("_rollup_eligible")
    if cached is None:
        cached = _eligible(indicator)
        indicator.__dict__["_rollup_eligible"] = cached
    return cached


def _eligible(indicator) -> bool:
    if not getattr(indicator, "rolls_up", False) or indicator.carried_over:
        return False
    try:
        if indicator.model._meta.get_field(indicator.date).get_internal_type() != "DateField":
            return False
        cohort = cohort_of(indicator)
        if cohort and indicator.model._meta.get_field(cohort).get_internal_type() != "DateField":
            return False
        field = getattr(indicator, "field", "")
        if field and indicator.model._meta.get_field(field).get_internal_type() not in _EXACT_TYPES:
            return False
    except Exception:  # noqa: BLE001  a broken declaration is reported by the system checks, not here
        return False
    return True


_INTEGER_TYPES = {"IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "SmallIntegerField",
                  "BigIntegerField", "PositiveBigIntegerField"}
_EXACT_TYPES = _INTEGER_TYPES | {"DecimalField"}


def _integral(indicator) -> bool:
    """A count, or a sum over an integer field (a sum over a decimal field keeps its decimals)."""
    field = getattr(indicator, "field", "")
    return not field or indicator.model._meta.get_field(field).get_internal_type() in _INTEGER_TYPES


def cohort_of(indicator) -> str | None:
    """The second date field of a cohort indicator (`reached_by`, see the module docstring), or None."""
    return getattr(indicator, "reached_by", "") or None


def month_key(day: dt.date) -> str:
    """A month as a cohort row's `choice` stores it: "202103" (sorts as the months do)."""
    return f"{day.year}{day.month:02d}"


def use_for(indicator, scope, period, dims_q: Q, column: str | None, partitions) -> bool:
    chosen = mode.get()
    if chosen == "never" or not eligible(indicator) or dims_q or not column_supported(indicator, column):
        return False
    if versions.label_of(indicator.model) in versions.dirty_labels():
        return False  # uncommitted writes of this transaction: only the records tell
    if _whole_months(period.start, period.end) is None:
        return False
    if cohort_of(indicator) and period.end != month_end(period.end):
        return False  # the cohort bound falls inside a month: only the records tell
    if chosen == "always":
        return True
    above_county = len(scope.org.division_id or "") < COUNTY_CODE_LENGTH or len(partitions) > 1
    return above_county or (period.end - period.start).days >= LONG_PERIOD_DAYS


# ------------------------------------------------------------------------------------------------ months


class MonthStart(Func):
    """The first day of a date's month, in the database's own date functions (Django's TruncMonth on SQLite calls
    back into Python once per row)."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra):
        return Cast(TruncMonth(*self.source_expressions), DateField()).as_sql(compiler, connection, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="DATE(%(expressions)s, 'start of month')", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="DATE_TRUNC('month', %(expressions)s)::date", **extra)


class MonthKey(Func):
    """A date's month as a cohort row stores it ("202103", see month_key), in the database's own functions."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra):
        field = self.source_expressions[0]
        month = ExtractYear(field) * 100 + ExtractMonth(field)
        return Cast(Cast(month, IntegerField()), CharField()).as_sql(compiler, connection, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # '%%' in the SQL: the backend turns it into '%' when it binds the parameters, and the debug log's
        # `sql % params` (DEBUG, CaptureQueriesContext) reads it as a literal '%' instead of failing on '%Y'.
        return super().as_sql(compiler, connection, template="STRFTIME('%%%%Y%%%%m', %(expressions)s)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="TO_CHAR(%(expressions)s, 'YYYYMM')", **extra)


def first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    return first_of_next_month(day) - dt.timedelta(days=1)


def _whole_months(start: dt.date, end: dt.date):
    """(first month, last month) of the whole months inside [start, end], or None when there is none."""
    first = start if start.day == 1 else first_of_next_month(start)
    after_end = end + dt.timedelta(days=1)
    last_exclusive = after_end.replace(day=1)
    if first >= last_exclusive:
        return None
    last = (last_exclusive - dt.timedelta(days=1)).replace(day=1)
    return first, last


# ------------------------------------------------------------------------------------------ generations


def _table_ready() -> bool:
    global _ready
    if not _ready:
        from .models import RollupPartition

        _ready = RollupPartition._meta.db_table in connection.introspection.table_names()
    return _ready


def touch(label: str, partition: str | None, using: str, years=None) -> None:
    """A record of `label` in `partition` (None: any partition) changed, with roll-up dates in `years` (None: any
    year): move the generation(s), in the writing transaction. The caller (tracking.py) touches only the models
    some indicator rolls up (see year_fields) and the org tree. A no-op before the roll-up tables exist
    (migrations)."""
    if label == ORG_TREE:
        label, partition = None, None  # a unit moved or changed division: rebuild everything, lazily
    if not _table_ready():
        return
    from django.db import connections

    from .models import RollupPartition

    table = connections[using].ops.quote_name(RollupPartition._meta.db_table)
    with connections[using].cursor() as cursor:
        if label is None:
            cursor.execute(f"UPDATE {table} SET generation = generation + 1")
        elif partition is None:
            cursor.execute(f"UPDATE {table} SET generation = generation + 1 WHERE label = %s", [label])
        elif years is None:
            # a year without a row has never been built (a build creates the rows first): nothing to move there
            cursor.execute(f"UPDATE {table} SET generation = generation + 1 WHERE label = %s AND partition = %s",
                           [label, partition])
        else:
            for year in sorted(years):
                cursor.execute(f"INSERT INTO {table} (label, partition, year, generation) VALUES (%s, %s, %s, 1) "
                               f"ON CONFLICT (label, partition, year) DO UPDATE SET generation = "
                               f"{table}.generation + 1", [label, partition, year])


def year_fields(indicators) -> dict[str, tuple[str, ...]]:
    """{model label: the date fields whose years place a record in roll-ups} over the eligible `indicators` (each
    one's date, and a cohort's second date): a write moves the generations of those years only. The models
    absent from it have no roll-ups."""
    found: dict[str, set[str]] = {}
    for indicator in indicators:
        if eligible(indicator):
            fields = found.setdefault(versions.label_of(indicator.model), set())
            for name in (indicator.date, cohort_of(indicator)):
                if name:
                    fields.add(indicator.model._meta.get_field(name).attname)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _generation_rows(label: str, pairs: dict[str, set[int]]):
    from .models import RollupPartition

    years = sorted({y for ys in pairs.values() for y in ys})
    return RollupPartition.objects.filter(label=label, partition__in=sorted(pairs), year__in=years)


def _generations(label: str, pairs: dict[str, set[int]]) -> None:
    """Create the missing generation rows (at 0) of `pairs` ({partition: years}) before a build, so that a
    concurrent first write conflicts with them instead of slipping past."""
    from .models import RollupPartition

    found = set(_generation_rows(label, pairs).values_list("partition", "year"))
    missing = [RollupPartition(label=label, partition=p, year=y, generation=0)
               for p, ys in pairs.items() for y in ys if (p, y) not in found]
    if missing:
        try:
            with transaction.atomic():
                RollupPartition.objects.bulk_create(missing, ignore_conflicts=True)
        except IntegrityError:
            pass


# -------------------------------------------------------------------------------------------- building


def _unit_partitions(partitions: list[str] | None) -> dict[str, str]:
    """{org unit path: partition} of the units in the partitions (None: every unit) — the same mapping the
    engine's scopes use (a unit's partition is the county part of its division code)."""
    from sifa.core.models import OrgUnit

    units = OrgUnit.objects.order_by()
    if partitions is not None:
        q = Q()
        for p in partitions:
            if len(p) < COUNTY_CODE_LENGTH:
                q |= Q(division_id=p)
            else:
                q |= Q(division_id__gte=p, division_id__lt=p[:-1] + chr(ord(p[-1]) + 1))
        units = units.filter(q)
    wanted = None if partitions is None else set(partitions)
    found = {}
    for path, division in units.values_list("path", "division_id"):
        partition = versions.partition_of_code(division)
        if wanted is None or partition in wanted:
            found[path] = partition
    return found


def _choice_expression(indicator, column: str | None):
    """The breakdown value as the roll-up stores it: the dimension's key text (what ChoiceDimension.key_of makes
    of the value: "" for none, str() of the value otherwise), computed in SQL. None: not a column the roll-ups
    can store exactly."""
    cohort = cohort_of(indicator)
    if cohort:
        if column:
            return None  # the row's choice holds the cohort month
        return MonthKey(cohort)
    if not column:
        return Value("", output_field=CharField())
    field = indicator.model._meta.get_field(column)
    kind = field.get_internal_type()
    if kind == "BooleanField":
        return Case(When(**{column: True}, then=Value("True")), When(**{column: False}, then=Value("False")),
                    default=Value(""), output_field=CharField())
    if kind in ("CharField", "TextField"):
        return Coalesce(F(column), Value(""), output_field=CharField())
    if kind in _INTEGER_TYPES:
        return Coalesce(Cast(column, CharField()), Value(""), output_field=CharField())
    return None


def column_supported(indicator, column: str | None) -> bool:
    if not column:
        return True
    try:
        return _choice_expression(indicator, column) is not None
    except Exception:  # noqa: BLE001  not a field of the model (a declaration error the checks report)
        return False


def _quoted(model, *names) -> list[str]:
    qn = connection.ops.quote_name
    return [qn(model._meta.get_field(name).column) for name in names]


def _insert_rows(indicator, column: str | None, records) -> int:
    """INSERT … SELECT: the per-unit monthly aggregates of `records`, each with its unit's partition, computed
    and written by the database in one statement (no row passes through Python). A sum over a field left empty in
    every record of a month (涉及金额 not entered) is 0, not NULL."""
    from sifa.core.models import OrgUnit

    from .models import Rollup

    grouped_rows = (records.annotate(rollup_month=MonthStart(indicator.date),
                                     rollup_choice=_choice_expression(indicator, column))
                    .values("org_path", "rollup_month", "rollup_choice")
                    .annotate(rollup_value=indicator.aggregate_expression())
                    .values_list("org_path", "rollup_month", "rollup_choice", "rollup_value"))
    select_sql, params = grouped_rows.query.sql_with_params()
    qn = connection.ops.quote_name
    target = ", ".join(_quoted(Rollup, "code", "fingerprint", "column", "partition", "org_path", "month", "choice",
                               "value"))
    path, division = _quoted(OrgUnit, "path", "division")
    sql = (f"INSERT INTO {qn(Rollup._meta.db_table)} ({target}) "
           f"SELECT %s, %s, %s, COALESCE(SUBSTR(u.{division}, 1, {versions.PARTITION_LENGTH}), ''), "
           f"r.{qn('org_path')}, r.{qn('rollup_month')}, r.{qn('rollup_choice')}, COALESCE(r.{qn('rollup_value')}, 0) "
           f"FROM ({select_sql}) r INNER JOIN {qn(OrgUnit._meta.db_table)} u ON u.{path} = r.{qn('org_path')}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [indicator.code, indicator.fingerprint, column or "", *params])
        return max(cursor.rowcount, 0)


def _insert_totals(indicator, column: str | None, partitions: list[str] | None, months=None) -> None:
    """The partition totals (RollupTotal) summed from the unit rows just written (of `partitions` in the months
    `months` = (first, last); None: all)."""
    from .models import Rollup, RollupTotal

    qn = connection.ops.quote_name
    keys = _quoted(Rollup, "code", "fingerprint", "column", "partition", "month", "choice")
    target = ", ".join(_quoted(RollupTotal, "code", "fingerprint", "column", "partition", "month", "choice",
                               "value"))
    code, fingerprint, col, partition = keys[:4]
    where = f"{code} = %s AND {fingerprint} = %s AND {col} = %s"
    params = [indicator.code, indicator.fingerprint, column or ""]
    if partitions is not None:
        where += f" AND {partition} IN ({', '.join(['%s'] * len(partitions))})"
        params += partitions
    if months is not None:
        month = keys[4]
        where += f" AND {month} >= %s AND {month} <= %s"
        params += list(months)
    sql = (f"INSERT INTO {qn(RollupTotal._meta.db_table)} ({target}) "
           f"SELECT {', '.join(keys)}, SUM({_quoted(Rollup, 'value')[0]}) FROM {qn(Rollup._meta.db_table)} "
           f"WHERE {where} GROUP BY {', '.join(keys)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _years(start: dt.date, end: dt.date) -> set[int]:
    return set(range(start.year, end.year + 1))


def _data_years(qs, date_field: str) -> set[int]:
    from django.db.models import Max, Min

    span = qs.aggregate(first=Min(date_field), last=Max(date_field))
    return _years(span["first"], span["last"]) if span["first"] else set()


def build(indicator, column: str | None, pairs: dict[str, set[int]] | None = None, *,
          only_stale: bool = False, years: set[int] | None = None) -> int:
    """(Re)build the roll-up of `indicator` (by `column`) for `pairs` ({partition: years}; None: every partition
    and every year its model's records are in — `years`, when the caller knows them; `only_stale`: the
    partition-years not already current). Returns the number of unit rows written."""
    from .models import Rollup, RollupState, RollupTotal

    label = versions.label_of(indicator.model)
    col = column or ""
    qs = indicator._queryset(_dated(indicator) & indicator.filter)
    full = pairs is None
    if full:
        unit_partitions = _unit_partitions(None)
        years = _data_years(qs, indicator.date) if years is None else years
        pairs = {p: years for p in set(unit_partitions.values())} if years else {}
    if not pairs:
        return 0
    _generations(label, pairs)  # every partition-year has its row (created outside the lock)
    with transaction.atomic():
        # Lock the generation rows: builders of the same partition-years take turns (two at once would each
        # insert their rows), and a write waits for the build before it moves the generation. Read before the
        # records: see the module docstring.
        generations = {(p, y): g for p, y, g in _generation_rows(label, pairs).select_for_update()
                       .order_by("partition", "year").values_list("partition", "year", "generation")}
        wanted = {(p, y) for p, ys in pairs.items() for y in ys}
        if only_stale:
            built = {(p, y): g for p, y, g in RollupState.objects.filter(
                code=indicator.code, fingerprint=indicator.fingerprint, column=col, partition__in=sorted(pairs),
                year__in=sorted({y for ys in pairs.values() for y in ys})).values_list("partition", "year",
                                                                                      "generation")}
            wanted = {key for key in wanted if built.get(key) != generations.get(key)}  # another builder's work
            if not wanted:
                return 0
            full = False
        stored = {m: m.objects.filter(code=indicator.code, fingerprint=indicator.fingerprint, column=col)
                  for m in (Rollup, RollupTotal)}
        written = 0
        if full:
            RollupState.objects.filter(code=indicator.code, fingerprint=indicator.fingerprint, column=col).delete()
            for rows in stored.values():
                rows.delete()
            written = _insert_rows(indicator, column, qs)
            _insert_totals(indicator, column, None, None)
        else:
            by_year: dict[int, list[str]] = {}
            for p, y in wanted:
                by_year.setdefault(y, []).append(p)
            for year, partitions in sorted(by_year.items()):
                first, last = dt.date(year, 1, 1), dt.date(year, 12, 1)
                for rows in stored.values():
                    rows.filter(partition__in=partitions, month__gte=first, month__lte=last).delete()
                paths = sorted(_unit_partitions(partitions))
                if paths:
                    records = qs.filter(Q(org_path__any_of=paths)
                                        & indicator._range_q(indicator.date, first, dt.date(year, 12, 31)))
                    written += _insert_rows(indicator, column, records)
                _insert_totals(indicator, column, partitions, (first, last))
        RollupState.objects.bulk_create(
            [RollupState(code=indicator.code, fingerprint=indicator.fingerprint, column=col, partition=p, year=y,
                         generation=generations.get((p, y), 0)) for p, y in sorted(wanted)],
            update_conflicts=True, unique_fields=["code", "fingerprint", "column", "partition", "year"],
            update_fields=["generation", "built_at"])
    return written


def _dated(indicator) -> Q:
    """The records a roll-up row can hold: dated (and, for a cohort, with the second date set — an unset one is
    never "no later than" any day)."""
    q = Q(**{f"{indicator.date}__isnull": False})
    cohort = cohort_of(indicator)
    return q & Q(**{f"{cohort}__isnull": False}) if cohort else q


def _edge_q(indicator, start: dt.date, end: dt.date, period) -> Q:
    """The records of the days [start, end] at an edge of `period` (read from the records, not the roll-up)."""
    q = indicator._range_q(indicator.date, start, end) & indicator.filter
    cohort = cohort_of(indicator)
    return q & indicator._through_q(cohort, period.end) if cohort else q


def _refresh_statistics() -> None:
    """After a full rebuild: let the planner see the new rows, and (PostgreSQL) mark their pages all-visible so
    reads are index-only scans. VACUUM cannot run inside a transaction; then only ANALYZE."""
    from .models import Rollup, RollupTotal

    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in (Rollup, RollupTotal))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {tables}" if connection.in_atomic_block else f"VACUUM ANALYZE {tables}")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")


def rebuild(indicators, *, breakdowns: bool = False) -> dict[str, int]:
    """Rebuild the roll-ups of `indicators` (those that roll up; `registry.all_indicators()` for all): the totals,
    and with `breakdowns` each declared choice dimension too (otherwise a breakdown's roll-up is built when first
    asked for). {code: rows written}."""
    written = {}
    spans: dict[tuple[str, str], set[int]] = {}  # the years of each model's dates, read once per job
    for indicator in indicators:
        if not eligible(indicator):
            continue
        span = (versions.label_of(indicator.model), indicator.date)
        if span not in spans:
            spans[span] = _data_years(indicator.model._default_manager.order_by(), indicator.date)
        n = build(indicator, None, years=spans[span])
        for name in indicator.dimension_names() if breakdowns else ():
            dim = indicator.dimension(name)
            if not dim.by_org and column_supported(indicator, dim.group_column()):
                n += build(indicator, dim.group_column(), years=spans[span])
        written[indicator.code] = n
    if written:
        _refresh_statistics()
    return written


# ------------------------------------------------------------------------------------------------ reading


def _stale(indicator, column: str | None, partitions: list[str], years: set[int]) -> dict[str, set[int]]:
    """{partition: years} of the partition-years whose roll-up is missing or older than their generation."""
    from .models import RollupPartition, RollupState

    label = versions.label_of(indicator.model)
    built = {(p, y): g for p, y, g in RollupState.objects.filter(
        code=indicator.code, fingerprint=indicator.fingerprint, column=column or "", partition__in=partitions,
        year__in=sorted(years)).values_list("partition", "year", "generation")}
    current = {(p, y): g for p, y, g in RollupPartition.objects.filter(
        label=label, partition__in=partitions, year__in=sorted(years)).values_list("partition", "year", "generation")}
    stale: dict[str, set[int]] = {}
    for p in partitions:
        for y in years:
            if (p, y) not in built or built[(p, y)] != current.get((p, y), 0):
                stale.setdefault(p, set()).add(y)
    return stale


def _current(indicator, column: str | None, parts: dict[str, list[str]], first: dt.date, last: dt.date):
    """(partitions to read from the roll-ups, partitions to read from their records) for the months first..last:
    stale partition-years are rebuilt on the way when few partitions are stale; when more than LAZY_BUILD_MAX are
    (a cold start, a bulk write) those partitions come from their records this time, and the job builds them."""
    partitions = list(parts)
    stale = _stale(indicator, column, partitions, _years(first, last))
    if len(stale) > LAZY_BUILD_MAX:
        return [p for p in partitions if p not in stale], list(stale)
    if stale:
        build(indicator, column, stale, only_stale=True)
    return partitions, []


def whole_partitions(parts: dict[str, list[str]]) -> set[str]:
    """The partitions of `parts` ({partition: [paths]}) that hold every org unit of that partition, so that the
    partition's totals (RollupTotal) are exactly the sum over those paths."""
    counts = cached_lookup([ORG_TREE], "rollups:partition_unit_counts", _partition_unit_counts)
    return {p for p, paths in parts.items() if len(set(paths)) == counts.get(p, -1)}


def _partition_unit_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for partition in _unit_partitions(None).values():
        counts[partition] = counts.get(partition, 0) + 1
    return counts


def grouped(indicator, scope, period, parts: dict[str, list[str]], where_extra: Q, column: str | None,
            totals: set[str] = frozenset()) -> dict:
    """{org_path or (org_path, value): aggregate} over the paths of `parts` ({partition: [paths]}), as
    RecordIndicator.query_grouped would answer — whole months from the roll-up, the edge days from the records —
    with breakdown values as their key text (see _choice_expression). For the partitions in `totals` (whole
    partitions whose paths the caller folds into one figure) the partition's total is read instead of its units'
    rows and given to its first path."""
    from .models import Rollup, RollupTotal

    first, last = _whole_months(period.start, period.end)
    partitions, from_records = _current(indicator, column, parts, first, last)
    merged: dict = {}
    if from_records:
        stale_paths = [path for p in from_records for path in parts[p]]
        merged.update(indicator.query_grouped(stale_paths, indicator.where_q(period, where_extra), column))
    integral = _integral(indicator)

    def add(key, value):
        merged[key] = merged.get(key, 0) + (int(value) if integral else value)

    by_total = [p for p in partitions if p in totals]
    by_unit = [p for p in partitions if p not in totals]
    common = {"code": indicator.code, "fingerprint": indicator.fingerprint, "column": column or "",
              "month__gte": first, "month__lte": last}
    if cohort_of(indicator):
        common["choice__lte"] = month_key(last)
    if by_total:
        rows = (RollupTotal.objects.filter(partition__in=by_total, **common).order_by()
                .values_list("partition", "choice").annotate(v=SumAgg("value")).values_list("partition", "choice", "v"))
        for partition, choice, value in rows:
            path = parts[partition][0]
            add((path, choice) if column else path, value)
    if by_unit:
        wanted = {path for p in by_unit for path in parts[p]}
        rows = (Rollup.objects.filter(partition__in=by_unit, **common).order_by()
                .values_list("org_path", "choice").annotate(v=SumAgg("value")).values_list("org_path", "choice", "v"))
        for path, choice, value in rows:
            if path in wanted:
                add((path, choice) if column else path, value)
    paths = [path for p in partitions for path in parts[p]]
    edges = []
    if period.start < first:
        edges.append((period.start, first - dt.timedelta(days=1)))
    after_last = first_of_next_month(last)
    if after_last <= period.end:
        edges.append((after_last, period.end))
    for start, end in edges:
        where = _edge_q(indicator, start, end, period) & where_extra
        for key, value in indicator.query_grouped(paths, where, column).items():
            merged[key] = merged.get(key, 0) + value
    return merged


def monthly(indicator, period, parts: dict[str, list[str]]) -> dict:
    """{first day of month: aggregate} over the paths of `parts` for the whole months of `period`: the
    partitions' totals where a partition is whole, its units' rows otherwise (stale partitions as in grouped)."""
    from .models import Rollup, RollupTotal

    first, last = _whole_months(period.start, period.end)
    partitions, from_records = _current(indicator, None, parts, first, last)
    merged: dict = {}
    if from_records:
        merged = monthly_from_records(indicator, [path for p in from_records for path in parts[p]], first, last)
    integral = _integral(indicator)
    whole = whole_partitions({p: parts[p] for p in partitions})
    common = {"code": indicator.code, "fingerprint": indicator.fingerprint, "column": "", "month__gte": first,
              "month__lte": last}
    queries = []
    if whole:
        queries.append(RollupTotal.objects.filter(partition__in=sorted(whole), **common))
    partial = [p for p in partitions if p not in whole]
    if partial:
        queries.append(Rollup.objects.filter(partition__in=partial, org_path__any_of=[
            path for p in partial for path in parts[p]], **common))
    cohort = cohort_of(indicator)
    for qs in queries:
        rows = qs.order_by().values_list("month", "choice").annotate(v=SumAgg("value")).values_list(
            "month", "choice", "v")
        for month, choice, value in rows:
            if cohort and choice > month_key(month):
                continue  # a month's cohort counts only what was done by that month's end
            merged[month] = merged.get(month, 0) + (int(value) if integral else value)
    return merged


def monthly_from_records(indicator, paths: list[str], first: dt.date, last: dt.date) -> dict:
    """{first day of month: aggregate} over the records of `paths` dated in the whole months first..last."""
    if not paths:
        return {}
    where = Q(org_path__any_of=paths) & indicator._range_q(indicator.date, first, month_end(last)) & indicator.filter
    qs = indicator._queryset(where).annotate(rollup_month=MonthStart(indicator.date))
    if not cohort_of(indicator):
        return {month: value or 0 for month, value in indicator.aggregate_by(qs, ["rollup_month"])}
    merged: dict = {}
    rows = indicator.aggregate_by(qs.filter(_dated(indicator)).annotate(
        rollup_choice=_choice_expression(indicator, None)), ["rollup_month", "rollup_choice"])
    for month, choice, value in rows:
        if choice <= month_key(month):
            merged[month] = merged.get(month, 0) + (value or 0)
    return merged
