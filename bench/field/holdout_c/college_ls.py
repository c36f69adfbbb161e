"""旅游与历史文化学院 — CLEAN. One .eml (RFC 2231 names) carrying a .7z with numbered folders and the
cases zip (literal +) nested inside; one combined grey 150 dpi scan of all paper copies.

12 mentors (2 标兵: 15 % × 12 = 1.8 → 2; 5 cases: 40 % × 12 = 4.8 → 5).
"""
from __future__ import annotations

import datetime as dt
import shutil

import docs
import forms
import images
import pack
import paper
import scans
import sheets
import textgen
from college_zf import _a5_values, _pdf
from ctx import case_pictures, sections
from people import BIAO, LS, LS_AWARDS, LS_NEW, YOU
from sheets import LEFT, merge, put

C = "旅游与历史文化学院"


def build(ctx):
    ctx.colleges.append(C)
    ctx.clean.append(C)
    ctx.styles[C] = ("clean; one .eml (RFC 2231 attachment name) with 旅史学院2020年带班党员材料.7z: numbered "
                     "folders, the cases zip 旅游与历史文化学院+优秀带班党员案例.zip nested; A4 title and footer typed "
                     "in traditional characters, one merged info cell with half-width colons and 到, 所带班级 merged "
                     "over each pair of mentors, hidden instruction row; A3 学号 full-width / scientific format, "
                     "dates as serials and texts; A2 header split over cells with a date serial, a 填表说明 sheet; "
                     "A5 spaced labels, Word comments, three as legacy .doc; work summary in traditional characters; "
                     "one combined grey 150 dpi low-quality JPEG PDF of all paper copies, the A2 page turned 90°")
    d = ctx.stage / "ls"
    d.mkdir(parents=True, exist_ok=True)
    by = {m.name: m for m in LS}
    sevenz = d / "7z"
    (sevenz / "一、优秀案例").mkdir(parents=True)
    (sevenz / "二、考核材料" / "考核审批表").mkdir(parents=True)
    (sevenz / "三、获奖统计").mkdir(parents=True)
    (sevenz / "四、新聘带班党员").mkdir(parents=True)
    (sevenz / "五、工作总结").mkdir(parents=True)
    a = lambda m: {"姓名": m.name, "学号": m.sid, "学院": C, "所带班级": m.led}

    # ---------------------------------------------------------------- cases
    mem = []
    life = {nm: images.life_photo(ctx.rng("life:" + nm), min_bytes=1_150_000)
            for nm in ("热依拉·吐尔逊", "禤祎", "区瑾", "练犇", "植昊")}
    m = by["热依拉·吐尔逊"]; r = ctx.rng("case:ryl")
    docs.build_case(d / "c1.docx", title="把“小家”连成“大家”", author=a(m), author_style="line",
                    heading_style="bold", headings=["（一）背景与起因", "（二）做法与流程", "（三）效果与启示", "（四）创意与评价"],
                    sections=sections(r, 1050), pictures=case_pictures(r, 4, "图{n}：{t}"), rng=r)
    mem += [("热依拉·吐尔逊-案例.docx", (d / "c1.docx").read_bytes()), ("热依拉·吐尔逊生活照.jpg", life[m.name])]

    m = by["禤祎"]; r = ctx.rng("case:xy")
    docs.build_case(d / "c2.docx", title="疫情下的“云端班会”", author=a(m), author_style="paren",
                    heading_style="bold", headings=["第一部分　背景与起因", "第二部分　做法与流程", "第三部分　效果与启示",
                                                    "第四部分　创意与评价"],
                    sections=sections(r, 980), pictures=case_pictures(r, 4, "（图{n}）{t}"), picture_layout="pairs", rng=r)
    mem += [("禤祎-案例.docx", (d / "c2.docx").read_bytes()), ("禤祎-生活照.jpg", life[m.name])]
    ctx.trap(C, ["CASE_SECTION_MISSING"], "禤祎's case headings are 第一部分　背景与起因 … 第四部分　创意与评价 in bold "
             "(no heading style); 4 pictures in two 1×2 tables.", name="禤祎")

    m = by["区瑾"]; r = ctx.rng("case:qj")
    docs.build_case(d / "c3.docx", title="一场读书会带来的改变", author=a(m), author_style="none",
                    heading_style="h2", headings=["一、背景和起因", "二、工作做法及流程", "三、效果与启发", "四、创新与评价"],
                    sections=sections(r, 1000), pictures=case_pictures(r, 5, "图{n}　{t}"), rng=r)
    mem += [("区瑾/", b""), ("区瑾/案例正文.docx", (d / "c3.docx").read_bytes()), ("区瑾/区瑾生活照.jpg", life[m.name])]
    ctx.trap(C, ["CASE_SECTION_MISSING", "PHOTO_MISSING", "CASE_IMAGE_COUNT"], "区瑾's case names its author only in "
             "its folder (区瑾/案例正文.docx, 区瑾/区瑾生活照.jpg), has 5 pictures, and reworded headings 背景和起因 / "
             "工作做法及流程 / 效果与启发 / 创新与评价 — all four parts are there.", name="区瑾")

    m = by["练犇"]; r = ctx.rng("case:lb")
    docs.build_case(d / "c4.docx", title="从“要我学”到“我要学”", author=a(m), author_style="table",
                    heading_style="table", headings=["背景与起因", "做法与流程", "效果与启示", "创意与评价"],
                    sections=sections(r, 900), pictures=case_pictures(r, 3, "图{n}　{t}"), rng=r)
    mem += [("练犇-案例.docx", (d / "c4.docx").read_bytes()), ("练犇生活照.jpg", life[m.name])]
    ctx.trap(C, ["CASE_SECTION_MISSING", "CASE_IMAGE_COUNT"], "练犇's case is written inside the template's 4-column "
             "table (heading cell left, text merged right, 3 pictures with captions in one cell).", name="练犇")

    m = by["植昊"]; r = ctx.rng("case:zh")
    docs.build_case(d / "c5.docx", title="做新生身边的“引路人”", author=a(m), author_style="line",
                    heading_style="h1", headings=["1．背景与起因", "2．做法与流程", "3．效果与启示", "4．创意与评价"],
                    sections=sections(r, 950), pictures=case_pictures(r, 3, "图{n}　{t}"),
                    life_embed=(life[m.name], "本人生活照"), header_logo=images.png_bytes(images.logo("旅史学院")),
                    header_text="旅游与历史文化学院", rng=r)
    mem += [("植昊-案例.docx", (d / "c5.docx").read_bytes()), ("植昊生活照.jpg", life[m.name])]
    ctx.trap(C, ["CASE_IMAGE_COUNT"], "植昊's case: 3 pictures + a logo in the page header + the life photo embedded "
             "with caption 本人生活照 (and attached as 植昊生活照.jpg): 3 case pictures.", name="植昊")
    (sevenz / "一、优秀案例" / "旅游与历史文化学院+优秀带班党员案例.zip").write_bytes(
        pack.zip_bytes(ctx.work, "lscases", mem, date=(2020, 6, 17, 21, 3, 0)))
    ctx.trap(C, ["ARCHIVE_NAME_INVALID"], "the cases archive is 旅游与历史文化学院+优秀带班党员案例.zip (literal +), "
             "nested in a 7z attached to an e-mail.")
    ctx.trap(C, ["CASE_QUOTA"], "5 cases for 12 mentors: 40 % × 12 = 4.8 → 5.")

    # ---------------------------------------------------------------- A4
    wb, ws = sheets.new_wb("汇总表")
    ncol = len(forms.A4_COLS)
    sheets.widths(ws, forms.A4_W)
    merge(ws, 1, 1, 1, ncol, "肇慶學院學生帶班黨員考核情況匯總表", bold=True, size=16, box=False)
    ws.row_dimensions[1].height = 34
    merge(ws, 2, 1, 2, ncol, "学院（盖章）:旅游与历史文化学院            带班党员总数:12            "
                             "公示时间:2020年6月9日到6月13日", box=False, align=LEFT)
    ws.row_dimensions[2].height = 26
    merge(ws, 3, 1, 3, ncol, "填表说明：考核等级填写“学生带班党员标兵/优秀学生带班党员”。", box=False, align=LEFT, size=9)
    ws.row_dimensions[3].hidden = True
    recs = [forms.a4_record(m, integ=lambda x: "无不良记录" if x == "无" else x) for m in LS]
    end = forms.table(ws, 4, forms.A4_COLS, recs, sid_modes=["int"] * len(recs), merge_col="所带班级",
                      cache={}, size=10.5)
    forms.footer_line(ws, end, "合計：12人", ncol)
    forms.footer_line(ws, end + 1, "填表人：馮曉敏　　　審核人：梁志遠　　　（蓋章）", ncol)
    ws.freeze_panes = "A5"
    sheets.print_a4(ws, title_rows="4:4")
    wb.create_sheet("Sheet2")
    a4 = d / "a4.xlsx"
    sheets.save_with_cache(wb, a4, {})
    shutil.copy(a4, sevenz / "二、考核材料" / "附件4 考核情况汇总表.xlsx")
    ctx.print_("ls_a4", a4)
    ctx.trap(C, ["PUBLICITY_TOO_SHORT"], "公示时间:2020年6月9日到6月13日 (half-width colon, 到): five days inclusive.")
    ctx.trap(C, ["HEADCOUNT_MISMATCH"], "A4 title typed in traditional characters (肇慶學院學生帶班黨員考核情況匯總表); "
             "info line in one merged cell with half-width colons; footer 合計：12人 and 填表人/審核人/（蓋章） in "
             "traditional characters; hidden instruction row; an empty Sheet2; 12 rows = 带班党员总数 12.")
    ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING"], "所带班级 is one merged cell over each pair of mentors of the "
             "same class (12 people, 6 merged cells); 学号 are numbers.")
    ctx.trap(C, ["MODEL_QUOTA_EXCEEDED"], "2 标兵 for 12 mentors: 15 % × 12 = 1.8 → 2.")
    ctx.trap(C, ["CRITERIA_NOT_MET"], "禤祎 is 优秀 with 1 failed course and no award (not criteria of 优秀).",
             name="禤祎")

    # ---------------------------------------------------------------- A3
    wb, ws = sheets.new_wb("获奖统计")
    n3 = len(forms.A3_COLS)
    sheets.widths(ws, forms.A3_W)
    merge(ws, 1, 1, 1, n3, "肇庆学院学生带班党员获奖情况统计表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, n3, "学院：旅游与历史文化学院", box=False, align=LEFT)
    recs = [forms.a3_record(aw, datefmt='yyyy"年"m"月"') for aw in LS_AWARDS]
    forms.table(ws, 3, forms.A3_COLS, recs, sid_modes=["fullwidth", "sci", "fullwidth", "sci"], cache={})
    a3 = sevenz / "三、获奖统计" / "获奖情况统计表.xlsx"
    sheets.save_with_cache(wb, a3, {})
    ctx.trap(C, ["FIELD_MISMATCH", "UNREADABLE_FILE"], "A3 学号 in full-width digits (text) for 热依拉·吐尔逊 and 区瑾, "
             "numbers formatted 0.00E+00 (shown 2.02E+11) for 司马昕玥 and 邝珺; 获奖时间 date serials shown "
             "2019年10月 and texts 2019年5月 / 2019.12.")

    # ---------------------------------------------------------------- A2
    wb, ws = sheets.new_wb("新聘汇总")
    n2 = len(forms.A2_COLS)
    sheets.widths(ws, forms.A2_W[:-1] + [12])    # wide enough for the date in J2 (no ### on paper)
    merge(ws, 1, 1, 1, n2, "肇庆学院2020—2021学年度新聘学生带班党员汇总表", bold=True, size=16, box=False)
    for col, v in ((1, "学院（盖章）"), (3, "旅游与历史文化学院"), (5, "填表人"), (6, "冯晓敏"), (7, "联系电话"),
                   (8, "0758-2716386"), (9, "日期")):
        put(ws, 2, col, v, box=False, align=LEFT)
    ws.merge_cells("A2:B2"); ws.merge_cells("C2:D2")
    put(ws, 2, 10, dt.date(2020, 6, 16), box=False, fmt="yyyy/m/d", align=LEFT)
    ws.row_dimensions[2].height = 26
    recs = [forms.a2_record(n, grade=lambda nn: nn.sid[2:4] + "级") for n in LS_NEW]
    forms.table(ws, 4, forms.A2_COLS, recs, sid_modes=["int"] * len(recs), cache={}, row_h=25)
    sheets.print_a4(ws)
    ws2 = wb.create_sheet("填表说明")
    for i, line in enumerate(["1. 学号填写12位数字。", "2. 每个新生班级配备的学生带班党员不超过2名。",
                              "3. 本表于6月20日前报送。"], 1):
        ws2.cell(row=i, column=1, value=line)
    a2 = d / "a2.xlsx"
    sheets.save_with_cache(wb, a2, {})
    shutil.copy(a2, sevenz / "四、新聘带班党员" / "新聘学生带班党员汇总表.xlsx")
    ctx.print_("ls_a2", a2)
    ctx.trap(C, ["CLASS_OVER_STAFFED", "CANDIDATE_GRADE", "CANDIDATE_STATUS"], "A2: header row moved down one "
             "(blank row 3), info split over cells with the date as a serial, 年级 18级, 学号 numbers, a 填表说明 "
             "sheet after the data; 2020级旅游管理1班 / 2020级旅游管理2班 / 2020级历史学1班 / 2020级酒店管理1班 / "
             "2020级文化产业管理1班 get exactly 2; 谭心怡 is 中共党员.")

    # ---------------------------------------------------------------- A5
    comments = {"热依拉·吐尔逊": [("获奖情况", "证书复印件已附后。")],
                "禤祎": [("不及格科目数", "已与教务系统核对：1门，补考已通过。")]}
    for i, m in enumerate(LS, 1):
        r = ctx.rng("a5:" + m.name)
        deeds = "".join(r.sample(textgen.DEEDS, 4))
        if m.name == "区瑾":
            deeds = textgen.to_traditional(deeds)
        p = d / f"考核审批表（{m.name}）.docx"
        docs.build_a5(p, _a5_values(m), layout="spaced", college_label=C,
                      opinion="经学院党委审核，情况属实，同意申报。", signer="梁志远", sign_date="2020年6月17日",
                      deeds=deeds, comments=comments.get(m.name, []))
        if m.name in ("禤祎", "龙赟", "麦晗"):
            ctx.legacy_doc(p)
        else:
            shutil.copy(p, sevenz / "二、考核材料" / "考核审批表" / p.name)
        if m.name in ("司马昕玥", "麦晗"):
            ctx.print_(f"ls_a5_{i}", p)
    ctx.trap(C, ["FORM_MISSING", "FIELD_MISMATCH", "UNREADABLE_FILE"], "A5: spaced labels (姓　　名, 学　　号 …); "
             "Word comments on 热依拉·吐尔逊's 获奖情况 and 禤祎's 不及格科目数; 禤祎, 龙赟 and 麦晗 sent as legacy .doc "
             "(LibreOffice 'MS Word 97'); 区瑾's 主要事迹 typed in traditional characters.")

    # ---------------------------------------------------------------- work summary (traditional)
    r = ctx.rng("ws:ls")
    paras = [textgen.to_traditional(p) for p in textgen.paragraphs(r, textgen.SUMMARY, 7, (3, 4))]
    signer = textgen.to_traditional("中共肇庆学院旅游与历史文化学院委员会")
    ws_doc = d / "旅游与历史文化学院学生带班工作总结.docx"
    docs.build_summary(ws_doc, title=textgen.to_traditional("旅游与历史文化学院学生带班工作总结"), paragraphs=paras,
                       signer=signer, date="2020年6月17日")
    shutil.copy(ws_doc, sevenz / "五、工作总结" / ws_doc.name)
    ctx.print_("ls_ws", ws_doc)
    ctx.trap(C, ["DELIVERABLE_MISSING", "UNREADABLE_FILE"], "the work summary is typed in traditional characters "
             f"(title {textgen.to_traditional('旅游与历史文化学院学生带班工作总结')}, signed {signer}); file name in "
             "simplified characters; its paper copy is inside the combined scan.")

    def scans_job():
        for nm in ("禤祎", "龙赟", "麦晗"):
            src = d / f"考核审批表（{nm}）.docx"
            shutil.copy(ctx.doc_of(src), sevenz / "二、考核材料" / "考核审批表" / (src.stem + ".doc"))
        pages = []
        pages += paper.scan(ctx, "ls_a4", college=C, dpi=150, seals=[("text", 0, "盖章", 0, 40, 12)], grey=True,
                            pages=[0], noise=7, skew=0.9)
        pages += paper.scan(ctx, "ls_a2", college=C, dpi=150, seals=[("text", 0, "旅游与历史文化学院", 0, 0, 8)],
                            grey=True, pages=[0], noise=7, rotate={0: 90})
        idx = [i for i, m in enumerate(LS, 1) if m.name in ("司马昕玥", "麦晗")]
        for i in idx:
            pages += paper.scan(ctx, f"ls_a5_{i}", college=C, dpi=150, seals=[("text", 1, "盖章", 0, -5, 3)],
                                grey=True, noise=7, skew=0.7)
        n = scans.page_count(ctx.pdf("ls_ws"))
        pages += paper.scan(ctx, "ls_ws", college=C, dpi=150, seals=[("text", n - 1, signer, 0, 0, 2)], grey=True,
                            noise=7)
        ctx.put("纸质版扫描/旅史学院/旅史学院纸质材料（扫描）.pdf", _pdf(ctx, pages, 150, 45), C)
    ctx.after_print.append(scans_job)
    ctx.trap(C, ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "DELIVERABLE_MISSING"], "all paper copies in one "
             "grey 150 dpi PDF with JPEG quality 45: A4, A2 (page turned 90°), A5 of 司马昕玥 and 麦晗 (2 pages each, "
             "seal on page 2), work summary; every one sealed; rare characters 昕 玥 晗 on the scanned pages.")

    def pack_job():
        data = pack.write_7z(ctx.work / "ls.7z", sevenz, mtime=1592394000)
        p = ctx.work / "ls.eml"
        pack.write_eml(p, subject="旅史学院2020年学生带班党员工作材料（含优秀案例）", from_name="旅游与历史文化学院团委",
                       from_addr="lsxy_tw@zqu.edu.cn", date="Thu, 18 Jun 2020 10:25:40 +0800",
                       body="李老师：您好！\n我院2020年学生带班党员工作材料已打包在附件中，请查收。\n纸质材料已加盖公章，明天送到。",
                       attachments=[("旅史学院2020年带班党员材料.7z", data)], style="rfc2231")
        ctx.put("邮件/旅史学院带班党员材料.eml", p.read_bytes(), C)
    ctx.after_scan.append(pack_job)
