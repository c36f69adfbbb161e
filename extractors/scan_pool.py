"""Where scans are read: worker processes, one per core, each with its own OCR engine.

Reading a scan is CPU-bound (numpy, OpenCV, ONNX, tesseract) with much Python in between; threads
of one process fight over the GIL and oversubscribe the cores (measured on 2 cores: a 12-page PDF
took 143 s read beside other files in threads, about 35 s alone in one thread). So
:func:`run_scan` sends each scan to a spawn-context process pool of ``os.cpu_count()`` workers,
created on first use and reused by every later scan of the process; a worker reads one scan at a
time with one engine it keeps. Without worker processes (``PAPERDESK_SCAN_PROCESSES=0``, or a
platform that cannot start them) scans are read in the calling process, one at a time.

Pure like every extractor: workers read the file they are given and return records; nothing is
written. A worker that dies (killed, out of memory) or takes longer than ``$PAPERDESK_SCAN_TIMEOUT``
seconds (default 900; its workers are then killed) gives an ExtractionError with a Chinese reason
and a fresh pool for the next scan.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

from paperdesk.models import ExtractionError

ENV = "PAPERDESK_SCAN_PROCESSES"
TIMEOUT_ENV = "PAPERDESK_SCAN_TIMEOUT"
DEFAULT_TIMEOUT = 900.0  # seconds for one scan file: ~3 CPU s a page, a long PDF on a busy machine
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_local_lock = threading.Lock()


def workers() -> int:
    """How many worker processes: ``$PAPERDESK_SCAN_PROCESSES`` if set (0: none), else the cores."""
    value = os.environ.get(ENV, "").strip()
    if value.isdigit():
        return int(value)
    return os.cpu_count() or 1


def _get_pool() -> ProcessPoolExecutor | None:
    global _pool
    with _lock:
        if _pool is None and workers() > 0:
            try:
                _pool = ProcessPoolExecutor(max_workers=workers(), mp_context=multiprocessing.get_context("spawn"))
            except (OSError, NotImplementedError, ValueError):
                return None
        return _pool


def timeout() -> float:
    """Seconds one scan may take in a worker: ``$PAPERDESK_SCAN_TIMEOUT``, else 900."""
    try:
        return max(0.1, float(os.environ.get(TIMEOUT_ENV, "")))
    except ValueError:
        return DEFAULT_TIMEOUT


def _drop_pool(kill: bool = False) -> None:
    """Forget the pool (a fresh one serves the next scan); ``kill`` ends its workers at once —
    the executor has no public way to stop a task that hangs, so its processes are terminated."""
    global _pool
    with _lock:
        if _pool is not None:
            if kill:
                for proc in list(getattr(_pool, "_processes", {}).values()):
                    proc.kill()
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


def run_scan(fn: Callable, path: str, kind: str, display: str, campaign) -> list:
    """``fn(path, kind, display, campaign)`` in a worker process (see the module docstring)."""
    pool = _get_pool()
    if pool is None:
        with _local_lock:
            return fn(path, kind, display, campaign)
    limit = timeout()
    try:
        return pool.submit(fn, path, kind, display, campaign).result(timeout=limit)
    except FuturesTimeout:
        _drop_pool(kill=True)
        return [ExtractionError(display, f"识别扫描件超时（超过 {limit:g} 秒），已跳过；请检查文件或稍后重新运行")]
    except BrokenProcessPool:
        _drop_pool()
        return [ExtractionError(display, "读取扫描件的后台进程意外退出（可能内存不足），请重新运行")]
