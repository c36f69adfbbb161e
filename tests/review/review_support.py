"""Fixtures for the review page tests (data builders live in ``review_fixtures``)."""

from __future__ import annotations

import functools

import pytest

from paperdesk.state import State
from review_fixtures import PASSWORD, FakePipeline, csrf, publish_fake


@functools.cache
def _campaign(path, roster=None):
    from paperdesk.campaign import load_campaign

    return load_campaign(path, roster)


@pytest.fixture(autouse=True)
def fast_campaign(monkeypatch):
    """The campaign YAML parsed once per session (it is validated the same way; only faster)."""
    monkeypatch.setattr("review.app.load_campaign", _campaign)


@pytest.fixture
def folders(tmp_path):
    inbox, outbox, state = tmp_path / "inbox", tmp_path / "outbox", tmp_path / "state"
    inbox.mkdir()
    publish_fake(outbox, state)
    return inbox, outbox, state


@pytest.fixture
def pipeline():
    return FakePipeline()


@pytest.fixture
def app(folders, pipeline, monkeypatch):
    from review.app import create_app
    from review.auth import PASSWORD_KEY

    monkeypatch.delenv("PAPERDESK_PASSWORD", raising=False)
    inbox, outbox, state = folders
    State(state).set_setting(PASSWORD_KEY, _password_hash())  # scrypt is slow on purpose: hash once
    app = create_app(inbox, outbox, state, None, run_pipeline=pipeline)
    app.config["TESTING"] = True
    return app


@functools.cache
def _password_hash() -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(PASSWORD, method="scrypt")


@pytest.fixture
def client(app):
    """A logged-in client (session set directly: test_auth tests the login form itself);
    ``client.token`` is a valid CSRF token."""
    c = app.test_client()
    with c.session_transaction() as s:
        s["user"] = "王老师"
    c.token = csrf(c, "/")
    return c

