#!/usr/bin/env python3
"""Independent field corpus for paperdesk: what colleges really send, with planted defects and traps.

    python bench/field/generate.py --out DIR [--reduced] [--seed N]

writes DIR/inbox/ (as staff would drop it), DIR/truth.json (planted defects and traps) and
DIR/manifest.json (which college each inbox file belongs to, for scoring). Everything is generated in
code; LibreOffice and pdftoppm print and "scan" the paper copies.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fieldgen import docxforms, pack, scan  # noqa: E402
from fieldgen.corpus import College, Corpus, award, when  # noqa: E402
from fieldgen.text import fullwidth_digits  # noqa: E402
from fieldgen.xlsxforms import (A2_COLUMNS, A3_COLUMNS, A4_COLUMNS, TableStyle, write_a2, write_a3,  # noqa: E402
                                write_a4)

ScanOpts = scan.ScanOpts
SHORT_LEVEL = {"学生带班党员标兵": "标兵", "优秀学生带班党员": "优秀"}
RARE_CHARS = "铖堃喆婧琰玥昊晗珺瑾晟赟鑫淼犇燚彧祎昕翀"


def rhu(x) -> int:
    """round half up with exact decimals (the notice's 四舍五入)."""
    from decimal import ROUND_HALF_UP, Decimal
    return int(Decimal(str(x)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def is_rare(m) -> bool:
    return any(ch in m.name for ch in RARE_CHARS)
SHORT_STATUS = {"中共党员": "党员", "中共预备党员": "预备党员"}


def a3_style(col: College, **kw) -> TableStyle:
    base = dict(titles=["肇庆学院学生带班党员获奖情况统计表"], info=[f"学院：{col.official}"], columns=A3_COLUMNS,
                merge_same=("姓名", "学号", "所带班级"), sheet_name="获奖情况")
    base.update(kw)
    return TableStyle(**base)


def a2_style(col: College, **kw) -> TableStyle:
    base = dict(titles=["肇庆学院2020—2021学年度新聘学生带班党员汇总表"],
                info=[f"学院（盖章）：{col.official}　　填表人：{col.c.names.new()}　　联系电话：0758-27161{col.code}　　日期：2020年6月18日"],
                columns=A2_COLUMNS, sheet_name="新聘汇总")
    base.update(kw)
    return TableStyle(**base)


def members_of(col: College, cases, st, naming) -> list:
    out = []
    for i, cs in enumerate(cases):
        out += col.case_files(cs, i, st, naming)
    return out


def a5_members(col: College, ms, st, name_fmt) -> tuple[list, dict]:
    out, paths = [], {}
    for i, m in enumerate(ms, 1):
        p = col.a5(m, st)
        paths[m.sid] = p
        out.append((name_fmt.format(i=i, name=m.name, sid=m.sid), p.read_bytes()))
    return out, paths


ALLOWED_STATUS = {"中共党员", "中共预备党员", "入党发展对象", "入党积极分子"}


def audit(C: Corpus, col: College, ms, stated: int, nms, ncases: int):
    """Our own check of the facts we wrote: every violation of an audited rule must be a planted defect
    (and every planted defect of those codes must really be there). Guards against random accidents."""
    off = col.official
    found = set()
    if rhu(stated * 0.4) != ncases:
        found.add(("CASE_QUOTA", None))
    if sum(m.level == "标兵" for m in ms) > rhu(stated * 0.15):
        found.add(("MODEL_QUOTA_EXCEEDED", None))
    if stated != len(ms):
        found.add(("HEADCOUNT_MISMATCH", None))
    for m in ms:
        bad = False
        if m.level == "标兵":
            bad = m.failed > 0 or not any(a.qualifying for a in m.awards) or m.violations > 0 or not m.essay or not m.integrity_ok
        elif m.level == "优秀":
            bad = not m.essay or not m.integrity_ok
        if bad:
            found.add(("CRITERIA_NOT_MET", m.sid))
    per = {}
    for n in nms:
        per[n.fresh_class] = per.get(n.fresh_class, 0) + 1
        if n.sid[:4] != "2018":
            found.add(("CANDIDATE_GRADE", n.sid))
        if n.status not in ALLOWED_STATUS:
            found.add(("CANDIDATE_STATUS", n.sid))
    if any(v > 2 for v in per.values()):
        found.add(("CLASS_OVER_STAFFED", None))
    codes = {c for c, _ in found} | {"CASE_QUOTA", "MODEL_QUOTA_EXCEEDED", "HEADCOUNT_MISMATCH", "CRITERIA_NOT_MET",
                                     "CANDIDATE_GRADE", "CANDIDATE_STATUS", "CLASS_OVER_STAFFED"}
    planted = {(d["code"], d["student_id"]) for d in C.defects if d["college"] == off and d["code"] in codes}
    if found != planted:
        raise AssertionError(f"{off}: facts {sorted(found, key=str)} != planted {sorted(planted, key=str)}")


def put_all(col: College, prefix: str, members, when_):
    for name, data in members:
        col.c.put(prefix + name, data, col.official, when_)


# =====================================================================================
def math_college(C: Corpus):
    """CLEAN. Loose files in a folder, the office's templates filled as intended, separate scans."""
    red = C.reduced
    col = College(C, "数学与统计学院", "数学学院", "06", ["数学与应用数学", "信息与计算科学", "统计学"])
    off = col.official
    C.clean.append(off)
    N = 5 if red else 15
    ms = col.mentors(N, n_model=1 if red else 2, n_exc=2 if red else 5, rare=3 if red else 6)
    rare = [m for m in ms if is_rare(m)]
    m18 = next((m for m in ms if m.year == 2018 and not is_rare(m)), None)
    if m18 is None:
        m18 = next(m for m in ms if not is_rare(m))
        m18.sid = "2018" + m18.sid[4:]
        m18.major_class = "18" + m18.major_class[2:]
    arrive = when(2020, 6, 18, 16, 5)
    col.style("loose folder 数学学院/ (short name); per-deliverable files named after the office's attachments")
    col.style("A4: two title rows, one merged info line with full-width colons, 学号 as numbers, 所带班级 merged over the two mentors of a class, footer 填表人/审核人/日期")
    col.style("A2: merged 所带新生班级 (exactly two mentors for one class), footer （盖章）; A5: the office template filled in")
    col.style("cases: 一、… headings in Heading 2, author line 作者：…学号：…所带班级：…, inline pictures with Caption-style 图N captions, separate 姓名生活照.jpg, per-person folders in the zip, a header logo in one case")
    col.style("scans: one sealed PDF per paper form under 纸质材料扫描/数学学院/, colour 200 dpi, slight skew; A5 scanned for a sample (rare-character names), seal on page 2 only")
    # A4
    st4 = TableStyle(titles=["肇庆学院", "2019—2020学年度学生带班党员考核情况汇总表"],
                     info=[f"学院（盖章）：{off}　　带班党员总数：{N}　　公示时间：2020年6月8日至6月12日"],
                     columns=A4_COLUMNS, footers=["填表人：何丽华　　审核人：梁志强", "日期：2020年6月18日"],
                     sid="int", merge_same=("所带班级",), sheet_name="考核汇总表")
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    C.trap(off, "公示时间 2020年6月8日至6月12日 is exactly five days counted inclusively", ["PUBLICITY_TOO_SHORT"])
    C.trap(off, f"带班党员总数 {N} stated on A4; cases = round_half_up(40% × {N}) = {rhu(N * 0.4)} submitted exactly"
           + ("" if red else " (40% of 15 = 6)") + f"; 标兵 {1 if red else 2} ≤ round_half_up(15% × {N})",
           ["CASE_QUOTA", "MODEL_QUOTA_EXCEEDED", "HEADCOUNT_MISMATCH"])
    # A2: exactly two mentors for the first class, a continuing 2018 mentor
    nms = col.new_mentors([2, 1] if red else [2, 1, 1, 1, 1])
    nms.insert(3 if not red else 2, col.continuing(m18, nms[-1].fresh_class if not red else nms[2].fresh_class))
    nms.sort(key=lambda x: x.fresh_class)
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col, merge_same=("所带新生班级",), footers=["（盖章）"]))
    cls2 = nms[0].fresh_class
    C.trap(off, f"A2: exactly two new mentors for {cls2} (the limit), in merged 所带新生班级 cells", ["CLASS_OVER_STAFFED"])
    C.trap(off, f"{m18.name} ({m18.sid}) is a current mentor on A4 and continues as a new mentor on A2 — two different lists, not a duplicate",
           ["DUPLICATE_PERSON"], person=m18)
    a3 = col.xlsx("A3.xlsx", write_a3, ms, a3_style(col))
    a5st = {"layout": "template"}
    a5m, a5p = a5_members(col, ms, a5st, "考核审批表/考核审批表-{name}.docx")
    ws = col.summary(long=False)
    # cases
    authors = col.rng.sample(ms, 2 if red else 6)
    if red:
        cases = [col.case(authors[0], count=1500, n_pictures=3, indent=True),
                 col.case(authors[1], n_pictures=5, header_logo=True, life_photo="file_exact")]
    else:
        cases = [col.case(authors[0], count=1500, n_pictures=4, indent=True),
                 col.case(authors[1], n_pictures=3, life_photo="file_exact"),
                 col.case(authors[2], n_pictures=5, header_logo=True)] + [col.case(a) for a in authors[3:]]
    st = {"heading": "std", "author": "line", "pictures": "inline", "caption": "Caption", "caption_text": "space"}
    zipm = members_of(col, cases, st, "per_person")
    audit(C, col, ms, N, nms, len(cases))
    c1500 = cases[0]
    C.trap(off, "case text of exactly 1500 字 by the SPEC rule (section headings counted; title, author line and 图N captions "
                "excluded; digit runs like 2019 and Latin runs like QQ count 1; paragraphs indented with two U+3000 ideographic "
                "spaces, which are whitespace and count 0)", ["CASE_TOO_LONG"], person=c1500.author)
    c3 = next(c for c in cases if c.n_pictures == 3)
    C.trap(off, "case with exactly 3 pictures", ["CASE_IMAGE_COUNT"], person=c3.author)
    c5 = next(c for c in cases if c.n_pictures == 5)
    C.trap(off, "case with exactly 5 pictures plus a small logo in the page header (not a case picture)", ["CASE_IMAGE_COUNT"],
           person=c5.author)
    cx = next(c for c in cases if c.life_photo == "file_exact")
    C.trap(off, "life photo of exactly 1,048,576 bytes (= 1 MiB; only under 1 MiB is an error)", ["PHOTO_TOO_SMALL"],
           person=cx.author)
    # inbox
    base = "数学学院/"
    C.put(base + f"{off}优秀带班党员案例.zip", pack.make_zip(None, zipm, dirs=True), off, arrive)
    C.put(base + f"附件2-新聘学生带班党员汇总表（{off}）.xlsx", a2.read_bytes(), off, arrive)
    C.put(base + "附件3-学生带班党员获奖情况统计表.xlsx", a3.read_bytes(), off, arrive)
    C.put(base + "附件4-学生带班党员考核情况汇总表.xlsx", a4.read_bytes(), off, arrive)
    put_all(col, base, a5m, arrive)
    C.put(base + f"{off}学生带班工作总结.docx", ws.read_bytes(), off, arrive)
    # paper copies
    seal = col.seal()
    k4 = col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4, paper=True), seal)
    k2 = col.paper_copy("A2", a2, seal)
    kw = col.paper_copy("WS", ws, col.seal(needles=[f"中共肇庆学院{off}委员会"], prefer_last=True, dx_mm=0, dy_mm=0))
    paper_day = when(2020, 6, 20, 9, 0)
    d = "纸质材料扫描/数学学院/"
    C.add_scan(d + "考核汇总表.pdf", "pdf", [(k4, None)], ScanOpts(dpi=200, skew=0.5), off, paper_day)
    C.add_scan(d + "新聘带班党员汇总表.pdf", "pdf", [(k2, None)], ScanOpts(dpi=200, skew=-0.4), off, paper_day)
    C.add_scan(d + "工作总结.pdf", "pdf", [(kw, None)], ScanOpts(dpi=200, skew=0.3), off, paper_day)
    sample = rare[: (1 if red else 3)]
    for m in sample:
        k = col.paper_copy(f"A5-{m.sid}", a5p[m.sid], col.seal(needles=["（盖章）"], dx_mm=-12, dy_mm=0))
        C.add_scan(d + f"考核审批表（抽查）/{m.name}.pdf", "pdf", [(k, None)],
                   ScanOpts(dpi=200, skew=float(col.rng.uniform(-0.8, 0.8))), off, paper_day)
    C.trap(off, "rare-character names (" + "、".join(m.name for m in rare) + ") on the scanned A4 and A5 pages; "
           "an uncertain reading is OCR_LOW_CONFIDENCE, not a mismatch", ["PAPER_ELECTRONIC_MISMATCH", "FIELD_MISMATCH"])
    C.trap(off, "A5 paper copies carry the seal on page 2 (学院党委意见 …（盖章）) only; page 1 has no place for a seal; "
           "A5 scanned for a sample only — the others simply have no paper copy",
           ["SEAL_MISSING", "DELIVERABLE_MISSING", "PAPER_ELECTRONIC_MISMATCH"])


