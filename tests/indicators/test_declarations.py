import pytest
from django.core import checks

from sifa.indicators import Count, Ratio, register, registry
from sifa.indicators.checks import check_indicators


@pytest.fixture
def temporary():
    codes = []

    def add(indicator):
        register(indicator)
        codes.append(indicator.code)
        return indicator

    yield add
    for code in codes:
        registry.unregister(code)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"code": "NoDots"}, "指标代码“NoDots”不规范"),
    ({"note": " "}, "须有口径说明"),
    ({"unit": ""}, "须有中文名称和计量单位"),
    ({"decimals": 9}, "小数位数"),
    ({"date": ""}, "须指定统计日期字段"),
])
def test_declarations_are_validated(kwargs, message):
    base = {"code": "tmp.count", "name": "临时", "model": "indicators_testapp.Case", "date": "intake_date",
            "unit": "件", "note": "测试"}
    base.update(kwargs)
    with pytest.raises(ValueError, match=message):
        Count(base.pop("code"), base.pop("name"), **base)


def test_duplicate_code_with_another_formula_is_refused(temporary):
    temporary(Count("tmp.dup", "临时", model="indicators_testapp.Case", date="intake_date", note="测试"))
    register(Count("tmp.dup", "临时", model="indicators_testapp.Case", date="intake_date", note="测试"))  # same: ok
    with pytest.raises(ValueError, match="重复登记"):
        register(Count("tmp.dup", "临时", model="indicators_testapp.Case", date="closure_date", note="测试"))


def test_missing_index_and_broken_references_are_reported(temporary, db):
    temporary(Count("tmp.by_end", "按解矫日期", model="indicators_testapp.Supervision", date="end_date", note="测试"))
    temporary(Ratio("tmp.broken", "断链比率", numerator="tmp.by_end", denominator="tmp.absent", note="测试"))
    temporary(Count("tmp.bad_dim", "坏维度", model="indicators_testapp.Case", date="intake_date",
                    dimensions=["persons"], note="测试"))
    found = {(p.id, p.obj) for p in check_indicators()}
    assert ("indicators.W001", "tmp.by_end") in found
    assert ("indicators.E001", "tmp.broken") in found
    assert ("indicators.E001", "tmp.bad_dim") in found
    assert not {p for p in found if p[1].startswith("itest.")}  # the test line's declarations are sound
    assert all(isinstance(p, checks.CheckMessage) for p in check_indicators())
