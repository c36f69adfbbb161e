"""``paperdesk serve``: the CLI starts the app on waitress, bound to 127.0.0.1, login required."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_serve_starts_on_loopback_and_asks_for_login(tmp_path):
    port = free_port()
    env = {**os.environ, "PAPERDESK_PASSWORD": "cli-pass-1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "paperdesk.cli", "serve", "--inbox", str(tmp_path / "inbox"), "--outbox",
         str(tmp_path / "outbox"), "--state", str(tmp_path / "state"), "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body, deadline = None, time.monotonic() + 30
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    body = (r.geturl(), r.read().decode("utf-8"))
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stdout.read()
                time.sleep(0.2)
        assert body, "server did not answer"
        url, html = body
        assert url.endswith("/login?next=/") and "登录" in html
        # a Host header other than the loopback names is refused (DNS rebinding)
        req = urllib.request.Request(f"http://127.0.0.1:{port}/login", headers={"Host": "evil.example"})
        try:
            urllib.request.urlopen(req, timeout=2)
            raise AssertionError("foreign Host accepted")
        except urllib.error.HTTPError as e:
            assert e.code == 400
    finally:
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    assert proc.returncode == 143 and time.monotonic() - sent < 5  # SIGTERM stops the page at once
    output = proc.stdout.read()
    assert "审核网页已启动" in output and "Traceback" not in output
