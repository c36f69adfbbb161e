"""Reading the files of a run on Prefect task workers, on this machine or on several.

With ``PREFECT_API_URL`` pointing at a Prefect server and ``PAPERDESK_READER_POOL=<name>`` set,
the run hands every file still to be read to the workers of that reader pool instead of its own
process pool: each file becomes one background task run (``Task.delay``) of the pool's task, and
every ``python -m flows.worker --pool <name> --state <state folder>`` process (see
:mod:`flows.worker`) subscribed to the server takes one at a time and reads it with
:func:`flows.steps.read_one` -- in a worker process of ``extractors.pool`` under the same
per-file budget as a local run, so the records are the ones a local run gets. The records come
back through Prefect's result storage in the state folder (``<state>/remote``); the main run
caches them and goes on exactly as after a local read.

Nothing is lost when a worker fails. Each worker writes a heartbeat file
(``<state>/workers/<pool>/<host>-<pid>.json``: which task runs it is reading) every
:data:`BEAT` seconds; the main run watches those and the task runs' states and decides
(:func:`decide`, pure):

- a file whose worker died or went silent while reading it, or whose task run crashed, failed or
  was cancelled: an ``ExtractionError`` (unreadable, with a Chinese reason; not cached, so the
  next run reads it again) -- the same as when a local reading process dies;
- a file no worker takes (no worker of the pool online for ``PAPERDESK_READER_WAIT`` seconds,
  or every online worker idle while the file waits -- it was held by a worker that died, or the
  server lost its queue -- or a task run the workers refused): read here, in the local pool.

Ctrl+C withdraws the task runs not yet read. This module imports Prefect only inside functions:
its pure parts are tested without it. ``flows/`` wires; what a file holds is decided in
``extractors/`` and ``checks/``.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import os
import re
import socket
import sys
import threading
import time
import types
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from paperdesk.models import ExtractionError

POOL_ENV = "PAPERDESK_READER_POOL"
WAIT_ENV = "PAPERDESK_READER_WAIT"
WAIT = 60.0  # seconds a run waits for a worker of its pool to come online before reading here
BEAT = 2.0  # seconds between a worker's heartbeats
STALE = 20.0  # a worker whose heartbeat has not changed for this long is gone
STUCK = 15.0  # every online worker idle this long while a file waits: nobody holds that file
POLL = 0.5  # seconds between looks at the task runs and heartbeats

FINAL_BAD = {"CRASHED", "CANCELLED", "CANCELLING"}


def lost_reason(worker: str | None) -> str:
    who = f"（{worker}）" if worker else ""
    return (f"读取此文件的远程工作进程{who}意外退出或失去联系，已跳过（可能是内存不足、机器关机或网络中断）；"
            f"可重新运行再试")


def failed_reason(message: str) -> str:
    return f"远程读取失败：{message}；可重新运行再试" if message else "远程读取失败；可重新运行再试"


# ---------------------------------------------------------------- configuration


def pool_wanted() -> str | None:
    """The reader pool this run uses: ``$PAPERDESK_READER_POOL`` when ``PREFECT_API_URL`` is set
    too, else None (read in the local process pool). A pool named without a server is said once."""
    pool = os.environ.get(POOL_ENV, "").strip()
    if not pool:
        return None
    if not os.environ.get("PREFECT_API_URL", "").strip():
        _say(f"已设置 {POOL_ENV}={pool}，但没有设置 PREFECT_API_URL（Prefect 服务器地址）：本次在本机读取文件")
        return None
    return pool


def wait_seconds() -> float:
    try:
        value = float(os.environ.get(WAIT_ENV, ""))
    except ValueError:
        return WAIT
    return value if value > 0 else WAIT


def slug(pool: str) -> str:
    """A pool name fit for a Python identifier and a folder name (distinct names stay distinct)."""
    safe = re.sub(r"[^0-9A-Za-z_]", "_", pool)[:40]
    if safe == pool:
        return safe
    return f"{safe}_{hashlib.sha256(pool.encode()).hexdigest()[:8]}"


def storage_dir(state_dir: Path | str) -> Path:
    """Where task parameters and results are kept: ``<state>/remote`` (every machine must reach
    it under the same path, like the blob store)."""
    return Path(state_dir).resolve() / "remote"


def beats_dir(state_dir: Path | str, pool: str) -> Path:
    return Path(state_dir).resolve() / "workers" / slug(pool)


def worker_id() -> str:
    """``<host>-<pid>``: also the id the Prefect server gives a task worker of this process."""
    return f"{socket.gethostname()}-{os.getpid()}"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the task (worker side)


class Heartbeat:
    """A worker's heartbeat file: rewritten every :data:`BEAT` seconds and whenever it starts
    or finishes a file. Holds the task runs being read now."""

    def __init__(self, state_dir: Path | str, pool: str, task_key: str):
        self.id = worker_id()
        self.state_dir = Path(state_dir).resolve()
        self.path = beats_dir(state_dir, pool) / f"{self.id}.json"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = self.state_dir / "logs" / f"worker-{self.id}.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._info = {"worker": self.id, "host": socket.gethostname(), "pid": os.getpid(), "pool": pool,
                      "task_key": task_key, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        self._running: dict[str, str] = {}
        self._beat = 0
        self._done = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="paperdesk-heartbeat", daemon=True)

    def start(self) -> "Heartbeat":
        self._write()
        self._thread.start()
        return self

    def begin(self, run_id: str, display: str) -> None:
        with self._lock:
            self._running[run_id] = display
        self._write()

    def end(self, run_id: str) -> None:
        with self._lock:
            self._running.pop(run_id, None)
            self._done += 1
        self._write()

    def stop(self) -> None:
        self._stop.set()
        try:
            self.path.unlink()
        except OSError:
            pass

    def _loop(self) -> None:
        while not self._stop.wait(BEAT):
            self._write()

    def _write(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            self._beat += 1
            data = {**self._info, "beat": self._beat, "done": self._done, "running": dict(self._running)}
            tmp = self.path.with_name(f".{self.path.name}.tmp")
            try:
                tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, self.path)
            except OSError:
                pass  # a full or unreachable disk: the main run will count this worker as gone


#: in a worker process: its heartbeat (set by flows.worker)
WORKER: Heartbeat | None = None


def _read_file(path: str, kind: str, display: str, campaign) -> dict:
    """The body of a reader pool's task: read one file in this worker (under its budget)."""
    from prefect.context import TaskRunContext

    from flows.steps import read_one

    if WORKER is None:  # the main run could not tell whether this process is alive
        raise RuntimeError("读取任务只能由 python -m flows.worker 启动的读取工作进程执行")
    ctx = TaskRunContext.get()
    run_id = str(ctx.task_run.id) if ctx else display
    WORKER.begin(run_id, display)
    started = time.monotonic()
    try:
        records = read_one(Path(path), kind, display, campaign, WORKER.log_path)
    finally:
        WORKER.end(run_id)
    seconds = time.monotonic() - started
    print(f"已读取：{display}（{seconds:.1f} 秒）", flush=True)
    return {"worker": WORKER.id, "records": records, "seconds": round(seconds, 3)}


