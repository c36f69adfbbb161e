"""One run at a time per state folder: an exclusive ``flock`` on ``<state>/run.lock``.

The lock dies with the process (``kill -9`` included), so a crashed run never blocks the next.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class StateBusy(Exception):
    """Another paperdesk run holds the state folder."""


@contextmanager
def state_lock(state_dir: Path, wait_seconds: float = 600.0) -> Iterator[None]:
    path = Path(state_dir) / "run.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StateBusy(f"另一个 paperdesk 正在使用状态目录 {state_dir}，请稍后再试") from None
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock
