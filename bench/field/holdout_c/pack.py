"""Archives and e-mails: Windows zips with GBK names, UTF-8 zips, 7z, saved .eml messages."""
from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import zipfile
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email import encoders
from pathlib import Path


class _GBKInfo(zipfile.ZipInfo):
    """A member name stored in GBK without the UTF-8 flag, as Windows' built-in zip tool does."""

    def _encodeFilenameFlags(self):
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(path: Path, members: list[tuple[str, bytes]], gbk: bool = False,
              date=(2020, 6, 18, 16, 40, 0)) -> bytes:
    """members: (name inside the archive, bytes); a name ending in '/' is a folder entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cls = _GBKInfo if gbk else zipfile.ZipInfo
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = cls(name, date_time=date)
            if name.endswith("/"):
                zi.external_attr = 0o40755 << 16 | 0x10
                z.writestr(zi, b"")
                continue
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return path.read_bytes()


def zip_bytes(tmpdir: Path, name: str, members, gbk=False, date=(2020, 6, 18, 16, 40, 0)) -> bytes:
    p = tmpdir / ("_zip_" + name.replace("/", "_"))
    data = write_zip(p, members, gbk=gbk, date=date)
    p.unlink()
    return data


def write_7z(path: Path, folder: Path, mtime: float) -> bytes:
    """7z of a folder's content (names relative to the folder)."""
    for root, dirs, files in os.walk(folder):
        for f in files + dirs:
            os.utime(os.path.join(root, f), (mtime, mtime))
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    subprocess.run(["7z", "a", "-t7z", "-mx=5", "-mtc=off", "-mta=off", str(path.resolve()), "."],
                   cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path.read_bytes()


def _ctype(name: str) -> tuple[str, str]:
    ext = name.rsplit(".", 1)[-1].lower()
    return {
        "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "doc": ("application", "msword"),
        "xls": ("application", "vnd.ms-excel"),
        "zip": ("application", "zip"),
        "7z": ("application", "x-7z-compressed"),
        "pdf": ("application", "pdf"),
        "jpg": ("image", "jpeg"),
    }.get(ext, ("application", "octet-stream"))


def write_eml(path: Path, *, subject: str, from_name: str, from_addr: str, date: str,
              body: str, attachments: list[tuple[str, bytes]], style: str = "rfc2231",
              charset: str = "utf-8", msgid: str = "") -> None:
    """style: rfc2231 (filename*=UTF-8''…, standard) | encoded-word (filename="=?GB18030?B?…?=",
    what QQ mail / Foxmail write) | both (name= encoded-word and filename*= RFC 2231, Outlook-like)."""
    msg = MIMEMultipart("mixed")
    msg["Subject"] = Header(subject, charset).encode()
    msg["From"] = f'{Header(from_name, charset).encode()} <{from_addr}>'
    msg["To"] = "=?utf-8?b?" + base64.b64encode("李鑫老师".encode()).decode() + "?= <2539746740@qq.com>"
    msg["Date"] = date
    msg["Message-ID"] = msgid or f"<{hashlib.md5((subject + date).encode()).hexdigest()[:16]}@zqu.edu.cn>"
    msg["MIME-Version"] = "1.0"
    msg["X-Mailer"] = "Foxmail 7.2.16.188[cn]" if style == "encoded-word" else "Microsoft Outlook 16.0"
    alt = MIMEMultipart("alternative")
    alt.attach(MIMEText(body, "plain", charset))
    html = "<html><body>" + "".join(f"<p>{ln}</p>" for ln in body.split("\n")) + "</body></html>"
    alt.attach(MIMEText(html, "html", charset))
    msg.attach(alt)
    for name, data in attachments:
        main, sub = _ctype(name)
        part = MIMEBase(main, sub)
        part.set_payload(data)
        encoders.encode_base64(part)
        if style == "encoded-word":
            enc = "=?GB18030?B?" + base64.b64encode(name.encode("gb18030")).decode() + "?="
            part.set_param("name", enc)
            part.add_header("Content-Disposition", "attachment", filename=enc)
        elif style == "both":
            enc = Header(name, "utf-8").encode()
            part.set_param("name", enc)
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
        else:
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
        msg.attach(part)
    tag = hashlib.md5((subject + date).encode()).hexdigest()
    msg.set_boundary(f"----=_NextPart_000_{tag[:4].upper()}_{tag[4:12].upper()}")
    alt.set_boundary(f"----=_NextPart_001_{tag[12:16].upper()}_{tag[16:24].upper()}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(msg.as_bytes())
