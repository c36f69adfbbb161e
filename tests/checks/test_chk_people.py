"""DUPLICATE_PERSON."""

import chk_build as b


def test_same_id_twice_in_one_a4():
    rows = [b.a4row(1, "张三", "201824131101"), b.a4row(2, "张三", "201824131101"), b.a4row(3, "李四", "201824131102")]
    [f] = b.run(b.sub(b.a4(b.MATH, rows, total=3)), "DUPLICATE_PERSON")
    assert (f.severity, f.student_id, f.name, f.found) == ("warning", "201824131101", "张三", "2次")
    assert "第4行" in f.message and "第5行" in f.message


def test_same_id_twice_in_one_a2():
    rows = [b.a2row(1, "张三", "201824131101", "20统计学1班"), b.a2row(2, "张三", "2.01824131101E+11", "20统计学1班")]
    assert len(b.run(b.sub(b.a2(b.MATH, rows)), "DUPLICATE_PERSON")) == 1


def test_same_id_on_two_colleges_a2_flags_each_college():
    m = b.a2(b.MATH, [b.a2row(1, "张三", "201824131101", "20统计学1班")])
    c = b.a2(b.CS, [b.a2row(1, "张三", "201824131101", "20软件工程1班")])
    flags = b.run(b.sub(m, c), "DUPLICATE_PERSON")
    assert sorted(f.college for f in flags) == sorted([b.MATH, b.CS])
    assert all(f.student_id == "201824131101" for f in flags)


def test_same_id_on_two_colleges_a4_flags_each_college():
    m = b.a4(b.MATH, [b.a4row(1, "张三", "201824131101")], total=1)
    c = b.a4(b.CS, [b.a4row(1, "张三", "201824131101")], total=1)
    flags = b.run(b.sub(m, c), "DUPLICATE_PERSON")
    assert sorted(f.college for f in flags) == sorted([b.MATH, b.CS])
    assert all("考核" in f.message and f.field == "学院" for f in flags)


def test_distinct_people_pass():
    rows = [b.a4row(1, "张三", "201824131101"), b.a4row(2, "张三", "201824131102")]  # same name, two people
    assert b.run(b.sub(b.a4(b.MATH, rows, total=2)), "DUPLICATE_PERSON") == []


def test_two_approval_forms_for_one_person():
    forms = [b.a5(b.MATH, "张三", "201824131101"), b.a5(b.MATH, "张三", "201824131101", display="x/张三(2).docx")]
    [f] = b.run(b.sub(*forms), "DUPLICATE_PERSON")
    assert f.found == "2份" and f.name == "张三"
