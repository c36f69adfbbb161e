"""Label/value tables in a docx (the A5 approval form; also a case's author table).

A label cell is one whose text matches a field label loosely ("姓 名", "学号：", full-width
colons). Its value is the next distinct cell to the right (merged cells count once), or, when
the label has nothing to its right, the distinct cell below. A cell that starts with a label
and a colon ("学院党委意见：\\n同意") holds its own value.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from docx.table import Table, _Cell

from paperdesk import textnorm
from paperdesk.campaign import Campaign, FormDef
from paperdesk.models import FormDoc
from extractors.docx_walk import cell_lines, grid
from extractors.labels import Matcher, is_blank
from extractors.tables import deliverable_of

MIN_FORM_LABELS = 6  # a table with this many of a form's labels is that form
NAME = "姓名"
#: a line of an opinion box holding only its printed signature prompts ("签字：（盖章） 日期：年 月 日")
_TICK = "☑✓✔√■●☒▣"
_BOX = "□☐○"
_PROMPT_ONLY = re.compile(r"^(?:签字|签名|盖章|日期|年|月|日)*$")


def form_matcher(form: FormDef) -> Matcher:
    return Matcher({f.key: f.aliases for f in form.fields})


def read_pairs(tables: Iterable[Table], matcher: Matcher) -> dict[str, list[str]]:
    """Label key -> value lines, over all tables (first occurrence of a key wins)."""
    out: dict[str, list[str]] = {}
    for table in tables:
        rows = grid(table)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if c > 0 and row[c - 1]._tc is cell._tc or r > 0 and _same_above(rows, r, c):
                    continue  # a merged cell already seen
                hit = _label_in(cell, matcher)
                if hit and hit[0] not in out:
                    key, inline = hit
                    out[key] = inline if inline else _neighbour(rows, r, c, matcher)
    return out


def _same_above(rows: list[list[_Cell]], r: int, c: int) -> bool:
    above = rows[r - 1]
    return c < len(above) and above[c]._tc is rows[r][c]._tc


def _label_in(cell: _Cell, matcher: Matcher) -> tuple[str, list[str]] | None:
    """(key, inline value lines) when the cell is a label; inline is [] for a bare label."""
    lines = cell_lines(cell)
    if not lines:
        return None
    whole = matcher.match("".join(lines))
    if whole:
        return whole, []
    m = re.match(r"^(.{1,14}?)\s*(?:\([^()]{0,8}\))?\s*:\s*(.*)$", lines[0])
    if m and (key := matcher.match(m.group(1))):
        rest = [m.group(2)] if m.group(2) else []
        return key, rest + lines[1:]
    return None


def _neighbour(rows: list[list[_Cell]], r: int, c: int, matcher: Matcher) -> list[str]:
    """The value lines right of (r, c); else — nothing to the right, or another label there (a row
    of labels with their values in the row below) — below it; [] when that cell is a label too."""
    tc = rows[r][c]._tc
    right = next((cell for cell in rows[r][c + 1:] if cell._tc is not tc), None)
    below = next((row[c] for row in rows[r + 1:] if c < len(row) and row[c]._tc is not tc), None)
    target = right if right is not None and not _label_in(right, matcher) else below
    if target is None or _label_in(target, matcher):
        return []
    return cell_lines(target)


def best_form(tables: list[Table], campaign: Campaign) -> tuple[str, dict[str, list[str]]] | None:
    """The label/value form (kind ``form``) whose labels the tables hold most, if ≥ MIN_FORM_LABELS."""
    best = None
    for fid, form in campaign.forms.items():
        if form.kind != "form":
            continue
        pairs = read_pairs(tables, form_matcher(form))
        need = min(MIN_FORM_LABELS, len(form.fields))
        if len(pairs) >= need and (best is None or len(pairs) > len(best[1])):
            best = (fid, pairs)
    return best


def form_groups(tables: list[Table], campaign: Campaign, form_id: str) -> list[dict[str, list[str]]]:
    """The label/value pairs of each copy of form ``form_id`` in a document that holds several (a
    college's ten A5s in one .docx, one table each): a table that labels a 姓名 while the copy
    being read already has one starts the next copy; a table without one (the opinions' table
    after the main one) belongs to the copy before it. Only copies with MIN_FORM_LABELS labels
    count; one copy or none: []."""
    form = campaign.forms[form_id]
    matcher = form_matcher(form)
    need = min(MIN_FORM_LABELS, len(form.fields))
    groups: list[list[Table]] = []
    named = False
    for table in tables:
        has_name = NAME in read_pairs([table], matcher)
        if not groups or (has_name and named):
            groups.append([])
            named = False
        groups[-1].append(table)
        named = named or has_name
    copies = [pairs for g in groups if len(pairs := read_pairs(g, matcher)) >= need and NAME in pairs]
    return copies if len(copies) > 1 else []


#: a form read from running text must show this many of its labels, in the form's order
TEXT_FORM_LABELS = 10


def text_form(lines: list[str], campaign: Campaign) -> tuple[str, dict[str, list[str]]] | None:
    """A label/value form typed as running text, or left so by a conversion that lost its table
    ("姓名吴晟性别男学号201701010210学院文学院…"): each field's label looked for after the one
    before it, in the form's order, its value the text up to the next label found. Only a text
    showing TEXT_FORM_LABELS of the form's labels that way is taken for the form."""
    text = "\n".join(lines)
    best = None
    for fid, form in campaign.forms.items():
        if form.kind != "form":
            continue
        spots, pos = [], 0
        for f in form.fields:
            hits = [(m.start(), m.end()) for label in f.labels
                    if (m := re.compile(r"\s*".join(map(re.escape, textnorm.squash(label)))).search(text, pos))]
            if hits:
                start, end = min(hits, key=lambda h: (h[0], -h[1]))  # the earliest, the longest label there
                spots.append((f.key, start, end))
                pos = end
        if len(spots) >= TEXT_FORM_LABELS and (best is None or len(spots) > len(best[1])):
            pairs = {}
            for i, (key, _start, end) in enumerate(spots):
                stop = spots[i + 1][1] if i + 1 < len(spots) else len(text)
                value = text[end:stop].strip(" ：:\u3000\t")
                pairs[key] = [t for t in (x.strip() for x in value.splitlines()) if t]
            best = (fid, pairs)
    return best


def to_form_doc(display: str, campaign: Campaign, form_id: str, pairs: Mapping[str, list[str]]) -> FormDoc:
    """FormDoc with canonical keys in the form's order: long fields keep their lines (printed
    signature prompts dropped), 学号 fields are normalised, tick-box choices read as the ticked
    option, blanks ('____') read as ''."""
    form = campaign.forms[form_id]
    fields: dict[str, str] = {}
    for f in form.fields:
        if f.key not in pairs:
            continue
        lines = pairs[f.key]
        if f.long:
            value = "\n".join(t for t in lines if not _PROMPT_ONLY.match(textnorm.squash(t)))
        else:
            value = textnorm.clean(" ".join(lines))
            vocab = campaign.vocabulary(f.key)
            options = tuple(t for t, _ in vocab.spellings()) if vocab else f.values
            if options:
                value = ticked(value, options)
        if f.type == "student_id":
            value = textnorm.student_id(value)
        fields[f.key] = "" if is_blank(value) else value
    return FormDoc(source=display, form=form_id, fields=fields, deliverable=deliverable_of(campaign, form_id))



def ticked(value: str, options: tuple[str, ...]) -> str:
    """A choice typed as tick boxes ("☑学生带班党员标兵 □优秀学生带班党员") -> the ticked option;
    '' when boxes are there but none is ticked; anything else unchanged."""
    if not any(ch in value for ch in _TICK + _BOX):
        return value
    for opt in sorted(options, key=len, reverse=True):
        if re.search(rf"[{_TICK}]\s*{re.escape(opt)}|{re.escape(opt)}\s*[(]\s*[{_TICK}]\s*[)]", value):
            return opt
    return ""
