"""``paperdesk watch``: keep watching the inbox and run the same flow on every new drop.

Polling, not inotify: inboxes often sit on network or USB drives where change events are not
delivered. A drop is processed once the inbox has been quiet for ``settle`` seconds (every
file's size and mtime unchanged), so a file still being copied is never read half-written.
A run that fails is reported and the watcher carries on; SIGINT/SIGTERM stop it at once, a run in
progress too (its reading workers are killed; what it had read stays cached, and the outbox is only
ever replaced file by file, so nothing is left half-written), exit 130 / 143.

With ``fetch`` (``paperdesk watch --mail-every SECONDS``) the watcher also calls it every
``fetch_every`` seconds, first before the start-up run: it fetches the office's mailbox into the
inbox (:mod:`mail.commands`), and what it saves is a drop like any other.

With ``PREFECT_API_URL`` set, :func:`serve_deployment` serves the flow as a deployment on that
server instead, so its runs (scheduled by interval) show in the Prefect UI.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from paperdesk import interrupt

Snapshot = dict[str, tuple[int, int]]


def snapshot(inbox: Path) -> Snapshot:
    """{relative path: (size, mtime_ns)} of every file under the inbox (links not followed)."""
    out: Snapshot = {}
    for root, dirs, files in os.walk(inbox, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            p = Path(root) / name
            try:
                st = p.lstat()
            except OSError:
                continue  # vanished while we looked: the next snapshot will tell
            out[str(p.relative_to(inbox))] = (st.st_size, st.st_mtime_ns)
    return out


class Watcher:
    """Poll ``inbox`` every ``interval`` seconds; call ``run()`` when it changed and then stayed
    unchanged for ``settle`` seconds. ``run`` is called once at start."""

    def __init__(self, inbox: Path, run: Callable[[], object], *, interval: float = 2.0,
                 settle: float = 5.0, log: Callable[[str], None] | None = None,
                 fetch: Callable[[], object] | None = None, fetch_every: float = 0.0):
        self.inbox = Path(inbox)
        self.run = run
        self.fetch = fetch if fetch_every > 0 else None
        self.fetch_every = fetch_every
        self._next_fetch = 0.0
        self.interval = interval
        self.settle = settle
        self.log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.stop_event = threading.Event()
        self.runs = 0

    def stop(self, *_args) -> None:
        self.stop_event.set()

    def _run_once(self) -> None:
        self.runs += 1
        try:
            self.run()
        except Exception as e:  # a failed run is reported; the watcher keeps going
            self.log(f"处理失败（将在下次变化时重试）：{type(e).__name__}: {e}")

    def _fetch_if_due(self) -> None:
        if self.fetch is None or time.monotonic() < self._next_fetch:
            return
        try:
            self.fetch()
        except Exception as e:  # a failed fetch is reported; the watcher keeps going
            self.log(f"收信失败（将在下次重试）：{type(e).__name__}: {e}")
        self._next_fetch = time.monotonic() + self.fetch_every

    def loop(self) -> int:
        self._fetch_if_due()
        processed = snapshot(self.inbox)
        self._run_once()
        seen, changed_at = processed, None
        while not self.stop_event.wait(self.interval):
            self._fetch_if_due()
            now = snapshot(self.inbox)
            if now != seen:
                seen, changed_at = now, time.monotonic()
                continue
            if changed_at is not None and now != processed and time.monotonic() - changed_at >= self.settle:
                self.log(f"收件箱有变化（{len(now)} 个文件），开始处理")
                processed, changed_at = now, None
                self._run_once()
        self.log("已停止监视")
        return 0


def watch(inbox: Path, outbox: Path, state_dir: Path, campaign_path: Path | None = None,
          interval: float = 2.0, settle: float = 5.0, roster_path: Path | None = None,
          fetch: Callable[[], object] | None = None, fetch_every: float = 0.0) -> int:
    """Run until SIGINT/SIGTERM. Returns the exit code."""
    from flows.run import run_pipeline
    from paperdesk.progress import terminal

    def process() -> None:
        summary = run_pipeline(inbox, outbox, state_dir, campaign_path, progress=terminal(), roster_path=roster_path)
        open_flags = sum(summary["flags_by_code"].values())
        print(f"已处理：{summary['files']} 个文件，{open_flags} 条问题待处理", file=sys.stderr, flush=True)

    def run() -> None:
        # The flow runs in a worker thread: Prefect then leaves SIGTERM to us (it can only take
        # signals in the main thread); a stop request kills the run's reading workers, so the
        # run ends at once, and the main thread leaves the loop.
        failure: list[BaseException] = []

        def target() -> None:
            try:
                process()
            except BaseException as e:  # handed to the watcher, which reports it
                failure.append(e)

        worker = threading.Thread(target=target, name="paperdesk-run")
        worker.start()
        worker.join()
        if failure:
            raise failure[0]

    watcher = Watcher(inbox, run, interval=interval, settle=settle, fetch=fetch, fetch_every=fetch_every)
    interrupt.install(on_signal=watcher.stop)  # a run in progress is stopped too (its workers killed)
    every = f"，每 {fetch_every:g} 秒收取一次邮件" if fetch is not None and fetch_every > 0 else ""
    print(f"正在监视 {Path(inbox).resolve()}{every}（Ctrl+C 停止）", file=sys.stderr, flush=True)
    return watcher.loop()


def serve_deployment(inbox: Path, outbox: Path, state_dir: Path, campaign_path: Path | None = None,
                     interval: float = 60.0, roster_path: Path | None = None) -> int:
    """Serve the flow on the Prefect server named by PREFECT_API_URL, running every ``interval`` s."""
    from flows.run import configure_prefect

    configure_prefect(state_dir)
    from flows.pipeline_flow import process_inbox

    process_inbox.serve(
        name="paperdesk-inbox",
        interval=interval,
        parameters={"inbox": str(Path(inbox).resolve()), "outbox": str(Path(outbox).resolve()),
                    "state_dir": str(Path(state_dir).resolve()),
                    "campaign_path": str(campaign_path) if campaign_path else None,
                    "roster_path": str(Path(roster_path).resolve()) if roster_path else None},
    )
    return 0