# =====================================================================================
def foreign_college(C: Corpus):
    """CLEAN. One email, Windows GBK zips, shortened vocabulary, floats for 学号, grey combined scan."""
    col = College(C, "外国语学院", "外语学院", "05", ["英语", "商务英语", "翻译"])
    off = col.official
    C.clean.append(off)
    N = 10
    ms = col.mentors(N, n_model=2, n_exc=4, rare=4, year2018=0.5)
    col.style("one email (.eml, UTF-8, RFC 2231 names) whose subject names the college; two Windows zips with GBK names, no UTF-8 flag; generic file names inside (考核情况汇总表.xlsx …)")
    col.style("A4: title typed differently, info line split over merged cells with no colons (学院(盖章) | 外国语学院 | 带班党员总数 | 10人 | 公示时间 | 6月10日-6月16日), 学号 as floats shown 2.01805E+11, names with a stray space, shortened vocabulary 标兵/优秀, 党员/预备党员, 征文 √, award names shortened; footer 合计 + 说明")
    col.style("A5: labels with spaces (姓　　名) and the full vocabulary (学生带班党员标兵, 中共党员, 已完成, 无不良记录)")
    col.style("cases: （一） headings, author as 姓名（学号）, floating pictures, 图N：captions, life photo embedded with caption 作者生活照 and also attached")
    col.style("scans: one grey 150 dpi PDF with everything (A4, A2, A5 sample, 2-page work summary sealed on its last page), one page upside down")
    spaced = col.rng.sample(ms, 2)
    names = {m.sid: m.name[0] + " " + m.name[1:] for m in spaced}
    st4 = TableStyle(titles=[f"{off}学生带班党员考核汇总表"],
                     info=[[("学院(盖章)", 2), (off, 3), ("带班党员总数", 2), ("10人", 1), ("公示时间", 2),
                            ("6月10日-6月16日", 3)]],
                     columns=A4_COLUMNS, sid="sci", names=names,
                     vocab={"level": SHORT_LEVEL, "status": SHORT_STATUS, "essay": {"已完成": "√"}, "award_short": True},
                     footers=["合计：10人", "说明：1.考核等级填写标兵、优秀或合格；2.学号请填写12位。"], sheet_name="Sheet1")
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    C.trap(off, "带班党员总数 10 → 标兵 allowed = round_half_up(1.5) = 2; two 标兵 listed", ["MODEL_QUOTA_EXCEEDED"])
    C.trap(off, "A4 uses 标兵/优秀/党员/预备党员/√/无 while A5 uses 学生带班党员标兵/优秀学生带班党员/中共党员/中共预备党员/已完成/无不良记录 — same meaning",
           ["FIELD_MISMATCH", "CRITERIA_NOT_MET"])
    C.trap(off, "学号 stored as numbers with the cell format 0.00E+00 on A4: the stored value is exact, and the printed (scanned) A4 "
           "therefore shows 2.02E+11 for everyone — people on the paper copy must be matched by name",
           ["FIELD_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY", "PAPER_ELECTRONIC_MISMATCH"])
    for m in spaced:
        C.trap(off, f"name typed with a stray space on A4 ('{names[m.sid]}'), without on A5", ["FORM_MISSING", "FORM_NOT_IN_SUMMARY", "FIELD_MISMATCH"], person=m)
    C.trap(off, "获奖情况 on A4 shortened (二等奖学金) where A3 has the full award name (2018—2019学年度二等奖学金)", ["FIELD_MISMATCH"])
    nms = col.new_mentors([1, 2, 1, 1], statuses=["中共预备党员", "入党积极分子", "入党发展对象"])
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col, vocab={"status": SHORT_STATUS, "sex": {"男": "男性", "女": "女性"}}))
    a3 = col.xlsx("A3.xlsx", write_a3, ms, a3_style(col))
    a5st = {"layout": "spaced", "vocab": {"integrity": {"无": "无不良记录"}}}
    a5m, a5p = a5_members(col, ms, a5st, "考核审批表/{name}.docx")
    ws = col.summary(long=True, signer="中共肇庆学院外国语学院委员会")
    authors = col.rng.sample(ms, 4)
    cases = [col.case(authors[0], n_pictures=5, life_photo="embedded+file"),
             col.case(authors[1], n_pictures=4, life_photo="embedded+file"),
             col.case(authors[2], n_pictures=3, life_photo="embedded+file"),
             col.case(authors[3], n_pictures=4, life_photo="embedded+file")]
    st = {"heading": "paren", "author": "paren", "pictures": "float", "caption": "plain", "caption_text": "colon",
          "title": "bold", "life_caption": "作者生活照"}
    zipm = members_of(col, cases, st, "case_named")
    audit(C, col, ms, N, nms, len(cases))
    C.trap(off, "case with exactly 5 pictures plus the author's life photo embedded with the caption 作者生活照 (6 images in the docx)",
           ["CASE_IMAGE_COUNT"], person=cases[0].author)
    sent = when(2020, 6, 19, 16, 2)
    inner = [("考核情况汇总表.xlsx", a4.read_bytes()), ("获奖情况统计表.xlsx", a3.read_bytes()),
             ("新聘带班党员汇总表.xlsx", a2.read_bytes()), ("学生带班工作总结.docx", ws.read_bytes())] + a5m
    z1 = pack.make_zip(None, zipm, gbk=True)
    z2 = pack.make_zip(None, inner, gbk=True)
    eml = C.stage / "wgy.eml"
    pack.make_eml(eml, "【外国语学院】2020年学生带班党员工作材料（考核、案例、选聘、总结）", "外国语学院学工办 <wgyxgb2020@163.com>",
                  sent, "李老师：您好！附件是我院2020年学生带班党员工作的全部电子材料，纸质材料已送行政楼109。外国语学院 学工办",
                  [(f"{off}优秀带班党员案例.zip", z1), ("外语学院带班党员材料.zip", z2)])
    C.put("邮件/【外国语学院】2020年学生带班党员工作材料.eml", eml.read_bytes(), off, sent)
    C.trap(off, "Windows zips with GBK member names and no UTF-8 flag; generic names inside; college only from the email subject / zip name",
           ["UNKNOWN_COLLEGE", "ARCHIVE_NAME_INVALID", "UNREADABLE_FILE"])
    # paper: one grey PDF with everything
    seal = col.seal(ring=f"中共肇庆学院{off}委员会")
    k4 = col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4, paper=True), seal)
    k2 = col.paper_copy("A2", a2, seal)
    kw = col.paper_copy("WS", ws, col.seal(ring=f"中共肇庆学院{off}委员会", needles=[f"中共肇庆学院{off}委员会"],
                                           prefer_last=True, dx_mm=0, dy_mm=0))
    rare = [m for m in ms if is_rare(m)][:2]
    parts = [(k4, None), (k2, None)]
    for m in rare:
        parts.append((col.paper_copy(f"A5-{m.sid}", a5p[m.sid], col.seal(ring=f"中共肇庆学院{off}委员会", needles=["（盖章）"], dx_mm=-12, dy_mm=0)), None))
    parts.append((kw, None))
    C.add_scan("纸质材料扫描/外国语学院纸质材料（6月22日收）.pdf", "pdf", parts,
               ScanOpts(dpi=150, gray=True, quality=70, skew=0.7, upside_down=(5,)), off, when(2020, 6, 20, 11, 0))
    C.trap(off, "grey 150 dpi scan of all paper forms in one PDF; page 6 (2nd page of an A5) is upside down; the 2-page work summary bears the seal on its last page; rare-character names "
           + "、".join(m.name for m in rare), ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "FIELD_MISMATCH"])


