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
from extractors.docx_walk import Block, Pic, all_tables, blocks
from extractors.base import is_life_photo
from extractors.labels import Matcher, parse_fields
from extractors.tables import deliverable_of

MAX_CAPTION_CHARS = 40  # a paragraph under a picture longer than this is body text …
SHORT_SENTENCE = 20  # … and so is one ending in 。 unless it is this short
_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.,]|[(]\s*[一二三四五六七八九十\d]+\s*[)]\s*[、.]?"
    r"|\d+\s*[、.,)]|第[一二三四五六七八九十\d]+(?:部分|节)\s*[:、]?)\s*")
_FIGURE = re.compile(r"^图\s*[\d一二三四五六七八九十]+|^图\s*[:：]")
_ANNEX = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*(?:.{0,6}(?:文本|体例|式样|模板).{0,8})?$")
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
    styled = block.style.lower().startswith(("heading", "标题")) or block.bold
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
        reworded = next((r for name in (sec.key, *sec.aliases) if (r := _reworded(name, rest)) is not None), None)
        if reworded is not None and (numbered or styled or not textnorm.squash(rest[reworded:])):
            return sec.key, re.sub(r"^[\s:：、,，.。;；—\-_~]+", "", block.text[start + reworded:]).strip()
    return None


#: a reworded heading: the words of the section's key (or of an alias) in order, joined by a
#: connective and a few words of its own, with a few characters of its own before them
#: ("工作做法及流程", "背景和起因", "主要做法与工作流程", "创新之处与评价")
_JOINS = "与和及、或暨"
_REWORD_SLACK = 4
_JOIN_SLACK = 3


def _reworded(key: str, rest: str) -> int | None:
    """Where the heading text ends when ``rest`` names section ``key`` in other words, else None."""
    parts = [w for w in re.split(f"[{_JOINS}]", key) if w]
    if len(parts) < 2:
        return None
    gap = rf"\s*[{_JOINS}、,，/]?[^\s:：。，,]{{0,{_JOIN_SLACK}}}?\s*"
    pattern = rf"^[^\s:：。，,]{{0,{_REWORD_SLACK}}}?" + gap.join(re.escape(w) for w in parts)
    m = re.match(pattern, rest)
    if not m:
        return None
    after = rest[m.end():]
    return m.end() if _AFTER_LABEL.match(after) or not after.strip() else None


def count_headings(doc_blocks: list[Block], form: FormDef) -> int:
    """How many distinct sections of ``form`` the blocks have headings for."""
    seen: set[str] = set()
    for b in doc_blocks:
        hit = heading_of(b, form, seen)
        if hit:
            seen.add(hit[0])
    return len(seen)


#: the label of a template table's title cell (a form adds its own: ``FormDef.title_labels``)
_TITLE_LABELS = ("标题", "题目", "名称")


@dataclass
class _Reader:
    form: FormDef
    campaign: Campaign
    author_cells: set[str]  # texts of the author table's label and value cells (skipped)
    title_labels: frozenset[str] = frozenset()
    title: str = ""
    author: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    pics: dict[str, tuple[Pic, str]] = field(default_factory=dict)  # key -> (pic, caption)
    pending: list[str] = field(default_factory=list)  # pictures waiting for a caption
    current: str | None = None

    title_next: bool = False

    def feed(self, b: Block) -> None:
        if b.pics:
            self._pictures(b)
        elif not b.text:
            return
        elif self.current is None and b.table is not None and textnorm.squash(b.text) in self.title_labels:
            self.title_next = not self.title  # "标题" | the title, in the template's table
        elif self.current is None and b.table is not None and textnorm.clean(b.text) in self.author_cells:
            return
        elif not self.title or self.title_next:
            self.title_next = False
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
            found = author_line(b.text, self.form)
            if found:
                for k, v in found.items():
                    self.author.setdefault(k, v)
                return
        self.body.append(b.text)
        if self.current:
            self.sections[self.current].append(b.text)


def author_spec(form: FormDef) -> dict[str, tuple[str, ...]]:
    return {k: form.field_aliases.get(k, ()) for k in form.author_fields}


_SID_IN = re.compile(r"(?<!\d)(\d{12})(?!\d)")
_NAME_SID = re.compile(r"^(?:作者|姓名)?\s*[:：]?\s*([\u3400-\u9fff·]{2,8})\s*[（(【\[]\s*(?:学号\s*[:：]?\s*)?(\d{12})\s*[)）】\]]")
_LEAD_NAME = re.compile(r"^(?:作者信息|作者|姓名)?\s*[:：]?\s*([\u3400-\u9fff]{2,4})\s+(?=\S{2,6}\s*[:：])")
_BRACKETS = " \t（()）【】[]:：,，;；|、"


