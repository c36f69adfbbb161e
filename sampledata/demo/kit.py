"""One college's submission as data (a :class:`Kit`) and its rendering into file bytes.

A Kit starts clean (:func:`clean_kit`: every deliverable, right quotas, consistent values); the
scenario then bends it to plant problems (``dataclasses.replace``) and :func:`render` turns it
into named files. Rendering uses the form builders of ``writers.forms``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

import docx

from paperdesk import textnorm
from paperdesk.campaign import Campaign, College
from sampledata.demo import media, texts
from sampledata.demo.packaging import ooxml_bytes
from sampledata.demo.people import NameBook, Person, mentors, new_mentors
from writers.forms import build_approval_form, build_case, build_table

_CAPTIONS = ["主题班会现场", "学习互助小组在图书馆自习", "社区志愿服务", "与同学谈心谈话", "班级集体合影", "新生入学教育"]


@dataclass(frozen=True)
class Case:
    """One A1 case. ``photo``: ``ok`` (≥ the minimum), ``small`` or ``missing``."""

    author: Person
    title: str
    sections: dict[str, str]
    pictures: int = 3
    embedded: bool = True
    photo: str = "ok"
    seed: int = 0


@dataclass(frozen=True)
class Kit:
    """Everything one college sends. ``a4``/``a5`` are the people on A4 / with an A5 form;
    ``a5_overrides`` maps a name to fields written differently on that person's A5."""

    college: College
    a4: tuple[Person, ...]
    a5: tuple[Person, ...]
    a2: tuple[Person, ...]
    cases: tuple[Case, ...]
    stated_headcount: str
    publicity: str = "2020年6月8日至6月12日"
    with_a3: bool = True
    a5_overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    filler: str = ""
    seed: int = 0


def clean_kit(rnd: random.Random, names: NameBook, campaign: Campaign, college: College) -> Kit:
    """A college that does everything right."""
    people = tuple(mentors(rnd, names, campaign, college))
    n_cases = textnorm.round_half_up(campaign.checks.case_quota_ratio * Decimal(college.headcount))
    keys = list(campaign.checks.case_sections)
    cases = tuple(
        Case(author=p, title=rnd.choice(texts.TITLES), sections=texts.sections(rnd, p.led_class, rnd.randrange(650, 1100), keys),
             pictures=3 + i % 3, embedded=i % 2 == 0, seed=rnd.randrange(2**31))
        for i, p in enumerate(people[:n_cases]))
    filler, _ = names.new()
    return Kit(college=college, a4=people, a5=people, a2=tuple(new_mentors(rnd, names, campaign, college)),
               cases=cases, stated_headcount=str(college.headcount), filler=filler, seed=rnd.randrange(2**31))


# ------------------------------------------------------------------ rendering


@dataclass(frozen=True)
class Rendered:
    """A kit's files: ``tables`` by form id (A2/A3/A4), ``forms`` (person name, A5 bytes),
    ``cases`` (case folder name, [(file name, bytes)]), ``summary`` the work summary docx."""

    tables: dict[str, bytes]
    forms: tuple[tuple[str, bytes], ...]
    cases: tuple[tuple[str, tuple[tuple[str, bytes], ...]], ...]
    summary: bytes


def render(campaign: Campaign, kit: Kit, when: dt.datetime) -> Rendered:
    """Turn a kit into bytes (deterministic: every timestamp is ``when``)."""
    name = kit.college.name
    tables = {
        "A2": build_table(campaign, "A2", name, {"填表人": kit.filler, "联系电话": "0758-2716000", "日期": f"{when.year}年{when.month}月{when.day}日"},
                          [a2_row(i, p) for i, p in enumerate(kit.a2, 1)]),
        "A4": build_table(campaign, "A4", name, {"带班党员总数": kit.stated_headcount, "公示时间": kit.publicity},
                          [a4_row(i, p) for i, p in enumerate(kit.a4, 1)]),
    }
    if kit.with_a3:
        awarded = [p for p in kit.a4 if p.award != "无"]
        tables["A3"] = build_table(campaign, "A3", name, {}, [_a3_row(i, p) for i, p in enumerate(awarded, 1)])
    forms = tuple((p.name, ooxml_bytes(build_approval_form(campaign, a5_fields(kit, p)), when)) for p in kit.a5)
    cases = tuple(_case_files(campaign, kit, i, c, when) for i, c in enumerate(kit.cases, 1))
    return Rendered({k: ooxml_bytes(v, when) for k, v in tables.items()}, forms, cases,
                    ooxml_bytes(_summary(kit, random.Random(kit.seed)), when))


