"""Saved emails (.eml): attachments become members; Date, Subject and From travel with them.

Parsed with ``email.policy.default``. Every part with a file name (attachments and named inline
parts, also inside forwarded messages) is a member. File names are read from the raw
``Content-Disposition`` ``filename`` (else ``Content-Type`` ``name``) parameter and decoded from
RFC 2231 (``filename*=GBK''%BF%BC…``, also split into ``filename*0*=``/``filename*1*=`` sections,
whose bytes are joined before decoding, so a GBK character cut between two sections survives;
the starred form wins over a plain ``filename=`` beside it), RFC 2047 encoded words (also inside
quoted parameters; adjacent words of one charset are joined before decoding, as Chinese mail
clients cut characters between words) and raw 8-bit GBK or UTF-8 bytes. A broken header never
raises: the value is simply missing. The Date header is converted to the campaign timezone and
becomes every member's ``email_date``.
"""

from __future__ import annotations

import datetime as dt
import email
import email.header
import email.policy
import email.utils
import mimetypes
import re
import urllib.parse
from email.message import Message
from pathlib import Path

from paperdesk.models import CollegeHint
from intake.clutter import clutter_reason
from intake.names import printable
from intake.unpackers.base import BOMB, Member, UnpackContext, Unpacked, unique_name

_MAX_EML_BYTES = 200 * 1024**2


def unpack(blob: Path, ctx: UnpackContext) -> Unpacked:
    """Attachments of the email at ``blob`` (see :mod:`intake.unpackers.base`)."""
    if blob.stat().st_size > min(_MAX_EML_BYTES, ctx.budget.bytes):
        return Unpacked(error=BOMB)
    try:
        msg = email.message_from_bytes(blob.read_bytes(), policy=email.policy.default)
    except Exception:  # the parser is lenient; this is only a guard against its own bugs
        return Unpacked(error="邮件文件已损坏，无法读取")
    members = tuple(_members(msg, ctx))
    return Unpacked(members=members, email_date=email_date(msg, ctx.tz), hints=_hints(msg, ctx))


def email_date(msg: Message, tz) -> str | None:
    """The Date header as ISO 8601 in ``tz``; None when missing or unparseable."""
    raw = _header(msg, "Date")
    if not raw:
        return None
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # "-0000": UTC, local zone unknown (RFC 5322 §3.3)
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(tz).isoformat(timespec="seconds")


def _hints(msg: Message, ctx: UnpackContext) -> tuple[CollegeHint, ...]:
    out = []
    for source, header in (("email_subject", "Subject"), ("email_sender", "From")):
        text = _header(msg, header)
        if text:
            out.append(CollegeHint(source, text, ctx.find_college(text)))
    return tuple(out)


def header_text(msg: Message, name: str) -> str:
    """A header's decoded text, '' when missing or broken (never raises). Raw 8-bit bytes (GBK
    or UTF-8 without RFC 2047) are decoded from the stored raw value, and so are encoded words
    that only decode whole when joined (a character cut between two words)."""
    raw = _raw_header(msg, name)
    if _has_raw_bytes(raw):
        return _decode_words(_fix_text(raw)).strip()
    try:
        value = msg.get(name)
        text = (str(value) if value is not None else "").strip()
    except Exception:
        return _decode_words(raw).strip()
    if "\ufffd" in text and "=?" in raw:
        joined = _decode_words(raw).strip()
        if "\ufffd" not in joined:
            return joined
    return text


_header = header_text


def _raw_header(msg: Message, name: str) -> str:
    """The header's value as stored (unfolded, 8-bit bytes as surrogate escapes), '' when absent."""
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return " ".join(str(value).split())
    return ""


