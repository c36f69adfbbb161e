"""Prefect freezes its settings when first imported. A process that imported it before
``run_pipeline`` configured the environment (a host application; once, this very test suite)
must still get the long start-up timeout of the embedded server: with Prefect's 20 s default a
busy 2-core machine failed a run with "Timed out while attempting to connect to ephemeral
Prefect API server". Checked in a child process so that prefect is never imported into pytest's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import os, sys
import prefect  # imported first, before paperdesk configures anything
from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS as T
assert T.value() == 20, T.value()
import flows.pipeline_flow
flows.pipeline_flow.process_inbox = lambda *a, **k: {"timeout": T.value()}
from flows.run import run_pipeline
print(run_pipeline(sys.argv[1], sys.argv[2], sys.argv[3])["timeout"])
"""


def test_a_process_that_imported_prefect_first_still_gets_the_long_startup_timeout(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = str(ROOT)
    env["PREFECT_HOME"] = str(tmp_path / "home")
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "in"), str(tmp_path / "out"),
                           str(tmp_path / "state")], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "120"