# =====================================================================================
def wen_college(C: Corpus):
    """CLEAN. 30 mentors (标兵 quota 4.5 → 5), literal + in the archive name, .xls/.doc, JPG scans, a phone photo."""
    col = College(C, "文学院", "文学院", "01", ["汉语言文学", "秘书学", "汉语国际教育"])
    off = col.official
    C.clean.append(off)
    N = 30
    ms = col.mentors(N, n_model=5, n_exc=10, rare=6)
    col.style("cases in 文学院+优秀带班党员案例.zip (literal +), flat names 姓名-案例.docx, pictures as separate files beside the docx for some cases, embedded and also attached for one")
    col.style("other files in 文学院材料（修改版）.zip with folders; A3 as .xls, work summary as .doc (both converted with LibreOffice)")
    col.style("A4: half-width colons in the info line, an untouched template sheet left after the data sheet, a hidden 联系电话 column, one person's row split over two lines (two awards) with merged cells, three blank 序号 rows, 合计 row, （盖章） and signature lines; a few 学号 with spaces or full-width digits")
    col.style("A5: values below their labels; cases: 1．headings, the template's 姓名：… 学号：… 学院：… 所带班级：… line")
    col.style("scans: JPGs (A4 at 300 dpi, A2 as a phone photo, work summary pages), an A5 sample PDF")
    exc_fail = next(m for m in ms if m.level == "优秀")
    exc_fail.failed, exc_fail.awards = 1, []
    C.trap(off, "优秀 with 1 不及格科目 and no award: the notice's 优秀 criteria require neither (only 标兵 does)", ["CRITERIA_NOT_MET"], person=exc_fail)
    split = next(m for m in ms if m.level == "标兵")
    split.awards = [award("一等", off), award("干部", off)]
    odd = col.rng.sample([m for m in ms if m is not split], 3)
    sid_over = {odd[0].sid: "spaces", odd[1].sid: "fullwidth", odd[2].sid: "trailing"}
    st4 = TableStyle(titles=["肇庆学院学生带班党员考核情况汇总表"],
                     info=[f"学院(盖章):{off}  带班党员总数:{N}  公示时间:2020年6月9日-6月13日"],
                     columns=A4_COLUMNS[:-1] + ["联系电话", "备注"], hidden=("联系电话",), sid="text", sid_overrides=sid_over,
                     split_awards=(split.sid,), blank_sheet="last", blank_sheet_name="Sheet2",
                     footers=["@blankseq:3", f"合计 {N} 人", "（盖章）", "学院党委书记（签字）：　　　　　　　　2020年6月19日"],
                     sheet_name="汇总表")
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    C.trap(off, "带班党员总数 30 → 标兵 allowed = round_half_up(4.5) = 5 (banker's rounding would give 4); five 标兵; cases = 12",
           ["MODEL_QUOTA_EXCEEDED", "CASE_QUOTA"])
    C.trap(off, "A4 below the last person: three blank rows with only a 序号, 合计 30 人, （盖章）, a signature line; one person's row split over two lines (two awards) with merged cells; a blank template sheet left in; hidden column; 学号 with spaces / full-width digits / padding spaces",
           ["HEADCOUNT_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY", "FIELD_MISMATCH", "DUPLICATE_PERSON"])
    nms = col.new_mentors([2, 1, 2, 1, 1, 2])
    nms.sort(key=lambda x: x.fresh_class)
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col, info=[f"学院（盖章）：{off}　　填表人：罗静　　联系电话：0758-2716101　　日期：2020年6月17日"]))
    a3 = col.xlsx("A3.xlsx", write_a3, ms, a3_style(col))
    a3x = C.convert(a3, "xls")
    a5st = {"layout": "below"}
    a5m, a5p = a5_members(col, ms, a5st, "考核审批表/{i:02d}{name}.docx")
    ws = col.summary(long=True)
    wsd = C.convert(ws, "doc")
    authors = col.rng.sample(ms, 12)
    cases = []
    for i, a in enumerate(authors):
        kw = {}
        if i in (0, 3, 6):
            kw["pictures_as_files"] = True
        if i == 1:
            kw["pictures_also_files"] = True
        if i == 2:
            kw["life_photo"] = "embedded_small+file"
        cases.append(col.case(a, n_pictures=[3, 4, 4, 5][i % 4], **kw))
    st = {"heading": "arabic", "author": "template", "pictures": "inline", "caption": "plain", "caption_text": "space",
          "title": "Title", "life_caption": "本人照片"}
    zipm = members_of(col, cases, st, "flat")
    audit(C, col, ms, N, nms, len(cases))
    C.trap(off, "pictures embedded in the docx AND the same originals (identical bytes) attached beside it: 4 pictures, not 8",
           ["CASE_IMAGE_COUNT"], person=cases[1].author)
    C.trap(off, "life photo embedded downscaled (<1 MiB) in the case with caption 本人照片, the original ≥1 MiB attached as 姓名生活照.jpg",
           ["PHOTO_TOO_SMALL", "PHOTO_MISSING"], person=cases[2].author)
    C.trap(off, "cases archive named 文学院+优秀带班党员案例.zip (literal +, accepted by SPEC)", ["ARCHIVE_NAME_INVALID"])
    C.trap(off, "pictures only as separate files 姓名-图N.jpg beside 姓名-案例.docx (3 cases)", ["CASE_IMAGE_COUNT"])
    arrive = when(2020, 6, 19, 9, 40)

    def package():
        C.put(f"{off}+优秀带班党员案例.zip", pack.make_zip(None, zipm), off, arrive)
        inner = [("文学院材料/附件4 考核情况汇总表.xlsx", a4.read_bytes()), ("文学院材料/附件3 获奖情况统计表.xls", a3x.read_bytes()),
                 ("文学院材料/附件2 新聘学生带班党员汇总表.xlsx", a2.read_bytes()),
                 ("文学院材料/学生带班工作总结.doc", wsd.read_bytes())] + [("文学院材料/" + n, b) for n, b in a5m]
        C.put(f"{off}材料（修改版）.zip", pack.make_zip(None, inner, dirs=True), off, arrive)
    C.after_convert.append(package)
    C.trap(off, "A3 as .xls and the work summary as .doc (legacy formats)", ["UNREADABLE_FILE", "DELIVERABLE_MISSING"])
    seal = col.seal(ring=f"中共肇庆学院{off}委员会")
    k4 = col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4, paper=True), seal)
    k2 = col.paper_copy("A2", a2, seal)
    kw_ = col.paper_copy("WS", ws, col.seal(ring=f"中共肇庆学院{off}委员会", needles=[f"中共肇庆学院{off}委员会"], prefer_last=True, dx_mm=0, dy_mm=0))
    d = "纸质材料扫描/文学院/"
    pday = when(2020, 6, 20, 15, 0)
    C.add_scan(d + "考核汇总表.jpg", "jpg", [(k4, None)], ScanOpts(dpi=300, quality=85, skew=-0.4), off, pday)
    C.add_scan(d + "新聘汇总表（手机拍照）.jpg", "jpg", [(k2, None)], ScanOpts(dpi=200, quality=80, phone=True), off, pday)
    C.add_scan(d + "工作总结.jpg", "jpg", [(kw_, None)], ScanOpts(dpi=200, quality=75, skew=0.8), off, pday)
    rare = [m for m in ms if is_rare(m)][:2]
    parts = [(col.paper_copy(f"A5-{m.sid}", a5p[m.sid], col.seal(ring=f"中共肇庆学院{off}委员会", needles=["（盖章）"], dx_mm=-12, dy_mm=0)), None) for m in rare]
    C.add_scan(d + "审批表抽查.pdf", "pdf", parts, ScanOpts(dpi=200, gray=True, quality=75, skew=0.5), off, pday)
    C.trap(off, "A2 paper copy photographed with a phone (perspective, shadow) — sealed; A4 as a 300 dpi JPG; rare-character names "
           + "、".join(m.name for m in rare) + " on the A5 sample", ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "FIELD_MISMATCH"])


