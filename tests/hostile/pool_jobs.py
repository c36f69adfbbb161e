"""Job functions for the pool tests: importable by name in a spawned worker."""

from __future__ import annotations

import os
import subprocess
import time


def echo(value):
    return [value]


def sleep(seconds):
    time.sleep(seconds)
    return ["slept"]


def eat(mb):
    """Hold ``mb`` MB of touched memory, growing, then linger."""
    blocks = []
    for _ in range(mb // 10):
        blocks.append(bytearray(10 * 2**20))
        time.sleep(0.005)
    time.sleep(30)
    return ["ate"]


def die():
    os._exit(3)


def child_then_hang(pidfile):
    """Start a grandchild in its own session (as LibreOffice is started), then hang."""
    proc = subprocess.Popen(["sleep", "300"], start_new_session=True)
    with open(pidfile, "w") as f:
        f.write(str(proc.pid))
    time.sleep(300)
    return ["never"]


def pages_then_work(pages, seconds):
    from extractors.pool import note_pages

    note_pages(pages)
    time.sleep(seconds)
    return ["read"]


def warn(text):
    import warnings

    warnings.warn(text, UserWarning)
    return ["warned"]
