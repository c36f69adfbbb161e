"""Walk the inbox: every file, archive member and email attachment becomes an :class:`IntakeItem`.

    scan_inbox(inbox, store_dir, campaign, limits=Limits()) -> list[IntakeItem]

The inbox is only read: each file's bytes are copied into the content-addressed store
(:mod:`intake.store`) and everything afterwards reads the copy. Files are visited in sorted path
order; containers (zip, eml, ...) are unpacked recursively by the unpacker registered for their
sniffed kind, each member displayed as ``<outer display>!<member path>``. Clutter is ``ignored``,
empty or broken files ``unreadable`` (Chinese reason), a second copy of the same bytes
``duplicate``; everything else keeps ``state=None`` for the extractors, except containers that
unpacked fine (``used``). ``received_at`` is the carrying email's Date, else the outer inbox
file's mtime, in the campaign's timezone. A ``!`` inside a file name is shown full-width (``！``)
because ``!`` separates the levels of a display path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from paperdesk.campaign import Campaign
from paperdesk.models import MEMBER_SEP, CollegeHint, IntakeItem
from intake.clutter import clutter_reason
from intake.dedup import mark_duplicates
from intake.hints import merge, path_hints
from intake.names import fs_name, no_sep
from intake.sniff import sniff
from intake.store import Blob, BlobStore
from intake.unpackers import CONTAINER_KINDS, UNPACKERS, UNSUPPORTED
from intake.unpackers.base import Budget, Limits, UnpackContext

EMPTY = "空文件"


@dataclass(frozen=True)
class _Carry:
    """What a container passes down to its members."""

    received_at: str
    email_date: str | None = None
    hints: tuple[CollegeHint, ...] = ()
    container: str | None = None


def scan_inbox(inbox: Path, store_dir: Path, campaign: Campaign, limits: Limits = Limits()) -> list[IntakeItem]:
    """Every file under ``inbox`` (see module docstring), in a deterministic order."""
    inbox, store = Path(inbox), BlobStore(Path(store_dir))
    tz = ZoneInfo(campaign.timezone)
    items: list[IntakeItem] = []
    for path in inbox_files(inbox, exclude=Path(store_dir)):
        display = no_sep(fs_name(path.relative_to(inbox).as_posix()))
        ctx = UnpackContext(store, limits, Budget.of(limits), campaign.find_college, tz)
        items.extend(_scan_inbox_file(path, display, ctx))
    return mark_duplicates(items)


def inbox_files(inbox: Path, exclude: Path | None = None) -> list[Path]:
    """Every file under ``inbox`` (symlinked folders not followed), sorted by relative path."""
    found = []
    skip = exclude.resolve() if exclude else None
    for root, dirs, files in os.walk(inbox, followlinks=False):
        if skip and Path(root).resolve() == skip:
            dirs[:] = []
            continue
        found.extend(Path(root) / f for f in files)
    return sorted(found, key=lambda p: p.relative_to(inbox).as_posix())


def _scan_inbox_file(path: Path, display: str, ctx: UnpackContext) -> list[IntakeItem]:
    """The items of one inbox file: itself and, for a container, everything inside it."""
    reason = clutter_reason(display)
    try:
        st = path.lstat()
    except OSError as e:
        return [_bare(display, "unreadable", f"无法读取文件：{e.strerror or e}", "1970-01-01T00:00:00+00:00")]
    when = dt.datetime.fromtimestamp(st.st_mtime, ctx.tz).isoformat(timespec="seconds")
    hints = _hints(display, (), ctx)
    if reason:
        return [_bare(display, "ignored", reason, when, hints=hints, size=st.st_size)]
    if path.is_symlink():
        return [_bare(display, "ignored", "符号链接，未读取", when, hints=hints)]
    try:
        blob = ctx.store.put_file(path)
    except OSError as e:
        return [_bare(display, "unreadable", f"无法读取文件：{e.strerror or e}", when, hints=hints, size=st.st_size)]
    return _scan_blob(display, blob, _Carry(received_at=when), ctx, depth=0)


def _scan_blob(display: str, blob: Blob, carry: _Carry, ctx: UnpackContext, depth: int) -> list[IntakeItem]:
    """The item for ``blob`` shown as ``display``, followed by its members when it is a container."""
    name = PurePosixPath(display.split(MEMBER_SEP)[-1]).name
    kind = sniff(blob.path, name) if blob.size else "unknown"
    item = IntakeItem(display=display, sha256=blob.sha256, size=blob.size, kind=kind, blob=str(blob.path),
                      received_at=carry.received_at, hints=_hints(display, carry.hints, ctx),
                      email_date=carry.email_date,
                      container=carry.container)
    if blob.size == 0:
        return [dataclasses.replace(item, state="unreadable", reason=EMPTY)]
    if kind not in CONTAINER_KINDS:
        return [item]
    unpacker = UNPACKERS.get(kind)
    if unpacker is None:
        return [dataclasses.replace(item, state="unreadable", reason=UNSUPPORTED.format(kind=kind))]
    if depth >= ctx.limits.max_depth:
        return [dataclasses.replace(item, state="unreadable",
                                    reason=f"压缩包嵌套层数过多（超过 {ctx.limits.max_depth} 层），已拒绝解压")]
    result = unpacker(blob.path, ctx)
    if result.error:
        return [dataclasses.replace(item, state="unreadable", reason=result.error)]
    inner = _Carry(received_at=result.email_date or carry.received_at, email_date=result.email_date or carry.email_date,
                   hints=carry.hints + result.hints, container=display)
    out = [dataclasses.replace(item, state="used", hints=_hints(display, inner.hints, ctx), email_date=inner.email_date,
                               received_at=inner.received_at)]
    for m in result.members:
        member_display = f"{display}{MEMBER_SEP}{no_sep(m.name)}"
        clutter = clutter_reason(m.name)
        if clutter or m.blob is None:
            state = "ignored" if clutter else "unreadable"
            out.append(_bare(member_display, state, clutter or m.reason or "无法解压", inner.received_at,
                             inner.email_date, _hints(member_display, inner.hints, ctx), container=display))
        else:
            out.extend(_scan_blob(member_display, m.blob, inner, ctx, depth + 1))
    return out


def _hints(display: str, carried: tuple[CollegeHint, ...], ctx: UnpackContext) -> tuple[CollegeHint, ...]:
    """The item's hints: those of its own path, then those its emails passed down."""
    return merge(path_hints(display, ctx.find_college), carried)


def _bare(display: str, state: str, reason: str, received_at: str, email_date: str | None = None,
          hints: tuple[CollegeHint, ...] = (), container: str | None = None, size: int = 0) -> IntakeItem:
    """An item whose bytes were not read (clutter, refused member, unreadable file)."""
    return IntakeItem(display=display, sha256="", size=size, kind="unknown", blob="", received_at=received_at,
                      hints=hints, email_date=email_date, state=state, reason=reason, container=container)
