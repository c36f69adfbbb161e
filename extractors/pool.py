"""Where files are read: supervised worker processes, every file under a time and a memory budget.

An office cannot choose what colleges send. One file that makes a parser run for ever or eat the
machine's memory (a shared-strings bomb, a page of a million glyphs) must cost one ``unreadable``
line, never the run. So :class:`Pool` reads each file in a worker process (spawned; one per core)
and watches it from the calling process:

- **time**: a file may take :attr:`Budget.seconds`, counted from when its worker has the job
  in hand (a fresh worker's start-up is not counted, though a worker that cannot even start
  within the limit is stopped too); a scan gets :attr:`Budget.page_seconds` more
  per page once its worker has counted the pages (:func:`note_pages`);
- **memory**: the resident memory of the worker and its children (LibreOffice) may not pass
  :attr:`Budget.memory_mb`, polled every :data:`POLL` seconds from ``/proc``.

A file over either limit is killed together with its worker and the worker's children, gets an
``ExtractionError`` whose Chinese reason names the limit and how to re-run with a larger one, and
a fresh worker takes the next file; every other file's result is exactly what it would have been.
A worker that dies by itself gives a reason too. :meth:`Pool.cancel` (Ctrl+C, SIGTERM) kills every
worker at once and makes :meth:`Pool.imap` raise :class:`Cancelled`.

The limits come from the campaign (``limits:``, see :class:`paperdesk.campaign.Limits`) and the
environment (``PAPERDESK_FILE_SECONDS``, ``PAPERDESK_PAGE_SECONDS``, ``PAPERDESK_FILE_MEMORY_MB``,
which win); ``PAPERDESK_WORKERS`` sets the number of workers (``0``: read in this process, without
a budget — for debugging). Workers ignore SIGINT and live in their own process group: the terminal's
Ctrl+C reaches the parent only, which stops them itself. Library warnings in a worker go to the
run's log file (``log_path``), not to the terminal.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

from paperdesk.models import ExtractionError
from paperdesk.progress import route_warnings

WORKERS_ENV = "PAPERDESK_WORKERS"
SECONDS_ENV = "PAPERDESK_FILE_SECONDS"
PAGE_SECONDS_ENV = "PAPERDESK_PAGE_SECONDS"
MEMORY_ENV = "PAPERDESK_FILE_MEMORY_MB"
POLL = 0.1  # seconds between looks at the workers' clocks and memory
KIDS_EVERY = 1.0  # seconds between listings of a worker's descendants (a scan of /proc)

_conn = None  # in a worker: the pipe to the parent (for note_pages)


class Cancelled(Exception):
    """The pool was cancelled (the run was interrupted); its workers are gone."""


@dataclass(frozen=True)
class Budget:
    """What one file may cost. Defaults sized for a 2-core, 4 GB machine: reading a scanned page
    peaks at ~0.8 GB (RapidOCR's detector on a 200 dpi A4; 1.1 GB seen in a worker that had read
    other scans), so 1.5 GB a worker stops a runaway file while two workers and the run still fit."""

    seconds: float = 120.0
    page_seconds: float = 20.0
    memory_mb: int = 1536

    def with_env(self) -> "Budget":
        """This budget with the environment's values where they are set (and sane)."""
        return Budget(_env_float(SECONDS_ENV, self.seconds), _env_float(PAGE_SECONDS_ENV, self.page_seconds),
                      int(_env_float(MEMORY_ENV, self.memory_mb)))


def _env_float(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def workers_wanted() -> int:
    """``$PAPERDESK_WORKERS`` if set (0: none), else the number of cores."""
    value = os.environ.get(WORKERS_ENV, "").strip()
    if value.isdigit():
        return int(value)
    return os.cpu_count() or 1


def note_pages(pages: int) -> None:
    """Called by an extractor that has counted a scan's pages: its time limit grows by
    ``page_seconds`` a page. A no-op outside a worker."""
    if _conn is not None:
        try:
            _conn.send(("pages", int(pages)))
        except (OSError, ValueError):
            pass


# ---------------------------------------------------------------- reasons (Chinese, for staff)


def time_reason(limit: float) -> str:
    return (f"读取超时：超过每个文件 {limit:g} 秒的时限，已停止读取此文件（其他文件不受影响）。"
            f"如确需读取，可加大时限后重新运行，例如设置环境变量 {SECONDS_ENV}={int(limit * 4)}，"
            f"或在活动配置的 limits.file_seconds 中调大")


def memory_reason(limit_mb: int) -> str:
    return (f"内存超限：读取此文件占用内存超过 {limit_mb} MB 的上限，已停止读取（其他文件不受影响）。"
            f"如确需读取，可加大上限后重新运行，例如设置环境变量 {MEMORY_ENV}={limit_mb * 2}，"
            f"或在活动配置的 limits.file_memory_mb 中调大")


def bug_reason(error: str) -> str:
    """The reason of a file whose extractor raised (a bug of ours, not a bad file)."""
    return f"读取时出错（程序错误，请报告）：{error}"


DIED = "读取此文件的后台进程意外退出（可能是内存不足或文件异常），已跳过；可重新运行再试"


# ---------------------------------------------------------------- the worker side


def _worker_main(conn, log_path: str | None) -> None:
    global _conn
    _conn = conn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a worker stops
    try:
        os.setpgrp()
    except OSError:
        pass
    route_warnings(log_path)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args = job
        conn.send(("started", 0))  # unpickled, modules imported: the file's clock starts now
        try:
            result = ("done", fn(*args))
        except BaseException as e:  # noqa: BLE001 - the parent turns it into an unreadable file
            result = ("failed", f"{type(e).__name__}: {e}")
        try:
            conn.send(result)
        except Exception as e:  # noqa: BLE001 - a result that cannot be pickled
            conn.send(("failed", f"结果无法传回（{type(e).__name__}）"))


# ---------------------------------------------------------------- the parent side


class _Worker:
    def __init__(self, ctx, log_path: str | None):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, log_path), daemon=True,
                                name="paperdesk-reader")
        self.proc.start()
        child.close()
        self.job: tuple[Any, float, float] | None = None  # (key, started, deadline)
        self._kids: list[int] = []  # the worker's descendants, as last listed
        self._kids_at = float("-inf")
        # kill() may run in two threads at once (a cancel from another thread or a signal handler
        # while the loop replaces this worker): the second waits, so both see the process reaped
        self._kill_lock = threading.RLock()

    def rss_mb(self) -> float:
        """Resident memory of the worker and its descendants, in MB. The worker's own memory is
        read at every poll; its descendants (a scan of all of /proc) are listed again at most
        every :data:`KIDS_EVERY` seconds — LibreOffice starts once per conversion."""
        now = time.monotonic()
        if now - self._kids_at >= KIDS_EVERY:
            self._kids, self._kids_at = descendants(self.proc.pid), now
        return rss_mb([self.proc.pid, *self._kids])

    def kill(self) -> None:
        """SIGKILL the worker and every process below it (LibreOffice runs in its own group)."""
        with self._kill_lock:
            self._kill()

    def _kill(self) -> None:
        pid = self.proc.pid
        if pid is None:
            return
        for p in [*descendants(pid), pid]:
            for send in (os.killpg, os.kill):  # its group if it leads one, else the process
                try:
                    send(p, signal.SIGKILL)
                except OSError:
                    pass
        self.proc.join(5)
        try:
            self.conn.close()
        except OSError:
            pass


