"""Certificates: one Word file per kind, one certificate per page, and the list 证书清单.xlsx.

Every kind is the campaign's (``awards.certificates.kinds``, :mod:`paperdesk.awards`): who gets
one (a rating column of a table deliverable, or a prize of the judging), the text, the issuing
body, the Word template (``templates/…``) and the positions on pre-printed paper. Two layouts:

- **template** (default): the template's page (A4 landscape for the shipped one) is repeated per
  person, its placeholders ``{证书名称} {正文} {颁发单位} {日期} {编号}`` and the fields
  (``{姓名}`` …) filled in; the template's own formatting is kept per paragraph;
- **preprinted**: the same page size, empty but for the variable texts of ``preprinted:``, each in
  a text box at its position (millimetres from the top-left corner), for certificate paper
  that already carries the design.

Who is eligible is decided here, purely, from the run's snapshot and the flags as staff left them
(:func:`eligible`): a person with an open or confirmed error flag gets none; waived flags do not
count. Numbers are given by the caller (kept in the state database, never renumbered).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm

from paperdesk import textnorm
from paperdesk.awards import (AUTHOR_FIELDS, CERTIFICATE_FIELDS, PRIVATE_FIELDS, CertificateKind, CertificateSettings,
                              Placement, placeholders, template_path)
from paperdesk.campaign import Campaign
from paperdesk.models import Flag, Submission
from writers import atomic
from writers.judging import Entry, Verdict, errors_on
from writers.labels import is_active
from writers.masters import master_rows
from writers.xlsx_style import Col, new_workbook, table_sheet

LIST_COLUMNS = [Col("编号", text=True), Col("姓名"), Col("学号", text=True), Col("学院"), Col("类别"), Col("等级")]
LEFT_OUT_COLUMNS = [Col("类别"), Col("学院"), Col("姓名"), Col("学号", text=True), Col("等级"), Col("未发原因", max_width=60)]
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Holder:
    """Who gets a certificate of ``kind``: ``person`` is the stable key numbers are kept by."""

    kind: str
    person: str
    name: str
    student_id: str
    college: str
    level: str
    title: str = ""
    #: the other fields the text may name: the person's table row, or the author line
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Certificate:
    holder: Holder
    number: str


@dataclass(frozen=True)
class LeftOut:
    """A person with the rating or prize who gets no certificate, and why (Chinese)."""

    kind: str
    college: str
    name: str
    student_id: str
    level: str
    reason: str


def problems(campaign: Campaign) -> list[str]:
    """What in ``awards:`` does not fit the rest of the campaign (Chinese lines, naming the key)."""
    out = []
    awards = campaign.awards
    if awards is None:
        return out
    keys = {d.key for d in campaign.deliverables}
    if awards.judging.deliverable not in keys:
        out.append(f"awards.judging.deliverable：没有交付项“{awards.judging.deliverable}”（已知：{'、'.join(sorted(keys))}）")
    elif campaign.form_of(awards.judging.deliverable) is None or campaign.form_of(awards.judging.deliverable).kind != "case":
        out.append(f"awards.judging.deliverable：交付项“{awards.judging.deliverable}”的表单不是 kind: case，无法评审")
    else:
        form = campaign.form_of(awards.judging.deliverable)
        if awards.booklet:
            known = set(AUTHOR_FIELDS) | set(form.author_fields)
            for name in placeholders(awards.booklet.author_line):
                if name not in known:
                    out.append(f"awards.booklet.author_line：未知的占位符“{{{name}}}”（可用：{'、'.join(sorted(known - set(PRIVATE_FIELDS)))}）")
        for i, k in enumerate(awards.certificates.kinds if awards.certificates else ()):
            if k.source == "judging":
                out += _unknown(f"awards.certificates.kinds[{i}]", k, set(form.author_fields))
    for i, k in enumerate(awards.certificates.kinds if awards.certificates else ()):
        if k.source != "ratings":
            continue
        if k.deliverable not in keys:
            out.append(f"awards.certificates.kinds[{i}].deliverable：没有交付项“{k.deliverable}”")
            continue
        form = campaign.form_of(k.deliverable)
        if form is None or form.kind != "table" or k.field not in {c.key for c in form.columns}:
            out.append(f"awards.certificates.kinds[{i}].field：交付项“{k.deliverable}”的表格没有“{k.field}”列")
            continue
        out += _unknown(f"awards.certificates.kinds[{i}]", k, {c.key for c in form.columns})
    return out


def _unknown(where: str, kind: CertificateKind, columns: set[str]) -> list[str]:
    known = set(CERTIFICATE_FIELDS) | columns | {"正文"}
    texts = [("text", kind.text)] + [(f"preprinted[{j}].text", p.text) for j, p in enumerate(kind.preprinted)]
    return [f"{where}.{key}：未知的占位符“{{{name}}}”（可用：{'、'.join(sorted(known))}）"
            for key, text in texts for name in placeholders(text) if name not in known]


# ---------------------------------------------------------------------------- who


def rated_people(campaign: Campaign, kind: CertificateKind, submission: Submission) -> list[dict]:
    """Every person row of the kind's table deliverable (JSON-able, for the run's snapshot)."""
    form_id = campaign.deliverable(kind.deliverable).form
    return [{"college": r.college, "name": r.name, "student_id": r.sid, "level": r.cells.get(kind.field or "", ""),
             "cells": dict(r.cells), "file": r.file, "row": r.row}
            for r in master_rows(campaign, submission, form_id)]


def _same_person(flag: Flag, college: str, sid: str, name: str) -> bool:
    if flag.college != college:
        return False
    if flag.student_id:
        return textnorm.student_id(flag.student_id) == sid
    return bool(flag.name) and textnorm.squash(flag.name) == textnorm.squash(name)


def _why(flags: list[Flag]) -> str:
    return "；".join(dict.fromkeys(f"{'已确认' if f.status == 'confirmed' else '待处理'}的问题：{f.message}" for f in flags))


def eligible(campaign: Campaign, kind: CertificateKind, snapshot: dict, flags: list[Flag], overrides: dict,
             verdicts: dict[str, Verdict]) -> tuple[list[Holder], list[LeftOut]]:
    """Who gets a certificate of ``kind`` (in the order new numbers are given: level as the
    campaign lists them, then college in campaign order, then as the rows came), and who with the
    rating or prize does not, with the reason."""
    colleges = [c.name for c in campaign.colleges]
    rank = lambda seq, v: seq.index(v) if v in seq else len(seq)  # noqa: E731
    holders, left = [], []
    if kind.source == "ratings":
        seen = set()
        for p in snapshot.get("people", {}).get(kind.key, []):
            chosen = overrides.get((p["college"], kind.deliverable, p["student_id"], kind.field))
            level = campaign.meaning(kind.field, chosen or p["level"]) or ""
            if level not in kind.levels:
                continue
            person = f"{p['college']}\x1f{p['student_id'] or textnorm.squash(p['name'])}"
            if person in seen:
                continue
            seen.add(person)
            errs = [f for f in flags if f.severity == "error" and is_active(f)
                    and _same_person(f, p["college"], p["student_id"], p["name"])]
            if errs:
                left.append(LeftOut(kind.key, p["college"], p["name"], p["student_id"], level, _why(errs)))
                continue
            holders.append(Holder(kind.key, person, p["name"], p["student_id"], p["college"], level, "",
                                  tuple(sorted((p.get("cells") or {}).items()))))
        holders.sort(key=lambda h: (rank(list(kind.levels), h.level), rank(colleges, h.college)))
    else:
        prizes = list(campaign.awards.judging.prizes)
        wanted = kind.levels or tuple(prizes)
        for raw in snapshot.get("entries", []):
            e = Entry.from_dict(raw)
            v = verdicts.get(e.key)
            if v is None or v.prize not in wanted:
                continue
            errs = errors_on(e, flags)
            if errs:
                left.append(LeftOut(kind.key, e.college, e.author, e.student_id, v.prize, _why(errs)))
                continue
            holders.append(Holder(kind.key, e.key, e.author, e.student_id, e.college, v.prize, e.title,
                                  tuple(sorted(e.author_fields.items()))))
        holders.sort(key=lambda h: (rank(prizes, h.level), rank(colleges, h.college)))
    return holders, left


# ---------------------------------------------------------------------------- text

_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def date_text(day: dt.date, style: str) -> str:
    """``二〇二〇年七月一日`` (chinese) or ``2020年7月1日`` (arabic)."""
    if style == "arabic":
        return f"{day.year}年{day.month}月{day.day}日"
    return "".join(_DIGITS[int(c)] for c in str(day.year)) + f"年{_cn_number(day.month)}月{_cn_number(day.day)}日"


def fields_of(cert: Certificate, kind: CertificateKind, day: str) -> dict[str, str]:
    h = cert.holder
    base = {**dict(h.extra), "姓名": h.name, "学号": h.student_id, "学院": h.college, "等级": h.level,
            "编号": cert.number, "标题": h.title, "证书名称": kind.title, "颁发单位": kind.issuer, "日期": day}
    return {**base, "正文": fill(kind.text, base)}


def fill(text: str, fields: dict[str, str]) -> str:
    """``text`` with each ``{名字}`` of ``fields`` replaced (others left as they are)."""
    return _PLACEHOLDER.sub(lambda m: fields.get(m.group(1), m.group(0)), text)


# ---------------------------------------------------------------------------- Word


def _set_text(run, text: str) -> None:
    """The run's text replaced by ``text``; line breaks become ``w:br``."""
    for child in list(run):
        if child.tag in (qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:cr")):
            run.remove(child)
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(run.makeelement(qn("w:br"), {}))
        t = run.makeelement(qn("w:t"), {})
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)


