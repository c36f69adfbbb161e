"""The shipped campaign for extractor tests."""

import pytest

from paperdesk.campaign import load_campaign


@pytest.fixture(scope="session")
def campaign():
    return load_campaign()
