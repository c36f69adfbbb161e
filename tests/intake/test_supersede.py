"""supersede(): per (college, deliverable, person) the latest submission wins."""

from __future__ import annotations

from paperdesk.models import CaseDoc, FormDoc, FreeDoc, Identified, ImageFile, IntakeItem, TableDoc
from intake.supersede import submission, supersede, thing

CS = "计算机学院"
MATH = "数学学院"


def ident(display: str, received_at: str, record, college=CS, deliverable="assessment-forms",
          person=None, student_id=None) -> Identified:
    item = IntakeItem(display=display, sha256=display, size=1, kind="docx", blob="", received_at=received_at)
    return Identified(item=item, college=college, deliverable=deliverable, person=person, student_id=student_id,
                      record=record)


def form(name="张三", sid="201824131105") -> FormDoc:
    return FormDoc(source="x", form="A5", fields={"姓名": name, "学号": sid})


def table(deliverable="roster") -> TableDoc:
    return TableDoc(source="x", form="A2", sheet="Sheet1", header={}, rows=(), deliverable=deliverable)


def test_later_email_replaces_the_same_persons_form():
    old = ident("a.eml!张三.docx", "2020-06-19T10:00:00+08:00", form(), person="张三", student_id="201824131105")
    new = ident("b.eml!张三-改.docx", "2020-06-20T09:30:00+08:00", form(), person="张三", student_id="201824131105")
    other = ident("a.eml!李四.docx", "2020-06-19T10:00:00+08:00", form("李四", "201824131106"), person="李四",
                  student_id="201824131106")
    kept, reasons = supersede([old, other, new])
    assert kept == [other, new]
    assert reasons == {"a.eml!张三.docx": "已被 b.eml!张三-改.docx（2020-06-20 09:30）替换"}


def test_tables_are_replaced_whole_and_per_deliverable_and_college():
    a = ident("1.zip!名单.xlsx", "2020-06-19T10:00:00+08:00", table(), deliverable="roster")
    b = ident("2.zip!名单v2.xlsx", "2020-06-21T10:00:00+08:00", table(), deliverable="roster")
    other_deliverable = ident("1.zip!汇总.xlsx", "2020-06-19T10:00:00+08:00", table("summary"), deliverable="summary")
    other_college = ident("m.zip!名单.xlsx", "2020-06-18T10:00:00+08:00", table(), college=MATH, deliverable="roster")
    kept, reasons = supersede([a, b, other_deliverable, other_college])
    assert kept == [b, other_deliverable, other_college]
    assert list(reasons) == ["1.zip!名单.xlsx"]


def test_files_of_one_submission_never_replace_each_other():
    one = ident("a.zip!x/张三.docx", "2020-06-19T10:00:00+08:00", form(), person="张三")
    two = ident("a.zip!y/张三.docx", "2020-06-19T10:00:00+08:00", form(), person="张三")
    assert supersede([one, two]) == ([one, two], {})


def test_tie_on_time_broken_by_submission_display():
    a = ident("a.zip!f.docx", "2020-06-19T10:00:00+08:00", form(), person="张三")
    b = ident("b.zip!f.docx", "2020-06-19T10:00:00+08:00", form(), person="张三")
    kept, reasons = supersede([b, a])
    assert kept == [b] and "b.zip!f.docx" in reasons["a.zip!f.docx"]


def test_person_by_student_id_before_name():
    renamed = ident("a.eml!f.docx", "2020-06-19T10:00:00+08:00", form(), person="张三", student_id="201824131105")
    fixed = ident("b.eml!f.docx", "2020-06-20T10:00:00+08:00", form("张叁"), person="张叁", student_id="201824131105")
    same_name_other_id = ident("c.eml!f.docx", "2020-06-18T10:00:00+08:00", form(), person="张三",
                               student_id="201824131199")
    kept, reasons = supersede([renamed, fixed, same_name_other_id])
    assert kept == [fixed, same_name_other_id]


