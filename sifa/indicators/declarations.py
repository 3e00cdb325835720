"""The kinds of indicator a business line declares in its `indicators.py`.

    from sifa.indicators import Count, Ratio, Stock, Sum, Distinct, PerPopulation, register

    register(
        Count("mediation.accepted", "受理（调处）矛盾纠纷", model="mediation.Dispute", date="accepted_on",
              dimensions=["dispute_type", "source", "level"], line="人民调解",
              note="受理类：按受理日期计（DOMAIN §0、§2）。"),
        Count("mediation.succeeded", "调解成功", model="mediation.Dispute", date="closed_on",
              filter=Q(status="success"), dimensions=["dispute_type"], line="人民调解",
              note="办结类：按结案日期计，含上年结转（DOMAIN §0）。"),
        Ratio("mediation.success_rate", "调解成功率", numerator="mediation.succeeded",
              denominator="mediation.accepted", decimals=2, line="人民调解",
              note="调解成功 ÷ 调处(受理)：[002] 7531/7549 = 99.76%（DOMAIN §2）。"),
    )

Counting rules (DOMAIN §0): 受理类 count by intake date, 办结类 by closure date — which by construction includes
records taken in before the period (旧存/结转; `carried_over=` counts only those); 在册 is a stock at the end
of the period; 件 (Count), 人次 (Sum of a persons field) and 人 (Distinct over a person key) are different
indicators; rounding is half-up to the declared decimals; a zero denominator gives no value, with a reason.

Each record indicator computes its value with one aggregate query (`COUNT(*)`, `SUM`, `COUNT(DISTINCT)`) over
`org_path IN (<subtree>) AND <date in period> AND <filter>`, grouped by org_path (and by the field of a
breakdown) so that the result is cached per county and rolled up (see compute.py). Give the model an index on
(org_path, <date field>[, fields it filters or breaks down by]) so the query is an index-only range scan per
unit — `sifa check` warns when one is missing (indicators.W001). Dimensions: every record indicator can be
filtered and broken down by `township` and `org` (下级机构); declare choice fields (TextChoices, booleans) too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from fractions import Fraction

from django.db.models import Case, CharField, Q, Value, When
from django.db.models import Count as CountAgg
from django.db.models import Sum as SumAgg
from django.utils import timezone
from django.utils.functional import cached_property

from . import compute, registry, rollups, versions
from . import dimensions as dims_mod
from .errors import DimensionError
from .orgscope import OrgScope, cached_lookup, division_name, population
from .periods import Period
from .results import Breakdown, BreakdownRow, Result, round_half_up

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


class Indicator:
    kind = ""
    #: True when the values of a breakdown add up to the total (counts and sums; not distinct counts or ratios).
    additive = False

    def __init__(self, code: str, name: str, *, unit: str, note: str, line: str = "", decimals: int = 0,
                 order: int = 100):
        if not CODE_RE.match(code or ""):
            raise ValueError(f"指标代码“{code}”不规范：应为小写字母、数字、下划线，以“.”分段，如 mediation.accepted。")
        if not name or not unit:
            raise ValueError(f"指标“{code}”须有中文名称和计量单位。")
        if not note or not note.strip():
            raise ValueError(f"指标“{code}”须有口径说明（note）。")
        if not isinstance(decimals, int) or not 0 <= decimals <= 6:
            raise ValueError(f"指标“{code}”的小数位数应为0–6的整数。")
        self.code, self.name, self.unit, self.note = code, name, unit, note.strip()
        self.line, self.decimals, self.order = line, decimals, order

    def __repr__(self):
        return f"<{type(self).__name__} {self.code}>"

    # --- declared shape ---
    def describe(self) -> str:
        """A stable text of the formula; its hash keys the cache, so a changed declaration never reads old values."""
        return f"{self.kind}|{self.unit}|{self.decimals}"

    @cached_property
    def fingerprint(self) -> str:
        return hashlib.sha1(self.describe().encode()).hexdigest()[:12]

    def model_labels(self) -> set[str]:
        raise NotImplementedError

    def dimension_names(self) -> list[str]:
        raise NotImplementedError

    def dimension(self, name: str):
        raise NotImplementedError

    def clean_dims(self, dims: dict | None, scope: OrgScope) -> dict:
        """Validated {dimension: value}; Chinese DimensionError for an unknown dimension or value."""
        clean = {}
        for name, value in (dims or {}).items():
            if name not in self.dimension_names():
                known = "、".join(f"{n}（{self.dimension(n).label}）" for n in self.dimension_names())
                raise DimensionError(f"指标“{self.name}”没有维度“{name}”。可用维度：{known}。")
            clean[name] = self.dimension(name).validate("" if value is None else str(value), scope)
        return clean

    # --- evaluation (called by the engine with validated arguments) ---
    def evaluate(self, scope: OrgScope, period: Period, dims: dict) -> Result:
        raise NotImplementedError

    def breakdown(self, scope: OrgScope, period: Period, by: str, dims: dict) -> Breakdown:
        raise NotImplementedError

    def has_data(self, scope: OrgScope, period: Period) -> bool:
        """Whether Sifa holds any record of this indicator's kind in the period (else 同比 may use a baseline)."""
        raise NotImplementedError

    def series(self, scope: OrgScope, periods: list[Period]) -> list[Result]:
        """The figure for each of `periods` (a dashboard's monthly trend); lines may answer in fewer queries."""
        return [self.evaluate(scope, period, {}) for period in periods]

    def _result(self, scope, period, dims, **kwargs) -> Result:
        return Result(indicator=self, org=scope.org, period=period, dims=dict(dims), **kwargs)


# ------------------------------------------------------------------------------------------------ records


def _dims_key(dims: dict) -> str:
    return ";".join(f"{k}={v}" for k, v in sorted(dims.items()))


class RecordIndicator(Indicator):
    """An aggregate over the records of one ScopedModel whose date field falls in the period."""

    additive = True

    #: Whether stored monthly roll-ups may serve the figure (rollups.py): a plain range on one date field,
    #: aggregated by a count or a sum. A subclass that changes which records count (overrides one of
    #: QUERY_METHODS) does not roll up unless it says so itself.
    rolls_up = False
    QUERY_METHODS = ("period_q", "where_q", "query_grouped", "records_q", "paths_and_q", "aggregate_by")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "rolls_up" not in cls.__dict__ and any(name in cls.__dict__ for name in cls.QUERY_METHODS):
            cls.rolls_up = False

    def __init__(self, code, name, *, model, date: str = "", filter=None, dimensions=(), carried_over: str = "",
                 reached_by: str = "", **kwargs):
        super().__init__(code, name, **kwargs)
        self._model = model
        self.date = date
        self.filter = Q(**filter) if isinstance(filter, dict) else (filter or Q())
        self.carried_over = carried_over
        self.reached_by = reached_by
        self._declared_dimensions = [dims_mod.declared(d) for d in dimensions]

    # --- model and fields ---
    @cached_property
    def model(self):
        from django.apps import apps

        model = apps.get_model(self._model) if isinstance(self._model, str) else self._model
        from sifa.core.models import ScopedModel

        if not issubclass(model, ScopedModel):
            raise TypeError(f"指标“{self.code}”的模型 {model._meta.label} 不是 ScopedModel，无法按机构汇总。")
        return model

    def model_labels(self):
        return {versions.label_of(self.model)}

    def describe(self):
        text = (f"{super().describe()}|{versions.label_of(self.model)}|{self.date}|{self.carried_over}|"
                f"{self.filter!r}|{[d.signature() for d in self._declared_dimensions]}")
        return f"{text}|reached<={self.reached_by}" if self.reached_by else text

    @cached_property
    def _dimensions(self) -> dict:
        found = {d.name: d for d in dims_mod.BUILTIN}
        for d in self._declared_dimensions:
            found[d.name] = d.bind(self.model)
        return found

    def dimension_names(self):
        return list(self._dimensions)

    def dimension(self, name):
        return self._dimensions[name]

    def date_fields(self) -> list[str]:
        return [f for f in (self.date, self.carried_over, self.reached_by) if f]

    def _is_datetime(self, field_name: str) -> bool:
        return self.model._meta.get_field(field_name).get_internal_type() == "DateTimeField"

    def _bound(self, field_name: str, day: dt.date):
        """A date as the field compares it: a DateTimeField gets the local midnight opening that day, so the
        comparison stays a plain range on the column and its index still serves."""
        if self._is_datetime(field_name):
            return dt.datetime.combine(day, dt.time.min, timezone.get_current_timezone())
        return day

    def _range_q(self, field_name: str, start: dt.date, end: dt.date) -> Q:
        """field within [start, end] (whole days)."""
        return self._from_q(field_name, start) & self._through_q(field_name, end)

    def _from_q(self, field_name: str, day: dt.date) -> Q:
        return Q(**{f"{field_name}__gte": self._bound(field_name, day)})

    def _before_q(self, field_name: str, day: dt.date) -> Q:
        return Q(**{f"{field_name}__lt": self._bound(field_name, day)})

    def _through_q(self, field_name: str, day: dt.date) -> Q:
        if self._is_datetime(field_name):
            return self._before_q(field_name, day + dt.timedelta(days=1))
        return Q(**{f"{field_name}__lte": day})

    def _after_q(self, field_name: str, day: dt.date) -> Q:
        if self._is_datetime(field_name):
            return self._from_q(field_name, day + dt.timedelta(days=1))
        return Q(**{f"{field_name}__gt": day})

    def period_q(self, period: Period) -> Q:
        q = self._range_q(self.date, period.start, period.end)
        if self.carried_over:
            q &= self._before_q(self.carried_over, period.start)
        if self.reached_by:
            q &= self._through_q(self.reached_by, period.end)
        return q

    def data_q(self, period: Period) -> Q:
        return self._range_q(self.date, period.start, period.end)

    # --- the record filter ---
    def paths_and_q(self, scope: OrgScope, dims: dict) -> tuple[list[str], Q]:
        """The org paths the figure covers (dimensions by township or unit narrow them) and the filter of the
        other dimensions."""
        paths, q = scope.paths, Q()
        for name, value in dims.items():
            dim = self.dimension(name)
            if dim.by_org:
                allowed = set(dim.paths(value, scope))
                paths = [p for p in paths if p in allowed]
            else:
                q &= dim.filter_q(value)
        return paths, q

    def where_q(self, period: Period, dims_q: Q) -> Q:
        return self.period_q(period) & self.filter & dims_q

    def records_q(self, scope: OrgScope, period: Period, dims: dict) -> Q:
        """Exactly the records the value counts: org × period × declared filter × dimensions."""
        paths, dims_q = self.paths_and_q(scope, dims)
        return Q(org_path__any_of=paths) & self.where_q(period, dims_q)

    def _queryset(self, q: Q):
        # order_by() drops Meta.ordering, which would otherwise join the GROUP BY and defeat index-only scans.
        return self.model._default_manager.filter(q).order_by()

    # --- aggregation: one query each ---
    def aggregate(self, qs):
        raise NotImplementedError

    def aggregate_by(self, qs, columns: list[str]) -> list[tuple]:
        """Rows of (*columns, aggregate)."""
        raise NotImplementedError

    def query_grouped(self, paths: list[str], where: Q, column: str | None) -> dict:
        """One GROUP BY org_path[, column] query: {org_path or (org_path, value): aggregate}."""
        if not paths:
            return {}
        columns = ["org_path", column] if column else ["org_path"]
        rows = self.aggregate_by(self._queryset(Q(org_path__any_of=paths) & where), columns)
        return {(tuple(row[:-1]) if column else row[0]): (row[-1] or 0) for row in rows}

    def _record_result(self, scope, period, dims, value) -> Result:
        exact = Fraction(value)
        if not isinstance(value, int):  # a sum over a decimal field (金额): half-up like every other figure
            value = round_half_up(exact, self.decimals) if self.decimals else int(round_half_up(exact, 0))
        return self._result(scope, period, dims, value=value, exact=exact, model=self.model,
                            filter_factory=lambda: self.records_q(scope, period, dims))

    def evaluate(self, scope, period, dims):
        if self.additive:
            value = sum(compute.grouped(self, scope, period, dims, fold=compute.TOTAL).values(), 0)
        else:
            value = compute.single(self, scope, period, "value", _dims_key(dims),
                                   lambda: self.aggregate(self._queryset(self.records_q(scope, period, dims))))
        return self._record_result(scope, period, dims, value)

    def _sums_by(self, scope, period, dim, dims) -> dict[str, object]:
        """{bucket key: aggregate} of an additive breakdown, folded from the per-unit (and per-choice) figures."""
        sums: dict[str, object] = {}
        if dim.by_org:
            fold = compute.Fold(dim.name, lambda path: dim.key_of(path, scope))
            pairs = ((dim.key_of(path, scope), value)
                     for path, value in compute.grouped(self, scope, period, dims, fold=fold).items())
        else:
            pairs = ((dim.key_of(choice, scope), value) for (_path, choice), value
                     in compute.grouped(self, scope, period, dims, column=dim.group_column(),
                                        fold=compute.TOTAL).items())
        for key, value in pairs:
            sums[key] = sums.get(key, 0) + value
        return sums

    def _query_buckets(self, scope, period, dim, dims) -> dict[str, object]:
        """A non-additive breakdown needs its buckets grouped in SQL (one person in two offices of a township is
        one person of that township): GROUP BY the choice field, or by a CASE mapping org paths to buckets."""
        qs = self._queryset(self.records_q(scope, period, dims))
        if not dim.by_org:
            return {dim.key_of(choice, scope): value for choice, value in self.aggregate_by(qs, [dim.group_column()])}
        whens = [When(org_path__any_of=paths, then=Value(key)) for key, _label in dim.buckets(scope)
                 if (paths := dim.paths(key, scope))]
        qs = qs.annotate(bucket_key=Case(*whens, default=Value(""), output_field=CharField()))
        return dict(self.aggregate_by(qs, ["bucket_key"]))

    def breakdown(self, scope, period, by, dims):
        dim = self.dimension(by)
        if self.additive:
            sums = self._sums_by(scope, period, dim, dims)
            total = self._record_result(scope, period, dims, sum(sums.values(), 0))  # same figures, summed
        else:
            sums = compute.single(self, scope, period, "breakdown", f"{dim.name}|{_dims_key(dims)}",
                                  lambda: self._query_buckets(scope, period, dim, dims))
            total = self.evaluate(scope, period, dims)
        rows = [BreakdownRow(key, label, self._record_result(scope, period, {**dims, by: key}, sums.get(key, 0)))
                for key, label in dim.buckets(scope)]
        return Breakdown(total=total, dimension=dim, rows=rows, additive=self.additive)

    def has_data(self, scope, period):
        return compute.has_records(self.model, scope, self.data_q(period))

    def series(self, scope, periods):
        """Consecutive calendar months of a plain date-range count or sum: one query grouped by month (or the
        stored roll-ups) for all of them."""
        if not (periods and compute.consecutive_months(periods) and rollups.eligible(self)):
            return super().series(scope, periods)
        by_month = compute.monthly(self, scope, periods[0].start, periods[-1].end)
        return [self._record_result(scope, period, {}, by_month.get(period.start, 0)) for period in periods]


