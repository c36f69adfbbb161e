"""Saved emails: attachment names (RFC 2047, RFC 2231, raw GBK), Date, Subject/From hints."""

from __future__ import annotations

import urllib.parse
from base64 import b64encode
from pathlib import Path

from intake.walk import scan_inbox
from intake_fixtures import CAMPAIGN, MTIME, by_display, docx_bytes, eml_bytes, write, xlsx_bytes, zip_bytes


def b_word(text: str, charset: str = "UTF-8") -> str:
    return f"=?{charset}?B?{b64encode(text.encode(charset)).decode()}?="


def rfc2231(text: str, charset: str = "UTF-8") -> str:
    return f"attachment; filename*={charset}''{urllib.parse.quote(text.encode(charset))}"


def scan(tmp_path: Path):
    return by_display(scan_inbox(tmp_path / "inbox", tmp_path / "state", CAMPAIGN, settle_seconds=0))


def test_attachment_names_and_date(tmp_path):
    eml = eml_bytes(attachments=[
        (f'attachment; filename="{b_word("考核审批表-张三.docx")}"', docx_bytes("a5")),
        (rfc2231("获奖情况统计表.xlsx"), xlsx_bytes()),
        (rfc2231("工作总结.docx", "GBK"), docx_bytes("summary")),
        ('attachment; filename="案例.zip"'.encode("gbk"), zip_bytes({"图片1.jpg": b"\xff\xd8\xff\xe0pic"})),
    ])
    write(tmp_path / "inbox", "mail/提交.eml", eml, mtime=MTIME + 10**6)
    items = scan(tmp_path)
    mail = items["mail/提交.eml"]
    assert mail.kind == "eml" and mail.state == "used"
    names = {d.split("!", 1)[1] for d in items if d.startswith("mail/提交.eml!")}
    assert names == {"工作总结.docx", "案例.zip", "案例.zip!图片1.jpg", "获奖情况统计表.xlsx", "考核审批表-张三.docx"}
    a5 = items["mail/提交.eml!考核审批表-张三.docx"]
    assert a5.email_date == "2020-06-20T06:30:00+08:00"  # 22:30 UTC -> Shanghai
    assert a5.received_at == a5.email_date  # the email's Date, not the file's mtime
    assert a5.kind == "docx" and a5.container == "mail/提交.eml"
    nested = items["mail/提交.eml!案例.zip!图片1.jpg"]
    assert nested.received_at == a5.email_date and nested.kind == "image"
    assert Path(items["mail/提交.eml!获奖情况统计表.xlsx"].blob).read_bytes() == xlsx_bytes()


def test_subject_and_sender_hints(tmp_path):
    eml = eml_bytes(subject=b_word("数统学院-带班党员材料"), sender=f'"{b_word("经管学院团委")}" <jg@x.cn>',
                    attachments=[('attachment; filename="a.docx"', docx_bytes())])
    write(tmp_path / "inbox", "m.eml", eml)
    item = scan(tmp_path)["m.eml!a.docx"]
    hints = {h.source: h for h in item.hints}
    assert hints["email_subject"].text == "数统学院-带班党员材料"
    assert hints["email_subject"].college == "数学与统计学院"
    assert hints["email_sender"].college == "经济与管理学院"


def test_missing_or_broken_date_falls_back_to_mtime(tmp_path):
    a = [('attachment; filename="a.docx"', docx_bytes("1"))]
    b = [('attachment; filename="b.docx"', docx_bytes("2"))]
    write(tmp_path / "inbox", "none.eml", eml_bytes(date=None, attachments=a))
    write(tmp_path / "inbox", "bad.eml", eml_bytes(date="not a date at all", attachments=b))
    items = scan(tmp_path)
    for d in ("none.eml!a.docx", "bad.eml!b.docx"):
        assert items[d].email_date is None
        assert items[d].received_at == "2020-06-19T18:00:00+08:00"


def test_naive_minus_zero_date_is_utc(tmp_path):
    write(tmp_path / "inbox", "m.eml", eml_bytes(date="Sat, 20 Jun 2020 01:00:00 -0000",
                                                 attachments=[('attachment; filename="a.docx"', docx_bytes())]))
    assert scan(tmp_path)["m.eml!a.docx"].email_date == "2020-06-20T09:00:00+08:00"


