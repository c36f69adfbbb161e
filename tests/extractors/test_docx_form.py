"""docx A5 approval forms typed by hand: spaced labels, colons, merged cells, inline values."""

from __future__ import annotations

import docx

from paperdesk.models import CaseDoc, FormDoc, FreeDoc

from extractor_helpers import run, save_doc


def _hand_made_a5():
    """A table like colleges make it: 6 columns, labels with spaces and colons, a value merged
    across columns, a label merged down two rows, an opinion with its label inside the cell."""
    doc = docx.Document()
    doc.add_paragraph("肇庆学院学生带班党员考核审批表")
    t = doc.add_table(rows=8, cols=6)
    cells = [[t.cell(r, c) for c in range(6)] for r in range(8)]
    rows = [
        ["姓 名", "张三", "性　别", "男", "学号：", "２０１８２４１３１１０５"],
        ["学院", "数学与统计学院", "专业班级", "18数学1班", "政治面貌：", "中共党员"],
        ["所带班级", "20数学1班", "联系电话：", "13800000000", "诚信记录", "无"],
        ["不及格科目数", "0", "所带班级违纪人数", "0", "带班征文", "已完成"],
        ["获奖情况", "2019年三好学生", "", "", "", ""],
        ["申报等级", "学生带班党员标兵", "", "", "", ""],
        ["带班工作主要事迹", "组织新生班会十次。", "", "", "", ""],
        ["", "带领班级获得优良学风班。", "", "", "", ""],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                cells[r][c].text = text
    cells[4][1].merge(cells[4][5])
    cells[5][1].merge(cells[5][5])
    cells[6][1].merge(cells[7][5])  # the story spans two rows and five columns …
    cells[6][0].merge(cells[7][0])  # … and so does its label, down
    t2 = doc.add_table(rows=1, cols=1)
    t2.cell(0, 0).text = "学院党委意见：\n同意申报。\n签字：　　（盖章）\n日期：2020年6月18日"
    return doc


def test_hand_made_a5(tmp_path, campaign):
    [rec] = run(save_doc(_hand_made_a5(), tmp_path), "docx", campaign)
    assert isinstance(rec, FormDoc) and rec.form == "A5" and rec.deliverable == "assessment-forms"
    f = rec.fields
    assert f["姓名"] == "张三" and f["性别"] == "男" and f["学号"] == "201824131105"
    assert f["学院"] == "数学与统计学院" and f["政治面貌"] == "中共党员" and f["联系电话"] == "13800000000"
    assert f["获奖情况"] == "2019年三好学生" and f["申报等级"] == "学生带班党员标兵"
    assert f["带班工作主要事迹"].splitlines() == ["组织新生班会十次。", "带领班级获得优良学风班。"]
    assert f["学院党委意见"] == "同意申报。\n日期:2020年6月18日"
    assert "学校审批意见" not in f


def test_labels_below_their_values_when_nothing_is_right(tmp_path, campaign):
    doc = docx.Document()
    t = doc.add_table(rows=8, cols=2)
    pairs = [("姓名", "李四"), ("学号", "201824131106"), ("性别", "女"), ("学院", "文学院"),
             ("政治面貌", "中共预备党员"), ("所带班级", "20汉语言1班"), ("申报等级", "优秀学生带班党员")]
    for r, (k, v) in enumerate(pairs):
        t.cell(r, 0).text, t.cell(r, 1).text = k, v
    t.cell(7, 0).merge(t.cell(7, 1)).text = "主要事迹："  # label spanning the row: value below
    t.add_row().cells[0].merge(t.rows[8].cells[1]).text = "做了很多事。"
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.fields["申报等级"] == "优秀学生带班党员"
    assert rec.fields["带班工作主要事迹"] == "做了很多事。"


def test_too_few_labels_is_not_a_form(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("学生带班工作总结")
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "姓名", "张三"
    t.cell(1, 0).text, t.cell(1, 1).text = "学号", "201824131105"
    doc.add_paragraph("一年来，我院带班党员认真履职。")
    [rec] = run(save_doc(doc, tmp_path, "数学学院工作总结.docx"), "docx", campaign)
    assert isinstance(rec, FreeDoc) and not isinstance(rec, (CaseDoc, FormDoc))
    assert rec.title == "学生带班工作总结" and rec.deliverable == "work-summary"
    assert "认真履职" in rec.text and "张三" in rec.text


def test_unrelated_docx_has_no_deliverable(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("关于材料报送的说明")
    doc.add_paragraph("纸质版随后送达。")
    [rec] = run(save_doc(doc, tmp_path, "说明.docx"), "docx", campaign)
    assert isinstance(rec, FreeDoc) and rec.deliverable == ""


def test_tick_boxes(tmp_path, campaign):
    doc = _hand_made_a5()
    t = doc.tables[0]
    t.cell(5, 1).text = "□学生带班党员标兵　☑优秀学生带班党员"
    t.cell(3, 5).text = "√已完成 □未完成"
    t.cell(2, 5).text = "□无 □有不良记录"
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.fields["申报等级"] == "优秀学生带班党员"
    assert rec.fields["带班征文"] == "已完成"
    assert rec.fields["诚信记录"] == ""
    assert rec.fields["不及格科目数"] == "0"  # untouched: no tick boxes, no option list


def test_ticked_spellings():
    from extractors.docx_form import ticked

    options = ("学生带班党员标兵", "优秀学生带班党员")
    assert ticked("学生带班党员标兵(√) 优秀学生带班党员( )", options) == "学生带班党员标兵"
    assert ticked("■优秀学生带班党员 □学生带班党员标兵", options) == "优秀学生带班党员"
    assert ticked("优秀学生带班党员", options) == "优秀学生带班党员"


def test_table_form_typed_in_word(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("肇庆学院学生带班党员获奖情况统计表")
    doc.add_paragraph("学院：文学院")
    cols = ["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"]
    t = doc.add_table(rows=3, cols=len(cols))
    for c, label in enumerate(cols):
        t.cell(0, c).text = label
    for c, v in enumerate(["1", "周八", "２０１８２４１３１１０９", "19汉语言1班", "三好学生", "校级", "2019.12", "肇庆学院", ""]):
        t.cell(1, c).text = v
    t.cell(2, 0).text = "合计"
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.form == "A3" and rec.deliverable == "awards" and rec.sheet == "表格1"
    assert rec.header == {"学院": "文学院"}
    assert [r.row for r in rec.rows] == [2] and rec.rows[0].cells["学号"] == "201824131109"


def test_values_in_the_row_below_their_labels_and_tick_boxes(tmp_path, campaign):
    import docx as _docx

    from extractor_helpers import run as _run, save_doc as _save

    doc = _docx.Document()
    doc.add_paragraph("肇庆学院学生带班党员考核审批表")
    t = doc.add_table(rows=6, cols=4)
    grid = [["姓  名", "性别", "学号", "学院"], ["赵堃子", "女性", "201707010118", "体育与健康学院"],
            ["专业班级", "政治面貌", "所带班级", "联系电话"], ["17体育1班", "正式党员", "19体育1班", "13800000000"],
            ["诚信记录", "不及格科目数", "带班征文", "申报等级"], ["无不良记录", "0", "√", "☑标兵 □优秀"]]
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    [rec] = _run(_save(doc, tmp_path), "docx", campaign)
    assert rec.form == "A5"
    assert (rec.fields["姓名"], rec.fields["学号"], rec.fields["政治面貌"], rec.fields["申报等级"]) == (
        "赵堃子", "201707010118", "正式党员", "标兵")


def _framed(doc):
    """A one-cell frame table, as some colleges draw a border round a whole form: the form's
    tables are nested inside its cell."""
    frame = doc.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "填表日期：2020年6月16日"
    return frame


def test_a5_typed_inside_a_frame_table(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("肇庆学院学生带班党员考核审批表")
    frame = _framed(doc)
    rows = [("姓名", "邴翀", "性别", "男"), ("学号", "201702010103", "学院", "政法学院"),
            ("专业班级", "法学2017级1班", "政治面貌", "中共党员"), ("所带班级", "2019级法学1班", "联系电话", "13682168116"),
            ("诚信记录", "无不良记录", "不及格科目数", "0"), ("带班征文", "已完成", "申报等级", "学生带班党员标兵")]
    main = frame.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            main.cell(r, c).text = text
    frame.add_paragraph("")
    opinions = frame.add_table(rows=2, cols=2)
    opinions.cell(0, 0).text, opinions.cell(0, 1).text = "学院党委\n意见", "同意申报学生带班党员标兵。"
    opinions.cell(1, 0).text = "学校审批\n意见"
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert isinstance(rec, FormDoc) and rec.form == "A5"
    f = rec.fields
    assert (f["姓名"], f["学号"], f["学院"], f["政治面貌"], f["申报等级"]) == (
        "邴翀", "201702010103", "政法学院", "中共党员", "学生带班党员标兵")
    assert f["学院党委意见"] == "同意申报学生带班党员标兵。" and f["学校审批意见"] == ""


def test_table_form_inside_a_frame_table(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("肇庆学院学生带班党员获奖情况统计表")
    doc.add_paragraph("学院：文学院")
    cols = ["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"]
    t = _framed(doc).add_table(rows=2, cols=len(cols))
    for c, (label, v) in enumerate(zip(cols, ["1", "周八", "201824131109", "19汉语言1班", "三好学生", "校级", "2019.12", "肇庆学院", ""])):
        t.cell(0, c).text, t.cell(1, c).text = label, v
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.form == "A3" and rec.header == {"学院": "文学院"}
    assert [(r.row, r.cells["姓名"], r.cells["学号"]) for r in rec.rows] == [(2, "周八", "201824131109")]


def _a5_tables(doc, name, sid):
    main = doc.add_table(rows=4, cols=4)
    for r, row in enumerate([("姓　　名", name, "性　　别", "女"), ("学号", sid, "学院", "外国语学院"),
                             ("政治面貌", "中共党员", "所带班级", "2019级英语1班"), ("诚信记录", "无", "申报等级", "优秀学生带班党员")]):
        for c, text in enumerate(row):
            main.cell(r, c).text = text
    doc.add_paragraph("")
    opinion = doc.add_table(rows=1, cols=2)
    opinion.cell(0, 0).text, opinion.cell(0, 1).text = "学院党委意见", f"同意{name}申报。"


def test_several_peoples_a5s_in_one_docx_are_one_record_each(tmp_path, campaign):
    """A college's A5s typed into one .docx, a main table and an opinions table per person: one
    FormDoc per person, the opinions with the person before them."""
    doc = docx.Document()
    people = [("刘祎宁", "201705010103"), ("周雨昕", "201705010104"), ("邓翀", "201705010205")]
    for name, sid in people:
        doc.add_paragraph("肇庆学院学生带班党员考核审批表")
        _a5_tables(doc, name, sid)
        doc.add_page_break()
    recs = run(save_doc(doc, tmp_path), "docx", campaign)
    assert [(r.form, r.fields["姓名"], r.fields["学号"], r.fields["学院党委意见"]) for r in recs] == [
        ("A5", n, s, f"同意{n}申报。") for n, s in people]
    # one person's form split over two tables is still one record
    single = docx.Document()
    _a5_tables(single, *people[0])
    [one] = run(save_doc(single, tmp_path), "docx", campaign)
    assert one.fields["姓名"] == "刘祎宁" and one.fields["学院党委意见"] == "同意刘祎宁申报。"


def test_a5_typed_as_running_text_is_the_form(tmp_path, campaign):
    """A form whose table a conversion flattened (a .doc read back as one paragraph), or typed as
    text: labels found in the form's order, each value up to the next label."""
    doc = docx.Document()
    doc.add_paragraph("肇庆学院学生带班党员考核审批表")
    doc.add_paragraph("姓名吴晟性别男学号201701010210学院文学院专业班级17汉语言文学2班政治面貌中共党员所带班级19新闻学1班"
                      "联系电话15893155799诚信记录无不及格科目数1获奖情况无所带班级违纪人数0带班征文已完成申报等级合格")
    doc.add_paragraph("带班工作主要事迹 注重发挥班委作用。")
    doc.add_paragraph("学院党委意见")
    doc.add_paragraph("经学院党委审核，同意。")
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert isinstance(rec, FormDoc) and rec.form == "A5"
    f = rec.fields
    assert (f["姓名"], f["学号"], f["学院"], f["所带班级"], f["不及格科目数"], f["所带班级违纪人数"], f["申报等级"]) == (
        "吴晟", "201701010210", "文学院", "19新闻学1班", "1", "0", "合格")
    assert f["学院党委意见"] == "经学院党委审核，同意。"


def test_a_work_summary_that_names_a_few_labels_is_not_a_form(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("文学院学生带班工作总结")
    doc.add_paragraph("各带班党员的姓名、学号、所带班级见汇总表；政治面貌均为党员或预备党员，诚信记录良好。")
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert isinstance(rec, FreeDoc)
