"""The contract every unpacker follows (one module per container kind, see ``__init__``).

    unpack(blob: Path, ctx: UnpackContext) -> Unpacked

An unpacker reads the container at ``blob`` (already in the store) and streams each member into
``ctx.store``, within ``ctx.limits`` (shared with the whole inbox file through ``ctx.budget``).
It never raises on bad input: a container it cannot open comes back with ``error`` set (Chinese,
the whole container becomes ``unreadable``, members already stored are simply not reported);
one bad member comes back as a :class:`Member` with ``reason`` set and no blob.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from paperdesk.models import CollegeHint
from intake.store import Blob, BlobStore

ENCRYPTED = "加密文件，请发送未加密版本"
CORRUPT = "压缩包已损坏，无法解压"
BOMB = "疑似压缩炸弹：解压后的大小、压缩比或文件数超出限制，已拒绝解压"
UNSUPPORTED_METHOD = "压缩包使用了不支持的压缩方式，请改用常见的 zip 格式"


@dataclass(frozen=True)
class Limits:
    """Safety limits for one inbox file and everything unpacked out of it."""

    max_depth: int = 5  # archives inside archives
    max_members: int = 5000  # members in total
    max_total_bytes: int = 2 * 1024**3  # bytes unpacked in total
    max_ratio: int = 200  # uncompressed / compressed, per member ...
    ratio_min_bytes: int = 10 * 1024**2  # ... only judged for members at least this large


@dataclass
class Budget:
    """What is left of the limits for the inbox file being unpacked (mutable, one per inbox file)."""

    members: int
    bytes: int

    @classmethod
    def of(cls, limits: Limits) -> "Budget":
        return cls(members=limits.max_members, bytes=limits.max_total_bytes)


@dataclass(frozen=True)
class UnpackContext:
    store: BlobStore
    limits: Limits
    budget: Budget
    find_college: object  # Callable[[str], str | None]: the campaign's find_college
    tz: object  # zoneinfo.ZoneInfo of the campaign
    name: str = ""  # the container's own file name (a lone .gz member is named after it)
    volumes: tuple[Path, ...] = ()  # all volumes of a multi-volume RAR, first one first


@dataclass(frozen=True)
class Member:
    """One member: its path inside the container, and its blob or the reason it was refused."""

    name: str
    blob: Blob | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Unpacked:
    """What came out of a container. ``received_at``/``email_date``/``hints`` are set by emails
    and apply to every member (and everything nested in them)."""

    members: tuple[Member, ...] = ()
    error: str | None = None
    email_date: str | None = None
    hints: tuple[CollegeHint, ...] = field(default_factory=tuple)


class Unpacker(Protocol):
    def __call__(self, blob: Path, ctx: UnpackContext) -> Unpacked: ...


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``stem (2).ext`` ... when a member of the same container already has it."""
    if name not in taken:
        taken.add(name)
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or "/" in ext:
        stem, ext = name, ""
    n = 2
    while (cand := f"{stem} ({n}){'.' + ext if ext else ''}") in taken:
        n += 1
    taken.add(cand)
    return cand
