"""``回执/<学院>.docx``: the feedback letter (回执) to every college of the campaign.

A letter says, in plain Chinese: what arrived (材料, 文件, 收到时间), what is missing (with its
deadline), and each open or confirmed flag grouped by deliverable, with what to fix; waived and
resolved flags are left out, and so is DELIVERABLE_MISSING for a deliverable already listed as
missing (its paper-half variant, on a deliverable that did arrive, stays).
It ends with the campaign's contact, the office and the date of ``generated_at``. Every college
gets a letter (also one with nothing to fix); letters of colleges no longer in the campaign are
removed from ``回执/``. :func:`receipt_content` is pure; only :func:`write_receipts` writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from paperdesk.campaign import Campaign
from paperdesk.models import Flag, Submission
from writers import atomic
from writers.labels import INTAKE, chinese_date, deliverable_title, is_active, ordered_flags, short_time
from writers.receipt_doc import build_letter

RECEIPTS_DIR = "回执"
MISSING_CODE = "DELIVERABLE_MISSING"
#: (code, field) of flags about the office's own processing, not about what the college sent:
#: never in a receipt (a file stopped by its reading budget, see checks.intake_rules)
OFFICE_ONLY = frozenset({("UNREADABLE_FILE", "读取限制")})

@dataclass(frozen=True)
class Arrival:
    """One deliverable that arrived: its Chinese title, its files (names) and when they came."""

    deliverable: str
    files: tuple[str, ...]
    time: str  # earliest, or "earliest 至 latest"

    def files_text(self, most: int = 4) -> str:
        names = "、".join(self.files[:most])
        return f"{names} 等 {len(self.files)} 个文件" if len(self.files) > most else names


@dataclass(frozen=True)
class Receipt:
    """What one college's letter says."""

    college: str
    arrived: tuple[Arrival, ...]
    missing: tuple[str, ...]
    problems: tuple[tuple[str, tuple[str, ...]], ...]  # (deliverable title, lines)


def fix_text(flag: Flag, campaign: Campaign) -> str:
    """What the college should do about ``flag``: the campaign's ``rules.<code>.fix``, else by severity."""
    advice = campaign.fix_text(flag.code) or ("请更正后重新报送。" if flag.severity == "error" else "请核实。")
    return advice if flag.severity == "error" else f"（提醒）{advice}"


def problem_line(flag: Flag, campaign: Campaign) -> str:
    """The letter's own wording of one flag: its kind, the message, what to do."""
    head = "【需修改】" if flag.severity == "error" else "【请核实】"
    return f"{head}{flag.message}{fix_text(flag, campaign)}"


def _arrival(title: str, files: list) -> Arrival:
    times = sorted(short_time(f.item.email_date or f.item.received_at) for f in files)
    when = times[0] if times[0] == times[-1] else f"{times[0]} 至 {times[-1]}"
    return Arrival(title, tuple(re.split(r"[/\\!]", f.item.display)[-1] for f in files), when)


def receipt_content(campaign: Campaign, submission: Submission, flags: list[Flag], college: str) -> Receipt:
    """The content of ``college``'s letter (pure)."""
    mine = [f for f in submission.of_college(college)]
    arrived, missing = [], []
    for d in campaign.deliverables:
        files = sorted((f for f in mine if f.deliverable == d.key), key=lambda f: f.item.display)
        if files:
            arrived.append(_arrival(d.title, files))
        else:
            missing.append(f"{d.title}（截止日期{chinese_date(d.due.isoformat())}）")
    nothing = {d.key for d in campaign.deliverables if not any(f.deliverable == d.key for f in mine)}
    active = [f for f in ordered_flags(campaign, flags) if is_active(f) and f.college == college
              and (f.code, f.field) not in OFFICE_ONLY
              and not (f.code == MISSING_CODE and f.deliverable in nothing)]  # already listed as missing
    groups = []
    for key in [d.key for d in campaign.deliverables] + [INTAKE]:
        lines = tuple(problem_line(f, campaign) for f in active if (f.deliverable or INTAKE) == key)
        if lines:
            groups.append((deliverable_title(campaign, key) if key != INTAKE else "文件接收", lines))
    known = {d.key for d in campaign.deliverables} | {INTAKE}
    others = tuple(problem_line(f, campaign) for f in active if (f.deliverable or INTAKE) not in known)
    if others:
        groups.append(("其他", others))
    return Receipt(college, tuple(arrived), tuple(missing), tuple(groups))


def write_receipts(outbox: Path, campaign: Campaign, submission: Submission, flags: list[Flag],
                   generated_at: str) -> list[Path]:
    """One letter per college of the campaign; stale letters of other names removed."""
    folder = Path(outbox) / RECEIPTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for c in campaign.colleges:
        doc = build_letter(campaign, receipt_content(campaign, submission, flags, c.name), generated_at)
        written.append(atomic.save_document(doc, folder / f"{c.name}.docx", generated_at))
    keep = {p.name for p in written}
    for old in folder.glob("*.docx"):
        if old.name not in keep:
            old.unlink()
    return written