def author_line(text: str, form: FormDef) -> dict[str, str]:
    """The author fields of one line before the first section: "作者：张三  学号：201706010118",
    "张三（201706010118）", "作者：张三（学号：201706010118）" (full- or half-width brackets)."""
    plain = textnorm.clean(text)
    m = _NAME_SID.match(plain)
    if m:
        return {"姓名": m.group(1), "学号": m.group(2)}
    found = parse_fields([text], author_spec(form), need_colon=True)
    if not found:
        return {}
    out = {k: v.strip(_BRACKETS) for k, v in found.items()}
    lead = _LEAD_NAME.match(plain)  # "彭晓豪 学号：… 所带班级：…": the name before the first label
    if "姓名" not in out and lead:
        out["姓名"] = lead.group(1)
    if "姓名" in out:
        name = re.split(r"[（(【\[]", out["姓名"])[0].strip(_BRACKETS)
        out["姓名"] = re.sub(r"\s+", "", name) if re.search(r"[\u3400-\u9fff]", name) else name
    if "学号" in out or _SID_IN.search(plain):
        sid = _SID_IN.search(textnorm.student_id(out.get("学号", "")) or "") or _SID_IN.search(plain.replace(" ", ""))
        if sid:
            out["学号"] = sid.group(1)
    return {k: v for k, v in out.items() if v}


def read_case(doc: Document, display: str, campaign: Campaign, form_id: str) -> CaseDoc:
    """The document as a CaseDoc of case form ``form_id`` (see module docstring)."""
    form = campaign.forms[form_id]
    matcher = Matcher(author_spec(form))
    author: dict[str, str] = {}
    cells: set[str] = set()
    for table in all_tables(doc):
        pairs = read_pairs([table], matcher)
        if len(pairs) >= 2:
            for k, lines in pairs.items():
                author.setdefault(k, textnorm.clean(" ".join(lines)))
                cells.update(textnorm.clean(t) for t in lines)
            cells.update(_label_texts(table, matcher))
    labels = frozenset(textnorm.squash(t) for t in (*_TITLE_LABELS, *form.title_labels))
    reader = _Reader(form=form, campaign=campaign, author_cells=cells, title_labels=labels)
    for b in blocks(doc):
        reader.feed(b)
    for k, v in reader.author.items():
        author.setdefault(k, v)
    if author.get("学号"):
        author["学号"] = textnorm.student_id(author["学号"])
    if not author.get("姓名") and (name := name_from_path(display, form.name_words)):
        author["姓名"] = name
    body = "\n".join(reader.body)
    return CaseDoc(
        source=display, title=reader.title, author={k: v for k, v in author.items() if v},
        sections={k: "\n".join(v) for k, v in reader.sections.items()},
        body=body, char_count=textnorm.count_chars(body),
        images=_images(reader, campaign, display, author.get("姓名", "")),
        deliverable=deliverable_of(campaign, form_id) or "cases")


def _label_texts(table, matcher: Matcher) -> set[str]:
    """The texts of a table's cells that are author labels ("姓名", "学号：")."""
    from extractors.docx_walk import unique_cells, cell_lines

    out = set()
    for cell in unique_cells(table):
        text = " ".join(cell_lines(cell))
        if text and matcher.match(text):
            out.add(textnorm.clean(text))
    return out


#: words of a document's file or folder name that are not its author's name (a form adds its own:
#: ``FormDef.name_words``)
_PATH_WORDS = r"优秀|学生|工作|文本|附件\d*|最终版|修改版|定稿|终稿|初稿|新版|副本|学院|[vV]\d+|\d+|[-_—+＋()（）【】\[\]\s.、,，]"


#: what a file is called when it is not named after its author ("张三/案例正文.docx"): a whole
#: piece equal to one of these is no name (王正文 still is)
_NOT_NAMES = frozenset("正文 全文 材料 文档 文件 稿件 范文 模板 样稿 申报 报送 提交 汇总 新建 扫描 打印 "
                       "电子版 纸质版 最新 内容 全稿 简版 详版 压缩 图片 照片".split())


def name_from_path(display: str, words: tuple[str, ...] = ()) -> str | None:
    """The author named only by the document's file or folder name ("案例-张三.docx",
    "张三/案例.docx"), ``words`` being the form's own words that are not a name."""
    path_words = re.compile("|".join([*(re.escape(w) for w in sorted(words, key=len, reverse=True)), _PATH_WORDS]))
    parts = re.split(r"[/\\!]", display)
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", parts[-1])
    for text in (stem, *(reversed(parts[:-1]))):
        pieces = [text, *re.split(r"[-_—+＋、\s]+", textnorm.clean(text))]  # "案例-彭晓豪-小小班级.docx"
        for piece in pieces:
            rest = path_words.sub("", textnorm.clean(piece))
            if (re.fullmatch(r"[\u3400-\u9fff]{2,4}", rest) and not rest.endswith(("院", "系", "部", "处", "校", "班"))
                    and rest not in _NOT_NAMES):
                return rest
    return None


def _images(reader: _Reader, campaign: Campaign, display: str, author: str = "") -> tuple[ImageRef, ...]:
    def life(pic: Pic, caption: str) -> bool:
        if is_life_photo(campaign, pic.name, pic.descr, caption):
            return True
        # a picture captioned only with its author's name ("张三", "作者：张三") is the author's photo
        bare = re.sub(r"^(作者|本人)\s*[:：]?\s*", "", textnorm.clean(caption))
        return bool(author) and textnorm.person_name(bare) == textnorm.person_name(author)

    return tuple(
        ImageRef(name=pic.name, size=pic.size, caption=caption, embedded=True, is_life_photo=life(pic, caption),
                 source=display, sha256=pic.sha256)
        for pic, caption in reader.pics.values())
