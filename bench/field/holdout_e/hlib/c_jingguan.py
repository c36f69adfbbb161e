"""经济与管理学院 — defects.  One Outlook e-mail on 22 June (GB2312 encoded words) carrying one GBK zip with
folders per deliverable and the cases zip nested inside; A4 with a blank template sheet first, a hidden list
sheet, reordered and extra columns; A5 with values below labels, three as .doc; paper copies as SCAN000n.pdf."""
from __future__ import annotations

from . import docs, sheets, texts
from .pack import make_eml, make_zip
from .parts import (A2_HEADERS, A3_HEADERS, a2_records, a3_records, a4_records, a5_doc, build_case, save_docx,
                    save_xlsx)
from .scan import save_pdf, to_image

C = "经济与管理学院"


class Jingguan:
    def __init__(self, ctx, col):
        self.ctx, self.col, self.college = ctx, col, C
        self.rng = ctx.rng.sub(C)
        ctx.code_of[C] = "jg"
        self.by = {m.name: m for m in col.mentors}

    def prepare(self):
        ctx, col, rng = self.ctx, self.col, self.rng
        W = lambda n: ctx.wpath("jg", n)
        ms = col.mentors
        heads = ["序号", "姓名", "学号", "政治面貌", "专业班级", "所带班级", "考核等级", "获奖情况", "不及格科目数",
                 "所带班级违纪人数", "带班征文", "诚信记录", "身份证号", "QQ", "联系电话", "备注"]
        recs = a4_records(ms, rating="mid", essay="完成", integ="良好",
                          extra={"身份证号": lambda m: f"44{rng.randint(1200, 1999)}1998"
                                                      f"{rng.randint(1, 12):02d}{rng.randint(10, 28)}{rng.randint(1000, 9999)}",
                                 "QQ": lambda m: str(rng.randint(100000000, 2999999999)),
                                 "联系电话": lambda m: m.phone})
        for r in recs:
            if r["姓名"] in ("王喆", "何文博", "梁家俊"):
                r["所带班级违纪人数"] = "无"

        def book(for_print=False):
            wb = sheets.new_book()
            ws0 = wb.active
            if not for_print:
                ws0.title = "Sheet1"
                sheets.blank_a4_template(ws0)
                ws = wb.create_sheet("经管学院")
            else:
                ws = ws0
                ws.title = "经管学院"
            first, last = sheets.write_table(
                ws, title_rows=["肇庆学院学生带班党员考核情况汇总表"], info_rows=[],
                info_cells=[["学院（盖章）：", ("merge", 2, "经济与管理学院"), "带班党员总数：", (12, "0"), "公示时间：",
                             ("merge", 3, "5月29日至6月2日")]],
                headers=heads, records=recs, footer=["填表人：卢老师　　　联系电话：0758-2716231　　　2020年6月5日"],
                hidden=(["身份证号", "QQ", "联系电话"] if for_print else []),
                widths={"学号": 15, "身份证号": 19, "获奖情况": 24, "专业班级": 20, "所带班级": 20, "考核等级": 14,
                        "QQ": 12, "联系电话": 13})
            if not for_print:
                src = wb.create_sheet("数据源")
                for i, v in enumerate(["带班党员标兵", "优秀带班党员", "称职", "不称职"], 1):
                    src.cell(i, 1, v)
                src.sheet_state = "hidden"
                sheets.rating_validation(ws, "G", first, last)
            return wb
        self.a4 = save_xlsx(book(), W("附件4 考核情况汇总表（经管学院）.xlsx"))
        self.a4_print = save_xlsx(book(True), W("jg-a4-print.xlsx"))   # printed with the three extra columns hidden
        self.a4_pdf = ctx.want(self.a4_print, "pdf")
        ctx.defect("MODEL_QUOTA_EXCEEDED", C, "A4 rates 3 of its 12 mentors 带班党员标兵 (王喆, 孙浩宇, 高燚); "
                   "15% × 12 = 1.8 → at most 2 (each of the three meets the criteria)")
        ctx.trap(C, ["HEADCOUNT_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY", "CASE_QUOTA"], "A4 workbook: the "
                 "office's blank template left as the FIRST sheet (Sheet1), the data on sheet 经管学院, a hidden sheet "
                 "数据源 with the rating list (data validation source)")
        ctx.trap(C, ["FIELD_MISMATCH", "CRITERIA_NOT_MET"], "A4 columns reordered (政治面貌 before 专业班级, 考核等级 "
                 "before 获奖情况) with extra 身份证号, QQ and 联系电话 columns; vocabulary 带班党员标兵 / 优秀带班党员, 完成, "
                 "良好 (the A5 forms use the full terms)")
        ctx.trap(C, ["PUBLICITY_TOO_SHORT"], "公示时间 5月29日至6月2日 spans a month end: 29, 30, 31 May, 1, 2 June = five "
                 "days")
        ctx.trap(C, ["CRITERIA_NOT_MET"], "标兵 王喆's 所带班级违纪人数 is written 无 (none)", name="王喆")
        ctx.trap(C, ["CRITERIA_NOT_MET"], "优秀 卢思琪 has 2 failed courses: the notice asks no such thing of 优秀",
                 name="卢思琪")
        # A3, real dates with a Chinese date format
        wb = sheets.new_book()
        sheets.write_table(wb.active, title_rows=["肇庆学院学生带班党员获奖情况统计表"], info_rows=["学院：经济与管理学院"],
                           headers=A3_HEADERS, records=a3_records(ms, date_mode="date_cn"),
                           widths={"获奖名称": 30, "颁奖单位": 26, "学号": 15, "获奖时间": 16})
        self.a3 = save_xlsx(wb, W("附件3 获奖情况统计表.xlsx"))
        # A2 with a blank first sheet
        wb = sheets.new_book()
        wb.active.title = "Sheet1"
        ws = wb.create_sheet("新聘")
        sheets.write_table(ws, title_rows=["肇庆学院2020—2021学年度新聘学生带班党员汇总表"],
                           info_rows=["学院（盖章）：经济与管理学院    填表人：卢老师    联系电话：0758-2716231    "
                                      "日期：2020年6月19日"],
                           headers=A2_HEADERS, records=a2_records(col.new),
                           widths={"学号": 15, "专业班级": 20, "所带新生班级": 20, "政治面貌": 14, "联系电话": 14})
        self.a2 = save_xlsx(wb, W("附件2 新聘学生带班党员汇总表.xlsx"))
        self.a2_pdf = ctx.want(self.a2, "pdf")
        # A5: values below labels, 学院 written 经管学院, three saved as .doc; 胡嘉怡 says 中共预备党员 (A4: 中共党员)
        self.a5 = {}
        for m in ms:
            vocab = {"政治面貌": "中共预备党员"} if m.name == "胡嘉怡" else None
            d = a5_doc(m, "经管学院", "below", "2020年6月19日", vocab=vocab, rng=rng.sub("a5" + m.sid))
            self.a5[m.name] = save_docx(d, W(f"审批表_{m.name}.docx"))
        self.a5_doc = {n: ctx.want(self.a5[n], "doc", "MS Word 97") for n in ("王喆", "马丽娜", "梁家俊")}
        self.a5_pdf = {n: ctx.want(self.a5[n], "pdf") for n in ("高燚", "王喆", "林佳慧")}
        hu = self.by["胡嘉怡"]
        ctx.defect("FIELD_MISMATCH", C, "胡嘉怡's 政治面貌 is 中共党员 on A4 but 中共预备党员 on her A5 approval form",
                   name="胡嘉怡", sid=hu.sid)
        ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING", "UNKNOWN_COLLEGE"], "A5 layout with each value in the row "
                 "below its label, 学院 written 经管学院 (an alias); the forms of 王喆, 马丽娜 and 梁家俊 are legacy .doc")
        # cases
        self.cases = []
        base = dict(heading_style="num_dot", author_style="paren_label", placement="end",
                    caption_fmt="（图{n}\u3000{cap}）")
        specs = [
            ("赵婉清", dict(pics=4, body_exact=1642)),
            ("朱晓彤", dict(pics=4, life="small")),
            ("郭子轩", dict(pics=5, numbers=True, numbers_exact=1488)),
            ("马丽娜", dict(pics=3, keep_instruction=True)),
            ("何文博", dict(pics=4)),
        ]
        for name, sp in specs:
            sp = {**base, **sp}
            path, files, life, info = build_case(ctx, rng.sub("case" + name), self.by[name], C, sp)
            self.cases.append((name, path, life, info))
            if name == "赵婉清":
                ctx.defect("CASE_TOO_LONG", C, f"赵婉清's case text is {info['body']} 字 by the SPEC rule without the "
                           f"headings ({info['body'] + info['headings']} with them) — over 1500",
                           name=name, sid=self.by[name].sid)
            if name == "朱晓彤":
                ctx.defect("PHOTO_TOO_SMALL", C, f"朱晓彤's life photo 生活照-朱晓彤.jpg is {info['life_bytes']:,} bytes, "
                           "under 1 MiB", name=name, sid=self.by[name].sid)
            if name == "郭子轩":
                ctx.trap(C, ["CASE_TOO_LONG"], f"郭子轩's case is {info['body'] + info['headings']} 字 by the SPEC rule "
                         "with its headings (+6 with the line 附：相关图片 above the pictures), but full of digit runs "
                         "(2019年9月1日, 45名, 106天), Latin runs (QQ, PPT) and U+3000 indents: a plain character count "
                         "exceeds 1500", name=name)
        ctx.trap(C, ["CASE_TOO_LONG", "CASE_IMAGE_COUNT"], "马丽娜's case keeps the template's 说明 paragraph (it is "
                 "not case text) and has exactly 3 pictures", name="马丽娜")
        ctx.trap(C, ["CASE_QUOTA"], "5 cases for 12 mentors: 40% × 12 = 4.8 → 5")
        ctx.trap(C, ["CASE_SECTION_MISSING", "CASE_IMAGE_COUNT", "PHOTO_MISSING"], "cases with headings 1. 背景与起因 "
                 "… 4. 创意与评价, author line 作者：姓名（学号：…）, all pictures at the end under 附：相关图片 with captions "
                 "（图N　…）; life photos named 生活照-姓名.jpg beside the cases")
        # work summary: red header; its paper copy carries NO seal
        d = docs.summary_doc(C, texts.summary_paras(rng.sub("sum"), 8), "2020年6月19日", red_header=True)
        self.summary = save_docx(d, W("学生带班工作总结（经管学院）.docx"))
        self.summary_pdf = ctx.want(self.summary, "pdf")

    def finish(self):
        ctx, rng = self.ctx, self.rng
        pr = ctx.printer
        ring = "中国共产党肇庆学院经济与管理学院委员会"
        top = "经管学院2020带班党员材料/"
        cz = []
        for name, path, life, info in self.cases:
            cz.append((f"{name}-优秀带班党员案例.docx", path.read_bytes()))
            cz.append((f"生活照-{name}.jpg", life))
        inner = make_zip(ctx.work / "jg-cases.zip", cz, gbk=True)
        members = [(top + "经济与管理学院优秀带班党员案例.zip", inner.read_bytes())]
        for m in self.col.mentors:
            if m.name in self.a5_doc:
                members.append((top + f"考核审批表/审批表_{m.name}.doc", self.a5_doc[m.name].read_bytes()))
            else:
                members.append((top + f"考核审批表/审批表_{m.name}.docx", self.a5[m.name].read_bytes()))
        members += [(top + "汇总表/附件4 考核情况汇总表（经管学院）.xlsx", self.a4.read_bytes()),
                    (top + "汇总表/附件3 获奖情况统计表.xlsx", self.a3.read_bytes()),
                    (top + "汇总表/附件2 新聘学生带班党员汇总表.xlsx", self.a2.read_bytes()),
                    (top + "学生带班工作总结（经管学院）.docx", self.summary.read_bytes())]
        outer = make_zip(ctx.work / "jg-all.zip", members, gbk=True, dirs=True)
        rel = "邮件/经管学院 带班党员工作材料.eml"
        make_eml(ctx.inbox / rel, sender="jgxy@zqu.edu.cn", sender_name="经济与管理学院", to="2539746740@qq.com",
                 subject="经管学院 带班党员工作材料", date="Mon, 22 Jun 2020 10:05:44 +0800",
                 msgid="000001d6483a$5f3a2b10$1dae8130$@zqu.edu.cn",
                 body="李老师：\n附件为经济与管理学院带班党员相关材料（案例、审批表、汇总表、工作总结），请查收。",
                 attachments=[("经管学院2020带班党员材料.zip", outer.read_bytes())], style="gbk_q", boundary_seed="jg")
        ctx.claim(rel, C)
        ctx.defect("LATE_SUBMISSION", C, "the A2 new-mentor table (due 2020-06-20) arrived only with the e-mail of "
                   "Mon, 22 Jun 2020 10:05 +0800, and its paper copy was scanned the same day (deliverable: selection); "
                   "everything else in it is on time")
        ctx.trap(C, ["ARCHIVE_NAME_INVALID", "UNREADABLE_FILE"], "one Outlook e-mail (GB2312 encoded words) with one "
                 "GBK zip 经管学院2020带班党员材料.zip; the properly named cases zip 经济与管理学院优秀带班党员案例.zip is "
                 "nested inside it (GBK names too)")
        # paper copies: generic scanner names, colour, 300 dpi tables, 200 dpi forms
        scans = "纸质材料扫描/经管学院/"
        n = 0

        def out(pages, dpi, stamp):
            nonlocal n
            n += 1
            rel = scans + f"SCAN{n:04d}.pdf"
            save_pdf([to_image(p, False) for p in pages], ctx.inbox / rel, dpi, quality=78)
            ctx.claim(rel, C, stamp)
            ctx.pages(C, len(pages))

        pg = pr.scan(self.a4_pdf, rng.sub("sA4"), dpi=300, seal=dict(ring=ring, anchor="经济与管理学院", dx=0, dy=4),
                     opts=dict(skew=1.5, noise=4), extras=[("tick", "王喆", -30, 0)])
        out(pg, 300, "2020-06-22 11:00")
        pg = pr.scan(self.a2_pdf, rng.sub("sA2"), dpi=300, seal=dict(ring=ring, anchor="盖章", dx=60, dy=-4),
                     opts=dict(skew=-1.2, noise=4))
        out(pg, 300, "2020-06-22 11:01")
        for nm in ("高燚", "王喆", "林佳慧"):
            pg = pr.scan(self.a5_pdf[nm], rng.sub("sA5" + nm), dpi=200,
                         seal=dict(ring=ring, anchor="盖章", which=("after", "学院党委意见"), dx=-10, dy=14),
                         sign=True, opts=dict(skew=rng.uniform(-2, 2), noise=4))
            out(pg, 200, "2020-06-22 11:03")
        pg = pr.scan(self.summary_pdf, rng.sub("sSum"), dpi=200, seal=None, opts=dict(skew=0.7, noise=4))
        out(pg, 200, "2020-06-22 11:06")
        ctx.defect("SEAL_MISSING", C, f"the paper copy of the work summary (SCAN{n:04d}.pdf, red 红头 title, printed "
                   "'中共肇庆学院经济与管理学院委员会（盖章）' line) bears no seal (deliverable: work-summary)")
        ctx.trap(C, ["SEAL_MISSING", "UNKNOWN_COLLEGE", "OCR_LOW_CONFIDENCE"], "paper copies named SCAN0001…SCAN0006.pdf "
                 "in the folder 经管学院; A4 at 300 dpi skewed 1.5° with a red pen tick beside 王喆 and the seal over the "
                 "college name; A5 sample (高燚, 王喆, 林佳慧) sealed on page 2; rare characters 燚 喆")
        ctx.styles[C] = ("defects; one Outlook e-mail on 06-22 with a GBK zip, folders per deliverable, nested cases "
                         "zip; A4 with blank template sheet, hidden list sheet, reordered/extra columns; A5 values "
                         "below labels, three .doc; paper SCAN000n.pdf colour 300/200 dpi")
