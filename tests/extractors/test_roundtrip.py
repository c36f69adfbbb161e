"""Our own blank-or-filled forms (writers.forms) read back to what was put in."""

from __future__ import annotations

from extractor_helpers import png, run, save_doc, save_wb
from writers.forms import build_approval_form, build_case, build_table

A4_ROW = {"序号": "1", "姓名": "周八", "学号": "201824131109", "专业班级": "18音乐1班", "所带班级": "20音乐1班",
          "政治面貌": "中共党员", "不及格科目数": "0", "获奖情况": "三好学生", "所带班级违纪人数": "0",
          "带班征文": "已完成", "诚信记录": "无", "考核等级": "合格"}


def test_table_forms(tmp_path, campaign):
    wb = build_table(campaign, "A4", "音乐学院", {"带班党员总数": "10", "公示时间": "2020年6月8日至6月12日"}, [A4_ROW])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert doc.form == "A4" and [r.cells for r in doc.rows] == [A4_ROW]
    assert doc.header == {"学院": "音乐学院", "带班党员总数": "10", "公示时间": "2020年6月8日至6月12日"}
    for fid in ("A2", "A3"):
        [blank] = run(save_wb(build_table(campaign, fid, None, {}, []), tmp_path, f"{fid}.xlsx"), "xlsx", campaign)
        assert blank.form == fid and blank.rows == () and set(blank.header.values()) == {""}


def test_approval_form(tmp_path, campaign):
    fields = {"姓名": "周八", "学号": "201824131109", "申报等级": "优秀学生带班党员", "带班工作主要事迹": "第一段\n第二段",
              "学院党委意见": "同意"}
    [rec] = run(save_doc(build_approval_form(campaign, fields), tmp_path), "docx", campaign)
    assert rec.form == "A5" and {k: v for k, v in rec.fields.items() if v} == fields
    assert set(rec.fields) == {f.key for f in campaign.forms["A5"].fields}


def test_case(tmp_path, campaign):
    author = {"姓名": "周八", "学号": "201824131109", "学院": "音乐学院", "所带班级": "20音乐1班"}
    sections = {"背景与起因": "甲。", "做法与流程": "乙。", "效果与启示": "丙。", "创意与评价": "丁。"}
    images = [("班会.png", png("red"), "班会"), ("生活照.png", png("blue"), "作者生活照")]
    [rec] = run(save_doc(build_case(campaign, "标题", author, sections, images), tmp_path), "docx", campaign)
    assert rec.title == "标题" and rec.author == author and rec.sections == sections
    assert [(i.name, i.is_life_photo) for i in rec.images] == [("班会.png", False), ("生活照.png", True)]