# =====================================================================================
def econ_college(C: Corpus):
    """DEFECTS. Several sheets, reordered and extra columns, 称职/良好/完成, a wrongly named archive."""
    col = College(C, "经济与管理学院", "经管学院", "03", ["会计学", "市场营销", "电子商务", "财务管理"])
    off = col.official
    N = 12
    ms = col.mentors(N, n_model=3, n_exc=4, rare=3)
    col.style("folder 经管学院（最终版）/ with loose files named …最终版; A4 with a blank template sheet first, reordered columns, extra 身份证号 and QQ columns, info line split over cells with full-width colons, vocabulary 带班党员标兵/优秀带班党员/称职, 诚信 良好, 征文 完成, 违纪 无, footer 说明 + 填表人")
    col.style("A5: label and value in one cell (姓名：张三), 学院 written 经管学院; cases: （一） headings, author 作者：张三（学号：…）, 图N：captions")
    col.style("scans: separate sealed PDFs, colour 200 dpi, one with 1.2° skew")
    C.defect("MODEL_QUOTA_EXCEEDED", off, f"3 标兵 on A4 (all meeting the criteria) while round_half_up(15% × {N}) = 2")
    exc = next(m for m in ms if m.level == "优秀")
    exc.essay = False
    C.defect("CRITERIA_NOT_MET", off, "优秀 whose 带班征文 is 未完成 (the notice requires the essay for 优秀)", person=exc)
    cols = ["序号", "姓名", "学号", "身份证号", "政治面貌", "专业班级", "所带班级", "考核等级", "不及格科目数", "获奖情况",
            "所带班级违纪人数", "带班征文", "诚信记录", "QQ", "备注"]
    st4 = TableStyle(titles=["肇庆学院学生带班党员考核情况汇总表（2019—2020学年）"],
                     info=[[("学院（盖章）：", 2), (off, 3), ("带班党员总数：", 2), (str(N), 1), ("公示时间：", 2),
                            ("2020.6.9-2020.6.15", 5)]],
                     columns=cols, sid="text",
                     vocab={"level": {"学生带班党员标兵": "带班党员标兵", "优秀学生带班党员": "优秀带班党员", "合格": "称职"},
                            "integrity": {"无": "良好"}, "essay": {"已完成": "完成"}, "violations": {0: "无"}},
                     footers=["说明：1.考核等级分为带班党员标兵、优秀带班党员、称职；2.公示期间无异议。", "填表人：陈晓燕　　联系电话：0758-2716103"],
                     blank_sheet="first", blank_sheet_name="Sheet1", sheet_name="考核汇总")
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    nms = col.new_mentors([2, 1, 1, 1, 2])
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col, sid="int"))
    a3 = col.xlsx("A3.xlsx", write_a3, ms, a3_style(col, sid="int"))
    a5st = {"layout": "onecell", "college": "经管学院",
            "vocab": {"level": {"学生带班党员标兵": "带班党员标兵", "优秀学生带班党员": "优秀带班党员", "合格": "称职"}}}
    a5m, a5p = a5_members(col, ms, a5st, "考核审批表（最终版）/{name}-考核审批表.docx")
    ws = col.summary(long=False)
    authors = col.rng.sample(ms, 5)
    cases = [col.case(authors[0], count=1660, n_pictures=4),
             col.case(authors[1], n_pictures=4, sections=("一", "二", "四"))] + [col.case(a) for a in authors[2:]]
    st = {"heading": "paren", "author": "paren_label", "pictures": "inline", "caption": "plain", "caption_text": "colon", "title": "Title"}
    zipm = members_of(col, cases, st, "per_person")
    C.defect("CASE_TOO_LONG", off, "case text of 1660 字 including section headings (about 1630 without them)", person=cases[0].author)
    C.defect("CASE_SECTION_MISSING", off, "case without the section （三）效果与启示", person=cases[1].author)
    audit(C, col, ms, N, nms, len(cases))
    C.defect("ARCHIVE_NAME_INVALID", off, "cases archive named 经管学院优秀案例（最终版）.zip (short name, not 学院名称+优秀带班党员案例)")
    arrive = when(2020, 6, 20, 17, 45)
    base = "经管学院（最终版）/"
    C.put(base + "经管学院优秀案例（最终版）.zip", pack.make_zip(None, zipm, dirs=True), off, arrive)
    C.put(base + "经管学院考核汇总表最终版.xlsx", a4.read_bytes(), off, arrive)
    C.put(base + "经管学院获奖统计表最终版.xlsx", a3.read_bytes(), off, arrive)
    C.put(base + "经管学院新聘带班党员汇总表最终版.xlsx", a2.read_bytes(), off, arrive)
    C.put(base + "经管学院学生带班工作总结（最终版）.docx", ws.read_bytes(), off, arrive)
    put_all(col, base, a5m, arrive)
    seal = col.seal()
    k4 = col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4, paper=True), seal)
    k2 = col.paper_copy("A2", a2, seal)
    kw_ = col.paper_copy("WS", ws, col.seal(needles=[f"中共肇庆学院{off}委员会"], prefer_last=True, dx_mm=0, dy_mm=0))
    d = "纸质材料扫描/经管学院/"
    pday = when(2020, 6, 20, 10, 0)
    C.add_scan(d + "经管-考核汇总表.pdf", "pdf", [(k4, None)], ScanOpts(dpi=200, skew=1.2), off, pday)
    C.add_scan(d + "经管-新聘汇总表.pdf", "pdf", [(k2, None)], ScanOpts(dpi=200, skew=-0.3), off, pday)
    C.add_scan(d + "经管-工作总结.pdf", "pdf", [(kw_, None)], ScanOpts(dpi=200), off, pday)
    sample = [m for m in ms if is_rare(m)][:2]
    parts = [(col.paper_copy(f"A5-{m.sid}", a5p[m.sid], col.seal(needles=["（盖章）"], dx_mm=-12, dy_mm=0)), None) for m in sample]
    C.add_scan(d + "经管-审批表（部分）.pdf", "pdf", parts, ScanOpts(dpi=200, skew=0.6), off, pday)


