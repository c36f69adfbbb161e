"""One background processing run at a time, with progress the page polls.

:class:`Runner` wraps the pipeline entry point ``run(inbox, outbox, state_dir, campaign_path=…,
progress=…)`` in a daemon thread; :meth:`Runner.status` is a JSON-ready snapshot (running, done,
total, message, error, summary). A failing run is reported as a Chinese error, never raised
into the web request.
"""

from __future__ import annotations

import threading
import time
import traceback
from pathlib import Path
from typing import Callable


def default_pipeline() -> Callable:
    """``flows.run.run_pipeline``, imported only when a run starts (Prefect is slow to import)."""
    from flows.run import run_pipeline

    return run_pipeline


class Runner:
    """Runs the pipeline in the background; at most one run at a time."""

    def __init__(self, inbox: Path, outbox: Path, state_dir: Path, campaign_path: Path | None,
                 pipeline: Callable | None = None, roster_path: Path | None = None):
        self.args = (Path(inbox), Path(outbox), Path(state_dir))
        self.campaign_path = campaign_path
        self.extra = {"roster_path": roster_path} if roster_path else {}
        self.pipeline = pipeline
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._status: dict = {"running": False, "done": 0, "total": 0, "message": "", "error": None,
                              "summary": None, "started": None, "finished": None, "label": ""}

    def status(self) -> dict:
        with self._lock:
            return dict(self._status)

    def start(self, label: str = "重新处理") -> bool:
        """Start a run; False when one is already running."""
        with self._lock:
            if self._status["running"]:
                return False
            self._status.update(running=True, done=0, total=0, message="准备中…", error=None,
                                summary=None, started=time.time(), finished=None, label=label)
        self._thread = threading.Thread(target=self._work, name="paperdesk-run", daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        """Block until the current run ends (tests and shutdown)."""
        if self._thread:
            self._thread.join(timeout)

    def _progress(self, done: int, total: int, message: str) -> None:
        with self._lock:
            self._status.update(done=int(done), total=int(total), message=str(message))

    def _work(self) -> None:
        summary, error = None, None
        try:
            run = self.pipeline or default_pipeline()
            summary = run(*self.args, campaign_path=self.campaign_path, progress=self._progress, **self.extra)
        except Exception as e:  # report, never crash the server
            name = type(e).__name__
            error = str(e) if name == "StateBusy" else f"处理失败：{name}: {e}"
            traceback.print_exc()
        with self._lock:
            self._status.update(running=False, error=error, finished=time.time(),
                                summary=summary if isinstance(summary, dict) else None,
                                message="处理失败" if error else "完成")
