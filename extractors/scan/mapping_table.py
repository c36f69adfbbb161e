"""Table forms (A2/A3/A4) read from a scan -> TableDoc with per-cell confidences.

Contract: :func:`map_table` (called through ``mapping.map_form``) takes the pages of ONE table
form. On each page the largest table is used: its header row is the row (among the first few)
whose cells match the most column labels (at least :data:`MIN_HEADER_MATCHES`); each grid column
under a header cell gets that column's key (a single unreadable header cell between two read
ones gets the column the form defines between them). A page without a header row continues the previous
page's columns when it has as many grid columns. Rows whose cells are all blank are skipped;
``TableRow.row`` numbers the data rows 1, 2, … across the pages of the form. Header-line fields
(学院, 带班党员总数, 公示时间 …) are read from the text lines above the table, or from table cells
above the header row. Every value goes through the column's validator; doubtful ones are listed
as :class:`Uncertain` with their row.
"""

from __future__ import annotations

from extractors.people import is_footer, plausible_sid
from extractors.scan import labels
from extractors.scan.mapped import Mapped, cell_reading, check_value, deliverable_of
from extractors.scan.model import CellText, Located, PageRead, TableText, Uncertain
from extractors.scan.validate import LOW_CONFIDENCE
from paperdesk.campaign import Column
from paperdesk.models import TableDoc, TableRow

MIN_HEADER_MATCHES = 3
HEADER_SEARCH_ROWS = 5


def map_table(campaign, form_id: str, pages: list[PageRead], source: str) -> Mapped:
    fdef = campaign.forms[form_id]
    columns: dict[int, Column] | None = None
    rows, uncertain, located = [], [], []
    header: dict[str, str] = {}
    seen_columns: list[Column] = []
    for page in pages:
        if not page.tables:
            continue
        tt = page.tables[0]
        found = _header_row(tt, fdef.columns)
        start = 0
        if found is not None:
            first, last, columns = found
            seen_columns.extend(columns.values())
            start = last + 1
            _header_fields(campaign, fdef, page, tt, first, header, form_id, uncertain)
        elif columns is None or max(columns) >= tt.table.n_cols:
            uncertain.append(Uncertain(form_id, "表头", "", 0.0, f"第 {page.index + 1} 页的表格找不到表头，未读取", page=page.index))
            continue
        for r in range(start, tt.table.n_rows):
            row = _row(campaign, form_id, page, tt, r, columns, len(rows) + 1, uncertain, located)
            if row is not None:
                rows.append(row)
    for key in fdef.header_fields:
        if key not in header:
            uncertain.append(Uncertain(form_id, key, "", 0.0, f"扫描件中未找到表头栏目“{key}”"))
    found_keys = {c.key for c in seen_columns}
    for column in fdef.columns:
        if seen_columns and column.key not in found_keys:
            reason = f"扫描件的表格中未找到“{column.key}”列，该列各行均未读取"
            uncertain.append(Uncertain(form_id, column.key, "", 0.0, reason))
    record = TableDoc(
        source=source,
        form=form_id,
        sheet="扫描件",
        header=header,
        rows=tuple(rows),
        deliverable=deliverable_of(campaign, form_id),
        from_scan=True,
    )
    return Mapped(record, tuple(uncertain), tuple(located))


def _cell_at(tt: TableText, r: int, c: int) -> CellText | None:
    for ct in tt.cells:
        cell = ct.cell
        if cell.row <= r <= cell.last_row and cell.col <= c <= cell.last_col:
            return ct
    return None


