"""Session fixtures of the end-to-end tests: one demo inbox and one uninterrupted run of it,
shared (both are read-only for the tests that use them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e_support import run_cli, tree_digest


@pytest.fixture(scope="session")
def demo_inbox(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    made = run_cli("demo", "--inbox", "inbox", "--manifest", "manifest.json", cwd=root)
    assert made.returncode == 0, made.stderr
    return root


@pytest.fixture(scope="session")
def demo_run(demo_inbox):
    """(root, digest of the inbox before the run, the finished first run)."""
    root = demo_inbox
    before = {k: v + f":{(root / 'inbox' / k).stat().st_mtime_ns}" for k, v in tree_digest(root / "inbox").items()}
    first = run_cli("run", "--inbox", "inbox", "--outbox", "outbox", "--state", "state", cwd=root)
    assert first.returncode == 0, first.stderr[-3000:]
    return root, before, first
