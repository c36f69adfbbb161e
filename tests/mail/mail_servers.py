"""Real mail servers on loopback for the mail tests, all started and thrown away by the tests.

- :func:`make_certificate`: a self-signed certificate for ``localhost`` / ``127.0.0.1``
  (``cryptography``; EC P-256, made in milliseconds).
- :class:`Dovecot`: Debian's Dovecot with a throw-away configuration in a temporary folder
  (``dovecot -F -c``: nothing under /etc is read or touched), a passwd-file of users, Maildirs,
  IMAPS and IMAP+STARTTLS on free unprivileged ports of 127.0.0.1. Run as the current user;
  as root (a CI container) the login processes run as Debian's ``dovenull`` and the mail as
  ``dovecot`` (Dovecot refuses root there), in a folder those users can reach.
- :class:`CuttingProxy`: a TCP relay that drops both sides once the server has sent N bytes
  (a connection lost in the middle of a message).
- :class:`SmtpServer`: aiosmtpd with STARTTLS (or implicit TLS) and a login, keeping every
  message it receives.
"""

from __future__ import annotations

import datetime as dt
import grp
import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DOVECOT = shutil.which("dovecot") or next((p for p in ("/usr/sbin/dovecot",) if os.access(p, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """(cert.pem, key.pem) for localhost and 127.0.0.1, valid for a day."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


class Dovecot:
    """One Dovecot for a test session, with a fresh user for each test (:meth:`add_user`)."""

    def __init__(self, users: int = 20):
        self.root = Path(tempfile.mkdtemp(prefix="paperdesk-dovecot-"))
        self.root.chmod(0o755)  # as root, Dovecot's own users must reach its sockets and Maildirs
        self.cert, self.key = make_certificate(self.root / "tls")
        self.imap_port, self.imaps_port = free_port(), free_port()
        # users are made up front: Dovecot re-reads a changed passwd-file only when its mtime moved
        # on by a second, too coarse for users added test by test
        self.users = [(f"user{n}@office.test", f"pw-{os.urandom(6).hex()}") for n in range(1, users + 1)]
        self.passwd = self.root / "passwd"
        self.passwd.write_text("".join(f"{u}:{{PLAIN}}{p}::::::\n" for u, p in self.users))
        self.home = self.root / "home"
        self.home.mkdir()
        self.log = self.root / "dovecot.log"
        if os.geteuid() == 0:
            mail_user = pwd.getpwnam("dovecot")
            internal, login, uid, gid = "dovecot", "dovenull", mail_user.pw_uid, mail_user.pw_gid
            os.chown(self.home, uid, gid)
        else:
            me = pwd.getpwuid(os.getuid())
            internal = login = me.pw_name
            uid, gid = os.getuid(), os.getgid()
        (self.root / "run").mkdir()
        (self.root / "state").mkdir()
        self.conf = self.root / "dovecot.conf"
        self.conf.write_text(f"""
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.log}
default_internal_user = {internal}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name}
default_login_user = {login}
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{self.key}
auth_mechanisms = plain login
auth_failure_delay = 0  # a wrong password is answered at once (default 2 s)
login_trusted_networks = 127.0.0.0/8
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_fsync = never
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={self.home}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  chroot =
}}
""")
        self.proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.conf)], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        try:
            wait_port(self.imaps_port)
            wait_port(self.imap_port)
        except OSError:
            self.stop()
            raise RuntimeError("Dovecot did not start: " + self.log_text())
        self._n = 0

    def log_text(self) -> str:
        out = self.log.read_text(errors="replace") if self.log.exists() else ""
        if self.proc.poll() is not None and self.proc.stdout:
            out += self.proc.stdout.read().decode(errors="replace")
        return out[-4000:]

    def add_user(self) -> tuple[str, str]:
        """A user no test has had yet: (user, password)."""
        self._n += 1
        return self.users[self._n - 1]

    def client(self, user: str, password: str) -> imaplib.IMAP4_SSL:
        ctx = ssl.create_default_context(cafile=str(self.cert))
        conn = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port, ssl_context=ctx, timeout=20)
        conn.login(user, password)
        return conn

    def append(self, user: str, password: str, raw: bytes, when: dt.datetime | None = None,
               folder: str = "INBOX") -> int:
        """APPEND ``raw`` unchanged (its arrival time ``when``); returns its UID."""
        conn = self.client(user, password)
        try:
            stamp = imaplib.Time2Internaldate(when.timestamp()) if when else None
            typ, data = conn.append(folder, None, stamp, raw)
            assert typ == "OK", data
            return int(data[0].split(b"APPENDUID ")[1].split(b"]")[0].split()[1])
        finally:
            conn.logout()

    def flags(self, user: str, password: str, folder: str = "INBOX") -> dict[int, bytes]:
        conn = self.client(user, password)
        try:
            conn.select(folder, readonly=True)
            typ, data = conn.uid("FETCH", "1:*", "(UID FLAGS)")
            out = {}
            for line in data:
                if isinstance(line, bytes) and b"UID" in line:
                    uid = int(line.split(b"UID ")[1].split()[0].rstrip(b")"))
                    out[uid] = line.split(b"FLAGS (")[1].split(b")")[0]
            return out
        finally:
            conn.logout()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        shutil.rmtree(self.root, ignore_errors=True)


class CuttingProxy:
    """Relay 127.0.0.1:<port> → 127.0.0.1:<upstream>; once the server side has sent ``limit``
    bytes on a connection, both sockets are closed (mid-message, mid-TLS-record)."""

    def __init__(self, upstream: int, limit: int):
        self.upstream, self.limit = upstream, limit
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cuts = 0
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.upstream))
            threading.Thread(target=self._pump, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, self.limit), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) > limit:
                    dst.sendall(data[: limit - sent])
                    self.cuts += 1
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self._stop = True
        self.listener.close()


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class SmtpServer:
    """aiosmtpd on 127.0.0.1 requiring STARTTLS (``implicit=True``: TLS from the first byte) and
    a login as ``user`` / ``password`` (``silent_login``: no answer to AUTH)."""

    cert: Path
    key: Path
    user: str = "office@office.test"
    password: str = field(default_factory=lambda: f"smtp-{os.urandom(6).hex()}")
    implicit: bool = False
    received: list[Received] = field(default_factory=list)
    silent_login: bool = False  # True: answer no AUTH at all (a server that hangs mid-login)

    def __post_init__(self):
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        server = self

        class Handler:
            async def handle_DATA(self, smtp, session, envelope):
                server.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
                return "250 OK"

        def authenticator(smtp, session, envelope, mechanism, auth_data):
            if server.silent_login:
                return AuthResult(success=False, handled=True)  # "handled": aiosmtpd then sends no reply
            ok = (auth_data.login.decode() == server.user and auth_data.password.decode() == server.password)
            return AuthResult(success=ok, handled=False)  # handled=True (the default) would leave the 535 unsent

        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(str(self.cert), str(self.key))
        self.port = free_port()
        # implicit TLS: aiosmtpd does not see that the connection is encrypted, so it must not wait for STARTTLS
        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=not self.implicit)
        if self.implicit:
            self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, ssl_context=ctx,
                                         server_hostname="localhost", **kwargs)
        else:
            self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, tls_context=ctx,
                                         require_starttls=True, **kwargs)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
