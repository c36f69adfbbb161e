"""The pure half of fetching: what to fetch, the file names, the protocol's small texts."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from mail.imap_fetch import (PARTIAL_PREFIX, clean_partials, fetch_items, imap_utf7, parse_internaldate, quote_mailbox,
                             save_eml, since_text)
from mail.selection import Candidate, eml_name, message_id, parse_candidate, plan, safe_part, uid_set

CST = dt.timezone(dt.timedelta(hours=8))


def cand(uid, mid=None, subject="数学与统计学院 带班党员材料", sender="sx <sx@zqu.edu.cn>", date=None):
    return Candidate(uid=uid, size=10, internaldate=None, message_id=mid, subject=subject, sender=sender, date=date)


def test_plan_skips_known_uids_and_message_ids_and_applies_the_filters():
    cs = [cand(5, "a@x"), cand(1, "old@x"), cand(2, "b@x"), cand(3, "b@x"), cand(4, None, subject="广告"),
          cand(6, None, sender="团委 <tw@qq.com>"), cand(7, None)]
    p = plan(cs, seen_uids={1}, seen_ids={"a@x"}, subjects=("带班党员",), senders=("@zqu.edu.cn",))
    assert [c.uid for c in p.fetch] == [2, 7]  # 3 repeats 2's Message-ID; 4 and 6 fail a filter
    assert (p.known, p.filtered) == (3, 2)
    assert [c.uid for c in plan(cs, set(), set()).fetch] == [1, 2, 4, 5, 6, 7]  # no filter: everything once


def test_filters_fold_width_and_case():
    assert plan([cand(1, subject="ＸＸ学院带班党员材料", sender="SX@ZQU.EDU.CN")], set(), set(),
                subjects=("xx学院",), senders=("@zqu.edu.cn",)).fetch


def test_headers_are_decoded_like_intake_decodes_them():
    raw = "数统学院 带班党员".encode("gbk")
    block = (b"Subject: =?GBK?B?" + __import__("base64").b64encode(raw[:5]) + b"?= =?GBK?B?"
             + __import__("base64").b64encode(raw[5:]) + b"?=\r\nFrom: \xca\xfd\xcd\xb3 <sx@zqu.edu.cn>\r\n"
             b"Message-ID:\r\n <Ab.1@ZQU>\r\nDate: Sat, 20 Jun 2020 02:30:00 -0000\r\n\r\n")
    c = parse_candidate(9, 100, None, block)
    assert (c.subject, c.sender, c.message_id) == ("数统学院 带班党员", "数统 <sx@zqu.edu.cn>", "Ab.1@ZQU")
    assert c.date == dt.datetime(2020, 6, 20, 2, 30, tzinfo=dt.timezone.utc)
    broken = parse_candidate(1, 0, None, b"Date: someday\r\nSubject: =?bogus?Q?x?=\r\n\r\n")
    assert broken.date is None and broken.message_id is None
    assert message_id("  <a@b>  ") == "a@b" and message_id("") is None


def test_file_names_are_stable_safe_and_distinct():
    c = cand(1, subject='回复: 数学/统计 "材料" <终稿>!?*|\\:\u202e' + "长" * 200,
             date=dt.datetime(2020, 6, 20, 2, 30, tzinfo=dt.timezone.utc))
    name = eml_name(c, b"raw one", CST)
    assert name == eml_name(c, b"raw one", CST) != eml_name(c, b"raw two", CST)
    assert name.startswith("20200620-103000_回复 数学 统计 材料 终稿") and name.endswith(".eml")
    assert not any(ch in name for ch in '/\\:*?"<>|!\u202e') and len(name.encode()) <= 200
    assert eml_name(cand(1, subject="..."), b"x", CST).startswith("00000000-000000_无主题_")
    assert safe_part("  .hidden  ") == "hidden"


def test_protocol_texts():
    assert uid_set([7, 1, 2, 3, 5, 6, 9]) == "1:3,5:7,9" and uid_set([4]) == "4"
    assert imap_utf7("INBOX") == "INBOX" and imap_utf7("其他文件夹/学院") == "&UXZO1mWHTvZZOQ-/&W2aWYg-"
    assert imap_utf7("A&B") == "A&-B" and quote_mailbox('a"b') == '"a\\"b"'
    assert since_text(dt.date(2020, 6, 1)) == "01-Jun-2020"
    assert parse_internaldate("20-Jun-2020 10:31:05 +0800") == dt.datetime(2020, 6, 20, 10, 31, 5, tzinfo=CST)
    assert parse_internaldate(" 1-Jan-2020 00:00:00 -0000") == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    assert parse_internaldate("garbage") is None


def test_fetch_response_attributes_before_and_after_the_literal():
    data = [(b'1 (UID 7 RFC822.SIZE 5 BODY[] {5}', b"hello"), b")",
            (b"2 (BODY[] {3}", b"abc"), b' UID 9 INTERNALDATE "20-Jun-2020 10:31:05 +0800")', b"3 (FLAGS (\\Seen))"]
    got = fetch_items(data)
    assert [lit for _, lit in got] == [b"hello", b"abc"]
    assert b"UID 7" in got[0][0] and b"UID 9" in got[1][0]


def test_save_is_write_then_rename_and_old_leftovers_are_cleaned(tmp_path, monkeypatch):
    when = dt.datetime(2020, 6, 20, 10, 31, tzinfo=CST)
    path = save_eml(tmp_path / "邮件", "a.eml", b"raw", when)
    assert path.read_bytes() == b"raw" and path.stat().st_mtime == when.timestamp()
    assert [p.name for p in (tmp_path / "邮件").iterdir()] == ["a.eml"]

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_eml(tmp_path / "邮件", "b.eml", b"raw2")
    monkeypatch.undo()
    assert [p.name for p in (tmp_path / "邮件").iterdir()] == ["a.eml"]  # no temp file left behind

    old, fresh = tmp_path / "邮件" / f"{PARTIAL_PREFIX}1-x.part", tmp_path / "邮件" / f"{PARTIAL_PREFIX}2-y.part"
    old.write_bytes(b"killed"), fresh.write_bytes(b"being written")
    os.utime(old, (time.time() - 3600,) * 2)
    clean_partials(tmp_path / "邮件")
    assert not old.exists() and fresh.exists()
