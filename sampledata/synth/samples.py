"""Plausible fill-in data for the campaign's forms, deterministic for a seed.

``sample_data(campaign, form_id, college=..., rows=5, seed=0)`` returns what ``render_form``
takes: a field dict for a label/value form, ``{"header": ..., "rows": [...]}`` for a table.
Values respect the form's columns (``values`` lists, 12-digit 学号 of the campaign's candidate
year, integers for ``int`` columns), so extractors can be tested against known truth.
"""

from __future__ import annotations

import numpy as np

from paperdesk.campaign import Campaign, Column

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌雪梅晨宇欣怡嘉豪思雨子涵浩然"
_MAJORS = ("汉语言文学", "法学", "会计学", "小学教育", "英语", "数学与应用数学", "电子信息工程", "软件工程",
           "机械设计制造及其自动化", "应用化学", "生物科学", "食品科学与工程", "体育教育", "音乐学", "美术学", "旅游管理")
_STATUS = ("中共党员", "中共预备党员")
_AWARDS = ("三好学生", "二等奖学金", "优秀学生干部", "三等奖学金", "无")
_OPINIONS = ("同意推荐。", "情况属实，同意申报。", "经审核，同意推荐该同学。")


def _name(rng: np.random.Generator) -> str:
    given = "".join(rng.choice(list(_GIVEN), size=int(rng.integers(1, 3))))
    return str(rng.choice(list(_SURNAMES))) + given


def _value(col: Column, rng: np.random.Generator, year: int, ctx: dict[str, str]) -> str:
    key = col.key
    if col.values:
        return str(rng.choice(list(col.values)))
    if col.type == "student_id":
        return f"{year}{int(rng.integers(0, 10**8)):08d}"
    if col.type == "int":
        return str(int(rng.choice([0, 0, 0, 1, 2])))
    if col.type == "date":
        return f"2020-{int(rng.integers(1, 7)):02d}-{int(rng.integers(1, 29)):02d}"
    table = {
        "姓名": lambda: _name(rng), "性别": lambda: str(rng.choice(["男", "女"])),
        "年级": lambda: f"{year % 100}级", "政治面貌": lambda: str(rng.choice(_STATUS)),
        "专业班级": lambda: f"{year % 100}{rng.choice(_MAJORS)}{int(rng.integers(1, 4))}班",
        "所带班级": lambda: f"20{rng.choice(_MAJORS)}{int(rng.integers(1, 4))}班",
        "所带新生班级": lambda: f"20{rng.choice(_MAJORS)}{int(rng.integers(1, 4))}班",
        "联系电话": lambda: f"1{int(rng.choice([3, 5, 8]))}{int(rng.integers(0, 10**9)):09d}",
        "获奖情况": lambda: str(rng.choice(_AWARDS)), "学院": lambda: ctx.get("学院", ""),
        "带班工作主要事迹": lambda: "组织新生入学教育，开展学风建设与班级团建活动，帮助同学适应大学生活。",
        "学院党委意见": lambda: str(rng.choice(_OPINIONS)), "学校审批意见": lambda: "",
        "获奖名称": lambda: str(rng.choice(_AWARDS[:4])), "颁奖单位": lambda: "肇庆学院",
    }
    return table[key]() if key in table else ""


def sample_data(campaign: Campaign, form_id: str, *, college: str | None = None, rows: int = 5,
                seed: int = 0) -> dict:
    """Fill-in data for ``form_id`` (see the module docstring); ``college`` defaults to the first."""
    rng = np.random.default_rng(seed)
    form = campaign.forms[form_id]
    name = college or campaign.colleges[0].name
    year = campaign.checks.candidate_enrolment_year
    ctx = {"学院": name}
    if form.kind == "form":
        return {f.key: _value(f, rng, year, ctx) for f in form.fields}
    stated = next((c.headcount for c in campaign.colleges if c.name == name), None) or rows
    header = {"学院": name, "带班党员总数": str(stated),
              "公示时间": "2020.6.10—2020.6.16", "填表人": _name(rng),
              "联系电话": f"0758-{int(rng.integers(2000000, 2999999))}", "日期": "2020年6月18日"}
    body = []
    for i in range(1, rows + 1):
        row = {c.key: _value(c, rng, year, ctx) for c in form.columns}
        row["序号"] = str(i)
        body.append(row)
    return {"header": {k: header.get(k, "") for k in form.header_fields}, "rows": body}
