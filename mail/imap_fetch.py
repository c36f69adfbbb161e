"""``paperdesk mail fetch``: the office's IMAP folder → ``inbox/邮件/*.eml``, raw and unchanged.

The protocol edge: connect (IMAPS, or IMAP + STARTTLS, certificate verified), log in, open the
folder read-only (``EXAMINE``), ``UID SEARCH SINCE``, fetch the header fields of messages not
yet in the ledger, let :func:`mail.selection.plan` choose, then fetch each chosen message with
``BODY.PEEK[]`` (nothing is marked read, moved or deleted; with ``mark_seen`` the folder is opened
read-write and each message is flagged ``\\Seen`` only after its file is saved).

A message is received whole into memory before anything is written; then it is written to a
hidden ``.mail-*.part`` file beside its target, flushed, and renamed into place, with the server's
arrival time as its modification time. A connection that drops mid-message leaves nothing in the
inbox for it: the messages saved before stay saved and recorded, the next fetch continues.
Nothing is written at all (not even the ledger) before the login and the folder succeeded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import imaplib
import os
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from mail import tls
from mail.errors import AuthFailed, ConfigError, ConnectionDropped, MailError, Refused, reason
from mail.ledger import Ledger
from mail.selection import HEADER_FIELDS, Candidate, batches, eml_name, parse_candidate, plan, uid_set
from paperdesk.campaign import ImapSettings
from paperdesk.progress import Progress, quiet

MAIL_FOLDER = "邮件"  # under the inbox
PARTIAL_PREFIX = ".mail-"
PARTIAL_SUFFIX = ".part"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HEADER_BATCH = 200


@dataclass
class FetchReport:
    folder: str
    uidvalidity: int
    found: int = 0  # messages the search returned (since the date)
    known: int = 0  # fetched before
    filtered: int = 0  # left out by the subject / sender filter
    saved: list[Path] = field(default_factory=list)


def account_key(s: ImapSettings) -> str:
    return f"{s.user}@{s.host}"


def port_of(s: ImapSettings) -> int:
    return s.port or (993 if s.security == "ssl" else 143)


# ------------------------------------------------------------------ pure helpers of the protocol


def imap_utf7(name: str) -> str:
    """A mailbox name in IMAP's modified UTF-7 (RFC 3501 §5.1.3): 其他文件夹 → ``&UXZO1mWHTvZZOQ-``."""
    import base64

    out, run = [], []

    def flush():
        if run:
            b = base64.b64encode("".join(run).encode("utf-16-be")).decode().rstrip("=").replace("/", ",")
            out.append(f"&{b}-")
            run.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)


def quote_mailbox(name: str) -> str:
    encoded = imap_utf7(name)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def since_text(day: dt.date) -> str:
    """An IMAP date (``01-Jun-2020``), independent of the locale."""
    return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"


def parse_internaldate(text: str) -> dt.datetime | None:
    m = re.fullmatch(r"\s*(\d{1,2})-(\w{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)\s*", text or "")
    if not m or m.group(2).title() not in _MONTHS:
        return None
    offset = dt.timedelta(hours=int(m.group(8)), minutes=int(m.group(9))) * (-1 if m.group(7) == "-" else 1)
    try:
        return dt.datetime(int(m.group(3)), _MONTHS.index(m.group(2).title()) + 1, int(m.group(1)),
                           int(m.group(4)), int(m.group(5)), int(m.group(6)), tzinfo=dt.timezone(offset))
    except ValueError:
        return None


def fetch_items(data) -> list[tuple[bytes, bytes]]:
    """(attributes, literal) of each message in imaplib's FETCH response: a tuple (prefix,
    literal) followed by the rest of the response line (attributes may come after the literal)."""
    out = []
    items = list(data or [])
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, tuple) and len(item) >= 2:
            tail = b""
            if i + 1 < len(items) and isinstance(items[i + 1], bytes):
                tail = items[i + 1]
                i += 1
            out.append((bytes(item[0]) + b" " + tail, bytes(item[1])))
        i += 1
    return out


