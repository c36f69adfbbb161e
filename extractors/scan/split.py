"""A multi-page scan -> its forms: which pages make up which form (all A5s of a college in one PDF,
an A4 followed by an A2, a two-page A5 …).

Contract: :func:`page_form` scores a read page against every paper form of the campaign (cases
excluded) and returns ``(form id, score)`` of the best, score in 0..1: the share of the form's
labels (A5 fields, table column headers) found as cells of the page (or opening a cell before a
colon, "姓名：张三"), plus a bonus when the text
above the table matches the form's title. :func:`split_pages` walks the pages in order: a page
whose score reaches :data:`START_SCORE` starts a new form (a table form's page that repeats its
header and has no title continues the same form); any other page continues the current form (a
second A5 page holding only 带班工作主要事迹 / 意见, the rest of a long A4) — unless its heading
names a deliverable that has no form (the work summary, 工作总结, scanned after the tables of a
college's one PDF): that page starts a free-text segment, so the form before it does not take its
seal. Pages before the first form, or of a file with no form at all, make a segment with
``form=None`` (free text).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from extractors.scan import labels
from extractors.scan.model import PageRead
from paperdesk import textnorm

START_SCORE = 0.45
TITLE_MIN_RATIO = 0.9  # a title line at least this close to a form title counts as its title
TITLE_BONUS = 0.3
HEADING_LINES = 2  # the lines of a page read as its heading


@dataclass(frozen=True)
class Segment:
    """Consecutive pages (indexes into the read pages) holding one form, or free text."""

    form: str | None
    pages: tuple[int, ...]


def page_form(campaign, page: PageRead) -> tuple[str | None, float, bool]:
    """(best form id or None, its score, whether the page's title names that form)."""
    keys = {labels.key(ct.text) for tt in page.tables for ct in tt.cells}
    # a label typed with its value in one cell ("姓名：张三") counts as the label
    keys |= {hit[0] for tt in page.tables for ct in tt.cells if (hit := labels.inline_label(ct.text))}
    keys.discard("")
    title = textnorm.squash(page.title_text)
    best: tuple[str | None, float, bool] = (None, 0.0, False)
    for form_id, fdef in campaign.forms.items():
        if fdef.kind == "case":
            continue
        columns = fdef.fields if fdef.kind == "form" else fdef.columns
        hits = sum(1 for col in columns if any(textnorm.squash(lab) in keys for lab in col.labels))
        titled = _title_matches(title, fdef.title)
        score = hits / max(1, len(columns)) + (TITLE_BONUS if titled else 0.0)
        if score > best[1]:
            best = (form_id, score, titled)
    return best


def _title_matches(text: str, title: str) -> bool:
    """Does the squashed page text contain something close to the form title?"""
    want = textnorm.squash(title)
    if not text or not want:
        return False
    if want in text:
        return True
    matcher = SequenceMatcher(None, text, want)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(want) >= TITLE_MIN_RATIO


def heads_free_deliverable(campaign, page: PageRead) -> bool:
    """Whether the page's heading (its first lines above any table) names a deliverable without a
    form (its title or one of its keywords), e.g. "电子与电气工程学院学生带班工作总结"."""
    top = page.tables[0].table.bbox[1] if page.tables else None
    lines = [w for w in page.lines if w.text.strip() and (top is None or w.bbox[3] <= top + 5)]
    head = textnorm.squash("".join(w.text for w in lines[:HEADING_LINES]))
    if not head:
        return False
    words = [w for d in campaign.deliverables if d.form is None for w in (d.title, *d.keywords)]
    return any(textnorm.squash(w) and textnorm.squash(w) in head for w in words)


def split_pages(campaign, pages: list[PageRead]) -> list[Segment]:
    """The forms of a multi-page scan (see the module docstring)."""
    segments: list[tuple[str | None, list[int]]] = []
    for i, page in enumerate(pages):
        form, score, titled = page_form(campaign, page)
        current = segments[-1][0] if segments else None
        continues_table = (
            current == form and form is not None and campaign.forms[form].kind == "table" and not titled
        )
        if score >= START_SCORE and not continues_table:
            segments.append((form, [i]))
        elif current is not None and heads_free_deliverable(campaign, page):
            segments.append((None, [i]))
        elif segments:
            segments[-1][1].append(i)
        else:
            segments.append((None, [i]))
    return [Segment(form, tuple(idx)) for form, idx in segments]
