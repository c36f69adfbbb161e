"""A1 case documents: title, author, the four sections, the pictures and their captions.

Reading order over the body (table cells in place). The first non-empty paragraph is the title
(a bare "附件1" line above it is skipped). Before the first section heading, a paragraph of
"姓名/作者：… 学号：… 学院：… 所带班级：…" pairs is the author line (an author table — a table
with ≥ 2 author labels — works too). A heading is a paragraph naming a section (key, label or
alias of the campaign's case form) after optional numbering — "一、" "1、" "（一）" "第一部分" —
or, unnumbered, when it is the whole paragraph or has a heading style. Captions are the
paragraph directly under a picture (not a heading, ≤ 40 characters, not a sentence ending in 。
unless ≤ 20), text beside a picture in its paragraph, a "Caption"/"题注" style or "图1…"
paragraph (a caption ABOVE its picture is dropped from the text but not attached to it).

``body`` is every other paragraph after the title (headings included, as they are case text),
joined by newlines; ``sections`` holds each section's text without its heading line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.document import Document

from paperdesk import textnorm
from paperdesk.campaign import Campaign, FormDef
from paperdesk.models import CaseDoc, ImageRef
from extractors.docx_form import read_pairs
from extractors.docx_walk import Block, Pic, blocks
from extractors.image_file import is_life_photo
from extractors.labels import FIELD_ALIASES, Matcher, parse_fields
from extractors.tables import deliverable_of

MAX_CAPTION_CHARS = 40  # a paragraph under a picture longer than this is body text …
SHORT_SENTENCE = 20  # … and so is one ending in 。 unless it is this short
_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.,]|[(]\s*[一二三四五六七八九十\d]+\s*[)]\s*[、.]?"
    r"|\d+\s*[、.,)]|第[一二三四五六七八九十\d]+(?:部分|节)\s*[:、]?)\s*")
_FIGURE = re.compile(r"^图\s*[\d一二三四五六七八九十]+|^图\s*[:：]")
_ANNEX = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]?$")
_AFTER_LABEL = re.compile(r"^[\s:、,，.。;；—\-_~!！?？]+|^$")


def _loose(label: str) -> re.Pattern:
    """A heading label typed with spaces or punctuation between its characters."""
    return re.compile(r"[\s、,，.:：]*".join(re.escape(ch) for ch in textnorm.squash(label)))


def case_forms(campaign: Campaign) -> dict[str, FormDef]:
    return {fid: f for fid, f in campaign.forms.items() if f.kind == "case"}


def heading_of(block: Block, form: FormDef, seen: set[str]) -> tuple[str, str] | None:
    """(section key, text after the heading label) when the block heads a section not yet seen."""
    half = textnorm.to_halfwidth(block.text)  # index-aligned with block.text
    m = _NUMBER.match(half)
    numbered = m is not None
    start = m.end() if m else 0
    rest = half[start:]
    styled = block.style.lower().startswith(("heading", "标题"))
    for sec in form.sections:
        if sec.key in seen:
            continue
        for label in sorted({sec.key, _NUMBER.sub("", sec.label), *sec.aliases}, key=len, reverse=True):
            hit = _loose(label).match(rest)
            if not hit:
                continue
            after = rest[hit.end():]
            if (numbered or styled or not textnorm.squash(after)) and _AFTER_LABEL.match(after):
                inline = block.text[start + hit.end():]
                return sec.key, re.sub(r"^[\s:：、,，.。;；—\-_~]+", "", inline).strip()
    return None


def count_headings(doc_blocks: list[Block], form: FormDef) -> int:
    """How many distinct sections of ``form`` the blocks have headings for."""
    seen: set[str] = set()
    for b in doc_blocks:
        hit = heading_of(b, form, seen)
        if hit:
            seen.add(hit[0])
    return len(seen)


@dataclass
class _Reader:
    form: FormDef
    campaign: Campaign
    skip_tables: set[int]
    title: str = ""
    author: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    pics: dict[str, tuple[Pic, str]] = field(default_factory=dict)  # key -> (pic, caption)
    pending: list[str] = field(default_factory=list)  # pictures waiting for a caption
    current: str | None = None

    def feed(self, b: Block) -> None:
        if b.table in self.skip_tables:
            return
        if b.pics:
            self._pictures(b)
        elif not b.text:
            return
        elif not self.title:
            if not _ANNEX.match(b.text):  # "附件1" above the title
                self.title = b.text
        elif self._caption(b):
            return
        else:
            self.pending = []
            self._text(b)

    def _pictures(self, b: Block) -> None:
        self.pending = []
        for pic in b.pics:
            if pic.key not in self.pics:
                self.pics[pic.key] = (pic, b.text or pic.descr)
                self.pending.append(pic.key)
        if b.text:  # text beside the picture is its caption
            self.pending = []

    def _caption(self, b: Block) -> bool:
        styled = b.style.lower() in ("caption", "题注") or bool(_FIGURE.match(b.text))
        n = len(b.text)
        under = bool(self.pending) and n <= MAX_CAPTION_CHARS and (n <= SHORT_SENTENCE or not b.text.endswith("。"))
        if not (styled or under) or heading_of(b, self.form, set(self.sections)):
            return False
        for key in self.pending:
            pic, _ = self.pics[key]
            self.pics[key] = (pic, b.text)
        self.pending = []
        return True

    def _text(self, b: Block) -> None:
        hit = heading_of(b, self.form, set(self.sections))
        if hit:
            self.current = hit[0]
            self.sections[hit[0]] = [hit[1]] if hit[1] else []
            self.body.append(b.text)
            return
        if self.current is None:
            found = parse_fields([b.text], author_spec(self.form), need_colon=True)
            if found:
                for k, v in found.items():
                    self.author.setdefault(k, v)
                return
        self.body.append(b.text)
        if self.current:
            self.sections[self.current].append(b.text)


def author_spec(form: FormDef) -> dict[str, tuple[str, ...]]:
    return {k: FIELD_ALIASES.get(k, ()) for k in form.author_fields}


def read_case(doc: Document, display: str, campaign: Campaign, form_id: str) -> CaseDoc:
    """The document as a CaseDoc of case form ``form_id`` (see module docstring)."""
    form = campaign.forms[form_id]
    matcher = Matcher(author_spec(form))
    author: dict[str, str] = {}
    skip: set[int] = set()
    for i, table in enumerate(doc.tables):
        pairs = read_pairs([table], matcher)
        if len(pairs) >= 2:
            skip.add(i)
            for k, lines in pairs.items():
                author.setdefault(k, textnorm.clean(" ".join(lines)))
    reader = _Reader(form=form, campaign=campaign, skip_tables=skip)
    for b in blocks(doc):
        reader.feed(b)
    for k, v in reader.author.items():
        author.setdefault(k, v)
    if author.get("学号"):
        author["学号"] = textnorm.student_id(author["学号"])
    body = "\n".join(reader.body)
    return CaseDoc(
        source=display, title=reader.title, author={k: v for k, v in author.items() if v},
        sections={k: "\n".join(v) for k, v in reader.sections.items()},
        body=body, char_count=textnorm.count_chars(body), images=_images(reader, campaign, display),
        deliverable=deliverable_of(campaign, form_id) or "cases")


def _images(reader: _Reader, campaign: Campaign, display: str) -> tuple[ImageRef, ...]:
    return tuple(
        ImageRef(name=pic.name, size=pic.size, caption=caption, embedded=True,
                 is_life_photo=is_life_photo(campaign, pic.name, pic.descr, caption), source=display)
        for pic, caption in reader.pics.values())
