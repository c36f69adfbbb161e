"""checks.values.compare: by meaning, and UNSURE where two spellings may mean the same."""

import pytest

import chk_build as b
from checks.values import Verdict, compare

S, D, U = Verdict.SAME, Verdict.DIFFERENT, Verdict.UNSURE


@pytest.mark.parametrize("field, a, bb, verdict", [
    ("考核等级", "标兵", "学生带班党员标兵", S), ("考核等级", "带班党员标兵", "☑学生带班党员标兵", S),
    ("申报等级", "优秀", "优秀学生带班党员", S), ("考核等级", "合格", "称职", S),
    ("考核等级", "优秀", "学生带班党员标兵", D), ("考核等级", "优异", "优秀", U),
    ("诚信记录", "无", "无不良记录", S), ("诚信记录", "良好", "无", S), ("诚信记录", "无不良记录", "有不良记录", D),
    ("政治面貌", "正式党员", "中共党员", S), ("政治面貌", "党员", "中共预备党员", D),
    ("带班征文", "√", "已完成", S), ("带班征文", "完成", "未完成", D), ("性别", "男性", "男", S),
    ("学号", "201706010118", "2.01706E+11", U), ("学号", "201706010118", "201706010119", D),
    ("学号", "２０１７０６０１０１１８", "201706010118", S),
    ("姓名", "张 三", "张三", S), ("姓名", "张三（组长）", "张三", S), ("姓名", "张三", "张山", D),
    ("所带班级", "19数学1班", "2019级数学与应用数学1班", U), ("所带班级", "数学191班", "19数学1班", U),
    ("专业班级", "18数学1班", "18统计2班", D),
    # a class name by year, major and number, wherever the year is typed
    ("专业班级", "法学2017级1班", "2017级法学1班", S), ("专业班级", "社会工作2017级1班", "17社会工作1班", S),
    ("所带班级", "2019级法学2班", "法学19级2班", S), ("专业班级", "法学2017级1班", "2017级法学2班", D),
    ("专业班级", "法学2017级1班", "2018级法学1班", D), ("专业班级", "法学2017级1班", "2017级社会工作1班", D),
    # the same reordering in a field that is not a class name is not read as one
    ("获奖情况", "法学2017级1班", "2017级法学1班", D), ("不及格科目数", "0", "无", S), ("不及格科目数", "1", "0", D),
    # a decimal by its value: a grade point typed 3.20 in one document and 3.2 in the other
    ("平均学分绩点", "3.20", "3.2", S), ("平均学分绩点", "３．５", "3.50", S), ("平均学分绩点", "3.2", "3.3", D),
    ("平均学分绩点", "3.2", "3.2分", U),
    # a date by the day it names
    ("日期", "2020-06-16", "2020/6/16", S), ("日期", "2020年6月16日", "2020.06.16", S), ("日期", "2020-06-16", "2020/6/18", D),
])
def test_compare(field, a, bb, verdict):
    assert compare(b.CAMPAIGN, field, a, bb) is verdict

