"""identify(): college from each hint source and their conflicts, deliverable, person."""

from __future__ import annotations

from paperdesk.models import (CaseDoc, CollegeHint, ExtractionError, FormDoc, FreeDoc, ImageFile, IntakeItem,
                              TableDoc, TableRow)

from intake.identify import identify, identify_all, identify_each
from intake_fixtures import CAMPAIGN

CS, MATH, ECON = "计算机科学与软件学院", "数学与统计学院", "经济与管理学院"


def item(display: str, hints=(), kind="docx") -> IntakeItem:
    return IntakeItem(display=display, sha256="0" * 64, size=10, kind=kind, blob="",
                      received_at="2020-06-20T10:00:00+08:00", hints=tuple(hints))


def table(form="A4", college="", deliverable="") -> TableDoc:
    return TableDoc(source="x", form=form, sheet="Sheet1", header={"学院": college} if college else {},
                    rows=(TableRow(3, {"姓名": "张三"}),), deliverable=deliverable)


def sources(found, college=None):
    return {h.source for h in found.hints if h.college == college} if college else {h.source for h in found.hints}


def test_each_hint_source_alone():
    cases = {
        "archive": (item("计软学院.zip!a.docx"), None),
        "folder": (item("收件/计算机学院/a.docx"), None),
        "filename": (item("计算机学院-材料.docx"), None),
        "header": (item("a.xlsx"), table(college="计算机学院")),
        "email_subject": (item("m.eml!a.docx", hints=[CollegeHint("email_subject", "计算机学院材料", CS)]), None),
        "email_sender": (item("m.eml!a.docx", hints=[CollegeHint("email_sender", "软件学院 <a@b.c>", CS)]), None),
    }
    for source, (it, record) in cases.items():
        found = identify(it, [record] if record else [], CAMPAIGN)
        assert found.college == CS, source
        assert sources(found, CS) == {source}, source


def test_nothing_resolves():
    found = identify(item("杂项/材料.docx"), [], CAMPAIGN)
    assert found.college is None
    assert {h.text for h in found.hints} == {"杂项", "材料.docx"}


def test_conflict_keeps_all_hints_and_header_wins():
    it = item("数学学院/经管学院案例.zip!a.xlsx", hints=[CollegeHint("email_subject", "外院", "外国语学院")])
    found = identify(it, [table(college="计算机学院")], CAMPAIGN)
    assert found.college == CS
    assert {h.college for h in found.hints if h.college} == {CS, MATH, ECON, "外国语学院"}


def test_priority_without_header():
    it = item("数学学院/经管学院材料.zip!文学院.docx", hints=[CollegeHint("email_sender", "外院", "外国语学院")])
    assert identify(it, [], CAMPAIGN).college == ECON  # archive > folder > filename > email
    assert identify(item("数学学院/文学院.docx"), [], CAMPAIGN).college == MATH  # folder > filename
    it = item("文学院.docx", hints=[CollegeHint("email_subject", "外院", "外国语学院")])
    assert identify(it, [], CAMPAIGN).college == "文学院"  # filename > email


def test_agreeing_hints_no_conflict():
    found = identify(item("计算机学院/计软学院考核审批表.docx"), [FormDoc("x", "A5", {"学院": "计算机科学与软件学院"})], CAMPAIGN)
    assert found.college == CS and len({h.college for h in found.hints if h.college}) == 1


def test_deliverable_by_content_before_name():
    it = item("计算机学院/工作总结.xlsx")  # name says summary, content is the A3 awards table
    assert identify(it, [table(form="A3")], CAMPAIGN).deliverable == "awards"
    assert identify(it, [table(form="A2", deliverable="selection")], CAMPAIGN).deliverable == "selection"
    assert identify(item("a.docx"), [FormDoc("x", "A5", {})], CAMPAIGN).deliverable == "assessment-forms"
    case = CaseDoc("x", "标题", {}, {}, "", 0, deliverable="")
    assert identify(item("a.docx"), [case], CAMPAIGN).deliverable == "cases"


def test_free_document_by_title_then_text_then_name():
    free = FreeDoc("x", title="计算机学院2020年学生带班工作总结", text="", deliverable="")
    assert identify(item("a.docx"), [free], CAMPAIGN).deliverable == "work-summary"
    free = FreeDoc("x", title="报告", text="关于学生带班党员的工作总结\n……优秀带班党员案例", deliverable="")
    assert identify(item("a.docx"), [free], CAMPAIGN).deliverable == "work-summary"
    scan = FreeDoc("x", title="扫描件", text="", deliverable="")
    assert identify(item("计算机学院/考核审批表扫描.pdf"), [scan], CAMPAIGN).deliverable == "assessment-forms"
    assert identify(item("计算机学院/其他.pdf"), [scan], CAMPAIGN).deliverable is None


def test_deliverable_by_archive_name_innermost_first():
    it = item("计算机学院考核审批表.zip!计算机学院优秀带班党员案例/图1.jpg", kind="image")
    assert identify(it, [ImageFile(it.display, "图1.jpg", 5)], CAMPAIGN).deliverable == "cases"
    assert identify(item("获奖情况.zip!表.xlsx"), [], CAMPAIGN).deliverable == "awards"


def test_images_beside_a_case_and_life_photos():
    doc = item("材料.zip!张三/张三.docx")
    pic = item("材料.zip!张三/图1.jpg", kind="image")
    other = item("材料.zip!李四/图1.jpg", kind="image")
    case = CaseDoc("x", "标题", {"姓名": "张三", "学号": "201824131105"}, {}, "", 0)
    img = ImageFile("x", "图1.jpg", 5)
    assert identify(pic, [img], CAMPAIGN).deliverable is None  # alone, nothing says what it is
    found = {f.item.display: f for f in identify_all([(doc, [case]), (pic, [img]), (other, [img])], CAMPAIGN)}
    assert found[pic.display].deliverable == "cases"
    assert found[other.display].deliverable is None
    photo = item("材料.zip!张三-生活照.jpg", kind="image")
    found = identify(photo, [ImageFile("x", "张三-生活照.jpg", 5)], CAMPAIGN)
    assert (found.deliverable, found.person) == ("cases", "张三")


def test_person():
    found = identify(item("a.docx"), [FormDoc("x", "A5", {"姓名": "王五", "学号": "2.01824131105E+11"})], CAMPAIGN)
    assert (found.person, found.student_id) == ("王五", "201824131105")
    case = CaseDoc("x", "t", {"姓名": "赵六", "学号": "２０１８２４１３１１０６"}, {}, "", 0)
    assert identify(item("a.docx"), [case], CAMPAIGN).student_id == "201824131106"
    photo = item("x.zip!李四_201824131107生活照.png", kind="image")
    found = identify(photo, [ImageFile("x", "李四_201824131107生活照.png", 5)], CAMPAIGN)
    assert (found.person, found.student_id) == ("李四", "201824131107")
    assert identify(item("风景.jpg", kind="image"), [ImageFile("x", "风景.jpg", 5)], CAMPAIGN).person is None
    assert identify(item("a.xlsx"), [table()], CAMPAIGN).person is None


def test_errors_skipped_and_one_per_record():
    err = ExtractionError("x", "坏")
    found = identify(item("a.xlsx"), [err, table(form="A3")], CAMPAIGN)
    assert found.record.form == "A3" and found.deliverable == "awards"
    many = identify_each(item("a.xlsx"), [table(form="A2"), table(form="A3")], CAMPAIGN)
    assert [f.deliverable for f in many] == ["selection", "awards"]
    assert identify_each(item("a.xlsx"), [err], CAMPAIGN)[0].record is None