# =====================================================================================
def elec_college(C: Corpus):
    """DEFECTS. Headcount ≠ rows, 4-day 公示, A4/A5 sets differ, bad new mentors; cases in the template table."""
    red = C.reduced
    col = College(C, "电子与电气工程学院", "电子学院", "07", ["电气工程及其自动化", "电子信息工程", "通信工程"])
    off = col.official
    stated, rows = (6, 5) if red else (13, 12)
    ms = col.mentors(rows, n_model=1 if red else 2, n_exc=2 if red else 4, rare=2 if red else 3)
    col.style("one zip 电子与电气工程学院2020年带班党员工作材料.zip with numbered folders per deliverable and the cases zip nested inside")
    col.style("A4: info over two lines (学院 + 带班党员总数 13人 / 公示时间), a few 学号 with spaces, a name with a note （组长）, footer 填表人/审核人/日期")
    col.style("cases written inside the template's two-column table (heading cell | text cell), pictures in a table cell, author in a table row")
    col.style("scans: one PDF per college (A4, A2, work summary" + ("" if red else ", one A5") + ")")
    leader = ms[0]
    names = {leader.sid: leader.name + "（组长）"}
    spaced = {m.sid: "spaces" for m in ms[3:5]}
    st4 = TableStyle(titles=["肇庆学院学生带班党员考核情况汇总表"],
                     info=[f"学院（盖章）：{off}　　带班党员总数：{stated}人", "公示时间：2020年6月8日至6月11日"],
                     columns=A4_COLUMNS, sid="text", sid_overrides=spaced, names=names,
                     footers=["填表人：郑伟　　审核人：黄建华", "日期：2020年6月19日"], sheet_name="Sheet1")
    C.defect("HEADCOUNT_MISMATCH", off, f"A4 states 带班党员总数 {stated}人 but lists {rows} people")
    C.defect("PUBLICITY_TOO_SHORT", off, "公示时间 2020年6月8日至6月11日 — four days inclusive")
    C.trap(off, f"name with a trailing note on A4 ('{names[leader.sid]}'); 学号 with spaces for two people",
           ["FORM_MISSING", "FORM_NOT_IN_SUMMARY", "FIELD_MISMATCH"], person=leader)
    nomate = ms[-1]
    C.defect("FORM_MISSING", off, "person on A4 with no A5 approval form", person=nomate)
    extra = col.mentors(1, 0, 1)[0]
    a5_people = [m for m in ms if m is not nomate]
    if not red:
        a5_people.append(extra)
        C.defect("FORM_NOT_IN_SUMMARY", off, "A5 approval form of a person who is not on A4", person=extra)
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    nms = col.new_mentors([1, 1, 1] if red else [1, 2, 1, 1, 1])
    bad_status = nms[-1]
    bad_status.status = "群众"
    C.defect("CANDIDATE_STATUS", off, "new mentor whose 政治面貌 is 群众", person=bad_status)
    if not red:
        young = nms[1]
        young.sid = "2019" + young.sid[4:]
        young.grade = "2019级"
        young.major_class = "19" + young.major_class[2:]
        C.defect("CANDIDATE_GRADE", off, "new mentor from the 2019 enrolment (学号 2019…, 2019级) — not a rising third-year", person=young)
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col))
    a3 = col.xlsx("A3.xlsx", write_a3, ms, a3_style(col))
    a5m, a5p = a5_members(col, a5_people, {"layout": "template"}, "02考核/审批表/{sid}-{name}.docx")
    ws = col.summary(long=False)
    nc = 2 if red else 5
    authors = col.rng.sample([m for m in ms if m is not nomate], nc)
    cases = [col.case(a, count=col.rng.randint(900, 1200)) for a in authors]
    st = {"layout": "table", "caption_text": "space"}
    zipm = members_of(col, cases, st, "case_named")
    C.trap(off, "cases written inside the template's table (label cells 案例标题/作者信息/一、背景与起因…; pictures inside a table cell)",
           ["CASE_SECTION_MISSING", "CASE_IMAGE_COUNT", "CASE_AUTHOR_UNKNOWN", "PHOTO_MISSING"])
    audit(C, col, ms, stated, nms, len(cases))
    inner = [("01优秀案例/" + f"{off}优秀带班党员案例.zip", pack.make_zip(None, zipm)),
             ("02考核/考核情况汇总表.xlsx", a4.read_bytes()), ("02考核/获奖情况统计表.xlsx", a3.read_bytes()),
             ("03选聘/新聘学生带班党员汇总表.xlsx", a2.read_bytes()), ("04总结/学生带班工作总结.docx", ws.read_bytes())] + a5m
    arrive = when(2020, 6, 19, 11, 20)
    C.put(f"{off}2020年带班党员工作材料.zip", pack.make_zip(None, inner, dirs=True), off, arrive)
    seal = col.seal()
    parts = []
    if red:
        # the paper A4 contradicts the electronic one; the A2 paper copy is not sealed; no A5 paper at all
        target = next(m for m in ms if m.level == "优秀" and m is not leader)
        over = {target.sid: {"考核等级": "合格"}}
        st4p = TableStyle(**{**st4.__dict__, "overrides": over})
        parts.append((col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4p, paper=True), seal), None))
        parts.append((col.paper_copy("A2", a2, None), None))
        C.defect("PAPER_ELECTRONIC_MISMATCH", off, "scanned A4 shows 考核等级 合格 where the electronic A4 says 优秀学生带班党员", person=target)
        C.defect("SEAL_MISSING", off, "the paper copy of A2 bears no seal (deliverable: selection)")
        C.defect("DELIVERABLE_MISSING", off, "no paper copy of any A5 approval form arrived (electronic A5s did) (deliverable: assessment-forms)")
    else:
        parts.append((col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4, paper=True), seal), None))
        parts.append((col.paper_copy("A2", a2, seal), None))
    parts.append((col.paper_copy("WS", ws, col.seal(needles=[f"中共肇庆学院{off}委员会"], prefer_last=True, dx_mm=0, dy_mm=0)), None))
    if not red:
        m = next(x for x in a5_people if x is not extra)
        parts.append((col.paper_copy(f"A5-{m.sid}", a5p[m.sid], col.seal(needles=["（盖章）"], dx_mm=-12, dy_mm=0)), None))
    C.add_scan(f"纸质材料扫描/{off}.pdf", "pdf", parts, ScanOpts(dpi=200, skew=1.4, quality=78), off, when(2020, 6, 20, 9, 30))
    return ms


