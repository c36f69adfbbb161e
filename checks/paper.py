"""Paper copies: the scans of paper deliverables against the rules and against their electronic twins.

SPEC §5 rows SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH and OCR_LOW_CONFIDENCE, and the seal's part of
COLLEGE_CONFLICT (:func:`seal_conflicts`, yielded by ``intake_rules.college_conflict`` so that the
code keeps one rule). A scan is a record with ``from_scan`` (see ``extractors.scan_file``) whose
``paper`` (:class:`~paperdesk.models.PaperInfo`) holds per page the seal verdict, the reader's
doubts and evidence crops; a flag's ``evidence`` lists the crops' paths under ``outbox/``
(:func:`~paperdesk.models.evidence_path`, the same name ``writers.evidence`` writes them under).

- A scanned document of a paper deliverable (one A5, one A4, one A2, the work summary) must carry
  a seal on at least one of its pages: a seal-finder confidence ≥ ``checks.seal_min_confidence``.
- Paper and electronic copies are matched per college and deliverable, people by 学号 else 姓名;
  every non-free-text field (columns of A2/A4 but 序号, A5 fields but the ``long`` ones, the
  tables' header line) is compared with :func:`checks.reconcile.same_value`. A field read with a
  confidence below ``checks.ocr_min_confidence``, or doubted by the reader, is not compared: it is
  OCR_LOW_CONFIDENCE (staff confirm it) — never a silent guess.
"""

from __future__ import annotations

from typing import Iterator

from paperdesk.models import FormDoc, FreeDoc, PaperInfo, TableDoc, crop_key, evidence_path

from checks.context import NAME, SID, Ctx, Doc, is_scan
from checks.matching import Person, find_person, people_of, unique
from checks.reconcile import same_value
from checks.registry import Finding, rule

SEAL = "印章"


# ---------------------------------------------------------------- look-ups


def scans(ctx: Ctx, college: str | None = None, deliverable: str | None = None) -> list[Doc]:
    """Records read from scans (with their paper facts), optionally of one college/deliverable."""
    return [Doc(f, f.record) for f in ctx.files(college, deliverable)
            if isinstance(f.record, (FormDoc, TableDoc, FreeDoc)) and is_scan(f.record)
            and isinstance(f.record.paper, PaperInfo)]


def _paper_deliverable(ctx: Ctx, key: str | None) -> bool:
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


def _who(doc: Doc) -> tuple[str | None, str | None]:
    """(学号, 姓名) of a label/value form's person, else (None, None)."""
    r = doc.record
    if isinstance(r, FormDoc):
        return (r.fields.get(SID) or doc.ident.student_id or None), (r.fields.get(NAME) or doc.ident.person or None)
    return None, None


def _pages(info: PaperInfo) -> str:
    return "、".join(str(p) for p in info.pages) or "?"


def _title(ctx: Ctx, key: str | None) -> str:
    return next((d.title for d in ctx.campaign.deliverables if d.key == key), key or "")


# ---------------------------------------------------------------- seals


@rule("SEAL_MISSING", severity="error")
def seal_missing(ctx: Ctx) -> Iterator[Finding]:
    """One flag per scanned document of a paper deliverable none of whose pages carries a seal
    found with at least ``seal_min_confidence``; evidence: each page (or its best seal-like mark)."""
    least = ctx.checks.seal_min_confidence
    for d in scans(ctx):
        info = d.record.paper
        if not _paper_deliverable(ctx, d.deliverable) or any(s.confidence >= least for s in info.seals):
            continue
        best = max(info.seals, key=lambda s: s.confidence, default=None)
        doubt = (f"（最像印章的痕迹可信度 {best.confidence:.2f}，低于 {least:.2f}）"
                 if best is not None and best.bbox and best.confidence > 0 else "")
        sid, name = _who(d)
        whose = f"{name}的" if name else ""
        yield Finding(f"《{_title(ctx, d.deliverable)}》{whose}纸质版扫描件（{d.file} 第{_pages(info)}页）"
                      f"未检测到学院党委公章{doubt}。",
                      college=d.college, deliverable=d.deliverable, student_id=sid, name=name, file=d.file,
                      field=f"第{info.pages[0] if info.pages else '?'}页{SEAL}", expected="学院党委公章",
                      found="未检测到印章", evidence=tuple(p for s in info.seals for p in evidence(d, s.crop)))


def seal_conflicts(ctx: Ctx) -> Iterator[Finding]:
    """COLLEGE_CONFLICT findings from seals: a seal whose ring text names another college than the
    file's, or that is not a party committee's seal (no 党委/委员会). Unreadable ring text is left
    to OCR_LOW_CONFIDENCE."""
    least = ctx.checks.seal_min_confidence
    for d in scans(ctx):
        sid, name = _who(d)
        for s in d.record.paper.seals:
            if s.confidence < least or not s.ring_text:
                continue
            other = s.college is not None and d.college is not None and s.college != d.college
            if not other and (s.party_committee or s.college is None):
                continue
            said = f"印章文字识别为「{s.ring_text}」"
            if other:
                msg = f"{d.file} 第{s.page}页的印章不是本学院的：{said}，指向{s.college}，文件按{d.college}处理，请核实。"
                found = s.college
            else:
                msg = f"{d.file} 第{s.page}页的印章不是学院党委公章：{said}，应为“中共……委员会”的党委公章，请核实。"
                found = f"非党委公章（{s.ring_text}）"
            yield Finding(msg, college=d.college, deliverable=d.deliverable, student_id=sid, name=name, file=d.file,
                          field=f"第{s.page}页{SEAL}", expected=f"{d.college or ''}党委公章", found=found,
                          evidence=evidence(d, s.crop))


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
                   file=p.doc.file, expected=f"纸质版与电子版都有此人", found=f"只在{here}中", evidence=ev)


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
        yield from _unreadable_seals(ctx, d)


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
    return _who(d)


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


def _unreadable_seals(ctx: Ctx, d: Doc) -> Iterator[Finding]:
    sid, name = _who(d)
    for s in d.record.paper.seals:
        if s.confidence < ctx.checks.seal_min_confidence or s.college is not None:
            continue
        read = f"识别为「{s.ring_text}」" if s.ring_text else "无法识别"
        yield Finding(f"{d.file} 第{s.page}页印章文字{read}，无法确认是否为{d.college or '本学院'}党委公章，请人工核对。",
                      college=d.college, deliverable=d.deliverable, student_id=sid, name=name, file=d.file,
                      field=f"第{s.page}页{SEAL}", expected=f"{d.college or ''}党委公章", found=s.ring_text or "（无法识别）",
                      evidence=evidence(d, s.crop))
