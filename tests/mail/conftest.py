"""Fixtures of the mail tests: one Dovecot for the session (a user per test), campaign files with
``mail:`` settings, and the CLI run in-process (its signal handlers put back afterwards)."""

from __future__ import annotations

import signal
import pytest

from mail_servers import DOVECOT, Dovecot


@pytest.fixture(scope="session")
def dovecot():
    if DOVECOT is None:
        pytest.skip("dovecot is not installed (Debian package dovecot-imapd; `bash scripts/setup.sh --test` installs it)")
    server = Dovecot()
    yield server
    server.stop()


@pytest.fixture
def mailbox(dovecot):
    """A fresh IMAP user: (user, password)."""
    return dovecot.add_user()


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run ``paperdesk …`` in this process: ``cli(*args, env={...}) -> (exit code, stdout, stderr)``."""
    from paperdesk.cli import main

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def run(*args, env: dict | None = None):
        for k, v in (env or {}).items():
            monkeypatch.setenv(k, v)
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    for s, h in saved.items():
        signal.signal(s, h)