def test_unplaceable_files_always_kept():
    no_college = ident("a.eml!f.docx", "2020-06-19T10:00:00+08:00", form(), college=None, person="张三")
    no_person = ident("b.eml!f.docx", "2020-06-19T10:00:00+08:00", form())
    no_record = ident("c.eml!f.docx", "2020-06-19T10:00:00+08:00", None, person="张三")
    picture = ident("d.eml!img.jpg", "2020-06-19T10:00:00+08:00", ImageFile("x", "img.jpg", 10), deliverable="cases")
    later = ident("e.eml!f.docx", "2020-06-25T10:00:00+08:00", form(), person="张三")
    files = [no_college, no_person, no_record, picture, later]
    assert supersede(files) == (files, {})


def test_cases_photos_and_summaries():
    case = CaseDoc(source="x", title="t", author={"姓名": "王五"}, sections={}, body="", char_count=0)
    old_case = ident("a.zip!王五案例.docx", "2020-06-19T10:00:00+08:00", case, deliverable="cases", person="王五")
    new_case = ident("b.zip!王五案例.docx", "2020-06-22T10:00:00+08:00", case, deliverable="cases", person="王五")
    photo = ident("a.zip!王五生活照.jpg", "2020-06-19T10:00:00+08:00", ImageFile("x", "p.jpg", 1, True),
                  deliverable="cases", person="王五")
    summary_old = ident("a.zip!总结.docx", "2020-06-19T10:00:00+08:00", FreeDoc("x", "总结", "…"),
                        deliverable="work-summary")
    summary_new = ident("b.zip!总结.docx", "2020-06-22T10:00:00+08:00", FreeDoc("x", "总结", "…"),
                        deliverable="work-summary")
    kept, reasons = supersede([old_case, new_case, photo, summary_old, summary_new])
    assert thing(photo) != thing(old_case)  # the photo is not dropped by a case document sent alone
    assert kept == [new_case, photo, summary_new]
    assert set(reasons) == {"a.zip!王五案例.docx", "a.zip!总结.docx"}
    new_photo = ident("c.eml!王五.jpg", "2020-06-23T10:00:00+08:00", ImageFile("x", "q.jpg", 1, True),
                      deliverable="cases", person="王五")
    kept, reasons = supersede([photo, new_photo])
    assert kept == [new_photo] and "c.eml!王五.jpg" in reasons["a.zip!王五生活照.jpg"]


def test_workbook_display_listed_only_when_all_its_sheets_are_superseded():
    a2_old = ident("a.zip!表.xlsx", "2020-06-19T10:00:00+08:00", table("roster"), deliverable="roster")
    a3_old = ident("a.zip!表.xlsx", "2020-06-19T10:00:00+08:00", table("summary"), deliverable="summary")
    a2_new = ident("b.zip!名单.xlsx", "2020-06-22T10:00:00+08:00", table("roster"), deliverable="roster")
    kept, reasons = supersede([a2_old, a3_old, a2_new])
    assert kept == [a3_old, a2_new] and reasons == {}
    a3_new = ident("b.zip!汇总.xlsx", "2020-06-22T10:00:00+08:00", table("summary"), deliverable="summary")
    kept, reasons = supersede([a2_old, a3_old, a2_new, a3_new])
    assert kept == [a2_new, a3_new] and set(reasons) == {"a.zip!表.xlsx"}


def test_submission_is_the_innermost_email_else_the_inbox_file():
    assert submission("学院/a.zip!x/b.docx") == "学院/a.zip"
    assert submission("导出.zip!邮件1.eml!附件.zip!b.docx") == "导出.zip!邮件1.eml"
    assert submission("m.msg!b.docx") == "m.msg"
    assert submission("b.docx") == "b.docx"


def test_emails_inside_one_zip_are_separate_submissions():
    first = ident("导出.zip!1.eml!f.docx", "2020-06-19T10:00:00+08:00", form(), person="张三")
    second = ident("导出.zip!2.eml!f.docx", "2020-06-20T10:00:00+08:00", form(), person="张三")
    kept, reasons = supersede([first, second])
    assert kept == [second] and "导出.zip!1.eml!f.docx" in reasons
