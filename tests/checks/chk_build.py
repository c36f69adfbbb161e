"""Builders for check tests: records and submissions constructed in code (no fixture files)."""

from __future__ import annotations

import hashlib

from paperdesk.campaign import Campaign, load_campaign
from paperdesk.models import (CaseDoc, CollegeHint, FormDoc, Identified, ImageFile, ImageRef, IntakeItem,
                              Submission, TableDoc, TableRow)

import checks

from sampledata.demo.scenario import DEMO_ROSTER

#: the shipped campaign with the demo office's roster (the shipped campaign itself has no headcounts)
CAMPAIGN = load_campaign(roster=DEMO_ROSTER)
BARE = load_campaign()  # no roster: quotas from what colleges state
MATH = "数学与统计学院"  # headcount 11 in the demo roster
CS = "计算机科学与软件学院"  # headcount 30
ON_TIME = "2020-06-20T10:00:00+08:00"
SECTIONS = {"背景与起因": "背景", "做法与流程": "做法", "效果与启示": "效果", "创意与评价": "创意"}


def item(display: str, *, received_at: str = ON_TIME, state=None, reason=None, sha=None, hints=(),
         container=None, email_date=None, size=100, kind="docx") -> IntakeItem:
    sha = sha or hashlib.sha256(display.encode()).hexdigest()
    return IntakeItem(display=display, sha256=sha, size=size, kind=kind, blob="/nowhere/" + sha, received_at=received_at,
                      hints=tuple(hints), email_date=email_date, state=state, reason=reason, container=container)


def ident(display: str, college, deliverable, record, *, hints=(), person=None, student_id=None, **item_kw) -> Identified:
    return Identified(item=item(display, hints=hints, **item_kw), college=college, deliverable=deliverable,
                      hints=tuple(hints), person=person, student_id=student_id, record=record)


def a4row(n: int, name: str, sid: str, rating: str = "合格", **cells) -> TableRow:
    base = {"序号": str(n), "姓名": name, "学号": sid, "专业班级": "18数学1班", "所带班级": f"19数学{n}班",
            "政治面貌": "中共党员", "不及格科目数": "0", "获奖情况": "三等奖学金", "所带班级违纪人数": "0",
            "带班征文": "已完成", "诚信记录": "无", "考核等级": rating}
    base.update(cells)
    return TableRow(row=3 + n, cells=base)


def people(n: int, college_code: str = "24") -> list[tuple[str, str]]:
    return [(f"学生{chr(0x4e00 + i)}", f"2018{college_code}1311{i:02d}") for i in range(n)]


def a4(college: str, rows, *, total=None, publicity="2020年6月8日至6月12日", display=None, **kw) -> Identified:
    header = {"学院": college, "公示时间": publicity}
    if total is not None:
        header["带班党员总数"] = str(total)
    disp = display or f"{college}/考核情况汇总表.xlsx"
    doc = TableDoc(source=disp, form="A4", sheet="Sheet1", header=header, rows=tuple(rows), deliverable="assessment-summary")
    return ident(disp, college, "assessment-summary", doc, **kw)


def a4_of(college: str, n: int, **kw) -> Identified:
    return a4(college, [a4row(i + 1, nm, sid) for i, (nm, sid) in enumerate(people(n))], total=n, **kw)


def a5(college: str, name: str, sid: str, *, display=None, **fields) -> Identified:
    base = {"姓名": name, "学号": sid, "学院": college, "专业班级": "18数学1班", "政治面貌": "中共党员",
            "不及格科目数": "0", "带班征文": "已完成", "诚信记录": "无", "申报等级": "合格"}
    base.update(fields)
    disp = display or f"{college}/审批表/{name}.docx"
    return ident(disp, college, "assessment-forms", FormDoc(source=disp, form="A5", fields=base), person=name, student_id=sid)


def a2row(n: int, name: str, sid: str, cls: str, status: str = "中共党员") -> TableRow:
    return TableRow(row=3 + n, cells={"序号": str(n), "姓名": name, "学号": sid, "年级": "2018级", "政治面貌": status,
                                      "所带新生班级": cls})


def a2(college: str, rows, *, display=None) -> Identified:
    disp = display or f"{college}/新聘汇总表.xlsx"
    doc = TableDoc(source=disp, form="A2", sheet="Sheet1", header={"学院": college}, rows=tuple(rows), deliverable="selection")
    return ident(disp, college, "selection", doc)


def case(college: str, name: str, sid: str = "201824131101", *, chars=1000, sections=None, images=3, life=True,
         folder=None, title="带班案例") -> list[Identified]:
    """A case docx in its own folder of the college's archive, with ``images`` embedded pictures and
    (when ``life``) a separate 1.5 MB life photo beside it."""
    folder = folder or f"{college}优秀带班党员案例.zip!{name}"
    refs = tuple(ImageRef(name=f"image{i}.png", size=50_000, caption=f"图{i}") for i in range(images))
    disp = f"{folder}/{name}案例.docx"
    doc = CaseDoc(source=disp, title=title, author={"姓名": name, "学号": sid, "学院": college, "所带班级": "19数学1班"},
                  sections=dict(SECTIONS if sections is None else sections), body="…", char_count=chars, images=refs)
    out = [ident(disp, college, "cases", doc, container=folder.split("!")[0])]
    if life:
        out.append(photo(college, f"{folder}/生活照.jpg", 1_500_000))
    return out


def photo(college: str, display: str, size: int, *, life=True) -> Identified:
    name = display.rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    return ident(display, college, "cases", ImageFile(source=display, name=name, size=size, is_life_photo=life), kind="image")


def sub(*files, items=()) -> Submission:
    flat = []
    for f in files:
        flat.extend(f if isinstance(f, list) else [f])
    return Submission(items=tuple(f.item for f in flat) + tuple(items), files=tuple(flat))


def run(submission: Submission, code: str, campaign: Campaign = CAMPAIGN):
    return checks.run_checks(campaign, submission, codes={code})


def with_college(campaign: Campaign = CAMPAIGN, name: str = MATH, **update) -> Campaign:
    """A copy of the campaign with one college's settings changed (e.g. headcount)."""
    colleges = tuple(c.model_copy(update=update) if c.name == name else c for c in campaign.colleges)
    return Campaign.model_validate({**campaign.model_dump(by_alias=True), "colleges": [c.model_dump() for c in colleges]})


def hint(source: str, text: str) -> CollegeHint:
    return CollegeHint(source, text, CAMPAIGN.find_college(text))


def with_rule(campaign: Campaign = CAMPAIGN, code: str = "", **params) -> Campaign:
    """A copy of the campaign whose (first) rule entry under ``code`` has ``params`` changed."""
    from paperdesk.campaign import RuleEntry

    first, *rest = campaign.rules[code]
    entry = RuleEntry.model_validate({**first.model_dump(exclude_none=True), **first.params, **params})
    return campaign.model_copy(update={"rules": {**campaign.rules, code: (entry, *rest)}})
