"""``flags.json`` and ``问题清单.xlsx``: every flag, for programs and for people.

``flags.json`` is ``{"campaign", "generated_at", "flags": [flag.to_dict() …]}`` in the writers'
stable order; ``问题清单.xlsx`` shows the same flags with Chinese headers, severities and statuses,
one row each, 错误 rows' 严重程度 cell in light red and 警告 in light yellow.
"""

from __future__ import annotations

from pathlib import Path

from paperdesk.campaign import Campaign
from paperdesk.models import Flag
from writers import atomic
from writers.labels import SEVERITY_ZH, STATUS_ZH, deliverable_title, ordered_flags
from writers.xlsx_style import Col, Mark, new_workbook, table_sheet

FLAGS_JSON = "flags.json"
FLAG_LIST = "问题清单.xlsx"

COLUMNS = [Col("序号"), Col("学院"), Col("材料", max_width=20), Col("问题代码"), Col("严重程度"), Col("姓名"),
           Col("学号", text=True), Col("文件", max_width=30), Col("字段"), Col("应为", max_width=20),
           Col("实为", max_width=20), Col("说明", max_width=50), Col("状态")]


def flags_document(campaign: Campaign, flags: list[Flag], generated_at: str) -> dict:
    """The JSON object of ``flags.json``."""
    return {"campaign": campaign.id, "generated_at": generated_at,
            "flags": [f.to_dict() for f in ordered_flags(campaign, flags)]}


def write_flags_json(outbox: Path, campaign: Campaign, flags: list[Flag], generated_at: str) -> Path:
    return atomic.write_json(outbox / FLAGS_JSON, flags_document(campaign, flags, generated_at))


def flag_rows(campaign: Campaign, flags: list[Flag]) -> list[list]:
    """One spreadsheet row per flag, in the writers' stable order."""
    return [[i, f.college or "（未识别学院）", deliverable_title(campaign, f.deliverable), f.code,
             SEVERITY_ZH.get(f.severity, f.severity), f.name or "", f.student_id or "", f.file or "",
             f.field or "", f.expected or "", f.found or "", f.message, STATUS_ZH.get(f.status, f.status)]
            for i, f in enumerate(ordered_flags(campaign, flags), start=1)]


def write_flag_list(outbox: Path, campaign: Campaign, flags: list[Flag], generated_at: str) -> Path:
    rows = flag_rows(campaign, flags)
    marks = [Mark(i, "严重程度", "flag" if r[4] == SEVERITY_ZH["error"] else "row")  # red / yellow cell
             for i, r in enumerate(rows)]
    wb, ws = new_workbook()
    table_sheet(ws, COLUMNS, rows, title=f"{campaign.title}问题清单（截至 {generated_at[:16].replace('T', ' ')}）",
                marks=marks, sheet_name="问题清单")
    return atomic.save_workbook(wb, outbox / FLAG_LIST, generated_at)
