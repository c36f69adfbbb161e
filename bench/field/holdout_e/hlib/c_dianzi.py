"""电子与电气工程学院 — defects.  An e-mail on 20 June with everything, a second one on 21 June with one
corrected A5 (修改版); cases zip with folders 案例/ and 生活照/; cases in the template table with an author
table; all paper copies in one colour PDF."""
from __future__ import annotations

from . import docs, sheets, texts
from .pack import make_eml, make_zip
from .parts import (A2_HEADERS, A3_HEADERS, A4_HEADERS, a2_records, a3_records, a4_records, a5_doc, build_case,
                    save_docx, save_xlsx)
from .scan import save_pdf, to_image

C = "电子与电气工程学院"


class Dianzi:
    def __init__(self, ctx, col):
        self.ctx, self.col, self.college = ctx, col, C
        self.rng = ctx.rng.sub(C)
        ctx.code_of[C] = "dz"
        self.by = {m.name: m for m in col.mentors}

    def prepare(self):
        ctx, col, rng = self.ctx, self.col, self.rng
        W = lambda n: ctx.wpath("dz", n)
        ms = col.mentors
        recs = a4_records(ms, sid_modes={"*": "spaces"}, names={"张伟杰": "张伟杰（组长）"}, award_none="无")
        wb = sheets.new_book()
        ws = wb.active
        ws.title = "电子学院"
        sheets.write_table(ws, title_rows=["肇庆学院学生带班党员考核情况汇总表"],
                           info_rows=["学院（盖章）：电子与电气工程学院",
                                      "带班党员总数：13人\u3000\u3000公示时间：2020年6月10日至2020年6月14日"],
                           headers=A4_HEADERS, records=recs, footer=["填表人：孙老师", "审核人：林书记"],
                           widths={"姓名": 15, "学号": 17, "获奖情况": 32, "专业班级": 24, "所带班级": 24, "考核等级": 18})
        self.a4 = save_xlsx(wb, W("考核情况汇总表-电子.xlsx"))
        self.a4_pdf = ctx.want(self.a4, "pdf")
        ctx.defect("HEADCOUNT_MISMATCH", C, "A4 states 带班党员总数：13人 but lists 12 people (quotas are the same "
                   "either way: 5 cases, at most 2 标兵)")
        ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING", "FORM_NOT_IN_SUMMARY", "CASE_AUTHOR_UNKNOWN"],
                 "A4 name written 张伟杰（组长）; his A5 says 张伟杰", name="张伟杰")
        ctx.trap(C, ["PUBLICITY_TOO_SHORT", "FIELD_MISMATCH"], "the A4 header is on two lines; 公示时间 "
                 "2020年6月10日至2020年6月14日 is five days; 学号 typed with spaces (2017 0701 0103)")
        ctx.trap(C, ["MODEL_QUOTA_EXCEEDED", "CRITERIA_NOT_MET", "CASE_QUOTA"], "2 标兵 (陈堃: 校三好学生、三等奖学金; "
                 "杨鑫: 二等奖学金) — 15% × 13 = 1.95 → 2 and 15% × 12 = 1.8 → 2; 5 cases — 40% × 13 = 5.2 → 5 and "
                 "40% × 12 = 4.8 → 5")
        # A3: one 所带班级 written in full (2019级…) where A4 has 19…
        wb = sheets.new_book()
        sheets.write_table(wb.active, title_rows=["肇庆学院学生带班党员获奖情况统计表"],
                           info_rows=["学院：电子与电气工程学院"], headers=A3_HEADERS,
                           records=a3_records(ms, date_mode="text_iso", led={"陈堃": "2019级电子信息工程1班"}),
                           widths={"获奖名称": 34, "颁奖单位": 20, "学号": 15, "所带班级": 24})
        self.a3 = save_xlsx(wb, W("获奖情况统计表-电子.xlsx"))
        ctx.trap(C, ["FIELD_MISMATCH"], "A3 gives 陈堃's class as 2019级电子信息工程1班, A4 as 19电子信息工程1班 — the "
                 "same class", name="陈堃")
        # A2
        wb = sheets.new_book()
        sheets.write_table(wb.active, title_rows=["肇庆学院2020—2021学年度新聘学生带班党员汇总表"],
                           info_rows=["学院（盖章）：电子与电气工程学院\u3000填表人：孙老师\u3000联系电话：0758-2716420"
                                      "\u3000日期：2020年6月20日"],
                           headers=A2_HEADERS, records=a2_records(col.new),
                           widths={"学号": 15, "专业班级": 24, "所带新生班级": 24, "政治面貌": 14, "联系电话": 14})
        self.a2 = save_xlsx(wb, W("新聘学生带班党员汇总表-电子.xlsx"))
        fx = [n for n in col.new if n.name == "冯晓霞"][0]
        ctx.defect("CANDIDATE_STATUS", C, "new mentor 冯晓霞's 政治面貌 on A2 is 共青团员 — not 中共党员, 中共预备党员, "
                   "入党发展对象 or 入党积极分子", name="冯晓霞", sid=fx.sid)
        ctx.trap(C, ["CLASS_OVER_STAFFED"], "exactly two new mentors for 20电子信息工程1班 and for 20通信工程1班")
        # A5 (aliased labels), 朱琳 has none; 徐海燕's first form has a wrong 所带班级, corrected by a 修改版
        self.a5 = {}
        for m in ms:
            if m.name == "朱琳":
                continue
            d = a5_doc(m, C, "alias", "2020年6月19日", rng=rng.sub("a5" + m.sid))
            self.a5[m.name] = save_docx(d, W(f"审批表-{m.name}.docx"))
        xu = self.by["徐海燕"]
        d = a5_doc(xu, C, "alias", "2020年6月19日", vocab={"所带班级": "19电子信息工程2班"}, rng=rng.sub("a5" + xu.sid))
        self.a5_xu_v1 = save_docx(d, W("审批表-徐海燕-v1.docx"))
        self.a5_pdf = {n: ctx.want(self.a5[n], "pdf") for n in ("陈堃", "杨鑫", "徐海燕")}
        zl = self.by["朱琳"]
        ctx.defect("FORM_MISSING", C, "朱琳 is on A4 but sent no A5 approval form (neither electronic nor paper)",
                   name="朱琳", sid=zl.sid)
        ctx.trap(C, ["FIELD_MISMATCH"], "徐海燕's first A5 (e-mail of 06-20) said 所带班级 19电子信息工程2班; the 修改版 "
                 "sent on 06-21 says 19电子信息工程1班 like A4 and replaces it", name="徐海燕")
        ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING"], "A5 labels are aliases: 所在学院, 专业及班级, 带班班级, 手机, "
                 "诚信情况, 不及格科目, 违纪人数, 考核等级 (for 申报等级), 主要事迹")
        # cases: template table, author table, 黄志强 only 2 pictures
        self.cases = []
        for name, n in (("黄志强", 2), ("李梓豪", 3), ("刘晓敏", 4), ("吴俊熙", 5), ("林昊天", 4)):
            sp = dict(pics=n, heading_style="table", author_style="table")
            path, files, life, info = build_case(ctx, rng.sub("case" + name), self.by[name], C, sp)
            self.cases.append((name, path, life, info))
        hz = self.by["黄志强"]
        ctx.defect("CASE_IMAGE_COUNT", C, "黄志强's case has only 2 pictures (3–5 required); his life photo is a "
                   "separate file", name="黄志强", sid=hz.sid)
        ctx.trap(C, ["CASE_IMAGE_COUNT"], "吴俊熙's case has exactly 5 pictures, all in one table cell", name="吴俊熙")
        ctx.trap(C, ["CASE_SECTION_MISSING", "CASE_AUTHOR_UNKNOWN"], "cases are written inside a two-column table "
                 "(heading cell | text cell) with a 姓名/学号/学院/所带班级 author table above")
        # work summary in the form of a short paper
        paras = ["摘要：本文总结了学院实行学生党员带班制以来的做法和经验，分析了存在的问题，提出了改进的思路。"] + \
            texts.summary_paras(rng.sub("sum"), 7)
        d = docs.summary_doc(C, paras, "2020年6月19日", red_header=False,
                             sections={1: "一、带班工作的基本做法", 4: "二、取得的成效", 6: "三、问题与思考"})
        d.paragraphs[0].runs[0].text = "以党建引领新生成长——电子与电气工程学院学生带班工作总结"
        self.summary = save_docx(d, W("学生带班工作总结（电子学院）.docx"))
        self.summary_pdf = ctx.want(self.summary, "pdf")
        ctx.trap(C, ["DELIVERABLE_MISSING"], "the work summary is written as a short paper (摘要, numbered parts) "
                 "titled 以党建引领新生成长——电子与电气工程学院学生带班工作总结")

    def finish(self):
        ctx, rng = self.ctx, self.rng
        pr = ctx.printer
        ring = "中国共产党肇庆学院电子与电气工程学院委员会"
        cz = []
        for name, path, life, info in self.cases:
            cz.append((f"案例/{name}-带班案例.docx", path.read_bytes()))
            cz.append((f"生活照/{name}.jpg", life))
        cases_zip = make_zip(ctx.work / "dz-cases.zip", cz, dirs=True)
        a5z = []
        for m in self.col.mentors:
            if m.name == "徐海燕":
                a5z.append((f"考核审批表/审批表-{m.name}.docx", self.a5_xu_v1.read_bytes()))
            elif m.name in self.a5:
                a5z.append((f"考核审批表/审批表-{m.name}.docx", self.a5[m.name].read_bytes()))
        a5_zip = make_zip(ctx.work / "dz-a5.zip", a5z, dirs=True)
        r1 = "邮件/电子与电气工程学院带班党员材料.eml"
        make_eml(ctx.inbox / r1, sender="dzxy_dw@zqu.edu.cn", sender_name="电子与电气工程学院党委",
                 to="2539746740@qq.com", subject="电子与电气工程学院带班党员材料",
                 date="Sat, 20 Jun 2020 21:30:12 +0800", msgid="5EEE0F24.1A2B3C@zqu.edu.cn",
                 body="李老师：您好！附件为我院带班党员相关材料，请查收。纸质材料周一送到。", style="utf8",
                 boundary_seed="dz1",
                 attachments=[("电子与电气工程学院案例.zip", cases_zip.read_bytes()),
                              ("新聘学生带班党员汇总表-电子.xlsx", self.a2.read_bytes()),
                              ("考核情况汇总表-电子.xlsx", self.a4.read_bytes()),
                              ("获奖情况统计表-电子.xlsx", self.a3.read_bytes()),
                              ("审批表.zip", a5_zip.read_bytes()),
                              ("学生带班工作总结（电子学院）.docx", self.summary.read_bytes())])
        ctx.claim(r1, C)
        r2 = "邮件/回复：电子与电气工程学院带班党员材料——徐海燕审批表修改版.eml"
        make_eml(ctx.inbox / r2, sender="dzxy_dw@zqu.edu.cn", sender_name="电子与电气工程学院党委",
                 to="2539746740@qq.com", subject="回复：电子与电气工程学院带班党员材料——徐海燕审批表修改版",
                 date="Sun, 21 Jun 2020 10:15:40 +0800", msgid="5EEEC2AC.4D5E6F@zqu.edu.cn",
                 body="李老师：徐海燕的审批表所带班级填错了，现发修改版，以此为准。", style="utf8", boundary_seed="dz2",
                 attachments=[("审批表-徐海燕（修改版）.docx", self.a5["徐海燕"].read_bytes())])
        ctx.claim(r2, C)
        ctx.defect("ARCHIVE_NAME_INVALID", C, "the cases archive is named 电子与电气工程学院案例.zip, not "
                   "电子与电气工程学院优秀带班党员案例")
        ctx.trap(C, ["PHOTO_MISSING", "CASE_IMAGE_COUNT"], "life photos are in the folder 生活照/ of the cases zip, "
                 "each named only with the author's name (生活照/刘晓敏.jpg); the cases in 案例/")
        # paper: one colour PDF — A4, three A5 (the corrected 徐海燕), summary; NO A2 paper copy at all
        pages = []
        pages += pr.scan(self.a4_pdf, rng.sub("sA4"), dpi=200,
                         seal=dict(ring=ring, anchor="电子与电气工程学院", dx=-40, dy=10), opts=dict(skew=-0.7, noise=4))
        for n in ("陈堃", "杨鑫", "徐海燕"):
            pages += pr.scan(self.a5_pdf[n], rng.sub("sA5" + n), dpi=200,
                             seal=dict(ring=ring, anchor="盖章", which=("after", "学院党委意见"), dx=-10, dy=14),
                             sign=True, opts=dict(skew=rng.uniform(-1, 1), noise=4))
        pages += pr.scan(self.summary_pdf, rng.sub("sSum"), dpi=200,
                         seal=dict(ring=ring, anchor="盖章", which="last", dx=-70, dy=-6), opts=dict(skew=0.5, noise=4))
        rel = "纸质材料扫描/电子与电气工程学院纸质材料.pdf"
        save_pdf([to_image(p, False) for p in pages], ctx.inbox / rel, 200, quality=80)
        ctx.claim(rel, C, "2020-06-22 09:20")
        ctx.pages(C, len(pages))
        ctx.defect("DELIVERABLE_MISSING", C, "no paper copy of the A2 new-mentor table arrived: the college's scan "
                   "PDF holds A4, three A5 and the work summary only (deliverable: selection)")
        ctx.trap(C, ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "OCR_LOW_CONFIDENCE"], f"one colour 200 dpi PDF of "
                 f"{len(pages)} pages with A4, the A5 of 陈堃, 杨鑫 and 徐海燕 (her corrected form; seal on page 2) and "
                 "the work summary; rare characters 堃 鑫")
        ctx.styles[C] = ("defects; two UTF-8 e-mails (06-20 all, 06-21 one A5 修改版); cases zip 案例/ + 生活照/; "
                         "cases in the template table, author table; A4 two-line header, （组长）, 学号 with spaces; "
                         "paper one colour PDF without A2")
