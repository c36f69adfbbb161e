"""文学院 — clean.  One e-mail (UTF-8, RFC 2231 names) with everything, resent the next morning;
cases zip with a literal '+'; A5 zip made on a Mac; paper copies as one PDF per form."""
from __future__ import annotations

from openpyxl.styles import Font

from . import docs, sheets, texts
from .parts import (A2_HEADERS, A3_HEADERS, A4_HEADERS, a2_records, a3_records, a4_records, a5_doc, build_case,
                    save_docx, save_xlsx)
from .pack import make_eml, make_zip
from .scan import save_pdf, to_image

C = "文学院"


class Wenxue:
    def __init__(self, ctx, col):
        self.ctx, self.col = ctx, col
        self.college = C
        self.rng = ctx.rng.sub(C)
        ctx.code_of[C] = "wx"
        self.by = {m.name: m for m in col.mentors}

    # ------------------------------------------------------------ electronic
    def prepare(self):
        ctx, col, rng = self.ctx, self.col, self.rng
        W = lambda n: ctx.wpath("wx", n)
        ms = col.mentors
        # A4: two title rows, one info line with full-width colons, 学号 as numbers, 序号 as formulas (cached by
        # LibreOffice), 所带班级 merged over the two mentors of a class, one person split over two rows, blank rows
        wb = sheets.new_book()
        ws = wb.active
        ws.title = "考核汇总"
        recs = a4_records(ms, sid_modes={"*": "number"}, award_none="")
        split = {1: ("获奖情况", ["院级优秀团干部", "校二等奖学金"])}
        sheets.write_table(ws, title_rows=["肇庆学院学生带班党员考核情况汇总表", "（2019—2020学年度）"],
                           info_rows=["学院（盖章）：文学院\u3000\u3000带班党员总数：11人\u3000\u3000"
                                      "公示时间：2020年6月8日至6月12日"],
                           headers=A4_HEADERS, records=recs, merge_cols=["所带班级"], split=split, blank_rows=3,
                           seq_formula=True, footer=["填表人：何丽萍\u3000\u3000\u3000\u3000审核人：梁志明",
                                                     "日期：2020年6月18日"],
                           widths={"学号": 15, "获奖情况": 44, "专业班级": 18, "所带班级": 17, "考核等级": 18})
        self.a4_src = save_xlsx(wb, W("wx-a4.xlsx"))
        self.a4 = ctx.want(self.a4_src, "xlsx", "Calc MS Excel 2007 XML")      # formulas get cached values
        self.a4_pdf = ctx.want(self.a4_src, "pdf")
        ctx.trap(C, ["HEADCOUNT_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY"],
                 "A4 has 3 blank template rows with only a 序号 (12–14) and a footer 填表人/审核人/日期 under the "
                 "11 people; 带班党员总数 11人 = 11 people")
        ctx.trap(C, ["CRITERIA_NOT_MET"], "标兵 李昊然: his row is split over two lines (merged cells); 获奖情况 is "
                 "院级优秀团干部 on the first line and 校二等奖学金 on the second — he meets the award criterion",
                 name="李昊然")
        ctx.trap(C, ["CRITERIA_NOT_MET"], "标兵 陈婧琰's award is written 2018—2019学年综合奖学金三等奖 (a third-class "
                 "scholarship, the words in another order)", name="陈婧琰")
        ctx.trap(C, ["MODEL_QUOTA_EXCEEDED", "CASE_QUOTA"], "quotas: 2 标兵 of 11 (15% × 11 = 1.65 → 2 allowed); "
                 "4 cases (40% × 11 = 4.4 → 4)")
        ctx.trap(C, ["CRITERIA_NOT_MET"], "吴晟 rated 合格 with 1 failed course and no award: the notice sets no "
                 "criteria for 合格", name="吴晟")
        ctx.trap(C, ["PUBLICITY_TOO_SHORT"], "公示时间 2020年6月8日至6月12日 is exactly five days counted inclusively")
        ctx.trap(C, ["FIELD_MISMATCH", "CASE_AUTHOR_UNKNOWN"], "A4 所带班级 is one merged cell for the two mentors of "
                 "19汉语言文学2班, 19秘书学1班, 19新闻学1班 and 19汉语言文学3班 (the lower row's cell is empty in the file); "
                 "学号 typed as numbers (format 0); 序号 are formulas =ROW()-4 / =ROW()-5 with cached values")
        # A3: dates as real Excel dates shown yyyy.mm
        wb = sheets.new_book()
        ws = wb.active
        ws.title = "获奖情况"
        sheets.write_table(ws, title_rows=["肇庆学院学生带班党员获奖情况统计表"], info_rows=["学院：文学院"],
                           headers=A3_HEADERS, records=a3_records(ms, date_mode="date"),
                           widths={"获奖名称": 30, "颁奖单位": 26, "学号": 15})
        self.a3 = save_xlsx(wb, W("附件3-学生带班党员获奖情况统计表（文学院）.xlsx"))
        ctx.trap(C, ["FIELD_MISMATCH"], "A3 has two rows for 陈婧琰 (two awards); 获奖时间 are Excel dates formatted "
                 "yyyy.mm", name="陈婧琰")
        # A2
        wb = sheets.new_book()
        ws = wb.active
        ws.title = "新聘"
        sheets.write_table(ws, title_rows=["肇庆学院2020—2021学年度新聘学生带班党员汇总表"],
                           info_rows=["学院（盖章）：文学院\u3000\u3000填表人：何丽萍\u3000\u3000联系电话：0758-2716063"
                                      "\u3000\u3000日期：2020年6月18日"],
                           headers=A2_HEADERS, records=a2_records(col.new), footer=["注：所带新生班级为暂定班级。"],
                           widths={"学号": 15, "专业班级": 18, "所带新生班级": 18, "政治面貌": 14, "联系电话": 14})
        self.a2 = save_xlsx(wb, W("附件2-新聘学生带班党员汇总表（文学院）.xlsx"))
        self.a2_pdf = ctx.want(self.a2, "pdf")
        ctx.trap(C, ["CLASS_OVER_STAFFED", "CANDIDATE_STATUS"], "A2: exactly two new mentors for 20汉语言文学1班, "
                 "20汉语言文学2班 and 20新闻学1班; statuses 中共党员, 中共预备党员, 入党发展对象, 入党积极分子 — all allowed")
        # A5: template layout, one docx per person, two saved as legacy .doc
        self.a5 = {}
        for m in ms:
            d = a5_doc(m, C, "template", "2020年6月17日", rng=rng.sub("a5" + m.sid))
            self.a5[m.name] = save_docx(d, W(f"考核审批表-{m.name}.docx"))
        self.a5_doc = {n: ctx.want(self.a5[n], "doc", "MS Word 97") for n in ("吴晟", "谢文彧")}
        self.a5_pdf = {n: ctx.want(self.a5[n], "pdf") for n in ("陈婧琰", "李昊然", "谢文彧")}
        ctx.trap(C, ["UNREADABLE_FILE", "FORM_MISSING"], "A5 of 吴晟 and 谢文彧 are legacy Word 97 .doc files")
        ctx.trap(C, ["FIELD_MISMATCH"], "吴晟's A5 申报等级 says 合格, the same as his A4 考核等级", name="吴晟")
        # cases
        self.cases = []
        specs = [
            ("陈婧琰", dict(pics=4, exact=1500, caption_style=True)),
            ("黄诗玥", dict(pics=5, logo=True, caption_style=True)),
            ("张铖", dict(pics=3, caption_style=True)),
            ("何珺怡", dict(pics=4, life="1048576", caption_style=True)),
        ]
        for name, sp in specs:
            sp.setdefault("author_style", "line_full")
            sp.setdefault("heading_style", "h2_cn")
            path, files, life, info = build_case(ctx, rng.sub("case" + name), self.by[name], C, sp)
            self.cases.append((name, path, life, info))
        ctx.trap(C, ["CASE_TOO_LONG"], "陈婧琰's case is exactly 1500 字 by the SPEC rule counting the four headings "
                 "too (1472 without them); paragraphs indented with U+3000; title, author line and captions excluded",
                 name="陈婧琰")
        ctx.trap(C, ["CASE_IMAGE_COUNT"], "黄诗玥's case has exactly 5 pictures and a school logo in the page header; "
                 "张铖's exactly 3")
        ctx.trap(C, ["PHOTO_TOO_SMALL"], "何珺怡's life photo is exactly 1,048,576 bytes (1 MiB, not under it)",
                 name="何珺怡")
        # work summary: red-header document, two pages, sealed on its last page
        paras = texts.SUMMARY + texts.summary_paras(rng.sub("sum2"), 6)
        d = docs.summary_doc(C, paras, "2020年6月18日", red_header=True,
                             sections={0: "一、基本情况", 4: "二、主要做法", 7: "三、存在的不足", 8: "四、下一步打算"})
        self.summary = save_docx(d, W("文学院学生带班工作总结.docx"))
        self.summary_pdf = ctx.want(self.summary, "pdf")

    # ------------------------------------------------------------ paper + packaging
    def finish(self):
        ctx, rng = self.ctx, self.rng
        pr = ctx.printer
        ring = "中国共产党肇庆学院文学院委员会"
        scans = "纸质材料扫描/文学院/"
        # A4, colour 200 dpi, seal over the college name of the info line
        pg = pr.scan(self.a4_pdf, rng.sub("sA4"), dpi=200, seal=dict(ring=ring, anchor="盖章", dx=40, dy=-12),
                     opts=dict(skew=0.8, noise=4))
        save_pdf([to_image(p, False) for p in pg], ctx.inbox / (scans + "文学院-考核情况汇总表.pdf"), 200)
        ctx.claim(scans + "文学院-考核情况汇总表.pdf", C, "2020-06-19 15:10")
        ctx.pages(C, len(pg))
        # A2, grey 300 dpi
        pg = pr.scan(self.a2_pdf, rng.sub("sA2"), dpi=300, seal=dict(ring=ring, anchor="盖章", dx=25, dy=6),
                     opts=dict(skew=-0.5, noise=3, toner=0.85))
        save_pdf([to_image(p, True) for p in pg], ctx.inbox / (scans + "文学院-新聘汇总表.pdf"), 300)
        ctx.claim(scans + "文学院-新聘汇总表.pdf", C, "2020-06-19 15:12")
        ctx.pages(C, len(pg))
        # A5 sample of three, one PDF, seal on the 学院党委意见 of each (page 2 when the form runs over two)
        allp = []
        for n in ("陈婧琰", "李昊然", "谢文彧"):
            pg = pr.scan(self.a5_pdf[n], rng.sub("sA5" + n), dpi=200,
                         seal=dict(ring=ring, anchor="盖章", which=("after", "学院党委意见"), dx=-10, dy=14),
                         sign=True, opts=dict(skew=rng.uniform(-1.2, 1.2), noise=4))
            allp += pg
        save_pdf([to_image(p, False) for p in allp], ctx.inbox / (scans + "文学院-审批表（抽查3份）.pdf"), 200)
        ctx.claim(scans + "文学院-审批表（抽查3份）.pdf", C, "2020-06-22 10:30")
        ctx.pages(C, len(allp))
        self.a5_pages = len(allp)
        ctx.trap(C, ["SEAL_MISSING", "DELIVERABLE_MISSING", "FORM_MISSING", "OCR_LOW_CONFIDENCE"],
                 f"paper A5 for a sample only (陈婧琰, 李昊然, 谢文彧: rare characters 婧琰 昊 彧), one PDF of "
                 f"{len(allp)} pages; the seal is on the 学院党委意见 part (page 2 of a two-page form); the other eight "
                 "forms have no paper copy")
        # work summary, 2 pages, seal on the last page over 委员会（盖章）, a red pen underline on page 1
        pg = pr.scan(self.summary_pdf, rng.sub("sSum"), dpi=200,
                     seal=dict(ring=ring, anchor="盖章", which="last", dx=-60, dy=-4),
                     opts=dict(skew=0.4, noise=3), extras=[("underline", "主要做法", 0, 4)])
        save_pdf([to_image(p, False) for p in pg], ctx.inbox / (scans + "文学院-带班工作总结.pdf"), 200)
        ctx.claim(scans + "文学院-带班工作总结.pdf", C, "2020-06-22 10:32")
        ctx.pages(C, len(pg))
        ctx.trap(C, ["SEAL_MISSING"], f"work summary paper copy has {len(pg)} pages with a red 红头 title and a red "
                 "pen underline; the seal is on the last page only, where the signature line is")
        # ---- the e-mail
        cases_members = []
        for name, path, life, info in self.cases:
            cases_members.append((f"{name}-优秀带班党员案例.docx", path.read_bytes()))
            cases_members.append((f"{name}生活照.jpg", life))
        cases_zip = make_zip(ctx.work / "wx-cases.zip", cases_members)
        a5_members = []
        for m in self.col.mentors:
            if m.name in self.a5_doc:
                a5_members.append((f"考核审批表/考核审批表-{m.name}.doc", self.a5_doc[m.name].read_bytes()))
            else:
                a5_members.append((f"考核审批表/考核审批表-{m.name}.docx", self.a5[m.name].read_bytes()))
        a5_zip = make_zip(ctx.work / "wx-a5.zip", a5_members, macosx=True)
        atts = [("文学院+优秀带班党员案例.zip", cases_zip.read_bytes()),
                ("文学院考核审批表.zip", a5_zip.read_bytes()),
                ("附件2-新聘学生带班党员汇总表（文学院）.xlsx", self.a2.read_bytes()),
                ("附件3-学生带班党员获奖情况统计表（文学院）.xlsx", self.a3.read_bytes()),
                ("附件4-学生带班党员考核情况汇总表（文学院）.xlsx", self.a4.read_bytes()),
                ("文学院学生带班工作总结.docx", self.summary.read_bytes())]
        from .images import logo
        body = "李老师：\n您好！附件是文学院2020年学生带班党员工作的全部材料，纸质版已送至行政楼109。\n请查收，谢谢！\n文学院学工办 何丽萍"
        make_eml(ctx.inbox / "邮件/2020-06-19 文学院2020年学生带班党员工作材料.eml", sender="wxy_xgb@zqu.edu.cn",
                 sender_name="文学院学工办", to="2539746740@qq.com", subject="文学院2020年学生带班党员工作材料",
                 date="Fri, 19 Jun 2020 09:12:33 +0800", msgid="20200619091233.wx01@zqu.edu.cn", body=body,
                 attachments=atts, style="utf8", boundary_seed="wx1", inline_image=logo("文学院"))
        ctx.claim("邮件/2020-06-19 文学院2020年学生带班党员工作材料.eml", C)
        make_eml(ctx.inbox / "邮件/2020-06-20 Fw 文学院2020年学生带班党员工作材料（重发）.eml",
                 sender="wxy_xgb@zqu.edu.cn", sender_name="文学院学工办", to="2539746740@qq.com",
                 subject="Fw: 文学院2020年学生带班党员工作材料（重发）", date="Sat, 20 Jun 2020 08:40:02 +0800",
                 msgid="20200620084002.wx02@zqu.edu.cn", body="李老师：担心昨天的邮件没有收到，再发一次。\n" + body,
                 attachments=atts, style="utf8", boundary_seed="wx2", inline_image=logo("文学院"))
        ctx.claim("邮件/2020-06-20 Fw 文学院2020年学生带班党员工作材料（重发）.eml", C)
        ctx.trap(C, ["UNREADABLE_FILE", "UNKNOWN_COLLEGE"], "clutter: the e-mail carries an inline signature image "
                 "(image001.png, Content-Disposition inline); the A5 zip was made on a Mac (__MACOSX/._* entries)")
        ctx.trap(C, ["LATE_SUBMISSION", "DELIVERABLE_MISSING", "FIELD_MISMATCH"], "the same e-mail was sent again the "
                 "next morning (Fw:, 06-20 08:40) with byte-identical attachments: duplicates, not a resubmission "
                 "(DUPLICATE_FILE warnings are right; A2 stays on time)")
        ctx.trap(C, ["ARCHIVE_NAME_INVALID", "PHOTO_MISSING", "CASE_IMAGE_COUNT"], "the cases archive is named "
                 "文学院+优秀带班党员案例.zip (a literal +) and is flat: 姓名-优秀带班党员案例.docx and 姓名生活照.jpg side by "
                 "side; the life photos are not case pictures")
        ctx.styles[C] = ("clean; e-mail (UTF-8, RFC 2231) sent twice; 文学院+优秀带班党员案例.zip; A5 zip from a Mac "
                         "(__MACOSX), two .doc; A4 via LibreOffice (cached formulas), merged 所带班级, a split row; "
                         "scans one PDF per form (colour 200 dpi, grey 300 dpi A2)")