# =====================================================================================
def edu_college(C: Corpus):
    """DEFECTS. Email with generic attachment names; case quota, photos, pictures; a seal of another college."""
    col = College(C, "教育科学学院", "教科院", "04", ["教育学", "心理学", "小学教育"])
    off = col.official
    N = 9
    ms = col.mentors(N, n_model=1, n_exc=3, rare=2, year2018=0.45)
    col.style("one email (.eml, UTF-8) with generic attachment names (考核汇总表.xlsx, 审批表.zip …); the college only in the subject and inside the files")
    col.style("A4: one sheet per enrolment year (2017级, 2018级), the info line on the first sheet only, names with notes （组长）, 学号 as numbers, footer 备注：无")
    col.style("A5: template with check marks (☑学生带班党员标兵 □优秀学生带班党员 …); cases: 1. headings, author 姓名（学号）, pictures at the end")
    model = next(m for m in ms if m.level == "标兵")
    model.awards = [award("三等", off)]
    C.trap(off, "标兵 whose only award is 2018—2019学年度三等奖学金 — exactly the lowest qualifying award", ["CRITERIA_NOT_MET"], person=model)
    names = {m.sid: m.name + "（组长）" for m in col.rng.sample(ms, 2)}
    st4 = TableStyle(titles=["肇庆学院学生带班党员考核情况汇总表"],
                     info=[f"学院（盖章）：{off}　带班党员总数：{N}　公示时间：2020年6月12日至6月16日"],
                     columns=A4_COLUMNS, sid="int", names=names, per_grade=True, footers=["备注：无"])
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    C.trap(off, "A4 split over two sheets 2017级 / 2018级 (9 people in all, the headcount stated once on the first sheet); names with （组长）",
           ["HEADCOUNT_MISMATCH", "FORM_NOT_IN_SUMMARY", "FORM_MISSING"])
    nms = col.new_mentors([1, 1, 2, 1])
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col))
    a3 = col.xlsx("A3.xlsx", write_a3, ms, a3_style(col, sid="int"))
    a5st = {"layout": "template", "vocab": {"checkmarks": True}}
    a5m, a5p = a5_members(col, ms, a5st, "{name}.docx")
    ws = col.summary(long=False)
    authors = col.rng.sample(ms, 3)
    cases = [col.case(authors[0], n_pictures=2),
             col.case(authors[1], n_pictures=4, life_photo="missing"),
             col.case(authors[2], n_pictures=3, life_photo="file_small")]
    st = {"heading": "arabic_half", "author": "paren", "pictures": "end", "caption": "plain", "caption_text": "space", "title": "Title"}
    zipm = members_of(col, cases, st, "per_person")
    C.defect("CASE_QUOTA", off, f"3 cases submitted; round_half_up(40% × {N}) = 4")
    C.defect("CASE_IMAGE_COUNT", off, "case with only 2 pictures", person=cases[0].author)
    C.defect("PHOTO_MISSING", off, "case author without any life photo (none attached, none embedded)", person=cases[1].author)
    small = next(b for n, b in zipm if n.endswith(f"{cases[2].author.name}生活照.jpg"))
    C.defect("PHOTO_TOO_SMALL", off, f"life photo of {len(small):,} bytes (under 1 MiB)", person=cases[2].author)
    audit(C, col, ms, N, nms, len(cases))
    sent = when(2020, 6, 20, 10, 20)
    eml = C.stage / "jky.eml"
    pack.make_eml(eml, "教育科学学院—学生带班党员考核、优秀案例及新聘汇总材料", "教科院学生工作办公室 <jkyxsgz@126.com>", sent,
                  "李鑫老师好，附件为教育科学学院的材料，请查收。", [
                      ("考核汇总表.xlsx", a4.read_bytes()), ("获奖统计.xlsx", a3.read_bytes()), ("新聘汇总.xlsx", a2.read_bytes()),
                      (f"{off}优秀带班党员案例.zip", pack.make_zip(None, zipm, dirs=True)),
                      ("审批表.zip", pack.make_zip(None, a5m)), ("工作总结.docx", ws.read_bytes())])
    C.put("邮件/教育科学学院-带班党员材料.eml", eml.read_bytes(), off, sent)
    seal = col.seal()
    k4 = col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4, paper=True), seal)
    k2 = col.paper_copy("A2", a2, seal)
    wrong = col.seal(ring="肇庆学院教师教育学院委员会", needles=[f"中共肇庆学院{off}委员会"], prefer_last=True, dx_mm=0, dy_mm=0)
    kw_ = col.paper_copy("WS", ws, wrong)
    C.defect("SEAL_MISSING", off, "the work summary's paper copy bears the seal of 教师教育学院 (肇庆学院教师教育学院委员会), not this college's (deliverable: work-summary)",
             also=["COLLEGE_CONFLICT"])
    d = "纸质材料扫描/教育科学学院/"
    pday = when(2020, 6, 20, 14, 0)
    C.add_scan(d + "A4考核情况汇总表.pdf", "pdf", [(k4, None)], ScanOpts(dpi=250, skew=0.4), off, pday)
    C.add_scan(d + "A2新聘汇总表.pdf", "pdf", [(k2, None)], ScanOpts(dpi=250, skew=0.2), off, pday)
    C.add_scan(d + "工作总结.pdf", "pdf", [(kw_, None)], ScanOpts(dpi=200, skew=-0.5), off, pday)
    sample = [m for m in ms if is_rare(m) and m is not model][:1] + [model]
    parts = [(col.paper_copy(f"A5-{m.sid}", a5p[m.sid], col.seal(needles=["（盖章）"], dx_mm=-12, dy_mm=0)), None) for m in sample]
    C.add_scan(d + "A5审批表（抽样）.pdf", "pdf", parts, ScanOpts(dpi=200, skew=0.9, quality=70), off, pday)


# =====================================================================================
def life_college(C: Corpus):
    """DEFECTS. Per-person case folders with the author only in the folder name; paper/electronic mismatch;
    unsealed A2; no work summary."""
    red = C.reduced
    col = College(C, "生命科学学院", "生命学院", "11", ["生物科学", "生物技术", "园林"])
    off = col.official
    N = 10
    ms = col.mentors(N, n_model=2, n_exc=3, rare=3)
    col.style("loose folder 生命科学学院/; the cases zip has one folder per author 姓名/案例.docx + 姓名/生活照.jpg, no author line in the docx")
    col.style("A4: 政治面貌 正式党员, two 学号 in full-width digits, a name with a stray space; A5: labels with spaces and check marks, 中共党员")
    col.style("cases: 第一部分 headings, bold headings without numbers in one case, pictures inside table cells")
    col.style("scans: " + ("none (paper copies not received)" if red else "A4 PDF (sealed), A2 PDF (no seal), two A5 as JPG pages"))
    C.trap(off, "带班党员总数 10 → 标兵 allowed = round_half_up(1.5) = 2; two 标兵", ["MODEL_QUOTA_EXCEEDED"])
    fw = col.rng.sample(ms, 2)
    sp = next(m for m in ms if m not in fw)
    st4 = TableStyle(titles=["肇庆学院学生带班党员考核情况汇总表"],
                     info=[f"学院（盖章）：{off}　　带班党员总数：{N}　　公示时间：2020年6月11日至6月15日"],
                     columns=A4_COLUMNS, sid="text", sid_overrides={m.sid: "fullwidth" for m in fw},
                     names={sp.sid: sp.name[0] + " " + sp.name[1:]}, vocab={"status": {"中共党员": "正式党员"}},
                     footers=["填表人：吴静　　审核人：冯志刚　　日期：2020年6月17日"])
    C.trap(off, "政治面貌 正式党员 on A4 vs 中共党员 on A5; 学号 in full-width digits on A4 for two people; check marks on A5",
           ["FIELD_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY"])
    if red:
        bad = next(m for m in ms if m.level == "标兵")
        bad.failed = 1
        C.defect("CRITERIA_NOT_MET", off, "标兵 with 1 不及格科目", person=bad)
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    nms = col.new_mentors([1, 2, 1, 1])
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col))
    a3 = col.xlsx("A3.xlsx", write_a3, ms, a3_style(col))
    a5st = {"layout": "spaced", "vocab": {"checkmarks": True}}
    a5m, a5p = a5_members(col, ms, a5st, "考核审批表/{name}考核审批表.docx")
    authors = col.rng.sample(ms, 4)
    cases = [col.case(authors[0], n_pictures=6, folder_only_author=True),
             col.case(authors[1], n_pictures=4, folder_only_author=True),
             col.case(authors[2], n_pictures=3, folder_only_author=True),
             col.case(authors[3], n_pictures=5, folder_only_author=True)]
    zipm = []
    for i, cs in enumerate(cases):
        st = {"heading": "part" if i != 2 else "bold", "author": "none", "pictures": "table", "caption_text": "space", "title": "bold"}
        zipm += col.case_files(cs, i, st, "folder_only")
    C.defect("CASE_IMAGE_COUNT", off, "case with 6 pictures", person=cases[0].author)
    audit(C, col, ms, N, nms, len(cases))
    C.trap(off, "the author appears only in the folder name (姓名/案例.docx, 姓名/生活照.jpg); no author line in the docx",
           ["PHOTO_MISSING", "CASE_AUTHOR_UNKNOWN", "CASE_QUOTA"])
    arrive = when(2020, 6, 18, 12, 0)
    base = f"{off}/"
    C.put(base + f"{off}优秀带班党员案例.zip", pack.make_zip(None, zipm, dirs=True), off, arrive)
    C.put(base + "考核情况汇总表.xlsx", a4.read_bytes(), off, arrive)
    C.put(base + "获奖情况统计表.xlsx", a3.read_bytes(), off, arrive)
    C.put(base + "新聘学生带班党员汇总表.xlsx", a2.read_bytes(), off, arrive)
    put_all(col, base, a5m, arrive)
    if red:
        ws = col.summary(long=False)
        C.put(base + "学生带班工作总结.docx", ws.read_bytes(), off, arrive)
        C.defect("DELIVERABLE_MISSING", off, "no paper copy at all arrived (A4, A2, A5 and work summary electronic only) "
                 "(deliverable: assessment-summary,selection,assessment-forms,work-summary)")
        return
    C.defect("DELIVERABLE_MISSING", off, "no work summary at all (neither electronic nor paper) (deliverable: work-summary)")
    seal = col.seal()
    target = next(m for m in ms if m.level == "优秀")
    st4p = TableStyle(**{**st4.__dict__, "overrides": {target.sid: {"考核等级": "合格"}}})
    k4 = col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4p, paper=True), seal)
    k2 = col.paper_copy("A2", a2, None)
    C.defect("PAPER_ELECTRONIC_MISMATCH", off, "scanned A4 shows 考核等级 合格 where the electronic A4 says 优秀学生带班党员", person=target)
    C.defect("SEAL_MISSING", off, "the paper copy of A2 bears no seal (deliverable: selection)")
    d = f"扫描件/{off}/"
    pday = when(2020, 6, 20, 16, 0)
    C.add_scan(d + "考核汇总表.pdf", "pdf", [(k4, None)], ScanOpts(dpi=200, skew=-0.6), off, pday)
    C.add_scan(d + "新聘汇总表.pdf", "pdf", [(k2, None)], ScanOpts(dpi=200, skew=0.4), off, pday)
    rare = [m for m in ms if is_rare(m) and m is not target][:2]
    for m in rare:
        k = col.paper_copy(f"A5-{m.sid}", a5p[m.sid], col.seal(needles=["（盖章）"], dx_mm=-12, dy_mm=0))
        C.add_scan(d + f"审批表-{m.name}.jpg", "jpg", [(k, None)], ScanOpts(dpi=200, quality=82, skew=0.3), off, pday)
    C.trap(off, "A5 scanned as JPG pages (审批表-姓名-1.jpg / -2.jpg) for a sample with rare-character names "
           + "、".join(m.name for m in rare), ["PAPER_ELECTRONIC_MISMATCH", "FIELD_MISMATCH", "SEAL_MISSING"])


