"""``intake.json`` and ``收件清单.xlsx``: every file intake saw and what became of it.

One record per :class:`IntakeItem` (archive members and email attachments included), sorted by
display path: ``file, sha256, size, state, reason, college, deliverable, received_at``. ``state``
None (intake left the decision to later steps) is ``used``. College and deliverable come from the
:class:`Identified` record of the same file; for files that were not used, the college is the
one the file's hints agree on (None when they disagree or say nothing).
"""

from __future__ import annotations

from pathlib import Path

from paperdesk.campaign import Campaign
from paperdesk.models import IntakeItem, Submission
from writers import atomic
from writers.labels import STATE_ZH, deliverable_title, short_time
from writers.xlsx_style import Col, Mark, new_workbook, table_sheet

INTAKE_JSON = "intake.json"
INTAKE_LIST = "收件清单.xlsx"

COLUMNS = [Col("文件", max_width=45), Col("学院"), Col("材料", max_width=20), Col("状态"), Col("原因", max_width=30),
           Col("大小", number_format="#,##0"), Col("接收时间"), Col("SHA-256", text=True, max_width=34)]


def _hinted_college(item: IntakeItem) -> str | None:
    names = {h.college for h in item.hints if h.college}
    return names.pop() if len(names) == 1 else None


def intake_records(submission: Submission) -> list[dict]:
    """The ``files`` list of ``intake.json``."""
    ident = {(f.item.display, f.item.sha256): f for f in submission.files}
    out = []
    for item in sorted(submission.items, key=lambda i: (i.display, i.sha256)):
        used = ident.get((item.display, item.sha256))
        out.append({
            "file": item.display,
            "sha256": item.sha256,
            "size": item.size,
            "state": item.state or "used",
            "reason": item.reason,
            "college": used.college if used else _hinted_college(item),
            "deliverable": used.deliverable if used else None,
            "received_at": item.received_at,
        })
    return out


def write_intake_json(outbox: Path, submission: Submission) -> Path:
    return atomic.write_json(outbox / INTAKE_JSON, {"files": intake_records(submission)})


def write_intake_list(outbox: Path, campaign: Campaign, submission: Submission, generated_at: str) -> Path:
    """收件清单.xlsx: the same records for people; rows of unreadable files highlighted."""
    records = intake_records(submission)
    rows = [[r["file"], r["college"] or "", deliverable_title(campaign, r["deliverable"]),
             STATE_ZH.get(r["state"], r["state"]), r["reason"] or "", r["size"], short_time(r["received_at"]),
             r["sha256"]] for r in records]
    marks = [Mark(i, None) for i, r in enumerate(records) if r["state"] == "unreadable"]
    wb, ws = new_workbook()
    table_sheet(ws, COLUMNS, rows, title=f"{campaign.title}收件清单（共 {len(rows)} 个文件）",
                marks=marks, sheet_name="收件清单")
    return atomic.save_workbook(wb, outbox / INTAKE_LIST, generated_at)
