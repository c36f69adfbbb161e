"""政法学院 — CLEAN. One QQ-mail style .eml (GB18030 encoded-word names), Windows zips with GBK names.

10 mentors (2 标兵: 15 % × 10 = 1.5 → 2; 4 cases: 40 % × 10 = 4).
"""
from __future__ import annotations

import datetime as dt

import docs
import forms
import images
import pack
import paper
import scans
import sheets
import textgen
from ctx import case_pictures, sections
from people import BIAO, YOU, ZF, ZF_AWARDS, ZF_NEW
from sheets import LEFT, merge, put

C = "政法学院"
H4 = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]


def build(ctx):
    ctx.colleges.append(C)
    ctx.clean.append(C)
    ctx.styles[C] = ("clean; one .eml (Foxmail, GB18030 encoded-word attachment names) with GBK-named zips; "
                     "A4 with Excel date cells for 公示, COUNTA/ROW formulas with cached values, 学号 text with "
                     "Excel's apostrophe, a statistics sheet, blank numbered rows, frozen header; A3 as .xls; "
                     "A5 forms wrapped in an outer table (table in a table); cases with pictures in 1×2 tables, "
                     "a text-box author line, unaccepted tracked changes, pictures as separate files; "
                     "scans: colour 200 dpi PDFs, A2 as a phone photo")
    d = ctx.stage / "zf"
    d.mkdir(parents=True, exist_ok=True)
    rng = ctx.rng("zf")
    by = {m.name: m for m in ZF}

    # ---------------------------------------------------------------- cases (A1)
    case_members = []
    lifes = {}
    for nm in ("邴翀", "阿卜杜热合曼·买买提明", "欧阳婧琰", "覃彧"):
        lifes[nm] = images.life_photo(ctx.rng("life:" + nm), min_bytes=1_200_000)
    a = lambda m: {"姓名": m.name, "学号": m.sid, "学院": C, "所带班级": m.led}

    m = by["邴翀"]
    r = ctx.rng("case:邴翀")
    pics = case_pictures(r, 5, "图{n}　{t}")
    docs.build_case(d / "c1.docx", title="一份学习计划表背后的成长", author=a(m), author_style="line",
                    heading_style="h2", headings=H4, sections=sections(r, 950), pictures=pics,
                    picture_layout="pairs", life_embed=(lifes[m.name], "作者生活照"), rng=r)
    case_members += [("邴翀-优秀带班党员案例.docx", (d / "c1.docx").read_bytes()),
                     ("邴翀生活照.jpg", lifes[m.name])]
    ctx.trap(C, ["CASE_IMAGE_COUNT"], "邴翀's case has 5 pictures, four of them two-by-two in 1×2 tables with "
             "captions in the row below, plus the author's life photo embedded at the end captioned 作者生活照 "
             "(not a case picture): 5 pictures.", name="邴翀")

    m = by["阿卜杜热合曼·买买提明"]
    r = ctx.rng("case:abdu")
    secs = sections(r, 1420, latin=True)
    heads = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]
    textgen.pad_to_exact(secs, heads, 1480)
    body = "".join(p for s in secs for p in s)
    runs = len(textgen._RUN.findall(body))
    letters = textgen.latin_chars(body)
    expanded = 1480 + letters - runs
    assert expanded > 1500, expanded
    pics = case_pictures(r, 3, "图{n}：{t}")
    docs.build_case(d / "c2.docx", title="从“手机不离手”到“书本不离手”", author=a(m), author_style="paren2",
                    heading_style="bold", headings=heads, sections=secs, pictures=pics,
                    picture_layout="inline", indent="\u3000\u3000", rng=r)
    case_members += [("阿卜杜热合曼·买买提明-优秀带班党员案例.docx", (d / "c2.docx").read_bytes()),
                     ("生活照-阿卜杜热合曼·买买提明.jpg", lifes[m.name])]
    ctx.trap(C, ["CASE_TOO_LONG"], f"阿卜杜热合曼·买买提明's case body is 1480 字 by the SPEC rule, headings "
             f"included ({1480 - sum(textgen.spec_count(h) for h in heads)} without them); it holds {runs} "
             f"Latin/digit runs (QQ, PPT, WiFi, 2019, 42 …) = {letters} letters and digits, so counting every "
             f"letter gives {expanded}; paragraphs are indented with U+3000 (whitespace, 0). Under 1500.",
             name="阿卜杜热合曼·买买提明")
    ctx.trap(C, ["CASE_IMAGE_COUNT"], "the same case has exactly 3 pictures (the lower bound).",
             name="阿卜杜热合曼·买买提明")

    m = by["欧阳婧琰"]
    r = ctx.rng("case:oyjy")
    pics = case_pictures(r, 4, "图{n}　{t}")
    docs.build_case(d / "c3.docx", title="一张课表背后的温度", author=a(m), author_style="textbox",
                    heading_style="h2", headings=H4, sections=sections(r, 880), pictures=pics,
                    picture_layout="floating", header_text="政法学院学生带班党员优秀案例",
                    tracked_change=("每周两次", "每周一次"), rng=r)
    case_members += [("《一张课表背后的温度》.docx", (d / "c3.docx").read_bytes()),
                     ("欧阳婧琰生活照.JPG", lifes[m.name])]
    ctx.trap(C, ["PHOTO_MISSING", "CASE_AUTHOR_UNKNOWN", "FIELD_MISMATCH"],
             "欧阳婧琰's case file is named after its title (《一张课表背后的温度》.docx); the author line "
             "(姓名/学号/学院/所带班级) is inside a Word text box at the top; her life photo 欧阳婧琰生活照.JPG "
             "(upper-case extension) is beside it. 4 floating (anchored) pictures, a running header and page "
             "numbers, and one unaccepted tracked change (每周两次 deleted, 每周一次 inserted) — far from 1500 字 "
             "under either reading.", name="欧阳婧琰")

    m = by["覃彧"]
    r = ctx.rng("case:qy")
    pics = case_pictures(r, 4, "图{n} {t}")
    h_paren = ["（一）背景与起因", "（二）做法与流程", "（三）效果与启示", "（四）创意与评价"]
    docs.build_case(d / "c4.docx", title="让每一位新生都被看见", author=a(m), author_style="table",
                    heading_style="bold", headings=h_paren, sections=sections(r, 900), pictures=[],
                    picture_layout="none", rng=r)
    case_members += [("覃彧/", b""), ("覃彧/案例正文.docx", (d / "c4.docx").read_bytes())]
    for data, cap in pics:
        case_members.append((f"覃彧/{cap}.jpg", data))
    case_members.append(("覃彧/覃彧生活照.jpg", lifes[m.name]))
    ctx.trap(C, ["CASE_IMAGE_COUNT", "PHOTO_MISSING"], "覃彧's case sits in a folder 覃彧/ with its 4 pictures as "
             "separate files (图1 ….jpg …) and 覃彧生活照.jpg; the docx has no embedded picture; author in a "
             "small 2×4 table; headings （一）…（四） in bold, no heading style.", name="覃彧")
    cases_zip = pack.zip_bytes(ctx.work, "zfcases", case_members, gbk=True, date=(2020, 6, 19, 15, 48, 0))
    ctx.trap(C, ["CASE_QUOTA"], "4 cases for 10 mentors: 40 % × 10 = 4.")
    ctx.trap(C, ["ARCHIVE_NAME_INVALID", "UNREADABLE_FILE", "UNKNOWN_COLLEGE"],
             "the cases archive 政法学院优秀带班党员案例.zip was made with Windows' zip tool: member names in GBK "
             "without the UTF-8 flag (阿卜杜热合曼·买买提明 with its middle dot, 邴翀, 覃彧), attached to a Foxmail "
             "message whose attachment names are RFC 2047 encoded-words in GB18030.")

    # ---------------------------------------------------------------- A4
    wb, ws = sheets.new_wb("考核汇总")
    cache = {"考核汇总": {}, "等级统计": {}}
    ncol = len(forms.A4_COLS)
    sheets.widths(ws, forms.A4_W)
    merge(ws, 1, 1, 1, ncol, "肇庆学院学生带班党员考核情况汇总表", bold=True, size=16, box=False)
    ws.row_dimensions[1].height = 34
    merge(ws, 2, 1, 2, 3, "学院（盖章）：", box=False, align=sheets.Alignment(horizontal="right", vertical="center"))
    put(ws, 2, 4, "政法学院", box=False, align=LEFT)
    merge(ws, 2, 5, 2, 6, "带班党员总数：", box=False, align=sheets.Alignment(horizontal="right", vertical="center"))
    c = put(ws, 2, 7, "=COUNTA(B5:B16)", box=False, align=LEFT)
    cache["考核汇总"][c.coordinate] = 10
    put(ws, 2, 8, "公示时间：", box=False, align=sheets.Alignment(horizontal="right", vertical="center"))
    put(ws, 2, 9, dt.date(2020, 6, 10), box=False, fmt='yyyy"年"m"月"d"日"', align=LEFT)
    ws.merge_cells("I2:J2")
    put(ws, 2, 11, "至", box=False)
    put(ws, 2, 12, dt.date(2020, 6, 14), box=False, fmt='yyyy"年"m"月"d"日"', align=LEFT)
    ws.merge_cells("L2:M2")
    ws.row_dimensions[2].height = 26
    merge(ws, 3, 1, 3, ncol, "填表说明：学号以文本格式填写；考核等级填“标兵”或“优秀”。", box=False, align=LEFT, size=9)
    ws.row_dimensions[3].hidden = True
    recs = []
    for m in ZF:
        recs.append(forms.a4_record(
            m, name=("李 娜" if m.name == "李娜" else None),
            status=lambda s: {"中共预备党员": "预备党员"}.get(s, s),
            rating=lambda x: {BIAO: "标兵", YOU: "优秀"}[x], essay=lambda e: "√" if e == "已完成" else e,
            award=lambda mm: mm.award if mm.award != "无" else ""))
    end = forms.table(ws, 4, forms.A4_COLS, recs, serial="formula", sid_modes=["quote"] * len(recs),
                      cache=cache["考核汇总"], size=10.5)
    for k in range(2):     # template rows left over, only a 序号
        r_ = end + k
        for cc in range(1, ncol + 1):
            put(ws, r_, cc, (len(recs) + 1 + k) if cc == 1 else None)
        ws.row_dimensions[r_].height = 24
    forms.footer_line(ws, end + 3, "填表人：刘雅文　　　审核人：陈国栋（学院党委副书记）　　　联系电话：0758-2752136", ncol)
    forms.footer_line(ws, end + 4, "日期：2020年6月16日", ncol)
    ws.freeze_panes = "C5"
    sheets.print_a4(ws, title_rows="4:4", header_text="附件4")
    ws2 = wb.create_sheet("等级统计")
    put(ws2, 1, 1, "考核等级", bold=True); put(ws2, 1, 2, "人数", bold=True)
    put(ws2, 2, 1, "标兵"); c = put(ws2, 2, 2, '=COUNTIF(考核汇总!L5:L14,"标兵")'); cache["等级统计"][c.coordinate] = 2
    put(ws2, 3, 1, "优秀"); c = put(ws2, 3, 2, '=COUNTIF(考核汇总!L5:L14,"优秀")'); cache["等级统计"][c.coordinate] = 8
    put(ws2, 4, 1, "合计"); c = put(ws2, 4, 2, "=SUM(B2:B3)"); cache["等级统计"][c.coordinate] = 10
    a4 = d / "a4.xlsx"
    sheets.save_with_cache(wb, a4, cache)
    ctx.print_(f"zf_a4", a4)
    ctx.trap(C, ["PUBLICITY_TOO_SHORT"], "公示时间 is two Excel date cells (serials 43992 and 43996, shown "
             "2020年6月10日 至 2020年6月14日): five days counted inclusively.")
    ctx.trap(C, ["HEADCOUNT_MISMATCH"], "带班党员总数 is the formula =COUNTA(B5:B16) with cached value 10; 10 person "
             "rows; two template rows below with only a 序号 (11, 12); 序号 are =ROW()-4 formulas; footer lines "
             "填表人/审核人/联系电话 and 日期; a second sheet 等级统计 with COUNTIF formulas (标兵 2, 优秀 8, 合计 10); "
             "the instruction row is hidden; panes frozen at C5.")
    ctx.trap(C, ["MODEL_QUOTA_EXCEEDED"], "2 标兵 for 10 mentors: 15 % × 10 = 1.5 → 2 (四舍五入).")
    ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY"], "A4 writes 李 娜 with a stray space; "
             "her A5 says 李娜; 学号 is text with Excel's quote prefix (no apostrophe in the value).", name="李娜")
    ctx.trap(C, ["CRITERIA_NOT_MET"], "欧阳婧琰 is 优秀 with 1 failed course and no award: the notice asks neither "
             "of 优秀 (only 诚信, 班风, 特色, 征文).", name="欧阳婧琰")
    ctx.trap(C, ["CRITERIA_NOT_MET", "FIELD_MISMATCH"], "vocabulary: 考核等级 标兵/优秀, 政治面貌 预备党员, 带班征文 √ "
             "on A4; 学生带班党员标兵/优秀学生带班党员, 中共预备党员, 已完成, 无不良记录 on A5.")

    # ---------------------------------------------------------------- A3 (.xls)
    wb, ws = sheets.new_wb("获奖情况")
    n3 = len(forms.A3_COLS)
    sheets.widths(ws, forms.A3_W)
    merge(ws, 1, 1, 1, n3, "肇庆学院学生带班党员获奖情况统计表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, n3, "学院：政法学院", box=False, align=LEFT)
    recs = []
    for aw in ZF_AWARDS:
        rec = forms.a3_record(aw, datefmt="yyyy.mm")
        recs.append(rec)
    end = forms.table(ws, 3, forms.A3_COLS, recs, sid_modes=["int"] * len(recs), cache={})
    forms.footer_line(ws, end + 1, "填表人：刘雅文　　日期：2020年6月16日", n3)
    sheets.print_a4(ws)
    a3 = d / "获奖情况统计表（政法学院）.xlsx"
    sheets.save_with_cache(wb, a3, {})
    ctx.legacy_xls(a3)
    ctx.trap(C, ["FIELD_MISMATCH"], "A3 (.xls made by LibreOffice) writes 所带班级 as 19法学1班, 19法学2班, "
             "19社会工作1班, 19法学3班 where A4 writes 2019级法学1班 …: the same classes; 学号 are numbers; "
             "获奖时间 are date serials shown 2019.10 or texts 2019.10 / 2019年5月 / 2019.11.16; 邴翀 has two "
             "award rows.")

    # ---------------------------------------------------------------- A2
    wb, ws = sheets.new_wb("新聘带班党员")
    n2 = len(forms.A2_COLS)
    sheets.widths(ws, forms.A2_W)
    merge(ws, 1, 1, 1, n2, "肇庆学院2020—2021学年度新聘学生带班党员汇总表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, n2, "学院（盖章）：政法学院　　填表人：刘雅文　　联系电话：0758-2752136　　日期：2020年6月17日",
          box=False, align=LEFT)
    ws.row_dimensions[2].height = 28
    st_var = {"陆皓轩": "发展对象", "严俊豪": "预备党员"}
    recs = [forms.a2_record(n, status=lambda nn: st_var.get(nn.name, nn.status)) for n in ZF_NEW]
    modes = ["apostrophe" if n.name in ("胡梓萱", "施雨萌") else "text" for n in ZF_NEW]
    end = forms.table(ws, 3, forms.A2_COLS, recs, sid_modes=modes, cache={}, size=11, row_h=26)
    forms.footer_line(ws, end + 1, "备注：所带新生班级按2020年招生计划暂定。", n2)
    sheets.print_a4(ws)
    a2 = d / "a2.xlsx"
    sheets.save_with_cache(wb, a2, {})
    ctx.print_("zf_a2", a2)
    ctx.trap(C, ["CLASS_OVER_STAFFED"], "20法学1班, 20法学2班 and 20思想政治教育1班 get exactly 2 new mentors each.")
    ctx.trap(C, ["CANDIDATE_STATUS"], "A2 政治面貌 发展对象 (陆皓轩) and 预备党员 (严俊豪): 入党发展对象 and 中共预备党员.")
    ctx.trap(C, ["CANDIDATE_GRADE"], "胡梓萱 and 施雨萌's 学号 were pasted with a literal leading apostrophe "
             "('201802010105, '201802020111): 12 digits, 2018 enrolment.")

    # ---------------------------------------------------------------- A5 (nested tables)
    a5_members = []
    a5var = {"邴翀": "法学2017级1班", "阿卜杜热合曼·买买提明": "法学2017级2班", "欧阳婧琰": "社会工作2017级1班"}
    for i, m in enumerate(ZF, 1):
        v = _a5_values(m, 专业班级=a5var.get(m.name), 诚信记录="无不良记录")
        r = ctx.rng("a5:" + m.name)
        p = d / f"a5_{i}.docx"
        docs.build_a5(p, v, layout="nested", college_label=C,
                      opinion=f"经学院党委研究，同意该同志申报{m.rating}。", signer="黄志明",
                      sign_date="2020年6月18日", deeds="".join(r.sample(textgen.DEEDS, 4)))
        a5_members.append((f"{i:02d}-{m.name}-考核审批表.docx", p.read_bytes()))
        if m.name in ("邴翀", "郗喆", "阿卜杜热合曼·买买提明"):
            ctx.print_(f"zf_a5_{i}", p)
    a5_zip = pack.zip_bytes(ctx.work, "zfa5", a5_members, gbk=True, date=(2020, 6, 19, 15, 52, 0))
    ctx.trap(C, ["FORM_MISSING", "FIELD_MISMATCH", "UNREADABLE_FILE"], "every A5 is the label/value form table "
             "inside an outer one-cell table (a table in a table), page 2 after a page break inside that cell; "
             "10 forms in a GBK-named zip.")
    ctx.trap(C, ["FIELD_MISMATCH"], "A5 专业班级 法学2017级1班 / 法学2017级2班 / 社会工作2017级1班 where A4 writes "
             "2017级法学1班 …: the same class, words in another order.", name="邴翀")

    # ---------------------------------------------------------------- work summary
    r = ctx.rng("ws:zf")
    paras = textgen.paragraphs(r, textgen.SUMMARY, 9, (3, 4))
    ws_doc = d / "政法学院2019-2020学年学生带班工作总结.docx"
    docs.build_summary(ws_doc, title="政法学院2019—2020学年学生带班工作总结", paragraphs=paras,
                       signer="中共肇庆学院政法学院委员会", date="2020年6月18日",
                       headings={0: "一、基本情况", 3: "二、主要做法", 6: "三、存在问题与下一步打算"},
                       header="政法学院", tracked_change=("全部", "所有"), comment=("李老师", "此段请补充具体数据。"))
    ctx.print_("zf_ws", ws_doc)
    ctx.trap(C, ["UNREADABLE_FILE", "DELIVERABLE_MISSING"], "the work summary has a running header, page numbers, "
             "a Word comment and an unaccepted tracked change; two printed pages, the seal on the last page only.")

    # ---------------------------------------------------------------- after printing: scans; then packaging
    def scans_job():
        base = "纸质材料扫描/政法学院/"
        pg = paper.scan(ctx, "zf_a4", college=C, dpi=200, seals=[("text", 0, "盖章", 0, 30, 14)], skew=0.6,
                         pages=[0])
        ctx.put(base + "政法学院-考核情况汇总表(纸质).pdf", _pdf(ctx, pg, 200, 80), C)
        pg = paper.scan(ctx, "zf_a2", college=C, dpi=200, seals=[("text", 0, "盖章", 0, 25, 4)], phone=True)
        ctx.put(base + "IMG_20200622_093512.jpg", _jpg(ctx, pg[0], 82), C)
        for k, i in enumerate((1, 2, 3)):
            pg = paper.scan(ctx, f"zf_a5_{i}", college=C, dpi=200, seals=[("text", 1, "盖章", 0, -8, 4)], skew=0.4)
            ctx.put(base + f"SCAN_20200622_{k + 1:04d}.pdf", _pdf(ctx, pg, 200, 78), C)
        n = scans.page_count(ctx.pdf("zf_ws"))
        pg = paper.scan(ctx, "zf_ws", college=C, dpi=200,
                        seals=[("text", n - 1, "中共肇庆学院政法学院委员会", 0, 0, 3)], skew=0.3)
        ctx.put(base + "政法学院-工作总结(纸质).pdf", _pdf(ctx, pg, 200, 80), C)
    ctx.after_print.append(scans_job)
    ctx.trap(C, ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "DELIVERABLE_MISSING"], "paper copies: A4 colour "
             "200 dpi PDF, seal over 学院（盖章）; A2 as a phone photo (perspective, shadow across a corner, "
             "uneven warm light, on a desk); A5 for 邴翀, 郗喆 and 阿卜杜热合曼·买买提明 only (a sample) with the seal "
             "on page 2 at 学院党委意见; rare characters 邴 翀 郗 喆 on the scans; work summary 2 pages sealed on the last.")

    def pack_job():
        a3x = ctx.xls_of(a3).read_bytes()
        atts = [("政法学院优秀带班党员案例.zip", cases_zip),
                ("附件4：政法学院学生带班党员考核情况汇总表.xlsx", a4.read_bytes()),
                ("附件3：获奖情况统计表（政法学院）.xls", a3x),
                ("附件2：政法学院新聘学生带班党员汇总表.xlsx", a2.read_bytes()),
                ("政法学院学生带班党员考核审批表（10份）.zip", a5_zip),
                (ws_doc.name, ws_doc.read_bytes())]
        p = ctx.work / "zf.eml"
        pack.write_eml(p, subject="【政法学院】2020年学生带班党员工作材料报送", from_name="政法学院学工办",
                       from_addr="zfxy_xgb@zqu.edu.cn", date="Fri, 19 Jun 2020 16:02:11 +0800",
                       body="李老师您好：\n附件是政法学院2020年学生带班党员工作的全部电子材料，纸质版已送行政楼109。\n政法学院 刘雅文",
                       attachments=atts, style="encoded-word", charset="gb18030")
        ctx.put("邮件/2020-06-19 政法学院 带班党员材料.eml", p.read_bytes(), C)
    ctx.after_scan.append(pack_job)


def _a5_values(m, **over) -> dict:
    v = {"姓名": m.name, "性别": m.gender, "学号": m.sid, "专业班级": m.major,
         "政治面貌": m.status, "所带班级": m.led, "联系电话": m.phone,
         "诚信记录": m.integ, "不及格科目数": m.fails,
         "获奖情况": m.award, "所带班级违纪人数": m.viol, "带班征文": m.essay, "申报等级": m.rating}
    v.update({k: val for k, val in over.items() if val is not None})
    return v


def _pdf(ctx, pages, dpi, q):
    p = ctx.work / "_tmp_scan.pdf"
    scans.save_pdf(pages, p, dpi, q)
    data = p.read_bytes()
    p.unlink()
    return data


def _jpg(ctx, page, q, dpi=200):
    p = ctx.work / "_tmp_scan.jpg"
    scans.save_jpg(page, p, dpi, q)
    data = p.read_bytes()
    p.unlink()
    return data
