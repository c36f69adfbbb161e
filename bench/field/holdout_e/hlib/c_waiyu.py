"""外国语学院 — clean.  A loose folder copied from a USB stick (numbered sub-folders), cases as a 7z with a
folder per person, A4 as a legacy .xls, all ten A5 forms in one .docx, the work summary as a text PDF, the A3
in two places; paper copies as one grey 150 dpi PDF with everything, one page upside down."""
from __future__ import annotations

from . import docs, sheets, texts
from .pack import make_7z
from .parts import (A2_HEADERS, A3_HEADERS, A4_HEADERS, a2_records, a3_records, a4_records, a5_combined,
                    build_case, save_docx, save_xlsx)
from .scan import save_pdf, to_image

C = "外国语学院"


class Waiyu:
    def __init__(self, ctx, col):
        self.ctx, self.col, self.college = ctx, col, C
        self.rng = ctx.rng.sub(C)
        ctx.code_of[C] = "wy"
        self.by = {m.name: m for m in col.mentors}

    def prepare(self):
        ctx, col, rng = self.ctx, self.col, self.rng
        W = lambda n: ctx.wpath("wy", n)
        ms = col.mentors
        # A4: title typed differently, info split over cells without colons, 学号 as General numbers in a narrow
        # column (shown 2.01705E+11), short vocabulary, names with a stray space, extra 身份证号 + hidden QQ
        heads = ["序号", "姓名", "学号", "身份证号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况",
                 "所带班级违纪人数", "带班征文", "诚信记录", "考核等级", "QQ", "备注"]
        idn = {m.name: f"44{rng.randint(1200, 1999)}1999{rng.randint(1, 12):02d}"
                       f"{rng.randint(10, 28)}{rng.randint(100, 999)}{rng.choice('0123456789X')}" for m in ms}
        recs = a4_records(ms, rating="short", status="short", essay="√", integ="良好",
                          sid_modes={"*": "general"}, names={"邓翀": "邓 翀", "苏婉婷": "苏婉婷 "},
                          extra={"身份证号": lambda m: idn[m.name],
                                 "QQ": lambda m: str(rng.randint(100000000, 2999999999))})

        def book(for_print=False):
            wb = sheets.new_book()
            ws = wb.active
            ws.title = "2019-2020考核"
            sheets.write_table(ws, title_rows=["外国语学院2019—2020学年度学生带班党员考核情况汇总"], info_rows=[],
                               info_cells=[["学院（盖章）", ("merge", 2, "外国语学院"), "带班党员总数", (10, "0"),
                                            "公示时间", ("merge", 3, "2020.6.9-2020.6.13")]],
                               headers=heads, records=recs, hidden=["QQ"],
                               footer=["合计：10人",
                                       "说明：1. 考核等级按学院考核小组意见填写；2. 本表一式两份，一份报学工部。"],
                               widths={"学号": 10, "身份证号": 19, "获奖情况": 24, "专业班级": 13, "所带班级": 13,
                                       "所带班级违纪人数": 8, "不及格科目数": 7})
            return wb
        src = save_xlsx(book(), W("外国语学院带班党员考核情况汇总表.xlsx"))
        self.a4 = ctx.want(src, "xls", "MS Excel 97")
        self.a4_pdf = ctx.want(src, "pdf")
        ctx.trap(C, ["FIELD_MISMATCH", "PAPER_ELECTRONIC_MISMATCH"], "A4 is a legacy .xls; 学号 are numbers in "
                 "General format in a narrow column, so Excel and the printed paper show 2.01705E+11 — the stored "
                 "values are the full 12 digits")
        ctx.trap(C, ["FIELD_MISMATCH", "CRITERIA_NOT_MET"], "A4 vocabulary is short: 标兵/优秀, 党员/预备党员, √ for "
                 "the essay, 良好 for the integrity record; the A5 forms use the full terms")
        ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY"], "names with a stray space on A4: "
                 "'邓 翀', '苏婉婷 '", name="邓翀")
        ctx.trap(C, ["HEADCOUNT_MISMATCH"], "the header is split over cells without colons (学院（盖章）| 外国语学院 | "
                 "带班党员总数 | 10 | 公示时间 | 2020.6.9-2020.6.13); footer 合计：10人 and a 说明 with numbered items "
                 "are not people; an extra 身份证号 column and a hidden QQ column")
        ctx.trap(C, ["PUBLICITY_TOO_SHORT"], "公示时间 2020.6.9-2020.6.13 is five days inclusive")
        ctx.trap(C, ["MODEL_QUOTA_EXCEEDED", "CASE_QUOTA"], "quotas: 2 标兵 of 10 (15% × 10 = 1.5 → 2 half up; "
                 "truncation would give 1); 4 cases (40% × 10 = 4)")
        ctx.trap(C, ["CRITERIA_NOT_MET"], "优秀 冯佳琪 has 1 failed course and no award: the notice asks neither of "
                 "优秀", name="冯佳琪")
        ctx.trap(C, ["CRITERIA_NOT_MET"], "标兵 刘祎宁's only award is 国家励志奖学金 (above 三等奖学金)", name="刘祎宁")
        # A3: dates typed as text 2019年11月
        wb = sheets.new_book()
        sheets.write_table(wb.active, title_rows=["学生带班党员获奖情况统计表"], info_rows=["学院：外国语学院"],
                           headers=A3_HEADERS, records=a3_records(ms, date_mode="text_cn"),
                           widths={"获奖名称": 32, "颁奖单位": 30, "学号": 15})
        self.a3 = save_xlsx(wb, W("wy-a3.xlsx"))
        # A2: 学号 as numbers / full-width / with spaces, short status words, an extra QQ column
        heads2 = A2_HEADERS[:9] + ["QQ", "备注"]
        recs2 = a2_records(col.new, sid_modes={"*": "number", "龙昕怡": "fw", "区俊宏": "spaces"},
                           status={"中共预备党员": "预备党员", "入党积极分子": "积极分子", "入党发展对象": "发展对象",
                                   "中共党员": "党员"})
        for r in recs2:
            r["QQ"] = str(rng.randint(100000000, 2999999999))
        wb = sheets.new_book()
        ws = wb.active
        ws.title = "新聘带班党员"
        sheets.write_table(ws, title_rows=["肇庆学院2020—2021学年度新聘学生带班党员汇总表"],
                           info_rows=["学院（盖章）：外国语学院  填表人：曾老师  联系电话：0758-2752381  日期：6月19日"],
                           headers=heads2, records=recs2,
                           widths={"学号": 26, "专业班级": 14, "所带新生班级": 16, "联系电话": 14, "QQ": 12})
        self.a2 = save_xlsx(wb, W("新聘学生带班党员汇总表.xlsx"))
        self.a2_pdf = ctx.want(self.a2, "pdf")
        ctx.trap(C, ["CANDIDATE_GRADE", "CANDIDATE_STATUS"], "A2 学号 as numbers, one in full-width digits (龙昕怡), "
                 "one with spaces (区俊宏) — all 2018; status spelled 预备党员, 积极分子, 发展对象, 党员; an extra QQ column")
        ctx.trap(C, ["DUPLICATE_PERSON"], "new mentor 林佳慧 (2018, 外国语学院) is not the 经济与管理学院 mentor 林佳慧 "
                 "(2017): same name, other 学号", name="林佳慧")
        # A5: all ten forms in one docx, spaced labels, full vocabulary, college header line
        d = a5_combined(ms, C, "spaced", "2020年6月18日", rng=rng.sub("a5"))
        self.a5 = save_docx(d, W("外国语学院学生带班党员考核审批表（10人）.docx"))
        d = a5_combined([self.by["周雨昕"], self.by["邓翀"]], C, "spaced", "2020年6月18日", rng=rng.sub("a5"))
        self.a5_print = save_docx(d, W("wy-a5-print.docx"))
        self.a5_pdf = ctx.want(self.a5_print, "pdf")
        ctx.trap(C, ["FORM_MISSING", "DELIVERABLE_MISSING"], "all ten A5 forms are in ONE .docx (a form per page "
                 "pair, page breaks between), labels spaced 姓　　名 / 学　　号")
        # cases, 7z with a folder per person
        self.cases = []
        specs = [
            ("周雨昕", dict(pics=5, life_embedded="作者生活照", placement="floating")),
            ("邓翀", dict(pics=4, pics_as_files=True)),
            ("曾思颖", dict(pics=4, placement="floating", life_fmt="PNG")),
            ("苏婉婷", dict(pics=3, placement="floating")),
        ]
        for name, sp in specs:
            sp.update(author_style="paren", heading_style="bold_paren", caption_fmt="图{n}：{cap}")
            path, files, life, info = build_case(ctx, rng.sub("case" + name), self.by[name], C, sp)
            self.cases.append((name, path, files, life, info, sp))
        ctx.trap(C, ["CASE_IMAGE_COUNT"], "周雨昕's case: 5 floating pictures + her life photo embedded with the caption "
                 "作者生活照 (not a case picture), the original also as a file", name="周雨昕")
        ctx.trap(C, ["CASE_IMAGE_COUNT"], "邓翀's case has no embedded picture: its 4 pictures are files 图1…图4 beside "
                 "the docx in the folder 邓翀/", name="邓翀")
        ctx.trap(C, ["PHOTO_TOO_SMALL", "PHOTO_MISSING"], "曾思颖's life photo is a PNG of about 2.7 MB named "
                 "曾思颖-个人照片.png", name="曾思颖")
        ctx.trap(C, ["CASE_SECTION_MISSING"], "cases use （一）背景与起因 … （四）创意与评价 as bold Normal paragraphs, "
                 "author line 外国语学院　姓名（学号）")
        # work summary: electronic copy is a text PDF exported from Word
        d = docs.summary_doc(C, texts.summary_paras(rng.sub("sum"), 7), "2020年6月19日", red_header=False)
        self.summary = save_docx(d, W("外国语学院学生带班工作总结.docx"))
        self.summary_pdf = ctx.want(self.summary, "pdf")
        ctx.trap(C, ["UNREADABLE_FILE", "DELIVERABLE_MISSING", "SEAL_MISSING"], "the electronic work summary is a "
                 "text PDF (exported from Word, no seal), not a .docx; its sealed paper copy is in the scan PDF")

    def finish(self):
        ctx, rng = self.ctx, self.rng
        pr = ctx.printer
        ring = "中国共产党肇庆学院外国语学院委员会"
        base = "外国语学院（U盘拷贝）/"
        stamp = "2020-06-19 17:40"
        m7 = []
        for name, path, files, life, info, sp in self.cases:
            m7.append((f"{name}/{name}-优秀带班党员案例.docx", path.read_bytes()))
            for k, (data, cap) in enumerate(files, 1):
                m7.append((f"{name}/图{k} {cap}.jpg", data))
            if sp.get("life_fmt") == "PNG":
                m7.append((f"{name}/{name}-个人照片.png", life))
            else:
                m7.append((f"{name}/{name}生活照.jpg", life))
        seven = make_7z(ctx.work / "wy.7z", m7)
        ctx.put(base + "01 优秀案例/外国语学院优秀带班党员案例.7z", seven, C, stamp)
        ctx.put(base + "02 考核材料/外国语学院带班党员考核情况汇总表.xls", self.a4, C, stamp)
        ctx.put(base + "02 考核材料/外国语学院学生带班党员考核审批表（10人）.docx", self.a5, C, stamp)
        ctx.put(base + "03 获奖统计/获奖情况统计表.xlsx", self.a3, C, stamp)
        ctx.put(base + "获奖情况统计表.xlsx", self.a3, C, stamp)
        ctx.put(base + "04 新聘/新聘学生带班党员汇总表.xlsx", self.a2, C, stamp)
        ctx.put(base + "05 工作总结/外国语学院学生带班工作总结.pdf", self.summary_pdf, C, stamp)
        ctx.trap(C, ["FIELD_MISMATCH", "DELIVERABLE_MISSING"], "the A3 file is in the folder twice (03 获奖统计/ and "
                 "the root), byte-identical: a DUPLICATE_FILE warning, nothing else")
        ctx.trap(C, ["ARCHIVE_NAME_INVALID", "UNREADABLE_FILE", "UNKNOWN_COLLEGE"], "cases arrive as "
                 "外国语学院优秀带班党员案例.7z with a folder per person; generic file names (获奖情况统计表.xlsx, "
                 "新聘学生带班党员汇总表.xlsx) inside the college's folder, no e-mail (file times 2020-06-19)")
        # one grey 150 dpi PDF with everything: A4, A2 (upside down), two A5 (2 pages each), summary
        pages = []
        pg = pr.scan(self.a4_pdf, rng.sub("sA4"), dpi=150, seal=dict(ring=ring, anchor="外国语学院", dx=10, dy=0),
                     opts=dict(skew=-0.6, noise=5, toner=1.1))
        pages += pg
        pg = pr.scan(self.a2_pdf, rng.sub("sA2"), dpi=150, seal=dict(ring=ring, anchor="盖章", dx=50, dy=-4),
                     opts=dict(skew=0.9, noise=5, upside_down=True))
        pages += pg
        # seal each form's 学院党委意见 (pages 2 and 4 of the print): stamp per form
        pg = self._a5_pages(pr, ring)
        pages += pg
        pg = pr.scan(self.summary_pdf, rng.sub("sSum"), dpi=150,
                     seal=dict(ring=ring, anchor="盖章", which="last", dx=-70, dy=-6), opts=dict(skew=-0.3, noise=5))
        pages += pg
        rel = "纸质材料扫描/外语学院纸质材料（全部）.pdf"
        save_pdf([to_image(p, True) for p in pages], ctx.inbox / rel, 150, quality=70)
        ctx.claim(rel, C, "2020-06-19 18:05")
        ctx.pages(C, len(pages))
        ctx.trap(C, ["SEAL_MISSING", "DELIVERABLE_MISSING", "COLLEGE_CONFLICT", "PAPER_ELECTRONIC_MISMATCH"],
                 f"all paper copies in one grey 150 dpi PDF of {len(pages)} pages named with the alias 外语学院 "
                 "(A4, A2 upside down, A5 of 周雨昕 and 邓翀 with the seal on page 2 of each, work summary); "
                 "rare characters 翀 昕 on the A5 pages")
        ctx.styles[C] = ("clean; loose USB folder; cases 7z per person (pictures as files for one case); A4 .xls "
                         "with E+11 学号 and short vocabulary; A5 all in one docx; summary as text PDF; A3 twice; "
                         "paper: one grey 150 dpi PDF, a page upside down")

    def _a5_pages(self, pr, ring):
        """The print PDF holds both forms; seal the 学院党委意见 of each one."""
        from .scan import find_text, render_pdf, seal_rgba, stamp, degrade, pen
        pdf = self.a5_pdf
        pages = render_pdf(pdf, 150, pr.tmp)
        k = 150 / 72
        after = find_text(pdf, "学院党委意见")
        seals = find_text(pdf, "盖章")
        sigs = find_text(pdf, "签字")
        rng = self.rng.sub("sA5b")
        for j, a in enumerate(after):
            o = [s for s in seals if (s[0], s[2]) > (a[0], a[2] - 1)][0]
            sg = [s for s in sigs if (s[0], s[2]) > (a[0], a[2] - 1)][0]
            pen(pages[sg[0]], rng.sub(f"sg{j}"), int((sg[3] + 8) * k), int((sg[2] + sg[4]) / 2 * k), k / 2.78)
            alpha = seal_rgba(ring, int(42 / 25.4 * 150), rng.sub(f"seal{j}"))
            stamp(pages[o[0]], alpha, int((o[3] - 10) * k), int(((o[2] + o[4]) / 2 + 14) * k))
        return [degrade(p, rng.sub(f"d{i}"), dict(skew=0.5 - 0.3 * i, noise=5)) for i, p in enumerate(pages)]
