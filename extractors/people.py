"""Which rows of a list form are people. Pure.

Below the last person a real table carries footer lines (填表人：何某 审核人：梁某, 联系电话, 日期,
备注/说明, 合计 30 人, （盖章）, a signature line), blank template rows left with only a 序号, and
sometimes a row of a person split over two lines by merged cells. Only people may count: a
phantom person would get FORM_MISSING and put the headcount off by one.

A row is a person when it looks like one:

- it is not a footer line (its first cell or its 姓名 cell starts with a footer label);
- it has a plausible name (2–6 CJK characters, a middle dot allowed; or a Latin name) or a
  plausible 学号 (12 digits, or shown with lost digits as 2.01706E+11): a person missing one of
  the two is still a person (the missing value is a fact about them), a row with neither is not.

:func:`people_rows` also tidies the name ("张 三" → 张三; "张三（组长）" → 张三, the note kept in
备注) and returns, for the record's notes, what it left out and why.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from paperdesk import textnorm
from paperdesk.models import TableRow

NAME, SID, NOTE, INDEX = "姓名", "学号", "备注", "序号"

#: labels that start a footer line rather than a person's row
FOOTER_LABELS = ("填表人", "填报人", "制表人", "经办人", "审核人", "审核", "审批人", "负责人", "联系人",
                 "联系电话", "电话", "联系方式", "日期", "填表日期", "填报日期", "备注", "说明", "注", "附注",
                 "填表说明", "合计", "总计", "小计", "共计", "总人数", "盖章", "公章", "学院盖章", "学院公章",
                 "学院党委盖章", "签字", "签名", "签章", "负责人签字", "书记签字", "学院意见", "以下空白")
_FOOTER = re.compile(
    r"^[\s（(]*(?:" + "|".join(sorted((r"\s*".join(map(re.escape, w)) for w in FOOTER_LABELS), key=len, reverse=True))
    + r")\s*(?:[）)]|[:：]|$|\s|\d|（)")
_NAME = re.compile(r"^[\u3400-\u9fff\U00020000-\U0002ffff]{2,6}$|^[\u3400-\u9fff]{1,4}·[\u3400-\u9fff]{1,8}$"
                   r"|^[A-Za-z][A-Za-z .'-]{1,40}$")
_NOT_NAMES = frozenset({"姓名", "合计", "总计", "小计", "共计", "以下空白", "空白", "无", "学院", "盖章", "签字",
                        "填表人", "审核人", "负责人", "联系人", "日期", "备注", "说明"})


_STAMP = re.compile(r"[（(]\s*(?:盖\s*章|公\s*章|签\s*章|签\s*字|签\s*名)\s*[）)]")


def is_footer(text: str) -> bool:
    """True for a cell that starts a footer line (填表人：…, 合计 30 人, 以下空白 …) or holds a
    seal or signature prompt (学院党委（盖章）)."""
    plain = textnorm.to_halfwidth(text or "").strip()
    return bool(plain) and bool(_FOOTER.match(plain) or _STAMP.search(plain))


def plausible_name(value: str | None) -> bool:
    name = textnorm.person_name(value or "")
    return bool(_NAME.match(name)) and name not in _NOT_NAMES


def plausible_sid(value: str | None, digits: int) -> bool:
    """A 学号 of ``digits`` digits, or one shown with lost digits (2.01706E+11)."""
    text = textnorm.student_id(value or "")
    if text.isdigit():
        return len(text) == digits
    return bool(re.fullmatch(r"\d\.\d+[eE]\+?\d+", text.replace(" ", "")))


def people_rows(rows: Sequence[TableRow], digits: int, first_cells: Sequence[str] = ()) -> tuple[list[TableRow], list[str]]:
    """(the rows that are people, tidied; a Chinese note on the rows left out). ``first_cells``
    gives each row's first non-empty text (to spot a footer typed across the row)."""
    firsts = list(first_cells) + [""] * (len(rows) - len(first_cells))
    kept: list[TableRow] = []
    left_out: list[tuple[int, str]] = []
    for r, first in zip(rows, firsts):
        name, sid = r.cells.get(NAME, ""), r.cells.get(SID, "")
        footer = is_footer(first) or is_footer(name)
        named, numbered = plausible_name(name), plausible_sid(sid, digits)
        person = not footer and (named or numbered)
        if person:
            kept.append(_tidy(r))
        else:
            shown = " ".join(v for k, v in r.cells.items() if k != INDEX)[:30] or first[:30]
            left_out.append((r.row, shown))
    return kept, _summary(left_out)


#: rows a note names by example
NOTE_EXAMPLES = 5


def _summary(left_out: list[tuple[int, str]]) -> list[str]:
    """One note for all rows left out: how many, and the first few with their text."""
    if not left_out:
        return []
    shown = "；".join(f"第{row}行“{text}”" for row, text in left_out[:NOTE_EXAMPLES])
    more = f"等 {len(left_out)} 行" if len(left_out) > NOTE_EXAMPLES else ""
    return [f"表尾或非人员行未计入人数：{shown}{more}"]


def _tidy(r: TableRow) -> TableRow:
    name = r.cells.get(NAME)
    if not name:
        return r
    cells = dict(r.cells)
    cells[NAME] = textnorm.bare_name(name)
    note = textnorm.name_note(name)
    if note:
        cells[NOTE] = f"{cells[NOTE]}；{note}" if cells.get(NOTE) else note
    return replace(r, cells=cells)
