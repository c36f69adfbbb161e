"""Packaging: zips (UTF-8 flagged or Windows GBK names), 7z, saved e-mails."""
from __future__ import annotations

import base64
import os
import subprocess
import tempfile
import urllib.parse
import zipfile
from email.header import Header
from pathlib import Path

from .common import FIXED_ZIP_TIME, set_mtime


class _GbkInfo(zipfile.ZipInfo):
    """A member name stored in GBK without the UTF-8 flag, as Windows' built-in zipper and WinRAR write it."""

    def _encodeFilenameFlags(self):
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("gbk"), self.flag_bits & ~0x800


def make_zip(path: Path, members: list[tuple[str, bytes]], gbk: bool = False, when=FIXED_ZIP_TIME,
             dirs: bool = False, macosx: bool = False):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    seen_dirs = set()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            if dirs:
                parts = name.split("/")[:-1]
                for i in range(1, len(parts) + 1):
                    dn = "/".join(parts[:i]) + "/"
                    if dn not in seen_dirs:
                        seen_dirs.add(dn)
                        zi = (_GbkInfo if gbk else zipfile.ZipInfo)(dn, date_time=when)
                        zi.create_system = 0
                        zi.external_attr = 0x10
                        z.writestr(zi, b"")
            zi = (_GbkInfo if gbk else zipfile.ZipInfo)(name, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            if gbk:
                zi.create_system = 0
                zi.external_attr = 0x20
            else:
                zi.create_system = 3
                zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
            if macosx:
                d, b = os.path.split(name)
                ad = ("__MACOSX/" + (d + "/" if d else "") + "._" + b)
                zi = zipfile.ZipInfo(ad, date_time=when)
                zi.create_system = 3
                zi.external_attr = 0o644 << 16
                z.writestr(zi, b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02" +
                           b"\x00\x00\x00\x09\x00\x00\x00\x32" + len(data).to_bytes(4, "big") +
                           b"\x00\x00\x00\x02\x00\x00\x00\x00" + b"com.apple.quarantine\x00" +
                           f"0083;5eec{len(data) % 65536:04x};Safari;".encode())
    return path


def make_7z(path: Path, members: list[tuple[str, bytes]], stamp="2020-06-21 20:15"):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hxe7z-") as td:
        td = Path(td)
        for name, data in members:
            p = td / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            set_mtime(p, stamp)
        for p in sorted(td.rglob("*"), reverse=True):
            if p.is_dir():
                set_mtime(p, stamp)
        if path.exists():
            path.unlink()
        top = sorted({n.split("/")[0] for n, _ in members})
        subprocess.run(["7z", "a", "-t7z", "-mx=5", "-mmt=1", "-mtc=off", "-mta=off", "-bd", "-bso0",
                        str(path.resolve())] + top, cwd=td, check=True, stdout=subprocess.DEVNULL)
    return path


# ---------------------------------------------------------------- e-mail
def _b64lines(data: bytes) -> str:
    s = base64.b64encode(data).decode("ascii")
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def _ew(text: str, charset: str, enc="B") -> str:
    if enc == "B":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(text.encode(charset)).decode())
    h = Header(text, charset)
    return h.encode()


def _fold_ew(text: str, charset: str) -> str:
    """Encoded words of at most ~15 characters each, folded, as mail clients write long names."""
    parts = []
    chunk = ""
    for ch in text:
        if len((chunk + ch).encode(charset)) > 36:
            parts.append(_ew(chunk, charset))
            chunk = ""
        chunk += ch
    if chunk:
        parts.append(_ew(chunk, charset))
    return "\r\n ".join(parts)


def _rfc2231(name: str) -> str:
    q = urllib.parse.quote(name.encode("utf-8"), safe="")
    if len(q) <= 60:
        return f"filename*=utf-8''{q}"
    chunks = [q[i:i + 60] for i in range(0, len(q), 60)]
    # do not split inside a %XX escape
    fixed, carry = [], ""
    for c in chunks:
        c = carry + c
        carry = ""
        cut = c.rfind("%")
        if cut >= len(c) - 2 and cut >= 0:
            carry, c = c[cut:], c[:cut]
        fixed.append(c)
    if carry:
        fixed.append(carry)
    return ";\r\n ".join(f"filename*{i}*={'utf-8' + chr(39) * 2 if i == 0 else ''}{c}" for i, c in enumerate(fixed))


