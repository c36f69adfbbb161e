"""``提交情况总览.xlsx``: colleges × deliverables at a glance.

Each cell says 已提交 (green), 缺交 (red: no file of the deliverable arrived), 逾期 (orange: an
active LATE_SUBMISSION flag) or 有问题 (yellow: other active flags), with the number of files and
of active flags (open or confirmed), e.g. ``有问题 · 文件2 · 问题3``. Missing wins over late, late
over problems. A last column totals each college's active flags; a legend row follows the table.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Font, PatternFill

from paperdesk.campaign import Campaign
from paperdesk.models import Flag, Submission
from writers import atomic
from writers.labels import is_active
from writers.xlsx_style import FONT, Col, new_workbook, table_sheet

OVERVIEW = "提交情况总览.xlsx"
LATE_CODE = "LATE_SUBMISSION"
SUBMITTED, MISSING, LATE, PROBLEM = "已提交", "缺交", "逾期", "有问题"
STATUS_FILLS = {
    SUBMITTED: PatternFill("solid", fgColor="C6EFCE"),
    MISSING: PatternFill("solid", fgColor="FF9999"),
    LATE: PatternFill("solid", fgColor="F8CBAD"),
    PROBLEM: PatternFill("solid", fgColor="FFEB9C"),
}
LEGEND = {SUBMITTED: "已提交，未发现问题", MISSING: "未收到该材料", LATE: "逾期提交", PROBLEM: "已提交，但有待处理的问题"}


def cell_status(files: int, flags: list[Flag]) -> str:
    """The status of one college's deliverable from its file count and active flags."""
    if files == 0:
        return MISSING
    if any(f.code == LATE_CODE for f in flags):
        return LATE
    return PROBLEM if flags else SUBMITTED


def overview_grid(campaign: Campaign, submission: Submission, flags: list[Flag]) -> list[list[tuple[str, int, int]]]:
    """Per college (campaign order), per deliverable: (status, files, active flags)."""
    grid = []
    for c in campaign.colleges:
        line = []
        for d in campaign.deliverables:
            files = sum(1 for f in submission.files if f.college == c.name and f.deliverable == d.key)
            mine = [f for f in flags if is_active(f) and f.college == c.name and f.deliverable == d.key]
            line.append((cell_status(files, mine), files, len(mine)))
        grid.append(line)
    return grid


def write_overview(outbox: Path, campaign: Campaign, submission: Submission, flags: list[Flag],
                   generated_at: str) -> Path:
    grid = overview_grid(campaign, submission, flags)
    cols = [Col("学院")] + [Col(d.title, max_width=24) for d in campaign.deliverables] + [Col("问题合计")]
    totals = [sum(1 for f in flags if is_active(f) and f.college == c.name) for c in campaign.colleges]
    rows = [[c.name] + [f"{s} · 文件{n} · 问题{k}" for s, n, k in line] + [total]
            for c, line, total in zip(campaign.colleges, grid, totals)]
    wb, ws = new_workbook()
    header = table_sheet(ws, cols, rows, sheet_name="提交情况总览",
                         title=f"{campaign.title}材料提交情况总览（截至 {generated_at[:16].replace('T', ' ')}）")
    for i, line in enumerate(grid):
        for j, (status, _, _) in enumerate(line):
            ws.cell(header + 1 + i, 2 + j).fill = STATUS_FILLS[status]
    _legend(ws, header + len(rows) + 2)
    return atomic.save_workbook(wb, outbox / OVERVIEW, generated_at)


def _legend(ws, row: int) -> None:
    """图例 row below the table: one coloured cell per status with its meaning beside it."""
    ws.cell(row, 1, "图例").font = Font(name=FONT, bold=True)
    for j, (status, meaning) in enumerate(LEGEND.items()):
        cell = ws.cell(row, 2 + j, f"{status}：{meaning}")
        cell.fill = STATUS_FILLS[status]
        cell.font = Font(name=FONT)
