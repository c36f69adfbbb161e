"""A college resubmits a corrected file a week later: the latest submission wins, the earlier
one is kept but `superseded`, the flags it caused close as `resolved`, and the history stays."""

from __future__ import annotations

import json
import os
import time

from flows.run import run_pipeline
from paperdesk.campaign import load_campaign
from writers.forms import build_table

COLLEGE = "马克思主义学院"  # headcount 8 in the campaign


def _a4(path, stated: int, rows: int, mtime: str):
    campaign = load_campaign()
    people = [{"序号": str(i + 1), "姓名": f"学生{i}", "学号": f"2017{i:08d}", "专业班级": "17思政1班",
               "所带班级": "19思政1班", "政治面貌": "中共党员", "不及格科目数": "0", "获奖情况": "校级三好学生",
               "所带班级违纪人数": "0", "带班征文": "已完成", "诚信记录": "无", "考核等级": "优秀学生带班党员"}
              for i in range(rows)]
    wb = build_table(campaign, "A4", COLLEGE, {"学院": COLLEGE, "带班党员总数": str(stated),
                                                "公示时间": "2020年6月8日至6月12日"}, people)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    t = time.mktime(time.strptime(mtime, "%Y-%m-%d %H:%M"))
    os.utime(path, (t, t))


def _load(outbox, name):
    return json.loads((outbox / name).read_text(encoding="utf-8"))


def test_a_corrected_resubmission_supersedes_the_first_and_closes_its_flags(tmp_path):
    inbox, outbox, state = tmp_path / "inbox", tmp_path / "outbox", tmp_path / "state"
    first = inbox / "6月15日" / f"{COLLEGE}考核情况汇总表.xlsx"
    _a4(first, stated=8, rows=7, mtime="2020-06-15 09:00")  # one row missing
    run_pipeline(inbox, outbox, state)
    flags = _load(outbox, "flags.json")["flags"]
    mismatch = [f for f in flags if f["code"] == "HEADCOUNT_MISMATCH" and f["college"] == COLLEGE]
    assert mismatch and mismatch[0]["status"] == "open"

    second = inbox / "6月19日更正" / f"{COLLEGE}考核情况汇总表（更正）.xlsx"
    _a4(second, stated=8, rows=8, mtime="2020-06-19 16:30")
    run_pipeline(inbox, outbox, state)

    files = {f["file"]: f for f in _load(outbox, "intake.json")["files"]}
    old = files[f"6月15日/{COLLEGE}考核情况汇总表.xlsx"]
    assert old["state"] == "superseded" and "更正" in old["reason"]
    assert files[f"6月19日更正/{COLLEGE}考核情况汇总表（更正）.xlsx"]["state"] == "used"
    flags = _load(outbox, "flags.json")["flags"]
    again = [f for f in flags if f["code"] == "HEADCOUNT_MISMATCH" and f["college"] == COLLEGE]
    assert [f["status"] for f in again] == ["resolved"], "the old flag stays visible, closed"
    assert first.exists() and second.exists()  # nothing in the inbox was touched
