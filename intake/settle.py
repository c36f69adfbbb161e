"""Files still being copied into the inbox are not read half-written.

    settled_files(list_files, settle_seconds, limit_seconds) -> (settled, busy)

A file is settled once its size and modification time have not changed for ``settle_seconds``:
at once when its mtime is at least that old (the usual case: nothing is waited for), else after
watching it (polling a few times a second; a file whose mtime lies in the future is watched for
the full ``settle_seconds``). The file list is taken again on every poll, so temporary files that
a copying program renames away disappear and the final names appear. After ``limit_seconds`` the
files still changing come back as ``busy``: the walker reports them (:data:`BUSY`) and the next
run reads them. Only ``stat`` is called; nothing is opened.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

BUSY = "文件仍在复制中（大小或修改时间仍在变化），本次未读取，下次运行时再读"
_POLL = 0.25


def settled_files(list_files: Callable[[], list[Path]], settle_seconds: float, limit_seconds: float,
                  clock: Callable[[], float] = time.time,
                  sleep: Callable[[float], None] = time.sleep) -> tuple[list[Path], list[Path]]:
    """(settled files, files still changing after ``limit_seconds``), each in ``list_files`` order."""
    start = clock()
    seen: dict[Path, tuple[tuple[int, int] | None, float]] = {}  # path -> (size, mtime_ns), stable since
    while True:
        now = clock()
        files = list_files()
        busy = [p for p in files if not _stable(p, seen, now, settle_seconds)]
        if not busy or now - start >= limit_seconds:
            return [p for p in files if p not in set(busy)], busy
        sleep(min(_POLL, max(settle_seconds / 4, 0.01)))


def _stable(path: Path, seen: dict, now: float, settle: float) -> bool:
    """Whether ``path`` has not changed for ``settle`` seconds (updates ``seen``)."""
    try:
        st = os.lstat(path)
        snap = (st.st_size, st.st_mtime_ns)
        mtime = st.st_mtime
    except OSError:
        snap, mtime = None, now  # vanished or unreadable: the walker reports it
    before = seen.get(path)
    if before is None:
        since = mtime if mtime <= now else now
    elif before[0] != snap:
        since = now
    else:
        since = before[1]
    seen[path] = (snap, since)
    return now - since >= settle