class Count(RecordIndicator):
    """件: the number of records (受理类 by intake date, 办结类 by closure date, `carried_over` for 旧存/结转).

    A cohort (`reached_by="closed_on"`): the records dated in the period whose second date is no later than the
    period's last day — cases accepted in the period and closed successfully by its end, people released in the
    period and linked by its end — so a rate over the same cohort never exceeds 100%. The stored roll-ups keep
    the second date's month (rollups.py)."""

    kind = "count"
    rolls_up = True

    def __init__(self, code, name, *, unit: str = "件", **kwargs):
        super().__init__(code, name, unit=unit, **kwargs)
        if not self.date:
            raise ValueError(f"指标“{code}”须指定统计日期字段（date=，受理类用受理日期，办结类用结案日期）。")

    def aggregate(self, qs):
        return qs.count()

    def aggregate_expression(self):
        """The SQL aggregate of one group of records (the stored roll-ups are built with it, in the database)."""
        return CountAgg("*")

    def aggregate_by(self, qs, columns):
        return list(qs.values_list(*columns).annotate(n=self.aggregate_expression()).values_list(*columns, "n"))


class Sum(RecordIndicator):
    """人次, 金额…: the sum of a numeric field over the records in the period."""

    kind = "sum"
    rolls_up = True

    def __init__(self, code, name, *, field: str, **kwargs):
        super().__init__(code, name, **kwargs)
        if not self.date:
            raise ValueError(f"指标“{code}”须指定统计日期字段（date=）。")
        self.field = field

    def describe(self):
        return f"{super().describe()}|{self.field}"

    def aggregate(self, qs):
        value = qs.aggregate(v=SumAgg(self.field))["v"]
        return 0 if value is None else value

    def aggregate_expression(self):
        return SumAgg(self.field)

    def aggregate_by(self, qs, columns):
        return list(qs.values_list(*columns).annotate(v=self.aggregate_expression()).values_list(*columns, "v"))


