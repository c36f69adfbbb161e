"""``paperdesk mail send-receipts`` against a real SMTP server on loopback (aiosmtpd, STARTTLS or
implicit TLS, login required): the dry run writes what would go to outbox/待发送/ and sends
nothing; --send delivers each ready 回执 to its college once; unreviewed letters wait unless asked;
a corrected letter goes out again; a wrong password, a closed port, an untrusted certificate,
TLS on a plain port and a missing password each send nothing, in Chinese, with their exit codes."""

from __future__ import annotations

import email
import email.policy
import shutil
from pathlib import Path

import pytest

from intake.unpackers.eml_unpack import _filename, header_text
from mail.ledger import Ledger
from mail_fixtures import SHUTONG, WENXUE, make_outbox, record_decisions, write_campaign
from mail_servers import SmtpServer, free_port, make_certificate
from paperdesk.campaign import load_campaign
from paperdesk.state import State

# aiosmtpd cannot tell that an implicit-TLS connection is encrypted, so that server allows AUTH "without TLS"
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

WX_MAIL, ST_MAIL = "wxy@zqu.edu.cn", ("stxy@zqu.edu.cn", "stxy-tw@qq.com")


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def starttls_server(tls_files):
    server = SmtpServer(*tls_files)
    yield server
    server.stop()


@pytest.fixture
def smtp(starttls_server):
    """The module's STARTTLS server, its mailbag emptied for each test."""
    starttls_server.received.clear()
    yield starttls_server
    starttls_server.silent_login = False


EMAILS = {WENXUE: WX_MAIL, SHUTONG: list(ST_MAIL)}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """An outbox as `paperdesk run` leaves it and the state behind it, written once (18 letters
    take most of a second) and copied for each test."""
    folder = tmp_path_factory.mktemp("desk")
    campaign = load_campaign(write_campaign(folder, emails=EMAILS))
    files, flags = make_outbox(folder / "outbox", campaign)
    record_decisions(folder / "state", flags)
    return folder, files, flags


def setup_desk(tmp_path: Path, template, smtp: SmtpServer, security: str = "starttls", **override):
    """A desk in ``tmp_path``: the template's outbox and state, a campaign sending through ``smtp``."""
    folder, files, flags = template
    for sub in ("outbox", "state"):
        shutil.copytree(folder / sub, tmp_path / sub)
    settings = {"host": "127.0.0.1", "port": smtp.port, "security": security, "user": smtp.user,
                "from": "xgb@office.test", "ca_file": str(smtp.cert), "timeout": 10}
    settings.update(override)
    settings = {k: v for k, v in settings.items() if v is not None}
    campaign_path = write_campaign(tmp_path, emails=EMAILS, smtp=settings)
    return campaign_path, load_campaign(campaign_path), files, flags


def send(cli, tmp_path, campaign_path, smtp, *extra, password=None):
    return cli("mail", "send-receipts", "--outbox", tmp_path / "outbox", "--state", tmp_path / "state",
               "--campaign", campaign_path, *extra,
               env={"PAPERDESK_SMTP_PASSWORD": smtp.password if password is None else password})


