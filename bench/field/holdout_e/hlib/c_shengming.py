"""生命科学学院 — defects.  A loose folder (no e-mail); cases zip with a folder per person and no author line;
A5 with check marks; paper copies as JPEG / PDF / a phone photo."""
from __future__ import annotations

from . import docs, sheets, texts
from .common import fw_digits
from .pack import make_zip
from .parts import (A2_HEADERS, A3_HEADERS, A4_HEADERS, a2_records, a3_records, a4_records, a5_doc, build_case,
                    save_docx, save_xlsx)
from .scan import save_jpg, save_pdf, to_image

C = "生命科学学院"


class Shengming:
    def __init__(self, ctx, col):
        self.ctx, self.col, self.college = ctx, col, C
        self.rng = ctx.rng.sub(C)
        ctx.code_of[C] = "sm"
        self.by = {m.name: m for m in col.mentors}

    def _a4(self, paper=False):
        ms = self.col.mentors
        recs = a4_records(ms, status="alt", sid_modes={"*": "text", "江雨涵": "fw", "石晓东": "fw"},
                          names={"温雅婷": "温 雅婷"}, award_none="")
        if paper:
            for r in recs:
                if r["姓名"] == "骆瑾萱":
                    r["考核等级"] = "合格"
        wb = sheets.new_book()
        ws = wb.active
        ws.title = "汇总表"
        sheets.write_table(ws, title_rows=["肇庆学院学生带班党员考核情况汇总表"],
                           info_rows=["学院（盖章）：生命科学学院\u3000\u3000带班党员总数：9\u3000\u3000"
                                      "公示时间：2020年6月15日—6月18日"],
                           headers=A4_HEADERS, records=recs,
                           widths={"学号": 27, "获奖情况": 24, "专业班级": 16, "所带班级": 16, "考核等级": 18})
        return wb

    def prepare(self):
        ctx, col, rng = self.ctx, self.col, self.rng
        W = lambda n: ctx.wpath("sm", n)
        ms = col.mentors
        self.a4 = save_xlsx(self._a4(), W("考核情况汇总表.xlsx"))
        self.a4_paper = save_xlsx(self._a4(True), W("sm-a4-paper.xlsx"))
        self.a4_pdf = ctx.want(self.a4_paper, "pdf")
        ctx.defect("PUBLICITY_TOO_SHORT", C, "A4 公示时间 2020年6月15日—6月18日 is four days counted inclusively "
                   "(five required)")
        mz = self.by["莫志鹏"]
        ctx.defect("CRITERIA_NOT_MET", C, "标兵 莫志鹏's 所带班级违纪人数 is 1 on A4 (and on his A5): the notice requires "
                   "全班没有违纪现象 for 标兵", name="莫志鹏", sid=mz.sid)
        lj = self.by["骆瑾萱"]
        ctx.defect("PAPER_ELECTRONIC_MISMATCH", C, "the sealed paper A4 rates 骆瑾萱 合格 where the electronic A4 (and "
                   "her A5) say 优秀学生带班党员", name="骆瑾萱", sid=lj.sid)
        ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY"], "A4 政治面貌 written 正式党员 / "
                 "中共预备党员; 学号 of 江雨涵 and 石晓东 in full-width digits; name '温 雅婷' with a stray space")
        ctx.trap(C, ["MODEL_QUOTA_EXCEEDED", "CASE_QUOTA"], "quotas: 1 标兵 of 9 (15% × 9 = 1.35 → 1); 4 cases "
                 "(40% × 9 = 3.6 → 4)")
        # A3: truncated in transfer (unreadable)
        wb = sheets.new_book()
        sheets.write_table(wb.active, title_rows=["肇庆学院学生带班党员获奖情况统计表"], info_rows=["学院：生命科学学院"],
                           headers=A3_HEADERS, records=a3_records(ms, date_mode="date"),
                           widths={"获奖名称": 34, "颁奖单位": 34, "学号": 15})
        full = save_xlsx(wb, W("sm-a3-full.xlsx")).read_bytes()
        self.a3_bytes = full[: int(len(full) * 0.55)]
        ctx.defect("UNREADABLE_FILE", C, f"获奖情况统计表.xlsx is truncated ({len(self.a3_bytes):,} of "
                   f"{len(full):,} bytes; the zip's central directory is missing) — no readable A3 arrived",
                   also=["DELIVERABLE_MISSING"])
        # A2: 学号 as numbers, uppercase extension, a footer note; paper copy is a phone photo
        wb = sheets.new_book()
        sheets.write_table(wb.active, title_rows=["肇庆学院2020—2021学年度新聘学生带班党员汇总表"],
                           info_rows=["学院（盖章）：生命科学学院　填表人：温老师　联系电话：0758-2716309　日期：2020.6.18"],
                           headers=A2_HEADERS, records=a2_records(col.new, sid_modes={"*": "number"}),
                           footer=["备注：所带新生班级以学校最终编班为准。"],
                           widths={"学号": 15, "专业班级": 14, "所带新生班级": 16, "政治面貌": 14, "联系电话": 14})
        self.a2 = save_xlsx(wb, W("sm-a2.xlsx"))
        self.a2_pdf = ctx.want(self.a2, "pdf")
        ctx.trap(C, ["UNREADABLE_FILE"], "the A2 file is named 新聘汇总表.XLSX (upper-case extension)")
        # A5 with check marks
        self.a5 = {}
        for m in ms:
            d = a5_doc(m, C, "checks", "2020年6月19日", rng=rng.sub("a5" + m.sid))
            self.a5[m.name] = save_docx(d, W(f"sm-a5-{m.sid}.docx"))
        self.a5_pdf = {n: ctx.want(self.a5[n], "pdf") for n in ("邱晗", "范晟睿")}
        ctx.trap(C, ["FIELD_MISMATCH", "CRITERIA_NOT_MET"], "A5 申报等级, 带班征文 and 诚信记录 are check boxes "
                 "(☑学生带班党员标兵　□优秀学生带班党员, ☑已完成　□未完成, ☑无　□有不良记录)")
        # cases: folder per person, no author line
        self.cases = []
        specs = [
            ("邱晗", dict(pics=4, heading_style="part", drop=2)),
            ("江雨涵", dict(pics=3, heading_style="part")),
            ("温雅婷", dict(pics=4, heading_style="bold_plain")),
            ("范晟睿", dict(pics=5, heading_style="bold_plain",
                            headings=["背景和起因", "工作做法及流程", "效果及启示", "创意及评价"])),
        ]
        for name, sp in specs:
            sp.update(author_style="none", placement="grid", caption_fmt="图{n}  {cap}")
            path, files, life, info = build_case(ctx, rng.sub("case" + name), self.by[name], C, sp)
            self.cases.append((name, path, life, info))
        qh = self.by["邱晗"]
        ctx.defect("CASE_SECTION_MISSING", C, "邱晗's case has no third part (效果与启示): it goes from 第二部分 做法与流程 "
                   "to 第四部分 创意与评价", name="邱晗", sid=qh.sid)
        ctx.trap(C, ["CASE_AUTHOR_UNKNOWN", "FIELD_MISMATCH"], "cases have no author line: the author is only the "
                 "folder name (邱晗/案例.docx)")
        ctx.trap(C, ["CASE_SECTION_MISSING"], "headings 第一部分　背景与起因 …; 温雅婷 and 范晟睿 use bold headings "
                 "without numbers, 范晟睿's reworded 背景和起因 / 工作做法及流程 / 效果及启示 / 创意及评价", name="范晟睿")
        ctx.trap(C, ["CASE_IMAGE_COUNT"], "pictures sit in a two-column grid table with captions in the cells below; "
                 "江雨涵 3, 范晟睿 5")
        d = docs.summary_doc(C, texts.summary_paras(rng.sub("sum"), 7), "2020年6月19日", red_header=False,
                             table=[["项目", "2018—2019学年", "2019—2020学年"], ["带班党员人数", "8", "9"],
                                    ["所带新生班级", "5", "6"], ["新生递交入党申请书人数", "41", "57"]])
        self.summary = save_docx(d, W("工作总结.docx"))
        self.summary_pdf = ctx.want(self.summary, "pdf")

    def finish(self):
        ctx, rng = self.ctx, self.rng
        pr = ctx.printer
        ring = "中国共产党肇庆学院生命科学学院委员会"
        base = "生命科学学院/"
        st = "2020-06-20 17:30"
        cz = []
        for name, path, life, info in self.cases:
            cz.append((f"{name}/案例.docx", path.read_bytes()))
            cz.append((f"{name}/生活照.jpg", life))
        z = make_zip(ctx.work / "sm-cases.zip", cz, dirs=True)
        ctx.put(base + "生命科学学院优秀带班党员案例.zip", z, C, st)
        ctx.put(base + "考核情况汇总表.xlsx", self.a4, C, st)
        ctx.put(base + "获奖情况统计表.xlsx", self.a3_bytes, C, st)
        ctx.put(base + "新聘汇总表.XLSX", self.a2, C, st)
        for m in self.col.mentors:
            ctx.put(base + f"审批表/{m.name}.docx", self.a5[m.name], C, st)
        ctx.put(base + "工作总结.docx", self.summary, C, st)
        ctx.trap(C, ["UNKNOWN_COLLEGE", "PHOTO_MISSING"], "loose folder 生命科学学院/ with generic file names and no "
                 "e-mail (file times 2020-06-20 17:30); each person's life photo is 姓名/生活照.jpg in the cases zip")
        scans = "纸质材料扫描/生命科学学院/"
        pg = pr.scan(self.a4_pdf, rng.sub("sA4"), dpi=300, seal=dict(ring=ring, anchor="盖章", dx=50, dy=-6),
                     opts=dict(skew=0.6, noise=3))
        for i, p in enumerate(pg):
            save_jpg(to_image(p, True), ctx.inbox / (scans + f"考核汇总表{i + 1}.jpg"), 300, quality=85)
            ctx.claim(scans + f"考核汇总表{i + 1}.jpg", C, "2020-06-22 14:00")
        ctx.pages(C, len(pg))
        pg = pr.scan(self.a2_pdf, rng.sub("sA2"), dpi=200, seal=dict(ring=ring, anchor="生命科学学院", dx=0, dy=0),
                     opts=dict(noise=3, light=0.12), phone=(0,))
        save_jpg(to_image(pg[0], False), ctx.inbox / (scans + "微信图片_20200620094512.jpg"), 200, quality=86)
        ctx.claim(scans + "微信图片_20200620094512.jpg", C, "2020-06-20 09:46")
        ctx.pages(C, len(pg))
        for n in ("邱晗", "范晟睿"):
            pg = pr.scan(self.a5_pdf[n], rng.sub("sA5" + n), dpi=200,
                         seal=dict(ring=ring, anchor="盖章", which=("after", "学院党委意见"), dx=-10, dy=14),
                         sign=True, opts=dict(skew=rng.uniform(-1, 1), noise=4))
            save_pdf([to_image(p, True) for p in pg], ctx.inbox / (scans + f"审批表-{n}.pdf"), 200)
            ctx.claim(scans + f"审批表-{n}.pdf", C, "2020-06-22 14:02")
            ctx.pages(C, len(pg))
        pg = pr.scan(self.summary_pdf, rng.sub("sSum"), dpi=200,
                     seal=dict(ring=ring, anchor="盖章", which="last", dx=-70, dy=-6), opts=dict(skew=-0.4, noise=4))
        save_pdf([to_image(p, False) for p in pg], ctx.inbox / (scans + "工作总结（盖章）.pdf"), 200)
        ctx.claim(scans + "工作总结（盖章）.pdf", C, "2020-06-22 14:03")
        ctx.pages(C, len(pg))
        ctx.trap(C, ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "OCR_LOW_CONFIDENCE"], "A4 paper copy as a grey "
                 "300 dpi JPEG; A2 as a phone photo (微信图片_….jpg); A5 of 邱晗 and 范晟睿 as grey PDFs sealed on "
                 "page 2; rare characters 晗 晟; only 骆瑾萱's rating differs on paper")
        ctx.styles[C] = ("defects; loose folder; cases zip folder per person, no author line, grid pictures; A4 with "
                         "正式党员, full-width 学号; A3 truncated; A5 check marks; paper JPEG, phone photo, grey PDFs")
