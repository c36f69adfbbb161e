"""The unpacker registry's contract (intake.unpackers.base): every unpacker takes any bytes of its
kind and answers with an Unpacked — members or an error — never an exception."""

from __future__ import annotations

import bz2
import gzip
import inspect
import io
import lzma
import os
import tarfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intake.store import BlobStore
from intake.unpackers import CONTAINER_KINDS, UNPACKERS
from intake.unpackers.base import Budget, Limits, Unpacked, UnpackContext
from intake.unpackers.safety import SPECIAL
from intake.walk import scan_inbox
from intake_fixtures import CAMPAIGN, write

MAGIC = {"zip": b"PK\x03\x04", "eml": b"From: a\r\nSubject: b\r\n", "msg": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
         "7z": b"7z\xbc\xaf\x27\x1c", "rar": b"Rar!\x1a\x07\x01\x00", "tar": b"", "gz": b"\x1f\x8b",
         "bz2": b"BZh", "xz": b"\xfd7zXZ\x00"}


def ctx(tmp_path: Path, name: str = "") -> UnpackContext:
    return UnpackContext(BlobStore(tmp_path / "state"), Limits(), Budget.of(Limits()), lambda s: None,
                         ZoneInfo("Asia/Shanghai"), name=name)


def test_every_container_kind_has_an_unpacker():
    assert set(UNPACKERS) == set(CONTAINER_KINDS)


@pytest.mark.parametrize("kind", sorted(UNPACKERS))
def test_documented_entry_point(kind):
    unpack = UNPACKERS[kind]
    module = inspect.getmodule(unpack)
    assert module.__doc__ and unpack.__doc__
    assert list(inspect.signature(unpack).parameters) == ["blob", "ctx"]


@pytest.mark.parametrize("kind", sorted(UNPACKERS))
@pytest.mark.parametrize("tail", [b"", b"\x00" * 40, os.urandom(700), b"\xff" * 3000])
def test_garbage_gives_an_answer_not_an_exception(tmp_path, kind, tail):
    blob = tmp_path / f"x.{kind}"
    blob.write_bytes(MAGIC[kind] + tail)
    result = UNPACKERS[kind](blob, ctx(tmp_path, blob.name))
    assert isinstance(result, Unpacked)
    assert result.error or all(m.blob or m.reason or m.name for m in result.members)


@pytest.mark.parametrize("opener,suffix", [(gzip.compress, "gz"), (bz2.compress, "bz2"), (lzma.compress, "xz")])
def test_lone_compressed_file_named_after_the_container(tmp_path, opener, suffix):
    write(tmp_path / "inbox", f"报告.docx.{suffix}", opener(b"%PDF-1.4 not really a docx"))
    items = {i.display: i for i in scan_inbox(tmp_path / "inbox", tmp_path / "state", CAMPAIGN, settle_seconds=0)}
    member = items[f"报告.docx.{suffix}!报告.docx"]
    assert Path(member.blob).read_bytes() == b"%PDF-1.4 not really a docx" and member.kind == "pdf"


def test_tar_devices_and_fifos_refused(tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, kind in (("dev", tarfile.CHRTYPE), ("blk", tarfile.BLKTYPE), ("fifo", tarfile.FIFOTYPE)):
            info = tarfile.TarInfo(name)
            info.type = kind
            tf.addfile(info)
        info = tarfile.TarInfo("ok.txt")
        info.size = 2
        tf.addfile(info, io.BytesIO(b"ok"))
    write(tmp_path / "inbox", "t.tar", buf.getvalue())
    items = {i.display: i for i in scan_inbox(tmp_path / "inbox", tmp_path / "state", CAMPAIGN, settle_seconds=0)}
    assert all(items[f"t.tar!{n}"].reason == SPECIAL for n in ("dev", "blk", "fifo"))
    assert items["t.tar!ok.txt"].state is None
