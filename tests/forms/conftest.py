"""Shared fixtures for the form-writer tests: the shipped 2020 campaign, and a small JPEG."""

import io

import pytest
from PIL import Image

from paperdesk.campaign import load_campaign


@pytest.fixture(scope="session")
def campaign():
    from sampledata.demo.scenario import DEMO_ROSTER

    return load_campaign(roster=DEMO_ROSTER)  # the demo office's roster: the headcounts


@pytest.fixture(scope="session")
def jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 40)).save(buf, "JPEG")
    return buf.getvalue()
