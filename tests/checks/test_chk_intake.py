"""Intake rules: UNREADABLE_FILE, DUPLICATE_FILE, UNKNOWN_COLLEGE, COLLEGE_CONFLICT, ARCHIVE_NAME_INVALID."""

import chk_build as b
from paperdesk.models import ExtractionError


def test_unreadable_item_gives_error_with_reason():
    bad = b.item(f"{b.MATH}/汇总表.xlsx", state="unreadable", reason="文件已加密",
                 hints=[b.hint("folder", b.MATH)])
    [f] = b.run(b.sub(items=[bad]), "UNREADABLE_FILE")
    assert f.severity == "error" and "文件已加密" in f.message
    assert (f.college, f.deliverable, f.file, f.found) == (b.MATH, "intake", bad.display, "文件已加密")


def test_extraction_error_record_is_unreadable_too():
    f = b.ident("x.docx", b.MATH, "cases", ExtractionError("x.docx", "不是有效的 Word 文件"))
    [flag] = b.run(b.sub(f), "UNREADABLE_FILE")
    assert "不是有效的 Word 文件" in flag.message and flag.college == b.MATH


def test_readable_items_pass():
    assert b.run(b.sub(b.a4_of(b.MATH, 3), items=[b.item("a.zip!__MACOSX/x", state="ignored")]), "UNREADABLE_FILE") == []


def test_duplicate_names_the_kept_copy():
    kept = b.item("a/汇总表.xlsx", sha="s1")
    dup = b.item("b/汇总表(1).xlsx", sha="s1", state="duplicate")
    [f] = b.run(b.sub(items=[kept, dup]), "DUPLICATE_FILE")
    assert f.severity == "warning" and f.file == dup.display and kept.display in f.message
    assert b.run(b.sub(items=[kept]), "DUPLICATE_FILE") == []


def test_unknown_college_for_used_file_without_college():
    f = b.ident("散件/表.xlsx", None, "assessment-summary", None, hints=[b.hint("filename", "表")])
    [flag] = b.run(b.sub(f), "UNKNOWN_COLLEGE")
    assert flag.college is None and flag.file == "散件/表.xlsx" and flag.deliverable == "assessment-summary"
    assert b.run(b.sub(b.a4_of(b.MATH, 2)), "UNKNOWN_COLLEGE") == []


def test_college_conflict_when_hints_resolve_to_two_colleges():
    hints = [b.hint("archive", "数学学院材料.zip"), b.hint("header", "计算机学院")]
    f = b.a4_of(b.MATH, 2, hints=hints)
    [flag] = b.run(b.sub(f), "COLLEGE_CONFLICT")
    assert flag.severity == "warning" and flag.expected == b.MATH and flag.found == b.CS
    assert "计算机学院" in flag.message


def test_no_conflict_when_hints_agree():
    hints = [b.hint("archive", "数学学院材料.zip"), b.hint("header", "数学与统计学院"), b.hint("email_subject", "你好")]
    assert b.run(b.sub(b.a4_of(b.MATH, 2, hints=hints)), "COLLEGE_CONFLICT") == []


def test_container_conflict_reported_once_per_container():
    hints = [b.hint("archive", "数学学院.zip"), b.hint("folder", "计算机学院")]
    files = [b.ident(f"计算机学院/数学学院.zip!{i}.docx", b.MATH, "cases", None, hints=hints, container="计算机学院/数学学院.zip")
             for i in range(3)]
    [flag] = b.run(b.sub(*files), "COLLEGE_CONFLICT")
    assert flag.file == "计算机学院/数学学院.zip"


def _cases_in(archive: str):
    return b.case(b.MATH, "张三", folder=f"inbox/{archive}!张三")


def test_archive_named_official_name_plus_suffix_passes():
    for name in (f"{b.MATH}优秀带班党员案例.zip", f"{b.MATH}+优秀带班党员案例.7z", f"{b.MATH}＋优秀带班党员案例.rar"):
        assert b.run(b.sub(_cases_in(name)), "ARCHIVE_NAME_INVALID") == [], name


def test_a_version_or_date_around_the_notice_name_passes():
    for name in (f"{b.MATH}优秀带班党员案例（修改版）.zip", f"{b.MATH}优秀带班党员案例v2.zip",
                 f"{b.MATH}+优秀带班党员案例-最终版.zip", f"2020.6.20{b.MATH}优秀带班党员案例.zip",
                 f"{b.MATH}优秀带班党员案例(1).zip"):
        assert b.run(b.sub(_cases_in(name)), "ARCHIVE_NAME_INVALID") == [], name


def test_archive_named_with_alias_or_other_words_fails():
    for name in ("数学学院优秀带班党员案例.zip", f"{b.MATH}案例.zip", f"{b.MATH}优秀案例(1).zip"):
        [f] = b.run(b.sub(_cases_in(name)), "ARCHIVE_NAME_INVALID")
        assert f.expected == f"{b.MATH}优秀带班党员案例" and f.found == name and f.file == f"inbox/{name}"


def test_well_named_inner_archive_in_outer_bundle_passes():
    files = b.case(b.MATH, "张三", folder=f"全部材料.zip!{b.MATH}优秀带班党员案例.zip!张三")
    assert b.run(b.sub(files), "ARCHIVE_NAME_INVALID") == []


def test_loose_case_files_were_not_packed_as_the_notice_asks():
    files = b.case(b.MATH, "张三", folder=f"{b.MATH}/案例") + b.case(b.MATH, "李四", folder=f"{b.MATH}/案例2")
    [f] = b.run(b.sub(*files), "ARCHIVE_NAME_INVALID")  # one finding for the college, not per case
    assert f.college == b.MATH and f.found == "未打包" and f.expected == f"{b.MATH}优秀带班党员案例"
    assert "未按通知要求打包" in f.message
