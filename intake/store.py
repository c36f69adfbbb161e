"""The content-addressed blob store: ``<store_dir>/blobs/<sha[:2]>/<sha>``.

Bytes are streamed into a temporary file inside the store (never inside the inbox), hashed on
the way, then moved into place with ``os.replace``; a blob already present is kept as is. A blob
never changes once written, so every later step may read it without copying.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


class TooLarge(Exception):
    """The stream gave more bytes than allowed (an archive bomb, raised to the unpacker)."""


@dataclass(frozen=True)
class Blob:
    sha256: str
    size: int
    path: Path


class BlobStore:
    """Streams bytes into the store. ``put_stream(f, limit)`` stops with :class:`TooLarge` past
    ``limit`` bytes, leaving nothing behind."""

    def __init__(self, store_dir: Path) -> None:
        self.root = Path(store_dir) / "blobs"
        self.tmp = Path(store_dir) / "tmp"

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put_file(self, path: Path) -> Blob:
        with open(path, "rb") as f:
            return self.put_stream(f)

    def put_bytes(self, data: bytes) -> Blob:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_of(sha)
        if not target.exists():
            self._commit(lambda out: out.write(data), target)
        return Blob(sha, len(data), target)

    def put_stream(self, stream: BinaryIO, limit: int | None = None) -> Blob:
        self.tmp.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="in-")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise TooLarge(size)
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            target = self.path_of(sha)
            if target.exists():
                os.unlink(tmp_name)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp_name, target)
            return Blob(sha, size, target)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def _commit(self, write, target: Path) -> None:
        self.tmp.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="in-")
        try:
            with os.fdopen(fd, "wb") as out:
                write(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_name, target)
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