class Distinct(RecordIndicator):
    """人: the number of distinct values of a person key (件 ≠ 人 ≠ 人次, DOMAIN §0). Not additive: one person
    may appear under two types, so a breakdown can sum to more than the total."""

    kind = "distinct"
    additive = False

    def __init__(self, code, name, *, field: str, unit: str = "人", **kwargs):
        super().__init__(code, name, unit=unit, **kwargs)
        if not self.date:
            raise ValueError(f"指标“{code}”须指定统计日期字段（date=）。")
        self.field = field

    def describe(self):
        return f"{super().describe()}|{self.field}"

    def period_q(self, period):
        q = super().period_q(period) & Q(**{f"{self.field}__isnull": False})
        if self.model._meta.get_field(self.field).get_internal_type() in {"CharField", "TextField"}:
            q &= ~Q(**{self.field: ""})
        return q

    def aggregate(self, qs):
        return qs.aggregate(v=CountAgg(self.field, distinct=True))["v"] or 0

    def aggregate_by(self, qs, columns):
        return list(qs.values_list(*columns).annotate(v=CountAgg(self.field, distinct=True))
                    .values_list(*columns, "v"))


class Stock(Count):
    """在册: records in force at the end of the period, start ≤ as_of and (end is empty or as_of < end).

    `during=True`: in force at any time during the period instead — started by its last day and not ended before
    its first (期内在矫人数). `undated_start=True`: a record without a start date (loaded from an old ledger without
    one) counts as in force since before any period. `end=""`: records never end (a 品牌调解室).

    `per="village"`: count the distinct values of that field among the records in force instead of the records
    (村(社区) with an adviser), and with `at_least=3` only the values held by at least that many records in force
    (村 with ≥3 法律明白人). Such a figure is not additive: a breakdown by unit counts a value in a bucket only when
    the bucket's own records reach `at_least`."""

    kind = "stock"
    rolls_up = False  # a stock is as of a day, not a sum of months

    def __init__(self, code, name, *, start: str, end: str, during: bool = False, undated_start: bool = False,
                 unit: str = "人", per: str = "", at_least: int = 1, **kwargs):
        super().__init__(code, name, date=start, unit=unit, **kwargs)
        self.start, self.end = start, end
        self.during, self.undated_start = during, undated_start
        if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
            raise ValueError(f"指标“{code}”的 at_least 应为不小于1的整数。")
        if at_least > 1 and not per:
            raise ValueError(f"指标“{code}”设了 at_least，须用 per= 指明按哪个字段计数（如 per=\"village\"）。")
        self.per, self.at_least = per, at_least
        if per:
            self.additive = False

    def describe(self):
        flags = "".join(f"|{flag}" for flag, on in (("during", self.during), ("undated", self.undated_start)) if on)
        if self.per:
            self.model._meta.get_field(self.per)  # FieldDoesNotExist: reported by `sifa check` (indicators.E001)
        per = f"|per={self.per}>={self.at_least}" if self.per else ""
        return f"{super().describe()}|{self.start}|{self.end}{flags}{per}"

    def records_q(self, scope, period, dims):
        """With `per`, the records behind the figure are those of the values it counts (a village's 明白人 when
        the village reaches `at_least`), so a drill-down lists exactly them."""
        q = super().records_q(scope, period, dims)
        if not self.per:
            return q
        held = (self._queryset(q & self._per_filled_q()).values(self.per)
                .annotate(n=CountAgg("*")).filter(n__gte=self.at_least).values(self.per))
        return q & Q(**{f"{self.per}__in": held})

    def aggregate(self, qs):
        if not self.per:
            return super().aggregate(qs)
        return self._per_groups(qs, []).get((), 0)

    def aggregate_by(self, qs, columns):
        if not self.per:
            return super().aggregate_by(qs, columns)
        return [(*key, n) for key, n in self._per_groups(qs, columns).items()]

    def _per_filled_q(self) -> Q:
        """Records that name a `per` value (a blank text counts as none, as in Distinct)."""
        q = Q(**{f"{self.per}__isnull": False})
        if self.model._meta.get_field(self.per).get_internal_type() in {"CharField", "TextField"}:
            q &= ~Q(**{self.per: ""})
        return q

    def _per_groups(self, qs, columns: list[str]) -> dict[tuple, int]:
        """{(*columns): number of `per` values with at least `at_least` records} — one GROUP BY … HAVING query."""
        rows = (qs.filter(self._per_filled_q()).values_list(*columns, self.per)
                .annotate(n=CountAgg("*")).filter(n__gte=self.at_least).values_list(*columns, self.per))
        groups: dict[tuple, int] = {}
        for row in rows:
            key = tuple(row[:-1])
            groups[key] = groups.get(key, 0) + 1
        return groups

    def date_fields(self):
        return [f for f in (self.start, self.end) if f]

    def _started_q(self, as_of: dt.date) -> Q:
        q = self._through_q(self.start, as_of)
        return q | Q(**{f"{self.start}__isnull": True}) if self.undated_start else q

    def period_q(self, period):
        q = self._started_q(period.end)
        if not self.end:
            return q
        not_ended = self._from_q(self.end, period.start) if self.during else self._after_q(self.end, period.end)
        return q & (Q(**{f"{self.end}__isnull": True}) | not_ended)

    def data_q(self, period):
        return self._started_q(period.end)


