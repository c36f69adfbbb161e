"""``paperdesk mail fetch`` and ``paperdesk mail send-receipts``: settings, password, listing.

The CLI hands over its parsed arguments; everything staff read is Chinese. Exit codes are
those of :mod:`mail.errors`. The password comes from the environment variable the settings
name, else from a prompt on the terminal; it is only ever held in memory.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import getpass
import hashlib
import io
import os
import sys
from pathlib import Path
from typing import Callable
from zoneinfo import ZoneInfo

from mail.errors import AuthFailed, ConfigError, ConnectionDropped, MailError, Refused

OUTBOX_PENDING = "待发送"


def _fail(e: MailError) -> int:
    print(e.message, file=sys.stderr, flush=True)
    return e.exit_code


def password_for(server, what: str) -> str:
    """The password of ``server``: ``$<password_env>``, else asked for on a terminal."""
    value = os.environ.get(server.password_env)
    if value:
        return value
    user = getattr(server, "user", None) or getattr(server, "from_address", "")
    if sys.stdin.isatty():
        value = getpass.getpass(f"请输入{what} {user} 的密码（QQ 邮箱为授权码；不显示，也不保存）：")
        if value:
            return value
    raise ConfigError(f"没有{what}的密码：请设置环境变量 {server.password_env}，或在终端中运行以输入密码。"
                      f"密码只在本次运行中使用，不写入任何文件。")


def imap_settings(campaign):
    s = campaign.mail.imap if campaign.mail else None
    if s is None:
        raise ConfigError("活动配置中没有收信设置：请在活动配置 YAML 中加入 mail: imap:（服务器、账号、文件夹等，见 README）。")
    return s


def smtp_settings(campaign):
    s = campaign.mail.smtp if campaign.mail else None
    if s is None:
        raise ConfigError("活动配置中没有发信设置：请在活动配置 YAML 中加入 mail: smtp:（服务器、发件地址等，见 README）。")
    return s


# ------------------------------------------------------------------ fetch


def cmd_fetch(args, campaign, state_dir: Path) -> int:
    from mail.imap_fetch import MAIL_FOLDER, fetch_mail
    from paperdesk.progress import terminal

    if not args.inbox.is_dir():
        print(f"收件箱目录不存在：{args.inbox}", file=sys.stderr)
        return 1
    try:
        s = imap_settings(campaign)
        password = password_for(s, "收信邮箱")
        report = fetch_mail(s, password, args.inbox, state_dir, ZoneInfo(campaign.timezone), progress=terminal(),
                            mark_seen=True if args.mark_seen else None)
    except MailError as e:
        return _fail(e)
    where = Path(args.inbox) / MAIL_FOLDER
    since = f"{s.since.isoformat()} 以来" if s.since else "全部"
    print(f"已从 {s.user} 的“{s.folder}”下载 {len(report.saved)} 封新邮件到 {where}"
          f"（{since}共 {report.found} 封：已下载过 {report.known} 封，不符合筛选条件 {report.filtered} 封）")
    for p in report.saved[:20]:
        print(f"  {p.name}")
    if len(report.saved) > 20:
        print(f"  …… 共 {len(report.saved)} 个文件")
    if report.saved:
        print("运行 paperdesk run 处理这些邮件。")
    return 0


def periodic_fetch(campaign, inbox: Path, state_dir: Path, log: Callable[[str], None]) -> Callable[[], None]:
    """The watcher's mail tick: fetch quietly, say what arrived. Settings and password are read
    now (a missing one stops ``watch`` before it starts); a refused login stops fetching (trying
    a wrong password again and again can lock the account), other failures are retried."""
    from mail.imap_fetch import fetch_mail

    s = imap_settings(campaign)
    password = password_for(s, "收信邮箱")
    tz = ZoneInfo(campaign.timezone)
    state = {"on": True}

    def tick() -> None:
        if not state["on"]:
            return
        try:
            report = fetch_mail(s, password, inbox, state_dir, tz)
        except AuthFailed as e:
            state["on"] = False
            log(f"{e.message} 已停止自动收信（修正后重新启动 watch）。")
            return
        except MailError as e:
            log(f"收信失败（下次再试）：{e.message}")
            return
        if report.saved:
            log(f"已从邮箱下载 {len(report.saved)} 封新邮件")

    return tick


# ------------------------------------------------------------------ send-receipts


def _read_outbox(outbox: Path, state_dir: Path, campaign, colleges):
    """(flags with decisions overlaid, generated_at, {college: (docx bytes, paragraphs) | None}),
    read under the state lock so that no run rewrites the outbox meanwhile."""
    import docx

    from paperdesk.lock import StateBusy, state_lock
    from paperdesk.state import State
    from review.data import load_outbox, overlay
    from writers.receipt import RECEIPTS_DIR

    if not (outbox / "flags.json").is_file():
        raise ConfigError(f"输出目录中还没有处理结果（{outbox / 'flags.json'}）：请先运行 paperdesk run。")
    try:
        with state_lock(state_dir, wait_seconds=60):
            published = load_outbox(outbox)
            if published.problems and not published.flags:
                raise ConfigError("；".join(published.problems))
            flags = overlay(published.flags, State(state_dir).decisions())
            letters = {}
            for college in colleges:
                path = outbox / RECEIPTS_DIR / f"{college}.docx"
                try:
                    data = path.read_bytes()
                    letters[college] = (data, [p.text for p in docx.Document(io.BytesIO(data)).paragraphs])
                except Exception:
                    letters[college] = None
    except StateBusy as e:
        raise ConfigError(str(e)) from e
    return flags, published.generated_at or "", letters


def cmd_send(args, campaign, state_dir: Path) -> int:
    from mail import receipts as rc
    from mail.ledger import Ledger

    try:
        s = smtp_settings(campaign)
        names = [c.name for c in campaign.colleges]
        if args.college:
            one = campaign.resolve_college(args.college) or campaign.find_college(args.college)
            if not one:
                print(f"找不到学院“{args.college}”。可选：{'、'.join(names)}", file=sys.stderr)
                return 2
            names = [one]
        outbox = Path(args.outbox)
        flags, generated_at, letters = _read_outbox(outbox, state_dir, campaign, names)
        ledger = Ledger(state_dir)
        sent_before = ledger.sent_keys()
        plans = []
        for name in names:
            college = campaign.college(name)
            got = letters.get(name)
            letter = rc.read_letter(got[1]) if got else None
            review = rc.review_letter(campaign, name, letter, flags) if letter else None
            plans.append((rc.outgoing(name, college.email, letter, got[0] if got else None, review, sent_before,
                                      args.include_unreviewed), letter, got[0] if got else None))
        tz = ZoneInfo(campaign.timezone)

        def message(o, letter, attachment):
            domain = s.from_address.rsplit("@", 1)[-1]
            return rc.compose(campaign, o.college, o.recipients, letter, attachment, s.from_address, s.from_name,
                              generated_at, dt.datetime.now(tz), email.utils.make_msgid(domain=domain))

        ready = [(o, letter, attachment) for o, letter, attachment in plans if o.status == rc.READY]
        if not args.send:
            return _dry_run(outbox, plans, ready, message)
        return _send_all(s, outbox, plans, ready, message, ledger)
    except MailError as e:
        return _fail(e)


def _listing(plans) -> None:
    """One line per college; the colleges without an address together on one line."""
    from mail import receipts as rc

    bare = [o.college for o, _l, _a in plans if o.status == rc.NO_ADDRESS]
    for o, _letter, _attachment in plans:
        if o.status != rc.NO_ADDRESS:
            print(f"  {o.college}：{rc.STATUS_ZH[o.status]}——{o.reason}")
    if bare:
        print(f"  未配置邮箱的学院 {len(bare)} 个（在活动配置的 colleges 中加上 email: 即可发送）：{'、'.join(bare)}")


def _dry_run(outbox: Path, plans, ready, message) -> int:
    from writers import atomic

    folder = outbox / OUTBOX_PENDING
    written = set()
    for o, letter, attachment in ready:
        path = atomic.write_bytes(folder / f"{o.college}.eml", message(o, letter, attachment).as_bytes())
        written.add(path.name)
    if folder.is_dir():
        for old in folder.glob("*.eml"):
            if old.name not in written:
                old.unlink()
    print("试运行（未发送任何邮件）：")
    _listing(plans)
    if ready:
        print(f"已把 {len(ready)} 封待发送的邮件写到 {folder}（可用邮件程序打开检查），确认无误后加 --send 发送。")
    else:
        print("没有可以发送的回执。")
    return 0


def _send_all(s, outbox: Path, plans, ready, message, ledger) -> int:
    from mail import smtp_send

    if not ready:
        print("没有需要发送的回执：")
        _listing(plans)
        return 0
    password = password_for(s, "发信邮箱")
    conn = smtp_send.connect(s, password)
    code, sent = 0, 0
    try:
        for o, letter, attachment in ready:
            msg = message(o, letter, attachment)
            try:
                partly = smtp_send.send(conn, msg, s.from_address, o.recipients)
            except Refused as e:
                print(f"  {o.college}：未发送——{e.message}", file=sys.stderr)
                code = e.exit_code
                continue
            ledger.record_send(o.key, o.college, o.recipients, hashlib.sha256(attachment).hexdigest(), msg["Message-ID"])
            (outbox / OUTBOX_PENDING / f"{o.college}.eml").unlink(missing_ok=True)
            sent += 1
            print(f"  {o.college}：已发送到 {', '.join(o.recipients)}" + (f"（被拒绝：{'；'.join(partly)}）" if partly else ""))
    except ConnectionDropped as e:
        print(f"{e.message}（本次已发送 {sent} 封）", file=sys.stderr)
        return e.exit_code
    finally:
        smtp_send.close(conn)
    held = [o for o, _l, _a in plans if o.status != "ready"]
    if held:
        print("未发送：")
        _listing([p for p in plans if p[0].status != "ready"])
    print(f"已发送 {sent} 封回执。")
    return code
