"""7z archives, read with py7zr (pure Python: LZMA/LZMA2, PPMd, BCJ, Deflate, zstd, Brotli, AES).

Names are UTF-16 in the format; control characters are shown escaped
(:func:`intake.names.printable`). Refused members (a Member with a Chinese reason): paths that
escape (``../``, absolute, drive letter) and symbolic links. The 7z format has no hard links
(7-Zip stores a hard-linked file's bytes again). The whole archive is unreadable when it is
encrypted (also when its header is: the names cannot even be listed), corrupt, or past the
limits: declared sizes are checked before anything is decompressed, and every member is
streamed into the store with a cap (py7zr itself refuses headers that decode too large).
Archives py7zr cannot read — BCJ2 (7-Zip's filter for programs), names that are not valid
UTF-16 — go to the 7z program (:mod:`intake.unpackers.sevenzip_cli`); without it they are
unreadable (:data:`UNSUPPORTED_METHOD`, :data:`BAD_NAMES`).
"""

from __future__ import annotations

from pathlib import Path

import py7zr
from py7zr.exceptions import PasswordRequired
from py7zr.helpers import get_sanitized_output_path
from py7zr.io import Py7zIO, WriterFactory

from intake.clutter import clutter_reason
from intake.names import printable
from intake.store import BlobWriter, TooLarge
from intake.unpackers.base import (BOMB, CORRUPT, ENCRYPTED, UNSUPPORTED_METHOD, Member, UnpackContext, Unpacked,
                                   unique_name)
from intake.unpackers.safety import SYMLINK, declared_bomb, path_reason, take
from intake.unpackers.sevenzip_cli import unpack_cli

BAD_NAMES = "压缩包内的文件名编码损坏，无法解压，请重新压缩后发送"



def unpack(blob: Path, ctx: UnpackContext) -> Unpacked:
    """Members of the 7z archive at ``blob`` (see :mod:`intake.unpackers.base`)."""
    factory = _Factory(ctx)
    try:
        with py7zr.SevenZipFile(blob, mode="r", max_extract_size=ctx.budget.bytes) as z:
            if z.needs_password():
                return Unpacked(error=ENCRYPTED)
            files = [f for f in z.files if not f.is_directory]
            if declared_bomb([f.uncompressed for f in files], blob.stat().st_size, ctx):
                return Unpacked(error=BOMB)
            plan = _plan(files)
            targets = {f.filename for f in files if not _refused(f) and not clutter_reason(f.filename)}
            if targets:
                z.extract(targets=targets, factory=factory)
            return Unpacked(members=tuple(_members(plan, factory, ctx)))
    except PasswordRequired:
        return Unpacked(error=ENCRYPTED)
    except TooLarge:
        return Unpacked(error=BOMB)
    except py7zr.exceptions.UnsupportedCompressionMethodError:
        return unpack_cli(blob, ctx) or Unpacked(error=UNSUPPORTED_METHOD)
    except UnicodeDecodeError:  # a name that is not UTF-16: py7zr cannot even list the archive
        return unpack_cli(blob, ctx) or Unpacked(error=BAD_NAMES)
    except Exception as e:  # noqa: BLE001 - py7zr and its codecs raise many types on hostile bytes
        return Unpacked(error=BOMB if type(e).__name__ == "DecompressionBombError" else CORRUPT)
    finally:
        factory.discard_all()


def _refused(f) -> str | None:
    """Why the member ``f`` (a py7zr ArchiveFile) is not unpacked; None when it is safe."""
    if f.is_symlink or getattr(f, "is_junction", False):
        return SYMLINK
    if f.is_socket:
        return "压缩包内的特殊文件，已忽略"
    return path_reason(f.filename)


def _plan(files) -> list[tuple[str, str | None, str | None]]:
    """(shown name, py7zr's writer key, refusal reason) for each member, in archive order. The key
    repeats py7zr's own naming (``name_0`` for a second member of the same name)."""
    seen: dict[str, int] = {}
    out = []
    for f in files:
        reason = _refused(f)
        key = None
        if not reason:
            n = seen.get(f.filename)
            out_name = f.filename if n is None else f"{f.filename}_{n}"
            seen[f.filename] = 0 if n is None else n + 1
            key = get_sanitized_output_path(out_name, None).as_posix()
        out.append((printable(f.filename.replace("\\", "/")), key, reason))
    return out


def _members(plan, factory: "_Factory", ctx: UnpackContext):
    taken: set[str] = set()
    for name, key, reason in plan:
        shown = unique_name(name, taken)
        if reason or clutter_reason(name):
            yield Member(shown, reason=reason)
            continue
        writer = factory.products.pop(key, None)
        blob = writer.commit() if writer is not None else ctx.store.put_bytes(b"")  # empty files are never opened
        take(ctx, blob)
        yield Member(shown, blob=blob)


class _Writer(Py7zIO):
    """py7zr writes one member here: straight into the store, capped by the budget."""

    def __init__(self, blob: BlobWriter) -> None:
        self.blob = blob

    def write(self, s) -> int:
        return self.blob.write(bytes(s))

    def read(self, size=None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def flush(self) -> None:
        pass

    def size(self) -> int:
        return self.blob.size

    def seekable(self) -> bool:
        return False

    def commit(self):
        return self.blob.commit()


class _Factory(WriterFactory):
    def __init__(self, ctx: UnpackContext) -> None:
        self.ctx = ctx
        self.products: dict[str, _Writer] = {}

    def create(self, filename: str) -> Py7zIO:
        self.products[filename] = _Writer(self.ctx.store.writer(limit=self.ctx.budget.bytes))
        return self.products[filename]

    def discard_all(self) -> None:
        for w in self.products.values():
            w.blob.discard()
        self.products.clear()
