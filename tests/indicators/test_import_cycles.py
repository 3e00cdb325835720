"""No import cycle between the modules of a package, function-level imports included (tools/import_cycles.py):
a cycle hidden inside a function still ties the modules together."""

import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "import_cycles.py"
PACKAGES = ["sifa.indicators", "sifa.legalaid", "sifa.corrections", "sifa.wellbeing", "sifa.tracks", "sifa.reports"]


def _tool():
    spec = importlib.util.spec_from_file_location("import_cycles", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_lines_and_the_indicator_engine_have_no_import_cycle():
    assert _tool().find("sifa", PACKAGES) == []


def test_the_checker_finds_a_cycle_hidden_in_a_function(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def later():\n    from .a import x\n")
    (package / "c.py").write_text("from .a import b\n")
    assert _tool().find("pkg", root_dir=tmp_path) == [["pkg.a", "pkg.b"]]


def test_the_job_runner_does_not_import_a_view_module():
    edges = _tool().graph(TOOL.parents[1])
    assert not any(".views" in target for target in edges["sifa.core.tasks"])
