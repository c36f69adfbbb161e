"""Printed layouts of the paper forms (what the colleges print, sign and stamp): A4 summary, A2 new mentors,
work summary, and five layouts of the A5 approval form. Each returns Page objects (not yet stamped) whose
`marks` say where the stamp, the signature, the date and the tick boxes are, in mm."""
from __future__ import annotations

from paper import Page

A4_COLS = [("序号", 9), ("姓名", 18), ("学号", 29), ("专业班级", 28), ("所带班级", 28), ("政治面貌", 21),
           ("不及格科目数", 14), ("获奖情况", 36), ("所带班级违纪人数", 15), ("带班征文", 14), ("诚信记录", 14),
           ("考核等级", 22), ("备注", 9)]
A2_COLS = [("序号", 10), ("姓名", 20), ("性别", 10), ("学号", 30), ("年级", 16), ("专业班级", 36), ("政治面貌", 24),
           ("所带新生班级", 38), ("联系电话", 30), ("备注", 43)]


def a4_summary(key, dpi, college, total, publicity, rows, *, title="肇庆学院学生带班党员考核情况汇总表",
               per_page=None, blank_rows=0, footer=None, filler="", checker=""):
    """rows: lists of display strings in A4_COLS order (without 序号). Landscape; several pages when per_page."""
    per_page = per_page or max(1, len(rows))
    chunks = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    pages = []
    n = 0
    for pi, chunk in enumerate(chunks):
        p = Page(297, 210, dpi, f"{key}-p{pi + 1}")
        y = 16
        if pi == 0:
            p.text(148.5, y, title, 17, "serif", True, anchor="mm")
            y += 11
            info = f"学院（盖章）：{college}　　　　带班党员总数：{total}　　　　公示时间：{publicity}"
            p.text(20, y, info, 11, anchor="lm")
            p.marks["stamp_label"] = (20 + p.text_width_mm("学院（盖章）：", 11) * 0.6, y)
            y += 6
        else:
            p.text(148.5, y, title + "（续）", 13, "serif", True, anchor="mm")
            y += 8
        widths = [w for _, w in A4_COLS]
        hdr = [dict(r=0, c=i, text=t, pt=9, bold=True) for i, (t, _) in enumerate(A4_COLS)]
        cells = list(hdr)
        name_boxes = []
        lines = chunk + ([[""] * (len(A4_COLS) - 1)] * blank_rows if pi == len(chunks) - 1 else [])
        for r, row in enumerate(lines, 1):
            n += 1
            cells.append(dict(r=r, c=0, text=str(n), pt=9))
            for c, v in enumerate(row, 1):
                cells.append(dict(r=r, c=c, text=v, pt=9 if c != 8 else 8.5))
        row_h = [13] + [11] * len(lines)
        boxes, xs, ys = p.grid(20, y, widths, row_h, cells)
        for r, row in enumerate(chunk, 1):
            name_boxes.append((row[0], boxes[(r, 1)]))
        p.marks["name_boxes"] = name_boxes
        y = ys[-1] + 8
        if pi == len(chunks) - 1:
            f = footer or f"填表人：{filler}　　　　审核人：{checker}　　　　日期：2020年6月16日"
            p.text(20, y, f, 11, anchor="lm")
            p.marks["footer_y"] = y
            p.marks["sign_at"] = (20 + p.text_width_mm(f"填表人：{filler}", 11) + 2, y - 5)
        p.marks["table_bottom"] = ys[-1]
        pages.append(p)
    return pages


def a2_summary(key, dpi, college, filler, phone, rows, *, date="2020年6月17日",
               title="肇庆学院2020—2021学年度新聘学生带班党员汇总表"):
    p = Page(297, 210, dpi, key)
    p.text(148.5, 18, title, 17, "serif", True, anchor="mm")
    y = 30
    p.text(20, y, f"学院（盖章）：{college}　　　填表人：{filler}　　　联系电话：{phone}　　　日期：{date}", 11, anchor="lm")
    p.marks["stamp_label"] = (20 + p.text_width_mm("学院（盖章）：", 11) * 0.6, y)
    y += 6
    widths = [w for _, w in A2_COLS]
    cells = [dict(r=0, c=i, text=t, pt=10, bold=True) for i, (t, _) in enumerate(A2_COLS)]
    for r, row in enumerate(rows, 1):
        cells.append(dict(r=r, c=0, text=str(r), pt=10))
        for c, v in enumerate(row, 1):
            cells.append(dict(r=r, c=c, text=v, pt=10))
    boxes, xs, ys = p.grid(20, y, widths, [11] + [11] * len(rows), cells)
    p.marks["name_boxes"] = [(row[0], boxes[(r, 1)]) for r, row in enumerate(rows, 1)]
    p.marks["table_bottom"] = ys[-1]
    return [p]


