"""Cells read from a scanned form -> the campaign's form record (FormDoc / TableDoc).

Contract: :func:`map_form` takes the campaign, a form id (``A5``, ``A4`` …), the pages read for
ONE form (see :mod:`split`) and the file's display path, and returns :class:`Mapped`: the record
(``from_scan=True`` with a confidence per field, or per cell of each row), the fields not to be
trusted as read (:class:`Uncertain`, with a Chinese reason) and where each value was read (for
evidence crops). A field whose label is not found is still reported (confidence 0), never
silently left out.

Label/value forms (``kind: form``, A5): a cell whose text is a field's label (loosely, with the
field's aliases, see :mod:`labels`) takes its value from the cell to its right, or from the cell
below when the right one is another label or absent, or from its own text after the label
(``姓名：张三``, a form typed with each label and its value in one cell; such a value keeps no
lattice for verification, the cell's reading holding the label too). A value that runs on into
another label and its value (a cell border the reader missed: ``黄浩然学号201707010208``) is cut
there, and the other field takes the rest.
Table forms (``kind: table``): see :mod:`mapping_table`.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.scan import labels
from extractors.scan.model import CellText, Located, PageRead, TableText, Uncertain
from extractors.scan.mapped import Mapped, cell_reading, check_value, deliverable_of
from extractors.scan.mapping_table import map_table
from extractors.scan.validate import LOW_CONFIDENCE
from paperdesk.models import FormDoc


def map_form(campaign, form_id: str, pages: list[PageRead], source: str) -> Mapped:
    """The record of form ``form_id`` from ``pages`` (see the module docstring)."""
    fdef = campaign.forms[form_id]
    if fdef.kind == "table":
        return map_table(campaign, form_id, pages, source)
    return map_label_form(campaign, form_id, pages, source)


# ---------------------------------------------------------------- label/value forms


def map_label_form(campaign, form_id: str, pages: list[PageRead], source: str) -> Mapped:
    fdef = campaign.forms[form_id]
    found = _label_cells(pages, fdef.fields)
    fields, confidence, uncertain, located = {}, {}, [], []
    for column in fdef.fields:
        hit = found.get(column.key)
        if hit is None:
            confidence[column.key] = 0.0
            uncertain.append(Uncertain(form_id, column.key, "", 0.0, f"扫描件中未找到“{column.key}”一栏"))
            continue
        page, text, conf, bbox = _value_for(hit, found, column)
        checked = check_value(campaign, column, text, conf)
        fields[column.key] = checked.value
        confidence[column.key] = round(checked.conf, 3)
        located.append(Located(column.key, page, bbox, whole_cell=not hit.rest))
        if checked.conf < LOW_CONFIDENCE:
            reason = checked.reason or f"识别置信度低（{checked.conf:.2f}）"
            uncertain.append(Uncertain(form_id, column.key, checked.value, checked.conf, reason, None, page, bbox))
    record = FormDoc(
        source=source,
        form=form_id,
        fields=fields,
        deliverable=deliverable_of(campaign, form_id),
        confidence=confidence,
        from_scan=True,
    )
    return Mapped(record, tuple(uncertain), tuple(located))


@dataclass(frozen=True)
class _Hit:
    page: int
    table: TableText
    cell: CellText
    rest: str


def _label_cells(pages: list[PageRead], columns) -> dict[str, _Hit]:
    """Field key -> the first cell (reading order) that labels it."""
    found: dict[str, _Hit] = {}
    for page in pages:
        for tt in page.tables:
            for ct in tt.cells:
                match = labels.match_label(ct.text, columns)
                if match is None:
                    continue
                column, rest = match
                further: list = []
                if rest and not column.long:  # a cell whose inner border was not found: "黄浩然学号201707010208"
                    rest, further = labels.split_labelled(rest, [c for c in columns if c.key != column.key])
                for col, value in [(column, rest), *further]:
                    if col.key not in found and (col is column or value):
                        found[col.key] = _Hit(page.index, tt, ct, value)
    return found


def _value_for(hit: _Hit, found: dict[str, _Hit], column) -> tuple[int, str, float, tuple]:
    """(page, text, conf, bbox) of the value of a label cell."""
    label_cells = {id(h.cell) for h in found.values()}
    for neighbour in (_right_of(hit.table, hit.cell), _below(hit.table, hit.cell)):
        if neighbour is not None and id(neighbour) not in label_cells:
            if not hit.rest:
                return (hit.page, *cell_reading(column, neighbour), neighbour.cell.bbox)
            text = " ".join(t for t in (hit.rest, neighbour.text) if t)
            return hit.page, text, min(neighbour.conf, hit.cell.conf), neighbour.cell.bbox
    return hit.page, hit.rest, hit.cell.conf if hit.rest else 1.0, hit.cell.cell.bbox


def _right_of(tt: TableText, ct: CellText) -> CellText | None:
    c = ct.cell
    for other in tt.cells:
        o = other.cell
        if o.col == c.col + c.col_span and o.row <= c.row <= o.last_row:
            return other
    return None


def _below(tt: TableText, ct: CellText) -> CellText | None:
    c = ct.cell
    for other in tt.cells:
        o = other.cell
        if o.row == c.row + c.row_span and o.col <= c.col <= o.last_col:
            return other
    return None
