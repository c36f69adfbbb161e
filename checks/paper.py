"""Paper copies against their electronic twins: PAPER_ELECTRONIC_MISMATCH and OCR_LOW_CONFIDENCE.

- Paper and electronic copies are matched per college and deliverable, people by 学号 else 姓名,
  then by resemblance (a name read without its rare character); every non-free-text field
  (columns of A2/A4 but 序号, A5 fields but the ``long`` ones, the tables' header line) is
  compared by meaning (:func:`checks.values.compare`). Where the electronic twin says what a cell
  holds, the reading is verified against it: agreeing, it is trusted whatever its confidence;
  disagreeing, it is PAPER_ELECTRONIC_MISMATCH only when the contradiction is sure (a confident
  reading, a sure pairing, a difference no OCR slip explains — another meaning, another number,
  more than one character of a name); otherwise OCR_LOW_CONFIDENCE with both values and the
  crop. Never a silent guess; so is a seal whose ring text names no college
  (``checks.seals.unreadable_seals``).
- Paper coverage is not a mismatch: electronic A5 forms without a scanned twin are one warning
  per college and deliverable, with the names (the office may scan a sample).
- Seals (SEAL_MISSING, COLLEGE_CONFLICT from seals) are in ``checks.seals``; look-ups over scan
  records in ``checks.scans``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Iterator

from paperdesk import lattice as lattices
from paperdesk import textnorm
from paperdesk.models import FormDoc, FreeDoc, TableDoc

from checks.context import NAME, SID, Ctx, Doc, is_scan
from checks.matching import Person, find_person, people_of, unique
from checks.dates import parse_period
from checks.values import Verdict, compare
from checks.registry import Finding, rule
from checks.scans import cell_evidence, cell_lattice, scans, who
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


@dataclass(frozen=True)
class Outcome:
    """What comparing the paper copies of one college with their electronic twins found.

    ``mismatches`` are sure contradictions (errors); ``coverage`` lists electronic forms without a
    scanned twin, once per college and deliverable (a warning: the office may scan a sample);
    ``doubts`` are disagreements the reader is not sure of (a dropped rare character, a
    low-confidence cell, an unsure pairing): OCR_LOW_CONFIDENCE with both values; ``verified``
    the scanned cells (file, field, row) whose reading agrees with the electronic twin."""

    mismatches: list[Finding] = field(default_factory=list)
    coverage: list[Finding] = field(default_factory=list)
    doubts: list[Finding] = field(default_factory=list)
    verified: set[tuple[str, str, int | None]] = field(default_factory=set)


#: a free-text reading this similar to the electronic value is an OCR slip, not a contradiction
SLIP_RATIO = 0.5


def compare_paper(ctx: Ctx) -> Outcome:
    """Every paper deliverable with a form, per college, where both halves arrived."""
    out = Outcome()
    for college in ctx.colleges:
        for dl in ctx.campaign.deliverables:
            if not dl.paper or not dl.form:
                continue
            paper = [d for d in scans(ctx, college, dl.key) if getattr(d.record, "form", None) == dl.form]
            digital = [d for d in ctx.docs(college, dl.form) if d.deliverable == dl.key]
            if paper and digital:
                _people_differences(ctx, dl, paper, digital, out)
                _header_differences(ctx, dl, paper, digital, out)
    return out


@rule("PAPER_ELECTRONIC_MISMATCH", severity="error")
def paper_electronic_mismatch(ctx: Ctx) -> Iterator[Finding]:
    """Sure contradictions between a scanned paper copy and its electronic twin (expected =
    electronic, found = paper; evidence: the scanned cell); and, as a warning once per college and
    deliverable, the electronic forms that have no scanned twin."""
    outcome = compare_paper(ctx)
    yield from outcome.mismatches
    yield from outcome.coverage


def _pair(ctx: Ctx, on_paper: list[Person], electronic: list[Person]) -> tuple[list[tuple[Person, Person, bool]], list[Person]]:
    """(paper person, electronic person, sure pairing?) and the paper people left unpaired. Exact
    pairs first (学号, else 姓名; a person listed twice on paper pairs twice with the one
    electronic listing: a repeat is DUPLICATE_PERSON's business, not an absence); then each
    leftover paper person with the one leftover electronic person it resembles (a name read
    without its rare character, a 学号 with a misread digit)."""
    pairs, left = [], []
    taken: set[int] = set()
    for pp in on_paper:
        ep = find_person(pp, [e for e in electronic if id(e) not in taken])
        again = find_person(pp, electronic) if ep is None else None
        if again is not None:
            pairs.append((pp, again, True))
        elif ep is None:
            left.append(pp)
        else:
            taken.add(id(ep))
            pairs.append((pp, ep, True))
    unpaired = []
    for pp in left:
        rest = [e for e in electronic if id(e) not in taken and _resembles(pp, e)]
        if len(rest) == 1:
            taken.add(id(rest[0]))
            pairs.append((pp, rest[0], False))
        else:
            unpaired.append(pp)
    return pairs, unpaired


def _resembles(pp: Person, ep: Person) -> bool:
    name = _ratio(textnorm.person_name(pp.name), textnorm.person_name(ep.name)) >= SLIP_RATIO
    sid = len(pp.sid) == len(ep.sid) > 0 and sum(a != b for a, b in zip(pp.sid, ep.sid)) <= 2
    return name or sid


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def _sure(ctx: Ctx, form: str, f: str, a: str, b: str) -> bool:
    """Whether two values compare() found DIFFERENT differ beyond what OCR slips explain."""
    column = next((c for c in (*ctx.campaign.forms[form].columns, *ctx.campaign.forms[form].fields) if c.key == f), None)
    if ctx.campaign.vocabulary(f) is not None or (column is not None and column.type == "int"):
        return True
    if f == SID or (column is not None and column.type == "student_id"):
        sa, sb = textnorm.student_id(a), textnorm.student_id(b)
        return len(sa) != len(sb) or sum(x != y for x, y in zip(sa, sb)) > 2
    sa, sb = textnorm.squash(a), textnorm.squash(b)
    if sa.isdigit() and not sb.isdigit():  # a number read with letters or marks in it: the reading is broken
        return False
    if sa in sb or sb in sa:  # the expected value inside the reading (a stray mark, a cut-off cell)
        return False
    return not _slip(sa, sb)


def _slip(a: str, b: str) -> bool:
    """Whether ``b`` could be ``a`` misread: one character dropped, added or swapped (a rare
    character in a name), or for longer texts one edit in six."""
    return _edits(a, b) <= max(1, min(len(a), len(b)) // 6)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _people_differences(ctx: Ctx, dl, paper: list[Doc], digital: list[Doc], out: Outcome) -> None:
    fields = _compared(ctx, dl.form)
    on_paper = [p for d in paper for p in people_of(d)]
    electronic = unique([p for d in digital for p in people_of(d)])
    pairs, paper_only = _pair(ctx, on_paper, electronic)
    for pp, ep, sure_pair in pairs:
        for f in fields:
            a, b = (ep.cells.get(f) or "").strip(), (pp.cells.get(f) or "").strip()
            if not (a and b):
                continue
            verdict = compare(ctx.campaign, f, a, b)
            seen = _seen(pp, f, a) if verdict is not Verdict.SAME else None
            if verdict is Verdict.SAME or (seen is not None and seen.outcome == "match"):
                out.verified.add((pp.doc.file, f, pp.row))
            elif (verdict is Verdict.DIFFERENT and sure_pair and trusted(ctx, pp.doc, f, pp.row)
                  and _sure(ctx, dl.form, f, a, b) and (seen is None or seen.outcome == "contradiction")):
                out.mismatches.append(Finding(
                    f"{pp.label}的“{f}”纸质版与电子版不一致：电子版为“{a}”（{ep.where}），"
                    f"纸质版扫描件为“{b}”（{pp.where}）。",
                    college=pp.doc.college, deliverable=dl.key, student_id=ep.sid or pp.sid or None,
                    name=ep.name or pp.name or None, file=pp.doc.file, field=f, expected=a, found=b,
                    evidence=cell_evidence(pp.doc, f, pp.row)))
            else:
                out.verified.add((pp.doc.file, f, pp.row))  # reported here, with both values
                out.doubts.append(_doubt(ctx, pp, ep, f, a, b))
    # a person on paper is surely absent from the electronic copy only when every electronic file
    # of the deliverable was read as a person (an A5 laid out in a way not read names nobody)
    read_all = all(people_of(d) for d in digital)
    for pp in paper_only:
        if read_all and trusted(ctx, pp.doc, NAME, pp.row) and trusted(ctx, pp.doc, SID, pp.row) and pp.name and pp.sid:
            out.mismatches.append(_one_side(ctx, dl, pp, "纸质版", "电子版"))
        else:
            out.doubts.append(_unpaired_doubt(ctx, dl, pp))
    paired = {id(ep) for _, ep, _ in pairs}
    missing = [ep for ep in electronic if id(ep) not in paired]
    if not missing:
        return
    if all(isinstance(d.record, FormDoc) for d in digital):  # one form per person: a sample was scanned
        out.coverage.append(_coverage(ctx, dl, missing))
    else:  # a row the reader did not find on the page (a line lost to the grid, a seal over it) is no proof
        out.doubts.extend(_unpaired_doubt(ctx, dl, ep, electronic_side=True) for ep in missing)


def _seen(pp: Person, f: str, expected: str):
    """The electronic value scored against what the recogniser saw in the paper cell
    (:func:`paperdesk.lattice.verify`): ``match`` — the cell shows it and the free reading was a
    slip (verified, no flag); ``contradiction`` — a confident reading far likelier than it (a
    mismatch stays possible); ``unsure`` — neither (a mismatch becomes a doubt for staff). None
    where no lattice was kept (the tesseract engine, a long cell)."""
    lattice = cell_lattice(pp.doc, f, pp.row)
    return None if lattice is None else lattices.verify(lattice, expected)


def _doubt(ctx: Ctx, pp: Person, ep: Person, f: str, a: str, b: str) -> Finding:
    conf = _confidence(pp.doc, f, pp.row)
    reason = next((f"（{u.reason}）" for u in pp.doc.record.paper.doubts if u.field == f and u.row == pp.row), "")
    return Finding(f"扫描件 {pp.doc.file} 中{pp.label}的“{f}”识别为“{b}”（可信度 {conf:.2f}）{reason}，电子版为“{a}”"
                   f"（{ep.where}）。两者不一致但识别不够可靠，请对照纸质原件人工核对。",
                   college=pp.doc.college, deliverable=pp.doc.deliverable, student_id=ep.sid or pp.sid or None,
                   name=ep.name or pp.name or None, file=pp.doc.file, field=f, expected=a, found=b,
                   evidence=cell_evidence(pp.doc, f, pp.row))


def _unpaired_doubt(ctx: Ctx, dl, p: Person, electronic_side: bool = False) -> Finding:
    if electronic_side:
        msg = f"《{dl.title}》电子版中的{p.label}（{p.where}）在纸质版扫描件中未能对上（可能是识别问题），请人工核对。"
    else:
        msg = (f"《{dl.title}》纸质版扫描件中识别出{p.label}（{p.where}），在电子版中未能对上"
               f"（识别不够可靠），请对照纸质原件人工核对。")
    ev = cell_evidence(p.doc, NAME, p.row) if is_scan(p.doc.record) else ()
    return Finding(msg, college=p.doc.college, deliverable=dl.key, student_id=p.sid or None, name=p.name or None,
                   file=p.doc.file, field=NAME, expected="纸质版与电子版对应", found=p.label, evidence=ev)


def _coverage(ctx: Ctx, dl, missing: list[Person]) -> Finding:
    names = "、".join(p.label for p in missing)
    college = missing[0].doc.college
    return Finding(f"《{dl.title}》有 {len(missing)} 份只收到电子版、未见纸质版扫描件：{names}。"
                   "（如纸质版只抽样扫描，可忽略；此项不是不一致。）",
                   college=college, deliverable=dl.key, field="纸质版（未扫描）", expected="纸质版扫描件",
                   found=f"{len(missing)} 份未见", severity="warning")


def _one_side(ctx: Ctx, dl, p: Person, here: str, missing: str) -> Finding:
    ev = cell_evidence(p.doc, NAME, p.row) if is_scan(p.doc.record) else ()
    return Finding(f"《{dl.title}》{here}有{p.label}（{p.where}），{missing}中没有此人。",
                   college=p.doc.college, deliverable=dl.key, student_id=p.sid or None, name=p.name or None,
                   file=p.doc.file, expected="纸质版与电子版都有此人", found=f"只在{here}中", evidence=ev)


def _header_differences(ctx: Ctx, dl, paper: list[Doc], digital: list[Doc], out: Outcome) -> None:
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
            if not (a and b) or _same_header(ctx, k, a, b):
                if a and b:
                    out.verified.add((d.file, k, None))
                continue
            out.verified.add((d.file, k, None))
            year = ctx.default_year()
            counts = textnorm.to_int(a) is not None and textnorm.to_int(b) is not None
            periods = parse_period(a, year) is not None and parse_period(b, year) is not None
            sure = not _doubted(d, k, None) and trusted_header(ctx, d, k) and (counts or periods)
            finding = Finding(f"《{dl.title}》表头“{k}”纸质版与电子版不一致：电子版为“{a}”（{ref.file}），"
                              f"纸质版扫描件为“{b}”（{d.file}）。" + ("" if sure else "识别不够可靠，请人工核对。"),
                              college=d.college, deliverable=dl.key, file=d.file, field=k, expected=a, found=b,
                              evidence=cell_evidence(d, k, None))
            (out.mismatches if sure else out.doubts).append(finding)


def trusted_header(ctx: Ctx, d: Doc, key: str) -> bool:
    """A scanned header field read without doubt (header fields carry no per-cell confidence
    unless the reader doubted them)."""
    return not any(u.field == key and u.row is None and u.confidence < ctx.checks.ocr_min_confidence
                   for u in d.record.paper.doubts)


def _same_header(ctx: Ctx, key: str, a: str, b: str) -> bool:
    """Header fields by meaning: the same college, the same period, the same count."""
    if compare(ctx.campaign, key, a, b) is Verdict.SAME:
        return True
    ca, cb = ctx.campaign.find_college(a), ctx.campaign.find_college(b)
    if ca and ca == cb:
        return True
    year = ctx.default_year()
    pa, pb = parse_period(a, year), parse_period(b, year)
    return pa is not None and pa == pb


# ---------------------------------------------------------------- doubtful readings


@rule("OCR_LOW_CONFIDENCE", severity="warning")
def ocr_low_confidence(ctx: Ctx) -> Iterator[Finding]:
    """One flag per field of a scanned form read with a confidence below ``ocr_min_confidence``
    or doubted by the reader (free-text fields excepted: they are not compared), and per seal
    whose ring text could not be read well enough to say whose seal it is."""
    outcome = compare_paper(ctx)
    yield from outcome.doubts
    for d in scans(ctx):
        yield from _doubtful_fields(ctx, d, outcome.verified)
        yield from unreadable_seals(ctx, d)


def _doubtful_fields(ctx: Ctx, d: Doc, verified: set) -> Iterator[Finding]:
    """Low-confidence or doubted cells, except those the electronic twin verified (the reading
    agrees with it) or that the comparison already reported with both values."""
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
        if f in long or (f, row) in seen or (conf >= least and (f, row) not in reasons) or (d.file, f, row) in verified:
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