def _has_raw_bytes(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _members(msg: Message, ctx: UnpackContext):
    taken: set[str] = set()
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            continue
        name = _filename(part) or _unnamed_attachment(part, n)
        if not name:
            continue
        if clutter_reason(name):  # listed by the walker, never read
            yield Member(unique_name(name, taken))
            continue
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:
            data = b""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if ctx.budget.members <= 0 or len(data) > ctx.budget.bytes:
            yield Member(unique_name(name, taken), reason=BOMB)
            continue
        blob = ctx.store.put_bytes(data)
        ctx.budget.bytes -= blob.size
        ctx.budget.members -= 1
        yield Member(unique_name(name, taken), blob=blob)


def _unnamed_attachment(part: Message, n: int) -> str:
    """A name for an attachment sent without one (``附件3.pdf``); '' for body parts."""
    try:
        if part.get_content_disposition() != "attachment":
            return ""
        ext = mimetypes.guess_extension(part.get_content_type()) or ""
    except Exception:
        return ""
    return f"附件{n}{ext}"


def _filename(part: Message) -> str:
    """The part's file name, decoded (RFC 2231, RFC 2047, raw GBK/UTF-8), without folders."""
    name = None
    for header, key in (("Content-Disposition", "filename"), ("Content-Type", "name")):
        name = _param_value(_raw_header(part, header), key)
        if name is not None:
            break
    if name is None:
        try:
            name = part.get_filename() or ""
        except Exception:
            name = ""
        if "=?" in name:
            name = _decode_words(name)
    return printable(name.replace("\\", "/").split("/")[-1].strip())


_PARAM = re.compile(r';\s*([^\s=;"]+)\s*=\s*("(?:[^"\\]|\\.)*"?|[^;]*)')
_SECTION = re.compile(r"\*(\d+)(\*?)")


def _params(raw: str) -> list[tuple[str, str]]:
    """(lower-case name, value) of each parameter of a raw structured header, quotes removed."""
    out = []
    for m in _PARAM.finditer(raw):
        value = m.group(2).strip()
        if value.startswith('"'):
            value = value[1:-1] if len(value) > 1 and value.endswith('"') else value[1:]
            value = value.replace('\\"', '"')  # only \" is unescaped: Windows paths keep their \\
        out.append((m.group(1).lower(), value))
    return out


def _param_value(raw: str, key: str) -> str | None:
    """The decoded value of parameter ``key`` in a raw header, None when it has none. RFC 2231
    (``key*``, ``key*0*`` …: sections joined as bytes, then decoded) wins over a plain ``key=``,
    whose raw 8-bit bytes and RFC 2047 words are decoded."""
    plain, sections = None, {}
    for name, value in _params(raw):
        if name == key:
            plain = value
        elif name == key + "*":
            sections.setdefault(0, (value, True))
        elif name.startswith(key + "*") and (m := _SECTION.fullmatch(name[len(key):])):
            sections.setdefault(int(m.group(1)), (value, bool(m.group(2))))
    if sections:
        charset, data = None, bytearray()
        for n in sorted(sections):
            value, encoded = sections[n]
            if encoded:
                if n == min(sections) and value.count("'") >= 2:
                    charset, _language, value = value.split("'", 2)
                data += urllib.parse.unquote_to_bytes(value.encode("utf-8", "surrogateescape"))
            else:
                data += value.encode("utf-8", "surrogateescape")
        text = _bytes_text(bytes(data), (charset or "").strip() or None)
        return _decode_words(text) if "=?" in text else text
    if plain is not None:
        text = _fix_text(plain)
        return _decode_words(text) if "=?" in text else text
    return None


def _decode_words(text: str) -> str:
    """RFC 2047 encoded words left in a parameter (common in Chinese mail clients)."""
    try:
        pieces = email.header.decode_header(text)
    except Exception:
        return text
    out = []
    for chunk, charset in pieces:
        if isinstance(chunk, bytes):
            out.append(_bytes_text(chunk, charset))
        else:
            out.append(chunk)
    return "".join(out)


def _fix_text(text: str) -> str:
    """Raw 8-bit bytes arrive as surrogate escapes: decode them as UTF-8, else GB18030."""
    if not _has_raw_bytes(text):
        return text
    return _bytes_text(text.encode("utf-8", "surrogateescape"), None)


def _bytes_text(data: bytes, charset: str | None) -> str:
    for enc in (charset, "utf-8", "gb18030"):
        if not enc or enc == "unknown-8bit":
            continue
        try:
            return data.decode("gb18030" if enc.lower() in ("gbk", "gb2312") else enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")
