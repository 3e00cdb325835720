"""Acceptance (issue 3, item 5): with the demo county's records, the report of 砀山县司法局 for 2021H1 reproduces
every figure of seed [000] that belongs to a line already in Sifa. Each figure is evaluated by its indicator on
the records the demo builders created — no stored number is read — and the report prints it as the seed does.
The list of figures and what covers each is sifa/reports/seed000.json; the coverage is printed (run with -s)."""

import random

import pytest

from sifa.demo import county, registry
from sifa.indicators import engine
from sifa.reports import coverage, document, templating

ORG, PERIOD = "341321", "2021H1"


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ctx = county.build_county(log=lambda _: None)
    registry.autodiscover()
    lines = {f.line for f in coverage.figures() if f.covered and f.demo}
    ran = []
    for builder in registry.builders():
        if builder.name in lines:  # the demo builders of the lines the seed's covered figures belong to
            ctx.rng = random.Random(f"sifa-demo:{builder.name}")  # as registry.run_all seeds it
            builder.build(ctx)
            ran.append(builder.name)
    assert set(ran) == lines, f"缺少演示数据生成器：{lines - set(ran)}"
    return ctx


def test_seed_figure_list_matches_the_registry(tree):
    assert not coverage.unregistered(), [f.text for f in coverage.unregistered()]
    figures = coverage.figures()
    assert len(figures) == 66
    for f in figures:
        assert f.shown in f.text, f.text
        if f.covered:  # dimensions and periods as written in the list are valid
            engine.prepare(f.indicator, "341321", f.period or PERIOD, f.dims)


@pytest.mark.slow
def test_demo_reproduces_the_covered_figures_of_seed_000(demo):
    covered = [f for f in coverage.figures() if f.covered and f.demo]
    assert covered, "no figure of seed [000] is covered"
    reports = {}
    for f in covered:
        period = f.period or PERIOD
        result = engine.evaluate(f.indicator, ORG, period, f.dims)
        assert result.value is not None, f"{f.text}: {result.reason}"
        shown = templating.format_value(result, f.format)
        assert shown == f.shown, f"{f.text}：指标 {f.indicator} 计算为 {shown}，种子报告为 {f.shown}"
        # …and `sifa report --org 341321 --period <period>` prints it as the seed does
        if period not in reports:
            doc = reports[period] = document.build(ORG, period)
            doc.printed = {(x.result.code, tuple(sorted(x.result.dims.items()))): x.text for x in doc.figures}
        key = (f.indicator, tuple(sorted(result.dims.items())))
        assert reports[period].printed.get(key) == f.shown, f"报告中“{f.text}”印作 {reports[period].printed.get(key)}"
    assert reports[PERIOD].title == "砀山县司法局2021年上半年工作总结"
    print("\n" + coverage.summary())
    for line in coverage.by_line():
        print(f"  {line.line}：{len(line.covered)}/{line.total}" + (
            "（" + "、".join(f.shown + f.unit for f in line.covered) + "）" if line.covered else "（待建）"))
