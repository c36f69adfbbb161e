"""Mail failures: a Chinese message for staff and a distinct exit code per kind.

Exit codes of ``paperdesk mail`` (beside the CLI's 0 / 1 / 2 / 130 / 143):

====  ==========================================================================
1     configuration: no ``mail:`` settings, no password, no outbox to send from
3     the server refused the login (wrong user or password / 授权码)
4     the server cannot be reached (name unknown, connection refused, timeout)
5     the server's certificate cannot be verified (or TLS cannot be set up)
6     the connection dropped mid-transfer (what was complete is kept; run again)
7     the server refused a command (missing folder, refused recipient …)
====  ==========================================================================
"""

from __future__ import annotations

CONFIG, AUTH, UNREACHABLE, CERTIFICATE, DROPPED, REFUSED = 1, 3, 4, 5, 6, 7


class MailError(Exception):
    """A failure staff can act on: ``message`` (Chinese) and the command's ``exit_code``."""

    exit_code = CONFIG

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConfigError(MailError):
    exit_code = CONFIG


class AuthFailed(MailError):
    exit_code = AUTH


class Unreachable(MailError):
    exit_code = UNREACHABLE


class CertificateFailed(MailError):
    exit_code = CERTIFICATE


class ConnectionDropped(MailError):
    exit_code = DROPPED


class Refused(MailError):
    exit_code = REFUSED


def reason(exc: BaseException) -> str:
    """A short text of a library exception for a message (never holds a password: imaplib and
    smtplib put only the server's reply or the socket error in them)."""
    text = str(exc).strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    return text or type(exc).__name__
