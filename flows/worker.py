"""A reading worker: ``python -m flows.worker --pool NAME --state DIR [--limit N]``.

Serves the reader pool ``NAME`` on the Prefect server of ``PREFECT_API_URL`` (a Prefect task
worker, ``prefect.task_worker.serve``): takes the files of runs started with
``PAPERDESK_READER_POOL=NAME`` and reads them, ``--limit`` at a time (default 1; about one per
core the machine can give), each in a worker process of ``extractors.pool`` under the run's
per-file budget. ``DIR`` is the state folder of the office, the same path the runs use (shared:
the blob store is read from it, results and the heartbeat are written to it). Ctrl+C or SIGTERM
stops the worker; a file it was reading is reported unreadable by the run (and read again by the
next run).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m flows.worker",
                                description="paperdesk 读取工作进程：替使用同一读取工作组的运行读取文件")
    p.add_argument("--pool", required=True, help="读取工作组名称（与运行时的 PAPERDESK_READER_POOL 相同）")
    p.add_argument("--state", type=Path, required=True, help="状态目录（与运行时的 --state 相同路径，各机器共享）")
    p.add_argument("--limit", type=int, default=1, help="同时读取的文件数（默认 1，约等于可用的 CPU 核数）")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not os.environ.get("PREFECT_API_URL", "").strip():
        print("未设置 PREFECT_API_URL：读取工作进程需要 Prefect 服务器地址，例如 "
              "PREFECT_API_URL=http://服务器:4200/api", file=sys.stderr)
        return 2
    state = args.state.resolve()
    if not state.is_dir():
        print(f"状态目录 {state} 不存在（应与运行时的 --state 相同路径；共享目录是否已挂载？）", file=sys.stderr)
        return 2
    if args.limit < 1:
        print("--limit 至少为 1", file=sys.stderr)
        return 2

    from flows import remote

    # before Prefect is imported: task parameters are read from (and results written to) the
    # state folder, the same place the run reads them from
    os.environ["PREFECT_RESULTS_LOCAL_STORAGE_PATH"] = str(remote.storage_dir(state))
    for key, value in {"DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "WARNING",
                       "PREFECT_LOGGING_TO_API_ENABLED": "false"}.items():
        os.environ.setdefault(key, value)
    remote.storage_dir(state).mkdir(parents=True, exist_ok=True)

    from flows import steps as pipeline
    from paperdesk.progress import route_warnings

    task = remote.reading_task(args.pool, state)
    beat = remote.Heartbeat(state, args.pool, task.task_key)
    route_warnings(str(beat.log_path))
    remote.WORKER = beat.start()
    import threading

    threading.Thread(target=pipeline.warm_up, args=(beat.log_path,), name="paperdesk-warm-up", daemon=True).start()
    print(f"读取工作进程 {beat.id} 已启动：工作组 {args.pool}，状态目录 {state}，同时读取 {args.limit} 个文件。"
          f"等待任务（Ctrl+C 停止）", file=sys.stderr, flush=True)
    from prefect.task_worker import serve

    def stop(_signum, _frame):  # Prefect takes signals only in its own thread: stop here, in the main one
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        serve(task, limit=args.limit)
    except KeyboardInterrupt:
        pass
    finally:
        beat.stop()
        pipeline.cancel_reading()  # a file being read now: its run reports it unreadable and reads it next time
        pipeline.close_kept()
        print(f"读取工作进程 {beat.id} 已停止", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
