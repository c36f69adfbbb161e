"""Render a campaign's paper forms as clean page images with their truth.

``render_form(campaign, form_id, data, dpi=200)`` draws:

* a ``kind: form`` form (A5 approval form): portrait A4, the title, then a ruled label/value table
  with one row per field of ``campaign.forms[form_id].fields`` (long fields get taller rows);
  ``data`` maps field key → value;
* a ``kind: table`` form (A2/A3/A4): landscape A4, the title, the header line
  (学院（盖章）：…  带班党员总数：… from ``header_fields``), then a ruled grid with the form's
  columns (widths in proportion to ``Column.width``); ``data = {"header": {...}, "rows": [{...}]}``.

Missing values are drawn empty. Anchors: ``seal`` (where a college stamps: over the 学院党委意见
text on A5, over the 学院 value on tables). Raises ValueError for a form id the campaign lacks,
a case form, or more rows than fit one page (bad use, not bad input).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from paperdesk.campaign import Campaign, FormDef
from sampledata.synth.fonts import Box, fit_text, font, pt_to_px
from sampledata.synth.page import CellTruth, Page

A4_MM = (210.0, 297.0)
SEAL_FIELD = "学院党委意见"
_LONG_WEIGHT = 4.0
_HEADER_LABELS = {"学院": "学院（盖章）"}


class _Canvas:
    """A white page in millimetre coordinates."""

    def __init__(self, w_mm: float, h_mm: float, dpi: int):
        self.dpi = dpi
        self.img = Image.new("RGB", (self.px(w_mm), self.px(h_mm)), "white")
        self.draw = ImageDraw.Draw(self.img)

    def px(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        return (self.px(x0), self.px(y0), self.px(x1), self.px(y1))

    def rule(self, box: Box) -> None:
        self.draw.rectangle(box, outline="black", width=max(1, round(self.dpi / 100)))

    def title(self, text: str, y_mm: float, pt: float = 16) -> Box:
        w = self.img.width
        return fit_text(self.draw, (0, self.px(y_mm), w, self.px(y_mm + 12)), text, pt_to_px(pt, self.dpi))

    def to_bgr(self) -> np.ndarray:
        return np.ascontiguousarray(np.asarray(self.img)[:, :, ::-1])


def _form_def(campaign: Campaign, form_id: str) -> FormDef:
    form = campaign.forms.get(form_id)
    if form is None:
        raise ValueError(f"campaign {campaign.id} has no form {form_id!r}; known: {sorted(campaign.forms)}")
    if form.kind == "case":
        raise ValueError(f"form {form_id} is a case text (kind: case), not a paper form")
    return form


def render_form(campaign: Campaign, form_id: str, data: dict, *, dpi: int = 200) -> Page:
    """Draw ``form_id`` of ``campaign`` filled with ``data`` at ``dpi``; see the module docstring."""
    form = _form_def(campaign, form_id)
    if form.kind == "form":
        return _render_label_value(form, form_id, data, dpi)
    return _render_table(form, form_id, data, dpi)


# ------------------------------------------------------------------ A5: label/value form


def _render_label_value(form: FormDef, form_id: str, data: dict[str, str], dpi: int) -> Page:
    cv = _Canvas(*A4_MM, dpi)
    title_bbox = cv.title(form.title, 14)
    left, right, top, bottom = 20.0, 190.0, 30.0, 284.0
    weights = [_LONG_WEIGHT if f.long else 1.0 for f in form.fields]
    unit = min(12.0, (bottom - top) / sum(weights))
    label_w = 42.0
    size = pt_to_px(11, dpi)
    cells, y = [], top
    anchors: dict[str, tuple[float, float]] = {}
    for f, w in zip(form.fields, weights):
        h = unit * w
        label_box, value_box = cv.box(left, y, left + label_w, y + h), cv.box(left + label_w, y, right, y + h)
        cv.rule(label_box)
        cv.rule(value_box)
        fit_text(cv.draw, label_box, f.key, size)
        value = str(data.get(f.key, "") or "")
        ink = fit_text(cv.draw, value_box, value, size, align="left", valign="top" if f.long else "center")
        cells.append(CellTruth(f.key, value, value_box, None, ink if value else None, label_box))
        if f.key == SEAL_FIELD:
            anchors["seal"] = _seal_spot(ink if value else value_box, value_box)
        y += h
    table_bbox = cv.box(left, top, right, y)
    anchors.setdefault("seal", (cv.px(150), cv.px(250)))
    return Page(cv.to_bgr(), dpi, form_id, tuple(cells), None, title_bbox, table_bbox, anchors)


def _seal_spot(ink: Box, cell: Box) -> tuple[float, float]:
    """Centre of the seal: over the right half of the value's ink, inside the cell."""
    x = (ink[0] + 2 * ink[2]) / 3
    y = (ink[1] + ink[3]) / 2
    return (min(x, cell[2] - (cell[3] - cell[1]) / 2), y)


