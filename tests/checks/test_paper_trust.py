"""Uncertain OCR is never an error; paper coverage is not a mismatch; values by meaning on scans."""

import chk_build as b
from test_paper import PEOPLE, a4_scan, a5_scan, electronic_a4, run


def test_a_rare_character_read_without_it_is_a_doubt_with_both_values_not_a_mismatch():
    e = b.a5(b.MATH, "王翀宇", "201706010118")
    p = a5_scan("王宇", "201706010118")  # OCR dropped 翀
    flags = run(e, p)
    assert [(f.code, f.severity, f.field, f.expected, f.found) for f in flags] == [
        ("OCR_LOW_CONFIDENCE", "warning", "姓名", "王翀宇", "王宇")]
    assert flags[0].evidence  # the crop of the cell


def test_a_rare_character_name_with_a_misread_id_is_still_paired_as_a_doubt():
    e = b.a5(b.MATH, "李昕玥", "201706010118")
    p = a5_scan("李听玥", "201706010113")  # one character swapped, one digit misread
    flags = run(e, p)
    assert {f.code for f in flags} == {"OCR_LOW_CONFIDENCE"} and {f.field for f in flags} == {"姓名", "学号"}


def test_a_confident_contradiction_of_meaning_is_a_mismatch():
    e = b.a5(b.MATH, "张三", "201706010118", 申报等级="优秀学生带班党员")
    p = a5_scan("张三", "201706010118", 申报等级="学生带班党员标兵")
    [f] = run(e, p)
    assert (f.code, f.severity, f.field) == ("PAPER_ELECTRONIC_MISMATCH", "error", "申报等级")


def test_the_same_meaning_spelled_two_ways_is_no_flag():
    e = b.a5(b.MATH, "张三", "201706010118", 诚信记录="无", 申报等级="优秀学生带班党员", 政治面貌="中共党员", 带班征文="已完成")
    p = a5_scan("张三", "201706010118", 诚信记录="无不良记录", 申报等级="优秀", 政治面貌="正式党员", 带班征文="完成")
    assert run(e, p) == []


def test_a_low_confidence_reading_that_agrees_with_the_twin_is_verified():
    e = b.a5(b.MATH, "张三", "201706010118")
    p = a5_scan("张三", "201706010118", conf={"姓名": 0.4, "专业班级": 0.5})
    assert run(e, p) == []


def test_a_sample_of_a5_scanned_is_one_coverage_warning_per_college():
    people = b.people(5)
    electronic = [b.a5(b.MATH, n, s) for n, s in people]
    scanned = [a5_scan(n, s, page=i + 1) for i, (n, s) in enumerate(people[:2])]
    flags = run(*electronic, *scanned)
    assert [(f.code, f.severity) for f in flags] == [("PAPER_ELECTRONIC_MISMATCH", "warning")]
    assert all(n in flags[0].message for n, _ in people[2:]) and people[0][0] not in flags[0].message


def test_a_person_not_found_on_the_paper_table_is_a_doubt_not_an_error():
    rows = [b.a4row(1, *PEOPLE[0]), b.a4row(2, *PEOPLE[1])]  # the reader may have lost a row
    [f] = run(electronic_a4(), a4_scan(rows))
    assert (f.code, f.name, f.severity) == ("OCR_LOW_CONFIDENCE", PEOPLE[2][0], "warning")
    assert all(f.code != "PAPER_ELECTRONIC_MISMATCH" for f in run(electronic_a4(), a4_scan([])))


def test_a_paper_person_is_not_missing_from_an_electronic_form_that_was_not_read():
    from dataclasses import replace

    unread = b.a5(b.MATH, "", "")
    unread = replace(unread, person=None, student_id=None,
                     record=replace(unread.record, fields={"学院": b.MATH}))
    flags = run(b.a5(b.MATH, *PEOPLE[0]), unread, a5_scan("赵堃子", "201707010118"))
    assert "PAPER_ELECTRONIC_MISMATCH" not in {f.code for f in flags if f.severity == "error"}


def test_a_number_read_with_junk_in_it_is_a_doubt():
    e = b.a5(b.MATH, "张三", "201706010118", 联系电话="15885773971")
    p = a5_scan("张三", "201706010118", 联系电话="1588577397 2R18")
    assert [(f.code, f.field) for f in run(e, p)] == [("OCR_LOW_CONFIDENCE", "联系电话")]
    p2 = a5_scan("张三", "201706010118", 联系电话="13900000000")  # clearly another number
    assert [(f.code, f.field) for f in run(e, p2)] == [("PAPER_ELECTRONIC_MISMATCH", "联系电话")]
