"""Paper copies against their electronic twins: PAPER_ELECTRONIC_MISMATCH and OCR_LOW_CONFIDENCE.

- Paper and electronic copies are matched per college and deliverable, people by 学号 else 姓名;
  every non-free-text field (columns of A2/A4 but 序号, A5 fields but the ``long`` ones, the
  tables' header line) is compared with :func:`checks.reconcile.same_value`. A field read with a
  confidence below ``checks.ocr_min_confidence``, or doubted by the reader, is not compared: it is
  OCR_LOW_CONFIDENCE (staff confirm it) — never a silent guess; so is a seal whose ring text
  names no college (``checks.seals.unreadable_seals``).
- Seals (SEAL_MISSING, COLLEGE_CONFLICT from seals) are in ``checks.seals``; look-ups over scan
  records in ``checks.scans``.
"""

from __future__ import annotations

from typing import Iterator

from paperdesk.models import FormDoc, FreeDoc, TableDoc

from checks.context import NAME, SID, Ctx, Doc, is_scan
from checks.matching import Person, find_person, people_of, unique
from checks.reconcile import same_value
from checks.registry import Finding, rule
from checks.scans import cell_evidence, scans, who
from checks.seals import unreadable_seals


# ---------------------------------------------------------------- paper against electronic


def _compared(ctx: Ctx, form: str) -> list[str]:
    fdef = ctx.campaign.forms[form]
    return [c.key for c in (fdef.columns or fdef.fields) if not c.long and c.key != "序号"]


def _doubted(doc: Doc, field: str, row: int | None) -> bool:
    """Whether a scanned value is too uncertain to compare (low confidence or a reader doubt)."""
    return any(u.field == field and u.row == row for u in doc.record.paper.doubts)


def _confidence(doc: Doc, field: str, row: int | None) -> float:
    r = doc.record
    if isinstance(r, FormDoc):
        return r.confidence.get(field, 1.0)
    if isinstance(r, TableDoc) and row is not None:
        hit = next((x for x in r.rows if x.row == row), None)
        return hit.confidence.get(field, 1.0) if hit else 1.0
    return 1.0


def trusted(ctx: Ctx, doc: Doc, field: str, row: int | None) -> bool:
    """A scanned value that may be compared: confident enough and not doubted by the reader."""
    return _confidence(doc, field, row) >= ctx.checks.ocr_min_confidence and not _doubted(doc, field, row)


@rule("PAPER_ELECTRONIC_MISMATCH", severity="error")
def paper_electronic_mismatch(ctx: Ctx) -> Iterator[Finding]:
    """Per college and paper deliverable with a form, when both halves arrived: each field on which a
    person's paper and electronic copies disagree (expected = electronic, found = paper; evidence:
    the scanned cell), each person on one side only, and each differing header field of a table."""
    for college in ctx.colleges:
        for dl in ctx.campaign.deliverables:
            if not dl.paper or not dl.form:
                continue
            paper = [d for d in scans(ctx, college, dl.key) if getattr(d.record, "form", None) == dl.form]
            digital = [d for d in ctx.docs(college, dl.form) if d.deliverable == dl.key]
            if paper and digital:
                yield from _people_differences(ctx, dl, paper, digital)
                yield from _header_differences(ctx, dl, paper, digital)


def _people_differences(ctx: Ctx, dl, paper: list[Doc], digital: list[Doc]) -> Iterator[Finding]:
    fields = _compared(ctx, dl.form)
    on_paper = [p for d in paper for p in people_of(d)]
    electronic = unique([p for d in digital for p in people_of(d)])
    for pp in on_paper:
        ep = find_person(pp, electronic)
        if ep is None:
            if trusted(ctx, pp.doc, NAME, pp.row) or trusted(ctx, pp.doc, SID, pp.row):
                yield _one_side(ctx, dl, pp, "纸质版", "电子版")
            continue
        for f in fields:
            a, b = (ep.cells.get(f) or "").strip(), (pp.cells.get(f) or "").strip()
            if a and b and not same_value(a, b) and trusted(ctx, pp.doc, f, pp.row):
                yield Finding(
                    f"{pp.label}的“{f}”纸质版与电子版不一致：电子版为“{a}”（{ep.where}），"
                    f"纸质版扫描件为“{b}”（{pp.where}）。",
                    college=pp.doc.college, deliverable=dl.key, student_id=ep.sid or pp.sid or None,
                    name=ep.name or pp.name or None, file=pp.doc.file, field=f, expected=a, found=b,
                    evidence=cell_evidence(pp.doc, f, pp.row))
    for ep in electronic:
        if find_person(ep, on_paper) is None:
            yield _one_side(ctx, dl, ep, "电子版", "纸质版")


