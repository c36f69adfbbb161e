"""7z archives py7zr cannot read (BCJ2 — 7-Zip's filter for programs —, names that are not valid
UTF-16), read with the ``7z`` program of p7zip (installed by ``scripts/setup.sh``).

    unpack_cli(blob, ctx) -> Unpacked | None      None when the 7z program is missing

The listing (``7z l -slt``) gives names, sizes, attributes and the encrypted flag; every safe
member is then printed to a pipe (``7z x -so -spd -- archive name``) and streamed into the store
with a cap — nothing is ever written to disk under an archive's own names, so the program's own
path handling does not matter. One process per member (a solid block is decompressed again for
each), hence only for archives of at most :data:`MAX_MEMBERS` members. Same refusals as
:mod:`intake.unpackers.sevenzip_unpack`.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

from intake.clutter import clutter_reason
from intake.names import decode_name_bytes, printable
from intake.store import TooLarge
from intake.unpackers.base import BOMB, CORRUPT, ENCRYPTED, Member, UnpackContext, Unpacked, unique_name
from intake.unpackers.safety import SYMLINK, declared_bomb, path_reason, take

MAX_MEMBERS = 200
TIMEOUT = 120
DAMAGED = "压缩包内此文件已损坏，无法解压"
SAME_NAME = "压缩包内有同名文件，无法分别解压"


def unpack_cli(blob: Path, ctx: UnpackContext) -> Unpacked | None:
    """Members of the 7z archive at ``blob`` read by the 7z program; None without the program."""
    exe = shutil.which("7z") or shutil.which("7za")
    if exe is None:
        return None
    try:
        listing = _run([exe, "l", "-slt", "-ba", "-p", "-sccUTF-8", "--", str(blob)])
    except (OSError, subprocess.SubprocessError):
        return Unpacked(error=CORRUPT)
    if listing.returncode != 0:
        return Unpacked(error=ENCRYPTED if b"password" in listing.stderr.lower() else CORRUPT)
    entries = [e for e in _records(listing.stdout) if not _is_dir(e)]
    if any(e.get("Encrypted") == "+" for e in entries):
        return Unpacked(error=ENCRYPTED)
    if len(entries) > MAX_MEMBERS or declared_bomb([_size(e) for e in entries], blob.stat().st_size, ctx):
        return Unpacked(error=BOMB)
    try:
        return Unpacked(members=tuple(_members(exe, blob, entries, ctx)))
    except TooLarge:
        return Unpacked(error=BOMB)


def _members(exe: str, blob: Path, entries: list[dict], ctx: UnpackContext):
    taken: set[str] = set()
    counts = Counter(e.get("Path", "") for e in entries)
    for e in entries:
        raw = e.get("Path", "")
        name = printable(decode_name_bytes(raw.encode("utf-8", "surrogateescape")).replace("\\", "/"))
        reason = _refused(e, name) or (SAME_NAME if counts[raw] > 1 else None)
        if reason or clutter_reason(name):
            yield Member(unique_name(name, taken), reason=reason)
            continue
        blob_ = _extract(exe, blob, raw, min(ctx.budget.bytes, _size(e)), ctx)
        if blob_ is None or blob_.size != _size(e):
            yield Member(unique_name(name, taken), reason=DAMAGED)
            continue
        take(ctx, blob_)
        yield Member(unique_name(name, taken), blob=blob_)


def _extract(exe: str, blob: Path, raw: str, limit: int, ctx: UnpackContext):
    """The member's bytes into the store (None when 7z fails); TooLarge past ``limit``."""
    proc = subprocess.Popen([exe, "x", "-so", "-p", "-spd", "-bd", "--", str(blob), raw],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        stored = ctx.store.put_stream(proc.stdout, limit=limit)
        ok = proc.wait(timeout=TIMEOUT) == 0
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        proc.stdout.close()
    return stored if ok else None


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)


def _records(out: bytes) -> list[dict]:
    """``7z l -slt`` blocks (``Key = value`` lines, blank-line separated) as dicts."""
    text = out.decode("utf-8", "surrogateescape")
    records = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        rec = {}
        for line in block.split("\n"):
            key, sep, value = line.partition(" = ")
            if sep:
                rec[key.strip()] = value
        if "Path" in rec:
            records.append(rec)
    return records


def _is_dir(e: dict) -> bool:
    return e.get("Folder") == "+" or e.get("Attributes", "").startswith("D")


def _size(e: dict) -> int:
    try:
        return int(e.get("Size") or 0)
    except ValueError:
        return 0


def _refused(e: dict, name: str) -> str | None:
    mode = e.get("Attributes", "").split(" ")[-1]
    if mode.startswith("l"):
        return SYMLINK
    return path_reason(name)
