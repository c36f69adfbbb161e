#!/usr/bin/env python3
"""Hold-out field corpus B for paperdesk: six colleges, each secretary with her own habits.

    .venv/bin/python bench/field/holdout/generate.py --out DIR [--seed N]

writes DIR/inbox/ (what the colleges sent, as office staff would drop it: zips with GBK names,
a .7z, saved e-mails, loose folders, scans of the sealed paper copies) and DIR/truth.json (planted
defects with their SPEC §5 codes, and traps: legal boundary values that must not be errors).

Colleges start from the office's blank forms (`paperdesk forms`), as they do in reality; some
retype them.  Everything else is drawn in code; nothing is downloaded.
"""

import argparse
import datetime
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _docs as D  # noqa: E402
import _media as M  # noqa: E402
import _pack as K  # noqa: E402
import _text as T  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402

REPO = HERE.parents[2]

# ======================================================================= people

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万覃武戴莫孔汤")
GIVEN_M = "伟强磊军洋勇杰涛明超刚平辉鹏飞浩宇轩博文俊晨辰志豪家乐建国斌峰波健毅诚恒锐思源嘉一子航"
GIVEN_F = "芳娜敏静丽艳娟秀霞玉萍红兰洁梅琳雪荣佳嘉琼莉晶妍茜秋珊婷婉颖露瑶怡丹蓉琴蕊薇梦岚馨韵悦冰欣雨萱诗涵"
RARE_M = "铖堃喆昊晟赟鑫犇燚彧翀"
RARE_F = "婧琰玥晗珺瑾祎昕淼"


class NameBook:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()
        self.rare_queue_m = list(RARE_M)
        self.rare_queue_f = list(RARE_F)

    def new(self, gender, rare=False):
        rng = self.rng
        for _ in range(1000):
            s = rng.choice(SURNAMES)
            pool = GIVEN_M if gender == "男" else GIVEN_F
            if rare:
                q = self.rare_queue_m if gender == "男" else self.rare_queue_f
                r = q.pop(0) if q else rng.choice(RARE_M if gender == "男" else RARE_F)
                given = r if rng.random() < 0.4 else (rng.choice(pool) + r if rng.random() < 0.5 else r + rng.choice(pool))
            else:
                given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
            name = s + given
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("names exhausted")


@dataclass
class Person:
    name: str
    gender: str
    sid: str
    major_class: str
    led_class: str
    status: str = "中共党员"
    failed: int = 0
    awards: list = field(default_factory=list)  # (title, level, date, issuer)
    violations: int = 0
    essay: bool = True
    integrity: bool = True
    grade: str = "优秀"  # 标兵 / 优秀 / 合格
    phone: str = ""
    idcard: str = ""
    qq: str = ""
    grade_level: str = "2018级"  # A2 only


GOOD_AWARDS = [("校级三好学生", "校级", "2019年11月", "肇庆学院"), ("校一等奖学金", "校级", "2019年11月", "肇庆学院"),
               ("校二等奖学金", "校级", "2019年11月", "肇庆学院"), ("校三等奖学金", "校级", "2019年11月", "肇庆学院")]
OTHER_AWARDS = [("校级优秀学生干部", "校级", "2019年12月", "肇庆学院"), ("院级优秀团员", "院级", "2019年5月", "{college}团委"),
                ("广东省大学生志愿服务先进个人", "省级", "2019年12月", "共青团广东省委员会"),
                ("肇庆市优秀志愿者", "市级", "2019年10月", "共青团肇庆市委员会"),
                ("校园十佳歌手", "校级", "2019年11月", "肇庆学院团委"),
                ("全国大学生英语竞赛三等奖", "国家级", "2019年6月", "高等学校大学外语教学研究会")]


def award_text(p, sep="；"):
    return sep.join(a[0] for a in p.awards) if p.awards else "无"


# ======================================================================= college data

OFFICIAL = ["外国语学院", "经济与管理学院", "电子与电气工程学院", "体育与健康学院", "生命科学学院", "旅游与历史文化学院"]
CLEAN = ["经济与管理学院", "生命科学学院"]


@dataclass
class Case:
    author: Person
    title: str
    zi: int
    pics: int
    pic_mode: str  # inline | float | table | files | group | cells
    life: str = "file"  # file | embedded | none
    life_size: int = None  # exact size in bytes, None -> >1 MiB
    life_caption: str = "作者生活照"
    missing_section: int = None  # index 0..3 of a missing section
    header_logo: bool = False
    merged_heading: bool = False


@dataclass
class College:
    official: str
    short: str
    code: str
    majors: list  # (full major name, short major, major code)
    base: int
    mentors: list = field(default_factory=list)
    new: list = field(default_factory=list)
    cases: list = field(default_factory=list)

    @property
    def seal_text(self):
        return "中共肇庆学院%s委员会" % self.official