def work_summary(key, dpi, title, paras, signer, date="2020年6月18日", pt=12):
    pages = []
    rest = list(paras)
    i = 0
    while True:
        i += 1
        p = Page(210, 297, dpi, f"{key}-p{i}")
        y = 28
        if i == 1:
            p.text(105, y, title, 16, "sans", True, anchor="mm")
            y += 14
        y, rest = p.paragraphs(25, y, 185, rest, pt=pt, y_max=262)
        p.text(105, 285, f"— {i} —", 9, anchor="mm")
        pages.append(p)
        if not rest:
            # 落款
            if y + 30 > 270:
                p = Page(210, 297, dpi, f"{key}-p{i + 1}")
                p.text(105, 285, f"— {i + 1} —", 9, anchor="mm")
                pages.append(p)
                y = 40
            p.text(180, y + 12, signer, 12, anchor="rm")
            p.text(180, y + 21, date, 12, anchor="rm")
            w = p.text_width_mm(signer, 12)
            p.marks["stamp_at"] = (180 - w * 0.45, y + 15)
            p.marks["date_at"] = (180 - p.text_width_mm(date, 12) - 6, y + 19)
            break
    return pages


# ---------------------------------------------------------------------------------------------- A5
def _opinion_text(rating):
    return f"经学院党委审核，该同志考核结果属实，同意申报“{rating}”。"


def _opinion_cell(p, box, rating, *, text=True):
    x0, y0, x1, y1 = box
    if text:
        p.text_box(x0, y0 + 2, x1, y0 + 16, _opinion_text(rating), pt=11, align="left", valign="top")
    p.text(x0 + 40, y1 - 22, "签字：", 11, anchor="lm")
    p.text(x1 - 32, y1 - 22, "（盖章）", 11, anchor="lm")
    p.text(x1 - 62, y1 - 10, "日期：2020年6月15日", 11, anchor="lm")
    p.marks["sign_at"] = (x0 + 52, y1 - 27)
    p.marks["stamp_at"] = (x1 - 30, y1 - 18)
    p.marks["date_at"] = (x1 - 62, y1 - 10)


def _blank_opinion(p, box):
    x0, y0, x1, y1 = box
    p.text(x0 + 40, y1 - 22, "签字：", 11, anchor="lm")
    p.text(x1 - 32, y1 - 22, "（盖章）", 11, anchor="lm")
    p.text(x1 - 62, y1 - 10, "日期：　　　年　　月　　日", 11, anchor="lm")


def _title(p, y=22):
    p.text(105, y, "肇庆学院学生带班党员考核审批表", 17, "serif", True, anchor="mm")


def a5_template(key, dpi, v):
    """label cell + value cell, as attachment 5 (the office template)"""
    p1 = Page(210, 297, dpi, key + "-p1")
    _title(p1)
    rows = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"),
            ("诚信记录", "不及格科目数"), ("获奖情况", "所带班级违纪人数"), ("带班征文", "申报等级")]
    cells = []
    for r, (a, b) in enumerate(rows):
        cells += [dict(r=r, c=0, text=a, pt=11), dict(r=r, c=1, text=v[a], pt=11),
                  dict(r=r, c=2, text=b, pt=11), dict(r=r, c=3, text=v[b], pt=11)]
    cells += [dict(r=7, c=0, text="带班工作主要事迹", pt=11),
              dict(r=7, c=1, cs=3, text=v["带班工作主要事迹"], pt=11, align="left", valign="top", spacing=1.6)]
    boxes, xs, ys = p1.grid(25, 34, [28, 52, 32, 48], [14] * 7 + [140], cells)
    p1.marks["value_boxes"] = {a: boxes[(r, 1)] for r, (a, b) in enumerate(rows)}
    p2 = Page(210, 297, dpi, key + "-p2")
    cells = [dict(r=0, c=0, text="学院党委意见", pt=11), dict(r=0, c=1, text=""),
             dict(r=1, c=0, text="学校审批意见", pt=11), dict(r=1, c=1, text="")]
    boxes, xs, ys = p2.grid(25, 25, [28, 132], [95, 95], cells)
    _opinion_cell(p2, boxes[(0, 1)], v["申报等级"])
    _blank_opinion(p2, boxes[(1, 1)])
    return [p1, p2]


