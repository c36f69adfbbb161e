"""DELIVERABLE_MISSING and LATE_SUBMISSION."""

import chk_build as b
from paperdesk.models import TableDoc


def test_college_with_nothing_gets_one_flag_not_one_per_deliverable():
    flags = [f for f in b.run(b.sub(), "DELIVERABLE_MISSING") if f.college == b.MATH]
    assert len(flags) == 1 and flags[0].severity == "error" and "尚未提交任何材料" in flags[0].message


def test_sent_deliverable_is_not_missing():
    flags = b.run(b.sub(b.a4_of(b.MATH, 3)), "DELIVERABLE_MISSING")
    # the electronic half arrived: only its paper half (a scan) is still missing
    assert [f.field for f in flags if f.college == b.MATH and f.deliverable == "assessment-summary"] == ["纸质版"]
    assert "assessment-forms" in {f.deliverable for f in flags if f.college == b.MATH}


def test_scan_only_does_not_count_as_electronic():
    scan = b.ident("扫描.pdf", b.MATH, "assessment-summary",
                   TableDoc("扫描.pdf", "A4", "", {}, (), "assessment-summary", from_scan=True))
    [f] = [f for f in b.run(b.sub(scan), "DELIVERABLE_MISSING") if f.college == b.MATH and f.deliverable == "assessment-summary"]
    assert "扫描件" in f.found


def test_late_after_end_of_due_day_in_campaign_timezone():
    # due 2020-06-22 inclusive, Asia/Shanghai: 23:59 local passes, 00:00 next day is late
    ok = b.a4_of(b.MATH, 3, received_at="2020-06-22T23:59:00+08:00")
    late = b.a4_of(b.CS, 3, received_at="2020-06-22T16:00:00+00:00")  # = 06-23 00:00 +08
    flags = b.run(b.sub(ok, late), "LATE_SUBMISSION")
    assert [(f.college, f.deliverable) for f in flags] == [(b.CS, "assessment-summary")]
    assert flags[0].severity == "warning" and flags[0].found == "2020-06-23 00:00"


def test_email_date_wins_over_first_seen_time():
    f = b.a4_of(b.MATH, 3, received_at="2020-06-25T09:00:00+08:00", email_date="2020-06-21T09:00:00+08:00")
    assert b.run(b.sub(f), "LATE_SUBMISSION") == []


def test_one_late_flag_per_college_deliverable_using_earliest_file():
    forms = [b.ident(f"{b.MATH}/{i}.docx", b.MATH, "assessment-forms", None, received_at=t)
             for i, t in enumerate(["2020-06-24T09:00:00+08:00", "2020-06-23T09:00:00+08:00"])]
    [flag] = b.run(b.sub(*forms), "LATE_SUBMISSION")
    assert flag.found == "2020-06-23 09:00"
    forms.append(b.ident(f"{b.MATH}/2.docx", b.MATH, "assessment-forms", None, received_at="2020-06-22T09:00:00+08:00"))
    assert b.run(b.sub(*forms), "LATE_SUBMISSION") == []


def test_selection_has_its_own_earlier_deadline():
    f = b.a2(b.MATH, [b.a2row(1, "张三", "201824131101", "20统计学1班")])
    f = b.ident(f.item.display, b.MATH, "selection", f.record, received_at="2020-06-21T09:00:00+08:00")
    [flag] = b.run(b.sub(f), "LATE_SUBMISSION")
    assert flag.deliverable == "selection" and flag.expected.startswith("2020-06-20")


def test_exclusive_deadline_setting():
    camp = b.CAMPAIGN.model_copy(update={"deadline_inclusive": False})
    f = b.a4_of(b.MATH, 3, received_at="2020-06-22T09:00:00+08:00")
    assert len(b.run(b.sub(f), "LATE_SUBMISSION", camp)) == 1
    assert b.run(b.sub(f), "LATE_SUBMISSION") == []


def test_a_missing_paper_half_is_only_a_warning_when_the_college_sent_other_scans():
    from test_paper import a4_scan

    e4, e5 = b.a4_of(b.MATH, 3), b.a5(b.MATH, "学生一", "201824131100")
    paper = {f.deliverable: f.severity for f in b.run(b.sub(e4, e5, a4_scan()), "DELIVERABLE_MISSING")
             if f.college == b.MATH and f.field == "纸质版"}
    assert paper["assessment-forms"] == "warning"  # maybe a page of a scan not placed
    none = {f.deliverable: f.severity for f in b.run(b.sub(e4, e5), "DELIVERABLE_MISSING")
            if f.college == b.MATH and f.field == "纸质版"}
    assert none == {"assessment-forms": "error", "assessment-summary": "error"}  # no scan at all: sure


def test_lateness_is_judged_on_the_electronic_half():
    from dataclasses import replace

    from test_paper import a4_scan

    late = b.a4_of(b.MATH, 3, received_at="2020-06-23T09:00:00+08:00")
    scan = a4_scan()
    scan = replace(scan, item=replace(scan.item, received_at="2020-06-20T09:00:00+08:00"))
    [f] = [f for f in b.run(b.sub(late, scan), "LATE_SUBMISSION") if f.deliverable == "assessment-summary"]
    assert f.found.startswith("2020-06-23")
