"""The reconsideration line's indicators (DOMAIN.md §9 统计指标), declared into the shared registry.

Counting choices, also written into each note:
- 收到 by receipt date, 不予受理 by the decision's date, 受理 by acceptance date (逾期视为受理 on the day the
  review period expired): 受理类. Seed 000: 收到23 = 不予受理2 + 受理21 when every application of the period
  was decided by its end.
- 审结 by closure date, including cases accepted in earlier years (含上年结转, DOMAIN §0; seed 001 90 含结转11).
- 直接纠错 = 变更 + 撤销 + 部分撤销 + 确认违法 + 确认无效 + 责令履行 (DOMAIN §9).
- 综合纠错率 and 协调调撤率 have no single published definition (DOMAIN §17 歧义3–5): their parts are the
  bureau's own choice (ReviewSettings, set on the 行政复议设置 page) and every value prints its parts. The
  defaults are the ones the seeds fit: 综合纠错 = 直接纠错 + 调解、和解、撤回中被申请人自行纠正, ÷ 审结含结转
  (seed 001: 31/90 = 34.44%); 协调调撤 = 调解 + 和解、撤回终止, ÷ 审结含旧存 (seed 002: 46/99 = 46.46%).
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Ratio, RelatedDimension, Sum, register
from sifa.indicators.declarations import Indicator, parts_note
from sifa.indicators.results import Breakdown, BreakdownRow, round_half_up

from .models import CLOSED_STATUSES, DIRECT_CORRECTIONS, TERMINATIONS, Denominator, Outcome

LINE = "行政复议"
CASE = "reconsideration.Case"
DIMENSIONS = ["act_type", RelatedDimension("respondent", "被申请人"), "procedure"]
CLOSED_DIMENSIONS = [*DIMENSIONS, "outcome"]
CLOSED = Q(status__in=CLOSED_STATUSES)


def closed(code: str, name: str, outcomes=None, *, note: str, order: int, extra: Q | None = None, **kwargs) -> Count:
    q = CLOSED & (Q(outcome__in=[str(o) for o in outcomes]) if outcomes else Q()) & (extra or Q())
    return Count(code, name, model=CASE, date="closed_on", filter=q, line=LINE, order=order,
                 dimensions=CLOSED_DIMENSIONS, note=note, **kwargs)


register(
    Count("reconsideration.received", "收到行政复议申请", model=CASE, date="received_on", line=LINE, order=10,
          dimensions=[*DIMENSIONS, "channel"],
          note="按收到日期统计的行政复议申请（当面、邮寄、网络、口头），含尚在受理审查、补正中的（砀山2021年23件）。"),
    Count("reconsideration.declined", "不予受理", model=CASE, date="declined_on", line=LINE, order=11,
          dimensions=DIMENSIONS, note="按不予受理决定日期统计（砀山2021年2件）。"),
    Count("reconsideration.accepted", "受理行政复议案件", model=CASE, date="accepted_on", line=LINE, order=12,
          dimensions=DIMENSIONS,
          note="受理类，按受理日期统计；逾期视为受理的，以受理审查期限届满之日为受理日期（砀山2021年21件）。"),
    closed("reconsideration.closed", "审结（办结）行政复议案件", order=20,
           note="办结类，按结案日期统计，含上年结转（DOMAIN §0）；含决定、调解和终止（砀山2021年16件；环翠2022年90件）。"),
    closed("reconsideration.closed_carried", "其中上年结转", order=21, carried_over="accepted_on",
           note="审结案件中受理日期早于本期的（环翠2022年含去年结转11件）。"),
    closed("reconsideration.closed_substantive", "审结（不含程序性终止）", order=22,
           extra=~Q(outcome=Outcome.TERMINATED),
           note="审结案件扣除因申请人死亡、组织终止、刑事强制措施、中止满60日等程序性原因终止的。"),
    closed("reconsideration.upheld", "维持", [Outcome.UPHELD], order=30, note="结案方式为维持的，按结案日期统计。"),
    closed("reconsideration.rejected", "驳回", [Outcome.CLAIM_REJECTED, Outcome.APPLICATION_REJECTED], order=31,
           note="驳回复议请求与驳回复议申请合计，按结案日期统计。"),
    closed("reconsideration.varied", "变更", [Outcome.VARIED], order=32, note="决定变更的，按结案日期统计。"),
    closed("reconsideration.revoked", "撤销", [Outcome.REVOKED, Outcome.PARTLY_REVOKED], order=33,
           note="决定撤销（含部分撤销）的，按结案日期统计。"),
    closed("reconsideration.unlawful", "确认违法", [Outcome.UNLAWFUL], order=34, note="决定确认违法的，按结案日期统计。"),
    closed("reconsideration.void", "确认无效", [Outcome.VOID], order=35, note="决定确认无效的（2023年修订法）。"),
    closed("reconsideration.ordered", "责令履行", [Outcome.ORDERED], order=36, note="决定责令履行的，按结案日期统计。"),
    closed("reconsideration.mediated", "调解结案", [Outcome.MEDIATED], order=37, note="制作行政复议调解书结案的。"),
    closed("reconsideration.terminated", "终止", TERMINATIONS, order=38,
           note="终止行政复议的（和解撤回、撤回申请、其他情形），按结案日期统计。"),
    closed("reconsideration.withdrawn", "和解、撤回终止", [Outcome.SETTLED, Outcome.WITHDRAWN], order=39,
           note="申请人和解后撤回或撤回申请，准予撤回而终止的。"),
    closed("reconsideration.direct_corrections", "直接纠错", DIRECT_CORRECTIONS, order=40,
           note="变更、撤销（含部分撤销）、确认违法、确认无效、责令履行之和（DOMAIN §9）。"),
    closed("reconsideration.mediated_corrected", "调解中被申请人自行纠正", [Outcome.MEDIATED], order=41,
           extra=Q(respondent_corrected=True), note="调解结案且被申请人自行纠正（撤销、变更原行为或履行职责）的。"),
    closed("reconsideration.settled_corrected", "和解、撤回中被申请人自行纠正", [Outcome.SETTLED, Outcome.WITHDRAWN],
           order=42, extra=Q(respondent_corrected=True),
           note="因被申请人自行纠正，申请人和解或撤回申请而终止的。"),
    Ratio("reconsideration.direct_correction_rate", "直接纠错率", numerator="reconsideration.direct_corrections",
          denominator="reconsideration.closed", line=LINE, order=43, show_parts=True,
          note="直接纠错 ÷ 审结（含上年结转）（砀山2021年4/16=25.00%）。"),
    Sum("reconsideration.decision_days_total", "审结案件审理用时合计", model=CASE, date="closed_on", field="decision_days",
        filter=CLOSED & Q(decision_days__isnull=False), unit="日", line=LINE, order=60, dimensions=CLOSED_DIMENSIONS,
        note="审结案件自受理至结案的日数之和，扣除中止期间。"),
    closed("reconsideration.closed_timed", "审结案件（有审理用时）", order=61, extra=Q(decision_days__isnull=False),
           note="有受理日期、可计算审理用时的审结案件（历史台账导入未填受理日期的不计）。"),
    Ratio("reconsideration.average_days", "平均审理天数", numerator="reconsideration.decision_days_total",
          denominator="reconsideration.closed_timed", factor=1, unit="日", decimals=1, line=LINE, order=62,
          show_parts=True, note="审理用时合计 ÷ 有审理用时的审结案件，扣除中止期间。"),
)


# --- rates whose parts the bureau chooses -------------------------------------------------------------------------

DENOMINATORS = {Denominator.CLOSED: "reconsideration.closed",
                Denominator.CLOSED_SUBSTANTIVE: "reconsideration.closed_substantive",
                Denominator.ACCEPTED: "reconsideration.accepted"}


def settings_for_scope(scope):
    """The ReviewSettings of the bureau at or above the evaluated unit; the defaults above county level."""
    from .models import ReviewSettings

    for row in ReviewSettings.objects.order_by("-org_path"):
        if scope.org.path.startswith(row.org_path):
            return row
    return ReviewSettings()


class ConfiguredRate(Indicator):
    """A rate whose numerator parts and denominator the bureau chooses (DOMAIN §17): `choose(settings)` returns
    (numerator codes, denominator code). The value prints its parts (“31/90（综合纠错31件 ÷ 审结90件）”, with
    the numerator's parts named), so two bureaus' figures can be compared."""

    kind = "configured_rate"

    def __init__(self, code, name, *, choose, candidates, numerator_name: str, **kwargs):
        super().__init__(code, name, unit="%", decimals=2, **kwargs)
        self.choose, self.candidates, self.numerator_name = choose, candidates, numerator_name

    def parts(self):
        from sifa.indicators import registry

        return [registry.get(c) for c in self.candidates]

    def model_labels(self):
        return set().union(*(p.model_labels() for p in self.parts())) | {"reconsideration.reviewsettings"}

    def dimension_names(self):
        names = self.parts()[0].dimension_names()
        return [n for n in names if all(n in p.dimension_names() for p in self.parts()[1:])]

    def dimension(self, name):
        return self.parts()[0].dimension(name)

    def has_data(self, scope, period):
        return any(p.has_data(scope, period) for p in self.parts())

    def describe(self):
        return f"{super().describe()}|{'+'.join(self.candidates)}"

    def _combine(self, scope, period, dims, nums, den):
        from fractions import Fraction

        from sifa.indicators.results import Result

        missing = [r for r in [*nums, den] if r.value is None]
        if missing:
            return self._result(scope, period, dims, reason=f"“{missing[0].name}”无值（{missing[0].reason}）")
        total = sum(Fraction(n.exact) for n in nums)
        numerator = Result(indicator=_Named(self.numerator_name), org=scope.org, period=period, dims=dict(dims),
                           value=int(total) if total.denominator == 1 else total, exact=total)
        parts = " + ".join(f"{n.name}{n.display}" for n in nums)
        if den.exact == 0:
            return self._result(scope, period, dims, numerator=numerator, denominator=den,
                                reason=f"分母“{den.name}”为0，无法计算{self.name}。")
        exact = total * 100 / Fraction(den.exact)
        return self._result(scope, period, dims, value=round_half_up(exact, 2), exact=exact, numerator=numerator,
                            denominator=den, note=f"{parts_note(numerator, den)}；{self.numerator_name} = {parts}")

    def _chosen(self, scope):
        from sifa.indicators import registry

        nums, den = self.choose(settings_for_scope(scope))
        return [registry.get(c) for c in nums], registry.get(den)

    def evaluate(self, scope, period, dims):
        nums, den = self._chosen(scope)
        return self._combine(scope, period, dims, [n.evaluate(scope, period, dims) for n in nums],
                             den.evaluate(scope, period, dims))

    def breakdown(self, scope, period, by, dims):
        nums, den = self._chosen(scope)
        num_rows = [n.breakdown(scope, period, by, dims) for n in nums]
        den_rows = {row.key: row.result for row in den.breakdown(scope, period, by, dims).rows}
        rows = [BreakdownRow(row.key, row.label,
                             self._combine(scope, period, row.result.dims,
                                           [b.rows[i].result for b in num_rows], den_rows[row.key]))
                for i, row in enumerate(num_rows[0].rows)]
        return Breakdown(total=self.evaluate(scope, period, dims), dimension=num_rows[0].dimension, rows=rows,
                         additive=False)


class _Named:
    """The stand-in declaration of a numerator summed from several indicators (it has a name and a unit)."""

    def __init__(self, name):
        self.name, self.unit, self.decimals, self.code = name, "件", 0, ""


def comprehensive_parts(settings):
    nums = ["reconsideration.direct_corrections"]
    if settings.correction_counts_mediated:
        nums.append("reconsideration.mediated_corrected")
    if settings.correction_counts_settled:
        nums.append("reconsideration.settled_corrected")
    return nums, DENOMINATORS[settings.correction_denominator]


def settlement_parts(settings):
    nums = ["reconsideration.mediated"]
    if settings.settlement_counts_withdrawn:
        nums.append("reconsideration.withdrawn")
    return nums, DENOMINATORS[settings.settlement_denominator]


register(
    ConfiguredRate("reconsideration.comprehensive_correction_rate", "综合纠错率", choose=comprehensive_parts,
                   candidates=("reconsideration.direct_corrections", "reconsideration.mediated_corrected",
                               "reconsideration.settled_corrected", *DENOMINATORS.values()),
                   numerator_name="综合纠错", line=LINE, order=44,
                   note="（直接纠错 + 本局设置计入的调解、和解撤回中被申请人自行纠正）÷ 本局设置的分母；默认分母为审结"
                        "（含上年结转），即环翠2022年31/90=34.44%的口径（DOMAIN §9、§17歧义3）。"),
    ConfiguredRate("reconsideration.settlement_rate", "协调调撤率", choose=settlement_parts,
                   candidates=("reconsideration.mediated", "reconsideration.withdrawn", *DENOMINATORS.values()),
                   numerator_name="调解与协调撤回", line=LINE, order=45,
                   note="（调解结案 + 本局设置计入的和解、撤回终止）÷ 本局设置的分母；默认分母为审结（含旧存），"
                        "即东阳2021年46/99=46.46%的口径（DOMAIN §9、§17歧义4）。"),
)
