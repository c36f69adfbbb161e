"""Publish every output of SPEC §6 into ``outbox/``.

:func:`publish` is the one entry the flow calls. Each file is written atomically (temporary file
in the same folder, then ``os.replace``) and deterministically (same inputs → same bytes; the
time written into files is ``generated_at``, never the clock). Publishing is atomic per file,
not per run: no staging folder, a reader never sees a half-written file, and the next run
rewrites everything. ``回执/`` holds one letter per college of the campaign, always all of them;
``证据/`` the scan crops that flags cite as evidence (:mod:`writers.evidence`).
"""

from __future__ import annotations

from pathlib import Path

from paperdesk.campaign import Campaign
from paperdesk.models import Flag, Submission
from writers.case_list import write_case_list
from writers.evidence import write_evidence
from writers.flag_list import write_flag_list, write_flags_json
from writers.intake_list import write_intake_json, write_intake_list
from writers.masters import write_masters
from writers.overview import write_overview
from writers.receipt import write_receipts

__all__ = ["publish"]


def publish(outbox: Path, campaign: Campaign, submission: Submission, flags: list[Flag],
            generated_at: str, overrides: dict | None = None) -> list[Path]:
    """Write every output; return the paths written (in a fixed order).

    ``generated_at`` (ISO 8601) is the time the outputs describe; ``overrides`` maps
    ``(college, deliverable, student_id, field) → value`` chosen by staff, applied to the masters.
    """
    outbox = Path(outbox)
    outbox.mkdir(parents=True, exist_ok=True)
    flags = list(flags)
    written = [
        write_flags_json(outbox, campaign, flags, generated_at),
        write_intake_json(outbox, submission),
        write_intake_list(outbox, campaign, submission, generated_at),
        write_flag_list(outbox, campaign, flags, generated_at),
        write_overview(outbox, campaign, submission, flags, generated_at),
        *write_masters(outbox, campaign, submission, flags, generated_at, overrides),
        *write_case_list(outbox, campaign, submission, flags, generated_at),
        *write_receipts(outbox, campaign, submission, flags, generated_at),
        *write_evidence(outbox, submission, flags),
    ]
    return written
