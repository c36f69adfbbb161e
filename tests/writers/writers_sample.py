"""A small run built in code: one college (数学与统计学院) with A4, A2, A3, a case and a life photo,
one unreadable file of 文学院, a duplicate, and flags in every status."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from paperdesk.campaign import load_campaign
from paperdesk.models import (CaseDoc, Flag, Identified, ImageFile, ImageRef, IntakeItem, Submission, TableDoc,
                              TableRow)

MATH = "数学与统计学院"
ZIP = f"{MATH}优秀带班党员案例.zip"
GENERATED_AT = "2020-06-23T09:30:00+08:00"


def item(display, kind="xlsx", size=2048, state=None, reason=None, when="2020-06-21T10:00:00+08:00", sha=None):
    return IntakeItem(display=display, sha256=sha or hashlib.sha256(display.encode()).hexdigest(), size=size, kind=kind,
                      blob=f"/state/blobs/{display}", received_at=when, state=state, reason=reason)


def a4_rows():
    base = {"专业班级": "18数学1班", "政治面貌": "中共党员", "获奖情况": "三好学生", "所带班级违纪人数": "0",
            "带班征文": "已完成", "诚信记录": "无", "备注": ""}
    return (
        TableRow(4, {**base, "序号": "1", "姓名": "张三", "学号": "201824131105", "所带班级": "19统计1班",
                     "不及格科目数": "1", "考核等级": "学生带班党员标兵"}),
        TableRow(5, {**base, "序号": "2", "姓名": "李四", "学号": "201824131106", "所带班级": "19数学2班",
                     "不及格科目数": "0", "考核等级": "合格"}),
    )


@dataclass(frozen=True)
class Sample:
    campaign: object
    submission: Submission
    flags: list
    overrides: dict
    generated_at: str = GENERATED_AT


def build_sample() -> Sample:
    campaign = load_campaign()
    i_a4 = item(f"{MATH}/考核情况汇总表.xlsx")
    i_a2 = item(f"{MATH}/新聘学生带班党员汇总表.xlsx", when="2020-06-21T11:00:00+08:00")
    i_a3 = item(f"{MATH}/获奖情况统计表.xlsx")
    i_case = item(f"{ZIP}!张三/张三案例.docx", kind="docx")
    i_photo = item(f"{ZIP}!张三/张三生活照.jpg", kind="image", size=524_288)
    i_bad = item("文学院/坏文件.docx", kind="docx", state="unreadable", reason="文件已损坏，无法打开")
    i_dup = item(f"{MATH}/考核情况汇总表(1).xlsx", state="duplicate", sha=i_a4.sha256)
    a4 = TableDoc(i_a4.display, "A4", "Sheet1", {"学院": MATH, "带班党员总数": "2"}, a4_rows(),
                  deliverable="assessment-summary")
    a2 = TableDoc(i_a2.display, "A2", "Sheet1", {"学院": MATH}, (TableRow(4, {
        "序号": "1", "姓名": "王五", "性别": "女", "学号": "201824131200", "年级": "2018级", "专业班级": "18统计1班",
        "政治面貌": "中共预备党员", "所带新生班级": "20统计学1班", "联系电话": "13800000000", "备注": ""}),),
        deliverable="selection")
    a3 = TableDoc(i_a3.display, "A3", "Sheet1", {"学院": MATH}, (TableRow(4, {
        "序号": "1", "姓名": "张三", "学号": "201824131105", "所带班级": "19统计1班", "获奖名称": "三好学生",
        "获奖级别": "校级", "获奖时间": "2019-12", "颁奖单位": "肇庆学院", "备注": ""}),), deliverable="awards")
    case = CaseDoc(i_case.display, "用心陪伴新生成长", {"姓名": "张三", "学号": "201824131105", "学院": MATH},
                   {"背景与起因": "…"}, "正文", 1234,
                   images=tuple(ImageRef(f"image{n}.png", 90_000, caption=f"图{n}") for n in (1, 2, 3)))
    photo = ImageFile(i_photo.display, "张三生活照.jpg", i_photo.size, is_life_photo=True)
    files = tuple(Identified(i, MATH, d, record=r) for i, d, r in (
        (i_a4, "assessment-summary", a4), (i_a2, "selection", a2), (i_a3, "awards", a3),
        (i_case, "cases", case), (i_photo, "cases", photo)))
    submission = Submission(items=(i_a4, i_a2, i_a3, i_case, i_photo, i_bad, i_dup), files=files)
    return Sample(campaign, submission, sample_flags(i_a4, i_photo, i_bad, i_a2), {
        (MATH, "assessment-summary", "201824131106", "所带班级"): "20统计学1班"})


def sample_flags(i_a4, i_photo, i_bad, i_a2) -> list[Flag]:
    return [
        Flag("CRITERIA_NOT_MET", "error", "张三（201824131105）评为标兵，但有不及格科目 1 门。", college=MATH,
             deliverable="assessment-summary", student_id="201824131105", name="张三", file=i_a4.display,
             field="不及格科目数", expected="没有不及格科目", found="1"),
        Flag("FORM_MISSING", "error", "李四（201824131106）在考核情况汇总表中，但未收到其《考核审批表》。",
             college=MATH, deliverable="assessment-summary", student_id="201824131106", name="李四",
             file=i_a4.display, expected="考核审批表", found="未收到"),
        Flag("PHOTO_TOO_SMALL", "error", "张三的生活照太小：张三生活照.jpg 为 0.50 MB。", college=MATH,
             deliverable="cases", student_id="201824131105", name="张三", file=i_photo.display, field="生活照",
             expected="≥1048576", found="524288", status="waived"),
        Flag("DELIVERABLE_MISSING", "error", "未收到学生带班工作总结。", college=MATH, deliverable="work-summary",
             expected="已提交电子版", found="未收到"),
        Flag("UNREADABLE_FILE", "error", "文件无法读取：文件已损坏，无法打开（文学院/坏文件.docx）。",
             college="文学院", deliverable="intake", file=i_bad.display),
        Flag("FIELD_MISMATCH", "error", "张三的申报等级在审批表中为“优秀学生带班党员”，汇总表中为“学生带班党员标兵”。",
             college=MATH, deliverable="assessment-forms", student_id="201824131105", name="张三",
             field="申报等级", expected="学生带班党员标兵", found="优秀学生带班党员", status="confirmed"),
        Flag("CASE_SECTION_MISSING", "error", "案例《用心陪伴新生成长》缺少该部分：“创意与评价”。", college=MATH,
             deliverable="cases", student_id="201824131105", name="张三", file=f"{ZIP}!张三/张三案例.docx",
             field="创意与评价", expected="有内容", found="缺少"),
        Flag("LATE_SUBMISSION", "warning", "新聘学生带班党员汇总表逾期提交。", college=MATH,
             deliverable="selection", file=i_a2.display, status="open"),
    ]
