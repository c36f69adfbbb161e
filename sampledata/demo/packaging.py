"""Deterministic bytes for the demo inbox: Office files, Windows-style GBK zips, saved emails.

python-docx and openpyxl stamp the current time into ``docProps/core.xml`` and into every zip
member; :func:`ooxml_bytes` rewrites both to a fixed time so the same document gives the same
bytes. :func:`gbk_zip` writes an archive the way Windows' built-in zipper does: member names in
GBK with the UTF-8 flag (bit 11) clear, folder entries, DOS attributes. :func:`eml_bytes` writes
a multipart email whose attachment names use RFC 2047 or RFC 2231, as Chinese mail clients do.
Pure functions: nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from email import encoders
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr

UTF8_FLAG = 0x800
_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


class _GbkZipInfo(zipfile.ZipInfo):
    """A member whose name is stored as GBK bytes without the UTF-8 flag (Windows zipper)."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own hook
        return self.filename.encode("gbk"), self.flag_bits & ~UTF8_FLAG


def ooxml_bytes(document, when: dt.datetime) -> bytes:
    """Save a python-docx Document or openpyxl Workbook and pin every timestamp to ``when``."""
    buf = io.BytesIO()
    document.save(buf)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = _CORE_TIME.sub(rb"\g<1>" + stamp + rb"\g<3>", data)
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, data)
    return out.getvalue()


def gbk_zip(members: list[tuple[str, bytes | None]], when: dt.datetime) -> bytes:
    """A zip of ``(name, data)`` members (``data`` None for a folder entry, name ending in /),
    names GBK-encoded with bit 11 clear, every timestamp ``when``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = _GbkZipInfo(name, date_time=when.timetuple()[:6])
            info.create_system = 0  # MS-DOS, as Windows writes it
            if data is None:
                info.external_attr = 0x10  # directory
                zf.writestr(info, b"")
            else:
                info.external_attr = 0x20  # archive
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
    return out.getvalue()


def eml_bytes(sender: tuple[str, str], to: tuple[str, str], subject: str, when: dt.datetime,
              body: str, attachments: list[tuple[str, bytes]], message_id: str) -> bytes:
    """A saved multipart email (CRLF lines). Even-numbered attachments name themselves with
    RFC 2047 encoded words in GBK (``filename="=?GBK?B?…?="``, Foxmail/Outlook style), odd ones
    with RFC 2231 (``filename*=UTF-8''…``)."""
    msg = MIMEMultipart("mixed", boundary=f"----=_NextPart_{when:%Y%m%d%H%M%S}_paperdesk")
    msg["From"] = _address(*sender)
    msg["To"] = _address(*to)
    msg["Subject"] = Header(subject, "utf-8")
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id
    msg["X-Mailer"] = "Foxmail 7.2.16"
    msg.attach(MIMEText(body, "plain", "utf-8"))
    for i, (name, data) in enumerate(attachments):
        msg.attach(_attachment(name, data, rfc2047=i % 2 == 0))
    return msg.as_bytes(policy=compat32.clone(linesep="\r\n"))


def _address(display: str, addr: str) -> str:
    return formataddr((display, addr), charset="utf-8")


_MIME = {".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
         ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
         ".zip": ("application", "x-zip-compressed"), ".jpg": ("image", "jpeg")}


def _attachment(name: str, data: bytes, rfc2047: bool) -> MIMEBase:
    suffix = name[name.rfind("."):].lower()
    part = MIMEBase(*_MIME.get(suffix, ("application", "octet-stream")))
    part.set_payload(data)
    encoders.encode_base64(part)
    if rfc2047:
        # several encoded words of at most 75 characters, separated by a space inside the quotes
        encoded = Header(name, "gbk").encode(maxlinelen=76).replace("\n ", " ")
        part.set_param("name", encoded)
        part.add_header("Content-Disposition", "attachment", filename=encoded)
    else:
        part.set_param("name", ("utf-8", "", name))
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    return part
