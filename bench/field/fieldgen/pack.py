"""Packaging: zips (UTF-8 or Windows GBK names), 7z, saved emails, stable bytes and times."""
from __future__ import annotations

import base64
import datetime as dt
import io
import os
import re
import time
import zipfile
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
from pathlib import Path

ZIP_TIME = (2020, 6, 18, 10, 0, 0)


class _GbkZipInfo(zipfile.ZipInfo):
    """A member whose name is stored in GBK without the UTF-8 flag, as Windows' built-in zip does."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's private hook)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def make_zip(path: Path, members: list[tuple[str, bytes]], gbk: bool = False, dirs: bool = False,
             when=ZIP_TIME) -> bytes:
    """members: (name inside the zip, data). Returns the zip bytes (also written to path if given)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        seen_dirs = set()
        for name, data in members:
            if dirs:
                parts = name.split("/")[:-1]
                for i in range(1, len(parts) + 1):
                    dn = "/".join(parts[:i]) + "/"
                    if dn not in seen_dirs:
                        seen_dirs.add(dn)
                        zi = (_GbkZipInfo if gbk else zipfile.ZipInfo)(dn, date_time=when)
                        zi.external_attr = 0o40775 << 16 | 0x10
                        z.writestr(zi, b"")
            zi = (_GbkZipInfo if gbk else zipfile.ZipInfo)(name, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            if gbk:
                zi.create_system = 0  # MS-DOS
            z.writestr(zi, data)
    data = buf.getvalue()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return data


def make_7z(path: Path, members: list[tuple[str, bytes]]) -> None:
    import py7zr
    path.parent.mkdir(parents=True, exist_ok=True)
    with py7zr.SevenZipFile(path, "w") as z:
        for name, data in members:
            z.writestr(data, name)


def normalize_ooxml(path: Path) -> None:
    """Rewrite a .docx/.xlsx with fixed member times and fixed core-property dates (stable bytes)."""
    src = Path(path).read_bytes()
    zin = zipfile.ZipFile(io.BytesIO(src))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>2020-06-17T12:00:00Z\g<3>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    Path(path).write_bytes(out.getvalue())


def _b64_header(text: str, charset: str) -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def make_eml(path: Path, subject: str, sender: str, date: dt.datetime, body: str,
             attachments: list[tuple[str, bytes]], style: str = "rfc2231", to: str = "2539746740@qq.com") -> None:
    """style 'rfc2231': modern client (UTF-8, RFC 2231 file names);
    style 'gbk': QQ/163 style — GB18030 encoded-words in the subject and in the file name parameters."""
    msg = MIMEMultipart()
    if style == "gbk":
        msg["Subject"] = _b64_header(subject, "gb18030")
        name, addr = sender.split("<")
        msg["From"] = f'"{_b64_header(name.strip(), "gb18030")}" <{addr}'
    else:
        msg["Subject"] = Header(subject, "utf-8").encode()
        msg["From"] = Header(sender.split("<")[0].strip(), "utf-8").encode() + " <" + sender.split("<")[1]
    msg["To"] = to
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = f"<{abs(hash_str(subject + date.isoformat()))}@mail.example.edu.cn>"
    msg["MIME-Version"] = "1.0"
    cs = "gb18030" if style == "gbk" else "utf-8"
    msg.attach(MIMEText(body, "plain", cs))
    for fname, data in attachments:
        part = MIMEApplication(data)
        if "Content-Type" in part:
            del part["Content-Type"]
        sub = _mime(fname)
        if style == "gbk":
            enc = _b64_header(fname, "gb18030")
            part["Content-Type"] = f'{sub}; name="{enc}"'
            part["Content-Disposition"] = f'attachment; filename="{enc}"'
        else:
            part["Content-Type"] = sub
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", fname))
        msg.attach(part)
    msg.set_boundary(f"----=_NextPart_{hash_str(subject + date.isoformat()):012x}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(msg.as_bytes())


def hash_str(s: str) -> int:
    h = 1469598103934665603
    for b in s.encode():
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFF
    return h


def _mime(fname: str) -> str:
    ext = fname.rsplit(".", 1)[-1].lower()
    return {"zip": "application/zip", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xls": "application/vnd.ms-excel", "doc": "application/msword", "pdf": "application/pdf",
            "jpg": "image/jpeg", "7z": "application/x-7z-compressed"}.get(ext, "application/octet-stream")


def set_mtime(path: Path, when: dt.datetime) -> None:
    """when is timezone-aware (China Standard Time in this corpus)."""
    ts = when.timestamp() if when.tzinfo else time.mktime(when.timetuple())
    os.utime(path, (ts, ts))