def files_holding(folder: Path, secret: str) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def parsed(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def attachment_of(msg) -> tuple[str, bytes]:
    [part] = list(msg.iter_attachments())
    return _filename(part), part.get_content()


def test_dry_run_then_send_once_each_letter_and_again_only_when_it_changed(tmp_path, template, smtp, cli):
    campaign_path, campaign, files, flags = setup_desk(tmp_path, template, smtp)
    outbox, state = tmp_path / "outbox", State(tmp_path / "state")
    wx_docx = (outbox / "回执" / f"{WENXUE}.docx").read_bytes()

    code, out, err = send(cli, tmp_path, campaign_path, smtp)
    assert code == 0, err
    assert "文学院：有未审核的问题——回执中有 2 条问题尚未审核" in out and "数学与统计学院：有未审核的问题" in out
    assert "未配置邮箱的学院 16 个" in out and not (outbox / "待发送").exists() and smtp.received == []
    code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send")  # unreviewed: --send alone sends nothing
    assert code == 0 and "没有需要发送的回执" in out and "文学院：有未审核的问题" in out, err
    assert smtp.received == [] and Ledger(tmp_path / "state").sent() == []

    for f in flags:  # staff confirm 文学院's two problems on the review page
        if f.college == WENXUE and f.status == "open" and f.field != "读取限制":
            state.decide(f.id, "confirmed", who="李老师", fingerprint=f.fingerprint)
    code, out, err = send(cli, tmp_path, campaign_path, smtp)
    assert code == 0 and "文学院：待发送——发送到 wxy@zqu.edu.cn" in out, err
    assert [p.name for p in (outbox / "待发送").iterdir()] == ["文学院.eml"]
    preview = parsed((outbox / "待发送" / "文学院.eml").read_bytes())
    assert preview["To"] == WX_MAIL and header_text(preview, "Subject") == "2020年学生带班党员工作材料回执（文学院）"
    assert attachment_of(preview) == ("文学院回执.docx", wx_docx)
    assert "张三的生活照只有 300 KB" in preview.get_body(("plain",)).get_content()
    assert smtp.received == []  # a dry run sends nothing

    code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send")
    assert code == 0 and "文学院：已发送到 wxy@zqu.edu.cn" in out and "已发送 1 封回执" in out, err
    [got] = smtp.received
    assert got.recipients == [WX_MAIL] and got.sender == "xgb@office.test"
    assert attachment_of(parsed(got.data)) == ("文学院回执.docx", wx_docx)
    assert not (outbox / "待发送" / "文学院.eml").exists()

    code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send")
    assert code == 0 and "文学院：已发送过" in out and "没有需要发送的回执" in out, err
    assert len(smtp.received) == 1  # the same letter is never mailed twice

    code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send", "--include-unreviewed", "--college", "数统学院")
    assert code == 0 and "已发送 1 封回执" in out, err
    assert sorted(smtp.received[1].recipients) == sorted(ST_MAIL)
    body = parsed(smtp.received[1].data).get_body(("plain",)).get_content()
    assert "尚未收到的材料：" in body and "优秀带班党员案例（截止日期2020年6月22日）" in body

    # staff waive the late-submission warning and rebuild the letter: it changed, so it goes again
    from review.data import overlay
    from review.receipt import regenerate_receipt

    late = next(f for f in flags if f.code == "LATE_SUBMISSION")
    state.decide(late.id, "waived", reason="已电话说明", who="李老师", fingerprint=late.fingerprint)
    code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send")
    assert "文学院：已发送过" in out  # the letter on disk is the one already sent
    overlaid = overlay([f.to_dict() for f in flags], state.decisions())
    regenerate_receipt(outbox, tmp_path / "state", campaign, WENXUE, files, overlaid, "2020-06-22T18:00:00+08:00")
    code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send")
    assert code == 0 and "文学院：已发送到" in out, err
    assert len(smtp.received) == 3
    assert "新聘学生带班党员汇总表于" not in parsed(smtp.received[2].data).get_body(("plain",)).get_content()
    assert [r["college"] for r in Ledger(tmp_path / "state").sent()] == [WENXUE, SHUTONG, WENXUE]
    assert files_holding(tmp_path, smtp.password) == []  # the password went to the server only


def test_implicit_tls_and_a_wrong_password(tmp_path, template, tls_files, cli):
    smtp = SmtpServer(*tls_files, implicit=True)
    try:
        campaign_path, _campaign, _files, _flags = setup_desk(tmp_path, template, smtp, security="ssl")
        code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send", "--include-unreviewed",
                              password="wrong-password-7")
        assert code == 3 and "发信邮箱登录失败" in err and "wrong-password-7" not in out + err
        assert smtp.received == [] and Ledger(tmp_path / "state").sent() == []
        code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send", "--include-unreviewed")
        assert code == 0 and "已发送 2 封回执" in out, err
        assert sorted(r.recipients[0] for r in smtp.received) == sorted([WX_MAIL, ST_MAIL[0]])
    finally:
        smtp.stop()


def test_closed_port_untrusted_certificate_tls_on_a_plain_port_and_no_password_send_nothing(tmp_path, template, smtp, cli):
    cases = [
        ({"port": free_port()}, None, 4, "无法连接发信服务器"),
        ({"ca_file": None}, None, 5, "证书无法验证"),  # self-signed, not among the system's CAs
        ({"security": "ssl"}, None, 5, "无法与发信服务器"),  # implicit TLS against the STARTTLS port
        ({}, "", 1, "请设置环境变量 PAPERDESK_SMTP_PASSWORD"),
    ]
    for n, (override, password, want, text) in enumerate(cases):
        desk = tmp_path / f"d{n}"
        campaign_path, _campaign, _files, _flags = setup_desk(desk, template, smtp, **override)
        code, out, err = send(cli, desk, campaign_path, smtp, "--send", "--include-unreviewed", password=password)
        assert (code, text in err, "Traceback" in err) == (want, True, False), (n, code, err)
        assert want == 1 or "未传输任何邮件" in err  # says that nothing went
        assert smtp.password not in out + err
        assert smtp.received == [] and Ledger(desk / "state").sent() == [] and not (desk / "outbox" / "待发送").exists()


def test_a_server_that_stops_answering_during_login_is_exit_6_and_sends_nothing(tmp_path, template, smtp, cli):
    smtp.silent_login = True
    campaign_path, _campaign, _files, _flags = setup_desk(tmp_path, template, smtp, timeout=1)
    code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send", "--include-unreviewed")
    assert code == 6 and "登录时与发信服务器" in err and "未发送任何邮件" in err and "Traceback" not in err, (code, err)
    assert smtp.received == [] and Ledger(tmp_path / "state").sent() == []


def test_without_the_variable_the_password_is_asked_for_on_the_terminal(tmp_path, template, smtp, cli, monkeypatch):
    import io

    import mail.commands

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    prompts = []
    monkeypatch.setattr(mail.commands.sys, "stdin", Terminal())
    monkeypatch.setattr(mail.commands.getpass, "getpass", lambda prompt: prompts.append(prompt) or smtp.password)
    campaign_path, _campaign, _files, _flags = setup_desk(tmp_path, template, smtp)
    code, out, err = send(cli, tmp_path, campaign_path, smtp, "--send", "--include-unreviewed", "--college", "文学院",
                          password="")
    assert code == 0 and "已发送 1 封回执" in out, err
    assert len(prompts) == 1 and smtp.user in prompts[0] and "不保存" in prompts[0]
    assert [r.recipients for r in smtp.received] == [[WX_MAIL]]
    assert files_holding(tmp_path, smtp.password) == []
