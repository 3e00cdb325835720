"""Import cycles between the modules of a package, function-level imports included.

A cycle hidden by an import inside a function still ties the modules together: neither can be read, tested or
moved without the other. This reads every module's `import` statements with `ast` (no code is run), builds one
graph per package (its own modules only, subpackages as their `__init__`), and prints each strongly connected
group of more than one module.

    .venv/bin/python tools/import_cycles.py [sifa] [--packages sifa.indicators sifa.legalaid]

Exit status 1 when a cycle is found.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The modules an `from … import …` statement names (the module itself and each imported name that may be
    a submodule)."""
    if node.level:
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
        prefix = ".".join(base)
        target = f"{prefix}.{node.module}" if node.module else prefix
    else:
        target = node.module or ""
    return [target] + [f"{target}.{alias.name}" for alias in node.names]


def imports_of(path: Path, name: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.update(_resolve(name, path.name == "__init__.py", node))
    return found


def graph(root_dir: Path, top: str = "sifa") -> dict[str, set[str]]:
    """Every module under `top` → the modules under `top` it imports (known modules only)."""
    files = {module_name(p, root_dir): p for p in (root_dir / top).rglob("*.py") if "migrations" not in p.parts}
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in files.items():
        for target in imports_of(path, name):
            while target and target not in files:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges[name].add(target)
    for name in files:
        edges.setdefault(name, set())
    return edges


def package_of(name: str, packages: set[str]) -> str:
    parent = name.rpartition(".")[0]
    return parent if parent in packages else ""


def cycles(edges: dict[str, set[str]], packages: set[str]) -> list[list[str]]:
    """Strongly connected groups (size > 1) among the direct modules of each package. A module of a
    subpackage counts as its subpackage; importing the package's own `__init__` is not an edge."""
    def local(name: str, pkg: str) -> str:
        rest = name[len(pkg) + 1:].split(".")[0]
        return f"{pkg}.{rest}"

    found = []
    for pkg in sorted(packages):
        nodes = {n for n in edges if n.startswith(pkg + ".")}
        members = {local(n, pkg) for n in nodes}
        sub: dict[str, set[str]] = defaultdict(set)
        for n in nodes:
            for t in edges[n]:
                if t.startswith(pkg + ".") and local(t, pkg) != local(n, pkg):
                    sub[local(n, pkg)].add(local(t, pkg))
        found.extend(_strongly_connected(members, sub))
    return found


def _strongly_connected(nodes: set[str], edges: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return groups


def find(top: str = "sifa", only: list[str] | None = None, root_dir: Path = ROOT) -> list[list[str]]:
    edges = graph(root_dir, top)
    packages = {module_name(p.parent / "__init__.py", root_dir)
                for p in (root_dir / top).rglob("__init__.py") if "migrations" not in p.parts}
    if only:
        packages = {p for p in packages if any(p == o or p.startswith(o + ".") for o in only)}
    return cycles(edges, packages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("top", nargs="?", default="sifa")
    parser.add_argument("--packages", nargs="*", help="only these packages (and their subpackages)")
    args = parser.parse_args(argv)
    groups = find(args.top, args.packages)
    for group in groups:
        print(f"{len(group)} modules: " + ", ".join(group))
    print(f"{len(groups)} import cycle(s) within a package")
    return 1 if groups else 0


if __name__ == "__main__":
    sys.exit(main())