def _header_row(tt: TableText, columns) -> tuple[int, int, dict[int, Column]] | None:
    """(first and last grid row of the header, grid column -> column definition), or None."""
    best: tuple[int, int, int, dict[int, Column]] | None = None
    for r in range(min(HEADER_SEARCH_ROWS, tt.table.n_rows)):
        mapping: dict[int, Column] = {}
        last = r
        for ct in tt.cells:
            if ct.cell.row != r:
                continue
            match = labels.match_label(ct.text, columns)
            if match is not None and match[0] not in mapping.values():
                for c in range(ct.cell.col, ct.cell.last_col + 1):
                    mapping[c] = match[0]
                last = max(last, ct.cell.last_row)
        matched = len(set(map(id, mapping.values())))
        if matched >= MIN_HEADER_MATCHES and (best is None or matched > best[0]):
            best = (matched, r, last, mapping)
    if best is None:
        return None
    return best[1], best[2], _fill_gaps(best[3], list(columns), tt.table.n_cols)


def _fill_gaps(mapping: dict[int, Column], columns: list[Column], n_cols: int) -> dict[int, Column]:
    """A header cell left unread (a seal or a circle over it) between two read ones takes the
    column the form defines between theirs, when exactly one is missing there."""
    order = {id(c): i for i, c in enumerate(columns)}
    filled = dict(mapping)
    for c in range(1, n_cols - 1):
        left, right = mapping.get(c - 1), mapping.get(c + 1)
        if c in mapping or left is None or right is None:
            continue
        i, j = order[id(left)], order[id(right)]
        if j - i == 2 and columns[i + 1] not in mapping.values():
            filled[c] = columns[i + 1]
    return filled


def _row(campaign, form_id, page, tt, r, columns, number, uncertain, located) -> TableRow | None:
    cells, confidence = {}, {}
    seen: set[str] = set()
    pending = []
    for c, column in sorted(columns.items()):
        if column.key in seen:
            continue
        seen.add(column.key)
        ct = _cell_at(tt, r, c)
        if ct is None:
            continue
        checked = check_value(campaign, column, *cell_reading(column, ct))
        cells[column.key] = checked.value
        confidence[column.key] = round(checked.conf, 3)
        pending.append((column.key, checked, ct))
    if not any(cells.values()) or not _is_person(cells, [c.value for _, c, _ in pending],
                                                 campaign.checks.student_id_digits):
        return None
    for key, checked, ct in pending:
        located.append(Located(key, page.index, ct.cell.bbox, number))
        if checked.conf < LOW_CONFIDENCE:
            reason = checked.reason or f"识别置信度低（{checked.conf:.2f}）"
            uncertain.append(Uncertain(form_id, key, checked.value, checked.conf, reason, number, page.index, ct.cell.bbox))
    return TableRow(row=number, cells=cells, confidence=confidence)


def _is_person(cells: dict[str, str], in_order: list[str], digits: int) -> bool:
    """A grid row that is a person (:mod:`extractors.people`): not a footer line inside the table's
    border (合计, 填表人 …), not a blank template row with only its 序号. Tables without a 姓名
    column keep every non-blank row."""
    if "姓名" not in cells and "学号" not in cells:
        return True
    first = next((v for v in in_order if v), "")
    name, sid = cells.get("姓名", ""), cells.get("学号", "")
    if is_footer(first) or is_footer(name):
        return False
    return bool(name.strip()) or plausible_sid(sid, digits)


def _header_fields(campaign, fdef, page: PageRead, tt: TableText, header_row: int, header, form_id, uncertain):
    """Fill ``header`` from the lines above the table and the cells above the header row."""
    top = tt.table.bbox[1]
    texts = [(w.text, w.conf) for w in page.lines if w.bbox[3] <= top + 5]
    texts += [(ct.text, ct.conf) for ct in tt.cells if ct.cell.last_row < header_row]
    by_key = {c.key: c for c in fdef.columns}
    for text, conf in texts:
        for key, value in labels.find_labelled(text, fdef.header_fields).items():
            if key in header or not value:
                continue
            column = by_key.get(key) or Column(key=key)
            checked = check_value(campaign, column, value, conf)
            header[key] = checked.value
            if checked.conf < LOW_CONFIDENCE:
                reason = checked.reason or f"识别置信度低（{checked.conf:.2f}）"
                uncertain.append(Uncertain(form_id, key, checked.value, checked.conf, reason, page=page.index))
