"""Resubmissions: the latest submission of a thing replaces the earlier ones. Pure.

    supersede(files) -> (kept, superseded)     kept: list[Identified], superseded: {display: reason}

A *thing* is (college, deliverable, person): person is the student ID, else the name, for
per-person records (forms, cases, photos: :class:`FormDoc`, :class:`CaseDoc`, :class:`ImageFile`)
and None for whole-college records (tables and free documents: :class:`TableDoc`,
:class:`FreeDoc`). A person's pictures are a thing of their own (person + :data:`PHOTO`): a case
document resent alone does not drop the life photo sent with the first one. A *submission* is what carried the file: the innermost email on its display
path (``x.eml`` / ``x.msg``; a zip of exported emails holds several submissions), else the
top-level inbox file. Submissions are ordered by ``received_at`` (the email's Date or the inbox
file's time), ties by the submission's display path; the latest submission holding a thing wins,
and the thing's files from every earlier submission are superseded with the reason
「已被 <winning file>（<time>）替换」. Several files for one thing inside the same submission all
stay (the checks report them). Files that cannot be placed (no college, no deliverable, no record,
a per-person record without name or ID) never compete and are always kept.

A workbook gives one :class:`Identified` per sheet; its display is listed in ``superseded`` only
when every one of its records was superseded (otherwise it is still in use).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from paperdesk.models import MEMBER_SEP, CaseDoc, FormDoc, FreeDoc, Identified, ImageFile, TableDoc

Key = tuple[str, str, str | None]
PHOTO = "（图片）"
_EMAIL_EXT = (".eml", ".msg")


def supersede(files: list[Identified]) -> tuple[list[Identified], dict[str, str]]:
    """The files still current, in input order, and the superseded displays with their reason."""
    groups: dict[Key, list[Identified]] = defaultdict(list)
    for f in files:
        key = thing(f)
        if key is not None:
            groups[key].append(f)
    beaten: dict[int, str] = {}
    for members in groups.values():
        latest = max(_order(f) for f in members)
        winner = min((f for f in members if _order(f) == latest), key=lambda f: f.item.display)
        for f in members:
            if _order(f) != latest:
                beaten[id(f)] = f"已被 {winner.item.display}（{_shown_time(winner.item.received_at)}）替换"
    kept = [f for f in files if id(f) not in beaten]
    still_used = {f.item.display for f in kept}
    reasons = {f.item.display: beaten[id(f)] for f in files if id(f) in beaten and f.item.display not in still_used}
    return kept, reasons


def thing(f: Identified) -> Key | None:
    """(college, deliverable, person) of the file, or None when it cannot be placed."""
    if not f.college or not f.deliverable or f.record is None:
        return None
    if getattr(f.record, "from_scan", False):
        # paper copies accumulate: the office scans what arrives, and two scans of one deliverable
        # are as likely two documents (a sample of A5 forms, a summary read as the same kind) as a
        # resubmission; dropping one would lose a real paper copy
        return None
    deliverable = f.deliverable
    if isinstance(f.record, (TableDoc, FreeDoc)):
        return f.college, deliverable, None
    if isinstance(f.record, (FormDoc, CaseDoc, ImageFile)):
        person = f.student_id or f.person
        if person and isinstance(f.record, ImageFile):
            person += PHOTO  # a resent case document does not drop the photo sent before
        return (f.college, deliverable, person) if person else None
    return None


def submission(display: str) -> str:
    """The display path of what carried the file: its innermost email, else its inbox file."""
    segments = display.split(MEMBER_SEP)
    for n in range(len(segments) - 1, 0, -1):
        if segments[n - 1].lower().endswith(_EMAIL_EXT):
            return MEMBER_SEP.join(segments[:n])
    return segments[0]


def _order(f: Identified) -> tuple[dt.datetime, str]:
    return _when(f.item.received_at), submission(f.item.display)


def _when(iso: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _shown_time(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso or "时间不详"
