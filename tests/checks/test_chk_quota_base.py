"""The quota base: the office's roster, else what the college states on A4, else A4's rows —
never a figure the shipped campaign invents; a roster that disagrees with the college is said."""

from pathlib import Path

import openpyxl
import pytest
import yaml

import chk_build as b
from paperdesk.campaign import DEFAULT_CAMPAIGN, CampaignError, load_campaign

MODEL = "学生带班党员标兵"


def test_shipped_campaign_invents_no_headcounts_or_class_lists():
    raw = yaml.safe_load(DEFAULT_CAMPAIGN.read_text(encoding="utf-8"))
    assert all("headcount" not in c and "freshman_classes" not in c for c in raw["colleges"])
    assert all(c.headcount is None and not c.freshman_classes for c in b.BARE.colleges)


def _a4(college, n_rows, total, models=0):
    rows = [b.a4row(i + 1, nm, sid, MODEL if i < models else "合格") for i, (nm, sid) in enumerate(b.people(n_rows))]
    return b.a4(college, rows, total=total)


def test_a_college_stating_30_mentors_is_judged_on_30():
    a4 = _a4(b.MATH, 30, 30, models=5)  # 15% of 30 = 4.5 -> 5 标兵 allowed
    assert b.run(b.sub(a4), "MODEL_QUOTA_EXCEEDED", b.BARE) == []
    cases = [f for i in range(12) for f in b.case(b.MATH, f"作者{i}", f"2018241311{i:02d}")]  # 40% of 30 = 12
    assert b.run(b.sub(a4, cases), "CASE_QUOTA", b.BARE) == []
    [f] = b.run(b.sub(a4, cases[:-2]), "CASE_QUOTA", b.BARE)
    assert (f.expected, f.found) == ("12", "11") and "学院在汇总表上填写的带班党员总数" in f.message


def test_roster_comes_first_and_a_disagreement_is_one_warning_with_both_values():
    a4 = _a4(b.MATH, 12, 12, models=2)  # roster: 11 -> 标兵 ≤ 2 either way
    [w] = b.run(b.sub(a4), "HEADCOUNT_MISMATCH")
    assert (w.severity, w.expected, w.found) == ("warning", "11", "12")
    assert "名册" in w.message and "11" in w.message and "12" in w.message
    cases = [f for i in range(4) for f in b.case(b.MATH, f"作者{i}", f"2018241311{i:02d}")]
    assert b.run(b.sub(a4, cases), "CASE_QUOTA") == []  # 40% of the roster's 11 = 4.4 -> 4
    [f] = b.run(b.sub(a4, cases), "CASE_QUOTA", b.BARE)  # without it: 40% of 12 = 4.8 -> 5
    assert f.expected == "5"
    assert b.run(b.sub(_a4(b.MATH, 11, 11)), "HEADCOUNT_MISMATCH") == []


def test_rows_are_the_last_resort_and_named_in_the_message():
    a4 = _a4(b.MATH, 10, None, models=3)  # 15% of 10 rows = 1.5 -> 2
    [f] = b.run(b.sub(a4), "MODEL_QUOTA_EXCEEDED", b.BARE)
    assert f.expected == "≤2" and "汇总表所列人数" in f.message


def test_roster_files(tmp_path: Path):
    y = tmp_path / "r.yaml"
    y.write_text("数学学院: 9\n计算机学院:\n  带班党员总数: 31\n  新生班级: [20软件工程1班]\n", encoding="utf-8")
    c = load_campaign(roster=y)
    assert c.college(b.MATH).headcount == 9 and c.college(b.CS).headcount == 31
    assert c.college(b.CS).freshman_classes == ("20软件工程1班",) and "r.yaml" in c.roster_source
    x = tmp_path / "名册.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2019-2020学年度学生带班党员名册"])
    ws.append(["学院", "姓名", "学号"])
    for i in range(7):
        ws.append(["数学与统计学院", f"学生{i}", f"20182413110{i}"])
    ws.append(["文学院", "某某", "201801010101"])
    wb.save(x)
    c = load_campaign(roster=x)
    assert c.college(b.MATH).headcount == 7 and c.college("文学院").headcount == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("火星学院: 3\n", encoding="utf-8")
    with pytest.raises(CampaignError, match="火星学院"):
        load_campaign(roster=bad)
    with pytest.raises(CampaignError, match="找不到"):
        load_campaign(roster=tmp_path / "none.yaml")
