"""Assessment rules on A4/A5: model quota, criteria, headcount, publicity, forms."""

import chk_build as b

MODEL, GOOD = "学生带班党员标兵", "优秀学生带班党员"


def _a4_with_models(college, n_rows, n_models, **kw):
    rows = [b.a4row(i + 1, nm, sid, MODEL if i < n_models else "合格") for i, (nm, sid) in enumerate(b.people(n_rows))]
    return b.a4(college, rows, total=n_rows, **kw)


def test_model_quota_15_percent_of_30_is_5():
    assert b.run(b.sub(_a4_with_models(b.CS, 30, 5)), "MODEL_QUOTA_EXCEEDED") == []  # 4.5 -> 5
    [f] = b.run(b.sub(_a4_with_models(b.CS, 30, 6)), "MODEL_QUOTA_EXCEEDED")
    assert (f.college, f.expected, f.found, f.field) == (b.CS, "≤5", "6", "考核等级")


def test_model_quota_15_percent_of_70_is_11():
    camp = b.with_college(name=b.CS, headcount=70)
    assert b.run(b.sub(_a4_with_models(b.CS, 70, 11)), "MODEL_QUOTA_EXCEEDED", camp) == []  # 10.5 -> 11
    assert len(b.run(b.sub(_a4_with_models(b.CS, 70, 12)), "MODEL_QUOTA_EXCEEDED", camp)) == 1


def test_model_quota_without_campaign_headcount_uses_a4():
    camp = b.with_college(headcount=None)
    assert b.run(b.sub(_a4_with_models(b.MATH, 20, 3)), "MODEL_QUOTA_EXCEEDED", camp) == []  # stated 20 -> 3
    a4 = b.a4(b.MATH, [b.a4row(1, "张三", "201824131101", MODEL)], total=None)
    # rows exist, so the headcount falls back to the row count: 15% of 1 = 0.15 -> 0, exceeded
    assert len(b.run(b.sub(a4), "MODEL_QUOTA_EXCEEDED", camp)) == 1
    empty = b.a4(b.MATH, [], total=None)
    assert b.run(b.sub(empty), "MODEL_QUOTA_EXCEEDED", camp) == []


def test_criteria_each_failed_criterion_is_one_flag_with_its_column():
    row = b.a4row(1, "张三", "201824131101", MODEL, 不及格科目数="1", 获奖情况="无", 带班征文="未完成")
    flags = b.run(b.sub(b.a4(b.MATH, [row], total=1)), "CRITERIA_NOT_MET")
    assert sorted(f.field for f in flags) == ["不及格科目数", "带班征文", "获奖情况"]
    assert all(f.name == "张三" and f.student_id == "201824131101" and f.severity == "error" for f in flags)
    award = next(f for f in flags if f.field == "获奖情况")
    assert award.found == "无" and "三好学生" in award.expected


def test_criteria_pass_for_clean_model_and_numbers_as_floats():
    row = b.a4row(1, "张三", "201824131101", MODEL, 不及格科目数="0.0", 所带班级违纪人数="无", 获奖情况="校级三好学生")
    assert b.run(b.sub(b.a4(b.MATH, [row], total=1)), "CRITERIA_NOT_MET") == []


def test_excellent_needs_only_its_own_criteria():
    ok = b.a4row(1, "张三", "201824131101", GOOD, 不及格科目数="2", 获奖情况="")
    bad = b.a4row(2, "李四", "201824131102", GOOD, 诚信记录="有不良记录")
    flags = b.run(b.sub(b.a4(b.MATH, [ok, bad], total=2)), "CRITERIA_NOT_MET")
    assert [(f.name, f.field) for f in flags] == [("李四", "诚信记录")]


def test_pass_rating_is_not_judged():
    row = b.a4row(1, "张三", "201824131101", "合格", 不及格科目数="3", 带班征文="未完成")
    assert b.run(b.sub(b.a4(b.MATH, [row], total=1)), "CRITERIA_NOT_MET") == []


