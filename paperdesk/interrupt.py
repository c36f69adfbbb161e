"""Ctrl+C and SIGTERM: stop at once, say so in one Chinese line, exit 130 / 143.

:func:`install` (called by the CLI's run, watch and serve) makes both signals kill every worker
reading a file (each canceller registered with :func:`on_interrupt`: the pipeline's steps register
:func:`flows.steps.cancel_reading`) and raise :class:`Interrupted` in the
main thread. What a run has finished stays consistent: each file read is cached as it comes back
(the next run resumes from there), the state database commits per statement, and the outbox is
only ever replaced file by file through a temporary name. During a Prefect flow run Prefect takes
SIGTERM itself (its ``TerminationSignal``); the pool stops its workers on any exception, and
:func:`exit_code` maps both kinds to the same exit codes.
"""

from __future__ import annotations

import signal
from typing import Callable

EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}
NAMES = {signal.SIGINT: "Ctrl+C（SIGINT）", signal.SIGTERM: "终止信号（SIGTERM）"}

#: what a signal stops before :class:`Interrupted` is raised (the layers above register here, so
#: this module imports none of them)
_CANCELLERS: list[Callable[[], None]] = []


def on_interrupt(cancel: Callable[[], None]) -> None:
    """Have ``cancel`` called (once per signal) when SIGINT or SIGTERM arrives."""
    if cancel not in _CANCELLERS:
        _CANCELLERS.append(cancel)


class Interrupted(BaseException):
    """Raised in the main thread by the signal handler (a BaseException: no ``except Exception``
    on the way may swallow it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def install(on_signal: Callable[[], None] | None = None) -> None:
    """Handle SIGINT and SIGTERM as described in the module docstring; ``on_signal`` runs first
    (the watcher stops its loop)."""

    def handler(signum, _frame):
        for cancel in list(_CANCELLERS):
            cancel()
        if on_signal is not None:
            on_signal()
        raise Interrupted(signum)

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def signal_of(exc: BaseException) -> int | None:
    """The signal behind an exception that ended the run, or None when it was not a signal."""
    if isinstance(exc, Interrupted):
        return exc.signum
    if isinstance(exc, KeyboardInterrupt):
        return signal.SIGINT
    if type(exc).__name__ == "TerminationSignal":  # Prefect's, raised on SIGTERM in a flow run
        return int(getattr(exc, "signal", signal.SIGTERM))
    return None


def exit_code(signum: int) -> int:
    return EXIT_CODES.get(signum, 128 + int(signum))


def message(signum: int) -> str:
    return (f"运行已中断（收到 {NAMES.get(signum, f'信号 {signum}')}）：已停止全部读取进程。"
            f"已读完的文件已缓存，重新运行即从缓存继续；输出目录中没有写了一半的文件。")
