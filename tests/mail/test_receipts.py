"""The pure half of sending: what a 回执 says, whether it may go, the message, the idempotence key."""

from __future__ import annotations

import dataclasses
import email
import email.policy

import pytest

from mail import receipts as rc
from mail_fixtures import GENERATED_AT, MUSIC, SHUTONG, WENXUE, letter_paragraphs, make_outbox
from intake.unpackers.eml_unpack import _filename, header_text
from paperdesk.campaign import load_campaign

CAMPAIGN = load_campaign()


@pytest.fixture(scope="module")
def outbox(tmp_path_factory):
    """(outbox folder, published flags): written once, only read by the tests here."""
    folder = tmp_path_factory.mktemp("outbox")
    _files, flags = make_outbox(folder, CAMPAIGN)
    return folder, [f.to_dict() for f in flags]


def letter_of(tmp_path, college):
    return rc.read_letter(letter_paragraphs(tmp_path / "回执" / f"{college}.docx"))


def with_status(flags, code, status):
    return [{**f, "status": status} if f["code"] == code else f for f in flags]


def test_read_letter_finds_the_missing_list_and_the_problems_under_their_deliverables(outbox):
    tmp_path, _flags = outbox
    wx = letter_of(tmp_path, WENXUE)
    assert wx.missing == ()
    assert [(g, line[:7]) for g, line in wx.problems] == [("优秀带班党员案例", "【需修改】张三"),
                                                         ("2020—2021学年度新聘学生带班党员汇总表", "【请核实】新聘")]
    st = letter_of(tmp_path, SHUTONG)
    assert len(st.missing) == 5 and st.missing[0].startswith("优秀带班党员案例（截止日期") and st.problems == ()
    assert letter_of(tmp_path, MUSIC).missing and not letter_of(tmp_path, MUSIC).problems


def test_a_letter_is_held_back_while_its_problems_are_unreviewed(outbox):
    tmp_path, flags = outbox
    wx, st = letter_of(tmp_path, WENXUE), letter_of(tmp_path, SHUTONG)
    review = rc.review_letter(CAMPAIGN, WENXUE, wx, flags)
    assert len(review.in_letter) == 2 and len(review.unreviewed) == 2 and review.stale == ()  # waived, office-only: out
    st_review = rc.review_letter(CAMPAIGN, SHUTONG, st, flags)
    assert len(st_review.unreviewed) == 5 and not st_review.stale  # the missing list comes from open flags too
    confirmed = [{**f, "status": "confirmed"} if f["status"] == "open" else f for f in flags]
    assert rc.review_letter(CAMPAIGN, WENXUE, wx, confirmed).unreviewed == ()


def test_a_letter_written_before_a_decision_changed_is_stale(outbox):
    tmp_path, flags = outbox
    wx = letter_of(tmp_path, WENXUE)
    waived_since = with_status(flags, "LATE_SUBMISSION", "waived")
    assert "已不再是待处理的问题" in rc.review_letter(CAMPAIGN, WENXUE, wx, waived_since).stale[0]
    reopened = with_status(flags, "DUPLICATE_FILE", "open")  # waived when the letter was written, reopened since
    assert "不在回执中" in rc.review_letter(CAMPAIGN, WENXUE, wx, reopened).stale[0]


def test_outgoing_says_why_not():
    letter, review = rc.Letter(), rc.Review((), (), ())
    to = ("wxy@zqu.edu.cn",)
    assert rc.outgoing(WENXUE, (), letter, b"d", review, set()).status == rc.NO_ADDRESS
    assert rc.outgoing(WENXUE, to, None, None, None, set()).status == rc.NO_LETTER
    assert rc.outgoing(WENXUE, to, letter, b"d", review, set()).status == rc.READY
    assert rc.outgoing(WENXUE, to, letter, b"d", review, {rc.send_key(b"d", to)}).status == rc.SENT_BEFORE
    open_one = rc.Review(({"status": "open"},), ({"status": "open"},), ())
    held = rc.outgoing(WENXUE, to, letter, b"d", open_one, set())
    assert held.status == rc.UNREVIEWED and "--include-unreviewed" in held.reason
    assert rc.outgoing(WENXUE, to, letter, b"d", open_one, set(), include_unreviewed=True).status == rc.READY
    stale = dataclasses.replace(open_one, stale=("x",))
    assert rc.outgoing(WENXUE, to, letter, b"d", stale, set(), include_unreviewed=True).status == rc.STALE


def test_send_key_is_the_letter_and_its_addresses():
    key = rc.send_key(b"docx", ("A@zqu.edu.cn", "b@qq.com"))
    assert key == rc.send_key(b"docx", ("b@qq.com", "a@zqu.edu.cn"))
    assert key != rc.send_key(b"docx2", ("a@zqu.edu.cn", "b@qq.com")) != rc.send_key(b"docx", ("a@zqu.edu.cn",))


def test_the_message_carries_the_letter_and_lists_what_to_fix(outbox):
    tmp_path, _flags = outbox
    docx = (tmp_path / "回执" / f"{WENXUE}.docx").read_bytes()
    import datetime as dt

    msg = rc.compose(CAMPAIGN, WENXUE, ("wxy@zqu.edu.cn",), letter_of(tmp_path, WENXUE), docx, "xgb@office.test",
                     "", GENERATED_AT, dt.datetime(2020, 6, 23, 9, 0, tzinfo=dt.timezone.utc), "<m1@office.test>")
    parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    assert header_text(parsed, "Subject") == "2020年学生带班党员工作材料回执（文学院）"
    assert header_text(parsed, "From") == "党委学生工作部（处） <xgb@office.test>" and parsed["To"] == "wxy@zqu.edu.cn"
    body = parsed.get_body(("plain",)).get_content()
    assert body.startswith("文学院：") and "需要修改或核实的问题（共 2 条）" in body and "张三的生活照只有 300 KB" in body
    assert "联系人：李鑫老师" in body and body.rstrip().endswith("2020年6月22日")
    [attachment] = list(parsed.iter_attachments())
    assert _filename(attachment) == "文学院回执.docx" and attachment.get_content() == docx  # intake reads it back
    assert b"\r\n" in msg.as_bytes() and all(len(line) <= 998 for line in msg.as_bytes().split(b"\r\n"))