def a5_inline(key, dpi, v):
    """label and value in one cell: 姓名：张三"""
    p1 = Page(210, 297, dpi, key + "-p1")
    _title(p1)
    pairs = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"),
             ("诚信记录", "不及格科目数"), ("所带班级违纪人数", "带班征文")]
    cells = []
    for r, (a, b) in enumerate(pairs):
        cells += [dict(r=r, c=0, text=f"{a}：{v[a]}", pt=11, align="left"), dict(r=r, c=1, text=f"{b}：{v[b]}", pt=11, align="left")]
    cells += [dict(r=6, c=0, cs=2, text=f"获奖情况：{v['获奖情况']}", pt=11, align="left"),
              dict(r=7, c=0, cs=2, text=f"申报等级：{v['申报等级']}", pt=11, align="left"),
              dict(r=8, c=0, cs=2, text="带班工作主要事迹：\n" + v["带班工作主要事迹"], pt=11, align="left", valign="top", spacing=1.6)]
    p1.grid(25, 34, [80, 80], [13] * 8 + [125], cells)
    p2 = Page(210, 297, dpi, key + "-p2")
    cells = [dict(r=0, c=0, text="学院党委意见：", pt=11, align="left", valign="top"),
             dict(r=1, c=0, text="学校审批意见：", pt=11, align="left", valign="top")]
    boxes, xs, ys = p2.grid(25, 25, [160], [100, 100], cells)
    x0, y0, x1, y1 = boxes[(0, 0)]
    _opinion_cell(p2, (x0, y0 + 8, x1, y1), v["申报等级"])
    _blank_opinion(p2, boxes[(1, 0)])
    return [p1, p2]


def _boxes_line(p, x, y, options, chosen, printed_tick, pt=11):
    """□A □B on a line; returns where each box is (top-left, size) for a pen tick"""
    at = {}
    size = 3.6
    for opt in options:
        p.checkbox(x, y - size / 2 - 0.3, size, ticked=printed_tick and opt == chosen)
        at[opt] = (x, y - size / 2 - 0.3, size)
        x += size + 1.2
        p.text(x, y, opt, pt, anchor="lm")
        x += p.text_width_mm(opt, pt) + 7
    return at


def a5_ticks(key, dpi, v, *, printed_tick=False):
    """tick boxes: □学生带班党员标兵 □优秀学生带班党员 (printed ☑, or ticked by pen after printing)"""
    p1 = Page(210, 297, dpi, key + "-p1")
    _title(p1)
    rows = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"),
            ("不及格科目数", "所带班级违纪人数")]
    cells = []
    for r, (a, b) in enumerate(rows):
        cells += [dict(r=r, c=0, text=a, pt=11), dict(r=r, c=1, text=v[a], pt=11),
                  dict(r=r, c=2, text=b, pt=11), dict(r=r, c=3, text=v[b], pt=11)]
    cells += [dict(r=5, c=0, text="获奖情况", pt=11), dict(r=5, c=1, cs=3, text=v["获奖情况"], pt=11),
              dict(r=6, c=0, text="诚信记录", pt=11), dict(r=6, c=1, cs=3, text=""),
              dict(r=7, c=0, text="带班征文", pt=11), dict(r=7, c=1, cs=3, text=""),
              dict(r=8, c=0, text="申报等级", pt=11), dict(r=8, c=1, cs=3, text=""),
              dict(r=9, c=0, text="带班工作主要事迹", pt=11),
              dict(r=9, c=1, cs=3, text=v["带班工作主要事迹"], pt=11, align="left", valign="top", spacing=1.6)]
    boxes, xs, ys = p1.grid(25, 34, [30, 50, 32, 48], [14] * 9 + [112], cells)
    ticks = {}
    for r, field, opts in [(6, "诚信记录", ["无", "有不良记录"]), (7, "带班征文", ["已完成", "未完成"]),
                           (8, "申报等级", ["学生带班党员标兵", "优秀学生带班党员"])]:
        bx = boxes[(r, 1)]
        at = _boxes_line(p1, bx[0] + 4, (bx[1] + bx[3]) / 2, opts, v[field], printed_tick)
        ticks[field] = at[v[field]]
    p1.marks["ticks"] = ticks
    p2 = Page(210, 297, dpi, key + "-p2")
    cells = [dict(r=0, c=0, text="学院党委意见", pt=11), dict(r=0, c=1, text=""),
             dict(r=1, c=0, text="学校审批意见", pt=11), dict(r=1, c=1, text="")]
    boxes, xs, ys = p2.grid(25, 25, [30, 130], [95, 95], cells)
    _opinion_cell(p2, boxes[(0, 1)], v["申报等级"])
    _blank_opinion(p2, boxes[(1, 1)])
    return [p1, p2]


