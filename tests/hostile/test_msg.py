"""Outlook .msg: attachments unpacked, date and college hints carried, broken files unreadable."""

from __future__ import annotations

from pathlib import Path

from intake.sniff import sniff
from intake.unpackers.msg_unpack import BROKEN
from intake.walk import scan_inbox
from hostile_fixtures import CAMPAIGN, build, write
from msg_bytes import msg_bytes


def scan(tmp_path: Path) -> dict:
    return {i.display: i for i in scan_inbox(tmp_path / "inbox", tmp_path / "state", CAMPAIGN, settle_seconds=0)}


def test_attachments_date_and_hints(tmp_path):
    inner = build("zip", {"案例.pdf": b"%PDF-1.4 case"}, tmp_path)[1]
    data = msg_bytes("计算机学院 带班党员材料", "计算机学院 张老师", "Fri, 19 Jun 2020 22:30:00 +0800",
                     [("材料.zip", inner), ("说明.txt", "请查收".encode())], submitted=1592577000)
    write(tmp_path / "inbox", "来信.msg", data)
    assert sniff(tmp_path / "inbox" / "来信.msg") == "msg"
    items = scan(tmp_path)
    assert items["来信.msg"].state == "used" and items["来信.msg"].kind == "msg"
    pdf = items["来信.msg!材料.zip!案例.pdf"]
    assert Path(pdf.blob).read_bytes() == b"%PDF-1.4 case"
    assert pdf.email_date == "2020-06-19T22:30:00+08:00" and pdf.received_at == pdf.email_date
    assert {h.source for h in pdf.hints if h.college} >= {"email_subject", "email_sender"}
    assert items["来信.msg!说明.txt"].kind == "text"


def test_date_from_transport_headers_when_no_submit_time(tmp_path):
    write(tmp_path / "inbox", "a.msg", msg_bytes("s", "x", "Sat, 20 Jun 2020 01:00:00 +0000", [("a.txt", b"hi")]))
    assert scan(tmp_path)["a.msg!a.txt"].email_date == "2020-06-20T09:00:00+08:00"


def test_broken_msg_is_unreadable(tmp_path):
    data = msg_bytes("s", "x", "Fri, 19 Jun 2020 22:30:00 +0800", [("a.txt", b"hi")])
    write(tmp_path / "inbox", "cut.msg", data[:700])
    write(tmp_path / "inbox", "fake.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    items = scan(tmp_path)
    for name in ("cut.msg", "fake.msg"):
        assert items[name].state == "unreadable", name
    assert items["cut.msg"].reason == BROKEN
