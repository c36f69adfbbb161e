"""体育与健康学院 — DEFECTS. A loose folder 体育学院/ (short name) with files named 附件N …（体育学院）,
a cases zip, A5 forms 'label：value' in one cell, a truncated work summary, colour 150 dpi JPEG scans.

7 mentors: 标兵 quota 15 % × 7 = 1.05 → 1; cases 40 % × 7 = 2.8 → 3.
"""
from __future__ import annotations

import docs
import forms
import images
import pack
import paper
import sheets
import textgen
from college_zf import _a5_values, _jpg
from ctx import case_pictures, sections
from people import BIAO, TY, TY_AWARDS, TY_NEW, YOU
from sheets import LEFT, merge

C = "体育与健康学院"
H4 = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]


def build(ctx):
    ctx.colleges.append(C)
    ctx.styles[C] = ("defects; loose folder 体育学院/ with 附件N …（体育学院）.xlsx, a UTF-8 cases zip with "
                     "'姓名 案例.docx' names, A5 forms with 姓名：X in one cell, Thumbs.db, a truncated work summary, "
                     "colour 150 dpi JPEG (quality 40) scans with the A4 seal over the table's corner")
    base = "体育学院/"
    d = ctx.stage / "ty"
    d.mkdir(parents=True, exist_ok=True)
    by = {m.name: m for m in TY}
    a = lambda m: {"姓名": m.name, "学号": m.sid, "学院": C, "所带班级": m.led}

    # ---------------------------------------------------------------- cases
    mem = []
    m = by["玛依拉·阿不都热依木"]; r = ctx.rng("case:myl")
    secs = sections(r, 1840)
    body = sum(textgen.spec_count(p) for s in secs for p in s)
    cjk_only = sum(1 for s in secs for p in s for ch in p if "\u4e00" <= ch <= "\u9fff")
    assert cjk_only > 1500, cjk_only
    life = images.life_photo(ctx.rng("life:myl"), min_bytes=1_150_000)
    docs.build_case(d / "c1.docx", title="运动场上的班级凝聚力", author=a(m), author_style="line", heading_style="h2",
                    headings=H4, sections=secs, pictures=case_pictures(r, 4, "图{n}　{t}"), rng=r)
    mem += [("玛依拉·阿不都热依木 案例.docx", (d / "c1.docx").read_bytes()), ("玛依拉·阿不都热依木 生活照.jpg", life)]
    ctx.defect("CASE_TOO_LONG", C, f"玛依拉·阿不都热依木's case body is {body} 字 by the SPEC rule without headings "
               f"({cjk_only} CJK characters alone), over 1500.", name="玛依拉·阿不都热依木", sid=m.sid)
    m = by["钟嘉欣"]; r = ctx.rng("case:zjx")
    docs.build_case(d / "c2.docx", title="晨跑打卡三十天", author=a(m), author_style="paren2", heading_style="bold",
                    headings=H4, sections=sections(r, 850), pictures=case_pictures(r, 3, "图{n}　{t}"), rng=r)
    mem.append(("钟嘉欣 案例.docx", (d / "c2.docx").read_bytes()))
    ctx.defect("PHOTO_MISSING", C, "钟嘉欣's case comes with no life photo (none attached, none embedded).",
               name="钟嘉欣", sid=m.sid)
    m = by["卢思彤"]; r = ctx.rng("case:lst")
    life3 = images.life_photo(ctx.rng("life:lst"), min_bytes=1_150_000)
    docs.build_case(d / "c3.docx", title="把体育课堂搬进社区", author=a(m), author_style="table", heading_style="table",
                    headings=["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"],
                    sections=sections(r, 900), pictures=case_pictures(r, 4, "图{n}　{t}"), rng=r)
    mem += [("卢思彤 案例.docx", (d / "c3.docx").read_bytes()), ("卢思彤 生活照.jpg", life3)]
    ctx.trap(C, ["CASE_IMAGE_COUNT", "CASE_SECTION_MISSING"], "卢思彤's case is written in the template's table, "
             "4 pictures with captions inside one cell.", name="卢思彤")
    ctx.trap(C, ["CASE_QUOTA"], "3 cases for 7 mentors: 40 % × 7 = 2.8 → 3.")
    ctx.put(base + "体育与健康学院优秀带班党员案例.zip", pack.zip_bytes(ctx.work, "tycases", mem,
                                                             date=(2020, 6, 21, 17, 30, 0)), C)

    # ---------------------------------------------------------------- A4
    wb, ws = sheets.new_wb("考核汇总")
    ncol = len(forms.A4_COLS)
    sheets.widths(ws, forms.A4_W)
    merge(ws, 1, 1, 1, ncol, "肇庆学院学生带班党员考核情况汇总表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, 4, "学院（盖章）：体育与健康学院", box=False, align=LEFT)
    merge(ws, 2, 5, 2, 7, "带班党员总数：7", box=False, align=LEFT)
    merge(ws, 2, 8, 2, 13, "公示时间：2020.6.15—2020.6.18", box=False, align=LEFT)
    recs = [forms.a4_record(m, rating=lambda x: {BIAO: "标兵", YOU: "优秀"}[x]) for m in TY]
    modes = ["spaced" if m.name in ("钟嘉欣", "潘宏伟") else "text" for m in TY]
    end = forms.table(ws, 3, forms.A4_COLS, recs, sid_modes=modes, cache={}, size=10.5)
    forms.footer_line(ws, end + 1, "填表人：陈晓东　　　联系电话：0758-2752190", ncol)
    forms.footer_line(ws, end + 2, "（盖章）", ncol)
    sheets.print_a4(ws)
    a4 = d / "a4.xlsx"
    sheets.save_with_cache(wb, a4, {})
    ctx.put_file(base + "附件4 学生带班党员考核情况汇总表（体育学院）.xlsx", a4, C)
    ctx.print_("ty_a4", a4)
    ctx.defect("PUBLICITY_TOO_SHORT", C, "公示时间：2020.6.15—2020.6.18 is four days counted inclusively (< 5).")
    ctx.trap(C, ["FIELD_MISMATCH", "FORM_MISSING"], "A4 学号 with spaces for 钟嘉欣 (2017 1201 0208) and 潘宏伟.")
    ctx.trap(C, ["CRITERIA_NOT_MET"], "玛依拉·阿不都热依木 is 标兵 with 校级三好学生、三等奖学金 (三等奖学金 is the notice's "
             "minimum), 0 failed courses, 0 violations, 征文 done.", name="玛依拉·阿不都热依木")
    ctx.trap(C, ["MODEL_QUOTA_EXCEEDED"], "1 标兵 for 7 mentors: 15 % × 7 = 1.05 → 1.")

    # ---------------------------------------------------------------- A5 (label：value in one cell)
    for i, m in enumerate(TY, 1):
        r = ctx.rng("a5:" + m.name)
        v = _a5_values(m, 政治面貌=("中共预备党员" if m.name == "杨振宇" else None))
        p = d / f"a5_{i}.docx"
        docs.build_a5(p, v, layout="inline", college_label=C, opinion="同意申报。", signer="陈晓东",
                      sign_date="2020年6月19日", deeds="".join(r.sample(textgen.DEEDS, 4)))
        ctx.put_file(base + f"考核审批表/{i}.{m.name}.docx", p, C)
        if m.name in ("黄俊杰", "潘宏伟"):
            ctx.print_(f"ty_a5_{i}", p)
    ctx.defect("FIELD_MISMATCH", C, "杨振宇's 政治面貌 is 中共党员 on A4 and 中共预备党员 on his A5 (a different "
               "meaning, not a spelling).", name="杨振宇", sid="201712010119")
    ctx.trap(C, ["FORM_MISSING", "FIELD_MISMATCH"], "A5 forms write label and value in one cell (姓名：黄俊杰, "
             "学号：201712010224 …), files 1.玛依拉·阿不都热依木.docx … in 考核审批表/.")

    # ---------------------------------------------------------------- A3, A2
    wb, ws = sheets.new_wb("Sheet1")
    n3 = len(forms.A3_COLS)
    sheets.widths(ws, forms.A3_W)
    merge(ws, 1, 1, 1, n3, "肇庆学院学生带班党员获奖情况统计表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, n3, "学院：体育与健康学院", box=False, align=LEFT)
    forms.table(ws, 3, forms.A3_COLS, [forms.a3_record(x, "yyyy年m月d日") for x in TY_AWARDS], cache={})
    p = d / "a3.xlsx"
    sheets.save_with_cache(wb, p, {})
    ctx.put_file(base + "附件3 获奖情况统计表（体育学院）.xlsx", p, C)

    wb, ws = sheets.new_wb("Sheet1")
    n2 = len(forms.A2_COLS)
    sheets.widths(ws, forms.A2_W)
    merge(ws, 1, 1, 1, n2, "肇庆学院2020—2021学年度新聘学生带班党员汇总表", bold=True, size=16, box=False)
    merge(ws, 2, 1, 2, n2, "学院（盖章）：体育与健康学院　　填表人：陈晓东　　联系电话：0758-2752190　　日期：2020年6月19日",
          box=False, align=LEFT)
    forms.table(ws, 3, forms.A2_COLS, [forms.a2_record(n, status=lambda nn: {"中共预备党员": "预备党员",
                                                                             "入党积极分子": "积极分子"}.get(nn.status, nn.status))
                                       for n in TY_NEW], cache={}, row_h=25)
    sheets.print_a4(ws)
    p = d / "a2.xlsx"
    sheets.save_with_cache(wb, p, {})
    ctx.put_file(base + "附件2 新聘学生带班党员汇总表（体育学院）.xlsx", p, C)
    ctx.print_("ty_a2", p)
    ctx.trap(C, ["CANDIDATE_STATUS"], "A2 政治面貌 预备党员 / 积极分子 / 入党发展对象.")

    # ---------------------------------------------------------------- work summary: truncated, no paper copy
    r = ctx.rng("ws:ty")
    ws_doc = d / "ws.docx"
    docs.build_summary(ws_doc, title="体育与健康学院学生带班工作总结",
                       paragraphs=textgen.paragraphs(r, textgen.SUMMARY, 6, (3, 4)),
                       signer="中共肇庆学院体育与健康学院委员会", date="2020年6月19日")
    data = ws_doc.read_bytes()
    ctx.put(base + "体育与健康学院学生带班工作总结.docx", data[: int(len(data) * 0.55)], C)
    ctx.defect("UNREADABLE_FILE", C, f"体育学院/体育与健康学院学生带班工作总结.docx is truncated (first "
               f"{int(len(data) * 0.55):,} of {len(data):,} bytes: no zip central directory).")
    ctx.defect("DELIVERABLE_MISSING", C, "no readable work summary and no scan of its paper copy at all "
               "(deliverable: work-summary).")
    ctx.put(base + "Thumbs.db", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), C)
    ctx.trap(C, ["UNREADABLE_FILE", "UNKNOWN_COLLEGE"], "体育学院/Thumbs.db (Windows thumbnail cache, clutter).")

    def scans_job():
        pb = base + "纸质版/"
        pg = paper.scan(ctx, "ty_a4", college=C, dpi=150, seals=[("table", 0, -22, -4)], pages=[0], skew=0.7,
                        noise=6)
        ctx.put(pb + "考核汇总表.jpg", _jpg(ctx, pg[0], 40, 150), C)
        pg = paper.scan(ctx, "ty_a2", college=C, dpi=150, seals=[("text", 0, "盖章", 0, 30, 8)], pages=[0], noise=6)
        ctx.put(pb + "新聘汇总表.jpg", _jpg(ctx, pg[0], 40, 150), C)
        for i, m in enumerate(TY, 1):
            if m.name in ("黄俊杰", "潘宏伟"):
                pg = paper.scan(ctx, f"ty_a5_{i}", college=C, dpi=150, seals=[("text", 1, "盖章", 0, -6, 4)],
                                noise=6, skew=0.5)
                for k, im in enumerate(pg, 1):
                    ctx.put(pb + f"审批表_{m.name}_{k}.jpg", _jpg(ctx, im, 40, 150), C)
    ctx.after_print.append(scans_job)
    ctx.trap(C, ["SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH"], "colour 150 dpi JPEG (quality 40) scans; the A4 seal "
             "sits over the bottom-right corner of the table, crossing its lines; A5 of 黄俊杰 and 潘宏伟 only, "
             "one JPG per page, sealed on page 2.")