def _attr_int(attrs: bytes, name: bytes) -> int | None:
    m = re.search(rb"\b" + re.escape(name) + rb" (\d+)", attrs)
    return int(m.group(1)) if m else None


# ------------------------------------------------------------------ saving


def save_eml(folder: Path, name: str, raw: bytes, when: dt.datetime | None = None) -> Path:
    """Write ``raw`` as ``folder/name`` through a hidden temporary file (flushed, then renamed):
    the inbox never holds part of a message. ``when`` becomes the file's modification time."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    tmp = folder / f"{PARTIAL_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}{PARTIAL_SUFFIX}"
    try:
        with open(tmp, "xb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        if when is not None:
            stamp = when.timestamp()
            os.utime(tmp, (stamp, stamp))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def clean_partials(folder: Path, older_than: float = 600.0) -> None:
    """Remove temporary files a killed fetch left (not those of a fetch still writing)."""
    if not folder.is_dir():
        return
    now = time.time()
    for p in folder.glob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}"):
        try:
            if now - p.stat().st_mtime > older_than:
                p.unlink()
        except OSError:
            pass


# ------------------------------------------------------------------ the protocol


def connect(s: ImapSettings, password: str) -> imaplib.IMAP4:
    """A logged-in connection, or a :class:`MailError` (nothing written either way)."""
    where = f"{s.host}:{port_of(s)}"
    ctx = tls.context(s.ca_file)
    try:
        if s.security == "ssl":
            conn = imaplib.IMAP4_SSL(s.host, port_of(s), ssl_context=ctx, timeout=s.timeout)
        else:
            conn = imaplib.IMAP4(s.host, port_of(s), timeout=s.timeout)
    except (OSError, imaplib.IMAP4.error) as e:  # refused, unknown host, timeout, certificate
        raise tls.connect_error(e, where, "邮件服务器") from e
    if s.security == "starttls":
        try:
            conn.starttls(ssl_context=ctx)
        except (OSError, imaplib.IMAP4.abort) as e:
            _close(conn)
            raise tls.connect_error(e, where, "邮件服务器") from e
        except imaplib.IMAP4.error as e:
            _close(conn)
            raise Refused(f"邮件服务器 {where} 不支持 STARTTLS（{reason(e)}）：请改用 security: ssl 及其端口。") from e
    try:
        conn.login(s.user, password)
    except imaplib.IMAP4.abort as e:
        _close(conn)
        raise ConnectionDropped(f"登录时与邮件服务器 {where} 的连接中断：{reason(e)}。未下载任何邮件，请稍后重试。") from e
    except imaplib.IMAP4.error as e:
        _close(conn)
        raise AuthFailed(f"邮箱登录失败（{s.user}）：用户名或密码不正确（QQ 邮箱请使用“授权码”而不是登录密码）。"
                         f"服务器答复：{reason(e)}。未下载任何邮件。") from e
    except OSError as e:
        _close(conn)
        raise ConnectionDropped(f"登录时与邮件服务器 {where} 的连接中断：{reason(e)}。未下载任何邮件，请稍后重试。") from e
    return conn


def _close(conn) -> None:
    try:
        conn.shutdown()
    except Exception:
        pass


def fetch_mail(s: ImapSettings, password: str, inbox: Path, state_dir: Path, tz: dt.tzinfo,
               progress: Progress = quiet, mark_seen: bool | None = None) -> FetchReport:
    """Fetch every new matching message of ``s.folder`` into ``inbox/邮件/`` (module docstring)."""
    mark = s.mark_seen if mark_seen is None else mark_seen
    conn = connect(s, password)
    report = None
    try:
        typ, _ = conn.select(quote_mailbox(s.folder), readonly=not mark)
        if typ != "OK":
            raise Refused(f"邮箱中没有文件夹“{s.folder}”（或无法打开）。请检查 folder 设置。未下载任何邮件。")
        uidvalidity = int((conn.response("UIDVALIDITY")[1] or [b"0"])[0] or 0)
        report = FetchReport(folder=s.folder, uidvalidity=uidvalidity)
        criteria = ("SINCE", since_text(s.since)) if s.since else ("ALL",)
        typ, data = conn.uid("SEARCH", None, *criteria)
        if typ != "OK":
            raise Refused(f"邮件服务器拒绝了搜索命令：{reason(data)}")
        uids = [int(x) for x in (data[0] or b"").split()] if data else []
        report.found = len(uids)
        ledger = Ledger(state_dir)
        account = account_key(s)
        seen_uids, seen_ids = ledger.seen(account, s.folder, uidvalidity)
        new = [u for u in uids if u not in seen_uids]
        candidates = _headers(conn, new)
        chosen = plan(candidates, seen_uids, seen_ids, s.subjects, s.senders)
        report.known, report.filtered = len(uids) - len(new) + chosen.known, chosen.filtered
        target = Path(inbox) / MAIL_FOLDER
        clean_partials(target)
        total = len(chosen.fetch)
        progress(0, total, "下载邮件")
        for n, c in enumerate(chosen.fetch, start=1):
            raw = _body(conn, c.uid)
            if raw is None:  # deleted on the server meanwhile
                progress(n, total, "下载邮件")
                continue
            name = eml_name(c, raw, tz)
            try:
                path = save_eml(target, name, raw, c.internaldate)
            except OSError as e:
                raise ConfigError(f"无法写入收件箱 {target}：{reason(e)}") from e
            ledger.record_fetch(account, s.folder, uidvalidity, c.uid, c.message_id,
                                hashlib.sha256(raw).hexdigest(), f"{MAIL_FOLDER}/{name}")
            report.saved.append(path)
            if mark:
                conn.uid("STORE", str(c.uid), "+FLAGS.SILENT", "(\\Seen)")
            progress(n, total, "下载邮件")
        progress(total, total, "完成")
        return report
    except MailError:
        raise
    except (imaplib.IMAP4.abort, OSError) as e:  # ssl.SSLError is an OSError
        kept = len(report.saved) if report else 0
        raise ConnectionDropped(
            f"与邮件服务器的连接中断：{reason(e)}。已完整下载的 {kept} 封邮件已保存，正在下载的那一封没有写入收件箱；"
            f"请重新运行 paperdesk mail fetch 继续（不会重复下载）。") from e
    except imaplib.IMAP4.error as e:
        raise Refused(f"邮件服务器拒绝了命令：{reason(e)}") from e
    finally:
        try:
            conn.logout()
        except Exception:
            _close(conn)


def _headers(conn: imaplib.IMAP4, uids: list[int]) -> list[Candidate]:
    out = []
    fields = " ".join(HEADER_FIELDS)
    for batch in batches(uids, _HEADER_BATCH):
        typ, data = conn.uid("FETCH", uid_set(batch), f"(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS ({fields})])")
        if typ != "OK":
            raise Refused(f"邮件服务器拒绝读取邮件头：{reason(data)}")
        for attrs, literal in fetch_items(data):
            uid = _attr_int(attrs, b"UID")
            if uid is None:
                continue
            m = re.search(rb'INTERNALDATE "([^"]+)"', attrs)
            out.append(parse_candidate(uid, _attr_int(attrs, b"RFC822.SIZE") or 0,
                                       parse_internaldate(m.group(1).decode("ascii", "replace")) if m else None, literal))
    return out


def _body(conn: imaplib.IMAP4, uid: int) -> bytes | None:
    typ, data = conn.uid("FETCH", str(uid), "(UID BODY.PEEK[])")
    if typ != "OK":
        raise Refused(f"邮件服务器拒绝读取邮件（UID {uid}）：{reason(data)}")
    for attrs, literal in fetch_items(data):
        if _attr_int(attrs, b"UID") in (uid, None):
            return literal
    return None

