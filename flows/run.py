"""The Prefect flow of one processing run: coarse tasks, each a thin wrapper over a step of
``flows.steps``. Nothing here decides anything; it only wires.

``run_pipeline`` is the one entry point for the CLI, the watcher and the review page. It sets
Prefect up to run offline and quietly (an ephemeral SQLite-backed API under the state folder,
unless ``PREFECT_API_URL`` points at a server) before Prefect is imported.
"""

from __future__ import annotations

import os
from pathlib import Path

from paperdesk.progress import Progress, quiet


def configure_prefect(state_dir: Path) -> None:
    """Environment for an offline, quiet Prefect; must run before ``import prefect``."""
    home = Path(state_dir).resolve() / "prefect"
    home.mkdir(parents=True, exist_ok=True)
    defaults = {
        "PREFECT_HOME": str(home),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_LOGGING_TO_API_ENABLED": "false",
        "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
        "PREFECT_UI_ENABLED": "false",
        # the embedded server needs longer than Prefect's 20 s default on a busy 2-core machine
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


def run_pipeline(
    inbox: Path,
    outbox: Path,
    state_dir: Path,
    campaign_path: Path | None = None,
    progress: Progress | None = None,
    roster_path: Path | None = None,
) -> dict:
    """Process the inbox once and publish the outbox; returns the run summary (a dict).
    ``roster_path`` names the office's roster (reference data: the quota base)."""
    configure_prefect(state_dir)
    from paperdesk.progress import route_warnings
    from paperdesk.state import log_path

    route_warnings(str(log_path(state_dir)))
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    from flows.pipeline_flow import process_inbox

    # Prefect reads the environment once, when first imported; in a process that imported it
    # before configure_prefect (a host application, a test session) the short default start-up
    # timeout would stand, so the one setting a slow machine needs is applied here as well.
    timeout = int(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"])
    with temporary_settings(updates={PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: timeout}):
        return process_inbox(
            str(Path(inbox).resolve()),
            str(Path(outbox).resolve()),
            str(Path(state_dir).resolve()),
            str(campaign_path) if campaign_path else None,
            progress or quiet,
            str(Path(roster_path).resolve()) if roster_path else None,
        )
