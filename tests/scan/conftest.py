"""Shared fixtures of the scan tests: the shipped campaign and pages made in code."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # pagegen

from paperdesk.campaign import load_campaign  # noqa: E402


@pytest.fixture(scope="session")
def campaign():
    return load_campaign()
