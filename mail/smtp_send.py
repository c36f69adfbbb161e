"""The SMTP edge of ``paperdesk mail send-receipts``: connect (SMTPS, or SMTP + STARTTLS, the
certificate verified), log in, send one message at a time; failures become :mod:`mail.errors`."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from mail import tls
from mail.errors import AuthFailed, ConnectionDropped, Refused, reason
from paperdesk.campaign import SmtpSettings


def port_of(s: SmtpSettings) -> int:
    return s.port or (465 if s.security == "ssl" else 587)


def connect(s: SmtpSettings, password: str) -> smtplib.SMTP:
    """A logged-in SMTP connection, or a :class:`mail.errors.MailError` (nothing sent)."""
    where = f"{s.host}:{port_of(s)}"
    ctx = tls.context(s.ca_file)
    try:
        if s.security == "ssl":
            conn = smtplib.SMTP_SSL(s.host, port_of(s), timeout=s.timeout, context=ctx)
        else:
            conn = smtplib.SMTP(s.host, port_of(s), timeout=s.timeout)
    except (OSError, smtplib.SMTPException) as e:
        raise tls.connect_error(e, where, "发信服务器") from e
    try:
        if s.security == "starttls":
            try:
                conn.starttls(context=ctx)
            except smtplib.SMTPNotSupportedError as e:
                raise Refused(f"发信服务器 {where} 不支持 STARTTLS：请改用 security: ssl 及其端口。未发送任何邮件。") from e
            except smtplib.SMTPResponseException as e:
                raise Refused(f"发信服务器 {where} 拒绝了 STARTTLS（{e.smtp_code} {reason(e.smtp_error)}）。未发送任何邮件。") from e
            except (ssl.SSLError, OSError) as e:
                raise tls.connect_error(e, where, "发信服务器") from e
        try:
            conn.login(s.user or s.from_address, password)
        except smtplib.SMTPAuthenticationError as e:
            raise AuthFailed(f"发信邮箱登录失败（{s.user or s.from_address}）：用户名或密码不正确"
                             f"（QQ 邮箱请使用“授权码”）。服务器答复：{reason(e.smtp_error)}。未发送任何邮件。") from e
        except smtplib.SMTPNotSupportedError as e:
            raise Refused(f"发信服务器 {where} 不接受登录（{reason(e)}）。未发送任何邮件。") from e
        except (smtplib.SMTPServerDisconnected, TimeoutError, ssl.SSLError, ConnectionError) as e:
            raise ConnectionDropped(f"登录时与发信服务器 {where} 的连接中断或没有答复（{reason(e)}）。"
                                    f"请稍后重试；仍不行时检查端口与 security 是否对应。未发送任何邮件。") from e
        except smtplib.SMTPException as e:  # no mechanism both sides know, an odd reply
            raise Refused(f"发信服务器 {where} 不接受登录（{reason(e)}）。未发送任何邮件。") from e
        except OSError as e:
            raise ConnectionDropped(f"登录时与发信服务器 {where} 的连接中断（{reason(e)}）。未发送任何邮件。") from e
    except BaseException:
        close(conn)
        raise
    return conn


def send(conn: smtplib.SMTP, msg: EmailMessage, sender: str, recipients: tuple[str, ...]) -> list[str]:
    """Send one message; returns the addresses refused while others took it (it was sent). A
    message no address took is :class:`Refused` (the next may still go), a dropped connection
    :class:`ConnectionDropped`."""
    try:
        refused = conn.send_message(msg, from_addr=sender, to_addrs=list(recipients))
    except smtplib.SMTPRecipientsRefused as e:
        raise Refused("收件地址被服务器拒绝：" + "；".join(f"{a}（{reason(r[1])}）" for a, r in e.recipients.items())) from e
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as e:
        raise Refused(f"发信服务器拒绝了这封邮件：{reason(e.smtp_error)}") from e
    except smtplib.SMTPServerDisconnected as e:
        raise ConnectionDropped(f"与发信服务器的连接中断：{reason(e)}。已发送的邮件已记录，请重新运行继续。") from e
    except smtplib.SMTPException as e:  # e.g. a non-ASCII address the server cannot take (no SMTPUTF8)
        raise Refused(f"发信服务器不接受这封邮件：{reason(e)}") from e
    except OSError as e:
        raise ConnectionDropped(f"与发信服务器的连接中断：{reason(e)}。已发送的邮件已记录，请重新运行继续。") from e
    return [f"{a}（{reason(r[1])}）" for a, r in (refused or {}).items()]


def close(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except Exception:
        try:
            conn.close()
        except Exception:
            pass
