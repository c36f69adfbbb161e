"""Helpers of the checks: period parsing, criteria reading, purity of the layer."""

import ast
import datetime as dt
from pathlib import Path

import pytest

from checks.criteria import judge
from checks.dates import deadline, inclusive_days, parse_period, parse_time

D = dt.date


@pytest.mark.parametrize("text, start, end", [
    ("2020年6月8日至6月12日", D(2020, 6, 8), D(2020, 6, 12)),
    ("2020.6.8-2020.6.12", D(2020, 6, 8), D(2020, 6, 12)),
    ("6月8日—12日", D(2020, 6, 8), D(2020, 6, 12)),
    ("2020-06-08至2020-06-12", D(2020, 6, 8), D(2020, 6, 12)),
    ("２０２０年６月８日～６月１２日", D(2020, 6, 8), D(2020, 6, 12)),
    ("6.8-6.12", D(2020, 6, 8), D(2020, 6, 12)),
    ("2020年6月8日至12日（共5天）", D(2020, 6, 8), D(2020, 6, 12)),
    ("6月30日至7月4日", D(2020, 6, 30), D(2020, 7, 4)),
])
def test_period_formats(text, start, end):
    assert parse_period(text, 2020) == (start, end)


@pytest.mark.parametrize("text", ["", "已公示", "2020年6月", "6月12日至6月8日", "2020年2月30日至3月3日"])
def test_unreadable_periods(text):
    assert parse_period(text, 2020) is None


def test_inclusive_day_count():
    assert inclusive_days((D(2020, 6, 8), D(2020, 6, 12))) == 5
    assert inclusive_days((D(2020, 6, 8), D(2020, 6, 8))) == 1


def test_time_and_deadline():
    assert parse_time("2020-06-22T23:59:59", "Asia/Shanghai") < deadline(D(2020, 6, 22), "Asia/Shanghai", True)
    assert parse_time("2020-06-22T16:00:00Z", "Asia/Shanghai") >= deadline(D(2020, 6, 22), "Asia/Shanghai", True)
    assert parse_time("昨天", "Asia/Shanghai") is None


@pytest.mark.parametrize("must, value, result", [
    ("zero", "0", True), ("zero", "0.0", True), ("zero", "无", True), ("zero", "1", False), ("zero", "", None),
    ("done", "已完成", True), ("done", "未完成", False), ("done", "进行中", None),
    ("no_bad_record", "无", True), ("no_bad_record", "有不良记录", False), ("no_bad_record", "待查", None),
    ("award_min", "校级三好学生", True), ("award_min", "二等奖学金", True), ("award_min", "无", False),
    ("award_min", "", None), ("award_min", "二等学业奖学金", True), ("award_min", "暂无", False),
    ("award_min", "2018—2019学年综合奖学金三等奖、院级优秀共青团员", True),  # the grade after the scholarship
    ("award_min", "优秀团员", False), ("award_min", "2019年度院级优秀共青团员", False),
    # a rank the keywords cannot be measured against: staff judge it, no error
    ("award_min", "全国大学生数学竞赛一等奖", None), ("award_min", "广东省优秀志愿者", None), ("done", None, None),
])
def test_criteria_reading(must, value, result):
    keywords = ("三好学生", "一等奖学金", "二等奖学金", "三等奖学金")
    assert judge(must, value, keywords) is result


FORBIDDEN = {"prefect", "sqlite3", "writers", "flows", "intake", "extractors", "review", "paperdesk.state",
             "requests", "httpx", "subprocess", "os", "shutil"}


def test_checks_layer_is_pure():
    root = Path(__file__).resolve().parents[2] / "checks"
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for n in names:
                assert n.split(".")[0] not in FORBIDDEN and n not in FORBIDDEN, f"{path.name} imports {n}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open":
                pytest.fail(f"{path.name} opens a file")