_TASKS: dict[tuple[str, str], object] = {}


def reading_task(pool: str, state_dir: Path | str):
    """The Prefect task of ``pool`` on the state folder ``state_dir``. Prefect hands a background
    task run to the workers serving the same task key, and derives the key from the function's
    code; so each (pool, state folder) gets its own copy of :func:`_read_file` (its name holds
    both): two offices can share one server, and a worker started on another state folder never
    gets this run's files. The key changes with the code too: a worker running other code, or
    the same code at another path, is never handed them either."""
    state = str(Path(state_dir).resolve())
    if (pool, state) not in _TASKS:
        from prefect import task
        from prefect.cache_policies import NO_CACHE

        name = f"paperdesk_read_{slug(pool)}"
        qualname = f"{name}_{hashlib.sha256(state.encode()).hexdigest()[:8]}"
        code = _read_file.__code__.replace(co_name=name, co_qualname=qualname)
        fn = types.FunctionType(code, _read_file.__globals__, name, _read_file.__defaults__)
        fn.__qualname__, fn.__module__, fn.__doc__ = qualname, __name__, _read_file.__doc__
        _TASKS[(pool, state)] = task(fn, name=f"paperdesk-read-{slug(pool)}", cache_policy=NO_CACHE,
                                     persist_result=True, result_storage_key="paperdesk-read-{task_run.id}",
                                     retries=0)
    return _TASKS[(pool, state)]


# ---------------------------------------------------------------- the decisions (pure)


@dataclass
class Job:
    """One file handed to the pool: its item, when it was submitted (monotonic), since when it
    has been running with no worker owning up to it."""

    item: object
    submitted: float
    unheld_since: float | None = None


