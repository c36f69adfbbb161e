"""The review tests' fixtures and helpers live in review_support (importable by name from the
tests, which a conftest is not under --import-mode=importlib)."""

from review_support import *  # noqa: F401,F403  (fixtures: fast_campaign, folders, pipeline, app, client)
