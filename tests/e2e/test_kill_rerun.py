"""`kill -9` in the middle of a run, then a re-run, gives exactly the outputs of a run that was
never interrupted, and the inbox is untouched (SPEC §7 "Nothing lost")."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time

from e2e_support import BIN, tree_digest


def _extracted(state_db) -> int:
    try:
        with sqlite3.connect(state_db, timeout=1) as db:
            return db.execute("SELECT count(*) FROM extracts").fetchone()[0]
    except sqlite3.Error:
        return 0


def _run(inbox, outbox, state) -> list[str]:
    return [str(BIN), "run", "--inbox", str(inbox), "--outbox", str(outbox), "--state", str(state)]


def test_kill_9_mid_run_then_rerun_gives_the_uninterrupted_outputs(demo_inbox, tmp_path):
    # one college of the demo, its scans included (OCR keeps the run busy long enough to be killed)
    inbox = tmp_path / "inbox"
    shutil.copytree(demo_inbox / "inbox" / "数学与统计学院", inbox / "数学与统计学院")  # copy2 keeps mtimes
    before = tree_digest(inbox)
    whole = subprocess.run(_run(inbox, tmp_path / "whole", tmp_path / "whole-state"), capture_output=True, text=True, timeout=900)
    assert whole.returncode == 0, whole.stderr[-3000:]

    outbox, state = tmp_path / "outbox", tmp_path / "state"
    proc = subprocess.Popen(_run(inbox, outbox, state), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while _extracted(state / "paperdesk.sqlite3") < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert 0 < _extracted(state / "paperdesk.sqlite3")  # killed mid-extraction: a partial cache is left

    rerun = subprocess.run(_run(inbox, outbox, state), capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert tree_digest(outbox) == tree_digest(tmp_path / "whole")
    assert tree_digest(inbox) == before
