"""A sample inbox for the 2021 notice (优秀学生干部、优秀团员评选), written from the notice
(docs/notice-2021-outstanding-students.txt) and from how colleges really fill forms
(FIELD-VARIATIONS.md), not from the extractors: ``make_demo(inbox, campaign) -> DemoManifest``.

Six colleges (在校学生数 from templates/rosters/2021-demo-roster.yaml):

* 文学院 (clean): one zip with Windows GBK names; the 汇总表 with a title row, the 学院/公示时间 line
  in merged cells, 学号 as text, GPA as text ``3.20``, two blank template rows with only a 序号,
  a 填表人 line and a 填表说明 under the table; 申请表 with labels ``姓  名`` (one with label and
  value in one cell, ``姓名：刘子涵``), GPA ``3.2`` where the
  汇总表 says ``3.20``, a class written ``20汉语言文学1班`` where the 汇总表 says
  ``2020级汉语言文学1班``; 公示 exactly three days counted inclusively (11月10日—11月12日); a
  主要事迹 of 797 字 by the notice's count but over 800 characters (runs of digits/Latin, full-width
  indents); names with 昕 玥 婧 晟; a 中共党员 (保留团籍) as 优秀团员; the sealed scan.
* 数学与统计学院 (clean): sent by email on the deadline day at 21:40 (Date header; the .eml file
  itself saved by the office three days later), the zip named with a literal ``+`` (RFC 2047
  attachment name), the sealed scan attached beside it (RFC 2231 name with continuations); the
  汇总表 with a 说明 row above the header, the header fields split over merged cells, columns in
  another order with hints in the headers (``推荐类别（优秀学生干部/优秀团员）``, ``平均学分绩点（GPA）``),
  学号 as numbers, GPA as numbers shown with two decimals, an extra 联系电话 column, a class merged
  over two rows, ``许 诺`` with an aligning space, ``优秀共青团员`` and ``团员``, a totals row, a blank template sheet;
  公示 ``2021年11月9日至15日``; 申请表 with colon labels, 推荐类别 as check boxes (☑/□), long texts
  under their labels, one 学号 in full-width digits.
* 外国语学院: FIELD_MISMATCH (GPA 3.45 vs 3.54), FORM_MISSING, FORM_NOT_IN_SUMMARY, TEXT_TOO_LONG,
  ARCHIVE_NAME_INVALID (``外国语学院评优材料.zip``), DUPLICATE_PERSON (卫子豪, who changed major to
  马克思主义学院, is recommended by both colleges: planted in both).
* 体育与健康学院: CRITERIA_NOT_MET (one failed course), CANDIDATE_STATUS (a 群众 as 优秀团员),
  DUPLICATE_PERSON (a row pasted twice), SEAL_MISSING (the scan has no seal); an extra 性别 column.
* 马克思主义学院: QUOTA_EXCEEDED (10 优秀学生干部, quota round(3% × 310) = 9), CRITERIA_NOT_MET
  (GPA 2.95; another candidate's 3.00 is fine), PUBLICITY_TOO_SHORT (11.10–11.11, two days),
  DUPLICATE_PERSON (卫子豪, also on 外国语学院's list), ARCHIVE_NAME_INVALID (the files sent loose in a
  college folder, not packed as the notice asks), a Word lock file ``~$…docx`` left beside them.
* 音乐学院: DELIVERABLE_MISSING (no 推荐汇总表 at all) and LATE_SUBMISSION (the 申请表 zip of
  2021-11-23).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sampledata.demo.manifest import DemoManifest, Planted
from sampledata.demo2021 import files as F
from sampledata.demo2021.text import deeds, notice_chars, too_long

TITLE = "肇庆学院2021年度优秀学生干部、优秀团员推荐汇总表"
SUFFIX = "优秀学生干部优秀团员推荐材料"
SUMMARY, FORMS = "recommendation-summary", "application-forms"
# 在校学生数 of the demo roster (templates/rosters/2021-demo-roster.yaml), for the self-check only
ROSTER = {"文学院": 1210, "数学与统计学院": 860, "外国语学院": 1320, "体育与健康学院": 760,
          "马克思主义学院": 310, "音乐学院": 520}
RATIOS = {"优秀学生干部": 0.03, "优秀团员": 0.05}
CLEAN = ("文学院", "数学与统计学院")


def at(day: int, hh: int, mm: int, month: int = 11) -> datetime:
    return datetime(2021, month, day, hh, mm, 0, tzinfo=F.CST)


@dataclass(frozen=True)
class Cand:
    """A candidate as the truth: canonical values (what a careful reader understands)."""

    name: str
    sid: str
    cls: str
    status: str  # 共青团员 / 中共预备党员 / 中共党员 / 群众
    cat: str  # 优秀学生干部 / 优秀团员
    post: str
    gpa: str  # "3.52"
    fails: int = 0
    words: int = 420
    remark: str = ""


def half_up(x: float) -> int:
    return int(x + 0.5 + 1e-9)


def _assert_clean(college: str, cands: list[Cand], forms: dict[str, F.FormValues], publicity_days: int) -> None:
    """Our own reading of the notice: a clean college must meet every rule (guards our data)."""
    for cat, ratio in RATIOS.items():
        n = sum(1 for c in cands if c.cat == cat)
        assert n <= half_up(ratio * ROSTER[college]), (college, cat, n)
    assert publicity_days >= 3, college
    sids = [c.sid for c in cands]
    assert len(set(sids)) == len(sids) and set(forms) == {c.name for c in cands}, college
    for c in cands:
        assert float(c.gpa) >= 3.0 and c.fails == 0, c
        assert c.status in ("共青团员", "中共党员", "中共预备党员"), c
        assert len(c.sid) == 12 and c.sid.isdigit(), c
        assert notice_chars(forms[c.name].主要事迹) <= 800, c


# a student who changed major (外国语学院 → 马克思主义学院) and is recommended by both colleges
WEI = Cand("卫子豪", "202017010225", "20思想政治教育2班", "共青团员", "优秀团员", "无", "3.27", words=300)


# ------------------------------------------------------------------ helpers


def _form(c: Cand, college: str, rng: random.Random, **over) -> F.FormValues:
    text = over.pop("主要事迹", None) or deeds(rng, c.words, indent=True)
    v = F.FormValues(姓名=c.name, 学号=c.sid, 学院=college, 专业班级=c.cls, 政治面貌=c.status, 推荐类别=c.cat,
                     担任职务=c.post, 平均学分绩点=c.gpa, 不及格科目数=str(c.fails), 主要事迹=text)
    return replace(v, **over)


def _scan_row(i: int, c: Cand, **over) -> dict[str, str]:
    row = {"序号": str(i), "姓名": c.name, "学号": c.sid, "专业班级": c.cls, "政治面貌": c.status,
           "推荐类别": c.cat, "担任职务": c.post, "平均学分绩点": c.gpa, "不及格科目数": str(c.fails),
           "备注": c.remark}
    row.update(over)
    return row


STANDARD = [("序号", "序号"), ("姓名", "姓名"), ("学号", "学号"), ("专业班级", "专业班级"), ("政治面貌", "政治面貌"),
            ("推荐类别", "推荐类别"), ("担任职务", "担任职务"), ("平均学分绩点", "平均学分绩点"),
            ("不及格科目数", "不及格科目数"), ("备注", "备注")]


class _Inbox:
    def __init__(self, root: Path, work: Path):
        self.root, self.work = root, work
        self.problems: list[Planted] = []
        self.clutter: list[str] = []

    def plant(self, code: str, college: str, c: Cand | None = None, detail: str = "",
              deliverable: str | None = None) -> None:
        self.problems.append(Planted(code, college, c.name if c else None, c.sid if c else None, detail,
                                     deliverable))


# ------------------------------------------------------------------ 文学院 (clean)


def _wenxue(box: _Inbox, campaign) -> None:
    college, rng, when = "文学院", random.Random(2101), at(17, 16, 20)
    cands = [
        Cand("陈昕玥", "202001010105", "2020级汉语言文学1班", "共青团员", "优秀学生干部", "班长", "3.68", words=520),
        Cand("李泽宇", "201901010218", "2019级汉语言文学2班", "中共预备党员", "优秀学生干部", "学生会副主席", "3.20"),
        Cand("王婧怡", "201901020107", "2019级秘书学1班", "共青团员", "优秀学生干部", "团支部书记", "3.45"),
        Cand("刘子涵", "202001010311", "2020级汉语言文学3班", "共青团员", "优秀团员", "无", "3.31", words=360),
        Cand("张晟", "201901020122", "2019级秘书学1班", "中共党员", "优秀团员", "组织委员", "3.57", remark="保留团籍"),
    ]
    pub = "2021年11月10日—2021年11月12日"
    rows = [{"序号": i, "姓名": c.name, "学号": c.sid, "专业班级": c.cls, "政治面貌": c.status, "推荐类别": c.cat,
             "担任职务": c.post, "平均学分绩点": c.gpa, "不及格科目数": 0, "备注": c.remark}
            for i, c in enumerate(cands, start=1)]
    rows += [{"序号": 6}, {"序号": 7}]  # template rows left blank
    sheet = F.Sheet(
        "推荐汇总表", STANDARD, rows,
        above=[[(1, TITLE, 10)], [(1, "学院（盖章）：文学院", 5), (6, f"公示时间：{pub}", 5)]],
        below=[[(1, "填表人：周敏　　审核人：梁文华　　联系电话：0758-2716251　　填表日期：2021年11月16日", 10)],
               [(1, "填表说明：1.推荐类别填写“优秀学生干部”或“优秀团员”；2.平均学分绩点按本学年计算，保留两位小数；"
                    "3.不及格科目数填写本学年不及格科目的门数。", 10)]],
        widths={"学号": 16, "专业班级": 22, "担任职务": 14})
    work = box.work / college
    top = f"{college}{SUFFIX}"
    members = [(f"{top}/附件1：推荐汇总表（文学院）.xlsx", F.write_xlsx(work / "summary.xlsx", [sheet], when))]
    members.append((f"{top}/推荐汇总表（盖章扫描件）.pdf", F.write_scan(
        work / "scan.pdf", campaign, college, {"学院": college, "公示时间": pub},
        [_scan_row(i, c) for i, c in enumerate(cands, start=1)],
        sealed=True, dpi=200, skew=0.6, seed=11, when=when)))
    # 王婧怡: 797 字 by the notice's count, more than 800 characters long
    long_ok = deeds(random.Random(7), 797, latin=True, indent=True, paragraphs=4)
    assert notice_chars(long_ok) <= 800 < len(long_ok), (notice_chars(long_ok), len(long_ok))
    forms: dict[str, F.FormValues] = {}
    for c in cands:
        over = {}
        if c.name == "王婧怡":
            over["主要事迹"] = long_ok
        if c.name == "李泽宇":
            over["平均学分绩点"] = "3.2"
        if c.name == "陈昕玥":
            over["专业班级"] = "20汉语言文学1班"
        v = forms[c.name] = _form(c, college, rng, **over)
        style = "inline" if c.name == "刘子涵" else "beside"
        members.append((f"{top}/附件2 申请表/{c.name}-申请表.docx",
                        F.write_form_docx(work / f"{c.name}.docx", v, style, when)))
    _assert_clean(college, cands, forms, publicity_days=3)
    F.write_zip(box.root / f"{top}.zip", members, when, gbk=True, dirs=[top, f"{top}/附件2 申请表"])


# ------------------------------------------------------------------ 数学与统计学院 (clean, by email)


def _shutong(box: _Inbox, campaign) -> None:
    college, rng = "数学与统计学院", random.Random(2106)
    made, sent, saved = at(19, 20, 55), at(19, 21, 40), at(22, 8, 31)
    cands = [
        Cand("郑一鸣", "201906010203", "19数学与应用数学2班", "中共预备党员", "优秀学生干部", "班长", "3.62"),
        Cand("许诺", "201906010215", "19数学与应用数学2班", "共青团员", "优秀学生干部", "学习委员", "3.20"),
        Cand("曾琪", "202006020108", "20统计学1班", "共青团员", "优秀团员", "宣传委员", "3.47"),
        Cand("袁浩然", "202006020121", "20统计学1班", "共青团员", "优秀团员", "团支部组织委员", "3.05"),
        Cand("杨晗", "201906030109", "19金融数学1班", "中共党员", "优秀团员", "团支部书记", "3.88", remark="保留团籍"),
    ]
    written = {  # how the secretary typed them (same meaning)
        "许诺": {"姓名": "许 诺"}, "曾琪": {"推荐类别": "优秀共青团员"}, "袁浩然": {"政治面貌": "团员", "推荐类别": "优秀共青团员"},
    }
    pub = "2021年11月9日至15日"
    cols = [("序号", "序号"), ("学号", "学号"), ("姓名", "姓名"), ("专业班级", "专业班级"),
            ("推荐类别（优秀学生干部/优秀团员）", "推荐类别"), ("政治面貌", "政治面貌"), ("担任职务", "担任职务"),
            ("平均学分绩点（GPA）", "平均学分绩点"), ("不及格科目数（门）", "不及格科目数"), ("联系电话", "电话"),
            ("备注", "备注")]
    phones = ["13926801153", "15817630428", "13680925571", "18718012236", "13433679015"]
    rows = []
    for i, c in enumerate(cands, start=1):
        row = {"序号": i, "学号": int(c.sid), "姓名": c.name, "专业班级": c.cls, "推荐类别": c.cat,
               "政治面貌": c.status, "担任职务": c.post, "平均学分绩点": float(c.gpa), "不及格科目数": 0,
               "电话": phones[i - 1], "备注": c.remark}
        row.update(written.get(c.name, {}))
        rows.append(row)
    sheet = F.Sheet(
        "推荐名单", cols, rows,
        above=[[(1, TITLE, 11)],
               [(1, "说明：推荐名额按学院在校学生数计算（优秀学生干部3%、优秀团员5%，四舍五入），推荐名单须公示不少于3天。", 11)],
               [(1, "学院（盖章）：", 2), (3, "数学与统计学院", 3), (6, "公示时间：", 1), (7, pub, 4)]],
        below=[[(1, "合计", 1), (2, f"{len(cands)}人", 2)], [(1, "填表人：何静　　日期：2021年11月19日", 11)]],
        formats={"学号": "0", "平均学分绩点": "0.00"}, merge_down=["专业班级"],
        widths={"学号": 15, "推荐类别": 18, "专业班级": 20, "平均学分绩点": 12})
    blank = F.Sheet("模板", cols, [], above=[[(1, TITLE, 10)]])
    work = box.work / college
    xlsx = F.write_xlsx(work / "summary.xlsx", [sheet, blank], made)
    scan = F.write_scan(work / "scan.pdf", campaign, college, {"学院": college, "公示时间": pub},
                        [_scan_row(i, c, **{k: v for k, v in written.get(c.name, {}).items()})
                         for i, c in enumerate(cands, start=1)],
                        sealed=True, dpi=150, skew=-1.0, seed=16, when=made)
    members = [("附件1 推荐汇总表.xlsx", xlsx)]
    labels = {"姓名": "姓名：", "学号": "学号：", "学院": "学院：", "专业班级": "专业班级：", "政治面貌": "政治面貌：",
              "担任职务": "担任职务：", "推荐类别": "推荐类别：", "平均学分绩点": "平均学分绩点：",
              "不及格科目数": "不及格科目数：", "主要事迹": "主要事迹（不超过800字）：", "学院意见": "学院意见："}
    forms: dict[str, F.FormValues] = {}
    for c in cands:
        over = {"意见日期": "2021年11月18日"}
        if c.name == "曾琪":
            over["学号"] = c.sid.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        if c.name == "许诺":
            over["平均学分绩点"] = "3.20"
        v = forms[c.name] = _form(c, college, rng, **over)
        members.append((f"申请表/{c.sid}{c.name}.docx",
                        F.write_form_docx(work / f"{c.name}.docx", v, "below", made, labels=labels, heading="")))
    _assert_clean(college, cands, forms, publicity_days=7)
    zname = f"{college}+{SUFFIX}.zip"
    z = F.write_zip(work / zname, members, made, dirs=["申请表"])
    body = ("王老师：\r\n    您好！附件是数学与统计学院2021年度优秀学生干部、优秀团员推荐材料（推荐汇总表、申请表），"
            "盖章的汇总表扫描件另附，请查收。\r\n\r\n数学与统计学院团委\r\n2021年11月19日\r\n")
    F.write_eml(box.root / "邮件" / "2021-11-19_数学与统计学院推荐材料.eml", sender_name="数学与统计学院团委",
                sender="sxtw_zqu@163.com", subject=f"数学与统计学院{SUFFIX}", sent=sent, body=body,
                attachments=[(zname, z.read_bytes(), "application/x-zip-compressed", "2047"),
                             ("数学与统计学院推荐汇总表（盖章版）扫描件.pdf", scan.read_bytes(), "application/pdf", "2231")],
                saved=saved, msg_id="202111192140120551326@163.com")


# ------------------------------------------------------------------ 外国语学院


def _waiyu(box: _Inbox, campaign) -> None:
    college, rng, when = "外国语学院", random.Random(2105), at(18, 10, 5)
    lin = Cand("林思琪", "201905010112", "19英语1班", "共青团员", "优秀学生干部", "班长", "3.45")
    huang = Cand("黄伟", "201905010230", "19英语2班", "中共预备党员", "优秀学生干部", "学生会主席", "3.71")
    su = Cand("苏雨桐", "202005020104", "20商务英语1班", "共青团员", "优秀团员", "文体委员", "3.39")
    chen = Cand("陈嘉豪", "202005010119", "20英语1班", "共青团员", "优秀团员", "无", "3.26")
    wu = Cand("吴梓涵", "202005020117", "20商务英语1班", "共青团员", "优秀团员", "团支部书记", "3.50")
    # transferred to 马克思主义学院 this year, who recommends him too; his old college still lists him
    wei = replace(WEI, cls="20英语2班（已转专业）")
    cands = [lin, huang, su, chen, wei]
    pub = "2021年11月11日-11月15日"
    rows = [{"序号": i, "姓名": c.name, "学号": int(c.sid), "专业班级": c.cls, "政治面貌": c.status, "推荐类别": c.cat,
             "担任职务": c.post, "平均学分绩点": float(c.gpa), "不及格科目数": c.fails, "备注": ""}
            for i, c in enumerate(cands, start=1)]
    sheet = F.Sheet("Sheet1", STANDARD, rows,
                    above=[[(1, TITLE, 10)], [(1, f"学院（盖章）：外国语学院　　　　　　公示时间：{pub}", 10)]],
                    below=[[(1, "填表人：黄丽　　联系电话：13712345678", 10)]],
                    formats={"学号": "0"}, widths={"学号": 15, "专业班级": 16})
    work = box.work / college
    members = [("外国语学院推荐汇总表.xlsx", F.write_xlsx(work / "summary.xlsx", [sheet], when)),
               ("外国语学院推荐汇总表（盖章）.pdf", F.write_scan(
                   work / "scan.pdf", campaign, college, {"学院": college, "公示时间": pub},
                   [_scan_row(i, c) for i, c in enumerate(cands, start=1)],
                   sealed=True, dpi=200, skew=1.2, seed=15, when=when))]
    for c in (lin, su, chen, wu, wei):
        over = {}
        if c is lin:
            over["平均学分绩点"] = "3.54"
        if c is su:
            over["主要事迹"] = too_long(random.Random(5), 880)
        v = _form(c, "外国语学院", rng, **over)
        members.append((f"申请表/{c.name}申请表.docx", F.write_form_docx(work / f"{c.name}.docx", v, "beside", when,
                                                                    labels={"姓名": "姓 名", "学号": "学 号"})))
    F.write_zip(box.root / "外国语学院评优材料.zip", members, when, dirs=["申请表"])
    box.plant("ARCHIVE_NAME_INVALID", college, detail="压缩包命名为“外国语学院评优材料.zip”，未按“学院名称+优秀学生干部优秀团员推荐材料”命名")
    box.plant("FIELD_MISMATCH", college, lin, "平均学分绩点：汇总表3.45，申请表3.54")
    box.plant("FORM_MISSING", college, huang, "汇总表中有黄伟，未交申请表")
    box.plant("TEXT_TOO_LONG", college, su, f"主要事迹约{notice_chars(too_long(random.Random(5), 880))}字，超过800字")
    box.plant("FORM_NOT_IN_SUMMARY", college, wu, "交了吴梓涵的申请表，汇总表中没有此人")
    box.plant("DUPLICATE_PERSON", college, wei, "卫子豪（已转入马克思主义学院）同时被外国语学院和马克思主义学院推荐")


# ------------------------------------------------------------------ 体育与健康学院


def _tiyu(box: _Inbox, campaign) -> None:
    college, rng, when = "体育与健康学院", random.Random(2113), at(16, 11, 40)
    he = Cand("何俊杰", "201913010107", "19体育教育1班", "共青团员", "优秀学生干部", "班长", "3.45")
    luo = Cand("罗晓彤", "201913010224", "19体育教育2班", "中共预备党员", "优秀学生干部", "学生会体育部部长", "3.31", fails=1)
    feng = Cand("冯浩宇", "202013020113", "20社会体育指导与管理1班", "群众", "优秀团员", "无", "3.12")
    liang = Cand("梁嘉欣", "202013010126", "20体育教育1班", "共青团员", "优秀团员", "团支部书记", "3.62")
    deng = Cand("邓子轩", "202013010203", "20体育教育2班", "共青团员", "优秀团员", "学习委员", "3.18")
    listed = [he, luo, feng, liang, liang, deng]  # 梁嘉欣 pasted twice
    pub = "2021.11.8-2021.11.12"
    cols = [("序号", "序号"), ("姓名", "姓名"), ("性别", "性别"), ("学号", "学号"), ("专业班级", "专业班级"),
            ("政治面貌", "政治面貌"), ("推荐类别", "推荐类别"), ("担任职务", "担任职务"), ("平均学分绩点", "平均学分绩点"),
            ("不及格科目数", "不及格科目数"), ("备注", "备注")]
    sex = {"何俊杰": "男", "罗晓彤": "女", "冯浩宇": "男", "梁嘉欣": "女", "邓子轩": "男"}
    rows = [{"序号": i, "姓名": c.name, "性别": sex[c.name], "学号": c.sid, "专业班级": c.cls, "政治面貌": c.status,
             "推荐类别": c.cat, "担任职务": c.post, "平均学分绩点": c.gpa, "不及格科目数": c.fails, "备注": ""}
            for i, c in enumerate(listed, start=1)]
    sheet = F.Sheet("汇总表", cols, rows,
                    above=[[(1, TITLE, 11)], [(1, "学院：体育与健康学院", 4), (7, f"公示时间：{pub}", 5)]],
                    below=[[(1, "填表人：罗老师", 3), (7, "日期：2021年11月15日", 5)]],
                    widths={"学号": 15, "专业班级": 24})
    work = box.work / college
    top = f"{college}{SUFFIX}"
    members = [(f"{top}/推荐汇总表.xlsx", F.write_xlsx(work / "summary.xlsx", [sheet], when)),
               (f"{top}/推荐汇总表纸质版扫描.pdf", F.write_scan(
                   work / "scan.pdf", campaign, college, {"学院": college, "公示时间": pub},
                   [_scan_row(i, c) for i, c in enumerate(listed, start=1)],
                   sealed=False, dpi=150, skew=0.4, seed=13, when=when))]
    for c in (he, luo, feng, liang, deng):
        v = _form(c, college, rng)
        members.append((f"{top}/{c.name}.docx", F.write_form_docx(
            work / f"{c.name}.docx", v, "beside", when, labels={"姓名": "姓　　名", "学号": "学　　号", "学院": "学　　院"})))
    F.write_zip(box.root / f"{top}.zip", members, when, dirs=[top])
    box.plant("CRITERIA_NOT_MET", college, luo, "罗晓彤不及格科目数为1")
    box.plant("CANDIDATE_STATUS", college, feng, "冯浩宇政治面貌为群众，推荐为优秀团员")
    box.plant("DUPLICATE_PERSON", college, liang, "梁嘉欣在推荐汇总表中出现两次（第4、5行）")
    box.plant("SEAL_MISSING", college, detail="推荐汇总表扫描件未加盖学院公章", deliverable=SUMMARY)


# ------------------------------------------------------------------ 马克思主义学院


def _mayuan(box: _Inbox, campaign) -> None:
    college, rng, when = "马克思主义学院", random.Random(2117), at(18, 17, 10)
    names = ["孙立群", "赵雅琪", "钱文博", "周子墨", "吴思远", "郑欣然", "王一帆", "冯晓雯", "陈泽楷", "褚佳怡"]
    posts = ["班长", "团支部书记", "学习委员", "学生会主席", "生活委员", "宣传委员", "学生会副主席", "组织委员",
             "心理委员", "纪律委员"]
    gpas = ["3.56", "3.41", "3.22", "3.67", "2.95", "3.00", "3.18", "3.35", "3.09", "3.73"]
    cands = [Cand(n, f"20{19 + k % 2}1701{1 + k % 2:02d}{10 + k:02d}", f"{19 + k % 2}思想政治教育{1 + k % 2}班",
                  "中共预备党员" if k % 3 == 0 else "共青团员", "优秀学生干部", p, g, words=300)
             for k, (n, p, g) in enumerate(zip(names, posts, gpas))]
    cands += [WEI,
              Cand("蒋雨欣", "202017010131", "20思想政治教育1班", "共青团员", "优秀团员", "文艺委员", "3.44", words=300)]
    pub = "2021.11.10-2021.11.11"
    rows = [{"序号": i, "姓名": c.name, "学号": c.sid, "专业班级": c.cls, "政治面貌": c.status, "推荐类别": c.cat,
             "担任职务": c.post, "平均学分绩点": float(c.gpa), "不及格科目数": 0, "备注": ""}
            for i, c in enumerate(cands, start=1)]
    sheet = F.Sheet("Sheet1", STANDARD, rows,
                    above=[[(1, "马克思主义学院2021年度优秀学生干部、优秀团员推荐名单", 10)],
                           [(1, "学院（盖章）：马克思主义学院", 5), (6, f"公示时间：{pub}", 5)]],
                    formats={"平均学分绩点": "0.00"}, widths={"学号": 15, "专业班级": 20})
    folder = box.root / college
    F.write_xlsx(folder / "马克思主义学院推荐汇总表.xlsx", [sheet], when)
    F.write_scan(folder / "推荐汇总表盖章版.pdf", campaign, college, {"学院": college, "公示时间": pub},
                 [_scan_row(i, c) for i, c in enumerate(cands, start=1)],
                 sealed=True, dpi=150, skew=-0.7, seed=17, when=when)
    for c in cands:
        F.write_form_docx(folder / "申请表" / f"{c.name}申请表.docx", _form(c, college, rng), "beside", when)
    # a Word owner file left while 孙立群's form was open: 162 bytes, not a document
    lock = folder / "申请表" / "~$孙立群申请表.docx"
    lock.write_bytes(b"\x0cAdministrator" + b"\x00" * 40 + "Administrator".encode("utf-16-le") + b"\x00" * 82)
    F.stamp(lock, when)
    box.clutter.append(str(lock.relative_to(box.root)))
    wu = next(c for c in cands if c.name == "吴思远")
    box.plant("QUOTA_EXCEEDED", college, detail="推荐优秀学生干部10人，名额为round(3%×310)=9人")
    box.plant("CRITERIA_NOT_MET", college, wu, "吴思远平均学分绩点2.95，低于3.0")
    box.plant("PUBLICITY_TOO_SHORT", college, detail="公示时间2021.11.10-2021.11.11，仅2天")
    box.plant("DUPLICATE_PERSON", college, WEI, "卫子豪同时被外国语学院（转专业前）和马克思主义学院推荐")
    box.plant("ARCHIVE_NAME_INVALID", college, detail="材料未打包为压缩包（散放在文件夹中），通知要求打包并命名为"
                                                     "“学院名称+优秀学生干部优秀团员推荐材料”")


# ------------------------------------------------------------------ 音乐学院


def _yinyue(box: _Inbox, campaign) -> None:
    college, rng, when = "音乐学院", random.Random(2114), at(23, 9, 12)
    cands = [Cand("何雨萱", "201914010109", "19音乐学1班", "共青团员", "优秀学生干部", "文艺委员", "3.41"),
             Cand("唐嘉怡", "202014010115", "20音乐学1班", "共青团员", "优秀团员", "团支部书记", "3.36"),
             Cand("邓文轩", "202014020102", "20舞蹈学1班", "共青团员", "优秀团员", "无", "3.22")]
    work = box.work / college
    members = [(f"申请表-{c.name}.docx", F.write_form_docx(work / f"{c.name}.docx", _form(c, college, rng), "beside", when))
               for c in cands]
    F.write_zip(box.root / f"{college}{SUFFIX}.zip", members, when)
    box.plant("DELIVERABLE_MISSING", college, detail="未交推荐汇总表（电子版和纸质版都没有）", deliverable=SUMMARY)
    box.plant("LATE_SUBMISSION", college, detail="申请表压缩包2021年11月23日才发送，截止日期为11月19日", deliverable=FORMS)


# ------------------------------------------------------------------ the inbox

_COLLEGES = (("文学院", _wenxue), ("数学与统计学院", _shutong), ("外国语学院", _waiyu),
             ("体育与健康学院", _tiyu), ("马克思主义学院", _mayuan), ("音乐学院", _yinyue))


def make_demo(inbox: Path, campaign) -> DemoManifest:
    """Write the sample inbox of the 2021 campaign into ``inbox`` and return its answer key."""
    import tempfile

    inbox = Path(inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    known = {c.name for c in campaign.colleges}
    with tempfile.TemporaryDirectory(prefix="demo2021-") as tmp:
        box = _Inbox(inbox, Path(tmp))
        for name, build in _COLLEGES:
            assert name in known, f"{name} is not a college of campaign {campaign.id}"
            build(box, campaign)
    for d in sorted((p for p in inbox.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        F.stamp(d, at(23, 18, 0))
    files = tuple(sorted(str(p.relative_to(inbox)) for p in inbox.rglob("*") if p.is_file()))
    return DemoManifest(campaign=campaign.id, colleges=tuple(n for n, _ in _COLLEGES), clean_colleges=CLEAN,
                        problems=tuple(box.problems), clutter=tuple(box.clutter), files=files)


__all__ = ["make_demo", "notice_chars", "half_up", "ROSTER", "RATIOS", "CLEAN"]
