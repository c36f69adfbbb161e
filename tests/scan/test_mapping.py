"""Cells -> campaign records, on pages read 'perfectly' (no OCR here: the mapping logic alone)."""

import dataclasses

from pagegen import A5_ROWS, page_read

from extractors.scan.mapping import map_form
from extractors.scan.validate import LOW_CONFIDENCE

A4_HEADER = ["序号", "姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况",
             "所带班级违纪人数", "带班征文", "诚信记录", "考核等级", "备注"]
A4_ROW = ["1", "张三", "201824131105", "18软件工程1班", "20软件工程1班", "中共党员", "0", "三好学生",
          "0", "已完成", "无", "优秀学生带班党员", ""]


def test_a5_label_value_mapping(campaign):
    mapped = map_form(campaign, "A5", [page_read(A5_ROWS)], "x/a5.pdf")
    doc = mapped.record
    assert doc.form == "A5" and doc.from_scan and doc.deliverable == "assessment-forms"
    assert doc.fields["姓名"] == "张三"
    assert doc.fields["学号"] == "201824131105"
    assert doc.fields["学院"] == "计算机科学与软件学院"
    assert doc.fields["专业班级"] == "18软件工程1班"
    assert doc.fields["所带班级违纪人数"] == "0"
    assert doc.fields["申报等级"] == "优秀学生带班党员"
    assert doc.confidence["姓名"] == 0.99
    # the three long fields are not on this page: reported, never guessed
    missing = {u.field for u in mapped.uncertain}
    assert missing == {"带班工作主要事迹", "学院党委意见", "学校审批意见"}
    assert all(doc.confidence[f] == 0.0 for f in missing)
    located = {loc.field for loc in mapped.located}
    assert "学号" in located


def test_a5_misread_label_and_value_below(campaign):
    rows = [["姓名", "李四"], ["政治面狐", "中共党员"], ["学院党委意见：同意推荐", None], ["带班工作主要事迹", None], ["组织新生入学教育", None]]
    doc = map_form(campaign, "A5", [page_read(rows)], "a5").record
    assert doc.fields["政治面貌"] == "中共党员"  # one misread label character still found
    assert doc.fields["学院党委意见"] == "同意推荐"  # value in the label's own cell
    assert doc.fields["带班工作主要事迹"] == "组织新生入学教育"  # value in the cell below


def test_a5_low_confidence_and_snapped_values_are_reported(campaign):
    page = page_read(A5_ROWS)
    cells = []
    for ct in page.tables[0].cells:
        if ct.text == "优秀学生带班党员":
            ct = dataclasses.replace(ct, text="优秀学生带班党贝")
        if ct.text == "张三":
            ct = dataclasses.replace(ct, conf=0.4)
        cells.append(ct)
    page = dataclasses.replace(page, tables=(dataclasses.replace(page.tables[0], cells=tuple(cells)),))
    mapped = map_form(campaign, "A5", [page], "a5")
    assert mapped.record.fields["申报等级"] == "优秀学生带班党员"
    flagged = {u.field: u for u in mapped.uncertain}
    assert flagged["姓名"].conf == 0.4
    assert mapped.record.confidence["申报等级"] < 0.99
    assert all(u.conf < LOW_CONFIDENCE for u in mapped.uncertain)


def test_a4_table_with_header_line_and_two_pages(campaign):
    lines = ["肇庆学院学生带班党员考核情况汇总表", "学院（盖章）：数学学院  带班党员总数：11  公示时间：6月8日至6月12日"]
    row2 = ["2", "王五", "201824131106"] + A4_ROW[3:]
    first = page_read([A4_HEADER, A4_ROW, [""] * 13], 0, lines)
    second = page_read([row2], 1)
    mapped = map_form(campaign, "A4", [first, second], "x/a4.pdf")
    doc = mapped.record
    assert doc.form == "A4" and doc.deliverable == "assessment-summary" and doc.from_scan
    assert doc.header["学院"] == "数学学院"
    assert doc.header["带班党员总数"] == "11"
    assert doc.header["公示时间"] == "6月8日至6月12日"
    assert [r.row for r in doc.rows] == [1, 2]  # blank row skipped, second page continues
    assert doc.rows[0].cells["学号"] == "201824131105"
    assert doc.rows[1].cells["姓名"] == "王五"
    assert doc.rows[0].cells["考核等级"] == "优秀学生带班党员"
    assert doc.rows[0].confidence["姓名"] == 0.99
    assert mapped.uncertain == ()


def test_table_page_without_header_is_reported(campaign):
    mapped = map_form(campaign, "A2", [page_read([["1", "张三"]])], "a2")
    assert mapped.record.rows == ()
    assert any(u.field == "表头" for u in mapped.uncertain)


def test_label_with_stray_marks_still_matches(campaign):
    from extractors.scan.labels import match_label

    columns = campaign.forms["A4"].columns
    assert match_label("I姓名(", columns)[0].key == "姓名"
    assert match_label("所带班级违纪入数", columns)[0].key == "所带班级违纪人数"
    assert match_label("序", columns) is None


