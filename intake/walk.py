"""Walk the inbox: every file, archive member and email attachment becomes an :class:`IntakeItem`.

    scan_inbox(inbox, store_dir, campaign, limits=Limits(), settle_seconds=3.0, settle_limit=60.0)
        -> list[IntakeItem]

The inbox is only read: first the walker waits until no file is still being copied in
(:mod:`intake.settle`; files still changing after ``settle_limit`` seconds are reported
``unreadable`` with :data:`intake.settle.BUSY` and read by the next run), then each file's bytes
are copied into the content-addressed store (:mod:`intake.store`) and everything afterwards reads
the copy. Files are visited in sorted path order; containers (zip, 7z, rar, tar, eml, msg ...) are
unpacked recursively by the unpacker registered for their sniffed kind, each member displayed as
``<outer display>!<member path>``. The volumes of a multi-volume archive (:mod:`intake.volumes`)
are unpacked together under the first volume's name; the other volumes are ``used``; an
incomplete set makes every volume ``unreadable``. Clutter is ``ignored``, empty or broken files
``unreadable`` (Chinese reason), a second copy of the same bytes ``duplicate``; everything else
keeps ``state=None`` for the extractors, except containers that unpacked fine (``used``).
``received_at`` is the carrying email's Date, else the outer inbox file's mtime, in the campaign's
timezone. A ``!`` inside a file name is shown full-width (``！``) because ``!`` separates the
levels of a display path.
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
from intake.names import fs_name, no_sep, printable
from intake.settle import BUSY, settled_files
from intake.sniff import sniff
from intake.store import Blob, BlobStore, TooLarge
from intake.unpackers import CONTAINER_KINDS, UNPACKERS, UNSUPPORTED
from intake.unpackers.base import BOMB, Budget, Limits, UnpackContext
from intake.volumes import VolumeSet, is_rar_volume, join_split, join_split_zip, volume_sets

EMPTY = "空文件"


@dataclass(frozen=True)
class _Carry:
    """What a container passes down to its members."""

    received_at: str
    email_date: str | None = None
    hints: tuple[CollegeHint, ...] = ()
    container: str | None = None


@dataclass(frozen=True)
class _Entry:
    """A file whose bytes are in the store, waiting to be sniffed and unpacked at one level."""

    display: str
    name: str  # its path within its level (inbox or container), for volume sets
    blob: Blob
    carry: _Carry
    ctx: UnpackContext


def scan_inbox(inbox: Path, store_dir: Path, campaign: Campaign, limits: Limits = Limits(),
               settle_seconds: float = 3.0, settle_limit: float = 60.0) -> list[IntakeItem]:
    """Every file under ``inbox`` (see module docstring), in a deterministic order."""
    inbox, store = Path(inbox), BlobStore(Path(store_dir))
    tz = ZoneInfo(campaign.timezone)
    files, busy = settled_files(lambda: inbox_files(inbox, exclude=Path(store_dir)), settle_seconds, settle_limit)
    level: list[IntakeItem | _Entry] = []
    for path in sorted(files + busy, key=lambda p: p.relative_to(inbox).as_posix()):
        display = no_sep(printable(fs_name(path.relative_to(inbox).as_posix())))
        ctx = UnpackContext(store, limits, Budget.of(limits), campaign.find_college, tz)
        level.append(_busy(display, ctx) if path in busy else _read_inbox_file(path, display, ctx))
    return mark_duplicates(_scan_level(level, depth=0))


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


def _busy(display: str, ctx: UnpackContext) -> IntakeItem:
    now = dt.datetime.now(ctx.tz).isoformat(timespec="seconds")
    return _bare(display, "unreadable", BUSY, now, hints=_hints(display, (), ctx))


def _read_inbox_file(path: Path, display: str, ctx: UnpackContext) -> IntakeItem | _Entry:
    """The inbox file copied into the store, or its final item when it is not to be read."""
    reason = clutter_reason(display)
    try:
        st = path.lstat()
    except OSError as e:
        return _bare(display, "unreadable", f"无法读取文件：{e.strerror or e}", "1970-01-01T00:00:00+00:00")
    when = dt.datetime.fromtimestamp(st.st_mtime, ctx.tz).isoformat(timespec="seconds")
    hints = _hints(display, (), ctx)
    if reason:
        return _bare(display, "ignored", reason, when, hints=hints, size=st.st_size)
    if path.is_symlink():
        return _bare(display, "ignored", "符号链接，未读取", when, hints=hints)
    if not path.is_file():
        return _bare(display, "ignored", "不是普通文件（设备、管道等），未读取", when, hints=hints)
    try:
        blob = ctx.store.put_file(path)
    except OSError as e:
        return _bare(display, "unreadable", f"无法读取文件：{e.strerror or e}", when, hints=hints, size=st.st_size)
    return _Entry(display, display, blob, _Carry(received_at=when), ctx)


def _scan_level(level: list[IntakeItem | _Entry], depth: int) -> list[IntakeItem]:
    """The items of one level (the inbox, or one container's members), volume sets joined."""
    entries = {e.name: e for e in level if isinstance(e, _Entry)}
    sets = {vs.names[0]: vs for vs in volume_sets(entries) if _is_set(vs, entries)}
    in_set = {n for vs in sets.values() for n in vs.names}
    done: dict[str, list[IntakeItem]] = {}
    for first, vs in sets.items():
        done.update(_scan_set(vs, [entries[n] for n in vs.names], depth))
    out: list[IntakeItem] = []
    for e in level:
        if not isinstance(e, _Entry):
            out.append(e)
        elif e.name in in_set:
            out.extend(done[e.name])
        else:
            out.extend(_scan_blob(e.display, e.blob, e.carry, e.ctx, depth))
    return out


def _is_set(vs: VolumeSet, entries: dict[str, _Entry]) -> bool:
    """A complete RAR "set" whose first part is not a volume is a row of separate archives."""
    if vs.style != "rar" or vs.missing:
        return True
    with open(entries[vs.names[0]].blob.path, "rb") as f:
        return is_rar_volume(f.read(64))


def _scan_set(vs: VolumeSet, parts: list[_Entry], depth: int) -> dict[str, list[IntakeItem]]:
    """The items of a multi-volume set, by part name: the first carries the unpacked members."""
    first = parts[0]
    if vs.missing:
        return {p.name: [_volume(p, "unreadable", vs.missing)] for p in parts}
    ctx = first.ctx
    try:
        if vs.style == "split":
            head = _scan_blob(first.display, join_split([p.blob.path for p in parts], ctx.store, ctx.budget.bytes),
                              first.carry, ctx, depth)
        elif vs.style == "zip":
            joined = join_split_zip([p.blob.path for p in parts], ctx.store, ctx.budget.bytes)
            if isinstance(joined, str):
                return {p.name: [_volume(p, "unreadable", joined)] for p in parts}
            head = _scan_blob(first.display, joined, first.carry, ctx, depth)
        else:
            volumes = tuple(p.blob.path for p in parts)
            head = _scan_blob(first.display, first.blob, first.carry, dataclasses.replace(ctx, volumes=volumes), depth)
    except (TooLarge, OSError):
        return {p.name: [_volume(p, "unreadable", BOMB)] for p in parts}
    lead = head[0]
    state = "used" if lead.state in (None, "used") else lead.state
    reason = f"分卷压缩包的一卷，已与 {first.display} 一起解压" if state == "used" else lead.reason
    return {first.name: head, **{p.name: [_volume(p, state, reason or "")] for p in parts[1:]}}


def _volume(e: _Entry, state: str, reason: str) -> IntakeItem:
    return IntakeItem(display=e.display, sha256=e.blob.sha256, size=e.blob.size, kind="volume", blob=str(e.blob.path),
                      received_at=e.carry.received_at, hints=_hints(e.display, e.carry.hints, e.ctx),
                      email_date=e.carry.email_date, state=state, reason=reason, container=e.carry.container)


def _scan_blob(display: str, blob: Blob, carry: _Carry, ctx: UnpackContext, depth: int) -> list[IntakeItem]:
    """The item for ``blob`` shown as ``display``, followed by its members when it is a container."""
    name = PurePosixPath(display.split(MEMBER_SEP)[-1]).name
    kind = sniff(blob.path, name) if blob.size else "unknown"
    item = IntakeItem(display=display, sha256=blob.sha256, size=blob.size, kind=kind, blob=str(blob.path),
                      received_at=carry.received_at, hints=_hints(display, carry.hints, ctx),
                      email_date=carry.email_date, container=carry.container)
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
    result = unpacker(blob.path, dataclasses.replace(ctx, name=name))
    if result.error:
        return [dataclasses.replace(item, state="unreadable", reason=result.error)]
    inner = _Carry(received_at=result.email_date or carry.received_at, email_date=result.email_date or carry.email_date,
                   hints=carry.hints + result.hints, container=display)
    out = [dataclasses.replace(item, state="used", hints=_hints(display, inner.hints, ctx), email_date=inner.email_date,
                               received_at=inner.received_at)]
    member_ctx = dataclasses.replace(ctx, volumes=(), name="")
    level: list[IntakeItem | _Entry] = []
    for m in result.members:
        member_display = f"{display}{MEMBER_SEP}{no_sep(m.name)}"
        clutter = clutter_reason(m.name)
        if clutter or m.blob is None:
            state = "ignored" if clutter else "unreadable"
            level.append(_bare(member_display, state, clutter or m.reason or "无法解压", inner.received_at,
                               inner.email_date, _hints(member_display, inner.hints, ctx), container=display))
        else:
            level.append(_Entry(member_display, m.name, m.blob, inner, member_ctx))
    return out + _scan_level(level, depth + 1)


def _hints(display: str, carried: tuple[CollegeHint, ...], ctx: UnpackContext) -> tuple[CollegeHint, ...]:
    """The item's hints: those of its own path, then those its emails passed down."""
    return merge(path_hints(display, ctx.find_college), carried)


def _bare(display: str, state: str, reason: str, received_at: str, email_date: str | None = None,
          hints: tuple[CollegeHint, ...] = (), container: str | None = None, size: int = 0) -> IntakeItem:
    """An item whose bytes were not read (clutter, refused member, unreadable file)."""
    return IntakeItem(display=display, sha256="", size=size, kind="unknown", blob="", received_at=received_at,
                      hints=hints, email_date=email_date, state=state, reason=reason, container=container)