def a2_row(i: int, p: Person) -> dict[str, str]:
    return {"序号": str(i), "姓名": p.name, "性别": p.gender, "学号": p.student_id, "年级": p.grade,
            "专业班级": p.major_class, "政治面貌": p.status, "所带新生班级": p.led_class, "联系电话": p.phone}


def a4_row(i: int, p: Person) -> dict[str, str]:
    return {"序号": str(i), "姓名": p.name, "学号": p.student_id, "专业班级": p.major_class, "所带班级": p.led_class,
            "政治面貌": p.status, "不及格科目数": str(p.fails), "获奖情况": p.award,
            "所带班级违纪人数": str(p.violations), "带班征文": p.essay, "诚信记录": p.integrity, "考核等级": p.rating}


def _a3_row(i: int, p: Person) -> dict[str, str]:
    level, giver = ("院级", "共青团肇庆学院委员会") if p.award == "优秀团员" else ("校级", "肇庆学院")
    return {"序号": str(i), "姓名": p.name, "学号": p.student_id, "所带班级": p.led_class,
            "获奖名称": f"2018—2019学年度{p.award}", "获奖级别": level, "获奖时间": "2019年10月", "颁奖单位": giver}


def a5_fields(kit: Kit, p: Person) -> dict[str, str]:
    fields = {"姓名": p.name, "性别": p.gender, "学号": p.student_id, "学院": kit.college.name,
              "专业班级": p.major_class, "政治面貌": p.status, "所带班级": p.led_class, "联系电话": p.phone,
              "诚信记录": p.integrity, "不及格科目数": str(p.fails), "获奖情况": p.award,
              "所带班级违纪人数": str(p.violations), "带班征文": p.essay, "申报等级": p.rating,
              "带班工作主要事迹": texts.deeds(random.Random(p.student_id), p.led_class),
              "学院党委意见": "经学院党委审核，情况属实，同意申报。"}
    return fields | kit.a5_overrides.get(p.name, {})


def _case_files(campaign: Campaign, kit: Kit, i: int, case: Case, when: dt.datetime):
    rnd = random.Random(case.seed)
    p = case.author
    pictures = [(f"图{k}.jpg", media.picture(rnd.randrange(2**31)), _CAPTIONS[(k + i) % len(_CAPTIONS)])
                for k in range(1, case.pictures + 1)]
    author = {"姓名": p.name, "学号": p.student_id, "学院": kit.college.name, "所带班级": p.led_class}
    doc = build_case(campaign, case.title, author, case.sections, pictures if case.embedded else [])
    files = [(f"{p.name}-{case.title}.docx", ooxml_bytes(doc, when))]
    if not case.embedded:
        files += [(n, data) for n, data, _ in pictures]
    keyword = campaign.checks.life_photo_keywords[0]
    if case.photo == "ok":
        files.append((f"{p.name}{keyword}.jpg", media.life_photo(rnd.randrange(2**31), campaign.checks.photo_min_bytes)))
    elif case.photo == "small":
        files.append((f"{p.name}{keyword}.jpg", media.small_photo(rnd.randrange(2**31))))
    return f"{i}-{p.name}-{case.title}", tuple(files)


def _summary(kit: Kit, rnd: random.Random):
    doc = docx.Document()
    doc.add_heading(f"{kit.college.name}2019—2020学年度学生带班工作总结", level=1)
    for para in texts.summary(rnd, kit.college.name, kit.college.headcount):
        doc.add_paragraph(para)
    doc.add_paragraph(f"{kit.college.name}党委")
    doc.add_paragraph("2020年6月")
    return doc