def _fill_paragraph(p, fields: dict[str, str]) -> None:
    runs = [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    text = "".join(t.text or "" for r in runs for t in r.iter(qn("w:t")))
    if "{" not in text:
        return
    new = fill(text, fields)
    if new == text:
        return
    _set_text(runs[0], new)
    for r in runs[1:]:
        _set_text(r, "")


def _page_break_before(elements: list) -> list:
    first = elements[0] if elements else None
    if first is not None and first.tag == qn("w:p"):
        ppr = first.find(qn("w:pPr"))
        if ppr is None:
            ppr = first.makeelement(qn("w:pPr"), {})
            first.insert(0, ppr)
        ppr.append(ppr.makeelement(qn("w:pageBreakBefore"), {}))
        return elements
    brk = parse_xml('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    '<w:r><w:br w:type="page"/></w:r></w:p>')
    return [brk, *elements]


def template_document(kind: CertificateKind, certs: list[Certificate], day: str):
    """The kind's template page once per certificate."""
    doc = Document(str(template_path(kind.template)))
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    page = [el for el in body if el.tag != qn("w:sectPr")]
    for el in page:
        body.remove(el)
    for i, cert in enumerate(certs):
        elements = [copy.deepcopy(el) for el in page]
        fields = fields_of(cert, kind, day)
        for el in elements:
            for p in ([el] if el.tag == qn("w:p") else []) + list(el.iter(qn("w:p"))):
                _fill_paragraph(p, fields)
        if i:
            elements = _page_break_before(elements)
        for el in elements:
            sect.addprevious(el) if sect is not None else body.append(el)
    return doc


_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
BOX_FONT = "宋体"


def _box(n: int, place: Placement, text: str):
    """A text box at ``place`` (page-relative, no border, no fill) holding ``text``."""
    lines = text.split("\n")
    height = Mm(place.size_pt * 0.3528 * 1.5 * len(lines) + 2)
    width = Mm(place.width_mm)
    bold = "<w:b/>" if place.bold else ""
    runs = "".join(
        f'<w:p><w:pPr><w:jc w:val="{place.align}"/><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:rPr>'
        f'<w:rFonts w:eastAsia="{BOX_FONT}"/>{bold}<w:sz w:val="{round(place.size_pt * 2)}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines)
    return parse_xml(
        f'<w:r {_NS}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{n}" '
        f'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{int(Mm(place.x_mm))}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{int(Mm(place.y_mm))}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{int(width)}" cy="{int(height)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{n}" name="套打{n}"/><wp:cNvGraphicFramePr/><a:graphic>'
        f'<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f'<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{int(width)}" cy="{int(height)}"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{runs}</w:txbxContent></wps:txbx>'
        f'<wps:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:noAutofit/></wps:bodyPr>'
        f'</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def preprinted_document(kind: CertificateKind, certs: list[Certificate], day: str):
    """Only the variable texts, at the kind's ``preprinted`` positions, on the template's paper size."""
    doc = Document(str(template_path(kind.template)))
    body = doc.element.body
    for el in [el for el in body if el.tag != qn("w:sectPr")]:
        body.remove(el)
    n = 0
    for i, cert in enumerate(certs):
        p = doc.add_paragraph()
        if i:
            p.paragraph_format.page_break_before = True
        fields = fields_of(cert, kind, day)
        for place in kind.preprinted:
            n += 1
            p._p.append(_box(n, place, fill(place.text, fields)))
    return doc


def file_stem(kind: CertificateKind, preprinted: bool) -> str:
    return f"{kind.file_name}（套打）" if preprinted else kind.file_name


def write_kind(folder: Path, kind: CertificateKind, certs: list[Certificate], day: str, generated_at: str,
               preprinted: bool = False) -> Path:
    """The kind's Word file (one page per certificate) in ``folder``; returns its path."""
    if preprinted and not kind.preprinted:
        raise ValueError(f"证书“{kind.title}”没有配置套打位置（awards.certificates.kinds 中的 preprinted）")
    doc = (preprinted_document if preprinted else template_document)(kind, certs, day)
    return atomic.save_document(doc, Path(folder) / f"{file_stem(kind, preprinted)}.docx", generated_at)


def write_list(folder: Path, settings: CertificateSettings, certs: list[Certificate], left: list[LeftOut],
               generated_at: str) -> Path:
    """证书清单.xlsx: every certificate (编号, 姓名, 学号, 学院, 类别, 等级), and on a second sheet who
    has the rating or prize but gets none, and why."""
    titles = {k.key: k.title for k in settings.kinds}
    rows = [[c.number, c.holder.name, c.holder.student_id, c.holder.college, titles[c.holder.kind], c.holder.level]
            for c in certs]
    wb, ws = new_workbook()
    table_sheet(ws, LIST_COLUMNS, rows, title=f"证书清单（共 {len(rows)} 份）", sheet_name="证书清单")
    table_sheet(wb.create_sheet(), LEFT_OUT_COLUMNS,
                [[titles[x.kind], x.college, x.name, x.student_id, x.level, x.reason] for x in left],
                title=f"未发证书（共 {len(left)} 人，问题处理后重新生成即可）", sheet_name="未发证书")
    return atomic.save_workbook(wb, Path(folder) / settings.list_file, generated_at)
