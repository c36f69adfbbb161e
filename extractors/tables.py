"""A grid of cells (from a sheet or a PDF table) to a :class:`TableDoc` of a table form.

Shared by the xlsx and pdf extractors. The form is chosen by CONTENT: every row near the top is
matched against every table form's column labels (key + aliases, loosely); the form and row
with the most matched columns win (ties: the form whose columns are best covered). Data rows
follow the header row until the end; blank rows, template rows holding only a 序号, repeated
header rows and 合计/填表说明 rows are skipped. Header-line fields (学院, 带班党员总数 …) are read
from the rows above the header row and below the data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

from paperdesk import textnorm
from paperdesk.campaign import Campaign, FormDef
from paperdesk.models import TableDoc, TableRow
from extractors.labels import Matcher, is_blank, parse_fields
from extractors.people import is_footer, people_rows

HEADER_SEARCH_ROWS = 30  # the header row must start within this many rows
MIN_COLUMNS = 4  # a header row matches at least this many columns …
MIN_SHARE = 0.4  # … and this share of the form's columns
INDEX_KEYS = frozenset({"序号"})
NAME = "姓名"  # a row holding only these is an empty template row
_FOOTER = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|填表说明|说\s*明\s*[:：]|注\s*[:：]|备注\s*[:：])")


@dataclass(frozen=True)
class Grid:
    """Raw cell values row by row (merged ranges filled with their top-left value).

    ``numbers`` gives each row's number in the sheet (1-based); ``copies`` the (row index,
    column index) positions that only repeat a merged range's top-left value."""

    cells: Sequence[Sequence[object]]
    numbers: Sequence[int]
    copies: frozenset[tuple[int, int]] = frozenset()

    def text(self, r: int, c: int) -> str:
        row = self.cells[r]
        return textnorm.clean(_plain(row[c])) if c < len(row) else ""

    def line(self, r: int) -> list[str]:
        """A row's texts without the merged copies (a merged line is read once)."""
        return [self.text(r, c) for c in range(len(self.cells[r])) if (r, c) not in self.copies]


@dataclass(frozen=True)
class HeaderMatch:
    form: str
    row: int  # index into the grid of the (last) header row
    columns: dict[str, int]  # column key -> column index
    score: tuple


def table_forms(campaign: Campaign) -> dict[str, FormDef]:
    return {fid: f for fid, f in campaign.forms.items() if f.kind == "table"}


def deliverable_of(campaign: Campaign, form_id: str) -> str:
    """The deliverable key whose form is ``form_id`` ('' when none)."""
    return next((d.key for d in campaign.deliverables if d.form == form_id), "")


def find_header(grid: Grid, campaign: Campaign) -> HeaderMatch | None:
    """The best (form, header row) of the grid, or None when no form matches well enough."""
    best: HeaderMatch | None = None
    for fid, form in table_forms(campaign).items():
        matcher = Matcher({c.key: c.aliases for c in form.columns})
        for r in range(min(len(grid.cells), HEADER_SEARCH_ROWS)):
            columns, unknown = _map_columns(grid, r, matcher)
            if len(columns) < max(MIN_COLUMNS, MIN_SHARE * len(form.columns)):
                continue
            score = (len(columns), -unknown, len(columns) / len(form.columns), -r)
            if best is None or score > best.score:
                best = HeaderMatch(fid, r, columns, score)
    return best


def _map_columns(grid: Grid, r: int, matcher: Matcher) -> tuple[dict[str, int], int]:
    """Column key -> index for row ``r`` (first column wins); also the count of label-looking
    cells that are not this form's columns. In a two-row header an empty cell takes the label
    above it (a label merged down, or a group label above sub-labels)."""
    columns: dict[str, int] = {}
    unknown = 0
    for c in range(len(grid.cells[r])):
        text = grid.text(r, c)
        key = matcher.match(text) if text else None
        if not text and r > 0:
            key = matcher.match(grid.text(r - 1, c))
        if key is not None:
            columns.setdefault(key, c)
        elif text and (r, c) not in grid.copies:
            unknown += 1
    return columns, unknown


def read_table(grid: Grid, campaign: Campaign, source: str, sheet: str,
               extra_lines: Sequence[str] = ()) -> TableDoc | None:
    """The grid as a TableDoc of the best-matching table form, or None when none matches.
    ``extra_lines`` are further text lines to read header fields from (a PDF's text)."""
    hit = find_header(grid, campaign)
    if hit is None:
        return None
    form = campaign.forms[hit.form]
    rows, footer_start, firsts = _data_rows(grid, hit, form)
    notes: list[str] = []
    if NAME in hit.columns:
        rows, notes = people_rows(rows, campaign.checks.student_id_digits, firsts)
    header = _header(grid, form, hit.row, footer_start, extra_lines)
    return TableDoc(source=source, form=hit.form, sheet=sheet, header=header, rows=tuple(rows),
                    deliverable=deliverable_of(campaign, hit.form), notes=tuple(notes))