def test_unreadable_header_cell_between_two_read_ones(campaign):
    header = list(A4_HEADER)
    header[2] = "号"  # 学 hidden under a stamp
    doc = map_form(campaign, "A4", [page_read([header, A4_ROW])], "a4").record
    assert doc.rows[0].cells["学号"] == "201824131105"


def test_column_not_found_is_reported(campaign):
    header = [h if h not in ("获奖情况", "所带班级违纪人数") else "" for h in A4_HEADER]  # two in a row: no guess
    mapped = map_form(campaign, "A4", [page_read([header, A4_ROW])], "a4")
    assert "获奖情况" not in mapped.record.rows[0].cells
    (missing,) = [u for u in mapped.uncertain if u.field == "获奖情况"]
    assert missing.row is None and "列" in missing.reason


def _count_cell_lattice():
    import numpy as np

    from paperdesk import lattice as lattices

    B = lattices.BLANK
    frames = [[(B, 0.99)], [("0", 0.61), ("o", 0.36), (B, 0.02)], [(B, 0.99)]]
    chars = tuple("".join(ch for ch, _ in f) for f in frames)
    probs = np.array([[p for _, p in f] + [0.0] * (lattices.TOP_K - len(f)) for f in frames], np.float16)
    return lattices.Lattice(chars, probs, np.full(3, 1e-3, np.float16))


def _with_count_cell(**change):
    """The A5 page with its 所带班级违纪人数 value read as RapidOCR reads a lone printed 0."""
    page = page_read(A5_ROWS)
    cells, after_label = [], False
    for ct in page.tables[0].cells:
        if after_label:
            ct = dataclasses.replace(ct, text="0", conf=0.61, lattice=_count_cell_lattice(), **change)
        after_label = ct.text == "所带班级违纪人数"
        cells.append(ct)
    return dataclasses.replace(page, tables=(dataclasses.replace(page.tables[0], cells=tuple(cells)),))


def test_a_count_is_read_as_a_number_not_doubted_for_its_o(campaign):
    mapped = map_form(campaign, "A5", [_with_count_cell()], "a5")
    assert mapped.record.fields["所带班级违纪人数"] == "0"
    assert mapped.record.confidence["所带班级违纪人数"] > 0.95
    assert "所带班级违纪人数" not in {u.field for u in mapped.uncertain}


def test_a_count_cut_by_its_cell_edge_stays_doubted(campaign):
    mapped = map_form(campaign, "A5", [_with_count_cell(cap=0.6)], "a5")
    assert mapped.record.confidence["所带班级违纪人数"] <= 0.6
    assert "所带班级违纪人数" in {u.field for u in mapped.uncertain}


INLINE_A5 = [["姓名：潘宏伟", "性别：男"], ["学号：201712020117", "学院：体育与健康学院"],
             ["专业班级：2017级社会体育指导与管理1班", "政治面貌：中共党员"], ["诚信记录：无", "不及格科目数：0"],
             ["获奖情况：无", "所带班级违纪人数：0"], ["带班征文：已完成", "申报等级：优秀学生带班党员"]]


def test_a5_typed_with_each_label_and_its_value_in_one_cell(campaign):
    """姓名：张三 in one cell: the value after the colon, never the label taken for a misread one
    with an empty value (不及格科目数：0 is no seal stroke after the label)."""
    mapped = map_form(campaign, "A5", [page_read(INLINE_A5)], "x/审批表_潘宏伟_1.jpg")
    f = mapped.record.fields
    assert (f["姓名"], f["性别"], f["学号"], f["学院"], f["政治面貌"]) == ("潘宏伟", "男", "201712020117", "体育与健康学院", "中共党员")
    assert (f["诚信记录"], f["不及格科目数"], f["所带班级违纪人数"], f["申报等级"]) == ("无", "0", "0", "优秀学生带班党员")
    # what the recogniser saw in such a cell holds the label too: no lattice to verify against
    assert all(not loc.whole_cell for loc in mapped.located if loc.field in ("姓名", "不及格科目数"))


def test_a5_cell_whose_inner_border_was_missed_is_cut_at_the_next_label(campaign):
    """A photographed form whose vertical line between label and value was not found reads
    "姓名黄浩然学号201707010208" in one cell: the name stops at the next label, which takes its own
    value; a value that merely ends in a label's word (体育与健康学院) is not cut."""
    rows = [["姓名黄浩然学号201707010208", None, "性别", "男"], ["学院", "体育与健康学院", "政治面貌", "中共党员"],
            ["带班工作主要事迹：关心学号2019开头的新生。", None, None, None]]
    f = map_form(campaign, "A5", [page_read(rows)], "x/IMG_1.jpg").record.fields
    assert (f["姓名"], f["学号"], f["学院"]) == ("黄浩然", "201707010208", "体育与健康学院")
    assert f["带班工作主要事迹"] == "关心学号2019开头的新生。"  # a long field is never cut