# =====================================================================================
def mech_college(C: Corpus, elec_mentors):
    """DEFECTS. Two QQ-style emails (GB18030 encoded words) — one late —, a 7z… no: a GBK zip; criteria; corrupt file."""
    col = College(C, "机械与汽车工程学院", "机械学院", "09", ["机械设计制造及其自动化", "车辆工程", "材料成型及控制工程"])
    off = col.official
    ms = col.mentors(10, n_model=2, n_exc=3, rare=2)
    dup = next(m for m in elec_mentors[1:-1] if m.level == "合格")
    ms.insert(5, dup)
    N = len(ms)
    col.style("two QQ-mail style emails (GB18030 encoded-word subject and attachment names): the A2 one a day late, the rest at 23:40 on the deadline day; a Windows GBK zip inside")
    col.style("A3 as .xls sent twice (same bytes), work summary as .doc; A4 with an extra 联系电话 column, title naming the college; A5 template with 学院 written 机械学院")
    col.style("cases: bold 一、 headings (no Word heading style), author 作者:姓名(学号:…) half-width, captions （图N …）")
    m1, m2 = [m for m in ms if m.level == "标兵" and m is not dup][:2]
    m1.failed = 1
    m2.violations = 2
    C.defect("CRITERIA_NOT_MET", off, "标兵 with 1 不及格科目", person=m1)
    C.defect("CRITERIA_NOT_MET", off, "标兵 whose class had 2 违纪", person=m2)
    C.defect("DUPLICATE_PERSON", off, f"{dup.name} ({dup.sid}) of 电子与电气工程学院 is also listed (with an A5) by this college",
             person=dup)
    hq = next(m for m in ms if m.level == "合格" and m is not dup)
    hq.failed = 0
    C.defect("FIELD_MISMATCH", off, "不及格科目数 0 on A4 but 2 on the person's A5", person=hq)
    st4 = TableStyle(titles=[f"{off}2019-2020学年学生带班党员考核情况汇总表"],
                     info=[f"学院（盖章）：{off}　　带班党员总数：{N}　　公示时间：2020年6月10日至6月14日"],
                     columns=A4_COLUMNS[:-1] + ["联系电话", "备注"], sid="text", sheet_name="汇总")
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    nms = col.new_mentors([3, 1, 2, 1])
    C.defect("CLASS_OVER_STAFFED", off, f"3 new mentors for {nms[0].fresh_class}")
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col))
    a3 = col.xlsx("A3.xlsx", write_a3, ms, a3_style(col))
    a3x = C.convert(a3, "xls")
    a5st = {"layout": "template", "college": "机械学院"}
    a5m, a5p = [], {}
    corrupt = next(m for m in ms if m.level == "合格" and m is not hq and m is not dup)
    for i, m in enumerate(ms, 1):
        p = col.a5(m, a5st, overrides={"不及格科目数": "2"} if m is hq else None)
        a5p[m.sid] = p
        data = p.read_bytes()
        if m is corrupt:
            data = data[: len(data) * 3 // 5]
        a5m.append((f"审批表/{i:02d}-{m.name}.docx", data))
    C.defect("UNREADABLE_FILE", off, f"an A5 .docx cut short (truncated zip): 审批表/…-{corrupt.name}.docx; {corrupt.name} "
             f"({corrupt.sid}) therefore has no readable A5", also=["FORM_MISSING"])
    ws = col.summary(long=False)
    wsd = C.convert(ws, "doc")
    authors = col.rng.sample([m for m in ms if m is not dup], 4)
    cases = [col.case(a) for a in authors]
    st = {"heading": "std", "heading_builtin": False, "author": "paren_half", "pictures": "inline", "caption": "plain",
          "caption_text": "paren", "title": "bold"}
    zipm = members_of(col, cases, st, "per_person")
    audit(C, col, ms, N, nms, len(cases))
    e1 = when(2020, 6, 21, 9, 15)
    e2 = when(2020, 6, 22, 23, 40)
    C.defect("LATE_SUBMISSION", off, "the A2 (selection, due 2020-06-20) arrived by an email dated 2020-06-21 09:15 +0800")
    C.defect("DUPLICATE_FILE", off, "the A3 .xls arrived twice (first email and inside the zip of the second)")
    C.trap(off, "the second email is dated Mon, 22 Jun 2020 23:40 +0800 — on the deadline day, not late", ["LATE_SUBMISSION"])

    def package():
        eml1 = C.stage / "jx1.eml"
        pack.make_eml(eml1, f"{off}2020-2021学年度新聘带班党员汇总表", "机械学院团委 <1234567890@qq.com>", e1,
                      "李老师，新聘带班党员汇总表和获奖统计表见附件。", [("新聘学生带班党员汇总表.xlsx", a2.read_bytes()),
                                                         ("获奖情况统计表.xls", a3x.read_bytes())], style="gbk")
        C.put("邮件/QQ邮箱导出/机械学院新聘带班党员汇总表.eml", eml1.read_bytes(), off, e1)
        inner = [("考核情况汇总表.xlsx", a4.read_bytes()), ("获奖情况统计表.xls", a3x.read_bytes()),
                 ("学生带班工作总结.doc", wsd.read_bytes())] + a5m
        eml2 = C.stage / "jx2.eml"
        pack.make_eml(eml2, f"{off}带班党员考核材料及优秀案例", "机械学院团委 <1234567890@qq.com>", e2,
                      "李老师：考核材料、审批表和优秀案例见附件，纸质版明天送到。", [
                          ("机械学院考核材料.zip", pack.make_zip(None, inner, gbk=True)),
                          (f"{off}优秀带班党员案例.zip", pack.make_zip(None, zipm, gbk=True))], style="gbk")
        C.put("邮件/QQ邮箱导出/机械学院考核材料及优秀案例.eml", eml2.read_bytes(), off, e2)
    C.after_convert.append(package)
    seal = col.seal()
    k4 = col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4, paper=True), seal)
    k2 = col.paper_copy("A2", a2, seal)
    kw_ = col.paper_copy("WS", ws, col.seal(needles=[f"中共肇庆学院{off}委员会"], prefer_last=True, dx_mm=0, dy_mm=0))
    m5 = next((m for m in ms if is_rare(m) and m not in (corrupt, hq, dup)), None) or \
        next(m for m in ms if m not in (corrupt, hq, dup))
    k5 = col.paper_copy(f"A5-{m5.sid}", a5p[m5.sid], col.seal(needles=["（盖章）"], dx_mm=-12, dy_mm=0))
    d = "纸质材料扫描/机械学院/"
    pday = when(2020, 6, 22, 17, 0)
    C.add_scan(d + "考核情况汇总表.pdf", "pdf", [(k4, None)], ScanOpts(dpi=200, skew=0.8, toner=1.3), off, pday)
    C.add_scan(d + "新聘汇总表.pdf", "pdf", [(k2, None)], ScanOpts(dpi=200, toner=0.8), off, pday)
    C.add_scan(d + "工作总结.pdf", "pdf", [(kw_, None)], ScanOpts(dpi=150, quality=70), off, pday)
    C.add_scan(d + f"审批表-{m5.name}.pdf", "pdf", [(k5, None)], ScanOpts(dpi=200, skew=-1.0), off, pday)


