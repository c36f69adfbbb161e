"""Golden pairs, one per form: an input built in code and the exact records expected from it."""

from __future__ import annotations

import hashlib
import io

import docx
import openpyxl
from docx.shared import Mm

from paperdesk.models import CaseDoc, FormDoc, ImageRef, TableDoc, TableRow

from extractor_helpers import png, run, save_doc, save_wb


def _sheet(title_rows: list[list], header: list[str], rows: list[list]):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in title_rows:
        ws.append(r)
    ws.append(header)
    for r in rows:
        ws.append(r)
    return wb


def test_golden_a2(tmp_path, campaign):
    wb = _sheet([["肇庆学院2020—2021学年度新聘学生带班党员汇总表"],
                 ["学院（盖章）：生命科学学院　填表人：林一　联系电话：0758-2716000　日期：2020年6月19日"]],
                ["序号", "姓名", "性别", "学号", "年级", "专业班级", "政治面貌", "所带新生班级", "联系电话", "备注"],
                [[1, "黄二", "女", 201824131201, "2018级", "18生物科学1班", "中共预备党员", "20生物科学1班", "13700000001", None],
                 [2, "何三", "男", "201824131202", "2018级", "18生物技术1班", "入党发展对象", "20生物技术1班", None, "新任"]])
    assert run(save_wb(wb, tmp_path), "xlsx", campaign, display="生科院/A2.xlsx") == [TableDoc(
        source="生科院/A2.xlsx", form="A2", sheet="Sheet", deliverable="selection",
        header={"学院": "生命科学学院", "填表人": "林一", "联系电话": "0758-2716000", "日期": "2020年6月19日"},
        rows=(TableRow(3 + 1, {"序号": "1", "姓名": "黄二", "性别": "女", "学号": "201824131201", "年级": "2018级",
                               "专业班级": "18生物科学1班", "政治面貌": "中共预备党员", "所带新生班级": "20生物科学1班",
                               "联系电话": "13700000001"}),
              TableRow(5, {"序号": "2", "姓名": "何三", "性别": "男", "学号": "201824131202", "年级": "2018级",
                           "专业班级": "18生物技术1班", "政治面貌": "入党发展对象", "所带新生班级": "20生物技术1班",
                           "备注": "新任"})))]


def test_golden_a3(tmp_path, campaign):
    wb = _sheet([["获奖情况统计表"], ["学院：", "音乐学院"]],
                ["序号", "姓名", "学号", "带班班级", "奖项名称", "级别", "获奖时间", "颁奖单位", "备注"],
                [[1, "周八", 201824131109, "20音乐1班", "三好学生", "校级", "2019年12月", "肇庆学院"]])
    assert run(save_wb(wb, tmp_path), "xlsx", campaign) == [TableDoc(
        source="t.xlsx", form="A3", sheet="Sheet", deliverable="awards", header={"学院": "音乐学院"},
        rows=(TableRow(4, {"序号": "1", "姓名": "周八", "学号": "201824131109", "所带班级": "20音乐1班",
                           "获奖名称": "三好学生", "获奖级别": "校级", "获奖时间": "2019年12月", "颁奖单位": "肇庆学院"}),))]


def test_golden_a4(tmp_path, campaign):
    wb = _sheet([["肇庆学院学生带班党员考核情况汇总表"], ["学院（盖章）：音乐学院", None, "带班党员总数：10", None, "公示时间：2020年6月8日至6月12日"]],
                ["序号", "姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况",
                 "所带班级违纪人数", "带班征文", "诚信记录", "考核等级", "备注"],
                [[1, "周八", "201824131109", "18音乐1班", "20音乐1班", "中共党员", 0, "三好学生", 0, "已完成", "无",
                  "学生带班党员标兵", None]])
    assert run(save_wb(wb, tmp_path), "xlsx", campaign) == [TableDoc(
        source="t.xlsx", form="A4", sheet="Sheet", deliverable="assessment-summary",
        header={"学院": "音乐学院", "带班党员总数": "10", "公示时间": "2020年6月8日至6月12日"},
        rows=(TableRow(4, {"序号": "1", "姓名": "周八", "学号": "201824131109", "专业班级": "18音乐1班",
                           "所带班级": "20音乐1班", "政治面貌": "中共党员", "不及格科目数": "0", "获奖情况": "三好学生",
                           "所带班级违纪人数": "0", "带班征文": "已完成", "诚信记录": "无",
                           "考核等级": "学生带班党员标兵"}),))]


