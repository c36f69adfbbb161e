"""Seals on scans of paper deliverables: SEAL_MISSING, and the seal's part of COLLEGE_CONFLICT.

- A scanned document of a paper deliverable (one A5, one A4, one A2, the work summary) must carry
  a seal on at least one of its pages: a seal-finder confidence ≥ ``checks.seal_min_confidence``.
- Whose seal it is (:func:`seal_verdict`) is judged from the ring text against the file's own
  college first: OCR of a curved ring is rough, so the text only has to resemble the own college
  (the school name and 委员会 cut off); it names *another* college only when it resembles that one
  clearly and clearly better. :func:`seal_conflicts` (yielded by
  ``intake_rules.college_conflict``, the one COLLEGE_CONFLICT rule) reports a seal of another
  college and a seal that is not a party committee's; a ring text that resembles no college is
  left to OCR_LOW_CONFIDENCE (:func:`unreadable_seals`): staff look, nobody guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Iterator

from paperdesk import textnorm
from paperdesk.campaign import Campaign
from paperdesk.models import SEAL_EVIDENCE_FLOOR, ImageFile, SealCheck

from checks.context import Ctx, Doc
from checks.registry import Finding, rule
from checks.scans import SEAL, evidence, pages_text, paper_deliverable, scans, title, who

#: ring text this similar to the file's own college (or holding this share of its name's characters,
#: in order) is that college's seal: the seal is there; its text only has to be plausible
OWN_MIN = 0.33
#: another college is named only from this similarity on, and this much above the own college
OTHER_MIN, OTHER_MARGIN = 0.75, 0.15
#: the college a ring text names outright (:func:`named_college`): a name or alias this similar
NAMED_MIN = 0.7
_NOT_PARTY = ("团", "青", "学生会")
_COMMITTEE = "委员会"


@rule("SEAL_MISSING", severity="error")
def seal_missing(ctx: Ctx) -> Iterator[Finding]:
    """One flag per scanned document of a paper deliverable none of whose pages carries a seal
    found with at least ``seal_min_confidence``: an error when no page shows even a seal-like
    mark (nothing from the evidence floor on), a warning with the mark's crop when one does
    but too unsure to count (a faint or partly covered seal is not proof of a missing one);
    evidence: each page (or its best seal-like mark). A warning too when an image right after it
    that may be its further page was not read as a scan. A document scanned one page a file
    (``审批表_张三_1.jpg`` then ``_2.jpg``, ``scan004.jpg`` then ``scan005.jpg``, a phone's
    ``IMG_…_101512.jpg`` then ``IMG_…_101521.jpg``: :func:`paper_documents`) is one document:
    the seal on its second page counts for the first."""
    least = ctx.checks.seal_min_confidence
    docs = paper_documents(ctx)
    spare = _spare_sealed_pages(ctx, docs)
    for doc in docs:
        pages = doc.pages
        if any(_sealed(p, least) for p in pages):
            continue
        seals = [s for d in pages for s in d.record.paper.seals]
        d = pages[0]
        info = d.record.paper
        best = max(seals, key=lambda s: s.confidence, default=None)
        unsure = best is not None and best.bbox is not None and best.confidence >= SEAL_EVIDENCE_FLOOR
        sid, name = next(((i, n) for i, n in map(who, pages) if i or n), (None, None))
        whose = f"{name}的" if name else ""
        files = "、".join(f"{x.file} 第{pages_text(x.record.paper)}页" for x in pages)
        where = f"《{title(ctx, d.deliverable)}》{whose}纸质版扫描件（{files}）"
        others = spare.get((d.college, d.deliverable), [])
        if doc.unread:
            unread = "、".join(x.file for x in doc.unread)
            message = (f"{where}未检测到{ctx.checks.seal_name}；其后的图片（{unread}）可能是它的其余页，"
                       f"未能作为扫描件读取，请对照纸质原件人工核对。")
        elif others:
            message = (f"{where}未检测到{ctx.checks.seal_name}；该学院另有盖章的扫描页未能对应到人"
                       f"（{'、'.join(x.file for x in others)}），可能是此表的其余页，请对照纸质原件人工核对。")
        elif unsure:
            message = (f"{where}未能确认加盖了{ctx.checks.seal_name}：最像印章的痕迹（第{best.page}页）可信度 "
                       f"{best.confidence:.2f}，低于 {least:.2f}，请对照纸质原件人工核对。")
        else:
            doubt = (f"（最像印章的痕迹可信度 {best.confidence:.2f}，低于 {least:.2f}）"
                     if best is not None and best.bbox and best.confidence > 0 else "")
            message = f"{where}未检测到{ctx.checks.seal_name}{doubt}。"
        yield Finding(message, college=d.college, deliverable=d.deliverable, student_id=sid, name=name, file=d.file,
                      field=f"第{info.pages[0] if info.pages else '?'}页{SEAL}", expected=ctx.checks.seal_name,
                      found=f"疑似印章（可信度 {best.confidence:.2f}）" if unsure else "未检测到印章",
                      evidence=tuple(p for x in pages for s in x.record.paper.seals for p in evidence(x, s.crop)),
                      severity="warning" if unsure or doc.unread or others else None)


def _numbered(display: str) -> tuple[str, int, str] | None:
    """(what comes before, the value of, what comes after) the last number in a file's path
    without its extension: "扫描/scan004.jpg" -> ("扫描/scan", 4, ""); None without one."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", display)
    m = re.fullmatch(r"(.*?)(\d{1,6})(\D*)", stem, re.S)
    return (m.group(1), int(m.group(2)), m.group(3)) if m else None


