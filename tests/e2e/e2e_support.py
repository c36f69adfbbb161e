"""Helpers of the end-to-end tests: run the real CLI, digest a folder."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "paperdesk"


def tree_digest(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under root."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_cli(*args: str, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    return subprocess.run([str(BIN), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def wait_for(predicate, seconds: float, every: float = 0.3) -> bool:
    """True as soon as ``predicate()`` is true, False when ``seconds`` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False
