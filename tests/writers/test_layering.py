"""Writers hold side effects but no orchestration: no Prefect, no state database, no clock."""

from __future__ import annotations

import ast
from pathlib import Path

import writers

WRITERS = Path(writers.__file__).parent
FORBIDDEN = ("prefect", "paperdesk.state", "flows", "sqlite3")


def modules():
    return sorted(p for p in WRITERS.glob("*.py"))


def test_writers_import_no_orchestration():
    assert modules()
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"


def test_writers_never_read_the_clock():
    for path in modules():
        text = path.read_text(encoding="utf-8")
        assert ".now(" not in text and "time.time(" not in text and ".today(" not in text, path.name
