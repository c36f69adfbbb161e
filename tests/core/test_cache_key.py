"""The extraction cache is keyed on what extraction depended on: the extractors' version and the
part of the campaign they read. Editing a column alias re-reads the file on the next run; a
change the extractors never look at (a deadline, a quota) keeps the cached records."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import openpyxl

from extractors.registry import cache_key
from flows.steps import extract
from paperdesk.campaign import load_campaign
from paperdesk.models import IntakeItem, TableDoc
from paperdesk.state import State

HEADERS = ["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "发证机关", "备注"]


def _workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["肇庆学院学生带班党员获奖情况统计表"])
    ws.append(["学院：音乐学院"])
    ws.append(HEADERS)  # 发证机关: not an alias of 颁奖单位 in the shipped campaign
    ws.append([1, "王小明", "201824131105", "20音乐1班", "优秀学生干部", "校级", "2019-12-01", "肇庆学院", ""])
    wb.save(path)


def _with_alias(campaign, column: str, alias: str):
    a3 = campaign.forms["A3"]
    columns = tuple(c.model_copy(update={"aliases": c.aliases + (alias,)}) if c.key == column else c
                    for c in a3.columns)
    return campaign.model_copy(update={"forms": {**campaign.forms, "A3": a3.model_copy(update={"columns": columns})}})


def _issuer(results) -> list[str]:
    [records] = results.values()
    [table] = [r for r in records if isinstance(r, TableDoc)]
    return [row.cells.get("颁奖单位", "") for row in table.rows]


def test_an_edited_alias_is_seen_on_the_next_run_and_a_deadline_is_not(tmp_path, monkeypatch):
    monkeypatch.setenv("PAPERDESK_WORKERS", "0")  # read in this process
    path = tmp_path / "获奖情况统计表.xlsx"
    _workbook(path)
    data = path.read_bytes()
    item = IntakeItem("音乐学院/获奖情况统计表.xlsx", hashlib.sha256(data).hexdigest(), len(data), "xlsx",
                      str(path), "2020-06-15T10:00:00+08:00")
    state = State(tmp_path / "state")
    shipped = load_campaign()

    first, stats = extract([item], state, shipped)
    assert stats == {"cached": 0, "extracted": 1}
    assert _issuer(first) == [""]  # the unknown header is not read as 颁奖单位

    edited = _with_alias(shipped, "颁奖单位", "发证机关")
    assert cache_key(edited) != cache_key(shipped)
    second, stats = extract([item], state, edited)
    assert stats == {"cached": 0, "extracted": 1}, "the cache must not serve records made under the old alias"
    assert _issuer(second) == ["肇庆学院"]

    # what extraction never reads: a deadline, a quota ratio -> the same key, the cached records
    later = edited.model_copy(update={
        "deliverables": tuple(d.model_copy(update={"due": d.due + dt.timedelta(days=3)}) for d in edited.deliverables),
        "checks": edited.checks.model_copy(update={"case_quota_ratio": Decimal("0.5")}),
    })
    assert cache_key(later) == cache_key(edited)
    third, stats = extract([item], state, later)
    assert stats == {"cached": 1, "extracted": 0} and _issuer(third) == ["肇庆学院"]
