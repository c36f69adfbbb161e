"""Look-ups over scan records (the paper halves) shared by ``checks.seals`` and ``checks.paper``.

A scan is a record with ``from_scan`` (see ``extractors.scan_file``) whose ``paper``
(:class:`~paperdesk.models.PaperInfo`) holds per page the seal verdict, the reader's doubts and
evidence crops; a flag's ``evidence`` lists the crops' paths under ``outbox/``
(:func:`~paperdesk.models.evidence_path`, the same name ``writers.evidence`` writes them under).
"""

from __future__ import annotations

from paperdesk.models import FormDoc, FreeDoc, PaperInfo, TableDoc, crop_key, evidence_path

from checks.context import NAME, SID, Ctx, Doc, is_scan

SEAL = "印章"


def scans(ctx: Ctx, college: str | None = None, deliverable: str | None = None) -> list[Doc]:
    """Records read from scans (with their paper facts), optionally of one college/deliverable."""
    return [Doc(f, f.record) for f in ctx.files(college, deliverable)
            if isinstance(f.record, (FormDoc, TableDoc, FreeDoc)) and is_scan(f.record)
            and isinstance(f.record.paper, PaperInfo)]


def paper_deliverable(ctx: Ctx, key: str | None) -> bool:
    return any(d.key == key and d.paper for d in ctx.campaign.deliverables)


def evidence(doc: Doc, key: str) -> tuple[str, ...]:
    """The outbox path of the crop ``key`` of a scan, () when the scan holds no such crop."""
    if key not in doc.record.paper.crops:
        return ()
    return (evidence_path(doc.college, doc.file, doc.ident.item.sha256, key),)


def cell_evidence(doc: Doc, field: str, row: int | None) -> tuple[str, ...]:
    """The crop of a value cell, on whichever of the record's pages it was read."""
    for page in doc.record.paper.pages:
        found = evidence(doc, crop_key(page, field, row))
        if found:
            return found
    return ()


def cell_lattice(doc: Doc, field: str, row: int | None):
    """What the recogniser saw in a value cell (:class:`paperdesk.lattice.Lattice`), or None
    (an engine that keeps none, a long cell, a value not read from a cell)."""
    lattices = getattr(doc.record.paper, "lattices", None) or {}
    for page in doc.record.paper.pages:
        found = lattices.get(crop_key(page, field, row))
        if found is not None:
            return found
    return None


def who(doc: Doc) -> tuple[str | None, str | None]:
    """(学号, 姓名) of a label/value form's person, else (None, None)."""
    r = doc.record
    if isinstance(r, FormDoc):
        return (r.fields.get(SID) or doc.ident.student_id or None), (r.fields.get(NAME) or doc.ident.person or None)
    return None, None


def pages_text(info: PaperInfo) -> str:
    return "、".join(str(p) for p in info.pages) or "?"


def title(ctx: Ctx, key: str | None) -> str:
    return next((d.title for d in ctx.campaign.deliverables if d.key == key), key or "")