# --------------------------------------------------------------------------------------------- divisions


class Divisions(Indicator):
    """村（社区）: the administrative divisions of one level in the evaluated unit's area (division codes nest, so
    the area is every division whose code starts with the unit's) — the denominator of a coverage rate over
    villages (法律明白人配备率, 村(居)法律顾问覆盖率). Not records: the register of divisions as it stands (no
    period), no dimensions and nothing to drill into; `has_data` is False so a rate's 同比 follows its numerator."""

    kind = "divisions"

    def __init__(self, code, name, *, level: str = "village", unit: str = "个", **kwargs):
        super().__init__(code, name, unit=unit, **kwargs)
        from sifa.core.models.orgs import DivisionLevel

        if level not in DivisionLevel.values:
            raise ValueError(f"指标“{code}”的区划层级“{level}”无效。")
        self.level = level

    def describe(self):
        return f"{super().describe()}|{self.level}"

    def model_labels(self):
        return {"core.division"}

    def dimension_names(self):
        return []

    def dimension(self, name):
        raise DimensionError(f"指标“{self.name}”没有维度“{name}”。")

    def evaluate(self, scope, period, dims):
        from sifa.core.models import Division

        code = scope.org.division_id
        if not code:
            return self._result(scope, period, dims, reason=f"{scope.org.name}未关联行政区划，无法统计{self.name}。")
        value = cached_lookup(["core.division"], f"divisions:{self.level}:{code}",
                              lambda: Division.objects.filter(level=self.level, code__startswith=code).count())
        return self._result(scope, period, dims, value=value, exact=Fraction(value))

    def breakdown(self, scope, period, by, dims):
        raise DimensionError(f"指标“{self.name}”不能分组。")

    def has_data(self, scope, period):
        return False


