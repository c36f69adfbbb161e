"""Path safety for the review page: every file served or written stays inside its root.

- :func:`inside` resolves a user-supplied relative path against a root and returns it only
  when the result (symlinks followed) is still inside the root.
- :func:`upload_name` accepts a browser-supplied file name only when it is a plain name (no
  folder part, no ``..``, no control characters) and returns it cleaned, else None.
- :func:`unique_path` finds a name in a folder that no file has yet (``名称 (2).docx``), so an
  upload never overwrites anything.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

_MAX_NAME_BYTES = 240


def inside(root: Path, rel: str) -> Path | None:
    """``root/rel`` resolved, or None when it escapes ``root`` (``..``, absolute, symlink out)."""
    if not rel or "\x00" in rel or rel.startswith(("/", "\\")):
        return None
    if ".." in rel.replace("\\", "/").split("/"):
        return None
    base = Path(root).resolve()
    target = (base / rel).resolve()
    if target != base and base not in target.parents:
        return None
    return target


def upload_name(raw: str | None) -> str | None:
    """The cleaned file name of an upload, or None when it is not a plain, safe file name."""
    if not raw:
        return None
    name = unicodedata.normalize("NFC", raw).strip()
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith(".."):
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        return None
    if name.startswith(".") or len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        return None
    return name


def unique_path(folder: Path, name: str) -> Path:
    """A path in ``folder`` named ``name`` or ``stem (n)suffix`` that does not exist yet."""
    candidate = folder / name
    stem, suffix = os.path.splitext(name)
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate


def write_new(folder: Path, name: str, stream, chunk: int = 1 << 20) -> Path:
    """Write ``stream`` to a new file in ``folder`` (never overwriting) and return its path.

    The bytes go to a hidden temporary file first and are linked into place only when complete,
    so the pipeline never reads a half-written upload; ``os.link`` fails rather than overwrite.
    """
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".upload-{os.getpid()}-{id(stream)}.part"
    try:
        with open(tmp, "xb") as out:
            while block := stream.read(chunk):
                out.write(block)
        while True:
            target = unique_path(folder, name)
            try:
                os.link(tmp, target)
                return target
            except FileExistsError:
                continue
    finally:
        tmp.unlink(missing_ok=True)
