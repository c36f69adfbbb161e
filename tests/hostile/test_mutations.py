"""Property-based: valid zips and emails (and 7z, rar, tar.gz, Outlook msg) with random damage never make
scan_inbox raise; every item has a state or bytes to read, the inbox is left as it was and no
half-written file stays in the store. (docx/xlsx damage is tested by the extractors.)"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.unpackers.base import Limits
from intake.walk import scan_inbox
from hostile_fixtures import CAMPAIGN, build, tree_digest, write
from msg_bytes import msg_bytes
from rar_bytes import Entry, rar5

STATES = {None, "used", "duplicate", "ignored", "unreadable", "superseded"}
LIMITS = Limits(max_total_bytes=2 * 1024**2, ratio_min_bytes=256 * 1024)


def _docx() -> bytes:
    return build("zip", {"[Content_Types].xml": b"<Types/>", "word/document.xml": "<w:t>正文</w:t>".encode()},
                 Path(tempfile.gettempdir()))[1]


def _seeds() -> dict[str, bytes]:
    tmp = Path(tempfile.mkdtemp(prefix="h2-seeds-"))
    inner = build("zip", {"数学学院/总结.txt": "工作总结".encode(), "a.docx": _docx()}, tmp)[1]
    zip_seed = build("zip", {"计算机学院/案例.docx": _docx(), "内层.zip": inner, "照片.jpg": b"\xff\xd8\xff\xe0" + bytes(64)},
                     tmp)[1]
    att = base64.encodebytes(inner).decode()
    eml_seed = ("From: =?UTF-8?B?" + base64.b64encode("计算机学院".encode()).decode() + "?= <a@b.cn>\r\n"
                "Subject: =?GBK?B?" + base64.b64encode("材料".encode("gbk")).decode() + "?=\r\n"
                "Date: Fri, 19 Jun 2020 22:30:00 +0800\r\nMIME-Version: 1.0\r\n"
                'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nhi\r\n'
                '--B\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; '
                "filename*=UTF-8''%E6%9D%90%E6%96%99.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + att + "--B--\r\n").encode()
    return {"a.zip": zip_seed, "m.eml": eml_seed,
            "b.7z": build("7z", {"x/a.docx": _docx(), "b.txt": b"bee"}, tmp)[1],
            "c.rar": rar5([Entry("a.docx", _docx()), Entry("内层.zip", inner)]),
            "d.tar.gz": build("tgz", {"a.docx": _docx(), "内层.zip": inner}, tmp)[1],
            "e.msg": msg_bytes("计算机学院 材料", "张老师", "Fri, 19 Jun 2020 22:30:00 +0800",
                               [("内层.zip", inner), ("a.docx", _docx())], submitted=1592577000)}


SEEDS = _seeds()


@st.composite
def damaged(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete", "repeat", "zero"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[pos:]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 64))]
        elif op == "repeat":
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 512))]
        else:
            data[pos:pos + 4] = bytes(4)
    return name, bytes(data)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_containers_never_break_the_scan(case):
    name, data = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write(root / "inbox", name, data)
        write(root / "inbox", "after.txt", "后面的文件".encode())
        before = tree_digest(root / "inbox")
        items = scan_inbox(root / "inbox", root / "state", CAMPAIGN, limits=LIMITS, settle_seconds=0)
        assert tree_digest(root / "inbox") == before
        assert {i.display for i in items} >= {name, "after.txt"}
        for item in items:
            assert item.state in STATES
            assert item.state is not None or Path(item.blob).is_file(), item.display
            assert item.state != "unreadable" or item.reason, item.display
            item.display.encode("utf-8")
        leftovers = [p for p in (root / "state" / "tmp").glob("*")] if (root / "state" / "tmp").exists() else []
        assert not leftovers, leftovers