# ----------------------------------------------------------------------------------------------- derived


class _Derived(Indicator):
    def _part(self, ref):
        return registry.get(ref) if isinstance(ref, str) else ref

    def parts(self) -> list[Indicator]:
        raise NotImplementedError

    def model_labels(self):
        return set().union(*(p.model_labels() for p in self.parts()))

    def dimension_names(self):
        names = [n for n in self.parts()[0].dimension_names()]
        return [n for n in names if all(n in p.dimension_names() for p in self.parts()[1:])]

    def dimension(self, name):
        return self.parts()[0].dimension(name)

    def clean_dims(self, dims, scope):
        clean = super().clean_dims(dims, scope)
        for part in self.parts():
            part.clean_dims(clean, scope)
        return clean

    def has_data(self, scope, period):
        return any(p.has_data(scope, period) for p in self.parts())


def _missing_part_reason(part: Result) -> str:
    return f"“{part.name}”无值（{part.reason}）"


def parts_note(num: Result, den: Result) -> str:
    """The formula's parts in words, for a rate whose definition varies between bureaus (DOMAIN §17): the reader
    sees what was divided by what — “31/90（综合纠错31件 ÷ 审结90件）”."""
    return (f"{num.display}/{den.display}（{num.name}{num.display}{num.unit} ÷ "
            f"{den.name}{den.display}{den.unit}）")


