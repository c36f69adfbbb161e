"""The review app's configuration, shared by its blueprints: folders, campaign, state, runner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app, session

from paperdesk.campaign import Campaign
from paperdesk.state import State
from review.data import Outbox, load_outbox, overlay
from review.jobs import Runner


@dataclass(frozen=True)
class Desk:
    inbox: Path
    outbox: Path
    state_dir: Path
    campaign_path: Path | None
    campaign: Campaign
    state: State
    runner: Runner

    def published(self) -> tuple[Outbox, list[dict]]:
        """The outbox as published, and its flags with staff decisions overlaid."""
        out = load_outbox(self.outbox)
        return out, overlay(out.flags, self.state.decisions())


def desk() -> Desk:
    return current_app.extensions["paperdesk"]


def who() -> str | None:
    return session.get("user")