def test_golden_a5(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("肇庆学院学生带班党员考核审批表")
    pairs = [("姓名", "周八", "性别", "男"), ("学号", "201824131109", "学院", "音乐学院"),
             ("专业班级", "18音乐1班", "政治面貌", "中共党员"), ("所带班级", "20音乐1班", "联系电话", "13700000002"),
             ("诚信记录", "无", "不及格科目数", "0"), ("获奖情况", "三好学生", "所带班级违纪人数", "0"),
             ("带班征文", "已完成", "申报等级", "学生带班党员标兵")]
    t = doc.add_table(rows=len(pairs) + 3, cols=4)
    for r, row in enumerate(pairs):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    for r, (label, value) in enumerate([("带班工作主要事迹", "事迹第一段。\n事迹第二段。"), ("学院党委意见", "同意。"),
                                        ("学校审批意见", "")], start=len(pairs)):
        t.cell(r, 0).text = label
        t.cell(r, 1).merge(t.cell(r, 3)).text = value
    assert run(save_doc(doc, tmp_path), "docx", campaign) == [FormDoc(
        source="t.docx", form="A5", deliverable="assessment-forms",
        fields={"姓名": "周八", "性别": "男", "学号": "201824131109", "学院": "音乐学院", "专业班级": "18音乐1班",
                "政治面貌": "中共党员", "所带班级": "20音乐1班", "联系电话": "13700000002", "诚信记录": "无",
                "不及格科目数": "0", "获奖情况": "三好学生", "所带班级违纪人数": "0", "带班征文": "已完成",
                "申报等级": "学生带班党员标兵", "带班工作主要事迹": "事迹第一段。\n事迹第二段。",
                "学院党委意见": "同意。", "学校审批意见": ""})]


def test_golden_a1(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("一次主题班会")
    doc.add_paragraph("作者：周八 学号：201824131109 学院：音乐学院 所带班级：20音乐1班")
    texts = {"一、背景与起因": "新生入学。", "二、做法与流程": "开班会。", "三、效果与启示": "班风好。", "四、创意与评价": "有创意。"}
    for h, body in texts.items():
        doc.add_paragraph(h)
        doc.add_paragraph(body)
    blobs = [png("red"), png("blue"), png("green"), png("white", (50, 50))]
    for n, (blob, cap) in enumerate(zip(blobs, ["班会", "合影", "讨论", "作者生活照"]), start=1):
        doc.add_paragraph().add_run().add_picture(io.BytesIO(blob), width=Mm(20))
        doc.add_paragraph(f"图{n} {cap}")
    body = "一、背景与起因\n新生入学。\n二、做法与流程\n开班会。\n三、效果与启示\n班风好。\n四、创意与评价\n有创意。"
    assert run(save_doc(doc, tmp_path), "docx", campaign) == [CaseDoc(
        source="t.docx", title="一次主题班会", deliverable="cases",
        author={"姓名": "周八", "学号": "201824131109", "学院": "音乐学院", "所带班级": "20音乐1班"},
        sections={"背景与起因": "新生入学。", "做法与流程": "开班会。", "效果与启示": "班风好。", "创意与评价": "有创意。"},
        body=body, char_count=4 * 7 + 5 + 4 + 4 + 4,
        images=tuple(ImageRef(name=f"image{n}.png", size=len(b), caption=f"图{n} {c}", embedded=True,
                              is_life_photo=c == "作者生活照", source="t.docx", sha256=hashlib.sha256(b).hexdigest())
                     for n, (b, c) in enumerate(zip(blobs, ["班会", "合影", "讨论", "作者生活照"]), start=1)))]
