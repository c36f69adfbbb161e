"""Fixtures of the writers' tests; the sample run itself lives in ``writers_sample``."""

from __future__ import annotations

import pytest

from writers_sample import Sample, build_sample


@pytest.fixture
def sample() -> Sample:
    return build_sample()
