"""计算机科学与软件学院 — DEFECTS. One loose zip (UTF-8 names, __MACOSX clutter) with folders per
deliverable and the cases zip nested, named with the short name 计算机学院 (invalid); scans as files.

A4 states 11 mentors and lists 10 (何静怡 has an A5 but is not on A4). Quotas are the same for both
bases: cases 40 % × 11 = 4.4 → 4 and 40 % × 10 = 4; 标兵 15 % × 11 = 1.65 → 2 and 15 % × 10 = 1.5 → 2.
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
from college_zf import _a5_values, _jpg, _pdf
from ctx import case_pictures, sections
from people import BIAO, JR, JR_AWARDS, JR_EXTRA, JR_NEW, YOU
from sheets import LEFT, merge, put

C = "计算机科学与软件学院"
H4 = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]


def build(ctx):
    ctx.colleges.append(C)
    ctx.styles[C] = ("defects; loose zip 计软学院_带班党员材料_最终版.zip (UTF-8 names, __MACOSX entries) with "
                     "folders per deliverable and the nested cases zip named 计算机学院优秀带班党员案例.zip (GBK); A4 "
                     "学号 as =TEXT() formulas with cached values, hidden QQ column, info over three merged cells, "
                     "公示 with an em dash; A5 template-like with 学院 计算机学院; work summary .doc; scans: A4 "
                     "colour 300 dpi with the seal over the table's corner, A2 JPG, A5 pages as phone photos")
    d = ctx.stage / "jr"
    d.mkdir(parents=True, exist_ok=True)
    by = {m.name: m for m in JR}
    a = lambda m: {"姓名": m.name, "学号": m.sid, "学院": C, "所带班级": m.led}

    # ---------------------------------------------------------------- cases
    mem = []
    life = {nm: images.life_photo(ctx.rng("life:" + nm), min_bytes=1_150_000)
            for nm in ("陈思远", "黄浩然", "吴子涵", "谢婉婷")}
    m = by["陈思远"]; r = ctx.rng("case:csy")
    docs.build_case(d / "c1.docx", title="代码之外的成长课", author=a(m), author_style="paren", heading_style="bold",
                    headings=["第一部分 背景与起因", "第二部分 做法与流程", "第三部分 效果与启示", "第四部分 创意与评价"],
                    sections=sections(r, 1000), pictures=case_pictures(r, 4, "图{n} {t}"), picture_layout="pairs", rng=r)
    mem.append(("陈思远-案例.docx", (d / "c1.docx").read_bytes()))
    m = by["黄浩然"]; r = ctx.rng("case:hhr")
    docs.build_case(d / "c2.docx", title="一次班级危机的化解", author=a(m), author_style="line", heading_style="h2",
                    headings=H4, sections=sections(r, 900), pictures=case_pictures(r, 3, "图{n}　{t}"), rng=r)
    mem.append(("黄浩然-案例.docx", (d / "c2.docx").read_bytes()))
    m = by["吴子涵"]; r = ctx.rng("case:wzh")
    secs = sections(r, 900)[:3]
    docs.build_case(d / "c3.docx", title="结对编程，互助成长", author=a(m), author_style="line", heading_style="h2",
                    headings=H4[:3], sections=secs, pictures=case_pictures(r, 4, "图{n}　{t}"), rng=r)
    mem.append(("吴子涵-案例.docx", (d / "c3.docx").read_bytes()))
    ctx.defect("CASE_SECTION_MISSING", C, "吴子涵's case has 一、背景与起因, 二、做法与流程, 三、效果与启示 and no "
               "四、创意与评价 (no heading, no text of that part).", name="吴子涵", sid=m.sid)
    m = by["谢婉婷"]; r = ctx.rng("case:xwt")
    docs.build_case(d / "c4.docx", title="网络安全周里的“小老师”", author=a(m), author_style="paren2",
                    heading_style="bold", headings=H4, sections=sections(r, 1000),
                    pictures=case_pictures(r, 5, "图{n}：{t}"), picture_layout="floating", rng=r)
    mem.append(("谢婉婷-案例.docx", (d / "c4.docx").read_bytes()))
    ctx.trap(C, ["CASE_IMAGE_COUNT"], "谢婉婷's case has 5 floating (anchored) pictures.", name="谢婉婷")
    for nm in ("陈思远", "黄浩然", "吴子涵", "谢婉婷"):
        mem.append((f"{nm}-生活照.jpg", life[nm]))
    cases_zip = pack.zip_bytes(ctx.work, "jrcases", mem, gbk=True, date=(2020, 6, 20, 11, 2, 0))
    ctx.defect("ARCHIVE_NAME_INVALID", C, "the cases archive is named 计算机学院优秀带班党员案例.zip: 计算机学院 is a short "
               "name, not the official 计算机科学与软件学院 the notice's 学院名称+优秀带班党员案例 asks for (SPEC: "
               "'with an official college name').")
    ctx.trap(C, ["CASE_QUOTA"], "4 cases: 40 % × 11 (stated) = 4.4 → 4 and 40 % × 10 (rows) = 4 — the same either way.")

    # ---------------------------------------------------------------- A4
    wb, ws = sheets.new_wb("Sheet1")
    cache = {"Sheet1": {}}
    cols = forms.A4_COLS + ["QQ号"]
    ncol = len(cols)
    sheets.widths(ws, forms.A4_W + [14])
    merge(ws, 1, 1, 1, ncol - 1, "肇庆学院学生带班党员考核情况汇总表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, 4, "学院（盖章）：计算机科学与软件学院", box=False, align=LEFT)
    merge(ws, 2, 5, 2, 7, "带班党员总数：11人", box=False, align=LEFT)
    merge(ws, 2, 8, 2, 13, "公示时间：6月15日—6月19日", box=False, align=LEFT)
    ws.row_dimensions[2].height = 26
    recs = []
    for m in JR:
        rec = forms.a4_record(m)
        rec["QQ号"] = str(int(m.phone[3:]) % 900000000 + 100000000)
        recs.append(rec)
    end = forms.table(ws, 3, cols, recs, sid_modes=["formula"] * len(recs), cache=cache["Sheet1"], size=10.5)
    ws.column_dimensions["N"].hidden = True
    forms.footer_line(ws, end + 1, "填表人：张敏　　　审核人：李建华", ncol - 1)
    forms.footer_line(ws, end + 2, "2020年6月18日", ncol - 1)
    ws.freeze_panes = "A4"
    sheets.print_a4(ws, title_rows="3:3")
    a4 = d / "计算机学院考核情况汇总表.xlsx"
    sheets.save_with_cache(wb, a4, cache)
    ctx.print_("jr_a4", a4)
    ctx.defect("HEADCOUNT_MISMATCH", C, "A4 states 带班党员总数：11人 and lists 10 people (何静怡, who has an A5, is "
               "missing from the list).")
    ctx.defect("CRITERIA_NOT_MET", C, "尼格买提·热合曼 is rated 学生带班党员标兵 with 带班征文 未完成 (A4 and A5): the notice "
               "requires 完成带班征文的撰写 for 标兵.", name="尼格买提·热合曼", sid="201707010122")
    ctx.trap(C, ["PUBLICITY_TOO_SHORT"], "公示时间：6月15日—6月19日 (em dash, no year): five days inclusive.")
    ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING", "CASE_AUTHOR_UNKNOWN"], "A4 学号 are formulas =TEXT(201707010105,\"0\") "
             "with cached text values (as Excel saves them); a hidden extra column QQ号; no instruction row, "
             "header on row 3.")
    ctx.trap(C, ["MODEL_QUOTA_EXCEEDED"], "2 标兵: 15 % × 11 = 1.65 → 2 and 15 % × 10 = 1.5 → 2.")

    # ---------------------------------------------------------------- A5
    a5_members = []
    people = JR + [JR_EXTRA]
    for i, m in enumerate(people, 1):
        r = ctx.rng("a5:" + m.name)
        v = _a5_values(m, 专业班级=("17计科1班" if m.name == "陈思远" else None))
        p = d / f"{m.name}.docx"
        docs.build_a5(p, v, layout="plain", college_label="计算机学院", opinion="同意。", signer="李建华",
                      sign_date="2020年6月18日", deeds="".join(r.sample(textgen.DEEDS, 4)))
        a5_members.append((f"考核材料/考核审批表/{m.name}.docx", p.read_bytes()))
        if m.name in ("黄浩然", "林晓琪"):
            ctx.print_(f"jr_a5_{i}", p)
    ctx.defect("FORM_NOT_IN_SUMMARY", C, "an A5 approval form arrived for 何静怡 (201707030102, 2017级网络工程1班) who is "
               "not on the college's A4.", name="何静怡", sid="201707030102")
    ctx.trap(C, ["FIELD_MISMATCH"], "陈思远's A5 writes 专业班级 17计科1班 where A4 writes 2017级计算机科学与技术1班 "
             "(计科 is the usual short form).", name="陈思远")
    ctx.trap(C, ["COLLEGE_CONFLICT", "UNKNOWN_COLLEGE"], "A5 forms give 学院 as 计算机学院 (an alias).")

    # ---------------------------------------------------------------- A3
    wb, ws = sheets.new_wb("获奖情况")
    n3 = len(forms.A3_COLS)
    sheets.widths(ws, forms.A3_W)
    merge(ws, 1, 1, 1, n3, "肇庆学院学生带班党员获奖情况统计表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, n3, "学院：计算机科学与软件学院", box=False, align=LEFT)
    recs = [forms.a3_record(aw, datefmt="yyyy/m/d") for aw in JR_AWARDS]
    forms.table(ws, 3, forms.A3_COLS, recs, cache={})
    a3 = d / "获奖情况统计表.xlsx"
    sheets.save_with_cache(wb, a3, {})

    # ---------------------------------------------------------------- A2 (+ the differing paper copy)
    def a2_book(paper_copy: bool):
        wb, ws = sheets.new_wb("新聘")
        n2 = len(forms.A2_COLS)
        sheets.widths(ws, forms.A2_W)
        merge(ws, 1, 1, 1, n2, "肇庆学院2020—2021学年度新聘学生带班党员汇总表", bold=True, size=16, box=False)
        merge(ws, 2, 1, 2, n2, "学院（盖章）：计算机科学与软件学院　　填表人：张敏　　联系电话：0758-2752301　　"
                               "日期：2020年6月18日", box=False, align=LEFT)
        ws.row_dimensions[2].height = 26
        recs = []
        for n in JR_NEW:
            rec = forms.a2_record(n)
            if paper_copy and n.name == "冯家豪":
                rec["政治面貌"] = "入党积极分子"
            recs.append(rec)
        modes = ["fullwidth" if n.name in ("蔡佳琪", "杨紫琳", "钱思琪") else "text" for n in JR_NEW]
        forms.table(ws, 3, forms.A2_COLS, recs, sid_modes=modes, cache={}, row_h=25)
        sheets.print_a4(ws)
        return wb
    a2 = d / "2020-2021学年度新聘学生带班党员汇总表.xlsx"
    sheets.save_with_cache(a2_book(False), a2, {})
    a2p = d / "a2_paper.xlsx"
    sheets.save_with_cache(a2_book(True), a2p, {})
    ctx.print_("jr_a2", a2p)
    ctx.defect("CANDIDATE_GRADE", C, "new mentor 刘一鸣 has 学号 201907020113 (2019 enrolment, 年级 2019级): not a "
               "rising third-year.", name="刘一鸣", sid="201907020113")
    ctx.defect("PAPER_ELECTRONIC_MISMATCH", C, "A2: the sealed paper copy gives 冯家豪's 政治面貌 as 入党积极分子, the "
               "electronic A2 as 中共预备党员.", name="冯家豪", sid="201807010107")
    ctx.trap(C, ["CLASS_OVER_STAFFED"], "20计算机科学与技术1班, 20计算机科学与技术2班, 20软件工程1班 and 20网络工程1班 get "
             "exactly 2 new mentors each.")
    ctx.trap(C, ["CANDIDATE_GRADE"], "A2 学号 in full-width digits for 蔡佳琪, 杨紫琳 and 钱思琪 (2018…).")

    # ---------------------------------------------------------------- work summary (.doc)
    r = ctx.rng("ws:jr")
    ws_doc = d / "计算机科学与软件学院2020年学生带班工作总结.docx"
    docs.build_summary(ws_doc, title="计算机科学与软件学院2020年学生带班工作总结",
                       paragraphs=textgen.paragraphs(r, textgen.SUMMARY, 6, (3, 4)),
                       signer="中共肇庆学院计算机科学与软件学院委员会", date="2020年6月18日", font="宋体")
    ctx.legacy_doc(ws_doc)
    ctx.print_("jr_ws", ws_doc)

    def scans_job():
        base = "扫描件/计软学院/"
        pg = paper.scan(ctx, "jr_a4", college=C, dpi=300, seals=[("table", 0, -28, -6)], pages=[0], skew=0.5)
        ctx.put(base + "计软学院考核汇总表-扫描.pdf", _pdf(ctx, pg, 300, 70), C)
        pg = paper.scan(ctx, "jr_a2", college=C, dpi=200, seals=[("text", 0, "盖章", 0, 30, 8)], pages=[0], skew=0.8)
        ctx.put(base + "新聘带班党员汇总表-扫描.jpg", _jpg(ctx, pg[0], 72, 200), C)
        stamp = 101512
        for i, m in enumerate(JR + [JR_EXTRA], 1):
            if m.name not in ("黄浩然", "林晓琪"):
                continue
            pg = paper.scan(ctx, f"jr_a5_{i}", college=C, dpi=200, seals=[("text", 1, "盖章", 0, -6, 4)], phone=True)
            for im in pg:
                ctx.put(base + f"IMG_20200622_{stamp}.jpg", _jpg(ctx, im, 80), C)
                stamp += 9
        n = scans.page_count(ctx.pdf("jr_ws"))
        pg = paper.scan(ctx, "jr_ws", college=C, dpi=200,
                        seals=[("text", n - 1, "中共肇庆学院计算机科学与软件学院委员会", 0, 0, 3)])
        ctx.put(base + "计软学院工作总结-扫描.pdf", _pdf(ctx, pg, 200, 75), C)
    ctx.after_print.append(scans_job)
    ctx.trap(C, ["SEAL_MISSING"], "the A4 paper copy is sealed over the bottom-right corner of the table (the seal "
             "crosses the grid lines), colour 300 dpi; A5 pages of 黄浩然 and 林晓琪 are phone photos, sealed on page 2.")

    def pack_job():
        mac = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + b"\x00" * 40
        members = [("计算机学院优秀带班党员案例.zip", cases_zip),
                   ("考核材料/", b""), ("考核材料/" + a4.name, a4.read_bytes()),
                   ("__MACOSX/考核材料/._" + a4.name, mac)]
        members += a5_members
        members += [("获奖统计/获奖情况统计表.xlsx", a3.read_bytes()),
                    ("新聘/" + a2.name, a2.read_bytes()),
                    ("总结/" + ws_doc.stem + ".doc", ctx.doc_of(ws_doc).read_bytes()),
                    ("__MACOSX/总结/._" + ws_doc.stem + ".doc", mac)]
        ctx.put("计软学院_带班党员材料_最终版.zip", pack.zip_bytes(ctx.work, "jr", members, date=(2020, 6, 20, 11, 15, 0)), C)
    ctx.after_scan.append(pack_job)
    ctx.trap(C, ["UNREADABLE_FILE"], "the zip holds __MACOSX/._… AppleDouble entries (clutter).")