def _one_side(ctx: Ctx, dl, p: Person, here: str, missing: str) -> Finding:
    ev = cell_evidence(p.doc, NAME, p.row) if is_scan(p.doc.record) else ()
    return Finding(f"《{dl.title}》{here}有{p.label}（{p.where}），{missing}中没有此人。",
                   college=p.doc.college, deliverable=dl.key, student_id=p.sid or None, name=p.name or None,
                   file=p.doc.file, expected="纸质版与电子版都有此人", found=f"只在{here}中", evidence=ev)


def _header_differences(ctx: Ctx, dl, paper: list[Doc], digital: list[Doc]) -> Iterator[Finding]:
    keys = ctx.campaign.forms[dl.form].header_fields
    tables = [d for d in digital if isinstance(d.record, TableDoc)]
    if not keys or not tables:
        return
    ref = tables[0]
    for d in paper:
        if not isinstance(d.record, TableDoc):
            continue
        for k in keys:
            a, b = (ref.record.header.get(k) or "").strip(), (d.record.header.get(k) or "").strip()
            if a and b and not same_value(a, b) and not _doubted(d, k, None):
                yield Finding(f"《{dl.title}》表头“{k}”纸质版与电子版不一致：电子版为“{a}”（{ref.file}），"
                              f"纸质版扫描件为“{b}”（{d.file}）。",
                              college=d.college, deliverable=dl.key, file=d.file, field=k, expected=a, found=b,
                              evidence=cell_evidence(d, k, None))


# ---------------------------------------------------------------- doubtful readings


@rule("OCR_LOW_CONFIDENCE", severity="warning")
def ocr_low_confidence(ctx: Ctx) -> Iterator[Finding]:
    """One flag per field of a scanned form read with a confidence below ``ocr_min_confidence``
    or doubted by the reader (free-text fields excepted: they are not compared), and per seal
    whose ring text could not be read well enough to say whose seal it is."""
    for d in scans(ctx):
        yield from _doubtful_fields(ctx, d)
        yield from unreadable_seals(ctx, d)


def _doubtful_fields(ctx: Ctx, d: Doc) -> Iterator[Finding]:
    r = d.record
    if isinstance(r, FreeDoc):
        return
    fdef = ctx.campaign.forms.get(r.form)
    long = {c.key for c in (*fdef.columns, *fdef.fields) if c.long} if fdef else set()
    least = ctx.checks.ocr_min_confidence
    seen: set[tuple[str, int | None]] = set()
    reasons = {(u.field, u.row): u for u in r.paper.doubts}
    cells = [(f, None, v, c) for f, v in r.fields.items() for c in [r.confidence.get(f, 1.0)]] \
        if isinstance(r, FormDoc) else \
        [(f, row.row, v, row.confidence.get(f, 1.0)) for row in r.rows for f, v in row.cells.items()]
    for f, row, value, conf in cells + [(u.field, u.row, u.value, u.confidence) for u in r.paper.doubts]:
        if f in long or (f, row) in seen or (conf >= least and (f, row) not in reasons):
            continue
        seen.add((f, row))
        u = reasons.get((f, row))
        yield _doubt_finding(ctx, d, f, row, value, min(conf, u.confidence) if u else conf, u.reason if u else "")


def _row_person(d: Doc, row: int | None) -> tuple[str | None, str | None]:
    r = d.record
    if isinstance(r, TableDoc) and row is not None:
        hit = next((x for x in r.rows if x.row == row), None)
        if hit is not None:
            return (hit.cells.get(SID) or None), (hit.cells.get(NAME) or None)
        return None, None
    return who(d)


def _doubt_finding(ctx: Ctx, d: Doc, field: str, row: int | None, value: str, conf: float, reason: str) -> Finding:
    sid, name = _row_person(d, row)
    where = f"第{row}行" if row is not None else ""
    read = f"识别为“{value}”" if value else "未能识别"
    why = f"：{reason}" if reason else ""
    key = field if (sid or name or row is None) else f"{field}（第{row}行）"
    return Finding(f"扫描件 {d.file} {where}“{field}”{read}，可信度 {conf:.2f}{why}。请对照纸质原件人工核对。",
                   college=d.college, deliverable=d.deliverable, student_id=sid, name=name, file=d.file,
                   field=key, expected=f"可信度 ≥ {ctx.checks.ocr_min_confidence:.2f}", found=value or "（未识别）",
                   evidence=cell_evidence(d, field, row))
