"""The suite's own rule: a test that cannot fail is a defect. Every test function asserts something — an
`assert`, `pytest.raises`/`warns`/`fail`, or a helper of its own module (or one named assert…/check…/expect…)
that does."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CHECKING_CALLS = ("raises", "warns", "fail", "skip", "xfail", "importorskip")


def _called_names(node) -> set[str]:
    return {getattr(call.func, "attr", getattr(call.func, "id", "")) for call in ast.walk(node)
            if isinstance(call, ast.Call)}


def _checks(node, helpers: set[str]) -> bool:
    if any(isinstance(child, ast.Assert) for child in ast.walk(node)):
        return True
    return any(name in CHECKING_CALLS or name in helpers or name.startswith(("assert", "check", "expect"))
               for name in _called_names(node))


def _tests_that_assert_nothing(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    helpers: set[str] = set()
    for _ in range(3):  # helpers that call helpers that assert
        helpers |= {f.name for f in functions if not f.name.startswith("test_") and _checks(f, helpers)}
    return [f"{path.relative_to(TESTS.parent)}:{f.lineno} {f.name}" for f in functions
            if f.name.startswith("test_") and not _checks(f, helpers)]


def test_every_test_asserts_something():
    silent = [name for path in sorted(TESTS.rglob("test_*.py")) for name in _tests_that_assert_nothing(path)]
    assert silent == [], "这些测试没有任何断言（不可能失败）：\n" + "\n".join(silent)


def test_no_import_cycle_within_a_package():
    """Modules of one package that import each other (function-level imports included) cannot be read, tested
    or moved apart (tools/import_cycles.py; the platform-kit issue's rule)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("import_cycles", TESTS.parent / "tools" / "import_cycles.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    groups = tool.find("sifa", root_dir=TESTS.parent)
    assert groups == [], "包内存在循环导入：\n" + "\n".join(", ".join(group) for group in groups)
