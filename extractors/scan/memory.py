"""Giving freed memory back to the system between the big steps of a scan.

The reader's largest transient allocations (a page image and its copies, ~12 MB each; the text
detector's activations, ~280 bytes a pixel) are freed after each step, but glibc keeps freed heap
memory for reuse, so a reading worker held on to what its largest page took and grew from file
to file (1.1 GB seen after the demo inbox's scans, against 0.45 GB for its largest page in a fresh
process). :func:`trim` (``malloc_trim(0)``, a few ms) after each page and each detector strip keeps
a worker at what its current step needs. A no-op where there is no glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_LIBC = None


def trim() -> None:
    """Return the memory freed so far to the system (see the module docstring)."""
    global _LIBC
    if _LIBC is None:
        try:
            _LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            _LIBC.malloc_trim.argtypes = [ctypes.c_size_t]
        except (OSError, AttributeError):
            _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)