def test_broken_headers_do_not_raise(tmp_path):
    raw = (b"From: =?bogus?Q?\xff\xfe?= <\r\nSubject: \xc4\xe3\xba\xc3\r\nDate: Mon, 99 Foo 2020\r\n"
           b"Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\n"
           b"Content-Disposition: attachment; filename=\"\xbf\xbc\xba\xcb.docx\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n" + b64encode(docx_bytes()) + b"\r\n--B--\r\n")
    write(tmp_path / "inbox", "broken.eml", raw)
    items = scan(tmp_path)
    assert items["broken.eml"].state == "used"
    assert "broken.eml!考核.docx" in items  # raw GBK bytes in the header
    assert {h.text for h in items["broken.eml"].hints if h.source == "email_subject"} == {"你好"}


def test_same_attachment_name_twice_gets_unique_display(tmp_path):
    eml = eml_bytes(attachments=[('attachment; filename="a.docx"', docx_bytes("1")),
                                 ('attachment; filename="a.docx"', docx_bytes("2"))])
    write(tmp_path / "inbox", "m.eml", eml)
    items = scan(tmp_path)
    assert "m.eml!a.docx" in items and "m.eml!a (2).docx" in items


def test_unquoted_raw_gbk_name_and_content_type_name(tmp_path):
    eml = eml_bytes(attachments=[("attachment; filename=汇总表.xlsx".encode("gbk"), xlsx_bytes()),
                                 (b"inline", docx_bytes("no name")),  # no name at all: the body, not a member
                                 (f'inline; filename="{b_word("新聘汇总表.docx", "GB2312")}"', docx_bytes("x"))])
    write(tmp_path / "inbox", "m.eml", eml)
    members = {d for d in scan(tmp_path) if "!" in d}
    assert members == {"m.eml!汇总表.xlsx", "m.eml!新聘汇总表.docx"}


def test_attachment_without_name_is_kept(tmp_path):
    write(tmp_path / "inbox", "m.eml", eml_bytes(attachments=[(b"attachment", docx_bytes("anon"))]))
    members = [i for d, i in scan(tmp_path).items() if "!" in d]
    assert len(members) == 1 and members[0].display.startswith("m.eml!附件") and members[0].kind == "docx"


NAME = "考核审批表（张三）-数学与统计学院.docx"


def _gbk_pct(text: str) -> str:
    return urllib.parse.quote(text.encode("gbk"), safe="")


def test_gbk_names_cut_mid_character_are_joined_before_decoding(tmp_path):
    """What Chinese mail clients send: RFC 2231 sections and RFC 2047 words cut inside a GBK
    character (each piece alone is not valid GBK), and filename* beside a plain fallback."""
    pct, raw = _gbk_pct(NAME), NAME.encode("gbk")
    assert len(pct[:27]) == 27 and raw[:9].decode("gbk", "replace").endswith("\ufffd")  # 4.5 characters
    words = " ".join(f"=?GBK?B?{b64encode(raw[i:i + 7]).decode()}?=" for i in range(0, len(raw), 7))
    eml = eml_bytes(attachments=[
        (f"attachment;\r\n filename*0*=GBK''{pct[:27]};\r\n filename*1*={pct[27:]}", docx_bytes("sections")),
        (f'attachment; filename="{words}"', docx_bytes("words")),
        (f"attachment; filename=\"fallback.docx\"; filename*=gb18030'zh-cn'{pct}", docx_bytes("star wins")),
    ])
    write(tmp_path / "inbox", "m.eml", eml)
    members = sorted(d for d in scan(tmp_path) if "!" in d)
    stem = NAME[:-5]
    assert members == sorted(f"m.eml!{n}" for n in (NAME, f"{stem} (2).docx", f"{stem} (3).docx"))


def test_content_type_name_sections_and_subject_words_cut_mid_character(tmp_path):
    raw = "数统学院-带班党员材料".encode("gbk")
    subject = f"=?GBK?B?{b64encode(raw[:5]).decode()}?= =?GBK?B?{b64encode(raw[5:]).decode()}?="
    pct = _gbk_pct(NAME)
    eml = eml_bytes(subject=subject, attachments=[(b"attachment", docx_bytes())])
    plain = b"Content-Type: application/octet-stream\r\nContent-Disposition: attachment\r\n"
    assert eml.count(plain) == 1
    eml = eml.replace(plain, f"Content-Type: application/octet-stream;\r\n name*0*=GBK''{pct[:27]};\r\n"
                             f" name*1*={pct[27:]}\r\nContent-Disposition: attachment\r\n".encode())
    write(tmp_path / "inbox", "m.eml", eml)
    items = scan(tmp_path)
    assert f"m.eml!{NAME}" in items
    hints = {h.source: h for h in items["m.eml"].hints}
    assert hints["email_subject"].text == "数统学院-带班党员材料" and hints["email_subject"].college == "数学与统计学院"