def make_eml(path: Path, *, sender: str, sender_name: str, to: str, subject: str, date: str, msgid: str,
             body: str, attachments: list[tuple[str, bytes]], style: str = "utf8", boundary_seed: str = "a",
             inline_image: bytes | None = None):
    """style: 'utf8' (RFC 2047 B subject, RFC 2231 file names), 'gb18030' (QQ mail: GB18030 encoded words
    everywhere), 'gbk_q' (Outlook: GB2312 encoded words, quoted name)."""
    cs = {"utf8": "utf-8", "gb18030": "gb18030", "gbk_q": "gb2312"}[style]
    b1 = f"----=_NextPart_{boundary_seed}_0001_01D64870.5F3A2B10"
    b2 = f"----=_NextPart_{boundary_seed}_0002_01D64870.5F3A2B10"
    L = []
    L.append(f"From: {_ew(sender_name, cs)} <{sender}>")
    L.append(f"To: {to}")
    L.append(f"Subject: {_fold_ew(subject, cs)}")
    L.append(f"Date: {date}")
    L.append(f"Message-ID: <{msgid}>")
    L.append("MIME-Version: 1.0")
    if style == "gb18030":
        L.append("X-Mailer: QQMail 2.x")
    elif style == "gbk_q":
        L.append("X-Mailer: Microsoft Outlook 16.0")
    L.append(f'Content-Type: multipart/mixed;\r\n\tboundary="{b1}"')
    L.append("")
    L.append("This is a multi-part message in MIME format.")
    L.append("")
    L.append(f"--{b1}")
    L.append(f'Content-Type: multipart/alternative;\r\n\tboundary="{b2}"')
    L.append("")
    L.append(f"--{b2}")
    L.append(f'Content-Type: text/plain;\r\n\tcharset="{cs}"')
    L.append("Content-Transfer-Encoding: base64")
    L.append("")
    L.append(_b64lines(body.encode(cs)))
    L.append("")
    L.append(f"--{b2}")
    html = "<html><body>" + "".join(f"<p>{x}</p>" for x in body.split("\n")) + (
        '<p><img src="cid:logo001@zqu"></p>' if inline_image else "") + "</body></html>"
    L.append(f'Content-Type: text/html;\r\n\tcharset="{cs}"')
    L.append("Content-Transfer-Encoding: base64")
    L.append("")
    L.append(_b64lines(html.encode(cs)))
    L.append("")
    L.append(f"--{b2}--")
    L.append("")
    if inline_image:
        L.append(f"--{b1}")
        L.append('Content-Type: image/png;\r\n\tname="image001.png"')
        L.append("Content-Transfer-Encoding: base64")
        L.append("Content-ID: <logo001@zqu>")
        L.append('Content-Disposition: inline;\r\n\tfilename="image001.png"')
        L.append("")
        L.append(_b64lines(inline_image))
        L.append("")
    for name, data in attachments:
        L.append(f"--{b1}")
        if style == "utf8":
            L.append(f'Content-Type: application/octet-stream;\r\n\tname="{_ew(name, "utf-8")}"')
            L.append("Content-Transfer-Encoding: base64")
            L.append(f"Content-Disposition: attachment;\r\n\t{_rfc2231(name)}")
        else:
            enc = _ew(name, cs)
            L.append(f'Content-Type: application/octet-stream;\r\n\tname="{enc}"')
            L.append("Content-Transfer-Encoding: base64")
            L.append(f'Content-Disposition: attachment;\r\n\tfilename="{enc}"')
        L.append("")
        L.append(_b64lines(data))
        L.append("")
    L.append(f"--{b1}--")
    L.append("")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes("\r\n".join(L).encode("ascii"))
    return Path(path)