# ------------------------------------------------------------------ A2/A3/A4: tables


def _render_table(form: FormDef, form_id: str, data: dict, dpi: int) -> Page:
    cv = _Canvas(A4_MM[1], A4_MM[0], dpi)
    title_bbox = cv.title(form.title, 10)
    header = {k: str(v) for k, v in (data.get("header") or {}).items()}
    rows = list(data.get("rows") or [])
    left, right = 12.0, 285.0
    cells, anchors = _header_line(cv, form, header, left, right, 25.0)
    top, bottom = 34.0, 200.0
    head_h = 12.0
    row_h = min(9.0, (bottom - top - head_h) / max(1, len(rows)))
    if row_h < 5.0:
        raise ValueError(f"{len(rows)} rows do not fit one page of form {form_id}")
    xs = _column_edges(form, left, right)
    size_head, size_cell = pt_to_px(9, dpi), pt_to_px(9.5, dpi)
    for col, x0, x1 in zip(form.columns, xs, xs[1:]):
        box = cv.box(x0, top, x1, top + head_h)
        cv.rule(box)
        fit_text(cv.draw, box, col.key, size_head, min_size=pt_to_px(5, dpi))
    for i, row in enumerate(rows, start=1):
        y0 = top + head_h + (i - 1) * row_h
        for col, x0, x1 in zip(form.columns, xs, xs[1:]):
            box = cv.box(x0, y0, x1, y0 + row_h)
            cv.rule(box)
            value = str(row.get(col.key, "") or "")
            ink = fit_text(cv.draw, box, value, size_cell, min_size=pt_to_px(5, dpi))
            head_box = cv.box(x0, top, x1, top + head_h)
            cells.append(CellTruth(col.key, value, box, i, ink if value else None, head_box))
    table_bbox = cv.box(left, top, right, top + head_h + len(rows) * row_h)
    return Page(cv.to_bgr(), dpi, form_id, tuple(cells), None, title_bbox, table_bbox, anchors)


def _column_edges(form: FormDef, left: float, right: float) -> list[float]:
    total = sum(c.width for c in form.columns)
    edges, x = [left], left
    for c in form.columns:
        x += (right - left) * c.width / total
        edges.append(x)
    return edges


def _header_line(cv: _Canvas, form: FormDef, header: dict[str, str], left: float, right: float,
                 y_mm: float) -> tuple[list[CellTruth], dict[str, tuple[float, float]]]:
    """Draw 'label：value' segments side by side; truth boxes cover the value part."""
    fields = form.header_fields
    seg = (right - left) / max(1, len(fields))
    size = pt_to_px(11, cv.dpi)
    fnt = font(size)
    cells: list[CellTruth] = []
    anchors: dict[str, tuple[float, float]] = {}
    for i, key in enumerate(fields):
        x = cv.px(left + i * seg)
        label = _HEADER_LABELS.get(key, key) + "："
        y = cv.px(y_mm) - size // 2
        cv.draw.text((x, y), label, font=fnt, fill="black")
        vx = x + round(fnt.getlength(label))
        value = header.get(key, "")
        box = (vx, y - size // 4, cv.px(left + (i + 1) * seg) - cv.px(2), y + size + size // 3)
        ink = None
        if value:
            cv.draw.text((vx, y), value, font=fnt, fill="black")
            ink = tuple(int(v) for v in cv.draw.textbbox((vx, y), value, font=fnt))
        cells.append(CellTruth(key, value, box, None, ink))
        if key == "学院":
            anchors["seal"] = ((ink[0] + ink[2]) / 2, (ink[1] + ink[3]) / 2) if ink else (x + size, y + size / 2)
    anchors.setdefault("seal", (cv.px(left + 30), cv.px(y_mm)))
    return cells, anchors
