"""scan_inbox on inboxes built in code: unpacking, names, clutter, duplicates, safety, store."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from intake.unpackers.base import BOMB, ENCRYPTED, Limits
from intake.walk import scan_inbox
from intake_fixtures import (CAMPAIGN, MTIME, by_display, docx_bytes, gbk_zip_bytes, set_encrypted_flag,
                             symlink_zip_bytes, tree_digest, write, zip_bytes)


def scan(tmp_path: Path, **kw):
    return by_display(scan_inbox(tmp_path / "inbox", tmp_path / "state", CAMPAIGN, settle_seconds=0, **kw))


def test_gbk_zip_without_utf8_flag_decodes_names(tmp_path):
    write(tmp_path / "inbox", "a.zip", gbk_zip_bytes({"张三/案例文本.docx": docx_bytes(), "李四生活照.jpg": b"\xff\xd8\xff\xe0x"}))
    items = scan(tmp_path)
    assert "a.zip!张三/案例文本.docx" in items
    assert items["a.zip!张三/案例文本.docx"].kind == "docx"
    assert items["a.zip!李四生活照.jpg"].kind == "image"
    assert items["a.zip"].state == "used" and items["a.zip"].kind == "zip"


def test_undecodable_name_kept_escaped(tmp_path):
    data = zip_bytes({"AAAAAA": b"x"}).replace(b"AAAAAA", b"\xff\xfe.txt")
    write(tmp_path / "inbox", "a.zip", data)
    assert "a.zip!%FF%FE.txt" in scan(tmp_path)


def test_utf8_flagged_zip_and_nested_zip(tmp_path):
    inner = zip_bytes({"数学学院/工作总结.docx": docx_bytes("总结")})
    write(tmp_path / "inbox", "外层.zip", zip_bytes({"内层.zip": inner, "说明.txt": "你好".encode()}))
    items = scan(tmp_path)
    member = items["外层.zip!内层.zip!数学学院/工作总结.docx"]
    assert member.container == "外层.zip!内层.zip"
    assert items["外层.zip!内层.zip"].container == "外层.zip"
    assert items["外层.zip!内层.zip"].state == "used"
    assert items["外层.zip!说明.txt"].kind == "text"
    assert Path(member.blob).read_bytes() == docx_bytes("总结")


def test_nesting_limit(tmp_path):
    data = docx_bytes()
    for i in range(4):
        data = zip_bytes({f"l{i}.zip" if i else "a.docx": data})
    write(tmp_path / "inbox", "top.zip", data)
    items = scan(tmp_path, limits=Limits(max_depth=2))
    too_deep = [i for i in items.values() if i.state == "unreadable"]
    assert len(too_deep) == 1 and "嵌套层数过多" in too_deep[0].reason
    assert too_deep[0].display.count("!") == 2


def test_clutter_is_ignored_and_not_read(tmp_path):
    inbox = tmp_path / "inbox"
    write(inbox, "a.zip", zip_bytes({"__MACOSX/._x.docx": b"junk", "x.docx": docx_bytes(), "Thumbs.db": b"t"}))
    write(inbox, ".DS_Store", b"d")
    write(inbox, "学院/~$案例.docx", b"lock")
    write(inbox, "学院/desktop.ini", b"ini")
    write(inbox, "学院/._photo.jpg", b"apple")
    write(inbox, "邮件/.mail-12-ab.part", b"From: half a message")  # a fetch killed mid-write
    items = scan(tmp_path)
    ignored = {d for d, i in items.items() if i.state == "ignored"}
    assert ignored == {"a.zip!__MACOSX/._x.docx", "a.zip!Thumbs.db", ".DS_Store", "学院/~$案例.docx",
                       "学院/desktop.ini", "学院/._photo.jpg", "邮件/.mail-12-ab.part"}
    assert all(items[d].reason and items[d].sha256 == "" for d in ignored)
    assert items["a.zip!x.docx"].state is None


def test_duplicate_first_is_earliest_received(tmp_path):
    inbox = tmp_path / "inbox"
    data = docx_bytes("同一份")
    write(inbox, "b_later.docx", data, mtime=MTIME + 60)
    write(inbox, "z_early.docx", data, mtime=MTIME)
    write(inbox, "c.zip", zip_bytes({"copy.docx": data}), mtime=MTIME + 120)
    items = scan(tmp_path)
    assert items["z_early.docx"].state is None
    assert items["b_later.docx"].state == "duplicate"
    assert items["b_later.docx"].reason == "与 z_early.docx 内容相同"
    assert items["c.zip!copy.docx"].state == "duplicate"


def test_duplicate_tie_broken_by_display(tmp_path):
    inbox = tmp_path / "inbox"
    write(inbox, "b.docx", docx_bytes("x"))
    write(inbox, "a.docx", docx_bytes("x"))
    items = scan(tmp_path)
    assert items["a.docx"].state is None and items["b.docx"].reason == "与 a.docx 内容相同"


def test_zero_byte_file_and_member(tmp_path):
    inbox = tmp_path / "inbox"
    write(inbox, "空.docx", b"")
    write(inbox, "a.zip", zip_bytes({"empty.xlsx": b""}))
    items = scan(tmp_path)
    assert (items["空.docx"].state, items["空.docx"].reason) == ("unreadable", "空文件")
    assert (items["a.zip!empty.xlsx"].state, items["a.zip!empty.xlsx"].reason) == ("unreadable", "空文件")


def test_encrypted_zip_flag_written_by_hand(tmp_path):
    write(tmp_path / "inbox", "secret.zip", set_encrypted_flag(zip_bytes({"a.docx": docx_bytes()})))
    items = scan(tmp_path)
    assert list(items) == ["secret.zip"]
    assert (items["secret.zip"].state, items["secret.zip"].reason) == ("unreadable", ENCRYPTED)


@pytest.mark.skipif(not shutil.which("7z"), reason="p7zip-full not installed")
def test_encrypted_zip_from_7z(tmp_path):
    src = write(tmp_path / "src", "a.docx", docx_bytes())
    out = tmp_path / "inbox" / "pw.zip"
    out.parent.mkdir()
    subprocess.run(["7z", "a", "-tzip", "-psecret", str(out), str(src)], check=True, capture_output=True)
    items = scan(tmp_path)
    assert items["pw.zip"].reason == ENCRYPTED


def test_escaping_and_symlink_members_refused(tmp_path):
    inbox = tmp_path / "inbox"
    write(inbox, "evil.zip", zip_bytes({"../evil.txt": b"x", "/etc/abs.txt": b"y", "C:/win.txt": b"z",
                                        "a\\..\\..\\win.txt": b"w", "ok.docx": docx_bytes()}))
    write(inbox, "link.zip", symlink_zip_bytes("link", "/etc/passwd"))
    items = scan(tmp_path)
    for name in ("../evil.txt", "/etc/abs.txt", "C:/win.txt", "a/../../win.txt"):
        it = items[f"evil.zip!{name}"]
        assert it.state == "unreadable" and "路径不安全" in it.reason and it.blob == ""
    assert items["evil.zip"].state == "used" and items["evil.zip!ok.docx"].state is None
    assert items["link.zip!link"].state == "unreadable" and "符号链接" in items["link.zip!link"].reason
    assert items["link.zip!ok.txt"].state is None
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "state" / "evil.txt").exists()


def test_zip_bomb_by_ratio_and_by_total(tmp_path):
    inbox = tmp_path / "inbox"
    write(inbox, "bomb.zip", zip_bytes({"zeros.bin": bytes(2 * 1024 * 1024)}))
    write(inbox, "big.zip", zip_bytes({"a.bin": os.urandom(4000), "b.bin": os.urandom(4000)}))
    assert (inbox / "bomb.zip").stat().st_size < 10_000
    items = scan(tmp_path, limits=Limits(ratio_min_bytes=1024 * 1024, max_total_bytes=6000))
    assert (items["bomb.zip"].state, items["bomb.zip"].reason) == ("unreadable", BOMB)
    assert (items["big.zip"].state, items["big.zip"].reason) == ("unreadable", BOMB)
    assert not any(d.startswith("bomb.zip!") or d.startswith("big.zip!") for d in items)


def test_member_count_limit(tmp_path):
    write(tmp_path / "inbox", "many.zip", zip_bytes({f"{i}.txt": b"%d" % i for i in range(20)}))
    items = scan(tmp_path, limits=Limits(max_members=10))
    assert items["many.zip"].reason == BOMB


def test_corrupt_zip_unreadable(tmp_path):
    data = bytearray(zip_bytes({"a.txt": b"hello world " * 100}))
    data[40:60] = b"\x00" * 20  # break the compressed stream
    write(tmp_path / "inbox", "broken.zip", bytes(data))
    write(tmp_path / "inbox", "cut.zip", zip_bytes({"a.txt": b"x" * 500})[:-30])
    items = scan(tmp_path)
    assert items["broken.zip"].state == "unreadable" and items["broken.zip"].reason
    assert items["cut.zip"].state == "unreadable"


def test_inbox_unchanged_and_store_content_addressed(tmp_path):
    inbox = tmp_path / "inbox"
    write(inbox, "学院/a.zip", zip_bytes({"x.docx": docx_bytes(), "__MACOSX/._x": b"m"}))
    write(inbox, "b.docx", docx_bytes("b"))
    before = tree_digest(inbox)
    first = scan_inbox(inbox, tmp_path / "state", CAMPAIGN)
    second = scan_inbox(inbox, tmp_path / "state", CAMPAIGN)
    assert tree_digest(inbox) == before
    assert first == second  # deterministic, and the store's existing blobs are reused
    for it in first:
        if it.blob:
            assert it.blob == str(tmp_path / "state" / "blobs" / it.sha256[:2] / it.sha256)
            assert Path(it.blob).stat().st_size == it.size
    assert not any((tmp_path / "state" / "tmp").iterdir())


def test_received_at_is_outer_mtime_in_campaign_timezone(tmp_path):
    write(tmp_path / "inbox", "a.zip", zip_bytes({"x.docx": docx_bytes()}), mtime=MTIME)
    items = scan(tmp_path)
    assert items["a.zip"].received_at == "2020-06-19T18:00:00+08:00"
    assert items["a.zip!x.docx"].received_at == "2020-06-19T18:00:00+08:00"
    assert items["a.zip!x.docx"].email_date is None


def test_sorted_walk_order(tmp_path):
    inbox = tmp_path / "inbox"
    for rel in ("b/2.txt", "a/1.txt", "a.txt", "c.txt"):
        write(inbox, rel, rel.encode())
    assert [i.display for i in scan_inbox(inbox, tmp_path / "s", CAMPAIGN)] == ["a.txt", "a/1.txt", "b/2.txt", "c.txt"]


def test_path_hints_on_items(tmp_path):
    write(tmp_path / "inbox", "计算机学院/secret.zip", set_encrypted_flag(zip_bytes({"a.docx": docx_bytes()})))
    item = scan(tmp_path)["计算机学院/secret.zip"]
    assert ("folder", "计算机学院", "计算机科学与软件学院") in [(h.source, h.text, h.college) for h in item.hints]


def test_member_separator_in_names_is_made_full_width(tmp_path):
    write(tmp_path / "inbox", "急!材料.zip", zip_bytes({"注意!.docx": docx_bytes()}))
    items = scan(tmp_path)
    assert set(items) == {"急！材料.zip", "急！材料.zip!注意！.docx"}
    assert items["急！材料.zip!注意！.docx"].container == "急！材料.zip"


def test_inbox_file_name_in_gbk_bytes(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / os.fsdecode("计算机学院考核审批表.docx".encode("gbk"))).write_bytes(docx_bytes())
    items = scan_inbox(inbox, tmp_path / "state", CAMPAIGN, settle_seconds=0)
    assert [i.display for i in items] == ["计算机学院考核审批表.docx"]
    assert items[0].kind == "docx"
