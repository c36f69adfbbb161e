"""Login: required everywhere, password set on first start or from configuration, stored hashed."""

from __future__ import annotations

import re

import pytest

from paperdesk.state import State
from review.app import create_app
from review.auth import PASSWORD_KEY

from review_fixtures import PASSWORD, csrf, flag_id

GETS = ["/", "/college/数学与统计学院", f"/flag/{flag_id('CASE_QUOTA')}", "/audit", "/files",
        "/outbox/flags.json", "/outbox.zip", "/password"]
POSTS = ["/run", "/upload", "/bulk", f"/flag/{flag_id('CASE_QUOTA')}/decide",
         "/college/数学与统计学院/receipt"]


@pytest.mark.parametrize("path", GETS)
def test_every_page_needs_login(app, path):
    r = app.test_client().get(path)
    assert r.status_code == 302 and "/login" in r.location


def test_json_status_needs_login(app):
    r = app.test_client().get("/run/status.json")
    assert r.status_code == 401


@pytest.mark.parametrize("path", POSTS)
def test_every_change_needs_login(app, folders, pipeline, path):
    c = app.test_client()
    token = csrf(c, "/login")  # a real token of an anonymous session: CSRF passes, login must stop it
    r = c.post(path, data={"csrf_token": token, "action": "confirm", "college": "数学与统计学院"})
    assert r.status_code in (302, 401) and (r.status_code == 401 or "/login" in r.location)
    assert State(folders[2]).decisions() == {} and pipeline.calls == 0


def test_wrong_password_is_refused(app):
    c = app.test_client()
    r = c.post("/login", data={"name": "王老师", "password": "wrong", "csrf_token": csrf(c, "/login")})
    assert r.status_code == 400 and "密码不正确" in r.get_data(as_text=True)
    assert c.get("/").status_code == 302


def test_login_needs_a_name(app):
    c = app.test_client()
    r = c.post("/login", data={"name": " ", "password": PASSWORD, "csrf_token": csrf(c, "/login")})
    assert r.status_code == 400 and c.get("/").status_code == 302


def test_login_redirects_to_the_page_asked_for_but_not_off_site(app):
    c = app.test_client()
    token = csrf(c, "/login")
    r = c.post("/login?next=/audit", data={"name": "a", "password": PASSWORD, "csrf_token": token})
    assert r.location.endswith("/audit")
    c2 = app.test_client()
    r = c2.post("/login?next=//evil.example/x", data={"name": "a", "password": PASSWORD, "csrf_token": csrf(c2, "/login")})
    assert "evil" not in r.location


def test_first_start_shows_set_password_page_and_stores_a_hash(folders, monkeypatch):
    monkeypatch.delenv("PAPERDESK_PASSWORD", raising=False)
    inbox, outbox, state_dir = folders
    app = create_app(inbox, outbox, state_dir, None)
    c = app.test_client()
    r = c.get("/")
    assert r.status_code == 302 and r.location.endswith("/setup")
    assert "设置登录密码" in c.get("/setup").get_data(as_text=True)
    token = csrf(c, "/setup")
    r = c.post("/setup", data={"name": "王老师", "password": "abc", "password2": "abc", "csrf_token": token})
    assert r.status_code == 400 and "至少" in r.get_data(as_text=True)
    r = c.post("/setup", data={"name": "王老师", "password": "abcdef1", "password2": "abcdef2", "csrf_token": token})
    assert r.status_code == 400 and "不一致" in r.get_data(as_text=True)
    r = c.post("/setup", data={"name": "王老师", "password": "abcdef1", "password2": "abcdef1", "csrf_token": token})
    assert r.status_code == 302 and c.get("/").status_code == 200
    stored = State(state_dir).get_setting(PASSWORD_KEY)
    assert stored.startswith("scrypt:") and "abcdef1" not in stored
    # once set, the set-password page is gone and a fresh visitor must log in
    c2 = app.test_client()
    assert c2.get("/setup").location.endswith("/login")
    r = c2.post("/login", data={"name": "李老师", "password": "abcdef1", "csrf_token": csrf(c2, "/login")})
    assert r.status_code == 302 and c2.get("/").status_code == 200


def test_password_from_environment(folders, monkeypatch):
    monkeypatch.setenv("PAPERDESK_PASSWORD", "from-env-1")
    app = create_app(*folders, None)
    c = app.test_client()
    assert c.get("/").location.endswith("/login?next=/")
    r = c.post("/login", data={"name": "a", "password": "from-env-1", "csrf_token": csrf(c, "/login")})
    assert r.status_code == 302 and c.get("/").status_code == 200


def test_change_password_and_logout(client, app):
    r = client.post("/password", data={"old": "nope", "password": "newpass1", "password2": "newpass1",
                                       "csrf_token": client.token})
    assert r.status_code == 400
    r = client.post("/password", data={"old": PASSWORD, "password": "newpass1", "password2": "newpass1",
                                       "csrf_token": client.token})
    assert r.status_code == 302
    assert client.post("/logout", data={"csrf_token": client.token}).status_code == 302
    assert client.get("/").status_code == 302
    c = app.test_client()
    r = c.post("/login", data={"name": "a", "password": "newpass1", "csrf_token": csrf(c, "/login")})
    assert r.status_code == 302


def test_session_cookie_is_http_only(app):
    c = app.test_client()
    r = c.get("/login")
    cookie = r.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and re.search(r"SameSite=Lax", cookie)
