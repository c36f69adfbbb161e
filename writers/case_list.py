"""The school-wide list of the documents of a ``kind: case`` form (the 2020 campaign's
``优秀案例汇总表.xlsx``): one row per document of every college.

Columns 学院, 标题, 作者, 学号, 字数, 图片数, 生活照大小, 检查结果, 文件. Pictures and life photos
are attributed to cases by the checks' own rule (``checks.case_images.case_kits``), so 图片数 here
and CASE_IMAGE_COUNT agree. 检查结果 is 通过, or the messages of the active flags on the case
(same college, cases deliverable, and the case's file or its author); the flagged field's cell
(字数, 图片数, 生活照, 作者) is light red, other flags colour the row light yellow.
"""

from __future__ import annotations

from pathlib import Path

from checks.case_images import CaseKit, case_kits
from checks.context import Ctx
from paperdesk import textnorm
from paperdesk.campaign import Campaign
from paperdesk.models import Flag, Submission
from writers import atomic
from writers.labels import is_active
from writers.xlsx_style import Col, Mark, human_size, new_workbook, table_sheet

COLUMNS = [Col("序号"), Col("学院"), Col("标题", max_width=40), Col("作者"), Col("学号", text=True),
           Col("字数"), Col("图片数"), Col("生活照大小"), Col("检查结果", max_width=40), Col("文件", max_width=30)]
FIELD_COLUMN = {"字数": "字数", "图片数": "图片数", "生活照": "生活照大小", "作者": "作者", "学号": "学号"}


def _on_case(kit: CaseKit, flag: Flag) -> bool:
    if not is_active(flag) or flag.college != kit.case.college or flag.deliverable != kit.case.deliverable:
        return False
    if flag.file == kit.case.file:
        return True
    if flag.student_id:
        return flag.student_id == kit.author_sid
    return bool(flag.name) and textnorm.squash(flag.name) == textnorm.squash(kit.author)


def case_rows(campaign: Campaign, submission: Submission, flags: list[Flag]) -> tuple[list[list], list[Mark]]:
    """Rows and highlights, colleges in campaign order, cases by file path."""
    ctx = Ctx(campaign, submission)
    rows, marks = [], []
    for college in ctx.colleges:
        for kit in sorted(case_kits(ctx, college), key=lambda k: k.case.file):
            i = len(rows)
            mine = [f for f in flags if _on_case(kit, f)]
            photos = "、".join(human_size(p.size) for p in kit.life_photos) or "无"
            rec = kit.case.record
            rows.append([i + 1, college, rec.title, kit.author, kit.author_sid, rec.char_count, len(kit.pictures),
                         photos, "\n".join(dict.fromkeys(f.message for f in mine)) or "通过", kit.case.file])
            marks += [Mark(i, FIELD_COLUMN.get(f.field or "")) for f in mine]
    return rows, marks


def write_case_list(outbox: Path, campaign: Campaign, submission: Submission, flags: list[Flag],
                    generated_at: str) -> list[Path]:
    """The school-wide list of the case documents ([] for a campaign without a ``kind: case`` form)."""
    form_id = campaign.case_form_id()
    if form_id is None:
        return []
    name = campaign.master_name(form_id)
    rows, marks = case_rows(campaign, submission, flags)
    wb, ws = new_workbook()
    table_sheet(ws, COLUMNS, rows, marks=marks, sheet_name=name.removesuffix(".xlsx")[:31],
                title=f"{name.removesuffix('.xlsx')}（截至 {generated_at[:16].replace('T', ' ')}）")
    return [atomic.save_workbook(wb, outbox / name, generated_at)]