def a5_below(key, dpi, v):
    """values below their labels"""
    p1 = Page(210, 297, dpi, key + "-p1")
    _title(p1)
    groups = [["姓名", "性别", "学号", "学院"], ["专业班级", "政治面貌", "所带班级", "联系电话"],
              ["诚信记录", "不及格科目数", "所带班级违纪人数", "带班征文"]]
    cells = []
    r = 0
    for g in groups:
        for c, lab in enumerate(g):
            cells.append(dict(r=r, c=c, text=lab, pt=10.5, bold=True))
            cells.append(dict(r=r + 1, c=c, text=v[lab], pt=11))
        r += 2
    cells += [dict(r=r, c=0, cs=3, text="获奖情况", pt=10.5, bold=True), dict(r=r, c=3, text="申报等级", pt=10.5, bold=True),
              dict(r=r + 1, c=0, cs=3, text=v["获奖情况"], pt=11), dict(r=r + 1, c=3, text=v["申报等级"], pt=10.5),
              dict(r=r + 2, c=0, cs=4, text="带班工作主要事迹", pt=10.5, bold=True),
              dict(r=r + 3, c=0, cs=4, text=v["带班工作主要事迹"], pt=11, align="left", valign="top", spacing=1.6)]
    p1.grid(25, 34, [40, 40, 40, 40], [9, 13] * 4 + [9, 110], cells)
    p2 = Page(210, 297, dpi, key + "-p2")
    cells = [dict(r=0, c=0, text="学院党委意见", pt=10.5, bold=True), dict(r=1, c=0, text=""),
             dict(r=2, c=0, text="学校审批意见", pt=10.5, bold=True), dict(r=3, c=0, text="")]
    boxes, xs, ys = p2.grid(25, 25, [160], [9, 90, 9, 90], cells)
    _opinion_cell(p2, boxes[(1, 0)], v["申报等级"])
    _blank_opinion(p2, boxes[(3, 0)])
    return [p1, p2]


def _sp(label):
    """姓名 → 姓　　名 (labels padded to four characters' width)"""
    if len(label) == 2:
        return label[0] + "\u3000\u3000" + label[1]
    if len(label) == 3:
        return label[0] + "\u2002" + label[1] + "\u2002" + label[2]
    return label


def a5_spaced(key, dpi, v):
    """spaced labels (姓　　名), the table running over both pages: 违纪人数, 征文 and 申报等级 on page 2"""
    p1 = Page(210, 297, dpi, key + "-p1")
    _title(p1)
    rows = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"),
            ("诚信记录", "不及格科目数")]
    cells = []
    for r, (a, b) in enumerate(rows):
        cells += [dict(r=r, c=0, text=_sp(a), pt=11), dict(r=r, c=1, text=v[a], pt=11),
                  dict(r=r, c=2, text=_sp(b), pt=11), dict(r=r, c=3, text=v[b], pt=11)]
    cells += [dict(r=5, c=0, text=_sp("获奖情况"), pt=11), dict(r=5, c=1, cs=3, text=v["获奖情况"], pt=11),
              dict(r=6, c=0, text="带班工作\n主要事迹", pt=11),
              dict(r=6, c=1, cs=3, text=v["带班工作主要事迹"], pt=11, align="left", valign="top", spacing=1.7)]
    p1.grid(25, 34, [30, 50, 32, 48], [14] * 6 + [160], cells)
    p2 = Page(210, 297, dpi, key + "-p2")
    cells = [dict(r=0, c=0, text="所带班级\n违纪人数", pt=11), dict(r=0, c=1, text=v["所带班级违纪人数"], pt=11),
             dict(r=0, c=2, text=_sp("带班征文"), pt=11), dict(r=0, c=3, text=v["带班征文"], pt=11),
             dict(r=1, c=0, text=_sp("申报等级"), pt=11), dict(r=1, c=1, cs=3, text=v["申报等级"], pt=11),
             dict(r=2, c=0, text="学院党委\n意　　见", pt=11), dict(r=2, c=1, cs=3, text=""),
             dict(r=3, c=0, text="学校审批\n意　　见", pt=11), dict(r=3, c=1, cs=3, text="")]
    boxes, xs, ys = p2.grid(25, 25, [30, 50, 32, 48], [16, 14, 90, 90], cells)
    _opinion_cell(p2, boxes[(2, 1)], v["申报等级"])
    _blank_opinion(p2, boxes[(3, 1)])
    return [p1, p2]


A5_LAYOUTS = {"template": a5_template, "inline": a5_inline, "ticks": a5_ticks, "below": a5_below, "spaced": a5_spaced}