@dataclass
class WorkerView:
    """What the main run knows of a worker: its heartbeat as last read, and (by its own clock)
    when the heartbeat last changed and since when the worker has been idle."""

    id: str
    task_key: str
    running: frozenset = frozenset()
    beat: int = 0
    done: int = 0
    changed_at: float = 0.0
    idle_since: float | None = None

    def alive(self, now: float) -> bool:
        return now - self.changed_at < STALE


def ready(workers: dict[str, WorkerView], subscribed: set[str] | None, task_key: str, now: float) -> list[WorkerView]:
    """Workers that can take a file now: alive, serving this run's task, and (when the server
    said) subscribed to it."""
    return [w for w in workers.values() if w.alive(now) and w.task_key == task_key
            and (subscribed is None or w.id in subscribed)]


def decide(now: float, jobs: dict[str, Job], runs: dict[str, tuple[str, str]], workers: dict[str, WorkerView],
           subscribed: set[str] | None, task_key: str, last_ready: float, wait: float) -> dict[str, tuple[str, str]]:
    """What to do with each pending job (task run id -> Job), given the task runs' (state type,
    message) by id (a run missing from ``runs`` was deleted), the workers' heartbeats and the
    server's subscribed workers (None: unknown). Returns {run id: (action, detail)} for the jobs
    that are settled now: ``result`` (fetch it), ``failed`` (detail: message), ``lost`` (detail:
    the worker, if known) or ``local`` (read it here; detail: why). ``last_ready`` is when a
    worker was last ready. Updates ``Job.unheld_since``."""
    out: dict[str, tuple[str, str]] = {}
    online = ready(workers, subscribed, task_key, now)
    all_idle = bool(online) and all(w.idle_since is not None and now - w.idle_since >= STUCK for w in online)
    for run_id, job in jobs.items():
        if run_id not in runs:
            out[run_id] = ("local", "读取工作进程拒绝了任务（它读不到任务参数：共享的状态目录是否在各机器上同一路径？）")
            continue
        kind, message = runs[run_id]
        if kind == "COMPLETED":
            out[run_id] = ("result", "")
        elif kind == "FAILED":
            out[run_id] = ("failed", message)
        elif kind in FINAL_BAD:
            out[run_id] = ("lost", "")
        elif kind == "RUNNING":
            holder = next((w for w in workers.values() if run_id in w.running), None)
            if holder is not None:
                job.unheld_since = None
                if not holder.alive(now):
                    out[run_id] = ("lost", holder.id)
                continue
            job.unheld_since = job.unheld_since if job.unheld_since is not None else now
            if now - job.unheld_since >= STALE:
                out[run_id] = ("lost", "")
        elif not online and now - last_ready >= wait:
            out[run_id] = ("local", f"{wait:g} 秒内没有在线的读取工作进程")
        elif all_idle and now - job.submitted >= STUCK:
            out[run_id] = ("local", "在线的读取工作进程都空闲，此文件却无人接收")
    return out


def read_beats(folder: Path, known: dict[str, WorkerView], now: float) -> dict[str, WorkerView]:
    """Update the main run's view of the workers from their heartbeat files in ``folder``."""
    seen: dict[str, WorkerView] = {}
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        paths = []
    for p in paths:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            wid, beat, done = str(data["worker"]), int(data["beat"]), int(data.get("done", 0))
            running = frozenset(data.get("running") or ())
        except (OSError, ValueError, KeyError, TypeError):
            continue
        w = known.get(wid) or WorkerView(wid, str(data.get("task_key", "")), changed_at=now)
        if beat != w.beat:
            w.changed_at = now
        if running or done != w.done:
            w.idle_since = None if running else now
        elif w.idle_since is None:
            w.idle_since = now
        w.beat, w.done, w.running, w.task_key = beat, done, running, str(data.get("task_key", ""))
        seen[wid] = w
    return seen


# ---------------------------------------------------------------- the main run's side


