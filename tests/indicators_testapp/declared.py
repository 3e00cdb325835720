"""The test line's indicators, declared exactly as a business line declares them in its indicators.py.

They are registered only around the engine's own tests (tests/indicators/conftest.py), so the rest of the suite
— dashboards, reports, coverage lists — never sees a test line."""

from django.db.models import Q

from sifa.indicators import Count, Distinct, PerPopulation, Ratio, Stock, Sum, register

LINE = "测试条线"


NOTE = "测试用口径（DOMAIN §0）。"

INDICATORS = (
    Count("itest.intake", "受理纠纷", model="indicators_testapp.Case", date="intake_date",
          dimensions=["case_type", "urgent"], line=LINE, note="受理类：按受理日期计（DOMAIN §0）。"),
    Count("itest.closed", "办结纠纷", model="indicators_testapp.Case", date="closure_date",
          dimensions=["case_type"], line=LINE, note="办结类：按结案日期计，含上年结转（DOMAIN §0）。"),
    Count("itest.carried", "办结上年结转纠纷", model="indicators_testapp.Case", date="closure_date",
          carried_over="intake_date", dimensions=["case_type"], line=LINE, note="期间内办结、期间前受理。"),
    Count("itest.success", "调解成功", model="indicators_testapp.Case", date="closure_date",
          filter=Q(outcome="success"), dimensions=["case_type"], line=LINE, note=NOTE),
    # a cohort: cases taken in in the period and closed successfully by its last day (as mediation's 调解成功)
    Count("itest.cohort_success", "本期受理且期末前调解成功", model="indicators_testapp.Case", date="intake_date",
          reached_by="closure_date", filter=Q(outcome="success"), dimensions=["case_type"], line=LINE, note=NOTE),
    Ratio("itest.success_rate", "调解成功率", numerator="itest.success", denominator="itest.intake",
          line=LINE, note="调解成功 ÷ 受理：[002] 7531/7549 = 99.76%。"),
    Ratio("itest.success_rate_whole", "调解成功率（取整）", numerator="itest.success", denominator="itest.intake",
          decimals=0, line=LINE, note="[000] 627/640 写作“98%”。"),
    Sum("itest.persons", "涉及人次", model="indicators_testapp.Case", date="intake_date", field="persons",
        unit="人次", dimensions=["case_type"], line=LINE, note=NOTE),
    Distinct("itest.people", "涉及人数", model="indicators_testapp.Case", date="intake_date", field="person_key",
             dimensions=["case_type"], line=LINE, note=NOTE),
    PerPopulation("itest.per_10k", "万人化解率", numerator="itest.success", line=LINE,
                  note="化解件 ÷ 常住人口（万）（DOMAIN §2）。"),
    Stock("itest.registered", "在册矫正对象", model="indicators_testapp.Supervision", start="start_date",
          end="end_date", dimensions=["category"], line=LINE, note="在册：入矫 ≤ 截止日 < 解矫（DOMAIN §0、§5）。"),
)


def register_all():
    register(*INDICATORS)


def unregister_all():
    from sifa.indicators import registry

    for indicator in INDICATORS:
        registry.unregister(indicator.code)