def next_page(before: str, after: str) -> bool:
    """Whether ``after`` may be the file a scanner or a phone wrote after ``before``: the same
    name but a higher last number (scan004 -> scan005, 审批表_张三_1 -> 审批表_张三_2, a phone's
    IMG_20200622_101512 -> IMG_20200622_101521). :func:`paper_documents` asks it of files next
    to each other in name order only."""
    a, b = _numbered(before), _numbered(after)
    return a is not None and b is not None and (a[0], a[2]) == (b[0], b[2]) and b[1] > a[1]


@dataclass
class PaperDocument:
    """The scanned files of one paper document, and the images next to them that may be further
    pages but were not read as scans (a photo taken for a picture: its seal is unknown)."""

    pages: list[Doc]
    unread: list[Doc] = field(default_factory=list)


def _natural(display: str) -> tuple:
    """A file's path in the order a person (and a scanner) counts: 扫描件_2 before 扫描件_10."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", display))


def _spare_sealed_pages(ctx: Ctx, docs: list[PaperDocument]) -> dict[tuple, list[Doc]]:
    """Per college and per-person deliverable, the sealed pages that name nobody (an A5's second
    page) when there are more of them than documents that owe their seal to such a page: a form's
    first page scanned by one device and its second by another (IMG_4127.JPG, then 扫描件_5.jpg)
    cannot be put together by name, and one of them may be the second page of an unsealed form."""
    least = ctx.checks.seal_min_confidence
    nameless = [d for d in scans(ctx) if who(d) == (None, None) and _sealed(d, least)]
    out: dict[tuple, list[Doc]] = {}
    for dl in ctx.campaign.deliverables:
        if not (dl.paper and dl.per_person):
            continue
        for college in {d.college for d in nameless}:
            pool = [d for d in nameless if d.college == college and d.deliverable in (None, "", dl.key)]
            owing = sum(1 for doc in docs if doc.pages[0].college == college and doc.pages[0].deliverable == dl.key
                        and not any(_sealed(p, least) for p in doc.pages if who(p) != (None, None))
                        and any(_sealed(p, least) for p in doc.pages))
            if len(pool) > owing:
                out[(college, dl.key)] = sorted(pool, key=lambda d: _natural(d.file))
    return out


def _sealed(d: Doc, least: float) -> bool:
    """Whether a scanned file carries a seal found with at least ``least``."""
    return any(s.confidence >= least for s in d.record.paper.seals)


def paper_documents(ctx: Ctx) -> list[PaperDocument]:
    """The scans of paper deliverables as documents (see :func:`seal_missing`): one file each,
    except that

    - a form scanned or photographed a page a file takes the files right after it in natural
      name order that the scanner or phone named next (:func:`next_page`) and that name nobody and
      no other deliverable (the second page of an A5: its opinions and seal, read as text); such
      a file that is an image not read as a scan is kept as ``unread``;
    - the files of one college and deliverable that name the same person (an A5 scanned twice),
      or, for a deliverable that is not per person, all its files, are one document: a seal on
      any of them may be the document's."""
    scanned = {id(d.ident) for d in scans(ctx)}
    loose = [Doc(f, f.record) for f in ctx.files() if id(f) in scanned or isinstance(f.record, ImageFile)]
    loose.sort(key=lambda d: (d.college or "", _natural(d.file)))
    runs: list[PaperDocument] = []
    last: Doc | None = None
    for d in loose:
        run = runs[-1] if runs else None
        if (run is not None and run.pages and last.college == d.college and next_page(last.file, d.file)
                and d.deliverable in (None, "", run.pages[0].deliverable) and who(d) == (None, None)):
            (run.pages if id(d.ident) in scanned else run.unread).append(d)
        elif id(d.ident) in scanned:
            runs.append(PaperDocument([d]))
        else:
            runs.append(PaperDocument([], [d]))
        last = d
    merged: dict[tuple, PaperDocument] = {}
    out: list[PaperDocument] = []
    for run in runs:
        if not run.pages or not paper_deliverable(ctx, run.pages[0].deliverable):
            continue
        first = run.pages[0]
        sid, name = next(((i, n) for i, n in map(who, run.pages) if i or n), (None, None))
        if not ctx.campaign.deliverable(first.deliverable).per_person:
            keys = [(first.college, first.deliverable)]
        else:  # one person by 学号 or by name (a speck read into a 学号 on one scan of two)
            keys = [(first.college, first.deliverable, k) for k in (sid, textnorm.person_name(name or "")) if k]
        into = next((merged[k] for k in keys if k in merged), None)
        if into is None:
            out.append(run)
            into = run
        else:
            into.pages.extend(run.pages)
            into.unread.extend(run.unread)
        merged.update({k: into for k in keys})
    return out