def _data_rows(grid: Grid, hit: HeaderMatch, form: FormDef) -> tuple[list[TableRow], int, list[str]]:
    """The data rows below the header, the index where footer lines begin, and each kept row's
    first non-empty text (for :func:`extractors.people.people_rows`)."""
    matcher = Matcher({c.key: c.aliases for c in form.columns})
    types = {c.key: c.type for c in form.columns}
    rows: list[TableRow] = []
    firsts: list[str] = []
    footer_start = len(grid.cells)
    for r in range(hit.row + 1, len(grid.cells)):
        line = [t for t in grid.line(r) if t]
        if line and (_FOOTER.match(line[0]) or is_footer(line[0])) or _is_field_line(line, form):
            footer_start = r
            break
        cells = {k: _value(grid, r, c, types[k]) for k, c in hit.columns.items()}
        if not any(v for k, v in cells.items() if k not in INDEX_KEYS):
            continue
        if sum(1 for c in hit.columns.values() if matcher.match(grid.text(r, c))) * 2 >= len(hit.columns):
            continue  # the header row repeated (printed tables)
        if rows and _continues(grid, r, hit.columns):  # one person over two lines, 姓名 merged down
            rows[-1] = _joined(rows[-1], grid, r, hit.columns, cells)
            continue
        rows.append(TableRow(row=grid.numbers[r], cells={k: v for k, v in cells.items() if v}))
        firsts.append(line[0] if line else "")
    return rows, footer_start, firsts


def _continues(grid: Grid, r: int, columns: dict[str, int]) -> bool:
    """Whether row ``r`` is the second line of the person above: its 姓名 cell (and 学号 cell,
    when there is one) only repeat a range merged down from that row."""
    keys = [k for k in (NAME, "学号") if k in columns]
    return NAME in columns and all((r, columns[k]) in grid.copies and grid.text(r - 1, columns[k]) == grid.text(r, columns[k])
                                   for k in keys)


def _joined(row: TableRow, grid: Grid, r: int, columns: dict[str, int], cells: dict[str, str]) -> TableRow:
    """The person's row with the texts of its second line added (merged copies not repeated)."""
    out = dict(row.cells)
    for k, c in columns.items():
        value = cells.get(k, "")
        if value and (r, c) not in grid.copies and value != out.get(k):
            out[k] = f"{out[k]} {value}" if out.get(k) else value
    return TableRow(row=row.row, cells=out)


def header_spec(form: FormDef) -> dict[str, tuple[str, ...]]:
    """The header fields of ``form`` with the spellings the campaign gives for them."""
    return {k: form.field_aliases.get(k, ()) for k in form.header_fields}


def _is_field_line(line: list[str], form: FormDef) -> bool:
    """A 填表人：… / 日期：… line under the table."""
    return bool(line) and bool(parse_fields(line[:1], header_spec(form), need_colon=True))


def _value(grid: Grid, r: int, c: int, kind: str) -> str:
    row = grid.cells[r]
    raw = row[c] if c < len(row) else None
    if kind == "student_id":
        value = textnorm.student_id(raw)
    else:
        value = textnorm.clean(_plain(raw))
    return "" if is_blank(value) else value


def _plain(value: object) -> object:
    """Dates as YYYY-MM-DD (with a time only when it has one); everything else unchanged."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _header(grid: Grid, form: FormDef, header_row: int, footer_start: int,
            extra_lines: Sequence[str]) -> dict[str, str]:
    """Header-line fields from the rows above the header row and from the footer rows (then
    from ``extra_lines``, where a colon is required); a field printed blank reads as ''."""
    spec = header_spec(form)
    found: dict[str, str] = {}
    lines = [grid.line(r) for r in range(header_row)] + [grid.line(r) for r in range(footer_start, len(grid.cells))]
    for parts in lines:
        if parts and _FOOTER.match(parts[0]) and not parts[0].lstrip().startswith(("合", "总", "小")):
            continue  # 填表说明 / 注：… lines hold instructions, not fields
        for k, v in parse_fields(parts, spec).items():
            if not found.get(k):  # the first non-empty value wins
                found[k] = v
    for text in extra_lines:
        for k, v in parse_fields([text], spec, need_colon=True).items():
            if v and not found.get(k):
                found[k] = v
    return {k: found[k] for k in form.header_fields if k in found}
