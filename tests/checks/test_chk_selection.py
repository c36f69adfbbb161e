"""Selection rules on A2: class staffing and candidate eligibility."""

import chk_build as b
from checks.groups import class_key, status_ok

CLASSES = ["20数学与应用数学1班", "20数学与应用数学2班", "20统计学1班", "20信息与计算科学1班"]  # the campaign's, for MATH


def _a2(pairs, status="中共党员"):
    return b.a2(b.MATH, [b.a2row(i + 1, f"学生{i}", f"2018241311{i:02d}", cls, status) for i, cls in enumerate(pairs)])


def test_two_mentors_per_class_pass_three_fail():
    assert b.run(b.sub(_a2([CLASSES[0], CLASSES[0]])), "CLASS_OVER_STAFFED") == []
    [f] = b.run(b.sub(_a2([CLASSES[0], "2020级数学与应用数学1班", CLASSES[0] + " "])), "CLASS_OVER_STAFFED")
    assert (f.college, f.field, f.expected) == (b.MATH, f"所带新生班级：{CLASSES[0]}", "≤2") and "3" in f.found
    assert "第4行" in f.message and "第6行" in f.message


def test_two_over_staffed_classes_give_two_flags():
    flags = b.run(b.sub(_a2([CLASSES[0]] * 3 + [CLASSES[1]] * 3)), "CLASS_OVER_STAFFED")
    assert sorted(f.field for f in flags) == sorted(f"所带新生班级：{c}" for c in CLASSES[:2])


def test_one_mentor_of_two_classes_counts_on_both():
    flags = b.run(b.sub(_a2([f"{CLASSES[0]}、{CLASSES[1]}", CLASSES[0], CLASSES[0]])), "CLASS_OVER_STAFFED")
    assert len(flags) == 1 and CLASSES[0] in flags[0].found


def test_unstaffed_reference_classes_warn():
    flags = b.run(b.sub(_a2(CLASSES[:2])), "CLASS_UNSTAFFED")
    assert sorted(f.expected.split("：")[0] for f in flags) == sorted(CLASSES[2:])
    assert all(f.severity == "warning" for f in flags)
    assert b.run(b.sub(_a2(CLASSES)), "CLASS_UNSTAFFED") == []


def test_unstaffed_needs_reference_data_and_an_a2():
    assert b.run(b.sub(), "CLASS_UNSTAFFED") == []
    wen = b.a2("文学院", [b.a2row(1, "张三", "201801131101", "20汉语言1班")])  # no freshman_classes in YAML
    assert b.run(b.sub(wen), "CLASS_UNSTAFFED") == []


def test_class_key_tolerates_year_and_suffix_variants():
    assert class_key("2020级统计学1班") == class_key("20统计学1班") == class_key("20 统计学1")
    assert class_key("统计学2020级1班") == class_key("2020级统计学1班") != class_key("统计学2020级2班")


def test_candidate_grade_by_enrolment_year():
    rows = [b.a2row(1, "张三", "201824131101", CLASSES[0]), b.a2row(2, "李四", "201924131102", CLASSES[1]),
            b.a2row(3, "王五", "2018241311", CLASSES[2]), b.a2row(4, "赵六", "", CLASSES[3])]
    flags = b.run(b.sub(b.a2(b.MATH, rows)), "CANDIDATE_GRADE")
    by = {f.name: f for f in flags}
    assert set(by) == {"李四", "王五", "赵六"}
    assert by["李四"].found == "2019级" and by["李四"].student_id == "201924131102"
    assert "学号格式不正确" in by["王五"].message
    assert "未填写学号" in by["赵六"].message
    # a wrong year is a claim; a 学号 that cannot show one is only a reason to look
    assert by["李四"].severity == "error"
    assert by["王五"].severity == by["赵六"].severity == "warning"


def test_candidate_grade_reads_an_id_pasted_with_excels_apostrophe():
    rows = [b.a2row(1, "张三", "'201824131101", CLASSES[0]), b.a2row(2, "李四", "'201924131102", CLASSES[1])]
    flags = b.run(b.sub(b.a2(b.MATH, rows)), "CANDIDATE_GRADE")
    assert [(f.name, f.found, f.severity) for f in flags] == [("李四", "2019级", "error")]


def test_candidate_grade_accepts_float_shaped_id():
    rows = [b.a2row(1, "张三", "2.01824131101E+11", CLASSES[0])]
    assert b.run(b.sub(b.a2(b.MATH, rows)), "CANDIDATE_GRADE") == []


def test_candidate_status():
    ok = ["中共党员", "中共预备党员", "预备党员", "入党积极分子", "积极分子", "入党发展对象", "中共正式党员"]
    for s in ok:
        assert status_ok(s, b.CAMPAIGN.checks.candidate_statuses), s
    for s in ("共青团员", "群众", "", "团员"):
        assert not status_ok(s, b.CAMPAIGN.checks.candidate_statuses), s
    [f] = b.run(b.sub(_a2([CLASSES[0]], status="共青团员")), "CANDIDATE_STATUS")
    assert (f.field, f.found, f.name) == ("政治面貌", "共青团员", "学生0")
    assert b.run(b.sub(_a2([CLASSES[0]], status="中共预备党员")), "CANDIDATE_STATUS") == []
    assert b.run(b.sub(_a2([CLASSES[0]], status="中共党员（正式）")), "CANDIDATE_STATUS") == []  # by meaning
    [f] = b.run(b.sub(_a2([CLASSES[0]], status="团员")), "CANDIDATE_STATUS")  # 团员 means 共青团员: sure
    assert f.severity == "error"
    [f] = b.run(b.sub(_a2([CLASSES[0]], status="党内积极")), "CANDIDATE_STATUS")  # no known spelling
    assert f.severity == "warning" and "无法判断" in f.message