# ---------------------------------------------------------------- whose seal


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def _best_window(text: str, word: str) -> tuple[float, int]:
    """(best similarity of a ``len(word)`` window of ``text`` to ``word``, end of that window)."""
    best, end = 0.0, 0
    for i in range(max(1, len(text) - len(word) + 1)):
        score = _similar(text[i:i + len(word)], word)
        if score > best:
            best, end = score, i + len(word)
    return best, end


def ring_core(ring_text: str, school: str) -> str:
    """The part of a ring text that names the college: after the school name (when it resembles
    it), before a trailing 委员会."""
    text = textnorm.squash(ring_text)
    school = textnorm.squash(school)
    if school:
        score, end = _best_window(text, school)
        if score >= 0.5:
            text = text[end:]
    tail = textnorm.squash("委员会")
    if len(text) > len(tail) and _similar(text[-len(tail):], tail) >= 0.34:
        text = text[:-len(tail)]
    return text


def _coverage(core: str, name: str) -> float:
    """Share of ``name``'s characters found, in order, in ``core`` (OCR drops and swaps glyphs of
    a ring; what it keeps stays in order)."""
    if not core or not name:
        return 0.0
    matched = sum(b.size for b in SequenceMatcher(None, core, name, autojunk=False).get_matching_blocks())
    return matched / len(name)


def _college_score(core: str, college) -> float:
    return max(_similar(core, textnorm.squash(n)) for n in (college.name, *college.aliases))


def _own_score(core: str, college) -> float:
    return max(max(_similar(core, k), _coverage(core, k) if len(k) >= 4 else 0.0)
               for k in (textnorm.squash(n) for n in (college.name, *college.aliases)))


def _name_score(core: str, key: str) -> float:
    """How well ``key`` (a squashed college name or alias) occurs in ``core``; short keys must be exact."""
    if len(key) < 2:
        return 0.0
    if len(key) <= 3:
        return 1.0 if key in core else 0.0
    return _best_window(core, key)[0]


def named_college(ring_text: str, campaign: Campaign) -> str | None:
    """The official college whose name or alias the ring text holds (≥ :data:`NAMED_MIN` of a
    window's characters; the longer name wins a tie), None when none does."""
    text = textnorm.squash(ring_text)
    if not text:
        return None
    core = text.replace(textnorm.squash(campaign.school), "") if campaign.school else text
    best, best_score = None, 0.0
    for college in campaign.colleges:
        for name in (college.name, *college.aliases):
            key = textnorm.squash(name)
            score = _name_score(core, key)
            if score > best_score or (score == best_score and best and len(key) > len(best[1])):
                best, best_score = (college.name, key), score
    return best[0] if best and best_score >= NAMED_MIN else None


