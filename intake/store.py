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


class BlobWriter:
    """A blob being written piece by piece (for libraries that push bytes, e.g. py7zr):
    ``write`` raises :class:`TooLarge` past ``limit``; ``commit()`` gives the Blob, ``discard()``
    removes the partial file. Never both."""

    def __init__(self, store: "BlobStore", limit: int | None = None) -> None:
        store.tmp.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(dir=store.tmp, prefix="in-")
        self._out = os.fdopen(fd, "wb")
        self._store, self._limit = store, limit
        self._digest, self.size = hashlib.sha256(), 0

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self._limit is not None and self.size > self._limit:
            raise TooLarge(self.size)
        self._digest.update(chunk)
        return self._out.write(chunk)

    def commit(self) -> Blob:
        self._out.close()
        sha = self._digest.hexdigest()
        target = self._store.path_of(sha)
        if target.exists():
            os.unlink(self._tmp)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self._tmp, target)
        return Blob(sha, self.size, target)

    def discard(self) -> None:
        self._out.close()
        if os.path.exists(self._tmp):
            os.unlink(self._tmp)


class BlobStore:
    """Streams bytes into the store. ``put_stream(f, limit)`` stops with :class:`TooLarge` past
    ``limit`` bytes, leaving nothing behind; ``writer(limit)`` gives a :class:`BlobWriter`."""

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

    def writer(self, limit: int | None = None) -> BlobWriter:
        return BlobWriter(self, limit)

    def put_stream(self, stream: BinaryIO, limit: int | None = None) -> Blob:
        return self.put_streams([stream], limit)

    def put_streams(self, streams: list[BinaryIO], limit: int | None = None) -> Blob:
        """The concatenation of ``streams`` as one blob (split archive volumes)."""
        out = self.writer(limit)
        try:
            for stream in streams:
                while chunk := stream.read(CHUNK):
                    out.write(chunk)
        except BaseException:
            out.discard()
            raise
        return out.commit()

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