def test_unreadable_criterion_cell_is_a_warning():
    row = b.a4row(1, "张三", "201824131101", MODEL, 不及格科目数="")
    [f] = b.run(b.sub(b.a4(b.MATH, [row], total=1)), "CRITERIA_NOT_MET")
    assert f.severity == "warning" and f.field == "不及格科目数" and "无法判断" in f.message


def test_headcount_stated_vs_rows():
    assert b.run(b.sub(b.a4_of(b.MATH, 3)), "HEADCOUNT_MISMATCH", b.BARE) == []
    rows = [b.a4row(i + 1, n, s) for i, (n, s) in enumerate(b.people(3))]
    [f] = b.run(b.sub(b.a4(b.MATH, rows, total="4人")), "HEADCOUNT_MISMATCH", b.BARE)
    assert (f.expected, f.found, f.severity) == ("3", "4", "error")
    [w] = b.run(b.sub(b.a4(b.MATH, rows)), "HEADCOUNT_MISMATCH", b.BARE)
    assert w.severity == "warning"


def test_publicity_five_days_pass_four_fail():
    for text in ("2020年6月8日至6月12日", "2020.6.8-2020.6.12", "6月8日—12日", "2020-06-08至2020-06-12"):
        assert b.run(b.sub(b.a4_of(b.MATH, 2, publicity=text)), "PUBLICITY_TOO_SHORT") == [], text
    [f] = b.run(b.sub(b.a4_of(b.MATH, 2, publicity="2020年6月8日至6月11日")), "PUBLICITY_TOO_SHORT")
    assert (f.severity, f.found, f.field) == ("error", "4天", "公示时间")


def test_publicity_unreadable_or_absent_is_a_warning_that_says_so():
    for text, said in (("已公示", "无法识别"), ("", "未填写")):
        [f] = b.run(b.sub(b.a4_of(b.MATH, 2, publicity=text)), "PUBLICITY_TOO_SHORT")
        assert f.severity == "warning" and said in f.message


def test_form_missing_and_not_in_summary():
    (n1, s1), (n2, s2) = b.people(2)
    a4 = b.a4_of(b.MATH, 2)
    forms = [b.a5(b.MATH, n1, s1), b.a5(b.MATH, "外人", "201824139999")]
    [missing] = b.run(b.sub(a4, *forms), "FORM_MISSING")
    assert (missing.name, missing.student_id, missing.college) == (n2, s2, b.MATH)
    [extra] = b.run(b.sub(a4, *forms), "FORM_NOT_IN_SUMMARY")
    assert (extra.name, extra.student_id) == ("外人", "201824139999")


def test_form_matched_by_name_when_id_mistyped():
    (n1, s1), = b.people(1)
    a4 = b.a4_of(b.MATH, 1)
    form = b.a5(b.MATH, n1, "201824130000")
    assert b.run(b.sub(a4, form), "FORM_MISSING") == []
    assert b.run(b.sub(a4, form), "FORM_NOT_IN_SUMMARY") == []


def test_forms_of_another_college_do_not_count():
    (n1, s1), = b.people(1)
    assert len(b.run(b.sub(b.a4_of(b.MATH, 1), b.a5(b.CS, n1, s1)), "FORM_MISSING")) == 1


def test_scanned_form_counts_for_form_missing():
    import dataclasses

    (n1, s1), = b.people(1)
    form = b.a5(b.MATH, n1, s1)
    scan = dataclasses.replace(form, record=dataclasses.replace(form.record, from_scan=True))
    assert b.run(b.sub(b.a4_of(b.MATH, 1), scan), "FORM_MISSING") == []
    odd = b.a5(b.MATH, "外人", "201824139999")
    odd_scan = dataclasses.replace(odd, record=dataclasses.replace(odd.record, from_scan=True))
    assert b.run(b.sub(b.a4_of(b.MATH, 1), odd_scan), "FORM_NOT_IN_SUMMARY") == []