def is_party_committee(ring_text: str) -> bool:
    """A party committee's seal: 中共…委员会, either end surviving OCR; not the Youth League's."""
    text = textnorm.squash(ring_text)
    if not text or any(w in text for w in _NOT_PARTY):
        return False
    return _best_window(text, _COMMITTEE)[0] >= 0.66 or ("中" in text[:3] and "员" in text[-4:])


def seal_verdict(seal: SealCheck, own: str | None, campaign: Campaign) -> tuple[str, str | None]:
    """("own" | "other" | "unreadable", the other college): see the module docstring."""
    core = ring_core(seal.ring_text, campaign.school)
    if not core:
        return "unreadable", None
    scores = {c.name: _college_score(core, c) for c in campaign.colleges}
    mine = max(scores.get(own, 0.0), _own_score(core, campaign.college(own))) if own and campaign.college(own) else 0.0
    other, best = max(((n, v) for n, v in scores.items() if n != own), key=lambda p: (p[1], p[0]), default=(None, 0.0))
    if other and best >= OTHER_MIN and best >= mine + OTHER_MARGIN:
        return "other", other
    said_own = own is not None and named_college(seal.ring_text, campaign) == own  # names it outright
    return ("own", None) if own and (mine >= OWN_MIN or said_own) else ("unreadable", None)


def not_party(seal: SealCheck, college: str) -> bool:
    """A seal that is not a party committee's: a youth-league/student-union seal, or one whose text
    ends with the college's name (the administrative seal 肇庆学院XX学院: nothing after it)."""
    text = textnorm.squash(seal.ring_text)
    if any(w in text for w in _NOT_PARTY):
        return True
    if is_party_committee(seal.ring_text):
        return False
    score, end = _best_window(text, textnorm.squash(college))
    return score >= 0.75 and len(text) - end <= 1


def _stamped(ctx: Ctx) -> Iterator[tuple[Doc, SealCheck, str, str | None]]:
    """Every seal found on a scan (confidence ≥ the threshold) with its verdict."""
    for d in scans(ctx):
        for s in d.record.paper.seals:
            if s.confidence >= ctx.checks.seal_min_confidence:
                yield (d, s, *seal_verdict(s, d.college, ctx.campaign))


def _whose(ctx: Ctx, college: str | None, default: str = "") -> str:
    """The seal a college's paper copy must carry, named: 数学与统计学院党委公章 (seal_name 学院党委公章)."""
    return f"{college or default}{ctx.checks.seal_name.removeprefix('学院')}"


def seal_conflicts(ctx: Ctx) -> Iterator[Finding]:
    """COLLEGE_CONFLICT findings from seals: a seal whose ring text names another college than the
    file's, or that is not a party committee's seal."""
    for d, s, verdict, other in _stamped(ctx):
        said = f"印章文字识别为「{s.ring_text}」"
        if verdict == "other":
            msg = f"{d.file} 第{s.page}页的印章不是本学院的：{said}，像是{other}的印章，文件按{d.college}处理，请核实。"
            found = other
        elif verdict == "own" and ctx.checks.seal_party_committee and not_party(s, d.college):
            msg = f"{d.file} 第{s.page}页的印章不是学院党委公章：{said}，应为“中共……委员会”的党委公章，请核实。"
            found = f"非党委公章（{s.ring_text}）"
        else:
            continue
        sid, name = who(d)
        yield Finding(msg, college=d.college, deliverable=d.deliverable, student_id=sid, name=name, file=d.file,
                      field=f"第{s.page}页{SEAL}", expected=_whose(ctx, d.college), found=found,
                      evidence=evidence(d, s.crop))


def unreadable_seals(ctx: Ctx, d: Doc) -> Iterator[Finding]:
    """OCR_LOW_CONFIDENCE findings of scan ``d``: seals whose ring text resembles no college."""
    sid, name = who(d)
    for s in d.record.paper.seals:
        if s.confidence < ctx.checks.seal_min_confidence or seal_verdict(s, d.college, ctx.campaign)[0] != "unreadable":
            continue
        read = f"识别为「{s.ring_text}」" if s.ring_text else "无法识别"
        yield Finding(f"{d.file} 第{s.page}页印章文字{read}，无法确认是否为{_whose(ctx, d.college, '本学院')}，请人工核对。",
                      college=d.college, deliverable=d.deliverable, student_id=sid, name=name, file=d.file,
                      field=f"第{s.page}页{SEAL}", expected=_whose(ctx, d.college), found=s.ring_text or "（无法识别）",
                      evidence=evidence(d, s.crop))
