"""Acceptance (issue 3, item 5): the list of seed [000]'s figures matches the indicator registry. That the demo
county's records reproduce every covered figure in the report is tested with the whole demo county built once, in
tests/demo/test_demo_lines.py. The list of figures and what covers each is sifa/reports/seed000.json."""



from sifa.indicators import engine
from sifa.reports import coverage

ORG, PERIOD = "341321", "2021H1"


def test_seed_figure_list_matches_the_registry(tree):
    assert not coverage.unregistered(), [f.text for f in coverage.unregistered()]
    figures = coverage.figures()
    assert len(figures) == 66
    for f in figures:
        assert f.shown in f.text, f.text
        if f.covered:  # dimensions and periods as written in the list are valid
            engine.prepare(f.indicator, "341321", f.period or PERIOD, f.dims)