class RemoteReader:
    """A reader for :func:`flows.steps.extract`: hands the files to the workers of
    ``pool`` and yields ``(sha256, records)`` as each comes back. ``by_worker`` counts the
    files each worker read (``<host>-<pid>`` -> n)."""

    def __init__(self, state_dir: Path | str, pool: str, say: Callable[[str], None] = _say):
        self.state_dir = Path(state_dir).resolve()
        self.pool = pool
        self.say = say
        self.by_worker: Counter = Counter()
        self.local = 0
        self._cancel = threading.Event()
        self._data: dict[str, object] = {}  # task run id -> its state's result metadata
        self._task = reading_task(pool, self.state_dir)
        self.task_key = self._task.task_key

    def cancel(self) -> None:
        self._cancel.set()

    def __call__(self, items: list, campaign, log_path: Path) -> Iterator[tuple[str, list]]:
        if not items:
            return
        from flows import steps as pipeline

        pipeline.CURRENT.append(self)
        jobs: dict[str, Job] = {}
        try:
            yield from self._collect(items, jobs, campaign, log_path)
        finally:
            pipeline.CURRENT.remove(self)
            self._withdraw(jobs)
            _clear(storage_dir(self.state_dir) / "parameters")

    # -- submission

    def _submit_some(self, queue: deque, jobs: dict[str, Job], campaign, seconds: float) -> None:
        """Hand files from ``queue`` to the pool, one task run each, for about ``seconds`` (one
        submission is two requests and a ~30 KB parameters file: 0.1–0.3 s), so that results are
        collected, and progress shown, while a large inbox is still being handed out. Submitted
        from a fresh context, outside the flow run's (whose parameters hold the terminal's
        progress callback). Prefect sends this process's settings along with each task run and
        the worker reads the file under them: the state folder and ``PREFECT_API_URL`` must mean
        the same on every machine. Raises when the server or the storage fails."""
        from prefect.settings import PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings

        store = storage_dir(self.state_dir)
        store.mkdir(parents=True, exist_ok=True)
        until = time.monotonic() + seconds

        def submit(item) -> str:
            with temporary_settings(updates={PREFECT_RESULTS_LOCAL_STORAGE_PATH: store}):
                future = self._task.delay(str(Path(item.blob).resolve()), item.kind, item.display, campaign)
            return str(future.task_run_id)

        while queue and time.monotonic() < until and not self._cancel.is_set():
            item = queue[0]
            run_id = contextvars.Context().run(submit, item)
            queue.popleft()
            jobs[run_id] = Job(item, time.monotonic())

    # -- collection

    def _collect(self, items: list, jobs: dict[str, Job], campaign, log_path: Path) -> Iterator[tuple[str, list]]:
        from extractors.pool import Cancelled

        queue = deque(sorted(items, key=lambda i: (-_size(i.blob), i.display)))  # the slowest start first
        folder = beats_dir(self.state_dir, self.pool)
        wait = wait_seconds()
        workers: dict[str, WorkerView] = {}
        last_ready = api_ok = time.monotonic()
        told_online = told_foreign = False
        while queue or jobs:
            if self._cancel.is_set():
                raise Cancelled()
            if queue:
                try:
                    self._submit_some(queue, jobs, campaign, seconds=2.0)
                except Exception as e:  # noqa: BLE001 - no server, no storage: read the rest here
                    self.say(f"无法把文件交给读取工作组 {self.pool}（{type(e).__name__}: {e}），"
                             f"其余 {len(queue)} 个文件改为在本机读取")
                    rest = list(queue)
                    queue.clear()
                    self.local += len(rest)
                    yield from self._local(rest, campaign, log_path)
                    continue
            now = time.monotonic()
            workers = read_beats(folder, workers, now)
            runs, subscribed = self._server_view(list(jobs))
            if runs is None:  # the server does not answer: wait, then read here
                if now - api_ok >= wait:
                    self.say(f"Prefect 服务器 {wait:g} 秒无响应：其余 {len(jobs)} 个文件改为在本机读取")
                    yield from self._to_local(jobs, list(jobs), campaign, log_path)
                time.sleep(POLL)
                continue
            api_ok = now
            online = ready(workers, subscribed, self.task_key, now)
            if online:
                last_ready = now
                if not told_online:
                    self.say(f"读取工作组 {self.pool}：{len(online)} 个工作进程在线，{len(items)} 个文件交给它们读取")
                    told_online = True
            foreign = [w.id for w in workers.values() if w.alive(now) and w.task_key != self.task_key]
            if foreign and not told_foreign:
                self.say(f"工作进程 {'、'.join(foreign)} 运行的程序与本机不同（代码版本或路径不同），不会读取本次的文件")
                told_foreign = True
            settled = decide(now, jobs, runs, workers, subscribed, self.task_key, last_ready, wait)
            to_local = [r for r, (action, _) in settled.items() if action == "local"]
            for run_id, (action, detail) in settled.items():
                if action == "local":
                    continue
                job = jobs.pop(run_id)
                yield job.item.sha256, self._outcome(run_id, job, action, detail)
            if to_local:
                reasons = sorted({settled[r][1] for r in to_local})
                hint = "" if online else (f"（读取工作进程应以 python -m flows.worker --pool {self.pool} "
                                          f"--state {self.state_dir} 启动，并设置同一个 PREFECT_API_URL）")
                self.say(f"{len(to_local)} 个文件改为在本机读取：{'；'.join(reasons)}{hint}")
                yield from self._to_local(jobs, to_local, campaign, log_path)
            if jobs and not queue:
                time.sleep(POLL)

    def _outcome(self, run_id: str, job: Job, action: str, detail: str) -> list:
        display = job.item.display
        if action == "failed":
            return [ExtractionError(display, failed_reason(detail), budget=True)]
        if action == "lost":
            return [ExtractionError(display, lost_reason(detail or None), budget=True)]
        try:
            value = self._result(run_id)
            records = list(value["records"])
        except Exception as e:  # noqa: BLE001 - a result that cannot be fetched is a failed read
            return [ExtractionError(display, failed_reason(f"结果无法取回（{type(e).__name__}: {e}）"), budget=True)]
        self.by_worker[str(value.get("worker", "?"))] += 1
        return records

    def _to_local(self, jobs: dict[str, Job], run_ids: list[str], campaign, log_path: Path):
        moved = {r: jobs.pop(r) for r in run_ids}
        self._withdraw(moved)
        self.local += len(moved)
        yield from self._local([j.item for j in moved.values()], campaign, log_path)

    def _local(self, items: list, campaign, log_path: Path):
        from flows.steps import read_files

        yield from read_files(items, campaign, log_path)

    # -- Prefect

    def _server_view(self, run_ids: list[str]) -> tuple[dict[str, tuple[str, str]] | None, set[str] | None]:
        """The task runs' (state type, message) by id, and the workers subscribed to this run's
        task; (None, None) when the server does not answer."""
        from uuid import UUID

        from prefect.client.orchestration import get_client
        from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterId

        runs: dict[str, tuple[str, str]] = {}
        try:
            with get_client(sync_client=True) as client:
                for i in range(0, len(run_ids), 200):
                    chunk = run_ids[i:i + 200]
                    found = client.read_task_runs(task_run_filter=TaskRunFilter(id=TaskRunFilterId(any_=[UUID(r) for r in chunk])),
                                                  limit=len(chunk))
                    for tr in found:
                        state = tr.state
                        runs[str(tr.id)] = (state.type.value if state else "SCHEDULED", (state.message or "") if state else "")
                        self._data[str(tr.id)] = state.data if state else None
                try:
                    answer = client.request("POST", "/task_workers/filter",
                                            json={"task_worker_filter": {"task_keys": [self.task_key]}})
                    answer.raise_for_status()
                    subscribed = {str(w["identifier"]) for w in answer.json()}
                except Exception:  # noqa: BLE001 - an older server: go by the heartbeats alone
                    subscribed = None
        except Exception:  # noqa: BLE001
            return None, None
        return runs, subscribed

    def _result(self, run_id: str) -> dict:
        """The value a worker returned, read from the result file it wrote (then removed)."""
        from prefect.results import ResultRecord

        data = self._data.pop(run_id, None)
        key = data.get("storage_key") if isinstance(data, dict) else getattr(data, "storage_key", None)
        if not key:
            raise ValueError("任务没有保存结果")
        path = Path(key) if Path(key).is_absolute() else storage_dir(self.state_dir) / key
        value = ResultRecord.deserialize(path.read_bytes()).result
        try:
            path.unlink()
        except OSError:
            pass
        return value

    def _withdraw(self, jobs: dict[str, Job]) -> None:
        """Cancel task runs not read yet (a worker that gets one later skips it); best effort."""
        if not jobs:
            return
        from uuid import UUID

        from prefect.client.orchestration import get_client
        from prefect.states import Cancelled

        try:
            with get_client(sync_client=True) as client:
                for run_id in list(jobs):
                    client.set_task_run_state(UUID(run_id), Cancelled(message="paperdesk: 已改为在本机读取或运行已停止"),
                                              force=True)
        except Exception:  # noqa: BLE001 - the server is gone: nothing will run them anyway
            pass


def _size(path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _clear(folder: Path) -> None:
    """Remove the task parameters a run left (its workers have read them or never will)."""
    try:
        for p in folder.iterdir():
            try:
                p.unlink()
            except OSError:
                pass
    except OSError:
        pass