def half_up(x):
    return int(Decimal(x).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def phone(rng):
    return rng.choice(["135", "137", "138", "139", "150", "158", "188", "159", "136"]) + "".join(
        str(rng.randrange(10)) for _ in range(8))


def idcard(rng, year):
    area = rng.choice(["441202", "440104", "445102", "441302", "440882", "441781"])
    d = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    return area + d.strftime("%Y%m%d") + "%03d" % rng.randrange(1000) + rng.choice("0123456789X")


def make_mentors(rng, names, col, n, year=2017, rare_share=0.45, class_style="{yy}{m}{k}班", led_style="{yy}{m}{k}班"):
    out = []
    for i in range(n):
        gender = rng.choice(["男", "女"])
        major, mshort, mcode = col.majors[i % len(col.majors)]
        k = 1 + (i // len(col.majors)) % 2
        sid = "%d%s%s%02d%02d" % (year, col.code, mcode, k, 10 + i * 3 % 37)
        mc = class_style.format(yy=str(year)[2:], yyyy=year, m=mshort, M=major, k=k)
        led = led_style.format(yy=str(year + 2)[2:], yyyy=year + 2, m=mshort, M=major, k=1 + i % 2)
        p = Person(names.new(gender, rare=rng.random() < rare_share), gender, sid, mc, led,
                   status=rng.choice(["中共党员", "中共党员", "中共预备党员"]), phone=phone(rng),
                   idcard=idcard(rng, year - 19), qq=str(rng.randrange(10**8, 3 * 10**9)))
        out.append(p)
    return out


def set_grade(p, grade, rng, college):
    p.grade = grade
    if grade == "标兵":
        p.awards = [GOOD_AWARDS[0], rng.choice(GOOD_AWARDS[1:])] if rng.random() < 0.6 else [rng.choice(GOOD_AWARDS[1:3])]
        if rng.random() < 0.5:
            a = rng.choice(OTHER_AWARDS)
            p.awards.append((a[0], a[1], a[2], a[3].format(college=college.official)))
    elif grade == "优秀":
        k = rng.choice([0, 1, 1, 2])
        p.awards = [tuple(x.format(college=college.official) for x in a) for a in rng.sample(OTHER_AWARDS + GOOD_AWARDS[3:], k)]
    else:
        p.awards = []


def make_new_mentors(rng, names, col, classes, year=2018, statuses=None):
    """classes: list of (freshman class, count). Returns list of Person (A2 rows)."""
    out = []
    i = 0
    for cls, cnt in classes:
        for _ in range(cnt):
            gender = rng.choice(["男", "女"])
            major, mshort, mcode = col.majors[i % len(col.majors)]
            sid = "%d%s%s%02d%02d" % (year, col.code, mcode, 1 + i % 2, 5 + i * 7 % 40)
            st = statuses[i] if statuses else rng.choice(["中共党员", "中共预备党员", "中共预备党员", "入党发展对象", "入党积极分子"])
            p = Person(names.new(gender, rare=rng.random() < 0.35), gender, sid, "%s%s%d班" % (str(year)[2:], mshort, 1 + i % 2),
                       cls, status=st, phone=phone(rng), grade_level="%d级" % year)
            out.append(p)
            i += 1
    return out


# ======================================================================= truth bookkeeping


class Truth:
    def __init__(self):
        self.defects = []
        self.traps = []

    def defect(self, code, college, note, person=None, also=(), name=None, sid=None):
        self.defects.append({
            "id": "d%02d" % (len(self.defects) + 1), "code": code, "college": college,
            "name": (person.name if person else name), "student_id": (person.sid if person else sid),
            "also": list(also), "note": note})

    def trap(self, college, note, person=None, name=None, codes=()):
        """codes: the flag codes a wrong reading of this trap would raise (score.py reads "[A,B] …")."""
        if codes:
            note = "[%s] %s" % (",".join(codes), note)
        self.traps.append({"id": "t%02d" % (len(self.traps) + 1), "college": college,
                           "name": person.name if person else name, "note": note})


# ======================================================================= forms

GRADE_STD = {"标兵": "学生带班党员标兵", "优秀": "优秀学生带班党员", "合格": "合格"}
YESNO_STD = {True: "已完成", False: "未完成"}
INTEG_STD = {True: "无", False: "有不良记录"}


class Forms:
    """The office's blank templates (written by `paperdesk forms`)."""

    def __init__(self, work):
        exe = REPO / ".venv" / "bin" / "paperdesk"
        exe = str(exe) if exe.exists() else (shutil.which("paperdesk") or "paperdesk")
        out = Path(work) / "forms"
        subprocess.run([exe, "forms", "--outbox", str(out)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        self.files = {}
        for n in range(1, 6):
            hits = sorted(out.glob("附件%d-*" % n))
            if not hits:
                raise SystemExit("paperdesk forms did not write attachment %d" % n)
            self.files[n] = hits[0].read_bytes()

    def a(self, n):
        return self.files[n]


# ---------------------------------------------------------------- A4


def a4_from_template(forms, col, rows, info, *, vocab=None, award_sep="；", sid_cell=None, name_cell=None,
                     footers=(), blank_rows=0, sheet_title=None, keep_blank_sheet=False, merge_led=None,
                     split_rows=None, hidden_extra=None, stray=False):
    """Fill the office A4 template. rows: list of Person.

    sid_cell(p, i) -> (value, number_format) lets a secretary write 学号 her way.
    merge_led: list of (i, j) row indexes whose 所带班级 cell is merged vertically.
    split_rows: set of row indexes written over two lines (one award per line, other cells merged).
    """
    vocab = vocab or {}
    wb = D.open_xlsx(forms.a(4))
    ws = wb.worksheets[0]
    blank = None
    if sheet_title:
        ws.title = sheet_title
    if keep_blank_sheet:
        blank = wb.copy_worksheet(ws)
        blank.title = "学生带班党员考核情况汇总表"
    ws["A2"] = info
    r = 5
    row_of = {}
    for i, p in enumerate(rows):
        if r > 5:
            D.style_row_like(ws, 5, r, 13)
        g = vocab.get("grade", GRADE_STD)
        st = vocab.get("status", {}).get(p.status, p.status)
        if callable(vocab.get("status_fn")):
            st = vocab["status_fn"](p, i)
        essay = vocab.get("essay", YESNO_STD)[p.essay] if not callable(vocab.get("essay")) else vocab["essay"](p, i)
        integ = vocab.get("integrity", INTEG_STD)[p.integrity] if not callable(vocab.get("integrity")) else vocab["integrity"](p, i)
        sid_v, sid_fmt = sid_cell(p, i) if sid_cell else (p.sid, "@")
        name_v = name_cell(p, i) if name_cell else p.name
        vals = [i + 1, name_v, sid_v, p.major_class, p.led_class, st, p.failed, award_text(p, award_sep),
                p.violations, essay, integ, g[p.grade], ""]
        if stray:
            vals = [v if not isinstance(v, str) or j in (2,) else (v + " " if (i + j) % 4 == 0 else v)
                    for j, v in enumerate(vals)]
        if split_rows and i in split_rows and len(p.awards) >= 2:
            for j, v in enumerate(vals, 1):
                ws.cell(r, j, v)
            D.style_row_like(ws, 5, r + 1, 13)
            ws.cell(r, 8, p.awards[0][0])
            ws.cell(r + 1, 8, award_sep.join(a[0] for a in p.awards[1:]))
            for j in range(1, 14):
                if j != 8:
                    ws.merge_cells(start_row=r, start_column=j, end_row=r + 1, end_column=j)
            row_of[i] = r
            r += 2
        else:
            for j, v in enumerate(vals, 1):
                c = ws.cell(r, j, v)
                if j == 3:
                    c.number_format = sid_fmt
            row_of[i] = r
            r += 1
        for j in range(1, 14):
            ws.cell(row_of[i], j).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if merge_led:
        for a, b in merge_led:
            ws.merge_cells(start_row=row_of[a], start_column=5, end_row=row_of[b], end_column=5)
    for k in range(blank_rows):
        D.style_row_like(ws, 5, r, 13)
        ws.cell(r, 1, len(rows) + k + 1)
        r += 1
    for line in footers:
        if isinstance(line, tuple):
            for j, v in line:
                ws.cell(r, j, v)
        else:
            ws.cell(r, 1, line)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=13)
            ws.cell(r, 1).alignment = Alignment(horizontal="left", vertical="center")
        r += 1
    if hidden_extra:
        head, fn = hidden_extra
        ws.cell(4, 14, head)
        for i, p in enumerate(rows):
            ws.cell(row_of[i], 14, fn(p, i))
        ws.column_dimensions["N"].hidden = True
    D.autofit_rows(ws)
    D.landscape_fit(ws, "$1:$4")
    ws.print_area = "A1:M%d" % max(ws.max_row, 19)
    if blank is not None:
        wb.active = 0  # the filled sheet first, the untouched template copy behind it
    return wb


def a4_retyped_waiyu(col, rows, publicity):
    """外语学院: retyped A4 with own column order, 身份证号 and QQ, two title rows, info line without
    colons split over merged cells."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    heads = ["序号", "姓名", "学号", "身份证号", "政治面貌", "专业班级", "所带班级", "考核等级", "获奖情况", "不及格科目数",
             "所带班级违纪人数", "诚信记录", "带班征文", "QQ", "备注"]
    n = len(heads)
    D.col_widths(ws, [5, 9, 15, 20, 10, 12, 12, 16, 26, 8, 9, 9, 9, 12, 8])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    D.cell_fmt(ws, 1, 1, "肇庆学院学生带班党员考核情况汇总表", bold=True, size=16, border=False)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    D.cell_fmt(ws, 2, 1, "（2019—2020学年度）", size=12, border=False)
    # info line without colons, over merged cells
    info = [(1, 2, "学院（盖章）"), (3, 5, col.official), (6, 7, "带班党员总数"), (8, 8, str(col.base)),
            (9, 10, "公示时间"), (11, 15, publicity)]
    for a, b, v in info:
        if b > a:
            ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
        D.cell_fmt(ws, 3, a, v, size=11, border=False, align="left" if a > 1 else "center")
    for j, h in enumerate(heads, 1):
        D.cell_fmt(ws, 4, j, h, bold=True)
    for i, p in enumerate(rows):
        r = 5 + i
        vals = [i + 1, p.name, p.sid, p.idcard, p.status, p.major_class, p.led_class, GRADE_STD[p.grade],
                award_text(p, "，"), p.failed, p.violations, INTEG_STD[p.integrity], YESNO_STD[p.essay], p.qq, ""]
        for j, v in enumerate(vals, 1):
            c = D.cell_fmt(ws, r, j, v, size=10)
            if j in (3, 4, 14):
                c.number_format = "@"
    D.autofit_rows(ws)
    D.landscape_fit(ws, "$1:$4")
    return wb


# ---------------------------------------------------------------- A2 / A3


def a2_from_template(forms, col, rows, info, *, status_map=None, gender_map=None, sid_cell=None, footers=(),
                     blank_rows=0):
    wb = D.open_xlsx(forms.a(2))
    ws = wb.worksheets[0]
    ws["A2"] = info
    r = 5
    for i, p in enumerate(rows):
        if r > 5:
            D.style_row_like(ws, 5, r, 10)
        sid_v, fmt = sid_cell(p, i) if sid_cell else (p.sid, "@")
        st = (status_map or {}).get(p.status, p.status)
        g = (gender_map or {}).get(p.gender, p.gender)
        vals = [i + 1, p.name, g, sid_v, p.grade_level, p.major_class, st, p.led_class, p.phone, ""]
        for j, v in enumerate(vals, 1):
            c = ws.cell(r, j, v)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if j == 4:
                c.number_format = fmt
        r += 1
    for k in range(blank_rows):
        D.style_row_like(ws, 5, r, 10)
        ws.cell(r, 1, len(rows) + k + 1)
        r += 1
    for line in footers:
        ws.cell(r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=10)
        r += 1
    D.autofit_rows(ws)
    D.landscape_fit(ws, "$1:$4")
    ws.print_area = "A1:J%d" % max(ws.max_row, 19)
    return wb


def a3_from_template(forms, col, rows, *, info=None, override_led=None, sid_cell=None):
    wb = D.open_xlsx(forms.a(3))
    ws = wb.worksheets[0]
    ws["A2"] = info or ("学院：%s" % col.official)
    r = 5
    k = 0
    for i, p in enumerate(rows):
        for a in p.awards:
            if r > 5:
                D.style_row_like(ws, 5, r, 9)
            k += 1
            led = (override_led or {}).get(p.sid, p.led_class)
            sid_v, fmt = sid_cell(p, i) if sid_cell else (p.sid, "@")
            vals = [k, p.name, sid_v, led, a[0], a[1], a[2], a[3], ""]
            for j, v in enumerate(vals, 1):
                c = ws.cell(r, j, v)
                c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                if j == 3:
                    c.number_format = fmt
            r += 1
    D.autofit_rows(ws)
    D.landscape_fit(ws, "$1:$4")
    ws.print_area = "A1:I%d" % max(ws.max_row, 19)
    return wb


# ---------------------------------------------------------------- A5


def a5_values(p, college_display, vocab=None):
    vocab = vocab or {}
    return {
        "姓名": p.name, "性别": p.gender, "学号": p.sid, "学院": college_display, "专业班级": p.major_class,
        "政治面貌": vocab.get("status", {}).get(p.status, p.status), "所带班级": p.led_class, "联系电话": p.phone,
        "诚信记录": vocab.get("integrity", INTEG_STD)[p.integrity], "不及格科目数": str(p.failed),
        "获奖情况": award_text(p, vocab.get("award_sep", "；")), "所带班级违纪人数": str(p.violations),
        "带班征文": vocab.get("essay", YESNO_STD)[p.essay], "申报等级": vocab.get("grade", GRADE_STD)[p.grade],
    }


def deeds(rng, p):
    parts = [T.DEEDS[0].format(cls=p.led_class)] + rng.sample(T.DEEDS[1:], 3)
    return "".join(parts)


def a5_template(forms, p, vals, rng, *, spaced=False, stray=False, date="2020年6月16日", opinion="经公示无异议，同意推荐。",
                author="Administrator"):
    d = D.open_docx(forms.a(5))
    D.set_core(d, author)
    t = d.tables[0]
    for r in range(7):
        for c in (0, 2):
            label = t.rows[r].cells[c].text.strip()
            v = vals.get(label, "")
            if stray and v and r % 2 == 0:
                v = " " + v + " "
            D.set_cell(t.rows[r].cells[c + 1], v, align="center")
            if spaced and len(label) == 2:
                D.set_cell(t.rows[r].cells[c], label[0] + "  " + label[1], align="center", bold=True)
    D.set_cell(t.rows[7].cells[1], deeds(rng, p), align=None)
    t.rows[7].cells[1].paragraphs[0].paragraph_format.first_line_indent = Pt(21)
    cell = t.rows[8].cells[1]
    cell.paragraphs[0].text = ""
    D.east_asian(cell.paragraphs[0].add_run(opinion), "宋体", 11)
    p2 = cell.paragraphs[1]
    for run in p2.runs:
        run.text = run.text.replace("日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日", "日期：" + date)
    return d


def a5_inline_labels(p, vals, rng, title="肇庆学院学生带班党员考核审批表", date="2020年6月17日"):
    """电子学院: retyped form, each cell holds `label：value`; two pages."""
    import docx
    d = docx.Document()
    D.a4_portrait(d)
    D.set_core(d, "dzxy")
    D.para(d, title, align="center", bold=True, size=18, font="黑体")
    D.para(d, "（2019—2020学年）", align="center", size=12)
    order = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"), ("诚信记录", "不及格科目数"),
             ("获奖情况", "所带班级违纪人数"), ("带班征文", "申报等级")]
    t = d.add_table(rows=len(order) + 1, cols=2)
    D.table_borders(t)
    for r, (a, b) in enumerate(order):
        D.set_cell(t.rows[r].cells[0], "%s：%s" % (a, vals[a]), size=11)
        D.set_cell(t.rows[r].cells[1], "%s：%s" % (b, vals[b]), size=11)
        D.row_height(t.rows[r], 1.0)
    m = t.rows[len(order)].cells[0].merge(t.rows[len(order)].cells[1])
    D.set_cell(m, "带班工作主要事迹：\n" + deeds(rng, p), size=11)
    D.row_height(t.rows[len(order)], 13.5)
    D.page_break(d)
    t2 = d.add_table(rows=2, cols=1)
    D.table_borders(t2)
    D.set_cell(t2.rows[0].cells[0], "学院党委意见：\n\n同意推荐。\n\n\n\n签字：\u3000\u3000\u3000\u3000\u3000（盖章）\n日期：" + date, size=11)
    D.set_cell(t2.rows[1].cells[0], "学校审批意见：\n\n\n\n\n\n签字：\u3000\u3000\u3000\u3000\u3000（盖章）\n日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日", size=11)
    for c in (t2.rows[0].cells[0], t2.rows[1].cells[0]):
        for par in c.paragraphs[-2:]:
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    D.row_height(t2.rows[0], 11.5)
    D.row_height(t2.rows[1], 11.5)
    return d


def a5_values_below(p, vals, rng, date="2020年6月15日", check=True):
    """体育学院: labels in one row, values in the row below; check marks for 申报等级."""
    import docx
    d = docx.Document()
    D.a4_portrait(d, 2.0)
    D.set_core(d, "体育学院学工办")
    D.para(d, "肇庆学院学生带班党员考核审批表", align="center", bold=True, size=18, font="黑体")
    grid = [["姓名", "性别", "学号", "学院"], ["专业班级", "政治面貌", "所带班级", "联系电话"],
            ["诚信记录", "不及格科目数", "获奖情况", "所带班级违纪人数"]]
    t = d.add_table(rows=len(grid) * 2 + 2, cols=4)
    D.table_borders(t)
    for g, labels in enumerate(grid):
        for c, lab in enumerate(labels):
            D.set_cell(t.rows[2 * g].cells[c], lab, bold=True, align="center", size=11)
            D.set_cell(t.rows[2 * g + 1].cells[c], vals[lab], align="center", size=11)
        D.row_height(t.rows[2 * g], 0.9)
        D.row_height(t.rows[2 * g + 1], 1.2)
    r = len(grid) * 2
    D.set_cell(t.rows[r].cells[0], "带班征文", bold=True, align="center", size=11)
    D.set_cell(t.rows[r + 1].cells[0], vals["带班征文"], align="center", size=11)
    m = t.rows[r].cells[1].merge(t.rows[r].cells[3])
    D.set_cell(m, "申报等级", bold=True, align="center", size=11)
    m2 = t.rows[r + 1].cells[1].merge(t.rows[r + 1].cells[3])
    g = vals["申报等级"]
    if check:
        opts = [("学生带班党员标兵", "标兵"), ("优秀学生带班党员", "优秀"), ("合格", "合格")]
        txt = "\u3000".join(("☑" if g in (full, short) else "□") + full for full, short in opts)
    else:
        txt = g
    D.set_cell(m2, txt, align="center", size=11)
    t2 = d.add_table(rows=1, cols=2)
    D.table_borders(t2)
    D.set_cell(t2.rows[0].cells[0], "带班工作主要事迹", bold=True, align="center", size=11)
    D.set_cell(t2.rows[0].cells[1], deeds(rng, p), size=11)
    D.row_height(t2.rows[0], 11.0)
    t2.columns[0].width = Cm(3)
    D.page_break(d)
    t3 = d.add_table(rows=2, cols=2)
    D.table_borders(t3)
    D.set_cell(t3.rows[0].cells[0], "学院党委意见", bold=True, align="center", size=11)
    D.set_cell(t3.rows[0].cells[1], "同意推荐。\n\n\n\n\n签字：\u3000\u3000\u3000\u3000\u3000（盖章）\n日期：" + date, size=11)
    D.set_cell(t3.rows[1].cells[0], "学校审批意见", bold=True, align="center", size=11)
    D.set_cell(t3.rows[1].cells[1], "\n\n\n\n\n签字：\u3000\u3000\u3000\u3000\u3000（盖章）\n日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日", size=11)
    for row in t3.rows:
        for par in row.cells[1].paragraphs[-2:]:
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        D.row_height(row, 11.5)
    return d


# ---------------------------------------------------------------- A1 cases


HEAD_STD = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]


def case_pictures(rng, case, n=None):
    n = case.pics if n is None else n
    caps = rng.sample(T.CAPTIONS, n)
    return [(cap, M.picture_bytes(rng, cap, w=rng.choice([1280, 1024, 1600]), h=rng.choice([960, 768, 1200])))
            for cap in caps]


def life_bytes(rng, case):
    return M.life_photo(rng, case.author.name, exact=case.life_size)


def case_docx(forms, rng, case, *, headings, heading_mode="style", author_line=None, pics=None, life=None,
              blank_doc=False, caption_fmt="图{i} {cap}", author="Administrator"):
    """A case document. heading_mode: style (template Heading 2) | bold (bold normal paragraph) | plain.
    pics: list of (caption, bytes) embedded per case.pic_mode (inline/float/group/table); life: bytes of an
    embedded life photo (caption case.life_caption)."""
    import docx
    if blank_doc:
        d = docx.Document()
        D.a4_portrait(d)
        D.para(d, case.title, align="center", bold=True, size=16, font="黑体")
    else:
        d = D.open_docx(forms.a(1))
        d.paragraphs[0].text = ""
        D.east_asian(d.paragraphs[0].add_run(case.title), "黑体")
        D.clear_body_after(d, keep_first=1)
    D.set_core(d, author, case.title)
    if case.header_logo:
        hp = d.sections[0].header.paragraphs[0]
        logo = M.png(M.seal("肇庆学院", 90, rng, color=(20, 60, 150)))
        D.add_picture(hp, logo, width_cm=1.2, name="logo")
        D.east_asian(hp.add_run("  肇庆学院学生带班党员优秀案例"), "宋体", 9)
    if author_line:
        D.para(d, author_line, align="center", size=12, font="楷体")
    sections = T.make_sections(rng, case.zi, headings)
    if case.missing_section is not None:
        # the secretary deleted one section: the text that was there goes too (count = case.zi - removed)
        sections = [s for i, s in enumerate(sections) if i != case.missing_section]
    for si, (h, paras) in enumerate(sections):
        if heading_mode == "style":
            hp = d.add_paragraph(style="Heading 2")
            D.east_asian(hp.add_run(h), "黑体")
        elif heading_mode == "bold":
            D.para(d, h, bold=True, size=14, font="黑体")
        else:
            D.para(d, h, size=12)
        for t in paras:
            D.para(d, t, size=12, indent=True)
        if si == 1 and pics:
            _place_pictures(d, rng, case, pics, caption_fmt)
    if pics and len(sections) < 2:
        _place_pictures(d, rng, case, pics, caption_fmt)
    if life is not None:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        D.add_picture(p, life, width_cm=5.0, name="生活照" if case.life_caption == "作者生活照" else "image")
        D.para(d, case.life_caption, align="center", size=10)
    return d, sections


def _place_pictures(d, rng, case, pics, caption_fmt):
    if case.pic_mode == "table":
        cols = 2
        rows = (len(pics) + 1) // 2
        t = d.add_table(rows=rows * 2, cols=cols)
        for k, (cap, data) in enumerate(pics):
            r, c = divmod(k, cols)
            cell = t.rows[2 * r].cells[c]
            D.add_picture(cell.paragraphs[0], data, width_cm=7.0)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            D.set_cell(t.rows[2 * r + 1].cells[c], caption_fmt.format(i=k + 1, cap=cap), align="center", size=10)
        return
    for k, (cap, data) in enumerate(pics):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if case.pic_mode == "group":
            D.add_group_with_caption(p, d.part, data, caption_fmt.format(i=k + 1, cap=cap), width_cm=11.0)
            continue
        run, _ = D.add_picture(p, data, width_cm=rng.choice([10.0, 11.5, 12.5]))
        if case.pic_mode == "float":
            D.make_floating(run, offset_cm=(rng.uniform(0.5, 2.0), 0.1))
        D.para(d, caption_fmt.format(i=k + 1, cap=cap), align="center", size=10)


def case_table_jingguan(rng, case, pics, life=None):
    """经管学院: the whole case written inside a table; reworded headings; small author table."""
    import docx
    d = docx.Document()
    D.a4_portrait(d, 2.0)
    D.set_core(d, "经管学院团委", case.title)
    D.para(d, "肇庆学院学生带班党员优秀案例", align="center", bold=True, size=16, font="黑体")
    heads = ["背景和起因", "工作做法及流程", "效果与启示", "创意与评价"]
    sections = T.make_sections(rng, case.zi, heads)
    nrows = 2 + 4 + 1 + (1 if life is not None else 0)
    t = d.add_table(rows=nrows, cols=6)
    D.table_borders(t)
    m = t.rows[0].cells[0]
    D.set_cell(m, "案例标题", bold=True, align="center", size=11)
    D.set_cell(t.rows[0].cells[1].merge(t.rows[0].cells[5]), case.title, bold=True, align="center", size=12)
    a = case.author
    for k, v in enumerate(["姓名", a.name, "学号", a.sid, "所带班级", a.led_class]):
        D.set_cell(t.rows[1].cells[k], v, bold=(k % 2 == 0), align="center", size=10.5)
    for i, (h, paras) in enumerate(sections):
        row = t.rows[2 + i]
        D.set_cell(row.cells[0], h, bold=True, align="center", size=11)
        cell = row.cells[1].merge(row.cells[5])
        D.set_cell(cell, "\n".join(paras), size=11)
        for par in cell.paragraphs:
            par.paragraph_format.first_line_indent = Pt(22)
    prow = t.rows[6]
    D.set_cell(prow.cells[0], "相关图片", bold=True, align="center", size=11)
    pc = prow.cells[1].merge(prow.cells[5])
    pc.text = ""
    first = True
    for k, (cap, data) in enumerate(pics):
        par = pc.paragraphs[0] if first else pc.add_paragraph()
        first = False
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        D.add_picture(par, data, width_cm=9.0)
        cp = pc.add_paragraph()
        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        D.east_asian(cp.add_run("图%d：%s" % (k + 1, cap)), "宋体", 10)
    if life is not None:
        lrow = t.rows[7]
        D.set_cell(lrow.cells[0], "作者生活照", bold=True, align="center", size=11)
        lc = lrow.cells[1].merge(lrow.cells[5])
        lc.text = ""
        D.add_picture(lc.paragraphs[0], life, width_cm=5.0, name="作者生活照")
        lc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cp = lc.add_paragraph()
        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        D.east_asian(cp.add_run("作者生活照"), "宋体", 10)
    return d, sections


# ---------------------------------------------------------------- work summary


def summary_docx(rng, col, n, date, author):
    import docx
    d = docx.Document()
    D.a4_portrait(d, 2.5)
    D.set_core(d, author, "学生带班工作总结")
    D.para(d, "%s2019—2020学年度学生带班工作总结" % col.official, align="center", bold=True, size=16, font="黑体")
    for t in T.SUMMARY_PARAS:
        D.para(d, t.format(college=col.official, n=n), size=12, indent=True)
    D.para(d, "")
    D.para(d, col.seal_text, align="right", size=12)
    D.para(d, date, align="right", size=12)
    return d


# ======================================================================= paper copies (scans)


@dataclass
class PaperPage:
    doc: str  # paper document id
    page: int  # 1-based
    seal: tuple = None  # (fx, fy) centre as fraction of page, or None
    sign: tuple = None  # (fx0, fy0, fx1, fy1) signature box
    tick: tuple = None  # red tick (fx, fy)
    ops: dict = field(default_factory=dict)  # dpi, grey, skew, upside, phone, q, noise, gamma


@dataclass
class ScanJob:
    path: str  # inbox-relative
    fmt: str  # pdf | jpg (one file per page: path is a pattern with {n})
    pages: list
    college: str = ""


class Paper:
    def __init__(self, work):
        self.dir = Path(work) / "paper"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.docs = {}

    def add(self, key, data, ext):
        self.docs[key] = ext
        (self.dir / (key + ext)).write_bytes(data)
        return key

    def convert(self):
        prof = self.dir.parent / "lo-profile"
        files = [str(self.dir / (k + e)) for k, e in self.docs.items()]
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        if not exe:
            raise SystemExit("LibreOffice (soffice) is needed to print the paper copies")
        for i in range(0, len(files), 25):
            subprocess.run([exe, "-env:UserInstallation=file://%s" % prof, "--headless", "--convert-to", "pdf",
                            "--outdir", str(self.dir)] + files[i:i + 25], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=900)
        for k in self.docs:
            if not (self.dir / (k + ".pdf")).exists():
                raise SystemExit("LibreOffice did not convert %s" % k)

    def render(self, key, page, dpi):
        from PIL import Image
        out = self.dir / ("%s-%d-%d" % (key, page, dpi))
        png = Path(str(out) + ".png")
        if not png.exists():
            subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                            str(self.dir / (key + ".pdf")), str(out)], check=True)
        return Image.open(png).convert("RGB")

    def pages(self, key):
        out = subprocess.run(["pdfinfo", str(self.dir / (key + ".pdf"))], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
        return 1


def content_bottom(img):
    import numpy as np
    a = np.asarray(img.convert("L"))
    rows = np.where((a < 128).sum(axis=1) > 3)[0]
    return int(rows.max()) if len(rows) else img.size[1] // 2


def produce_scan(paper, job, rng, seals):
    pages_out = []
    for pp in job.pages:
        o = pp.ops
        dpi = o.get("dpi", 200)
        img = paper.render(pp.doc, pp.page, dpi)
        W, H = img.size
        if pp.sign:
            x0, y0, x1, y1 = pp.sign
            M.scribble(img, (int(x0 * W), int(y0 * H), int(x1 * W), int(y1 * H)), rng, width=max(2, dpi // 70))
        if pp.tick:
            M.red_tick(img, (int(pp.tick[0] * W), int(pp.tick[1] * H)), dpi // 4, width=max(2, dpi // 60))
        if pp.seal:
            fx, fy = pp.seal
            if fy == "bottom":
                fy = (content_bottom(img) - 0.02 * H) / H
            diam = int(42 / 25.4 * dpi)
            s = M.seal(seals[job.college], diam, rng)
            img = M.stamp(img, s, (fx * W, fy * H), opacity=o.get("seal_opacity", 0.85))
        if o.get("gamma"):
            img = M.toner(img, o["gamma"], o.get("contrast", 1.0))
        if o.get("phone"):
            img = M.phone_photo(img, rng)
        else:
            img = M.skew(img, o.get("skew", rng.uniform(-0.8, 0.8)))
            img = M.noise(img, rng, sigma=o.get("noise", 6), specks=o.get("specks", 300))
        if o.get("upside"):
            img = img.rotate(180)
        if o.get("grey"):
            img = img.convert("L")
        q = o.get("q", 85)
        pages_out.append((M.jpeg(img, q), img.size[0], img.size[1], dpi, img.mode))
    if job.fmt == "pdf":
        return [(job.path, M.image_pdf(pages_out))]
    return [(job.path.format(n=i + 1), data) for i, (data, *_r) in enumerate(pages_out)]


# seal / signature positions on the printed forms (fractions of the page)
POS = {
    "a4_info": (0.20, 0.115),       # over 学院（盖章） on the landscape A4/A2 template
    "a4_info_waiyu": (0.17, 0.14),
    "a5_p2": (0.80, 0.30),           # over （盖章） in 学院党委意见, office template page 2
    "a5_p2_sign": (0.60, 0.265, 0.72, 0.30),
    "a5dz_p2": (0.78, 0.30),
    "a5dz_p2_sign": (0.58, 0.27, 0.70, 0.30),
    "a5ty_p2": (0.78, 0.33),
    "a5ty_p2_sign": (0.58, 0.30, 0.70, 0.33),
    "summary": (0.72, "bottom"),
}


# ======================================================================= the six colleges


CST = datetime.timezone(datetime.timedelta(hours=8))


def dt(s):
    """A Beijing-time wall clock string -> POSIX timestamp (file mtimes)."""
    return datetime.datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=CST).timestamp()


class Corpus:
    def __init__(self, out, seed, work):
        self.out = Path(out)
        self.inbox = self.out / "inbox"
        self.rng = random.Random(seed)
        self.seed = seed
        self.forms = Forms(work)
        self.paper = Paper(work)
        self.names = NameBook(random.Random(seed * 7 + 1))
        self.truth = Truth()
        self.files = []  # (relpath, bytes, mtime)
        self.jobs = []
        self.seals = {}
        self.manifest = {}  # inbox-relative path -> college (for score.py's misattribution check)
        self.current = None

    # -------------------------------------------------------------- helpers

    def sub(self, tag):
        return random.Random("%s/%s" % (self.seed, tag))

    def put(self, rel, data, mtime, college=None):
        self.files.append((rel, data, mtime))
        self.manifest[rel] = college or self.current

    def x(self, wb, creator="Administrator", when=(2020, 6, 18, 9, 0, 0)):
        return K.stable_ooxml(D.save_xlsx(wb, creator), when=when)

    def w(self, d, when=(2020, 6, 18, 9, 0, 0)):
        return K.stable_ooxml(D.save_docx(d), when=when)

    def printable(self, key, data, ext):
        self.paper.add(key, data, ext)

    def xlsx_print_copy(self, wb_bytes, drop_sheets=()):
        wb = D.open_xlsx(wb_bytes)
        for name in drop_sheets:
            if name in wb.sheetnames:
                del wb[name]
        return D.save_xlsx(wb)

    # -------------------------------------------------------------- 外国语学院

    def waiyu(self):
        rng = self.sub("waiyu")
        self.current = "外国语学院"
        col = College("外国语学院", "外语学院", "05", [("英语", "英语", "01"), ("日语", "日语", "02"), ("商务英语", "商英", "03")], 12)
        self.seals[col.official] = col.seal_text
        ms = make_mentors(rng, self.names, col, 12)
        grades = ["标兵", "标兵"] + ["优秀"] * 8 + ["合格"] * 2
        for p, g in zip(ms, grades):
            set_grade(p, g, rng, col)
        # d: 标兵 whose awards are only 院级
        ms[0].awards = [("院级优秀团员", "院级", "2019年5月", "外国语学院团委"),
                        ("院级志愿服务先进个人", "院级", "2019年12月", "外国语学院")]
        self.truth.defect("CRITERIA_NOT_MET", col.official, "A4 考核等级 学生带班党员标兵, but 获奖情况 lists only two 院级 awards "
                          "(院级优秀团员，院级志愿服务先进个人): no 三好学生/三等奖学金-or-higher award", ms[0])
        # d: A5 申报等级 differs in meaning from A4
        self.truth.defect("FIELD_MISMATCH", col.official, "A4 考核等级 学生带班党员标兵, electronic A5 申报等级 优秀学生带班党员", ms[1])
        self.truth.defect("FORM_MISSING", col.official, "on A4, but no A5 approval form was sent (11 forms for 12 rows)", ms[6])
        col.mentors = ms
        publicity = "2020年6月8日至6月11日"
        self.truth.defect("PUBLICITY_TOO_SHORT", col.official, "A4 公示时间 2020年6月8日至6月11日: four days inclusive")
        a4 = self.x(a4_retyped_waiyu(col, ms, publicity), "wyxy")
        # A2
        classes = [("20英语1班", 2), ("20英语2班", 2), ("20日语1班", 1), ("20商英1班", 1)]
        col.new = make_new_mentors(rng, self.names, col, classes)
        a2 = self.x(a2_from_template(self.forms, col, col.new, "学院（盖章）：外国语学院\u3000\u3000填表人：陈老师\u3000\u3000"
                                     "联系电话：0758-2716123\u3000\u3000日期：2020年6月19日"), "wyxy")
        a3 = self.x(a3_from_template(self.forms, col, ms), "wyxy")
        # A5 (office template, plain)
        a5 = {}
        for i, p in enumerate(ms):
            if i == 6:
                continue
            vals = a5_values(p, col.official)
            if i == 1:
                vals["申报等级"] = "优秀学生带班党员"
            a5[p.name] = self.w(a5_template(self.forms, p, vals, rng, date="2020年6月17日"))
        # cases: 5 = round_half_up(40% x 12)
        titles = rng.sample(T.TITLES, 5)
        col.cases = [
            Case(ms[2], titles[0], 1501, 4, "inline"),
            Case(ms[3], titles[1], 1150, 3, "inline", missing_section=3),
            Case(ms[4], titles[2], 1320, 5, "inline"),
            Case(ms[5], titles[3], 980, 3, "inline"),
            Case(ms[8], titles[4], 1260, 4, "inline"),
        ]
        self.truth.defect("CASE_TOO_LONG", col.official, "case text is 1501 字 by the SPEC count (4 headings + body; title, "
                          "author line and 4 picture captions excluded)", ms[2])
        self.truth.defect("CASE_SECTION_MISSING", col.official, "case has no 四、创意与评价 section (three sections only)", ms[3])
        cases = []
        for c in col.cases:
            pics = case_pictures(rng, c)
            d, _ = case_docx(self.forms, rng, c, headings=HEAD_STD, heading_mode="style",
                             author_line="作者：%s（学号：%s）" % (c.author.name, c.author.sid), pics=pics, author="wyxy")
            cases.append(("%s-%s.docx" % (c.title[:10].replace("，", "").replace("：", ""), c.author.name), self.w(d)))
            cases.append(("%s生活照.jpg" % c.author.name, life_bytes(rng, c)))
        cz = K.make_zip(cases, gbk=True, when=(2020, 6, 21, 16, 10, 0), dirs=False)
        summ = self.w(summary_docx(rng, col, 12, "2020年6月19日", "wyxy"))
        root = "外语学院-带班党员材料/"
        members = [(root + "附件3 获奖情况统计表.xlsx", a3),
                   (root + "附件4 考核情况汇总表（外语学院）.xlsx", a4),
                   (root + "外国语学院优秀带班党员案例.zip", cz),
                   (root + "外语学院学生带班工作总结.docx", summ)]
        members += [(root + "考核审批表/%s-考核审批表.docx" % n, b) for n, b in a5.items()]
        self.put("外语学院-带班党员材料.zip", K.make_zip(members, gbk=True, when=(2020, 6, 21, 16, 35, 0)), dt("2020-06-21 16:40"))
        e = K.make_eml(from_name="外国语学院 陈老师", from_addr="wgyxy@zqu.edu.cn", to_addr="2539746740@qq.com",
                       subject="外语学院2020-2021学年度新聘学生带班党员汇总表", date="Thu, 18 Jun 2020 15:42:10 +0800",
                       message_id="<202006181542100.wgyxy@zqu.edu.cn>",
                       body="李老师：附件为外语学院新聘学生带班党员汇总表，纸质版稍后送到学工部。",
                       attachments=[("附件2 新聘学生带班党员汇总表（外语学院）.xlsx", a2)], style="rfc2231-gbk",
                       boundary="----=_NextPart_wy_0618")
        self.put("邮件/外语学院新聘汇总表.eml", e, dt("2020-06-18 15:45"))
        enc = K.make_encrypted_zip([("外语学院学生带班工作总结.docx", summ)], b"wyxy2020", rng)
        self.put("外语学院工作总结（加密）.zip", enc, dt("2020-06-21 16:52"))
        self.truth.defect("UNREADABLE_FILE", col.official, "外语学院工作总结（加密）.zip is password-protected (ZipCrypto); "
                          "the same summary also arrived unencrypted in the main zip")
        # paper
        self.printable("wy-a4", a4, ".xlsx")
        self.printable("wy-a2", a2, ".xlsx")
        self.printable("wy-sum", summ, ".docx")
        sample = [ms[4], ms[9]]
        for p in sample:
            self.printable("wy-a5-" + p.sid, a5[p.name], ".docx")
        ops = lambda: {"dpi": 200, "q": 82, "skew": rng.uniform(-1.2, 1.2)}
        pages = [PaperPage("wy-a4", 1, seal=POS["a4_info_waiyu"], ops=ops()),
                 PaperPage("wy-a2", 1, seal=POS["a4_info"], ops=ops()),
                 PaperPage("wy-sum", 1, seal=POS["summary"], ops=ops())]
        for p in sample:
            pages += [PaperPage("wy-a5-" + p.sid, 1, ops=ops()),
                      PaperPage("wy-a5-" + p.sid, 2, seal=POS["a5_p2"], sign=POS["a5_p2_sign"], ops=ops())]
        self.jobs.append(ScanJob("纸质件扫描/外语学院/外语学院_{n:04d}.jpg", "jpg", pages, col.official))
        self.truth.trap(col.official, "A4 retyped with own column order and extra 身份证号 / QQ columns (18 and 9-10 digit "
                        "numbers next to 学号), two title rows, info line without colons over merged cells",
                        codes=['HEADCOUNT_MISMATCH', 'FORM_MISSING', 'FORM_NOT_IN_SUMMARY', 'FIELD_MISMATCH', 'DUPLICATE_PERSON', 'CASE_AUTHOR_UNKNOWN'])
        self.truth.trap(col.official, "15% of 12 = 1.8 -> 2 标兵 allowed; A4 has exactly 2 (one of them fails the criteria, "
                        "which is d-CRITERIA, not a quota problem)", codes=['MODEL_QUOTA_EXCEEDED'])
        return col

    # -------------------------------------------------------------- 经济与管理学院 (clean)

    def jingguan(self):
        rng = self.sub("jingguan")
        self.current = "经济与管理学院"
        col = College("经济与管理学院", "经管学院", "03", [("会计学", "会计学", "01"), ("市场营销", "市场营销", "02"),
                                                    ("电子商务", "电子商务", "03")], 15)
        self.seals[col.official] = col.seal_text
        ms = make_mentors(rng, self.names, col, 15, class_style="{yyyy}级{m}{k}班", led_style="{yyyy}级{m}{k}班")
        grades = ["标兵", "标兵"] + ["优秀"] * 10 + ["合格"] * 3
        for p, g in zip(ms, grades):
            set_grade(p, g, rng, col)
        col.mentors = ms
        vocab4 = {"grade": {"标兵": "带班党员标兵", "优秀": "优秀带班党员", "合格": "称职"},
                  "status": {"中共党员": "正式党员", "中共预备党员": "预备党员"},
                  "essay": lambda p, i: "√" if i % 2 == 0 else "完成",
                  "integrity": lambda p, i: "良好" if i % 3 else "无不良记录"}
        info = "学院（盖章）：经济与管理学院\u3000\u3000带班党员总数：15\u3000\u3000公示时间：2020年6月15日至6月19日"
        wb4 = a4_from_template(self.forms, col, ms, info, vocab=vocab4, award_sep="、", keep_blank_sheet=True,
                               sheet_title="经管学院")
        a4 = self.x(wb4, "jgxy", when=(2020, 6, 22, 20, 50, 0))
        classes = [("20会计学1班", 2), ("20会计学2班", 2), ("20市场营销1班", 2), ("20电子商务1班", 2)]
        col.new = make_new_mentors(rng, self.names, col, classes,
                                   statuses=["中共党员", "中共预备党员", "中共预备党员", "中共党员", "中共预备党员",
                                             "中共预备党员", "中共党员", "中共预备党员"])
        a2 = self.x(a2_from_template(self.forms, col, col.new, "学院（盖章）：经济与管理学院\u3000\u3000填表人：黄小燕\u3000\u3000"
                                     "联系电话：13902866017\u3000\u3000日期：2020年6月20日",
                                     status_map={"中共党员": "正式党员", "中共预备党员": "预备党员"}), "jgxy",
                    when=(2020, 6, 20, 16, 40, 0))
        a3 = self.x(a3_from_template(self.forms, col, ms, info="学院：经管学院"), "jgxy")
        vocab5 = {"status": {}, "award_sep": "；"}
        a5 = {}
        for i, p in enumerate(ms):
            vals = a5_values(p, "经管学院", vocab5)
            g = p.grade
            vals["申报等级"] = ("☑标兵 □优秀" if g == "标兵" else "□标兵 ☑优秀" if g == "优秀" else "□标兵 □优秀 ☑合格")
            a5[p.name] = self.w(a5_template(self.forms, p, vals, rng, spaced=True, date="2020年6月20日",
                                            author="jgxy"), when=(2020, 6, 20, 10, 0, 0))
        # cases: 6 = 40% x 15
        titles = rng.sample(T.TITLES, 6)
        authors = [ms[0], ms[1], ms[3], ms[5], ms[7], ms[10]]
        col.cases = [Case(a, titles[k], rng.randint(950, 1420), [4, 3, 5, 4, 5, 3][k], "cells",
                          life="embedded" if k == 2 else "file") for k, a in enumerate(authors)]
        cases = []
        for c in col.cases:
            pics = case_pictures(rng, c)
            life = life_bytes(rng, c)
            d, _ = case_table_jingguan(rng, c, pics, life=life if c.life == "embedded" else None)
            cases.append(("%s-%s.docx" % (c.author.name, c.title[:8].replace("，", "").replace("：", "")), self.w(d)))
            if c.life == "file":
                cases.append(("生活照-%s.jpg" % c.author.name, life))
        self.truth.trap(col.official, "case with 5 pictures inside table cells plus the author's life photo embedded in the "
                        "table with caption 作者生活照 (6 images in the docx, 5 count; life photo > 1 MiB, embedded only)",
                        col.cases[2].author, codes=['CASE_IMAGE_COUNT', 'PHOTO_MISSING', 'PHOTO_TOO_SMALL'])
        self.truth.trap(col.official, "40% of 15 = 6 cases exactly; 15% of 15 = 2.25 -> 2 标兵, A4 has 2",
                        codes=['CASE_QUOTA', 'MODEL_QUOTA_EXCEEDED'])
        self.truth.trap(col.official, "cases written inside a table with reworded headings 背景和起因 / 工作做法及流程 / 效果与启示 / "
                        "创意与评价 and a small author table (姓名|学号|所带班级)",
                        codes=['CASE_SECTION_MISSING', 'CASE_AUTHOR_UNKNOWN', 'CASE_TOO_LONG'])
        cz = K.make_zip(cases, when=(2020, 6, 22, 21, 0, 0), dirs=False)
        a5z = K.make_zip([("考核审批表/%02d-%s.docx" % (i + 1, p.name), a5[p.name]) for i, p in enumerate(ms)],
                         when=(2020, 6, 22, 20, 0, 0))
        summ = self.w(summary_docx(rng, col, 15, "2020年6月22日", "jgxy"))
        self.truth.trap(col.official, "A4 vocabulary: 带班党员标兵 / 优秀带班党员 / 称职, 政治面貌 正式党员 / 预备党员, 带班征文 √ / 完成, "
                        "诚信记录 良好 / 无不良记录; A5 says ☑标兵 □优秀, 中共党员, 已完成, 无 - same meanings, no mismatch",
                        codes=['FIELD_MISMATCH', 'PAPER_ELECTRONIC_MISMATCH', 'CRITERIA_NOT_MET', 'CANDIDATE_STATUS'])
        self.truth.trap(col.official, "A4 workbook keeps the blank template sheet next to the filled sheet 经管学院",
                        codes=['HEADCOUNT_MISMATCH', 'FORM_MISSING', 'UNREADABLE_FILE'])
        self.truth.trap(col.official, "公示时间 2020年6月15日至6月19日 = exactly five days inclusive",
                        codes=['PUBLICITY_TOO_SHORT'])
        self.truth.trap(col.official, "A2 has exactly 2 new mentors for each of its four freshman classes",
                        codes=['CLASS_OVER_STAFFED'])
        e1 = K.make_eml(from_name="经管学院 黄小燕", from_addr="jgxy_xgb@163.com", to_addr="2539746740@qq.com",
                        subject="经管学院-2020—2021学年度新聘学生带班党员汇总表", date="Sat, 20 Jun 2020 17:05:12 +0800",
                        message_id="<20200620170512.jgxy.0001@163.com>",
                        body="李老师：\n您好！附件是经济与管理学院2020—2021学年度新聘学生带班党员汇总表，纸质版已盖章送至行政楼109。\n经管学院 黄小燕",
                        attachments=[("经济与管理学院新聘学生带班党员汇总表.xlsx", a2)], style="rfc2231-gbk",
                        boundary="----=_NextPart_jgxy_0620")
        e2 = K.make_eml(from_name="经管学院 黄小燕", from_addr="jgxy_xgb@163.com", to_addr="2539746740@qq.com",
                        subject="【经济与管理学院】学生带班党员考核材料、优秀案例及工作总结", date="Mon, 22 Jun 2020 21:36:40 +0800",
                        message_id="<20200622213640.jgxy.0002@163.com>",
                        body="李老师：\n您好！现提交经济与管理学院学生带班党员考核汇总表、获奖情况统计表、考核审批表（15份）、优秀案例（6篇）及学生带班工作总结，请查收。\n经管学院 黄小燕",
                        attachments=[("附件3 经管学院获奖情况统计表.xlsx", a3), ("附件4 经管学院考核情况汇总表.xlsx", a4),
                                     ("考核审批表（15份）.zip", a5z), ("经济与管理学院+优秀带班党员案例.zip", cz),
                                     ("经济与管理学院学生带班工作总结.docx", summ)],
                        style="rfc2231-gbk", boundary="----=_NextPart_jgxy_0622")
        self.put("邮件/经管学院-新聘带班党员汇总表.eml", e1, dt("2020-06-20 17:06"))
        self.put("邮件/经管学院-考核材料及优秀案例.eml", e2, dt("2020-06-22 21:37"))
        self.truth.trap(col.official, "main e-mail dated Mon, 22 Jun 2020 21:36 +0800 (deadline day, 13:36 UTC); A2 e-mail "
                        "dated Sat, 20 Jun 2020 17:05 +0800 (A2 deadline day)", codes=['LATE_SUBMISSION'])
        # paper: one PDF with everything, 150 dpi colour
        self.printable("jg-a2", a2, ".xlsx")
        self.printable("jg-a4", self.xlsx_print_copy(a4, drop_sheets=["学生带班党员考核情况汇总表"]), ".xlsx")
        self.printable("jg-sum", summ, ".docx")
        sample = [ms[2], ms[8]]
        for p in sample:
            self.printable("jg-a5-" + p.sid, a5[p.name], ".docx")
        ops = lambda: {"dpi": 150, "q": 80, "skew": rng.uniform(-1.0, 1.0)}
        pages = [PaperPage("jg-a2", 1, seal=POS["a4_info"], ops=ops()),
                 PaperPage("jg-a4", 1, seal=POS["a4_info"], ops=ops()),
                 PaperPage("jg-sum", 1, seal=POS["summary"], ops=ops())]
        for p in sample:
            pages += [PaperPage("jg-a5-" + p.sid, 1, ops=ops()),
                      PaperPage("jg-a5-" + p.sid, 2, seal=POS["a5_p2"], sign=POS["a5_p2_sign"], ops=ops())]
        self.jobs.append(ScanJob("纸质件扫描/经济与管理学院纸质材料（扫描）.pdf", "pdf", pages, col.official))
        self.truth.trap(col.official, "paper copies: one image-only PDF (150 dpi) holding A2, A4, the summary and only 2 of "
                        "the 15 A5 forms - a sample, not a mismatch for the other 13 and not a missing paper half",
                        codes=['PAPER_ELECTRONIC_MISMATCH', 'DELIVERABLE_MISSING', 'SEAL_MISSING', 'UNREADABLE_FILE'])
        return col

    # -------------------------------------------------------------- 电子与电气工程学院

    def dianzi(self, dup_holder):
        rng = self.sub("dianzi")
        self.current = "电子与电气工程学院"
        col = College("电子与电气工程学院", "电子学院", "07", [("电子信息工程", "电子信息", "01"), ("电气工程及其自动化", "电气", "02"),
                                                      ("通信工程", "通信", "03")], 20)
        self.seals[col.official] = col.seal_text
        ms = make_mentors(rng, self.names, col, 19)
        grades = ["标兵"] * 3 + ["优秀"] * 12 + ["合格"] * 4
        for p, g in zip(ms, grades):
            set_grade(p, g, rng, col)
        ms[2].violations = 1
        self.truth.defect("CRITERIA_NOT_MET", col.official, "标兵 with 所带班级违纪人数 1 (A4 and A5 agree)", ms[2])
        self.truth.defect("HEADCOUNT_MISMATCH", col.official, "A4 states 带班党员总数：20人 but lists 19 people (footer 合计：19人, "
                          "3 blank template rows with only 序号 20-22)")
        self.truth.trap(col.official, "quotas with base 20: 8 cases sent (40% = 8) and 3 标兵 (15% = 3); with 19 rows the "
                        "figures would be the same (7.6 -> 8, 2.85 -> 3), so only HEADCOUNT_MISMATCH applies",
                        codes=['CASE_QUOTA', 'MODEL_QUOTA_EXCEEDED'])
        col.mentors = ms
        dup_holder.append(ms[18])
        # 学号 written several ways
        fw = str.maketrans("0123456789", "０１２３４５６７８９")

        def sid_cell(p, i):
            if i == 4:
                return p.sid.translate(fw), "@"
            if i == 5:
                return "%s %s %s" % (p.sid[:4], p.sid[4:8], p.sid[8:]), "@"
            if i in (6, 7, 8, 11):
                return int(p.sid), "0.00000E+00"
            if i in (12, 13):
                return int(p.sid), "0"
            return p.sid, "@"
        self.truth.trap(col.official, "A4 学号 as full-width digits, with spaces, as numbers shown 2.01707E+11 (scientific "
                        "format, also on the printed copy) and as plain numbers - all equal to the A5 学号",
                        codes=['FIELD_MISMATCH', 'PAPER_ELECTRONIC_MISMATCH', 'FORM_MISSING', 'FORM_NOT_IN_SUMMARY'])
        vocab4 = {"grade": {"标兵": "标兵", "优秀": "优秀", "合格": "合格"}, "essay": {True: "是", False: "否"}}
        footers = ["合计：19人", "填表人：何晓琳\u3000\u3000\u3000\u3000审核人：梁志明（学工办主任）",
                   "联系电话：0758-2716385\u3000\u3000日期：2020年6月18日",
                   "说明：1.考核等级分为标兵、优秀、合格、不合格；2.本表一式两份，一份报学工部，一份学院存档。"]
        info = "学院（盖章）:电子与电气工程学院    带班党员总数:20人    公示时间:2020.6.10-2020.6.16"
        wb4 = a4_from_template(self.forms, col, ms, info, vocab=vocab4, sid_cell=sid_cell, footers=footers, blank_rows=3)
        a4 = self.x(wb4, "dzxy", when=(2020, 6, 18, 17, 0, 0))
        # A2: 3 mentors for 20电气1班, one enrolled 2019
        classes = [("20电气1班", 3), ("20电子信息1班", 2), ("20通信1班", 1)]
        col.new = make_new_mentors(rng, self.names, col, classes)
        bad = col.new[5]
        bad.sid = "2019" + bad.sid[4:]
        bad.grade_level = "2019级"
        bad.major_class = "19" + bad.major_class[2:]
        self.truth.defect("CLASS_OVER_STAFFED", col.official, "A2: three new mentors for 20电气1班")
        self.truth.defect("CANDIDATE_GRADE", col.official, "A2: new mentor enrolled 2019 (学号 2019…, 年级 2019级), not a rising third-year", bad)

        def sid2(p, i):
            return (int(p.sid), "0.00000E+00") if i % 2 == 0 else (p.sid, "@")
        a2 = self.x(a2_from_template(self.forms, col, col.new, "学院（盖章）：电子与电气工程学院\u3000\u3000填表人：何晓琳\u3000\u3000"
                                     "联系电话：0758-2716385\u3000\u3000日期：2020年6月18日", sid_cell=sid2,
                                     footers=["审核人：梁志明", "（盖章）"], blank_rows=2), "dzxy")
        # A3: one 所带班级 differs from A4
        awardee = next(p for p in ms[3:] if p.awards)
        other = "19通信2班" if "通信" not in awardee.led_class else "19电气2班"
        a3 = self.x(a3_from_template(self.forms, col, ms, override_led={awardee.sid: other}), "dzxy")
        self.truth.defect("FIELD_MISMATCH", col.official, "A3 所带班级 %s vs A4 所带班级 %s for the same 姓名 and 学号" %
                          (other, awardee.led_class), awardee)
        # A5: retyped, label：value in one cell
        a5 = {}
        for i, p in enumerate(ms):
            vals = a5_values(p, "电子与电气工程学院", {"grade": {"标兵": "学生带班党员标兵", "优秀": "优秀学生带班党员", "合格": "合格"}})
            a5[p.name] = self.w(a5_inline_labels(p, vals, rng), when=(2020, 6, 17, 15, 0, 0))
        # cases: 8
        titles = rng.sample(T.TITLES, 8)
        cs = [Case(ms[0], titles[0], 1210, 4, "float", life_size=921_600),
              Case(ms[3], titles[1], 1080, 2, "float"),
              Case(ms[5], titles[2], 1290, 4, "group"),
              Case(ms[6], titles[3], 1170, 4, "float", header_logo=True),
              Case(ms[7], titles[4], 1350, 4, "float", life="embedded", life_caption="本人照片"),
              Case(ms[10], titles[5], 990, 3, "float"),
              Case(ms[11], titles[6], 1400, 5, "inline"),
              Case(ms[12], titles[7], 1120, 3, "float")]
        col.cases = cs
        self.truth.defect("PHOTO_TOO_SMALL", col.official, "life photo %s生活照.jpg is 921,600 bytes (900 KB)" % ms[0].name, ms[0])
        self.truth.defect("CASE_IMAGE_COUNT", col.official, "case has only 2 pictures (floating) plus a separate life photo", ms[3])
        self.truth.trap(col.official, "case with pictures grouped with their caption text boxes (Word groups, 4 pictures)", ms[5],
                        codes=['CASE_IMAGE_COUNT'])
        self.truth.trap(col.official, "case with a small logo picture in the page header and 4 floating pictures "
                        "(4 or 5 counted, either is legal)", ms[6], codes=['CASE_IMAGE_COUNT'])
        self.truth.trap(col.official, "life photo embedded in the case with caption 本人照片 (not a case picture; 4 other "
                        "pictures; no separate life-photo file)", ms[7],
                        codes=['CASE_IMAGE_COUNT', 'PHOTO_MISSING', 'PHOTO_TOO_SMALL'])
        heads = ["（一）背景与起因", "（二）做法与流程", "（三）效果与启示", "（四）创意与评价"]
        members = []
        for c in cs:
            pics = case_pictures(rng, c)
            life = life_bytes(rng, c)
            sep = ("（%s）" if c is not cs[3] else "(%s)") % c.author.sid
            d, _ = case_docx(self.forms, rng, c, headings=heads, heading_mode="bold", author_line=c.author.name + sep,
                             pics=pics, life=life if c.life == "embedded" else None, author="dzxy")
            folder = c.author.name + "/"
            members.append((folder + "%s-案例.docx" % c.author.name, self.w(d)))
            if c.life == "file":
                members.append((folder + "%s生活照.jpg" % c.author.name, life))
        cz = K.make_zip(members, gbk=True, when=(2020, 6, 19, 9, 30, 0))
        summ = self.w(summary_docx(rng, col, 20, "2020年6月18日", "dzxy"))
        root = "电子学院带班党员材料/"
        mem = [(root + "1.新聘带班党员/附件2-新聘学生带班党员汇总表.xlsx", a2),
               (root + "2.获奖统计/附件3-获奖情况统计表.xlsx", a3),
               (root + "2.获奖统计/备份/获奖情况统计表(1).xlsx", a3),
               (root + "3.考核/附件4-考核情况汇总表.xlsx", a4),
               (root + "4.案例/电子与电气工程学院优秀带班党员案例.zip", cz),
               (root + "5.总结/电子学院学生带班工作总结.docx", summ)]
        mem += [(root + "3.考核/审批表/%s.docx" % p.name, a5[p.name]) for p in ms]
        self.put("电子学院2020带班党员材料v2.7z", K.make_7z(mem, dt("2020-06-19 18:00")), dt("2020-06-19 18:20"))
        self.truth.defect("DUPLICATE_FILE", col.official, "the A3 workbook is in the .7z twice (2.获奖统计/ and 2.获奖统计/备份/, "
                          "same bytes)")
        # paper
        self.printable("dz-a4", a4, ".xlsx")
        self.printable("dz-a2", a2, ".xlsx")
        self.printable("dz-sum", summ, ".docx")
        sample = [ms[1], ms[9], ms[14]]
        for p in sample:
            self.printable("dz-a5-" + p.sid, a5[p.name], ".docx")
        self.jobs.append(ScanJob("纸质件扫描/电子学院/考核情况汇总表.pdf", "pdf",
                                 [PaperPage("dz-a4", 1, seal=POS["a4_info"], ops={"dpi": 300, "q": 85, "skew": 0.6})], col.official))
        self.jobs.append(ScanJob("纸质件扫描/电子学院/新聘汇总表（手机拍照）{n}.jpg", "jpg",
                                 [PaperPage("dz-a2", 1, seal=POS["a4_info"], ops={"dpi": 200, "q": 78, "phone": True})], col.official))
        self.jobs.append(ScanJob("纸质件扫描/电子学院/学生带班工作总结.pdf", "pdf",
                                 [PaperPage("dz-sum", 1, seal=POS["summary"], ops={"dpi": 300, "q": 85})], col.official))
        pages = []
        for p in sample:
            o = {"dpi": 200, "q": 85}
            pages += [PaperPage("dz-a5-" + p.sid, 1, ops=dict(o, skew=rng.uniform(-1.5, 1.5))),
                      PaperPage("dz-a5-" + p.sid, 2, seal=POS["a5dz_p2"], sign=POS["a5dz_p2_sign"],
                                ops=dict(o, skew=rng.uniform(-1.5, 1.5)))]
        self.jobs.append(ScanJob("纸质件扫描/电子学院/审批表抽查（3份）.pdf", "pdf", pages, col.official))
        return col

    # -------------------------------------------------------------- 体育与健康学院

    def tiyu(self):
        rng = self.sub("tiyu")
        self.current = "体育与健康学院"
        col = College("体育与健康学院", "体育学院", "13", [("体育教育", "体育教育", "01"), ("社会体育指导与管理", "社会体育", "02")], 8)
        self.seals[col.official] = col.seal_text
        ms = make_mentors(rng, self.names, col, 8, rare_share=1.0, class_style="{yyyy}级{m}{k}班", led_style="{yyyy}级{m}{k}班")
        grades = ["标兵"] + ["优秀"] * 6 + ["合格"]
        for p, g in zip(ms, grades):
            set_grade(p, g, rng, col)
        ms[2].led_class = ms[1].led_class  # two mentors of one class: merged cell on A4
        ms[3].essay = False
        self.truth.defect("CRITERIA_NOT_MET", col.official, "优秀学生带班党员 with 带班征文 未完成 (notice: 优秀 requires the essay)", ms[3])
        col.mentors = ms
        info = "学院（盖章）：体育与健康学院\u3000带班党员总数：8名\u3000公示时间：6月12日—6月18日"
        a4 = self.x(a4_from_template(self.forms, col, ms, info, merge_led=[(1, 2)]), "tyxy", when=(2020, 6, 20, 11, 0, 0))
        classes = [("20体育教育1班", 2), ("20社会体育1班", 1), ("20体育教育2班", 1)]
        col.new = make_new_mentors(rng, self.names, col, classes,
                                   statuses=["中共预备党员", "入党发展对象", "入党申请人", "中共党员"])
        self.truth.defect("CANDIDATE_STATUS", col.official, "A2 政治面貌 入党申请人 (not 党员/预备党员/发展对象/积极分子)", col.new[2])
        a2 = self.x(a2_from_template(self.forms, col, col.new, "学院（盖章）：体育与健康学院\u3000\u3000填表人：莫老师\u3000\u3000"
                                     "联系电话：0758-2716520\u3000\u3000日期：2020年6月19日", gender_map={"男": "男性", "女": "女性"}), "tyxy")
        a3 = self.x(a3_from_template(self.forms, col, ms), "tyxy")
        a5 = {}
        for p in ms:
            vals = a5_values(p, "体育学院")
            a5[p.name] = self.w(a5_values_below(p, vals, rng))
        # paper A5 of the 标兵 says 优秀
        paper_vals = a5_values(ms[0], "体育学院")
        paper_vals["申报等级"] = "优秀学生带班党员"
        a5_paper_m0 = self.w(a5_values_below(ms[0], paper_vals, random.Random("ty-paper")))
        self.truth.defect("PAPER_ELECTRONIC_MISMATCH", col.official, "electronic A5 and A4 say 学生带班党员标兵; the scanned paper A5 "
                          "ticks ☑优秀学生带班党员", ms[0], also=["FIELD_MISMATCH"])
        # an A5 for someone who is not on A4
        extra = make_mentors(rng, self.names, col, 1, rare_share=1.0, class_style="{yyyy}级{m}{k}班",
                             led_style="{yyyy}级{m}{k}班")[0]
        extra.sid = extra.sid[:-2] + "77"
        set_grade(extra, "优秀", rng, col)
        a5[extra.name] = self.w(a5_values_below(extra, a5_values(extra, "体育学院"), rng))
        self.truth.defect("FORM_NOT_IN_SUMMARY", col.official, "A5 approval form for a person who is not on A4", extra)
        # cases: 3 = round_half_up(3.2)
        titles = rng.sample(T.TITLES, 3)
        cs = [Case(ms[0], titles[0], 1230, 4, "table"), Case(ms[1], titles[1], 1010, 3, "table"),
              Case(ms[4], titles[2], 1180, 4, "table", life="none")]
        col.cases = cs
        self.truth.defect("PHOTO_MISSING", col.official, "no life photo for this case (neither a file nor embedded)", ms[4])
        heads_sets = [["第一部分\u3000背景与起因", "第二部分\u3000做法与流程", "第三部分\u3000效果与启示", "第四部分\u3000创意与评价"],
                      ["背景与起因", "做法与流程", "效果与启示", "创意与评价"],
                      ["1.背景与起因", "2.做法与流程", "3.效果与启示", "4.创意与评价"]]
        members = []
        for k, c in enumerate(cs):
            pics = case_pictures(rng, c)
            d, _ = case_docx(self.forms, rng, c, headings=heads_sets[k], heading_mode="bold" if k else "plain",
                             author_line=None, pics=pics, blank_doc=True, author="tyxy")
            members.append(("案例-%s.docx" % c.author.name, self.w(d)))
            if c.life == "file":
                members.append(("%s生活照.jpg" % c.author.name, life_bytes(rng, c)))
        self.truth.trap(col.official, "case authors only in the file names (案例-姓名.docx); headings 第一部分… / bold "
                        "unnumbered / 1.…; pictures inside table cells",
                        codes=['CASE_AUTHOR_UNKNOWN', 'CASE_SECTION_MISSING', 'CASE_IMAGE_COUNT'])
        cz = K.make_zip(members, when=(2020, 6, 21, 9, 50, 0), dirs=False)
        a5z = K.make_zip([("%s.docx" % n, b) for n, b in a5.items()], when=(2020, 6, 21, 9, 40, 0), dirs=False)
        summ = self.w(summary_docx(rng, col, 8, "2020年6月22日", "tyxy"))
        e1 = K.make_eml(from_name="体育学院学工办", from_addr="tyxy_xgb@qq.com", to_addr="2539746740@qq.com",
                        subject="体育学院 学生带班党员考核材料及优秀案例", date="Sun, 21 Jun 2020 10:15:33 +0800",
                        message_id="<tencent_TY20200621101533@qq.com>",
                        body="李老师好，附件为体育与健康学院带班党员相关材料（获奖统计、考核汇总表、审批表、优秀案例），工作总结还在修改，随后补交。",
                        attachments=[("获奖情况统计表.xlsx", a3), ("考核情况汇总表.xlsx", a4),
                                     ("考核审批表.zip", a5z), ("体育与健康学院优秀带班党员案例.zip", cz)],
                        style="rfc2047-gb18030", boundary="----=_NextPart_5EEEC3F5_0B9C1D40_2A1B3C4D")
        e2 = K.make_eml(from_name="体育学院学工办", from_addr="tyxy_xgb@qq.com", to_addr="2539746740@qq.com",
                        subject="体育学院学生带班工作总结（补交）", date="Tue, 23 Jun 2020 08:47:02 +0800",
                        message_id="<tencent_TY20200623084702@qq.com>", body="李老师，补交我院学生带班工作总结，抱歉晚了。",
                        attachments=[("体育学院学生带班工作总结.docx", summ)], style="rfc2047-gb18030",
                        boundary="----=_NextPart_5EF1514E_0C1D2E3F_4A5B6C7D")
        e0 = K.make_eml(from_name="体育学院学工办", from_addr="tyxy_xgb@qq.com", to_addr="2539746740@qq.com",
                        subject="体育学院新聘学生带班党员汇总表", date="Fri, 19 Jun 2020 16:20:45 +0800",
                        message_id="<tencent_TY20200619162045@qq.com>", body="李老师好，附件为我院2020—2021学年度新聘学生带班党员汇总表。",
                        attachments=[("新聘学生带班党员汇总表.xlsx", a2)], style="rfc2047-gb18030",
                        boundary="----=_NextPart_5EEC76BD_0A1B2C3D_1A2B3C4D")
        self.put("邮件/体育学院新聘学生带班党员汇总表.eml", e0, dt("2020-06-19 16:25"))
        self.put("邮件/体育学院 学生带班党员考核材料及优秀案例.eml", e1, dt("2020-06-21 10:20"))
        self.put("邮件/体育学院学生带班工作总结（补交）.eml", e2, dt("2020-06-23 08:50"))
        self.truth.defect("LATE_SUBMISSION", col.official, "work summary e-mailed Tue, 23 Jun 2020 08:47 +0800, after the "
                          "2020-06-22 deadline")
        # paper: all 8 A5 forms in one PDF (16 pages, one upside down), A4/A2/summary as JPGs; A2 without seal
        self.printable("ty-a4", a4, ".xlsx")
        self.printable("ty-a2", a2, ".xlsx")
        self.printable("ty-sum", summ, ".docx")
        for p in ms:
            self.printable("ty-a5-" + p.sid, a5_paper_m0 if p is ms[0] else a5[p.name], ".docx")
        pages = []
        for k, p in enumerate(ms):
            o = {"dpi": 200, "q": 84}
            pages += [PaperPage("ty-a5-" + p.sid, 1, ops=dict(o, skew=rng.uniform(-1, 1), upside=(k == 5))),
                      PaperPage("ty-a5-" + p.sid, 2, seal=POS["a5ty_p2"], sign=POS["a5ty_p2_sign"],
                                ops=dict(o, skew=rng.uniform(-1, 1)))]
        self.jobs.append(ScanJob("纸质件扫描/体育学院/体育学院考核审批表（8份）.pdf", "pdf", pages, col.official))
        self.jobs.append(ScanJob("纸质件扫描/体育学院/考核情况汇总表{n}.jpg", "jpg",
                                 [PaperPage("ty-a4", 1, seal=POS["a4_info"], ops={"dpi": 200, "q": 80})], col.official))
        self.jobs.append(ScanJob("纸质件扫描/体育学院/新聘学生带班党员汇总表{n}.jpg", "jpg",
                                 [PaperPage("ty-a2", 1, seal=None, sign=(0.55, 0.09, 0.66, 0.12), ops={"dpi": 200, "q": 80})],
                                 col.official))
        self.jobs.append(ScanJob("纸质件扫描/体育学院/工作总结{n}.jpg", "jpg",
                                 [PaperPage("ty-sum", 1, seal=POS["summary"], ops={"dpi": 200, "q": 80})], col.official))
        self.truth.defect("SEAL_MISSING", col.official, "the scanned paper A2 (新聘学生带班党员汇总表) carries a signature but no seal")
        self.truth.trap(col.official, "every A4/A5 name on the scans contains a rare character (铖 堃 喆 婧 琰 玥 …); one A5 page "
                        "scanned upside down", codes=['PAPER_ELECTRONIC_MISMATCH', 'FIELD_MISMATCH'])
        return col

    # -------------------------------------------------------------- 生命科学学院 (clean)

    def shengming(self):
        rng = self.sub("shengming")
        self.current = "生命科学学院"
        col = College("生命科学学院", "生命科学学院", "11", [("生物科学", "生物科学", "01"), ("生物技术", "生物技术", "02"),
                                                    ("生态学", "生态", "03")], 10)
        self.seals[col.official] = col.seal_text
        ms = make_mentors(rng, self.names, col, 10)
        grades = ["标兵", "标兵"] + ["优秀"] * 6 + ["合格"] * 2
        for p, g in zip(ms, grades):
            set_grade(p, g, rng, col)
        ms[9].failed = 1
        ms[9].violations = 1
        col.mentors = ms
        self.truth.trap(col.official, "15% of 10 = 1.5 -> 2 标兵 allowed; A4 has exactly 2",
                        codes=['MODEL_QUOTA_EXCEEDED'])
        self.truth.trap(col.official, "合格 mentor with 1 failed course and 1 violation in the class: the notice sets "
                        "criteria only for 标兵 and 优秀", ms[9], codes=['CRITERIA_NOT_MET'])
        two = [p for p in ms if len(p.name) == 2]
        spaced = two[0] if two else ms[3]
        leader = ms[5] if ms[5] is not spaced else ms[6]

        def name_cell(p, i):
            if p is spaced:
                return p.name[0] + " " + p.name[1:]
            if p is leader:
                return p.name + "（组长）"
            return p.name
        self.truth.trap(col.official, "A4 name written with a space (%s) - A5 and case folder without" %
                        (spaced.name[0] + " " + spaced.name[1:]), spaced,
                        codes=['FIELD_MISMATCH', 'PAPER_ELECTRONIC_MISMATCH', 'FORM_MISSING', 'FORM_NOT_IN_SUMMARY', 'CASE_AUTHOR_UNKNOWN'])
        self.truth.trap(col.official, "A4 name written with a note %s（组长） - A5 without" % leader.name, leader,
                        codes=['FIELD_MISMATCH', 'PAPER_ELECTRONIC_MISMATCH', 'FORM_MISSING', 'FORM_NOT_IN_SUMMARY'])
        info = "学院（盖章）：生命科学学院    带班党员总数： 10    公示时间：2020年6月9日至2020年6月15日"
        vocab4 = {"status_fn": lambda p, i: ("党员" if (p.status == "中共党员" and i % 2) else p.status)}
        a4 = self.x(a4_from_template(self.forms, col, ms, info, vocab=vocab4, name_cell=name_cell, sheet_title="考核汇总",
                                     stray=True, hidden_extra=("辅导员", lambda p, i: rng.choice(["刘老师", "周老师"]))),
                    "smkx", when=(2020, 6, 19, 16, 0, 0))
        classes = [("20生物科学1班", 2), ("20生物技术1班", 2), ("20生态1班", 1)]
        col.new = make_new_mentors(rng, self.names, col, classes)
        a2 = self.x(a2_from_template(self.forms, col, col.new, "学院（盖章）：生命科学学院\u3000\u3000填表人：郑老师\u3000\u3000"
                                     "联系电话：0758-2716330\u3000\u3000日期：2020年6月19日"), "smkx")
        a3 = self.x(a3_from_template(self.forms, col, ms), "smkx")
        a5 = {}
        for p in ms:
            a5[p.name] = self.w(a5_template(self.forms, p, a5_values(p, col.official), rng, stray=True,
                                            date="2020年6月16日", author="smkx"))
        # cases: 4 = 40% x 10
        titles = rng.sample(T.TITLES, 4)
        cs = [Case(ms[0], titles[0], 1500, 4, "files"),
              Case(ms[2], titles[1], 1180, 3, "files"),
              Case(ms[4], titles[2], 1260, 3, "inline", life_size=1_048_576),
              Case(ms[6], titles[3], 1090, 5, "files", merged_heading=True)]
        col.cases = cs
        self.truth.trap(col.official, "case text exactly 1500 字 by the SPEC count (headings included, digit runs count 1, "
                        "no author line, pictures as separate files so no captions)", ms[0], codes=['CASE_TOO_LONG'])
        self.truth.trap(col.official, "case with exactly 3 pictures as separate files 图1-3.jpg beside the docx in the "
                        "author's folder, plus 生活照.jpg", ms[2], codes=['CASE_IMAGE_COUNT'])
        self.truth.trap(col.official, "life photo of exactly 1,048,576 bytes; case with exactly 3 embedded pictures", ms[4],
                        codes=['PHOTO_TOO_SMALL', 'CASE_IMAGE_COUNT'])
        self.truth.trap(col.official, "case with 5 separate picture files; first heading merged 一、标题、背景与起因", ms[6],
                        codes=['CASE_IMAGE_COUNT', 'CASE_SECTION_MISSING'])
        self.truth.trap(col.official, "case authors only in the folder names (姓名/案例.docx)",
                        codes=['CASE_AUTHOR_UNKNOWN', 'PHOTO_MISSING'])
        members = []
        for c in cs:
            heads = list(HEAD_STD)
            if c.merged_heading:
                heads[0] = "一、标题、背景与起因"
            pics = case_pictures(rng, c)
            d, secs = case_docx(self.forms, rng, c, headings=heads, heading_mode="style", author_line=None,
                                pics=pics if c.pic_mode != "files" else None, author="smkx")
            got = sum(T.zi_count(h) + sum(T.zi_count(t) for t in ps) for h, ps in secs)
            assert got == c.zi, (got, c.zi)
            folder = c.author.name + "/"
            members.append((folder + "案例.docx", self.w(d)))
            if c.pic_mode == "files":
                for k, (cap, data) in enumerate(pics):
                    members.append((folder + "图%d.jpg" % (k + 1), data))
            members.append((folder + "生活照.jpg", life_bytes(rng, c)))
        cz = K.make_zip(members, when=(2020, 6, 20, 15, 0, 0))
        summ = self.w(summary_docx(rng, col, 10, "2020年6月19日", "smkx"))
        root = "生命科学学院/"
        self.put(root + "附件2 新聘学生带班党员汇总表.xlsx", a2, dt("2020-06-19 11:02"))
        self.put(root + "附件3 获奖情况统计表.xlsx", a3, dt("2020-06-20 15:30"))
        self.put(root + "附件4 考核情况汇总表.xlsx", a4, dt("2020-06-20 15:30"))
        for p in ms:
            self.put(root + "考核审批表/%s考核审批表.docx" % p.name, a5[p.name], dt("2020-06-20 15:31"))
        self.put(root + "生命科学学院优秀带班党员案例.zip", cz, dt("2020-06-20 15:32"))
        self.put(root + "学生带班工作总结.docx", summ, dt("2020-06-20 15:32"))
        # paper: grey 150 dpi JPGs, 2 A5 sampled (incl. the spaced-name person)
        self.printable("sm-a4", self.xlsx_print_copy(a4), ".xlsx")
        self.printable("sm-a2", a2, ".xlsx")
        self.printable("sm-sum", summ, ".docx")
        sample = [spaced, ms[1]]
        for p in sample:
            self.printable("sm-a5-" + p.sid, a5[p.name], ".docx")
        ops = lambda: {"dpi": 150, "q": 80, "grey": True, "skew": rng.uniform(-0.7, 0.7), "gamma": 1.15}
        pages = [PaperPage("sm-a4", 1, seal=POS["a4_info"], ops=ops()),
                 PaperPage("sm-a2", 1, seal=POS["a4_info"], ops=ops()),
                 PaperPage("sm-sum", 1, seal=POS["summary"], ops=ops())]
        for p in sample:
            pages += [PaperPage("sm-a5-" + p.sid, 1, ops=ops()),
                      PaperPage("sm-a5-" + p.sid, 2, seal=POS["a5_p2"], sign=POS["a5_p2_sign"], ops=ops())]
        self.jobs.append(ScanJob("纸质件扫描/生命科学学院/scan{n:03d}.jpg", "jpg", pages, col.official))
        self.truth.trap(col.official, "grey 150 dpi scans (seal grey, too); only 2 of 10 A5 forms scanned",
                        codes=['SEAL_MISSING', 'PAPER_ELECTRONIC_MISMATCH', 'DELIVERABLE_MISSING'])
        return col

    # -------------------------------------------------------------- 旅游与历史文化学院

    def lvyou(self, dup_holder):
        rng = self.sub("lvyou")
        self.current = "旅游与历史文化学院"
        col = College("旅游与历史文化学院", "旅游学院", "16", [("历史学", "历史学", "01"), ("旅游管理", "旅游管理", "02"),
                                                    ("酒店管理", "酒店管理", "03")], 9)
        self.seals[col.official] = col.seal_text
        ms = make_mentors(rng, self.names, col, 8, class_style="{yyyy}级{m}{k}班", led_style="{yyyy}级{m}{k}班")
        grades = ["标兵", "标兵"] + ["优秀"] * 5 + ["合格"]
        for p, g in zip(ms, grades):
            set_grade(p, g, rng, col)
        ms[0].awards = [GOOD_AWARDS[0], GOOD_AWARDS[2]]  # two awards -> row over two lines
        ms[4].failed = 1
        self.truth.trap(col.official, "优秀学生带班党员 with 1 failed course: the notice's 优秀 criteria do not include grades", ms[4],
                        codes=['CRITERIA_NOT_MET'])
        dup = dup_holder[0]
        ms.append(dup)
        col.mentors = ms
        self.truth.defect("DUPLICATE_PERSON", col.official, "%s (%s) is on both the 电子与电气工程学院 and the "
                          "旅游与历史文化学院 A4 (same 学号, same row values)" % (dup.name, dup.sid), dup)
        self.truth.defect("MODEL_QUOTA_EXCEEDED", col.official, "2 标兵 on A4; 15% of 9 = 1.35 -> 1 allowed")
        info = "学院（盖章）：旅游与历史文化学院\u3000\u3000带班党员总数：9\u3000\u3000公示时间：6月10日-6月16日"
        a4 = self.x(a4_from_template(self.forms, col, ms, info, split_rows={0}), "lyxy", when=(2020, 6, 21, 20, 0, 0))
        self.truth.trap(col.official, "A4 row of a 标兵 written over two lines (one award per line, other cells merged)",
                        codes=['HEADCOUNT_MISMATCH', 'CRITERIA_NOT_MET', 'FIELD_MISMATCH'])
        classes = [("20历史学1班", 1), ("20旅游管理1班", 2), ("20酒店管理1班", 1)]
        col.new = make_new_mentors(rng, self.names, col, classes)
        a2 = self.x(a2_from_template(self.forms, col, col.new, "学院（盖章）：旅游与历史文化学院\u3000\u3000填表人：罗老师\u3000\u3000"
                                     "联系电话：0758-2716611\u3000\u3000日期：2020年6月19日"), "lyxy")
        a3 = self.x(a3_from_template(self.forms, col, ms), "lyxy")
        a5 = {}
        for p in ms:
            a5[p.name] = self.w(a5_template(self.forms, p, a5_values(p, col.official), rng, date="2020年6月18日",
                                            author="lyxy"))
        broken = ms[5]
        a5[broken.name] = a5[broken.name][: int(len(a5[broken.name]) * 0.55)]
        self.truth.defect("UNREADABLE_FILE", col.official, "考核审批表-%s.docx is truncated (cut at 55%%: not a valid zip)" %
                          broken.name, also=["FORM_MISSING"])
        # cases: 3 sent, 4 required; one author not on A4; archive misnamed
        titles = rng.sample(T.TITLES, 3)
        stranger = make_mentors(rng, self.names, col, 1, class_style="{yyyy}级{m}{k}班", led_style="{yyyy}级{m}{k}班")[0]
        stranger.sid = stranger.sid[:-2] + "88"
        cs = [Case(ms[0], titles[0], 1330, 4, "inline"), Case(ms[2], titles[1], 1120, 3, "inline"),
              Case(stranger, titles[2], 1250, 5, "inline")]
        col.cases = cs
        self.truth.defect("CASE_QUOTA", col.official, "3 cases; round_half_up(40% x 9 = 3.6) = 4 required")
        self.truth.defect("CASE_AUTHOR_UNKNOWN", col.official, "case author is not among the college's class mentors on A4",
                          stranger)
        self.truth.defect("ARCHIVE_NAME_INVALID", col.official, "cases archive named 旅游学院案例汇总（最终版）.zip: short name and "
                          "not 学院名称+优秀带班党员案例")
        members = []
        for c in cs:
            a = c.author
            line = "姓名：%s\u3000学号：%s\u3000学院：旅游与历史文化学院\u3000所带班级：%s" % (a.name, a.sid, a.led_class)
            d, _ = case_docx(self.forms, rng, c, headings=HEAD_STD, author_line=line, pics=case_pictures(rng, c),
                             author="lyxy")
            members.append(("%s的案例.docx" % a.name, self.w(d)))
            members.append(("%s-生活照.jpg" % a.name, life_bytes(rng, c)))
        cz = K.make_zip(members, when=(2020, 6, 21, 22, 0, 0), dirs=False)
        a5z = K.make_zip([("考核审批表-%s.docx" % n, b) for n, b in a5.items()], when=(2020, 6, 21, 21, 0, 0), dirs=False)
        self.truth.defect("DELIVERABLE_MISSING", col.official, "no 学生带班工作总结 at all (neither electronic nor paper)")
        e = K.make_eml(from_name="旅游与历史文化学院", from_addr="lyls_xg@zqu.edu.cn", to_addr="2539746740@qq.com",
                       subject="旅游与历史文化学院 学生带班党员考核材料、新聘汇总表及优秀案例",
                       date="Mon, 22 Jun 2020 09:30:05 +0800", message_id="<5ef00a8d.lyls.zqu.edu.cn>",
                       body="李鑫老师：\n附件为我院学生带班党员考核汇总表、审批表、获奖统计表、新聘汇总表和优秀案例，请查收。",
                       attachments=[("附件4 考核情况汇总表.xlsx", a4), ("附件5 考核审批表.zip", a5z), ("附件3 获奖情况统计表.xlsx", a3),
                                    ("附件2 新聘学生带班党员汇总表.xlsx", a2), ("旅游学院案例汇总（最终版）.zip", cz)],
                       style="rfc2231-utf8", boundary="=_lyls_boundary_0622")
        self.put("邮件/旅游与历史文化学院带班党员材料.eml", e, dt("2020-06-22 09:31"))
        self.truth.defect("LATE_SUBMISSION", col.official, "A2 (新聘学生带班党员汇总表, due 2020-06-20) sent only with the "
                          "rest in the e-mail of Mon, 22 Jun 2020 09:30 +0800")
        # paper: A4 without seal (red tick only), A2 sealed, one A5 sampled
        self.printable("ly-a4", a4, ".xlsx")
        self.printable("ly-a2", a2, ".xlsx")
        self.printable("ly-a5-" + ms[3].sid, a5[ms[3].name], ".docx")
        self.jobs.append(ScanJob("纸质件扫描/旅游学院/考核情况汇总表{n}.jpg", "jpg",
                                 [PaperPage("ly-a4", 1, seal=None, tick=(0.80, 0.30), ops={"dpi": 200, "q": 82, "skew": -1.1})],
                                 col.official))
        self.jobs.append(ScanJob("纸质件扫描/旅游学院/新聘汇总表{n}.jpg", "jpg",
                                 [PaperPage("ly-a2", 1, seal=POS["a4_info"], ops={"dpi": 200, "q": 82})], col.official))
        self.jobs.append(ScanJob("纸质件扫描/旅游学院/审批表-%s.pdf" % ms[3].name, "pdf",
                                 [PaperPage("ly-a5-" + ms[3].sid, 1, ops={"dpi": 250, "q": 85}),
                                  PaperPage("ly-a5-" + ms[3].sid, 2, seal=POS["a5_p2"], sign=POS["a5_p2_sign"],
                                            ops={"dpi": 250, "q": 85})], col.official))
        self.truth.defect("SEAL_MISSING", col.official, "the scanned paper A4 has no seal (only a red pen tick)")
        return col

    # -------------------------------------------------------------- run

    def build(self):
        dup = []
        cols = [self.waiyu(), self.jingguan(), self.dianzi(dup), self.tiyu(), self.shengming(), self.lvyou(dup)]
        for c in cols:
            want = half_up(Decimal("0.4") * c.base)
            if c.official != "旅游与历史文化学院":
                assert len(c.cases) == want, (c.official, len(c.cases), want)
                assert sum(p.grade == "标兵" for p in c.mentors) <= half_up(Decimal("0.15") * c.base), c.official
        self.paper.convert()
        rng = self.sub("scan")
        n_pages = 0
        for job in self.jobs:
            # the paper copies were handed in on 6-20 (旅游与历史文化学院: with everything else on 6-22)
            when = "2020-06-22 10:00" if job.college == "旅游与历史文化学院" else "2020-06-20 16:00"
            for rel, data in produce_scan(self.paper, job, rng, self.seals):
                self.put(rel, data, dt(when), college=job.college)
            n_pages += len(job.pages)
        self.inbox.mkdir(parents=True, exist_ok=True)
        for rel, data, mtime in self.files:
            p = self.inbox / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            os.utime(p, (mtime, mtime))
        truth = {"colleges": OFFICIAL, "clean_colleges": CLEAN, "defects": self.truth.defects, "traps": self.truth.traps}
        (self.out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        manifest = {"note": "which college each dropped file (top level of inbox/) belongs to",
                    "files": dict(sorted(self.manifest.items()))}
        (self.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        return cols, n_pages


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--work", help="keep intermediate files (printed forms, PDFs) in this folder")
    args = ap.parse_args()
    out = Path(args.out)
    if (out / "inbox").exists():
        shutil.rmtree(out / "inbox")
    out.mkdir(parents=True, exist_ok=True)
    if args.work:
        shutil.rmtree(args.work, ignore_errors=True)
        os.makedirs(args.work)
        corpus = Corpus(out, args.seed, args.work)
        cols, n_pages = corpus.build()
    else:
        with tempfile.TemporaryDirectory(prefix="holdout-") as work:
            corpus = Corpus(out, args.seed, work)
            cols, n_pages = corpus.build()
    print("wrote %s: %d files, %d scanned pages, %d defects, %d traps" % (
        out / "inbox", len(corpus.files), n_pages, len(corpus.truth.defects), len(corpus.truth.traps)))


if __name__ == "__main__":
    main()