class Ratio(_Derived):
    """numerator ÷ denominator × factor (100 for %, 1000 for ‰, 1 for a plain ratio), both indicators evaluated
    on the same org, period and dimensions. A zero denominator gives no value and says so — never a made-up 0%.
    `show_parts=True` writes the parts into the result's note (parts_note), for rates whose published
    definitions differ."""

    kind = "ratio"

    def __init__(self, code, name, *, numerator, denominator, factor: int = 100, unit: str = "%",
                 decimals: int = 2, show_parts: bool = False, **kwargs):
        super().__init__(code, name, unit=unit, decimals=decimals, **kwargs)
        self._numerator, self._denominator, self.factor = numerator, denominator, factor
        self.show_parts = show_parts

    @property
    def numerator(self) -> Indicator:
        return self._part(self._numerator)

    @property
    def denominator(self) -> Indicator:
        return self._part(self._denominator)

    def parts(self):
        return [self.numerator, self.denominator]

    def describe(self):
        return f"{super().describe()}|{self.numerator.describe()}|{self.denominator.describe()}|{self.factor}"

    def combine(self, scope, period, dims, num: Result, den: Result) -> Result:
        common = {"numerator": num, "denominator": den}
        if num.value is None or den.value is None:
            missing = num if num.value is None else den
            return self._result(scope, period, dims, reason=_missing_part_reason(missing), **common)
        if den.exact == 0:
            return self._result(scope, period, dims, reason=f"分母“{den.name}”为0，无法计算{self.name}。", **common)
        exact = Fraction(num.exact) * self.factor / Fraction(den.exact)
        note = parts_note(num, den) if self.show_parts else ""
        return self._result(scope, period, dims, value=round_half_up(exact, self.decimals), exact=exact, note=note,
                            **common)

    def evaluate(self, scope, period, dims):
        return self.combine(scope, period, dims, self.numerator.evaluate(scope, period, dims),
                            self.denominator.evaluate(scope, period, dims))

    def series(self, scope, periods):
        return [self.combine(scope, period, {}, num, den) for period, num, den in zip(
            periods, self.numerator.series(scope, periods), self.denominator.series(scope, periods), strict=True)]

    def breakdown(self, scope, period, by, dims):
        nums = self.numerator.breakdown(scope, period, by, dims)
        dens = {row.key: row.result for row in self.denominator.breakdown(scope, period, by, dims).rows}
        rows = [BreakdownRow(row.key, row.label, self.combine(scope, period, row.result.dims, row.result,
                                                              dens[row.key]))
                for row in nums.rows]
        return Breakdown(total=self.evaluate(scope, period, dims), dimension=nums.dimension, rows=rows,
                         additive=False)


