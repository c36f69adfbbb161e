"""环境与化学工程学院 — DEFECTS. Two Outlook-style .eml (A2 one day late; the rest at 23:47 on the
deadline day); GBK cases zip; A5 in a 7z with check marks; grey 200 dpi scans.

8 mentors: 标兵 quota 15 % × 8 = 1.2 → 1 (two rated 标兵); cases 40 % × 8 = 3.2 → 3.
"""
from __future__ import annotations

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
from people import BIAO, HH, HH_AWARDS, HH_NEW, YOU
from sheets import LEFT, merge

C = "环境与化学工程学院"
H4 = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]


def build(ctx):
    ctx.colleges.append(C)
    ctx.styles[C] = ("defects; two .eml (Outlook style: name= encoded-word + filename*= RFC 2231), the A2 one "
                     "dated 2020-06-21, the rest 2020-06-22 23:47; GBK cases zip; A4 vocabulary 带班党员标兵/"
                     "优秀带班党员/正式党员/预备党员/完成/良好, 公示 with ～; A5 with ☑/□ check marks in a .7z; grey "
                     "200 dpi scans, the A4 one unsealed")
    d = ctx.stage / "hh"
    d.mkdir(parents=True, exist_ok=True)
    by = {m.name: m for m in HH}
    a = lambda m: {"姓名": m.name, "学号": m.sid, "学院": C, "所带班级": m.led}

    # ---------------------------------------------------------------- cases
    mem = []
    m = by["罗志强"]; r = ctx.rng("case:lzq")
    life = images.life_photo(ctx.rng("life:罗志强"), min_bytes=1_150_000)
    docs.build_case(d / "c1.docx", title="实验室里的“传帮带”", author=a(m), author_style="line", heading_style="h2",
                    headings=H4, sections=sections(r, 950), pictures=case_pictures(r, 2, "图{n}　{t}"),
                    life_embed=(life, "作者生活照"), rng=r)
    mem += [("罗志强-优秀带班党员案例.docx", (d / "c1.docx").read_bytes()), ("罗志强生活照.jpg", life)]
    ctx.defect("CASE_IMAGE_COUNT", C, "罗志强's case has 2 pictures (图1, 图2) plus his life photo embedded at the end "
               "captioned 作者生活照, which does not count: 2 < 3.", name="罗志强", sid=m.sid)
    m = by["曾宇航"]; r = ctx.rng("case:zyh")
    small = images.life_photo(ctx.rng("life:曾宇航"), max_bytes=760_000)
    assert len(small) < 1_048_576
    docs.build_case(d / "c2.docx", title="垃圾分类，从我们班做起", author=a(m), author_style="line",
                    heading_style="bold", headings=H4, sections=sections(r, 900),
                    pictures=case_pictures(r, 4, "图{n}　{t}"), rng=r)
    mem += [("曾宇航-优秀带班党员案例.docx", (d / "c2.docx").read_bytes()), ("曾宇航生活照.jpg", small)]
    ctx.defect("PHOTO_TOO_SMALL", C, f"曾宇航's life photo 曾宇航生活照.jpg is {len(small):,} bytes (< 1,048,576).",
               name="曾宇航", sid=m.sid)
    m = by["许晴"]; r = ctx.rng("case:xq")
    life3 = images.life_photo(ctx.rng("life:许晴"), min_bytes=1_150_000)
    docs.build_case(d / "c3.docx", title="一次化学实验安全演练", author=a(m), author_style="line", heading_style="h2",
                    headings=H4, sections=sections(r, 1000), pictures=case_pictures(r, 5, "图{n}　{t}"), rng=r)
    mem += [("许晴-优秀带班党员案例.docx", (d / "c3.docx").read_bytes()), ("许晴生活照.jpg", life3)]
    ctx.trap(C, ["CASE_IMAGE_COUNT"], "许晴's case has exactly 5 pictures (the upper bound).", name="许晴")
    ctx.trap(C, ["CASE_QUOTA"], "3 cases for 8 mentors: 40 % × 8 = 3.2 → 3.")
    cases_zip = pack.zip_bytes(ctx.work, "hhcases", mem, gbk=True, date=(2020, 6, 22, 22, 58, 0))

    # ---------------------------------------------------------------- A4
    wb, ws = sheets.new_wb("考核情况汇总表")
    ncol = len(forms.A4_COLS)
    sheets.widths(ws, forms.A4_W)
    merge(ws, 1, 1, 1, ncol, "肇庆学院学生带班党员考核情况汇总表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, ncol, "学院（盖章）：环境与化学工程学院　　　带班党员总数：8　　　公示时间：6月10日～6月14日",
          box=False, align=LEFT)
    recs = [forms.a4_record(m, rating=lambda x: {BIAO: "带班党员标兵", YOU: "优秀带班党员"}[x],
                            status=lambda s: {"中共党员": "正式党员", "中共预备党员": "预备党员"}[s],
                            essay=lambda e: "完成" if e == "已完成" else e,
                            integ=lambda i: "良好" if i == "无" else i) for m in HH]
    end = forms.table(ws, 3, forms.A4_COLS, recs, sid_modes=["int"] * len(recs), cache={}, size=10.5)
    forms.footer_line(ws, end + 1, "填表人：周敏　　　联系电话：0758-2752277", ncol)
    sheets.print_a4(ws)
    a4 = d / "环化学院考核情况汇总表.xlsx"
    sheets.save_with_cache(wb, a4, {})
    ctx.print_("hh_a4", a4)
    ctx.defect("MODEL_QUOTA_EXCEEDED", C, "2 标兵 (罗志强, 邓雅琪) for 8 mentors: the quota is 15 % × 8 = 1.2 → 1.")
    ctx.trap(C, ["PUBLICITY_TOO_SHORT"], "公示时间：6月10日～6月14日 (full-width tilde): five days inclusive.")
    ctx.trap(C, ["CRITERIA_NOT_MET", "FIELD_MISMATCH"], "A4 vocabulary 带班党员标兵 / 优秀带班党员, 正式党员 / 预备党员, "
             "带班征文 完成, 诚信记录 良好; A5 ☑ check marks for the same values; both 标兵 meet every criterion "
             "(三好学生 / 二等奖学金, 0 failed courses, 0 violations).")
    ctx.trap(C, ["HEADCOUNT_MISMATCH"], "带班党员总数：8 and 8 rows; footer 填表人/联系电话.")

    # ---------------------------------------------------------------- A5 (7z)
    a5dir = d / "a5"
    a5dir.mkdir()
    for i, m in enumerate(HH, 1):
        r = ctx.rng("a5:" + m.name)
        p = a5dir / f"{m.name}考核审批表.docx"
        docs.build_a5(p, _a5_values(m), layout="check", college_label=C, opinion="经学院党委会议研究，同意申报。",
                      signer="郑海波", sign_date="2020年6月19日", deeds="".join(r.sample(textgen.DEEDS, 4)))
        if m.name in ("蔡明轩", "袁博文"):
            ctx.print_(f"hh_a5_{i}", p)
    ctx.trap(C, ["FORM_MISSING", "FIELD_MISMATCH"], "A5 with ☑/□ check marks for 申报等级, 带班征文 and 诚信记录; the "
             "eight forms in 环化学院考核审批表.7z.")

    # ---------------------------------------------------------------- A3, A2, work summary
    wb, ws = sheets.new_wb("Sheet1")
    n3 = len(forms.A3_COLS)
    sheets.widths(ws, forms.A3_W)
    merge(ws, 1, 1, 1, n3, "肇庆学院学生带班党员获奖情况统计表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, n3, "学院：环境与化学工程学院", box=False, align=LEFT)
    forms.table(ws, 3, forms.A3_COLS, [forms.a3_record(x) for x in HH_AWARDS], sid_modes=["int"] * 3, cache={})
    a3 = d / "环化学院获奖情况统计表.xlsx"
    sheets.save_with_cache(wb, a3, {})

    wb, ws = sheets.new_wb("Sheet1")
    n2 = len(forms.A2_COLS)
    sheets.widths(ws, forms.A2_W)
    merge(ws, 1, 1, 1, n2, "肇庆学院2020—2021学年度新聘学生带班党员汇总表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, n2, "学院（盖章）：环境与化学工程学院　　填表人：周敏　　联系电话：0758-2752277　　日期：2020年6月20日",
          box=False, align=LEFT)
    forms.table(ws, 3, forms.A2_COLS, [forms.a2_record(n) for n in HH_NEW], sid_modes=["int"] * len(HH_NEW),
                cache={}, row_h=25)
    sheets.print_a4(ws)
    a2 = d / "环化学院新聘学生带班党员汇总表.xlsx"
    sheets.save_with_cache(wb, a2, {})
    ctx.print_("hh_a2", a2)
    ctx.defect("CLASS_OVER_STAFFED", C, "A2 gives 20化学工程与工艺1班 three new mentors (李浩楠, 王诗涵, 张嘉怡); the "
               "limit is 2.")
    ctx.defect("CANDIDATE_STATUS", C, "new mentor 刘俊杰's 政治面貌 is 共青团员 (not 党员/预备党员/发展对象/积极分子).",
               name="刘俊杰", sid="201808030109")
    ctx.defect("LATE_SUBMISSION", C, "the A2 (due 2020-06-20) came by an e-mail dated Sun, 21 Jun 2020 09:12:33 +0800 "
               "(deliverable: selection).")

    r = ctx.rng("ws:hh")
    ws_doc = d / "环化学院带班工作总结.docx"
    docs.build_summary(ws_doc, title="环境与化学工程学院学生带班工作总结",
                       paragraphs=textgen.paragraphs(r, textgen.SUMMARY, 5, (3, 4)),
                       signer="中共肇庆学院环境与化学工程学院委员会", date="2020年6月19日")
    ctx.print_("hh_ws", ws_doc)

    def scans_job():
        base = "扫描件/环境与化学工程学院/"
        pg = paper.scan(ctx, "hh_a4", college=C, dpi=200, seals=[], grey=True, pages=[0], skew=0.5)
        ctx.put(base + "考核情况汇总表.pdf", _pdf(ctx, pg, 200, 70), C)
        pg = paper.scan(ctx, "hh_a2", college=C, dpi=200, seals=[("text", 0, "盖章", 0, 35, 8)], grey=True, pages=[0])
        ctx.put(base + "新聘汇总表.pdf", _pdf(ctx, pg, 200, 70), C)
        for i, m in enumerate(HH, 1):
            if m.name in ("蔡明轩", "袁博文"):
                pg = paper.scan(ctx, f"hh_a5_{i}", college=C, dpi=200, seals=[("text", 1, "盖章", 0, -6, 4)],
                                grey=True, skew=0.4)
                ctx.put(base + f"审批表-{m.name}.pdf", _pdf(ctx, pg, 200, 70), C)
        n = scans.page_count(ctx.pdf("hh_ws"))
        pg = paper.scan(ctx, "hh_ws", college=C, dpi=200, grey=True,
                        seals=[("text", n - 1, "中共肇庆学院环境与化学工程学院委员会", 0, 0, 3)])
        ctx.put(base + "工作总结.pdf", _pdf(ctx, pg, 200, 70), C)
    ctx.after_print.append(scans_job)
    ctx.defect("SEAL_MISSING", C, "the scanned paper copy of the A4 summary (扫描件/环境与化学工程学院/考核情况汇总表.pdf) "
               "bears no seal (deliverable: assessment-summary).")
    ctx.trap(C, ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH"], "grey 200 dpi scans: A2, A5 of 蔡明轩 and 袁博文, and the "
             "work summary are sealed (the red seal is mid-grey in a grey scan).")

    def pack_job():
        sz = pack.write_7z(ctx.work / "hh_a5.7z", a5dir, mtime=1592837000)
        p = ctx.work / "hh1.eml"
        pack.write_eml(p, subject="环化学院2020-2021学年度新聘学生带班党员汇总表", from_name="环境与化学工程学院 周敏",
                       from_addr="hhxy_zm@zqu.edu.cn", date="Sun, 21 Jun 2020 09:12:33 +0800",
                       body="李老师好，附件为我院新聘学生带班党员汇总表，迟交一天，抱歉。",
                       attachments=[(a2.name, a2.read_bytes())], style="both")
        ctx.put("收件箱导出/环化学院新聘带班党员汇总表.eml", p.read_bytes(), C)
        p = ctx.work / "hh2.eml"
        pack.write_eml(p, subject="环化学院学生带班党员工作材料（案例、考核、获奖、总结）", from_name="环境与化学工程学院 周敏",
                       from_addr="hhxy_zm@zqu.edu.cn", date="Mon, 22 Jun 2020 23:47:05 +0800",
                       body="李老师：\n我院学生带班党员工作的其余材料见附件。",
                       attachments=[("环境与化学工程学院优秀带班党员案例.zip", cases_zip), (a4.name, a4.read_bytes()),
                                    (a3.name, a3.read_bytes()), ("环化学院考核审批表.7z", sz),
                                    (ws_doc.name, ws_doc.read_bytes())], style="both")
        ctx.put("收件箱导出/Re：环化学院学生带班党员工作材料.eml", p.read_bytes(), C)
    ctx.after_scan.append(pack_job)
    ctx.trap(C, ["LATE_SUBMISSION"], "the main e-mail is dated Mon, 22 Jun 2020 23:47:05 +0800: on the deadline day "
             "(only the A2 mail of 06-21 is late).")