class Pool:
    """``n`` workers (started on first use) reading files under ``budget``; see the module docstring."""

    def __init__(self, n: int, budget: Budget, log_path: str | None = None):
        self.n = max(1, n)
        self.budget = budget
        self.log_path = log_path
        self._ctx = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop now: kill every worker (safe from a signal handler or another thread)."""
        self._cancel.set()
        self._kill_all()

    def _kill_all(self) -> None:
        for w in list(self._workers):
            w.kill()

    def _stop_if_cancelled(self) -> None:
        if self._cancel.is_set():
            self._kill_all()  # here too: the thread that cancelled may not have got to them all yet
            raise Cancelled()

    def close(self) -> None:
        for w in self._workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self._workers:
            w.proc.join(2)
            if w.proc.is_alive():
                w.kill()
        self._workers = []

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            self.cancel()
        self.close()

    def imap(self, fn: Callable, jobs: Iterable[tuple[Any, tuple, str]]) -> Iterator[tuple[Any, list]]:
        """``(key, fn(*args))`` for every ``(key, args, display)`` job, in the order they finish;
        a job over budget, or whose worker died, gives ``[ExtractionError(display, reason)]``."""
        pending = deque(jobs)
        displays: dict[Any, str] = {}
        while pending or any(w.job for w in self._workers):
            self._stop_if_cancelled()
            self._dispatch(fn, pending, displays)
            busy = [w for w in self._workers if w.job]
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=POLL)
            for w in busy:
                self._stop_if_cancelled()
                outcome = self._look(w, ready, displays)
                if outcome is not None:
                    yield outcome

    def _dispatch(self, fn, pending: deque, displays: dict) -> None:
        for w in self._workers:
            if not pending:
                return
            if w.job is None:
                self._give(w, fn, pending.popleft(), displays)
        while pending and len(self._workers) < self.n:
            w = _Worker(self._ctx, self.log_path)
            self._workers.append(w)
            self._give(w, fn, pending.popleft(), displays)

    def _give(self, w: _Worker, fn, job, displays: dict) -> None:
        key, args, display = job
        displays[key] = display
        now = time.monotonic()
        w.job = (key, now, now + self.budget.seconds)
        w.conn.send((fn, args))

    def _look(self, w: _Worker, ready: list, displays: dict) -> tuple[Any, list] | None:
        """The job's outcome if it ended (or must end) now, else None."""
        key, started, deadline = w.job
        display = displays[key]
        if w.conn in ready:
            try:
                kind, value = w.conn.recv()
            except (EOFError, OSError):
                return self._replace(w, key, [ExtractionError(display, DIED, budget=True)])
            if kind == "started":  # a fresh worker's start-up (imports) is not the file's time
                now = time.monotonic()
                w.job = (key, now, now + self.budget.seconds)
                return None
            if kind == "pages":
                w.job = (key, started, deadline + value * self.budget.page_seconds)
                return None
            w.job = None
            if kind == "done":
                return key, value
            return key, [ExtractionError(display, bug_reason(value))]
        if w.proc.sentinel in ready or not w.proc.is_alive():
            return self._replace(w, key, [ExtractionError(display, DIED, budget=True)])
        if time.monotonic() > deadline:
            return self._replace(w, key, [ExtractionError(display, time_reason(deadline - started), budget=True)])
        if w.rss_mb() > self.budget.memory_mb:
            return self._replace(w, key, [ExtractionError(display, memory_reason(self.budget.memory_mb), budget=True)])
        return None

    def _replace(self, w: _Worker, key, result: list) -> tuple[Any, list]:
        """Kill ``w`` (its file is over), drop it; a fresh worker is started when next needed."""
        w.kill()
        self._workers.remove(w)
        return key, result


# ---------------------------------------------------------------- /proc


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children first), from /proc; [] where there is no /proc."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], list(children.get(pid, []))
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the processes ``pids``, in MB (0 where /proc is missing)."""
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm", "rb") as f:
                total += int(f.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20
