"""A stand-in scan reader that hangs, for the scan pool's timeout test (importable by name in
the spawned worker processes)."""

import time


def hang(path, kind, display, campaign):
    time.sleep(120)
    return []
