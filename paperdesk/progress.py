"""Progress reporting for long work: a callback ``progress(done, total, message)``.

:func:`terminal` draws a one-line bar on a terminal (``\\r``-updated) and plain lines when the
output is not a terminal (CI logs, pipes), at most one line per step change or 10 % of progress.
"""

from __future__ import annotations

import sys
from typing import Callable, TextIO

Progress = Callable[[int, int, str], None]


def quiet(done: int, total: int, message: str) -> None:
    """A progress callback that shows nothing."""


def terminal(stream: TextIO | None = None) -> Progress:
    out = stream or sys.stderr
    tty = out.isatty()
    last: dict = {"message": None, "decile": -1}

    def show(done: int, total: int, message: str) -> None:
        pct = int(100 * done / total) if total else 100
        if tty:
            bar = "█" * (pct // 5) + "░" * (20 - pct // 5)
            out.write(f"\r{bar} {pct:3d}%  {message} ({done}/{total})\033[K")
            if done >= total and message == "完成":
                out.write("\n")
            out.flush()
            return
        decile = pct // 10
        if message != last["message"] or decile != last["decile"]:
            out.write(f"[{pct:3d}%] {message} ({done}/{total})\n")
            out.flush()
            last.update(message=message, decile=decile)

    return show


def route_warnings(log_path: str | None) -> None:
    """Library warnings (openpyxl's "Print area cannot be set", "Cannot parse header or footer",
    …) go to the run's log file, or nowhere, never to the terminal: what a file's oddity means
    for the office is said in its state and reason."""
    import logging
    import warnings

    logging.captureWarnings(True)
    log = logging.getLogger("py.warnings")
    log.propagate = False
    for h in log.handlers[:]:
        log.removeHandler(h)
        h.close()
    log.addHandler(logging.FileHandler(log_path, encoding="utf-8") if log_path else logging.NullHandler())
    warnings.simplefilter("default")
