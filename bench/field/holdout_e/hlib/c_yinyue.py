"""音乐学院 — clean.  Two QQ-mail e-mails (GB18030 encoded words): A2 and a first A4 on 06-19, then a
corrected A4 (修改版) and everything else on the deadline day at 23:41 Beijing time (Date written in UTC);
GBK zips; A3 as .xls, summary as .doc; A4 with a sheet per major; paper copies as phone photos, a TIFF and
A5 pages one file each."""
from __future__ import annotations

from . import docs, sheets, texts
from .pack import make_eml, make_zip
from .parts import (A2_HEADERS, A3_HEADERS, A4_HEADERS, a2_records, a3_records, a4_records, a5_doc, build_case,
                    save_docx, save_xlsx)
from .scan import save_jpg, save_tiff, to_image

C = "音乐学院"


class Yinyue:
    def __init__(self, ctx, col):
        self.ctx, self.col, self.college = ctx, col, C
        self.rng = ctx.rng.sub(C)
        ctx.code_of[C] = "yy"
        self.by = {m.name: m for m in col.mentors}

    def _a4_book(self, stated):
        ms = self.col.mentors
        groups = [("音乐学", [m for m in ms if "音乐学" in m.major]), ("舞蹈学", [m for m in ms if "舞蹈学" in m.major])]
        wb = sheets.new_book()
        first = True
        n0 = 0
        for title, grp in groups:
            ws = wb.active if first else wb.create_sheet()
            ws.title = title
            recs = a4_records(grp, rating="mid", essay="已撰写", integ="无不良记录", ints="str",
                              sid_modes={"*": "trail"}, award_none="")
            recs = [{**r, "考核等级": ("学生带班党员标兵" if r["考核等级"] == "带班党员标兵" else r["考核等级"])}
                    for r in recs]
            for i, r in enumerate(recs):
                r["序号"] = n0 + i + 1
            n0 += len(recs)
            sheets.write_table(ws, title_rows=["肇庆学院学生带班党员考核情况汇总表" + ("" if first else "（续）")],
                               info_rows=([f"学院（盖章）：音乐学院\u3000带班党员总数：{stated}\u3000公示时间：6月15日-19日"]
                                          if first else [f"专业：{title}"]),
                               headers=A4_HEADERS, records=recs,
                               footer=(["填表人：邹老师"] if not first else []),
                               widths={"学号": 16, "获奖情况": 30, "专业班级": 14, "所带班级": 14, "考核等级": 18})
            first = False
        return wb

    def prepare(self):
        ctx, col, rng = self.ctx, self.col, self.rng
        W = lambda n: ctx.wpath("yy", n)
        ms = col.mentors
        self.a4_v1 = save_xlsx(self._a4_book(8), W("yy-a4-v1.xlsx"))
        self.a4 = save_xlsx(self._a4_book(7), W("yy-a4-v2.xlsx"))
        self.a4_pdf = ctx.want(self.a4, "pdf")
        ctx.trap(C, ["HEADCOUNT_MISMATCH"], "the first A4 (e-mail of 06-19, 考核情况汇总表.xlsx) stated 带班党员总数 8 "
                 "for 7 people; the 修改版 of 06-22 states 7 and replaces it (the first one is superseded)")
        ctx.trap(C, ["HEADCOUNT_MISMATCH", "FORM_NOT_IN_SUMMARY", "FORM_MISSING"], "A4 has one sheet per major "
                 "(音乐学 5 people with the header line, 舞蹈学 2 people with its own title '…（续）'); 7 in all")
        ctx.trap(C, ["PUBLICITY_TOO_SHORT"], "公示时间 6月15日-19日 (no year, end month omitted) is five days")
        ctx.trap(C, ["MODEL_QUOTA_EXCEEDED", "CASE_QUOTA"], "quotas: 1 标兵 of 7 (15% × 7 = 1.05 → 1); 3 cases "
                 "(40% × 7 = 2.8 → 3)")
        ctx.trap(C, ["FIELD_MISMATCH", "CRITERIA_NOT_MET"], "A4 vocabulary 优秀带班党员, 已撰写, 无不良记录; "
                 "不及格科目数/违纪人数 typed as text '0'; 学号 with a trailing space")
        # A2 with a real date cell in the header and a status with a bracketed note
        recs = a2_records(col.new, status={"中共预备党员": "中共预备党员", "入党积极分子": "积极分子", "中共党员": "中共党员"})
        recs[0]["政治面貌"] = "中共预备党员(2019年11月)"
        wb = sheets.new_book()
        ws = wb.active
        ws.title = "Sheet1"
        sheets.write_table(ws, title_rows=["肇庆学院2020—2021学年度新聘学生带班党员汇总表"], info_rows=[],
                           info_cells=[["学院（盖章）：", ("merge", 2, "音乐学院"), "填表人：", "邹老师", "联系电话：",
                                        "0758-2716588", "日期：", (sheets.date(2020, 6, 19), 'yyyy"年"m"月"d"日"')]],
                           headers=A2_HEADERS, records=recs,
                           widths={"学号": 15, "专业班级": 14, "所带新生班级": 16, "政治面貌": 22, "联系电话": 14})
        self.a2 = save_xlsx(wb, W("新聘带班党员汇总表-音乐学院.xlsx"))
        self.a2_pdf = ctx.want(self.a2, "pdf")
        ctx.trap(C, ["CANDIDATE_STATUS"], "new mentor 吕诗琪's status is 中共预备党员(2019年11月) — a bracketed note after "
                 "an allowed status", name="吕诗琪")
        # A3 as legacy .xls, dates as text 2019.11
        wb = sheets.new_book()
        sheets.write_table(wb.active, title_rows=["肇庆学院学生带班党员获奖情况统计表"], info_rows=["学院：音乐学院"],
                           headers=A3_HEADERS, records=a3_records(ms, date_mode="text_dot"),
                           widths={"获奖名称": 30, "颁奖单位": 20, "学号": 15})
        src = save_xlsx(wb, W("获奖情况统计表.xlsx"))
        self.a3 = ctx.want(src, "xls", "MS Excel 97")
        # A5: label and value in one cell, per person, two pages
        self.a5 = {}
        for m in ms:
            d = a5_doc(m, C, "inline", "2020年6月20日", rng=rng.sub("a5" + m.sid), deeds_cm=15.5)
            self.a5[m.name] = save_docx(d, W(f"yy-a5-{m.sid}.docx"))
        self.a5_pdf = {n: ctx.want(self.a5[n], "pdf") for n in ("叶赟", "邹犇")}
        ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING"], "A5 forms with label and value in one cell (姓名：叶赟)")
        # cases
        self.cases = []
        specs = [
            ("钟淼淼", dict(pics=4, heading_style="table", author_style="template_line", name="钟淼淼-案例.docx")),
            ("唐梓萱", dict(pics=4, heading_style="bold_cn", author_style="paren_half", placement="end", textbox=3,
                            headings=["一、标题、背景与起因", "二、主要做法与工作流程", "三、取得的效果与启示",
                                      "四、创新之处与评价"], name="唐梓萱（案例）.docx")),
            ("邹犇", dict(pics=4, distinct=3, heading_style="num_fw", author_style="line_full",
                          life_embedded="本人照片", name="案例-邹犇.docx")),
        ]
        for name, sp in specs:
            path, files, life, info = build_case(ctx, rng.sub("case" + name), self.by[name], C, sp)
            self.cases.append((name, path, life, sp))
        ctx.trap(C, ["CASE_IMAGE_COUNT"], "钟淼淼's case is written in the template's two-column table; its 4 pictures "
                 "are inside one table cell", name="钟淼淼")
        ctx.trap(C, ["CASE_SECTION_MISSING"], "唐梓萱's headings are merged/reworded: 一、标题、背景与起因, "
                 "二、主要做法与工作流程, 三、取得的效果与启示, 四、创新之处与评价 — and section 四 is inside a text box",
                 name="唐梓萱")
        ctx.trap(C, ["CASE_IMAGE_COUNT", "DUPLICATE_FILE"], "邹犇's case shows the same picture twice (3 distinct "
                 "pictures, 4 placements: 3 or 4, both allowed) and his life photo embedded with the caption 本人照片 "
                 "(also sent as a file)", name="邹犇")
        # work summary as .doc, with a small statistics table
        d = docs.summary_doc(C, texts.summary_paras(rng.sub("sum"), 6), "2020年6月20日", red_header=False,
                             table=[["学年", "带班党员人数", "所带新生班级数"], ["2018—2019", "6", "3"],
                                    ["2019—2020", "7", "4"]])
        src = save_docx(d, W("音乐学院带班工作总结.docx"))
        self.summary = ctx.want(src, "doc", "MS Word 97")
        self.summary_pdf = ctx.want(src, "pdf")

    def finish(self):
        ctx, rng = self.ctx, self.rng
        pr = ctx.printer
        ring = "中国共产党肇庆学院音乐学院委员会"
        sender, sname = "1789934521@qq.com", "音乐学院 邹老师"
        make_eml(ctx.inbox / "邮件/音乐学院-新聘带班党员汇总表、考核汇总表.eml", sender=sender, sender_name=sname,
                 to="2539746740@qq.com", subject="音乐学院-新聘带班党员汇总表、考核汇总表",
                 date="Fri, 19 Jun 2020 16:20:05 +0800", msgid="tencent_4F2A19C0E1B2@qq.com",
                 body="李老师好，先发新聘汇总表和考核汇总表，其余材料随后补上。", style="gb18030", boundary_seed="yy1",
                 attachments=[("新聘带班党员汇总表-音乐学院.xlsx", self.a2.read_bytes()),
                              ("考核情况汇总表.xlsx", self.a4_v1.read_bytes())])
        ctx.claim("邮件/音乐学院-新聘带班党员汇总表、考核汇总表.eml", C)
        cz = []
        for name, path, life, sp in self.cases:
            cz.append((sp["name"], path.read_bytes()))
            cz.append((f"{name}生活照.jpg" if name != "唐梓萱" else f"{name}生活照.jpeg", life))
        cases_zip = make_zip(ctx.work / "yy-cases.zip", cz, gbk=True)
        a5z = make_zip(ctx.work / "yy-a5.zip", [(f"考核审批表/{i + 1:02d}{m.name}.docx", self.a5[m.name].read_bytes())
                                                for i, m in enumerate(self.col.mentors)], gbk=True, dirs=True)
        make_eml(ctx.inbox / "邮件/音乐学院带班党员材料（修改版）.eml", sender=sender, sender_name=sname,
                 to="2539746740@qq.com", subject="音乐学院带班党员材料（修改版）",
                 date="Mon, 22 Jun 2020 15:41:27 +0000", msgid="tencent_7A0B33D2F9C4@qq.com",
                 body="李老师：考核汇总表有一处人数写错了，这是修改版，以这份为准。案例、审批表、获奖统计表和工作总结也一并发上。",
                 style="gb18030", boundary_seed="yy2",
                 attachments=[("音乐学院考核情况汇总表（修改版）.xlsx", self.a4.read_bytes()),
                              ("音乐学院优秀带班党员案例.zip", cases_zip.read_bytes()),
                              ("考核审批表.zip", a5z.read_bytes()),
                              ("获奖情况统计表.xls", self.a3.read_bytes()),
                              ("音乐学院带班工作总结.doc", self.summary.read_bytes())])
        ctx.claim("邮件/音乐学院带班党员材料（修改版）.eml", C)
        ctx.trap(C, ["LATE_SUBMISSION"], "the second e-mail's Date is Mon, 22 Jun 2020 15:41:27 +0000 = 23:41 on "
                 "22 June in Beijing: on time (warnings would be wrong too)")
        ctx.trap(C, ["UNKNOWN_COLLEGE", "COLLEGE_CONFLICT"], "QQ-mail headers in GB18030 encoded words; the first "
                 "A4 is named just 考核情况汇总表.xlsx and the A5 zip 考核审批表.zip — only the e-mail names the college; "
                 "the zips have GBK names without the UTF-8 flag")
        # paper: A4 as two phone photos (a page per sheet, each sealed), A2 TIFF, A5 a page per JPEG, summary JPEG
        scans = "纸质材料扫描/音乐学院/"
        pg = pr.scan(self.a4_pdf, rng.sub("sA4"), dpi=200,
                     seal=[dict(ring=ring, anchor="盖章", dx=30, dy=-8), dict(ring=ring, page=-1, at=(0.62, 0.3))],
                     opts=dict(noise=3, light=0.1), phone=(0, 1))
        names = ["IMG_20200622_173015.jpg", "IMG_20200622_173022.jpg", "IMG_20200622_173030.jpg"]
        for i, p in enumerate(pg):
            save_jpg(to_image(p, False), ctx.inbox / (scans + names[i]), 200, quality=88)
            ctx.claim(scans + names[i], C, "2020-06-22 17:31")
        ctx.pages(C, len(pg))
        self.a4_pages = len(pg)
        pg = pr.scan(self.a2_pdf, rng.sub("sA2"), dpi=300, seal=dict(ring=ring, anchor="音乐学院", dx=5, dy=0),
                     opts=dict(skew=1.1, noise=3))
        save_tiff([to_image(p, True) for p in pg], ctx.inbox / (scans + "新聘汇总表.tif"), 300)
        ctx.claim(scans + "新聘汇总表.tif", C, "2020-06-20 09:05")
        ctx.pages(C, len(pg))
        n5 = 0
        for n in ("叶赟", "邹犇"):
            pg = pr.scan(self.a5_pdf[n], rng.sub("sA5" + n), dpi=200,
                         seal=dict(ring=ring, anchor="盖章", which=("after", "学院党委意见"), dx=-10, dy=14),
                         sign=True, opts=dict(skew=rng.uniform(-1.5, 1.5), noise=4))
            for i, p in enumerate(pg):
                rel = scans + f"审批表_{n}_{i + 1}.jpg"
                save_jpg(to_image(p, False), ctx.inbox / rel, 200, quality=82)
                ctx.claim(rel, C, "2020-06-22 17:35")
            n5 += len(pg)
        ctx.pages(C, n5)
        pg = pr.scan(self.summary_pdf, rng.sub("sSum"), dpi=200,
                     seal=dict(ring=ring, anchor="盖章", which="last", dx=-60, dy=-6), opts=dict(skew=-0.8, noise=4))
        for i, p in enumerate(pg):
            rel = scans + f"音乐学院工作总结{'' if len(pg) == 1 else '_' + str(i + 1)}.jpg"
            save_jpg(to_image(p, False), ctx.inbox / rel, 200)
            ctx.claim(rel, C, "2020-06-22 17:36")
        ctx.pages(C, len(pg))
        ctx.trap(C, ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "OCR_LOW_CONFIDENCE", "FORM_MISSING"],
                 f"paper A4 as {self.a4_pages} phone photos (perspective, a wooden desk around the page), each sealed; "
                 "A2 as a grey 300 dpi LZW TIFF; A5 of 叶赟 and 邹犇 one JPEG per page (审批表_姓名_1/2.jpg), the seal "
                 "on page 2 only; rare characters 赟 犇 淼")
        ctx.styles[C] = ("clean; two QQ e-mails (GB18030), the second 23:41 Beijing written in UTC; A4 修改版 "
                         "supersedes the first; sheet per major; GBK zips; .xls/.doc; A5 label：value cells; case in "
                         "the template table, a text box, merged headings; paper: phone photos, TIFF, JPEG per page")
