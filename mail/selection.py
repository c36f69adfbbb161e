"""Which messages to fetch, and the file each becomes: pure functions, no I/O.

    parse_candidate(uid, size, internaldate, header_block) -> Candidate
    plan(candidates, seen_uids, seen_ids, subjects, senders) -> Plan
    eml_name(candidate, raw, tz) -> str

A message is fetched once: never again when its (UIDVALIDITY, UID) is in the ledger, nor when
another message with the same Message-ID was fetched (the same mail in two folders, or sent
twice by the college's client). The optional filters keep a message when its subject contains
one of ``subjects`` and its sender (address or name) one of ``senders``, compared after width and
case folding; a message filtered out is not recorded, so widening the filter later fetches it.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from intake.unpackers.eml_unpack import header_text
from paperdesk import textnorm

#: what the header fetch asks for (everything the plan and the file name need)
HEADER_FIELDS = ("MESSAGE-ID", "SUBJECT", "FROM", "DATE")


@dataclass(frozen=True)
class Candidate:
    """One message on the server, known by its headers only."""

    uid: int
    size: int
    internaldate: dt.datetime | None
    message_id: str | None
    subject: str
    sender: str
    date: dt.datetime | None  # the Date header, None when missing or broken


@dataclass(frozen=True)
class Plan:
    fetch: tuple[Candidate, ...]  # in UID order
    known: int  # fetched before (same UID, or same Message-ID)
    filtered: int  # left out by the subject / sender filter


def message_id(text: str | None) -> str | None:
    """A Message-ID as compared: the part between angle brackets, spaces removed; None when empty."""
    if not text:
        return None
    m = re.search(r"<([^<>]+)>", text)
    value = re.sub(r"\s+", "", m.group(1) if m else text)
    return value or None


def parse_candidate(uid: int, size: int, internaldate: dt.datetime | None, header_block: bytes) -> Candidate:
    """A candidate from the header fields the server sent (decoded like intake decodes them:
    RFC 2047, raw GBK/UTF-8; a broken header is empty, never an error)."""
    msg = email.message_from_bytes(header_block or b"", policy=email.policy.default)
    when = None
    raw_date = header_text(msg, "Date")
    if raw_date:
        try:
            when = email.utils.parsedate_to_datetime(raw_date)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
    return Candidate(uid=uid, size=size, internaldate=internaldate, message_id=message_id(header_text(msg, "Message-ID")),
                     subject=header_text(msg, "Subject"), sender=header_text(msg, "From"), date=when)


def _fold(text: str) -> str:
    return textnorm.clean(text).casefold()


def matches(c: Candidate, subjects: tuple[str, ...] = (), senders: tuple[str, ...] = ()) -> bool:
    """Whether ``c`` passes the filters (an empty filter passes everything)."""
    if subjects and not any(_fold(s) in _fold(c.subject) for s in subjects if s.strip()):
        return False
    if senders and not any(_fold(s) in _fold(c.sender) for s in senders if s.strip()):
        return False
    return True


def plan(candidates, seen_uids: set[int], seen_ids: set[str], subjects: tuple[str, ...] = (),
         senders: tuple[str, ...] = ()) -> Plan:
    """What to fetch of ``candidates`` given what the ledger holds (see the module docstring)."""
    fetch, known, filtered = [], 0, 0
    taken = set(seen_ids)
    for c in sorted(candidates, key=lambda c: c.uid):
        if c.uid in seen_uids or (c.message_id and c.message_id in taken):
            known += 1
        elif not matches(c, subjects, senders):
            filtered += 1
        else:
            fetch.append(c)
            if c.message_id:
                taken.add(c.message_id)
    return Plan(tuple(fetch), known, filtered)


def uid_set(uids) -> str:
    """An IMAP sequence set of UIDs, runs compacted: [1, 2, 3, 7] → ``1:3,7``."""
    out, run = [], []
    for u in sorted(set(int(u) for u in uids)):
        if run and u == run[-1] + 1:
            run.append(u)
            continue
        if run:
            out.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [u]
    if run:
        out.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(out)


def batches(items, size: int):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


# ------------------------------------------------------------------ file names

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|!]+|\s+')
_NAME_CHARS, _NAME_BYTES = 60, 150


def safe_part(text: str) -> str:
    """``text`` usable in a file name on Windows, macOS and Linux: no path or reserved
    characters (nor ``!``, the display-path separator), no leading dots, at most 60 characters
    and 150 UTF-8 bytes."""
    text = _UNSAFE.sub(" ", unicodedata.normalize("NFC", text))
    text = "".join(ch for ch in text if not ("\ud800" <= ch <= "\udfff") and unicodedata.category(ch) != "Cf")
    text = " ".join(text.split()).strip(" .")
    text = text[:_NAME_CHARS]
    while len(text.encode("utf-8")) > _NAME_BYTES:
        text = text[:-1]
    return text.strip(" .")


def eml_name(c: Candidate, raw: bytes, tz: dt.tzinfo) -> str:
    """The stable file name of a fetched message: ``<date>_<subject>_<hash>.eml`` — the Date
    header (else the server's arrival time) in the campaign's timezone, the subject made safe,
    the first 10 hex digits of the SHA-256 of the raw bytes (the same message always gets the
    same name; two different ones never share it)."""
    when = c.date or c.internaldate
    stamp = when.astimezone(tz).strftime("%Y%m%d-%H%M%S") if when else "00000000-000000"
    subject = safe_part(c.subject) or "无主题"
    return f"{stamp}_{subject}_{hashlib.sha256(raw).hexdigest()[:10]}.eml"
