import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from sifa.core.models import AuditEvent
from sifa.indicators import registry
from sifa.indicators.models import Baseline

from .builders import make_cases


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def records(county):
    make_cases(county["office_a"], 627, closure=dt.date(2021, 5, 1), outcome="success")
    make_cases(county["office_b"], 13, closure=dt.date(2021, 5, 1), outcome="failed")
    return county


def test_json_has_every_indicator_with_code_name_value_unit(records):
    rows = json.loads(run("--org", "341321", "--period", "2021H1", "--format", "json"))
    assert [r["code"] for r in rows] == [i.code for i in registry.all_indicators()]
    by_code = {r["code"]: r for r in rows}
    assert {"code", "name", "value", "unit"} <= set(by_code["itest.intake"])
    assert (by_code["itest.intake"]["value"], by_code["itest.intake"]["unit"]) == (640, "件")
    assert by_code["itest.success_rate_whole"]["value"] == 98
    assert by_code["itest.success_rate"]["value"] == 97.97
    assert by_code["itest.per_10k"]["value"] is None and "常住人口" in by_code["itest.per_10k"]["note"]


def test_table_and_line_filter(records):
    out = run("--org", "341321-SFJ", "--period", "2021H1", "--line", "测试条线")
    assert out.startswith("砀山县司法局（341321-SFJ） · 2021年上半年")
    assert "itest.success_rate_whole  调解成功率（取整）" in out
    line = next(row for row in out.splitlines() if row.startswith("itest.intake "))
    assert line.split()[1:4] == ["受理纠纷", "640", "件"]
    assert run("--org", "341321", "--period", "2021H1", "--line", "itest") == out


@pytest.mark.parametrize(("args", "message"), [
    (["--org", "341321", "--period", "2021Q9"], "无法识别的统计期间“2021Q9”"),
    (["--org", "999999", "--period", "2021"], "机构“999999”不存在"),
    (["--period", "2021"], "请同时给出 --org"),
    (["--org", "341321", "--period", "2021", "--line", "没有这条线"], "没有已登记的指标"),
])
def test_bad_input_exits_non_zero_in_chinese(county, args, message):
    with pytest.raises(CommandError, match=message) as info:
        run(*args)
    assert info.value.returncode == 2 and type(info.value).__name__ == "错误"


def test_list_prints_the_registry(db):
    out = run("list")
    assert "itest.registered" in out and "在册矫正对象" in out and "township、org、category" in out
    listed = json.loads(run("list", "--format", "json"))
    assert {i["code"] for i in listed} == {i.code for i in registry.all_indicators()}


def test_baseline_set_list_delete(records):
    out = run("baseline", "set", "--code", "itest.intake", "--org", "341321", "--period", "2020H1",
              "--value", "600", "--source", "2020年上半年工作总结")
    assert "已保存历史基数" in out
    baseline = Baseline.objects.get()
    assert baseline.org.code == "341321-SFJ" and baseline.entered_by is None
    assert AuditEvent.objects.filter(verb="录入历史基数", username="命令行").exists()
    rows = json.loads(run("--org", "341321", "--period", "2021H1", "--format", "json"))
    assert next(r for r in rows if r["code"] == "itest.intake")["value"] == 640  # never the current value
    assert "2020H1" in run("baseline", "list", "--org", "341321")
    run("baseline", "delete", "--code", "itest.intake", "--org", "341321", "--period", "2020H1")
    assert not Baseline.objects.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--code", "nope.x", "--period", "2020", "--value", "1"], "指标“nope.x”不存在"),
    (["--code", "itest.intake", "--period", "2099", "--value", "1"], "已结束的统计期间"),
    (["--code", "itest.intake", "--period", "2020", "--value", "abc"], "不是有效的数字"),
    (["--code", "itest.success_rate", "--period", "2020", "--value", "97.123456"], "最多保留4位小数"),
])
def test_baseline_set_refuses_bad_input(county, args, message):
    with pytest.raises(CommandError, match=message):
        run("baseline", "set", "--org", "341321", "--source", "旧报告", *args)
    assert not Baseline.objects.exists()
