"""FIELD_MISMATCH and the reusable comparison."""

import chk_build as b
from checks.reconcile import compare_fields, same_value


def test_same_value_equivalences():
    assert same_value("0", "0.0") and same_value("0", "无") and same_value("无", "0.0")
    assert same_value("201824131101", "2.01824131101E+11")
    assert same_value("18 数学 1班", "18数学1班") and same_value("ＡＢ", "ab")
    assert not same_value("1", "0") and not same_value("张三", "张山")


def test_compare_fields_skips_blanks_and_maps_columns():
    diffs = compare_fields({"考核等级": "合格", "专业班级": "", "姓名": "张三"},
                           {"申报等级": "优秀学生带班党员", "专业班级": "18数学1班", "姓名": "张三"},
                           {"考核等级": "申报等级", "专业班级": "专业班级", "姓名": "姓名"})
    assert [(d.left_field, d.right_field, d.left, d.right) for d in diffs] == [("考核等级", "申报等级", "合格", "优秀学生带班党员")]


def test_a4_vs_a5_mismatch_flag_fields():
    (n, s), = b.people(1)
    a4 = b.a4_of(b.MATH, 1)
    form = b.a5(b.MATH, n, s, 专业班级="18统计1班", 不及格科目数="0.0", 申报等级="合格")
    [f] = b.run(b.sub(a4, form), "FIELD_MISMATCH")
    assert (f.college, f.name, f.student_id, f.field, f.expected, f.found) == (b.MATH, n, s, "专业班级", "18数学1班", "18统计1班")
    assert f.file == form.item.display and a4.item.display in f.message and f.deliverable == "assessment-summary"


def test_id_mismatch_found_through_name_match():
    (n, s), = b.people(1)
    [f] = b.run(b.sub(b.a4_of(b.MATH, 1), b.a5(b.MATH, n, "201824130000")), "FIELD_MISMATCH")
    assert (f.field, f.expected, f.found) == ("学号", s, "201824130000")


def test_rating_compared_with_declared_level():
    (n, s), = b.people(1)
    [f] = b.run(b.sub(b.a4_of(b.MATH, 1), b.a5(b.MATH, n, s, 申报等级="学生带班党员标兵")), "FIELD_MISMATCH")
    assert (f.field, f.expected, f.found) == ("考核等级", "合格", "学生带班党员标兵")


def test_case_author_name_differs_from_a4():
    (n, s), = b.people(1)
    [f] = b.run(b.sub(b.a4_of(b.MATH, 1), b.case(b.MATH, "别名", s)), "FIELD_MISMATCH")
    assert (f.field, f.deliverable, f.expected, f.found) == ("姓名", "assessment-summary", n, "别名")
    assert f.file.endswith("别名案例.docx")


def test_consistent_documents_pass():
    (n, s), = b.people(1)
    assert b.run(b.sub(b.a4_of(b.MATH, 1), b.a5(b.MATH, n, s), b.case(b.MATH, n, s)), "FIELD_MISMATCH") == []


def test_malformed_id_is_named_in_the_message():
    (n, s), = b.people(1)
    [f] = b.run(b.sub(b.a4_of(b.MATH, 1), b.a5(b.MATH, n, "20182413")), "FIELD_MISMATCH")
    assert f.field == "学号" and "学号格式不正确" in f.message


def test_every_award_row_of_a_person_is_compared():
    from paperdesk.models import TableDoc, TableRow

    (n, s), = b.people(1)
    rows = (TableRow(4, {"姓名": n, "学号": s, "所带班级": "19数学1班", "获奖名称": "三好学生"}),
            TableRow(5, {"姓名": n, "学号": s, "所带班级": "19数学9班", "获奖名称": "一等奖学金"}))
    a3 = b.ident("数学/获奖.xlsx", b.MATH, "awards", TableDoc("数学/获奖.xlsx", "A3", "S", {}, rows, "awards"))
    [f] = b.run(b.sub(b.a4_of(b.MATH, 1), a3), "FIELD_MISMATCH")
    assert (f.field, f.expected, f.found) == ("所带班级", "19数学1班", "19数学9班") and "第5行" in f.message
