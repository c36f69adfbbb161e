"""The house reads top-down: the product's layers import no test-data tools, and the modules of
one layer import each other in one direction only (no import circles)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("paperdesk", "intake", "extractors", "checks", "writers", "flows", "review", "mail")


def _modules() -> dict[str, Path]:
    out = {}
    for pkg in PRODUCT + ("sampledata",):
        for p in (ROOT / pkg).rglob("*.py"):
            parts = list(p.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = p
    return out


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every project module ``path`` imports at run time, at the top or inside a function (not
    under ``if TYPE_CHECKING:``, which only type checkers follow)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree)
                   if isinstance(block, ast.If) and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                   for stmt in block.body for n in ast.walk(stmt)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for n in names:
            if n in modules:
                found.add(n)
    return found


def test_product_does_not_import_sampledata():
    modules = _modules()
    offenders = sorted(
        f"{m} imports {dep}"
        for m, p in modules.items() if m.split(".")[0] in PRODUCT and m != "paperdesk.cli"
        for dep in _imports(p, modules) if dep.split(".")[0] == "sampledata"
    )
    assert offenders == []


def test_no_import_circles():
    modules = _modules()
    graph = {m: {d for d in _imports(p, modules) if d != m} for m, p in modules.items()}
    # a package's __init__ importing its own submodules is not a circle worth naming
    for m, deps in graph.items():
        graph[m] = {d for d in deps if not (m.startswith(d + ".") and (modules[d].name == "__init__.py"))}
    cycles, state = [], {}

    def visit(m, stack):
        state[m] = 1
        stack.append(m)
        for d in sorted(graph.get(m, ())):
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d, stack)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])
    assert cycles == [], "\n".join(" -> ".join(c) for c in cycles)
