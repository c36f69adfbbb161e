"""Reading spread over Prefect task workers (``PAPERDESK_READER_POOL``, ``python -m flows.worker``).

The end-to-end test starts a real Prefect server on loopback and two reading workers on this
machine, runs ``paperdesk run`` on a small inbox with four one-page scans with the pool named,
and checks that both workers read scans of that one run and that the outputs (flags.json, every
cell of every spreadsheet) are those of a run that read the same inbox in its local process
pool. Prefect is driven through subprocesses and plain HTTP only: importing it into the pytest
process would freeze its settings for later tests.

The other tests are of the main run's decisions when workers die or no worker takes a file
(``flows.remote.decide``, pure; ``flows.remote`` imports Prefect only inside functions)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import openpyxl

from e2e_support import BIN, wait_for
from extractors.pool import descendants
from flows import remote
from workers_support import FILES, SCANS, make_scan_inbox

ROOT = Path(__file__).resolve().parents[2]
PREFECT = Path(BIN).parent / "prefect"
ROSTER = ROOT / "templates" / "rosters" / "2020-demo-roster.yaml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, body: dict) -> object:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read())


def _healthy(api: str) -> bool:
    try:
        with urllib.request.urlopen(api + "/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _subscribed(api: str) -> set[str]:
    """Ids of the task workers subscribed to a paperdesk reading task, as the server sees them."""
    try:
        workers = _post(api + "/task_workers/filter", {})
    except OSError:
        return set()
    return {w["identifier"] for w in workers if any(k.startswith("paperdesk_read_") for k in w["task_keys"])}


def _cells(outbox: Path) -> dict[str, list]:
    """Every cell value of every spreadsheet in the outbox, by file and sheet."""
    out = {}
    for p in sorted(outbox.rglob("*.xlsx")):
        wb = openpyxl.load_workbook(p, read_only=True)
        for ws in wb.worksheets:
            out[f"{p.relative_to(outbox)}!{ws.title}"] = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
    return out


def _stop(procs: list[subprocess.Popen]) -> None:
    """SIGTERM every process group (workers stop their reading processes), then SIGKILL what is
    left, reading processes included (they run in process groups of their own)."""
    kids = {p.pid: descendants(p.pid) for p in procs if p.poll() is None}
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for p in procs:
        for pid in [p.pid, *kids.get(p.pid, [])]:
            for send in (os.killpg, os.kill):
                try:
                    send(pid, signal.SIGKILL)
                except OSError:
                    pass
        if p.poll() is None:
            p.wait(10)


def test_scans_of_one_run_are_read_by_two_prefect_workers_with_the_outputs_of_a_local_run(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PAPERDESK_READER"))}
    base.update({"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
                 "PREFECT_LOGGING_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)})
    procs: list[subprocess.Popen] = []

    def start(name: str, cmd: list[str], **env: str) -> tuple[subprocess.Popen, Path]:
        log = tmp_path / f"{name}.log"
        out = (tmp_path / f"{name}.out").open("w")
        proc = subprocess.Popen(cmd, env={**base, "PREFECT_HOME": str(tmp_path / f"home-{name}"), **env},
                                stdout=out, stderr=log.open("w"), cwd=ROOT, start_new_session=True)
        procs.append(proc)
        return proc, log

    try:
        # the workers start with the server (they connect once it is up); then a run of the same
        # inbox that names no pool (read in its own process pool) and, once both workers are
        # subscribed, the run that names the pool
        start("server", [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)])
        state = tmp_path / "state-remote"
        state.mkdir()
        workers = [start(f"worker{i}", [sys.executable, "-m", "flows.worker", "--pool", "office", "--state", str(state)],
                         PREFECT_API_URL=api) for i in (1, 2)]
        ids = {f"{socket.gethostname()}-{w.pid}" for w, _ in workers}
        make_scan_inbox(tmp_path / "inbox")

        def run(name: str, **env: str) -> subprocess.Popen:
            return start(name, [str(BIN), "run", "--inbox", str(tmp_path / "inbox"), "--outbox", str(tmp_path / f"out-{name}"),
                                "--state", str(tmp_path / f"state-{name}"), "--roster", str(ROSTER), "--json"], **env)[0]

        assert wait_for(lambda: _healthy(api), 120), "the Prefect server did not start"
        local = run("local", PREFECT_API_URL=api)
        assert wait_for(lambda: _subscribed(api) >= ids, 60), (
            f"the workers did not subscribe: {_subscribed(api)}\n" + "\n".join(log.read_text()[-2000:] for _, log in workers))
        remote_run = run("remote", PREFECT_API_URL=api, PAPERDESK_READER_POOL="office")
        for proc, name in ((remote_run, "remote"), (local, "local")):
            assert proc.wait(240) == 0, (tmp_path / f"{name}.log").read_text()[-3000:]
        summary = json.loads((tmp_path / "remote.out").read_text())
        progress = (tmp_path / "remote.log").read_text()

        # (a) both workers read scans of this one run; nothing fell back to the main machine
        assert set(summary["readers"]) == ids, summary["readers"]
        assert summary["read_here"] == 0 and summary["extracted"] == sum(summary["readers"].values())
        scans_by = {i: [line for line in (tmp_path / f"worker{i}.out").read_text().splitlines()
                        if line.startswith("已读取：") and "纸质版扫描件" in line] for i in (1, 2)}
        assert all(scans_by.values()), scans_by  # each worker says which files it read
        assert sum(len(v) for v in scans_by.values()) == SCANS
        assert f"读取工作组 office：2 个工作进程在线，{FILES} 个文件交给它们读取" in progress
        assert f"读取文件 ({FILES}/{FILES})" in progress
        assert summary["file_states"] == {"used": FILES}

        # (b) the outputs are those of the local run
        flags = {n: json.loads((tmp_path / f"out-{n}" / "flags.json").read_text()) for n in ("local", "remote")}
        assert flags["remote"] == flags["local"]
        assert any(f["code"] == "PAPER_ELECTRONIC_MISMATCH" for f in flags["local"]["flags"])  # the scans mattered
        assert _cells(tmp_path / "out-remote") == _cells(tmp_path / "out-local")
        assert not list((state / "remote").glob("paperdesk-read-*")), "result files left behind"
    finally:
        _stop(procs)


# ---------------------------------------------------------------- the main run's decisions (pure)


class _Item:
    sha256, display = "abc", "x.pdf"


def _view(wid: str, *, running=(), changed_at=100.0, idle_since=None, key="K") -> remote.WorkerView:
    return remote.WorkerView(wid, key, frozenset(running), changed_at=changed_at, idle_since=idle_since)


def test_settled_runs_give_their_result_or_an_unreadable_file():
    jobs = {r: remote.Job(_Item(), 100.0) for r in ("ok", "bad", "crash", "gone")}
    runs = {"ok": ("COMPLETED", ""), "bad": ("FAILED", "boom"), "crash": ("CRASHED", "")}
    got = remote.decide(101.0, jobs, runs, {}, None, "K", 100.0, 60)
    assert got["ok"] == ("result", "") and got["bad"] == ("failed", "boom") and got["crash"] == ("lost", "")
    assert got["gone"][0] == "local"  # a task run a worker refused (and deleted) is read here


def test_a_file_whose_worker_died_while_reading_it_is_lost_not_waited_for():
    jobs = {"r": remote.Job(_Item(), 100.0)}
    dead = _view("host-1", running=["r"], changed_at=100.0)
    assert remote.decide(110.0, jobs, {"r": ("RUNNING", "")}, {"host-1": dead}, None, "K", 100.0, 60) == {}
    got = remote.decide(100.0 + remote.STALE + 1, jobs, {"r": ("RUNNING", "")}, {"host-1": dead}, None, "K", 100.0, 60)
    assert got == {"r": ("lost", "host-1")}
    assert "host-1" in remote.lost_reason("host-1")


def test_a_running_file_no_worker_owns_up_to_is_lost_after_a_while():
    jobs = {"r": remote.Job(_Item(), 100.0)}
    assert remote.decide(100.0, jobs, {"r": ("RUNNING", "")}, {}, None, "K", 100.0, 60) == {}
    assert remote.decide(100.0 + remote.STALE, jobs, {"r": ("RUNNING", "")}, {}, None, "K", 100.0, 60) == {"r": ("lost", "")}


def test_a_waiting_file_is_read_here_when_no_worker_is_online_or_every_online_worker_idles():
    jobs = {"r": remote.Job(_Item(), 100.0)}
    waiting = {"r": ("SCHEDULED", "")}
    assert remote.decide(150.0, jobs, waiting, {}, None, "K", 100.0, 60) == {}
    assert remote.decide(161.0, jobs, waiting, {}, None, "K", 100.0, 60)["r"][0] == "local"
    # a worker running other code (another task key) or not subscribed is not online
    other = {"w": _view("w", changed_at=160.0, key="OTHER", idle_since=100.0)}
    assert remote.decide(161.0, jobs, waiting, other, None, "K", 100.0, 60)["r"][0] == "local"
    unsubscribed = {"w": _view("w", changed_at=160.0, idle_since=100.0)}
    assert remote.decide(161.0, jobs, waiting, unsubscribed, set(), "K", 100.0, 60)["r"][0] == "local"
    # a busy worker may hold the file (Prefect hands a busy worker its next run): wait
    now = 100.0 + remote.STUCK + 5
    busy = {"a": _view("a", running=["other"], changed_at=now), "b": _view("b", changed_at=now, idle_since=100.0)}
    assert remote.decide(now, jobs, waiting, busy, {"a", "b"}, "K", now, 60) == {}
    idle = {"a": _view("a", changed_at=now, idle_since=100.0), "b": _view("b", changed_at=now, idle_since=100.0)}
    assert remote.decide(now, jobs, waiting, idle, {"a", "b"}, "K", now, 60)["r"][0] == "local"


def test_heartbeats_are_judged_by_the_main_runs_clock(tmp_path):
    beat = {"worker": "h-1", "task_key": "K", "beat": 1, "done": 0, "running": {}}
    (tmp_path / "h-1.json").write_text(json.dumps(beat))
    seen = remote.read_beats(tmp_path, {}, 10.0)
    assert seen["h-1"].alive(10.0) and seen["h-1"].idle_since == 10.0
    seen = remote.read_beats(tmp_path, seen, 40.0)  # unchanged for 30 s: gone
    assert not seen["h-1"].alive(40.0)
    (tmp_path / "h-1.json").write_text(json.dumps({**beat, "beat": 2, "running": {"r": "x.pdf"}}))
    seen = remote.read_beats(tmp_path, seen, 41.0)
    assert seen["h-1"].alive(41.0) and seen["h-1"].running == {"r"} and seen["h-1"].idle_since is None
    (tmp_path / "broken.json").write_text("{")
    assert set(remote.read_beats(tmp_path, seen, 42.0)) == {"h-1"}
