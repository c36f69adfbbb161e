"""The school-wide master spreadsheets of the table forms, every college's rows merged (one per
``kind: table`` form of the campaign, named by ``Campaign.master_name``).

Columns: 学院, then the form's own columns (``campaign.forms[id].columns``; 序号 renumbered across
the school, 学号 as text), then 核对状态 (通过/有问题), 问题说明 (the messages of the open or
confirmed flags on that person) and 来源 (file and row). Rows come from each college's electronic
table of the form (a scan only when no electronic copy arrived), colleges in campaign order.

A flag is on a row when it names the same college and person (学号, else 姓名) and either the
row's deliverable or — for a cross-document mismatch (FIELD_MISMATCH) — the other side of a ``campaign.reconcile``
rule with this deliverable (its field is then mapped to this form's column). Its field's cell is
light red; a flag without a field (or with a field not shown) colours the row light yellow.
``overrides`` ``(college, deliverable, student_id, field) → value`` replace a cell's value (same
mapping), mark it light blue and add 已人工更正 to 问题说明.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paperdesk import textnorm
from paperdesk.campaign import Campaign
from paperdesk.models import Flag, Submission, TableDoc
from writers import atomic
from writers.labels import is_active
from writers.xlsx_style import Col, Mark, new_workbook, table_sheet

NAME, SID, SEQ = "姓名", "学号", "序号"
OK, PROBLEM = "通过", "有问题"
#: codes that compare one person's value across two deliverables: they also land on the other side
CROSS_CODES = ("FIELD_MISMATCH",)


@dataclass(frozen=True)
class MasterRow:
    """One person row of a college's table form."""

    college: str
    file: str
    row: int
    cells: dict[str, str]
    from_scan: bool = False

    @property
    def sid(self) -> str:
        return textnorm.student_id(self.cells.get(SID, ""))

    @property
    def name(self) -> str:
        return self.cells.get(NAME, "").strip()


def deliverable_of(campaign: Campaign, form_id: str) -> str | None:
    return next((d.key for d in campaign.deliverables if d.form == form_id), None)


def master_rows(campaign: Campaign, submission: Submission, form_id: str) -> list[MasterRow]:
    """Every college's person rows of ``form_id`` (electronic copies; scans when nothing else)."""
    out = []
    for college in (c.name for c in campaign.colleges):
        tables = sorted(((f.item.display, f.record) for f in submission.of_college(college)
                         if isinstance(f.record, TableDoc) and f.record.form == form_id), key=lambda t: t[0])
        chosen = [t for t in tables if not t[1].from_scan] or tables
        for file, table in chosen:
            for r in table.rows:
                if r.cells.get(NAME, "").strip() or r.cells.get(SID, "").strip():
                    out.append(MasterRow(college, file, r.row, dict(r.cells), table.from_scan))
    return out


def column_for(campaign: Campaign, deliverable: str, columns: list[str], other: str | None,
               field: str | None) -> str | None | bool:
    """Where a flag/override of ``other``'s ``field`` lands in this master: a column, None (the
    whole row) or False (not about this master)."""
    if other == deliverable:
        return field if field in columns else None
    for rule in campaign.reconcile:
        if rule.left == deliverable and rule.right == other:
            mapped = {v: k for k, v in rule.fields.items()}.get(field or "")
            return mapped if mapped in columns else None
        if rule.right == deliverable and rule.left == other:
            mapped = rule.fields.get(field or "")
            return mapped if mapped in columns else None
    return False


def _same_person(row: MasterRow, sid: str | None, name: str | None) -> bool:
    if sid:
        return textnorm.student_id(sid) == row.sid
    return bool(name) and textnorm.squash(name) == textnorm.squash(row.name)


def row_flags(campaign: Campaign, deliverable: str, columns: list[str], row: MasterRow,
              flags: list[Flag]) -> list[tuple[Flag, str | None]]:
    """The active flags on ``row``, each with the column it points at (None: the whole row)."""
    out = []
    for f in flags:
        if not is_active(f) or f.college != row.college or not _same_person(row, f.student_id, f.name):
            continue
        if f.deliverable != deliverable and f.code not in CROSS_CODES:
            continue
        col = column_for(campaign, deliverable, columns, f.deliverable, f.field)
        if col is not False:
            out.append((f, col))
    return out


def _overrides_for(campaign: Campaign, deliverable: str, columns: list[str], row: MasterRow,
                   overrides: dict) -> dict[str, str]:
    out = {}
    for (college, other, sid, field), value in sorted(overrides.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if college == row.college and sid and textnorm.student_id(sid) == row.sid:
            col = column_for(campaign, deliverable, columns, other, field)
            if col:
                out[col] = value
    return out


def _cell(col, value: str):
    if col.type == "int" and textnorm.clean(value).isdigit():
        return int(textnorm.clean(value))
    if col.type == "student_id":
        return textnorm.student_id(value)
    return value


def build_rows(campaign: Campaign, form_id: str, rows: list[MasterRow], flags: list[Flag],
               overrides: dict) -> tuple[list[Col], list[list], list[Mark]]:
    """Columns, values and highlights of a master sheet."""
    form = campaign.forms[form_id]
    deliverable = deliverable_of(campaign, form_id) or ""
    keys = [c.key for c in form.columns]
    cols = ([Col("学院")] + [Col(c.key, text=c.type == "student_id", max_width=max(c.width, 12) + 8) for c in form.columns]
            + [Col("核对状态"), Col("问题说明", max_width=40), Col("来源", max_width=30)])
    values, marks = [], []
    for i, row in enumerate(rows):
        found = row_flags(campaign, deliverable, keys, row, flags)
        fixed = _overrides_for(campaign, deliverable, keys, row, overrides)
        line = [row.college]
        for c in form.columns:
            line.append(i + 1 if c.key == SEQ else _cell(c, fixed.get(c.key, row.cells.get(c.key, ""))))
        notes = [f.message for f, _ in found]
        notes += [f"{k}已人工更正：{row.cells.get(k, '') or '（空）'} → {v}" for k, v in fixed.items()]
        where = f"{row.file} 第{row.row}行" + ("（扫描件）" if row.from_scan else "")
        line += [PROBLEM if found else OK, "\n".join(dict.fromkeys(notes)), where]
        values.append(line)
        marks += [Mark(i, col) for _, col in found] + [Mark(i, k, "fixed") for k in fixed]
    return cols, values, marks


def write_master(outbox: Path, campaign: Campaign, submission: Submission, flags: list[Flag], form_id: str,
                 generated_at: str, overrides: dict | None = None) -> Path:
    """Write the master of table form ``form_id`` and return its path."""
    name = campaign.master_name(form_id)
    cols, values, marks = build_rows(campaign, form_id, master_rows(campaign, submission, form_id), flags,
                                     overrides or {})
    wb, ws = new_workbook()
    title = f"{name.removesuffix('.xlsx')}（截至 {generated_at[:16].replace('T', ' ')}）"
    table_sheet(ws, cols, values, title=title, marks=marks, sheet_name=campaign.forms[form_id].title)
    return atomic.save_workbook(wb, outbox / name, generated_at)


def write_masters(outbox: Path, campaign: Campaign, submission: Submission, flags: list[Flag],
                  generated_at: str, overrides: dict | None = None) -> list[Path]:
    """The master of every table form of the campaign, in form-id order."""
    return [write_master(outbox, campaign, submission, flags, form_id, generated_at, overrides)
            for form_id, form in sorted(campaign.forms.items()) if form.kind == "table"]
