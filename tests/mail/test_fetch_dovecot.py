"""``paperdesk mail fetch`` against a real Dovecot on loopback: raw messages saved once, byte for
byte, under stable names; GBK and RFC 2231 attachment names read by intake; nothing marked read;
a connection cut mid-message leaves no partial file; wrong password, closed port and an
untrusted certificate say so in Chinese with their own exit codes and write nothing."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

from mail_fixtures import imap_settings, write_campaign
from intake.walk import scan_inbox
from intake_fixtures import CAMPAIGN, by_display, docx_bytes, tree_digest, xlsx_bytes
from mail.ledger import Ledger
from mail_servers import CuttingProxy, free_port

CST = dt.timezone(dt.timedelta(hours=8))
SUBJECT = "数学与统计学院-学生带班党员材料"
A5, A4, SUMMARY = "考核审批表（张三）.docx", "附件4-学生带班党员考核情况汇总表.xlsx", "学生带班工作总结.docx"
A5_BYTES, A4_BYTES, SUMMARY_BYTES = docx_bytes("a5 张三"), xlsx_bytes(), docx_bytes("summary")  # once: zips carry the time


def gbk_words(text: str, cut: int) -> str:
    """RFC 2047 GBK words cut after ``cut`` bytes: inside a character, as Chinese clients do."""
    raw = text.encode("gbk")
    return " ".join(f"=?GBK?B?{base64.b64encode(raw[i:i + cut]).decode()}?=" for i in range(0, len(raw), cut))


def part(headers: list[bytes], data: bytes) -> list[bytes]:
    return [b"--B0UND", *headers, b"Content-Transfer-Encoding: base64", b"",
            *base64.encodebytes(data).rstrip().split(b"\n"), b""]


def message(message_id: str, *, subject: str = SUBJECT, date: str = "Sat, 20 Jun 2020 10:30:00 +0800",
            attachments: list[tuple[list[bytes], bytes]] | None = None) -> bytes:
    pct = urllib.parse.quote(A5.encode("gbk"), safe="")
    if attachments is None:
        attachments = [
            ([f"Content-Type: application/octet-stream;\r\n name*0*=GBK''{pct[:27]};\r\n name*1*={pct[27:]}".encode(),
              f"Content-Disposition: attachment;\r\n filename*0*=GBK''{pct[:27]};\r\n filename*1*={pct[27:]}".encode()],
             A5_BYTES),
            ([b"Content-Type: application/octet-stream",
              f'Content-Disposition: attachment; filename="{gbk_words(A4, 7)}"'.encode()], A4_BYTES),
            ([b"Content-Type: application/octet-stream",
              b'Content-Disposition: attachment; filename="' + SUMMARY.encode("gbk") + b'"'], SUMMARY_BYTES),
        ]
    lines = [f"From: {gbk_words('数学与统计学院团委', 9)} <sx@zqu.edu.cn>".encode(),
             b"To: office@office.test", f"Subject: {gbk_words(subject, 5)}".encode(), f"Date: {date}".encode(),
             f"Message-ID: <{message_id}>".encode(), b"MIME-Version: 1.0",
             b'Content-Type: multipart/mixed; boundary="B0UND"', b""]
    lines += part([b"Content-Type: text/plain; charset=GBK"], "老师好，材料请查收。".encode("gbk"))
    for headers, data in attachments:
        lines += part(headers, data)
    lines.append(b"--B0UND--")
    return b"\r\n".join(lines) + b"\r\n"


def saved(inbox: Path) -> dict[str, bytes]:
    folder = inbox / "邮件"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def fetch(cli, tmp_path: Path, campaign: Path, password: str, *extra):
    (tmp_path / "inbox").mkdir(exist_ok=True)
    return cli("mail", "fetch", "--inbox", tmp_path / "inbox", "--outbox", tmp_path / "outbox", "--state",
               tmp_path / "state", "--campaign", campaign, *extra, env={"PAPERDESK_IMAP_PASSWORD": password})


def test_fetch_saves_each_matching_message_once_raw_and_intake_reads_its_chinese_names(dovecot, mailbox, tmp_path, cli):
    user, password = mailbox
    a = message("a-20200620@zqu.edu.cn")
    arrived = dt.datetime(2020, 6, 20, 10, 31, 5, tzinfo=CST)
    dovecot.append(user, password, a, arrived)
    dovecot.append(user, password, message("ad@shop.test", subject="限时优惠"), arrived)  # filtered out
    dovecot.append(user, password, message("old@zqu.edu.cn"), dt.datetime(2020, 5, 1, 9, 0, tzinfo=CST))  # before since
    dovecot.append(user, password, a, arrived + dt.timedelta(minutes=1))  # the same mail again: same Message-ID
    campaign = write_campaign(tmp_path, imap=imap_settings(dovecot, user, since="2020-06-01", subjects=["带班党员"]))

    code, out, err = fetch(cli, tmp_path, campaign, password)
    assert code == 0, err
    name = f"20200620-103000_{SUBJECT}_{hashlib.sha256(a).hexdigest()[:10]}.eml"
    assert saved(tmp_path / "inbox") == {name: a}  # byte for byte what was appended
    assert "下载 1 封新邮件" in out and "已下载过 1 封" in out and "不符合筛选条件 1 封" in out
    assert (tmp_path / "inbox" / "邮件" / name).stat().st_mtime == arrived.timestamp()  # the server's arrival time
    assert all(b"\\Seen" not in f for f in dovecot.flags(user, password).values())  # nothing marked read
    assert password not in out + err

    items = by_display(scan_inbox(tmp_path / "inbox", tmp_path / "blobs", CAMPAIGN, settle_seconds=0))
    eml = f"邮件/{name}"
    assert {d.split("!", 1)[1] for d in items if d.startswith(eml + "!")} == {A5, A4, SUMMARY}
    for member, data in ((A5, A5_BYTES), (A4, A4_BYTES), (SUMMARY, SUMMARY_BYTES)):
        assert Path(items[f"{eml}!{member}"].blob).read_bytes() == data
    assert items[f"{eml}!{A4}"].kind == "xlsx" and items[f"{eml}!{SUMMARY}"].kind == "docx"
    assert items[f"{eml}!{A5}"].received_at == "2020-06-20T10:30:00+08:00"
    hints = {h.source: h for h in items[eml].hints}
    assert hints["email_subject"].text == SUBJECT and hints["email_sender"].college == "数学与统计学院"

    before = tree_digest(tmp_path / "inbox")
    code, out, err = fetch(cli, tmp_path, campaign, password)
    assert code == 0 and "下载 0 封新邮件" in out, err
    assert tree_digest(tmp_path / "inbox") == before
    assert len(Ledger(tmp_path / "state").fetched()) == 1

    e = message("e-20200621@zqu.edu.cn", date="Sun, 21 Jun 2020 08:00:00 +0800")
    uid_e = dovecot.append(user, password, e, arrived + dt.timedelta(days=1))
    code, out, err = fetch(cli, tmp_path, campaign, password, "--mark-seen")
    assert code == 0 and "下载 1 封新邮件" in out, err
    assert sorted(saved(tmp_path / "inbox").values()) == sorted([a, e])
    flags = dovecot.flags(user, password)
    assert b"\\Seen" in flags[uid_e] and sum(b"\\Seen" in f for f in flags.values()) == 1  # asked for: only the new one


def test_fetch_over_starttls(dovecot, mailbox, tmp_path, cli):
    user, password = mailbox
    raw = message("tls@zqu.edu.cn")
    dovecot.append(user, password, raw)
    campaign = write_campaign(tmp_path, imap=imap_settings(dovecot, user, security="starttls"))
    code, out, err = fetch(cli, tmp_path, campaign, password)
    assert code == 0, err
    assert list(saved(tmp_path / "inbox").values()) == [raw]


def test_a_connection_cut_mid_message_leaves_no_partial_file_and_the_next_fetch_completes(dovecot, mailbox, tmp_path, cli):
    user, password = mailbox
    small = message("small@zqu.edu.cn")
    big = message("big@zqu.edu.cn", subject="数学与统计学院-案例压缩包",
                  attachments=[([b"Content-Type: application/zip", b'Content-Disposition: attachment; filename="a.zip"'],
                                os.urandom(3 * 1024 * 1024))])
    dovecot.append(user, password, small)
    dovecot.append(user, password, big)
    proxy = CuttingProxy(dovecot.imaps_port, limit=1_500_000)  # inside the 4 MB message
    try:
        cut = write_campaign(tmp_path / "cut", imap=imap_settings(dovecot, user, port=proxy.port))
        code, out, err = fetch(cli, tmp_path, cut, password)
    finally:
        proxy.close()
    assert code == 6 and proxy.cuts == 1, (code, out, err)
    assert "连接中断" in err and "已完整下载的 1 封邮件已保存" in err
    assert list(saved(tmp_path / "inbox").values()) == [small]  # the cut one: nothing, not even a temp file
    assert [r["message_id"] for r in Ledger(tmp_path / "state").fetched()] == ["small@zqu.edu.cn"]

    direct = write_campaign(tmp_path / "direct", imap=imap_settings(dovecot, user))
    code, out, err = fetch(cli, tmp_path, direct, password)
    assert code == 0 and "下载 1 封新邮件" in out, err
    assert sorted(saved(tmp_path / "inbox").values(), key=len) == [small, big]


def _nothing_written(tmp_path: Path, before: set[str]) -> None:
    assert {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")} == before


def test_wrong_password_is_exit_3_in_chinese_and_writes_nothing(dovecot, mailbox, tmp_path):
    user, password = mailbox
    dovecot.append(user, password, message("x@zqu.edu.cn"))
    campaign = write_campaign(tmp_path, imap=imap_settings(dovecot, user))
    (tmp_path / "inbox").mkdir()
    before = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
    wrong = "not-the-password-42"
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PAPERDESK_IMAP_PASSWORD": wrong}
    done = subprocess.run([str(bin_dir / "paperdesk"), "mail", "fetch", "--campaign", str(campaign)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert "邮箱登录失败" in done.stderr and "授权码" in done.stderr and "Traceback" not in done.stderr
    assert wrong not in done.stdout + done.stderr
    _nothing_written(tmp_path, before)  # no 邮件/ folder, no state folder, no ledger


def test_closed_port_untrusted_certificate_and_missing_password(dovecot, mailbox, tmp_path, cli):
    user, password = mailbox
    (tmp_path / "inbox").mkdir()
    before = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
    cases = [
        (imap_settings(dovecot, user, port=free_port()), password, 4, "无法连接邮件服务器"),
        (imap_settings(dovecot, user, ca=False), password, 5, "证书无法验证"),  # self-signed, not trusted
        (imap_settings(dovecot, user), "", 1, "PAPERDESK_IMAP_PASSWORD"),
    ]
    for n, (settings, pw, want, text) in enumerate(cases):
        campaign = write_campaign(tmp_path / f"c{n}", imap=settings)
        before |= {f"c{n}", f"c{n}/campaign.yaml"}
        code, out, err = fetch(cli, tmp_path, campaign, pw)
        assert (code, text in err) == (want, True), (code, err)
        _nothing_written(tmp_path, before)
