"""Login for the review page: one shared password, hashed (scrypt) in the state ``settings`` table.

The password comes from configuration (``create_app(password=…)`` or env ``PAPERDESK_PASSWORD``)
or, when none is configured nor stored, from a set-password page shown on first start. Staff give
their name at login: it is the "who" of every decision in the audit log. Every route but the
login, set-password and static ones needs a logged-in session.
"""

from __future__ import annotations

import hmac
import secrets
import time

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from paperdesk.state import State

bp = Blueprint("auth", __name__)

PASSWORD_KEY = "review_password_hash"
SECRET_KEY = "review_secret_key"
MIN_LENGTH = 6
PUBLIC = frozenset({"auth.login", "auth.setup", "static"})


def secret_key(state: State) -> str:
    """The session signing key, made once and kept in the state database (sessions survive restarts)."""
    key = state.get_setting(SECRET_KEY)
    if not key:
        key = secrets.token_hex(32)
        state.set_setting(SECRET_KEY, key)
    return key


def configure_password(state: State, password: str | None) -> None:
    """Store the configured password's hash (when one is configured and differs from the stored one)."""
    if not password:
        return
    stored = state.get_setting(PASSWORD_KEY)
    if stored and check_password_hash(stored, password):
        return
    state.set_setting(PASSWORD_KEY, generate_password_hash(password, method="scrypt"))


def password_set(state: State) -> bool:
    return bool(state.get_setting(PASSWORD_KEY))


def check_password(state: State, password: str) -> bool:
    stored = state.get_setting(PASSWORD_KEY)
    return bool(stored and password and check_password_hash(stored, password))


def _state() -> State:
    return current_app.extensions["paperdesk"].state


def require_login():
    """``before_request`` hook: send a visitor to set-password or login; JSON callers get 401."""
    if request.endpoint in PUBLIC or request.routing_exception is not None:
        return None  # unknown URL or untrusted Host: Flask answers 404/400 without revealing anything
    if session.get("user"):
        return None
    if request.endpoint == "actions.run_status" or request.headers.get("X-Requested-With") == "fetch":
        return jsonify(error="请先登录"), 401
    if not password_set(_state()):
        return redirect(url_for("auth.setup"))
    nxt = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth.login", next=nxt))


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("views.overview")


@bp.route("/login", methods=["GET", "POST"])
def login():
    state = _state()
    if not password_set(state):
        return redirect(url_for("auth.setup"))
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        if not name:
            flash("请填写您的姓名（用于操作记录）。", "error")
        elif check_password(state, request.form.get("password", "")):
            session.clear()
            session["user"] = name[:40]
            session.permanent = True
            state.log("login", who=session["user"])
            return redirect(_safe_next(request.args.get("next")))
        else:
            time.sleep(0.3)  # slow down guessing
            flash("密码不正确。", "error")
    return render_template("login.html"), (200 if request.method == "GET" else 400)


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """First start: set the password. Gone once a password exists."""
    state = _state()
    if password_set(state):
        return redirect(url_for("auth.login"))
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        pw, again = request.form.get("password", ""), request.form.get("password2", "")
        error = _new_password_error(pw, again) or ("" if name else "请填写您的姓名（用于操作记录）。")
        if not error:
            configure_password(state, pw)
            session.clear()
            session["user"] = name[:40]
            state.log("password", who=session["user"], reason="首次设置密码")
            return redirect(url_for("views.overview"))
        flash(error, "error")
        return render_template("setup.html"), 400
    return render_template("setup.html")


def _new_password_error(pw: str, again: str) -> str:
    if len(pw) < MIN_LENGTH:
        return f"密码至少 {MIN_LENGTH} 位。"
    if not hmac.compare_digest(pw, again):
        return "两次输入的密码不一致。"
    return ""


@bp.route("/password", methods=["GET", "POST"])
def change_password():
    state = _state()
    if request.method == "POST":
        if not check_password(state, request.form.get("old", "")):
            flash("原密码不正确。", "error")
        elif error := _new_password_error(request.form.get("password", ""), request.form.get("password2", "")):
            flash(error, "error")
        else:
            state.set_setting(PASSWORD_KEY, generate_password_hash(request.form["password"], method="scrypt"))
            state.log("password", who=session.get("user"), reason="修改密码")
            flash("密码已修改。", "ok")
            return redirect(url_for("views.overview"))
        return render_template("password.html"), 400
    return render_template("password.html")


@bp.route("/logout", methods=["POST"])
def logout():
    session.clear()
    return redirect(url_for("auth.login"))
