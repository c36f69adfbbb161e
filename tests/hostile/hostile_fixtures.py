"""One builder per archive format for the hostile suite, all taking the same description:

    build(fmt, members, tmp) -> (file name, bytes)

``members`` maps a member name to its bytes, or to :class:`Link` / :class:`HardLink`. Formats:
zip, 7z, rar4, rar5, tar, tgz. Everything is made in code (RAR by hand, see :mod:`rar_bytes`).
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from paperdesk.campaign import load_campaign
from rar_bytes import Entry, rar4, rar5
from sevenzip_bytes import patch_names, sevenzip, sevenzip_with_link

CAMPAIGN = load_campaign()
MTIME = 1592560800
FORMATS = ("zip", "7z", "rar4", "rar5", "tar", "tgz")
EXT = {"zip": "zip", "7z": "7z", "rar4": "rar", "rar5": "rar", "tar": "tar", "tgz": "tar.gz"}


@dataclass(frozen=True)
class Link:
    target: str


@dataclass(frozen=True)
class HardLink:
    target: str


def build(fmt: str, members: dict, tmp: Path) -> tuple[str, bytes]:
    """``members`` as an archive of format ``fmt``; (file name, bytes)."""
    data = {"zip": _zip, "7z": _7z, "rar4": _rar(rar4), "rar5": _rar(rar5), "tar": _tar(""),
            "tgz": _tar("gz")}[fmt](members, tmp)
    return f"hostile.{EXT[fmt]}", data


def _zip(members: dict, tmp: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, value in members.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 6, 19, 18, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(value, Link):
                info.create_system, info.external_attr = 3, 0o120777 << 16
                value = value.target.encode()
            assert not isinstance(value, HardLink), "zip has no hard links"
            zf.writestr(info, value)
    return buf.getvalue()


def _7z(members: dict, tmp: Path) -> bytes:
    links = {n: v for n, v in members.items() if isinstance(v, Link)}
    plain = {n: v for n, v in members.items() if isinstance(v, bytes)}
    assert len(links) + len(plain) == len(members), "7z has no hard links"
    if links:
        (name, link), = links.items()
        return sevenzip_with_link(tmp / "7zwork", name, link.target, plain)
    placeholders = {f"P{i:0{max(len(n), 2) - 1}d}"[: len(n)] if _odd(n) else n: n for i, n in enumerate(plain)}
    data = sevenzip({p: plain[n] for p, n in placeholders.items()})
    return patch_names(data, {p: n for p, n in placeholders.items() if p != n})


def _odd(name: str) -> bool:
    """Names py7zr refuses to write: they are patched in afterwards."""
    return name.startswith("/") or ".." in name.replace("\\", "/").split("/") or ":" in name or "\\" in name


def _rar(builder):
    def make(members: dict, tmp: Path) -> bytes:
        entries = []
        for name, value in members.items():
            if isinstance(value, Link):
                entries.append(Entry(name, symlink=value.target))
            elif isinstance(value, HardLink):
                entries.append(Entry(name, hardlink=value.target))
            else:
                entries.append(Entry(name, value))
        return builder(entries)
    return make


def _tar(compression: str):
    def make(members: dict, tmp: Path) -> bytes:
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode=f"w:{compression}", format=tarfile.GNU_FORMAT,
                          encoding="utf-8", errors="surrogateescape") as tf:
            for name, value in members.items():
                info = tarfile.TarInfo(name)
                info.mtime = MTIME
                if isinstance(value, Link):
                    info.type, info.linkname = tarfile.SYMTYPE, value.target
                    tf.addfile(info)
                elif isinstance(value, HardLink):
                    info.type, info.linkname = tarfile.LNKTYPE, value.target
                    tf.addfile(info)
                else:
                    info.size = len(value)
                    tf.addfile(info, io.BytesIO(value))
        return buf.getvalue()
    return make


# writing inbox files and digesting the inbox: the intake tests' helpers (one copy)
from intake_fixtures import tree_digest, write  # noqa: E402,F401