class PerPopulation(_Derived):
    """numerator per `per` residents (万人化解率: per=10000) of the division the figure is for — the org's, or
    the township's when filtered or broken down by township — using the 常住人口 of the period's year
    (core Population; the latest earlier year stands in, and the result says so)."""

    kind = "per_population"

    def __init__(self, code, name, *, numerator, per: int = 10000, unit: str = "件/万人", decimals: int = 2,
                 **kwargs):
        super().__init__(code, name, unit=unit, decimals=decimals, **kwargs)
        self._numerator, self.per = numerator, per

    @property
    def numerator(self) -> Indicator:
        return self._part(self._numerator)

    def parts(self):
        return [self.numerator]

    def model_labels(self):
        return super().model_labels() | {"core.population"}

    def describe(self):
        return f"{super().describe()}|{self.numerator.describe()}|{self.per}"

    def combine(self, scope, period, dims, num: Result) -> Result:
        division = dims.get("township") or scope.org.division_id
        figure = population(division, period.year)
        if num.value is None:
            return self._result(scope, period, dims, reason=_missing_part_reason(num), numerator=num)
        if figure is None or figure.residents <= 0:
            return self._result(scope, period, dims, numerator=num,
                                reason=f"缺少{division_name(division)}{period.year}年常住人口，无法计算{self.name}。")
        note = f"按{figure.division_name}{figure.year}年常住人口{figure.residents}人计算（{figure.source}）"
        if figure.year != period.year:
            note += f"；{period.year}年常住人口尚未录入"
        exact = Fraction(num.exact) * self.per / figure.residents
        return self._result(scope, period, dims, value=round_half_up(exact, self.decimals), exact=exact,
                            numerator=num, population=figure, note=note)

    def evaluate(self, scope, period, dims):
        return self.combine(scope, period, dims, self.numerator.evaluate(scope, period, dims))

    def series(self, scope, periods):
        return [self.combine(scope, period, {}, num) for period, num in zip(
            periods, self.numerator.series(scope, periods), strict=True)]

    def breakdown(self, scope, period, by, dims):
        nums = self.numerator.breakdown(scope, period, by, dims)
        rows = [BreakdownRow(row.key, row.label, self.combine(scope, period, row.result.dims, row.result))
                for row in nums.rows]
        return Breakdown(total=self.evaluate(scope, period, dims), dimension=nums.dimension, rows=rows,
                         additive=False)
