"""The supervised pool: every file under a time and a memory budget; one file over it costs only
itself (killed with its worker and the worker's children), the other files' results are intact."""

from __future__ import annotations

import os
import time

import pool_jobs
from extractors.pool import Budget, Cancelled, Pool
from paperdesk.models import ExtractionError


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _by_key(results):
    return dict(results)


def test_a_file_over_its_time_limit_is_killed_and_the_others_are_read(tmp_path):
    jobs = [("slow", (30,), "学院/慢.xlsx"), *[(f"ok{i}", (0.05,), f"学院/{i}.xlsx") for i in range(4)]]
    t0 = time.monotonic()
    with Pool(2, Budget(seconds=2, page_seconds=0, memory_mb=2048)) as pool:
        out = _by_key(pool.imap(pool_jobs.sleep, jobs))
    assert time.monotonic() - t0 < 20
    assert all(out[f"ok{i}"] == ["slept"] for i in range(4))
    [err] = out["slow"]
    assert isinstance(err, ExtractionError) and err.budget and err.source == "学院/慢.xlsx"
    assert "超时" in err.reason and "PAPERDESK_FILE_SECONDS" in err.reason


def test_a_file_over_its_memory_limit_is_killed(tmp_path):
    jobs = [("fat", (1500,), "学院/大.xlsx"), ("ok", (0.05,), "学院/小.xlsx")]
    with Pool(2, Budget(seconds=60, page_seconds=0, memory_mb=300)) as pool:
        out = _by_key(pool.imap(pool_jobs.eat, jobs[:1]))
        out.update(pool.imap(pool_jobs.sleep, jobs[1:]))  # the pool goes on with a fresh worker
    [err] = out["fat"]
    assert isinstance(err, ExtractionError) and "内存" in err.reason and "300 MB" in err.reason
    assert out["ok"] == ["slept"]


def test_a_worker_that_dies_costs_only_its_file():
    with Pool(1, Budget(seconds=30)) as pool:
        out = _by_key(pool.imap(pool_jobs.die, [("dead", (), "a/死.docx")]))
        out.update(pool.imap(pool_jobs.echo, [("next", ("好",), "a/b.docx")]))
    assert isinstance(out["dead"][0], ExtractionError) and "意外退出" in out["dead"][0].reason
    assert out["next"] == ["好"]


def test_a_killed_worker_takes_its_children_with_it(tmp_path):
    pidfile = tmp_path / "child.pid"
    with Pool(1, Budget(seconds=3, page_seconds=0)) as pool:
        out = _by_key(pool.imap(pool_jobs.child_then_hang, [("hang", (str(pidfile),), "a/旧.doc")]))
    assert "超时" in out["hang"][0].reason
    child = int(pidfile.read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child), "the worker's child (own session, like LibreOffice) survived"


def test_a_scan_gets_more_time_for_each_page():
    with Pool(1, Budget(seconds=1, page_seconds=1)) as pool:  # 1 s + 3 pages × 1 s > 2.5 s of work
        out = _by_key(pool.imap(pool_jobs.pages_then_work, [("scan", (3, 2.5), "a/扫描.pdf")]))
    assert out["scan"] == ["read"]


def test_cancel_stops_at_once_and_leaves_no_worker():
    pool = Pool(2, Budget(seconds=60))
    results = pool.imap(pool_jobs.sleep, [(i, (30,), f"a/{i}.pdf") for i in range(4)])
    import threading

    threading.Timer(1.0, pool.cancel).start()
    t0 = time.monotonic()
    try:
        list(results)
        raise AssertionError("imap must raise Cancelled")
    except Cancelled:
        pass
    assert time.monotonic() - t0 < 5
    assert all(not w.proc.is_alive() for w in pool._workers)
    pool.close()


def test_library_warnings_in_a_worker_go_to_the_log_not_the_terminal(tmp_path, capfd):
    log = tmp_path / "logs" / "paperdesk.log"
    log.parent.mkdir()
    with Pool(1, Budget(seconds=30), str(log)) as pool:
        out = _by_key(pool.imap(pool_jobs.warn, [("w", ("Print area cannot be set to Defined name",), "a/b.xlsx")]))
    assert out["w"] == ["warned"]
    assert "Print area cannot be set" in log.read_text(encoding="utf-8")
    assert "Print area" not in capfd.readouterr().err
