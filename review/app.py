"""The review web app (Flask): ``create_app(...)`` for tests and the CLI, ``serve(...)`` to run it.

Flask was chosen because the work is synchronous (SQLite, files) and it brings what the safety
points need without custom code: Flask-WTF's CSRFProtect on every POST, werkzeug's scrypt password
hashing, ``MAX_CONTENT_LENGTH`` for upload limits, and a test client. ``serve`` runs it on
waitress (a production WSGI server) bound to 127.0.0.1 by default.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Callable

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from paperdesk.campaign import load_campaign
from paperdesk.state import State
from review import actions, auth, data, decisions, judging, views
from review.context import Desk
from review.jobs import Runner

__all__ = ["create_app", "serve", "DEFAULT_MAX_UPLOAD_MB"]

DEFAULT_MAX_UPLOAD_MB = 200
HERE = Path(__file__).resolve().parent


def create_app(inbox: Path, outbox: Path, state_dir: Path, campaign_path: Path | None = None,
               password: str | None = None, run_pipeline: Callable | None = None,
               roster_path: Path | None = None) -> Flask:
    """The review app over these folders. ``password`` (else env ``PAPERDESK_PASSWORD``) sets the
    login password; without either, the first visit shows the set-password page.
    ``run_pipeline`` defaults to ``flows.run.run_pipeline``, imported when a run starts."""
    app = Flask("review", root_path=str(HERE), template_folder="templates", static_folder="static")
    state = State(state_dir)
    campaign = load_campaign(campaign_path, roster_path)
    auth.configure_password(state, password or os.environ.get("PAPERDESK_PASSWORD"))
    app.config.update(
        SECRET_KEY=auth.secret_key(state),
        MAX_CONTENT_LENGTH=int(os.environ.get("PAPERDESK_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) << 20,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="paperdesk_session",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=12),
        WTF_CSRF_TIME_LIMIT=None,  # valid as long as the session: staff leave the page open
        JSON_AS_ASCII=False,
    )
    runner = Runner(inbox, outbox, state_dir, campaign_path, run_pipeline, roster_path=roster_path)
    app.extensions["paperdesk"] = Desk(Path(inbox), Path(outbox), Path(state_dir), campaign_path,
                                       campaign, state, runner)
    CSRFProtect(app)
    for bp in (auth.bp, views.bp, decisions.bp, actions.bp, judging.bp):
        app.register_blueprint(bp)
    app.before_request(auth.require_login)
    app.after_request(_headers)
    _register_errors(app)
    app.jinja_env.globals.update(labels=data, campaign=campaign, runner_status=runner.status,
                                  code_names=data.code_names(campaign))
    app.jinja_env.filters.update(size=human_size, when=short_time, leaf=leaf, folder=folder)
    return app


def _headers(resp):
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("X-Frame-Options", "DENY")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    resp.headers.setdefault("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'")
    return resp


def _error(status: int, message: str):
    if request.accept_mimetypes.best == "application/json" or request.headers.get("X-Requested-With") == "fetch":
        return jsonify(error=message), status
    return render_template("error.html", status=status, message=message), status


def _register_errors(app: Flask) -> None:
    app.register_error_handler(CSRFError, lambda e: _error(400, "页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试。"))
    app.register_error_handler(404, lambda e: _error(404, "找不到该页面或文件。"))
    app.register_error_handler(405, lambda e: _error(405, "不支持该操作方式。"))
    app.register_error_handler(
        413, lambda e: _error(413, f"上传的文件太大（一次最多 {app.config['MAX_CONTENT_LENGTH'] >> 20} MB）。"))


def human_size(n) -> str:
    try:
        n = int(n)
    except (TypeError, ValueError):
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


def leaf(display) -> str:
    """The file's own name in a display path (``a.zip!dir/b.docx`` -> ``b.docx``)."""
    return re.split(r"[!/\\]", str(display or ""))[-1]


def folder(display) -> str:
    """Where the file sat: the display path without its own name."""
    text = str(display or "")
    return text[: len(text) - len(leaf(text))].rstrip("/\\!")


def short_time(value) -> str:
    """ISO 8601 (or epoch seconds) as ``2020-06-22 14:05``."""
    if value in (None, ""):
        return ""
    try:
        if isinstance(value, (int, float)):
            return dt.datetime.fromtimestamp(value).strftime("%Y-%m-%d %H:%M:%S")
        return dt.datetime.fromisoformat(str(value)).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return str(value)


def serve(inbox: Path, outbox: Path, state_dir: Path, campaign_path: Path | None = None,
          host: str = "127.0.0.1", port: int = 8765, password: str | None = None,
          roster_path: Path | None = None) -> None:
    """Run the review page until Ctrl+C (waitress; werkzeug's server when waitress is missing)."""
    app = create_app(Path(inbox), Path(outbox), Path(state_dir), campaign_path, password, roster_path=roster_path)
    if host in ("127.0.0.1", "localhost", "::1"):
        app.config["TRUSTED_HOSTS"] = ["127.0.0.1", "localhost", "[::1]"]  # against DNS rebinding
    print(f"审核网页已启动：http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/  （按 Ctrl+C 停止）", flush=True)
    try:
        from waitress import serve as waitress_serve
    except ImportError:
        app.run(host=host, port=port, threaded=True)
        return
    # waitress's own cap sits a little above Flask's, so that Flask answers a too-large upload in Chinese
    waitress_serve(app, host=host, port=port, threads=8,
                   max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + (1 << 20))
