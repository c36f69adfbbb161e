"""TLS contexts and the mapping of connection failures onto :mod:`mail.errors` (shared by IMAP
and SMTP)."""

from __future__ import annotations

import ssl
from pathlib import Path

from mail.errors import CertificateFailed, ConfigError, Unreachable, reason


def context(ca_file: str | None) -> ssl.SSLContext:
    """A verifying client context: the system's CAs, or only those of ``ca_file`` (PEM)."""
    if ca_file and not Path(ca_file).is_file():
        raise ConfigError(f"找不到邮件服务器的证书文件（ca_file）：{ca_file}")
    try:
        return ssl.create_default_context(cafile=ca_file or None)
    except (ssl.SSLError, OSError) as e:
        raise ConfigError(f"证书文件（ca_file）无法读取：{ca_file}：{reason(e)}") from e


def connect_error(exc: BaseException, where: str, what: str) -> Exception:
    """The :class:`MailError` for a failure while connecting to ``where`` (before logging in)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return CertificateFailed(
            f"{what} {where} 的证书无法验证（{exc.verify_message or reason(exc)}）：连接的可能不是真正的服务器。"
            f"请检查服务器地址；使用自建证书时在 ca_file 中指定其证书。未传输任何邮件。")
    if isinstance(exc, ssl.SSLError):
        return CertificateFailed(
            f"无法与{what} {where} 建立加密连接（{reason(exc)}）。请检查端口与 security（ssl 或 starttls）是否对应。"
            f"未传输任何邮件。")
    return Unreachable(f"无法连接{what} {where}：{reason(exc)}。请检查网络、服务器地址和端口。未传输任何邮件。")
