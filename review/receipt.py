"""Regenerate one college's 回执 from what the page shows: the published intake records and flags
with staff decisions overlaid, through the writers' own letter code (``writers.receipt``).

The letter lists what arrived, what is missing and each open or confirmed flag, so it needs only
intake.json and flags.json, not the extracted records: it is rebuilt in a moment, without a run.
It is written atomically under the state folder's run lock, so it never races a processing run.
"""

from __future__ import annotations

from pathlib import Path

from paperdesk.campaign import Campaign
from paperdesk.lock import state_lock
from paperdesk.models import Flag, Identified, IntakeItem, Submission

STATUSES = ("open", "confirmed", "waived", "resolved")


def as_submission(files: list[dict]) -> Submission:
    """The used files of intake.json as a Submission (records left out: the letter needs none)."""
    items, used = [], []
    for f in files:
        item = IntakeItem(display=str(f.get("file") or ""), sha256=str(f.get("sha256") or ""),
                          size=int(f.get("size") or 0), kind="", blob="",
                          received_at=str(f.get("received_at") or ""), state=f.get("state") or "used",
                          reason=f.get("reason"))
        items.append(item)
        if item.state == "used" and f.get("college") and f.get("deliverable"):
            used.append(Identified(item=item, college=f["college"], deliverable=f["deliverable"]))
    return Submission(items=tuple(items), files=tuple(used))


def as_flag(f: dict) -> Flag:
    """A flag of flags.json (status already overlaid with the staff's decision) as a record."""
    return Flag(code=str(f.get("code")), severity="warning" if f.get("severity") == "warning" else "error",
                message=str(f.get("message") or ""), college=f.get("college"), deliverable=f.get("deliverable"),
                student_id=f.get("student_id"), name=f.get("name"), file=f.get("file"), field=f.get("field"),
                expected=f.get("expected"), found=f.get("found"), evidence=tuple(f.get("evidence") or ()),
                status=f["status"] if f.get("status") in STATUSES else "open")


def regenerate_receipt(outbox: Path, state_dir: Path, campaign: Campaign, college: str,
                       files: list[dict], flags: list[dict], generated_at: str) -> Path:
    """Write ``回执/<college>.docx`` again; returns its path. Raises StateBusy while a run holds the state."""
    from writers import atomic
    from writers.receipt import RECEIPTS_DIR, receipt_content
    from writers.receipt_doc import build_letter

    content = receipt_content(campaign, as_submission(files), [as_flag(f) for f in flags], college)
    doc = build_letter(campaign, content, generated_at)
    target = Path(outbox) / RECEIPTS_DIR / f"{college}.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    with state_lock(Path(state_dir), wait_seconds=5):
        return atomic.save_document(doc, target, generated_at)
