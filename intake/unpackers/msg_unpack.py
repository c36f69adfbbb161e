"""Outlook messages (.msg), read with ``extract-msg``: attachments become members; the sent date,
subject and sender travel with them, exactly as for .eml (:mod:`intake.unpackers.eml_unpack`).

An attached Outlook message is passed on as its own .msg bytes (unpacked in turn); an attachment
whose bytes cannot be had (a link, an OLE object) is a member with a Chinese reason. A file
extract-msg cannot open is unreadable as a whole; it never raises.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from pathlib import Path

import extract_msg

from paperdesk.models import CollegeHint
from intake.clutter import clutter_reason
from intake.names import printable
from intake.unpackers.base import BOMB, Member, UnpackContext, Unpacked, unique_name
from intake.unpackers.safety import take

BROKEN = "Outlook 邮件文件（.msg）已损坏，无法读取"
_MAX_MSG_BYTES = 200 * 1024**2

logging.getLogger("extract_msg").setLevel(logging.CRITICAL)


def unpack(blob: Path, ctx: UnpackContext) -> Unpacked:
    """Attachments of the Outlook message at ``blob`` (see :mod:`intake.unpackers.base`)."""
    if blob.stat().st_size > min(_MAX_MSG_BYTES, ctx.budget.bytes):
        return Unpacked(error=BOMB)
    try:
        msg = extract_msg.openMsg(str(blob), strict=False, delayAttachments=False)
    except Exception:  # noqa: BLE001 - extract-msg raises many types on broken OLE files
        return Unpacked(error=BROKEN)
    try:
        members = tuple(_members(msg, ctx))
        return Unpacked(members=members, email_date=_date(msg, ctx), hints=_hints(msg, ctx))
    except Exception:  # noqa: BLE001
        return Unpacked(error=BROKEN)
    finally:
        msg.close()


def _members(msg, ctx: UnpackContext):
    taken: set[str] = set()
    for n, att in enumerate(getattr(msg, "attachments", None) or (), start=1):
        name = printable(_name(att, n))
        if clutter_reason(name):
            yield Member(unique_name(name, taken))
            continue
        data = _bytes(att)
        if data is None:
            yield Member(unique_name(name, taken), reason="无法取出此附件（链接或嵌入对象）")
            continue
        if ctx.budget.members <= 0 or len(data) > ctx.budget.bytes:
            yield Member(unique_name(name, taken), reason=BOMB)
            continue
        blob = ctx.store.put_bytes(data)
        take(ctx, blob)
        yield Member(unique_name(name, taken), blob=blob)


def _name(att, n: int) -> str:
    for key in ("longFilename", "shortFilename", "displayName"):
        value = _safe(lambda: getattr(att, key))
        if isinstance(value, str) and value.strip():
            return value.replace("\\", "/").split("/")[-1].strip() or f"附件{n}"
    return f"附件{n}.msg" if _safe(lambda: hasattr(att.data, "exportBytes")) else f"附件{n}"


def _bytes(att) -> bytes | None:
    data = _safe(lambda: att.data)
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if hasattr(data, "exportBytes"):
        out = _safe(data.exportBytes)
        return bytes(out) if isinstance(out, (bytes, bytearray)) else None
    return None


def _date(msg, ctx: UnpackContext) -> str | None:
    """The sent time (PR_CLIENT_SUBMIT_TIME), else the Date line of the transport headers."""
    when = _safe(lambda: msg.date)
    if not isinstance(when, dt.datetime):
        raw = _safe(lambda: msg.header["Date"])
        when = _safe(lambda: email.utils.parsedate_to_datetime(raw)) if isinstance(raw, str) else None
    if not isinstance(when, dt.datetime):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(ctx.tz).isoformat(timespec="seconds")


def _hints(msg, ctx: UnpackContext) -> tuple[CollegeHint, ...]:
    out = []
    for source, attr in (("email_subject", "subject"), ("email_sender", "sender")):
        text = _safe(lambda: getattr(msg, attr))
        if isinstance(text, str) and text.strip():
            out.append(CollegeHint(source, text.strip(), ctx.find_college(text.strip())))
    return tuple(out)


def _safe(get):
    """``get()``, or None when extract-msg fails on this property."""
    try:
        return get()
    except Exception:  # noqa: BLE001
        return None
