"""Builders for intake tests: zips, emails and inbox trees made in code (no fixture files)."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
from pathlib import Path

from paperdesk.campaign import load_campaign

CAMPAIGN = load_campaign()
MTIME = 1592560800  # 2020-06-19T18:00:00+08:00


def zip_bytes(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip written by Python (non-ASCII names get the UTF-8 flag)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def gbk_zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip as Windows' built-in zipper writes it: GBK names, no UTF-8 flag. Written with ASCII
    placeholders of the same byte length, whose bytes are then swapped for the GBK bytes."""
    raw = {name.encode("gbk"): data for name, data in members.items()}
    placeholders = {f"{i:0{len(b)}d}"[: len(b)].encode(): b for i, b in enumerate(raw)}
    data = zip_bytes({p.decode(): raw[b] for p, b in placeholders.items()})
    for p, b in placeholders.items():
        assert data.count(p) == 2, "placeholder must occur in local and central header only"
        data = data.replace(p, b)
    return data


def set_encrypted_flag(data: bytes) -> bytes:
    """Flag bit 0 ("encrypted") set by hand in every local and central header."""
    out = bytearray(data)
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = out.find(sig)
        while pos != -1:
            (flags,) = struct.unpack_from("<H", out, pos + off)
            struct.pack_into("<H", out, pos + off, flags | 1)
            pos = out.find(sig, pos + 4)
    return bytes(out)


def symlink_zip_bytes(name: str, target: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo(name)
        info.external_attr = (0o120777 << 16)
        info.create_system = 3
        zf.writestr(info, target)
        zf.writestr("ok.txt", b"fine")
    return buf.getvalue()


def docx_bytes(text: str = "正文") -> bytes:
    """A minimal OOXML word package (enough for sniffing)."""
    return zip_bytes({
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": f"<w:document><w:t>{text}</w:t></w:document>".encode(),
    })


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def eml_bytes(*, date: str | None = "Fri, 19 Jun 2020 22:30:00 +0000", subject: str = "=?UTF-8?B?" +
              __import__("base64").b64encode("计算机学院 提交材料".encode()).decode() + "?=",
              sender: str = "jsj <jsj@example.edu.cn>", attachments: list[tuple[str, bytes]] = ()) -> bytes:
    """A multipart email; each attachment's Content-Disposition line is given raw (any encoding)."""
    import base64

    lines = [b"From: " + sender.encode(), b"To: office@example.edu.cn", b"Subject: " + subject.encode()]
    if date is not None:
        lines.append(b"Date: " + date.encode())
    lines += [b"MIME-Version: 1.0", b'Content-Type: multipart/mixed; boundary="BOUND"', b"",
              b"--BOUND", b"Content-Type: text/plain; charset=utf-8", b"", "请查收。".encode(), b""]
    for disposition, data in attachments:
        lines += [b"--BOUND", b"Content-Type: application/octet-stream",
                  b"Content-Disposition: " + (disposition.encode("utf-8", "surrogateescape")
                                              if isinstance(disposition, str) else disposition),
                  b"Content-Transfer-Encoding: base64", b"", base64.encodebytes(data).rstrip(), b""]
    lines.append(b"--BOUND--")
    return b"\r\n".join(lines) + b"\r\n"


def write(root: Path, rel: str, data: bytes, mtime: int = MTIME) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (mtime, mtime))
    return path


def tree_digest(root: Path) -> str:
    """A hash of every path, byte and mtime under ``root``."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        st = p.lstat()
        h.update(f"{p.relative_to(root)}|{st.st_mtime_ns}|{st.st_size}|{st.st_mode}".encode())
        if p.is_file() and not p.is_symlink():
            h.update(p.read_bytes())
    return h.hexdigest()


def by_display(items) -> dict:
    return {i.display: i for i in items}