# =====================================================================================
def music_college(C: Corpus):
    """DEFECTS. 7z archive, headings reworded/merged/bold, a text box, no A3, criteria on 标兵 and 优秀."""
    col = College(C, "音乐学院", "音乐学院", "14", ["音乐学", "音乐表演", "舞蹈学"])
    off = col.official
    N = 7
    ms = col.mentors(N, n_model=1, n_exc=3, rare=3)
    col.style("folder 音乐学院/; cases as a .7z archive with the official name; no A3 sent")
    col.style("A4: info line without colons (学院(盖章) 音乐学院　带班党员总数 7人　公示时间 2020年6月15日至19日), 学号 numbers, vocabulary 标兵/优秀/合格")
    col.style("cases: merged heading 一、标题、背景与起因, reworded headings (背景和起因, 工作做法及流程), a section inside a text box, life photo embedded with caption 本人照片 plus the file")
    col.style("scans: one 300 dpi colour PDF with everything")
    model = next(m for m in ms if m.level == "标兵")
    model.awards = [award("团员", off)]
    C.defect("CRITERIA_NOT_MET", off, "标兵 whose only award is 2019年度院级优秀共青团员 (no 三好学生 / 三等奖学金 or higher)", person=model)
    exc = next(m for m in ms if m.level == "优秀")
    exc.integrity_ok = False
    C.defect("CRITERIA_NOT_MET", off, "优秀 with 诚信记录 有不良记录", person=exc)
    st4 = TableStyle(titles=["肇庆学院学生带班党员考核情况汇总表"],
                     info=[f"学院(盖章) {off}　带班党员总数 {N}人　公示时间 2020年6月15日至19日"],
                     columns=A4_COLUMNS, sid="int", vocab={"level": SHORT_LEVEL})
    a4 = col.xlsx("A4.xlsx", write_a4, ms, st4)
    C.trap(off, "公示时间 written 2020年6月15日至19日 (month omitted at the end) — five days", ["PUBLICITY_TOO_SHORT"])
    C.trap(off, f"带班党员总数 stated without colon as '带班党员总数 {N}人'; cases = round_half_up(2.8) = 3; 标兵 ≤ round_half_up(1.05) = 1",
           ["CASE_QUOTA", "MODEL_QUOTA_EXCEEDED", "HEADCOUNT_MISMATCH"])
    nms = col.new_mentors([2, 1, 1])
    a2 = col.xlsx("A2.xlsx", write_a2, nms, a2_style(col, sid="int"))
    C.defect("DELIVERABLE_MISSING", off, "no A3 awards statistics sent (deliverable: awards)")
    a5m, a5p = a5_members(col, ms, {"layout": "template", "vocab": {"level": SHORT_LEVEL}}, "审批表/{name}.docx")
    ws = col.summary(long=False, signer="音乐学院党委")
    outsider = col.mentors(1, 0, 0)[0]
    authors = col.rng.sample([m for m in ms], 2)
    cases = [col.case(authors[0], n_pictures=4, text_box_section=3, life_photo="embedded+file"),
             col.case(authors[1], n_pictures=3, life_photo="embedded+file"),
             col.case(outsider, n_pictures=4)]
    zipm = []
    styles = [{"heading": "merged_title", "author": "line", "pictures": "inline", "caption": "plain", "title": "Title", "life_caption": "本人照片"},
              {"heading": "reworded", "author": "line", "pictures": "float", "caption": "plain", "title": "Title", "life_caption": "本人照片"},
              {"heading": "bold", "author": "line", "pictures": "inline", "caption": "plain", "title": "bold"}]
    for i, cs in enumerate(cases):
        zipm += col.case_files(cs, i, styles[i], "per_person")
    C.defect("CASE_AUTHOR_UNKNOWN", off, "a case by a student who is not on the college's A4 (not a class mentor)", person=outsider,
             also=["CASE_QUOTA"])
    C.trap(off, "case headings: merged 一、标题、背景与起因; reworded 背景和起因 / 工作做法及流程 / 效果和启示; bold headings without numbers; section 四 inside a text box",
           ["CASE_SECTION_MISSING"])
    audit(C, col, [m for m in ms], N, nms, len(cases))
    arrive = when(2020, 6, 20, 20, 30)
    base = "音乐学院/"
    z7 = C.stage / "music.7z"
    pack.make_7z(z7, zipm)
    C.put(base + f"{off}优秀带班党员案例.7z", z7.read_bytes(), off, arrive)
    C.put(base + "附件4：学生带班党员考核情况汇总表.xlsx", a4.read_bytes(), off, arrive)
    C.put(base + "附件2：新聘学生带班党员汇总表.xlsx", a2.read_bytes(), off, arrive)
    C.put(base + "学生带班工作总结.docx", ws.read_bytes(), off, arrive)
    put_all(col, base, a5m, arrive)
    seal = col.seal()
    parts = [(col.paper_copy("A4", col.xlsx("A4p.xlsx", write_a4, ms, st4, paper=True), seal), None),
             (col.paper_copy("A2", a2, seal), None)]
    rare = [m for m in ms if is_rare(m)][:2]
    for m in rare:
        parts.append((col.paper_copy(f"A5-{m.sid}", a5p[m.sid], col.seal(needles=["（盖章）"], dx_mm=-12, dy_mm=0)), None))
    parts.append((col.paper_copy("WS", ws, col.seal(needles=["音乐学院党委"], prefer_last=True, dx_mm=0, dy_mm=0)), None))
    C.add_scan("纸质材料扫描/音乐学院/音乐学院纸质材料.pdf", "pdf", parts, ScanOpts(dpi=300, quality=88, skew=-0.3), off,
               when(2020, 6, 20, 10, 30))


# =====================================================================================
def build(out: Path, reduced: bool, seed: int) -> dict:
    t0 = time.time()
    out = Path(out)
    if (out / "inbox").exists() and any((out / "inbox").iterdir()):
        raise SystemExit(f"{out}/inbox is not empty")
    C = Corpus(out, seed, reduced)
    C.inbox.mkdir(parents=True, exist_ok=True)
    C.stage.mkdir(parents=True, exist_ok=True)
    try:
        math_college(C)
        em = elec_college(C)
        life_college(C)
        if not reduced:
            foreign_college(C)
            wen_college(C)
            econ_college(C)
            edu_college(C)
            mech_college(C, em)
            music_college(C)
        C.run_conversions()
        C.run_scans()
        C.finish()
    finally:
        C.cleanup()
    truth = {"colleges": C.colleges, "clean_colleges": C.clean, "defects": C.defects, "traps": C.traps}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
    manifest = {"files": C.manifest, "styles": C.styles, "scanned_pages": C.pages, "seed": seed, "reduced": reduced}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return {"colleges": len(C.colleges), "defects": len(C.defects), "traps": len(C.traps), "files": len(C.manifest),
            "scanned_pages": C.pages, "seconds": round(time.time() - t0, 1)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (inbox/, truth.json, manifest.json)")
    ap.add_argument("--reduced", action="store_true", help="three colleges, ≤ 8 scanned pages, fast")
    ap.add_argument("--seed", type=int, default=2020)
    a = ap.parse_args(argv)
    info = build(Path(a.out), a.reduced, a.seed)
    print(json.dumps(info, ensure_ascii=False))


if __name__ == "__main__":
    main()
