"""The electronic half of each college's submission: A2/A3/A4 workbooks, A5 forms, work summary, cases."""
from __future__ import annotations

import io

import numpy as np
from docx.shared import Mm, Pt
from PIL import Image, ImageDraw

import office as O
from paper import font, rng_for
from people import award_text, deeds, phone

A4_KEYS = ["姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况", "所带班级违纪人数", "带班征文",
           "诚信记录", "考核等级", "备注"]


def voc(v: dict, field: str, canon):
    return v.get(field, {}).get(canon, canon)


def a4_values(m, v: dict) -> dict:
    return {"姓名": v.get("names", {}).get(m["name"], m["name"]), "学号": m["sid"], "专业班级": m["major"],
            "所带班级": m["led"], "政治面貌": voc(v, "status", m["status"]), "不及格科目数": m["fails"],
            "获奖情况": award_text(m), "所带班级违纪人数": m["viol"], "带班征文": voc(v, "essay", m["essay"]),
            "诚信记录": voc(v, "integ", m["integ"]), "考核等级": voc(v, "rating", m["rating"]), "备注": ""}


def a5_values(m, v: dict, college_label: str, i: int) -> dict:
    return {"姓名": m["name"], "性别": voc(v, "sex", m["sex"]), "学号": m["sid"], "学院": college_label,
            "专业班级": m["major"], "政治面貌": voc(v, "status", m["status"]), "所带班级": m["led"],
            "联系电话": v.get("phones", {}).get(m["name"], phone(m["sid"])), "诚信记录": voc(v, "integ", m["integ"]),
            "不及格科目数": str(m["fails"]), "获奖情况": award_text(m), "所带班级违纪人数": str(m["viol"]),
            "带班征文": voc(v, "essay", m["essay"]), "申报等级": voc(v, "rating", m["rating"]),
            "带班工作主要事迹": deeds(m, i)}


# ------------------------------------------------------------------------------------------------ A4
def a4_xlsx(col, rows: list[dict], style: str) -> bytes:
    wb = O.new_wb()
    ws = wb.active
    total = col["stated"]
    pub = col["publicity"]
    name = col["name"]
    std = ["序号"] + A4_KEYS
    w = [6, 10, 16, 20, 20, 12, 8, 26, 8, 10, 12, 18, 10]
    if style == "ms":
        ws.title = "考核汇总"
        ws.merge_cells("A1:M1")
        O.sheet_write(ws, 1, 1, "肇庆学院", bold=True, border=False, size=16)
        ws.merge_cells("A2:M2")
        O.sheet_write(ws, 2, 1, "学生带班党员考核情况汇总表", bold=True, border=False, size=16)
        ws.merge_cells("A3:M3")
        O.sheet_write(ws, 3, 1, f"学院（盖章）：{name}　　带班党员总数：{total}　　公示时间：{pub}", border=False)
        ws.cell(3, 1).alignment = ws.cell(3, 1).alignment.copy(horizontal="left")
        hr = 4
        for c, h in enumerate(std, 1):
            O.sheet_write(ws, hr, c, h, bold=True)
        r = hr
        for i, row in enumerate(rows, 1):
            r += 1
            O.sheet_write(ws, r, 1, i)
            for c, k in enumerate(A4_KEYS, 2):
                O.sheet_write(ws, r, c, row[k], fmt="@" if k == "学号" else None)
        for i in range(len(rows) + 1, len(rows) + 4):  # template rows left with only 序号
            r += 1
            O.sheet_write(ws, r, 1, i)
            for c in range(2, 14):
                O.sheet_write(ws, r, c, None)
        r += 2
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=13)
        O.sheet_write(ws, r, 1, f"填表人：{col['filler']}　　审核人：{col['checker']}　　日期：2020年6月16日", border=False)
        O.widths(ws, w)
    elif style == "jj":
        ws.title = "Sheet1"
        ws.merge_cells("A1:M1")
        O.sheet_write(ws, 1, 1, "2019—2020学年度学生带班党员考核汇总表（教师教育学院）", bold=True, border=False, size=15)
        for rng_, c, val in [("A2:B2", 1, "学院（盖章）"), ("C2:E2", 3, name), ("F2:G2", 6, "带班党员总数"),
                             ("H2:H2", 8, total), ("I2:J2", 9, "公示时间"), ("K2:M2", 11, pub)]:
            if ":" in rng_ and rng_.split(":")[0] != rng_.split(":")[1]:
                ws.merge_cells(rng_)
            O.sheet_write(ws, 2, c, val)
        hr = 3
        for c, h in enumerate(std, 1):
            O.sheet_write(ws, hr, c, h, bold=True)
        r = hr
        for i, row in enumerate(rows, 1):
            r += 1
            O.sheet_write(ws, r, 1, i)
            for c, k in enumerate(A4_KEYS, 2):
                val = int(row[k]) if k == "学号" else row[k]
                O.sheet_write(ws, r, c, val, fmt="0" if k == "学号" else None)
        r += 1
        O.sheet_write(ws, r, 1, "合计")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=13)
        O.sheet_write(ws, r, 2, f"{len(rows)}人")
        r += 1
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=13)
        O.sheet_write(ws, r, 1, "说明：1.考核等级按学院党委会议审定结果填写；2.本表纸质版一式两份，加盖学院党委公章。", border=False)
        O.widths(ws, w)
    elif style == "my":
        ws.title = "马院"
        ws.merge_cells("A1:M1")
        O.sheet_write(ws, 1, 1, "肇庆学院学生带班党员考核情况汇总表", bold=True, border=False, size=16)
        ws.merge_cells("A2:M2")
        O.sheet_write(ws, 2, 1, f"学院(盖章):{name}    带班党员总数:{total}人    公示时间:{pub}", border=False)
        for c, h in enumerate(std, 1):
            O.sheet_write(ws, 3, c, h, bold=True)
        r = 3
        for i, row in enumerate(rows, 1):
            r += 1
            O.sheet_write(ws, r, 1, i)
            for c, k in enumerate(A4_KEYS, 2):
                val = int(row[k]) if k == "学号" else row[k]
                O.sheet_write(ws, r, c, val, fmt="0.00000E+00" if k == "学号" else None)
        r += 2
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=13)
        O.sheet_write(ws, r, 1, f"填表人：{col['filler']}    审核人：{col['checker']}", border=False)
        r += 1
        ws.merge_cells(start_row=r, start_column=9, end_row=r, end_column=13)
        O.sheet_write(ws, r, 9, "（盖章）", border=False)
        O.widths(ws, w)
        t = wb.create_sheet("模板")  # the blank attachment left in
        t.merge_cells("A1:M1")
        O.sheet_write(t, 1, 1, "肇庆学院学生带班党员考核情况汇总表", bold=True, border=False, size=16)
        t.merge_cells("A2:M2")
        O.sheet_write(t, 2, 1, "学院（盖章）：__________　　带班党员总数：__________　　公示时间：__________", border=False)
        for c, h in enumerate(std, 1):
            O.sheet_write(t, 3, c, h, bold=True)
    elif style == "sp":
        ws.title = "汇总表（最终版）"
        order = ["序号", "姓名", "学号", "政治面貌", "专业班级", "所带班级", "考核等级", "获奖情况", "不及格科目数",
                 "所带班级违纪人数", "带班征文", "诚信记录", "QQ", "备注"]
        ws.merge_cells("A1:N1")
        O.sheet_write(ws, 1, 1, f"{name}学生带班党员考核情况汇总表（最终版）", bold=True, border=False, size=15)
        ws.merge_cells("A2:N2")
        O.sheet_write(ws, 2, 1, f"学院（盖章）：{name}　带班党员总数：{total}　公示时间：{pub}", border=False)
        for c, h in enumerate(order, 1):
            O.sheet_write(ws, 3, c, h, bold=True)
        r = 3
        for i, row in enumerate(rows, 1):
            r += 1
            for c, k in enumerate(order, 1):
                val = i if k == "序号" else (str(10000 + int(row["学号"][-6:]) * 37 % 900000000 + 100000000) if k == "QQ" else row[k])
                O.sheet_write(ws, r, c, val, fmt="@" if k in ("学号", "QQ") else None)
        r += 2
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=14)
        O.sheet_write(ws, r, 1, f"填表人：{col['filler']}　　联系电话：{col['office_phone']}　　日期：2020年6月17日", border=False)
        O.widths(ws, [6, 10, 16, 12, 22, 22, 18, 28, 8, 8, 10, 12, 13, 8])
    elif style == "jk":
        ws.title = "学生带班党员考核情况汇总表"
        ws.merge_cells("A1:M1")
        O.sheet_write(ws, 1, 1, "肇庆学院学生带班党员考核情况汇总表", bold=True, border=False, size=16)
        ws.merge_cells("A2:M2")
        O.sheet_write(ws, 2, 1, f"学院（盖章）：{name}　　带班党员总数：{total}　　公示时间：{pub}", border=False)
        for c, h in enumerate(std, 1):
            O.sheet_write(ws, 3, c, h, bold=True)
        r = 3
        for i, row in enumerate(rows, 1):
            r += 1
            O.sheet_write(ws, r, 1, i)
            for c, k in enumerate(A4_KEYS, 2):
                O.sheet_write(ws, r, c, row[k], fmt="@" if k == "学号" else None)
        r += 2
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=13)
        O.sheet_write(ws, r, 1, f"填表人：{col['filler']}　　审核人：{col['checker']}　　日期：2020年6月15日", border=False)
        O.widths(ws, w)
    return O.xlsx_bytes(wb)


# ------------------------------------------------------------------------------------------------ A2 / A3
A2_KEYS = ["序号", "姓名", "性别", "学号", "年级", "专业班级", "政治面貌", "所带新生班级", "联系电话", "备注"]


def a2_values(n, v, i) -> dict:
    return {"序号": i, "姓名": n["name"], "性别": voc(v, "sex", n["sex"]), "学号": n["sid"], "年级": n["grade"],
            "专业班级": n["major"], "政治面貌": voc(v, "status", n["status"]), "所带新生班级": n["new_class"],
            "联系电话": phone(n["sid"]), "备注": ""}


def a2_xlsx(col, rows: list[dict], style: str) -> bytes:
    wb = O.new_wb()
    ws = wb.active
    ws.title = "新聘汇总" if style != "jj" else "Sheet1"
    title = "肇庆学院2020—2021学年度新聘学生带班党员汇总表" if style != "jj" else "2020-2021学年度新聘学生带班党员名单（教师教育学院）"
    ws.merge_cells("A1:J1")
    O.sheet_write(ws, 1, 1, title, bold=True, border=False, size=15)
    ws.merge_cells("A2:J2")
    colon = ":" if style == "my" else "："
    O.sheet_write(ws, 2, 1, f"学院（盖章）{colon}{col['name']}　　填表人{colon}{col['filler']}　　联系电话{colon}{col['office_phone']}"
                  f"　　日期{colon}2020年6月17日", border=False)
    hr = 3
    if style == "ms":
        ws.merge_cells("A3:J3")
        O.sheet_write(ws, 3, 1, "填表说明：学号填写12位数字（以文本格式保存）。", border=False)
        hr = 4
    for c, h in enumerate(A2_KEYS, 1):
        O.sheet_write(ws, hr, c, h, bold=True)
    r = hr
    for row in rows:
        r += 1
        for c, k in enumerate(A2_KEYS, 1):
            val = int(row[k]) if (k == "学号" and style in ("jj", "my")) else row[k]
            O.sheet_write(ws, r, c, val, fmt=("0" if style in ("jj", "my") else "@") if k == "学号" else None)
    if style == "ms":
        # the class of the first two mentors merged over both rows, as people do
        pass
    r += 2
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=10)
    O.sheet_write(ws, r, 1, "审核人：" + col["checker"] + "　　　（盖章）", border=False)
    O.widths(ws, [6, 10, 6, 16, 8, 22, 14, 22, 14, 12])
    return O.xlsx_bytes(wb)


A3_KEYS = ["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"]


def a3_xlsx(col, mentors, style: str) -> bytes:
    wb = O.new_wb()
    ws = wb.active
    ws.title = "获奖统计"
    ws.merge_cells("A1:I1")
    O.sheet_write(ws, 1, 1, "肇庆学院学生带班党员获奖情况统计表", bold=True, border=False, size=15)
    ws.merge_cells("A2:I2")
    O.sheet_write(ws, 2, 1, f"学院：{col['name']}", border=False)
    for c, h in enumerate(A3_KEYS, 1):
        O.sheet_write(ws, 3, c, h, bold=True)
    r, i = 3, 0
    for m in mentors:
        for a in m["awards"]:
            r += 1
            i += 1
            vals = [i, m["name"], m["sid"], m["led"], a[0], a[1], a[2], a[3], ""]
            for c, val in enumerate(vals, 1):
                if c == 3 and style == "jj":
                    val = int(val)
                O.sheet_write(ws, r, c, val, fmt=("0" if style == "jj" else "@") if c == 3 else None)
    r += 2
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=9)
    O.sheet_write(ws, r, 1, f"填表人：{col['filler']}　　日期：2020年6月17日", border=False)
    O.widths(ws, [6, 10, 16, 20, 30, 10, 12, 22, 8])
    return O.xlsx_bytes(wb)


# ------------------------------------------------------------------------------------------------ A5
A5_FIELDS = ["姓名", "性别", "学号", "学院", "专业班级", "政治面貌", "所带班级", "联系电话", "诚信记录", "不及格科目数",
             "获奖情况", "所带班级违纪人数", "带班征文", "申报等级"]
OPINION = "经学院党委审核，该同志考核结果属实，同意申报“{}”。\n签字：　　　　　　（盖章）\n日期：2020年6月15日"
BLANK_OP = "\n签字：　　　　　　（盖章）\n日期：　　　　年　　月　　日"


def _tick(options, chosen):
    return "　".join(("☑" if o == chosen else "□") + o for o in options)


def a5_docx(v: dict, layout: str, canon_rating: str) -> bytes:
    d = O.new_doc()
    O.para(d, "肇庆学院学生带班党员考核审批表", bold=True, size=18, align="center")
    if layout in ("template", "ticks", "spaced"):
        lab = (lambda s: s) if layout != "spaced" else (
            lambda s: s[0] + "　　" + s[1] if len(s) == 2 else s)
        pairs = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"),
                 ("诚信记录", "不及格科目数"), ("获奖情况", "所带班级违纪人数"), ("带班征文", "申报等级")]
        t = O.table(d, len(pairs) + 3, 4)
        for r, (a, b) in enumerate(pairs):
            va, vb = v[a], v[b]
            if layout == "ticks":
                if a == "诚信记录":
                    va = _tick(["无", "有不良记录"], v[a])
                if a == "带班征文":
                    va = _tick(["已完成", "未完成"], v[a])
                if b == "申报等级":
                    vb = _tick(["学生带班党员标兵", "优秀学生带班党员"], v[b])
            O.set_cell(t.cell(r, 0), lab(a))
            O.set_cell(t.cell(r, 1), va)
            O.set_cell(t.cell(r, 2), lab(b))
            O.set_cell(t.cell(r, 3), vb)
        r = len(pairs)
        for k, text in [(0, v["带班工作主要事迹"]), (1, OPINION.format(v["申报等级"] if layout != "ticks" else canon_rating)),
                        (2, BLANK_OP)]:
            lbl = ["带班工作主要事迹", "学院党委意见", "学校审批意见"][k]
            O.set_cell(t.cell(r + k, 0), lbl)
            m = t.cell(r + k, 1).merge(t.cell(r + k, 3))
            O.set_cell(m, text, align="left")
    elif layout == "inline":
        pairs = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"),
                 ("诚信记录", "不及格科目数"), ("所带班级违纪人数", "带班征文")]
        t = O.table(d, len(pairs) + 5, 2)
        for r, (a, b) in enumerate(pairs):
            O.set_cell(t.cell(r, 0), f"{a}：{v[a]}", align="left")
            O.set_cell(t.cell(r, 1), f"{b}：{v[b]}", align="left")
        r = len(pairs)
        for k, text in enumerate([f"获奖情况：{v['获奖情况']}", f"申报等级：{v['申报等级']}",
                                  "带班工作主要事迹：" + v["带班工作主要事迹"],
                                  "学院党委意见：" + OPINION.format(v["申报等级"]), "学校审批意见：" + BLANK_OP]):
            m = t.cell(r + k, 0).merge(t.cell(r + k, 1))
            O.set_cell(m, text, align="left")
    elif layout == "below":
        groups = [["姓名", "性别", "学号", "学院"], ["专业班级", "政治面貌", "所带班级", "联系电话"],
                  ["诚信记录", "不及格科目数", "所带班级违纪人数", "带班征文"]]
        t = O.table(d, 14, 4)
        r = 0
        for g in groups:
            for c, lab in enumerate(g):
                O.set_cell(t.cell(r, c), lab, bold=True)
                O.set_cell(t.cell(r + 1, c), v[lab])
            r += 2
        O.set_cell(t.cell(r, 0).merge(t.cell(r, 2)), "获奖情况", bold=True)
        O.set_cell(t.cell(r, 3), "申报等级", bold=True)
        O.set_cell(t.cell(r + 1, 0).merge(t.cell(r + 1, 2)), v["获奖情况"])
        O.set_cell(t.cell(r + 1, 3), v["申报等级"])
        for k, (lbl, text) in enumerate([("带班工作主要事迹", v["带班工作主要事迹"]),
                                         ("学院党委意见", OPINION.format(v["申报等级"])), ("学校审批意见", BLANK_OP)]):
            O.set_cell(t.cell(r + 2 + 2 * k, 0).merge(t.cell(r + 2 + 2 * k, 3)), lbl, bold=True)
            O.set_cell(t.cell(r + 3 + 2 * k, 0).merge(t.cell(r + 3 + 2 * k, 3)), text, align="left")
    return O.docx_bytes(d)


# ------------------------------------------------------------------------------------------------ work summary
WS_PARAS = [
    "2019—2020学年度，{c}党委深入贯彻落实学校“党建育才两全工程”部署，把学生带班党员制作为新生教育管理和学生党员教育的重要抓手，"
    "共选派{n}名学生党员担任新生班级带班党员，覆盖全院2019级全部新生班级。现将一年来的工作总结如下。",
    "一、健全选聘与培养机制。学院党委坚持“思想政治觉悟好、品学兼优、威信较高”的标准，从学生党员、预备党员和入党积极分子中择优选聘带班党员，"
    "通过岗前培训、每月例会和工作日志等方式，帮助带班党员明确职责、掌握方法。学院还为每位带班党员配备一名辅导员作为指导老师，及时解决带班工作中遇到的问题。",
    "二、发挥思想引领作用。带班党员结合新生入学教育、“不忘初心、牢记使命”主题教育和新冠肺炎疫情防控，组织新生开展主题班会、读书分享和志愿服务，"
    "引导新生坚定理想信念。疫情期间，带班党员每天跟进班级健康打卡，协助辅导员做好线上教学期间的学业提醒和心理疏导。",
    "三、推动学风班风建设。带班党员在新生班级推行晨读打卡、学习小组互助和宿舍文明评比，组织新生参加专业竞赛和社会实践，"
    "班级学习氛围明显改善，新生对专业的认同感和归属感不断增强。",
    "四、存在的不足与下一步打算。部分带班党员专业学习任务较重，带班时间投入不够均衡；带班工作的考核方式还需进一步细化。"
    "下一步，学院党委将进一步完善带班党员的选聘、培训和考核办法，做好2020—2021学年度带班党员的选拔和培训，推动学生带班党员工作取得新成效。",
]
WS_EXTRA = [
    "在具体工作中，学院注重发挥学科专业特色，鼓励带班党员把专业学习与班级建设结合起来，围绕新生关心的学业规划、"
    "职业发展和心理适应等问题开展朋辈辅导。各带班党员共组织主题班会、学习交流和志愿服务等活动数十场次，收到了较好效果。",
    "学院还把带班党员的工作表现作为党员教育管理和评优评先的重要依据，年终组织带班党员述职和新生测评，"
    "对表现突出的带班党员予以表彰，对工作不到位的及时提醒和调整，形成了“选聘—培训—考核—激励”的闭环管理。",
    "疫情防控期间，带班党员主动承担起“线上辅导员助理”的角色：每天汇总新生健康打卡和返乡情况，协助学院做好线上教学的课程提醒和作业督促，"
    "对家庭经济困难、网络条件不好的新生逐一联系，帮助他们申请流量补贴和学习资料；复学前，带班党员又协助辅导员做好返校须知的宣传解读，"
    "为新生平稳返校打下了良好基础。",
    "一年来，学院带班党员队伍自身也得到了锻炼和提高。多名带班党员在校级以上竞赛中获奖，多名带班党员被评为校优秀学生干部、优秀共青团员，"
    "带班党员所在党支部的组织生活更加扎实。实践证明，带班党员制既是新生教育管理的有效抓手，也是学生党员锤炼党性、服务同学的重要平台。",
    "在总结经验的同时，我们也清醒地看到，带班工作仍存在新生个体差异大、带班方法需要创新、工作记录不够规范等问题。"
    "学院将组织带班党员开展经验交流和案例分享，把好的做法固化为制度，让带班党员工作更有温度、更有力度。",
]


def ws_paras(col, long=False):
    n = len(col["mentors"])
    out = [WS_PARAS[0].format(c=col["name"], n=n)] + WS_PARAS[1:4]
    if long:
        out += WS_EXTRA
    out.append(WS_PARAS[4])
    return out


def ws_docx(col, paras) -> bytes:
    d = O.new_doc()
    O.para(d, f"{col['name']}学生带班工作总结", bold=True, size=16, align="center")
    for p in paras:
        q = O.para(d, "\u3000\u3000" + p)
        q.paragraph_format.line_spacing = 1.5
    O.para(d, "")
    O.para(d, col["seal"].replace("中国共产党", "中共"), align="right")
    O.para(d, "2020年6月18日", align="right")
    return O.docx_bytes(d)


# ------------------------------------------------------------------------------------------------ cases
CASE_TITLES = ["用心陪伴，做新生成长路上的引路人", "“晨读打卡”里的班级凝聚力", "疫情之下，我和新生同学“云”相守",
               "从“小透明”到“班级之星”——一次朋辈帮扶的实践", "以专业之长，带好一个班"]
SECTIONS = {
    "背景与起因": "刚接手{led}时，我发现不少新生对大学生活感到迷茫：课程安排和中学差别很大，有的同学沉迷手机游戏，有的同学因为不适应集体生活而情绪低落。"
             "作为带班党员，我意识到只靠开会和通知解决不了问题，需要走近每一位同学，找到大家真正关心的事情。",
    "做法与流程": "第一步，我和班委一起逐一走访宿舍，建立了每位同学的成长档案；第二步，根据大家的专业兴趣组建了{k}个学习小组，"
             "每周固定时间在图书馆开展互助学习；第三步，疫情期间把班会搬到线上，每周一次“云班会”，邀请优秀学长学姐分享经验；"
             "第四步，对学习和生活上有困难的同学，我坚持每周单独谈心，及时向辅导员反馈情况。",
    "效果与启示": "一年下来，班级期末考试的及格率明显提高，{k}名同学获得了学院奖学金，多名同学递交了入党申请书，班级被评为院级优秀班集体。"
             "我体会到，带班党员最重要的是真心陪伴和以身作则，党员的示范作用就体现在一件件具体的小事中。",
    "创意与评价": "把专业学习和班级建设结合起来，用“学习小组+成长档案”的方式做细做实带班工作，是这次实践最大的特点。"
             "辅导员老师评价说，这种朋辈帮扶方式贴近新生、容易坚持，值得在其他班级推广。",
}


def picture(rng_key, w=960, h=720, label="") -> bytes:
    rng = rng_for("pic", rng_key)
    base = np.zeros((h, w, 3), np.float32)
    c1, c2 = rng.uniform(60, 230, 3), rng.uniform(60, 230, 3)
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    base[:] = c1 * (1 - t) + c2 * t
    im = Image.fromarray(base.astype(np.uint8), "RGB")
    dr = ImageDraw.Draw(im)
    for _ in range(int(rng.integers(5, 12))):
        x, y = rng.integers(0, w), rng.integers(h // 3, h)
        r = int(rng.integers(20, 90))
        colr = tuple(int(c) for c in rng.uniform(20, 240, 3))
        if rng.random() < 0.5:
            dr.ellipse((x - r, y - 2 * r, x + r, y), fill=colr)
            dr.rectangle((x - r // 2, y, x + r // 2, min(h, y + 3 * r)), fill=colr)
        else:
            dr.rectangle((x - r, y - r, x + r, y + r), fill=colr)
    if label:
        dr.text((20, 20), label, font=font(28, "sans", True), fill=(255, 255, 255))
    b = io.BytesIO()
    im.save(b, "JPEG", quality=85)
    return b.getvalue()


def life_photo(rng_key, exact: int | None = None) -> bytes:
    """a camera-sized portrait-ish photo, over 1 MiB (or padded to exactly `exact` bytes with JPEG comments)"""
    rng = rng_for("life", rng_key)
    w, h = 1600, 2000
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    sky = np.stack([120 + 60 * yy / h, 160 + 40 * yy / h, 220 - 50 * yy / h], -1)
    face = ((xx - w / 2) ** 2 / (w * 0.2) ** 2 + (yy - h * 0.38) ** 2 / (h * 0.16) ** 2) < 1
    body = ((xx - w / 2) ** 2 / (w * 0.36) ** 2 + (yy - h * 0.95) ** 2 / (h * 0.4) ** 2) < 1
    img = sky
    img[face] = [225, 190, 165]
    img[body] = [40, 60, 120]
    img += rng.normal(0, 14, (h, w, 1)).astype(np.float32) + rng.normal(0, 6, (h, w, 3)).astype(np.float32)
    b = io.BytesIO()
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").save(b, "JPEG", quality=90)
    data = b.getvalue()
    assert len(data) > 1_150_000, len(data)
    if exact is not None:
        # shrink to below `exact`, then pad with COM segments right after SOI
        q = 90
        while len(data) >= exact - 8:
            q -= 2
            b = io.BytesIO()
            Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").save(b, "JPEG", quality=q)
            data = b.getvalue()
        need = exact - len(data)
        segs = b""
        while need > 0:
            n = min(65533, need - 4) if need > 65537 else need - 4
            if n < 0:
                raise RuntimeError("cannot pad")
            segs += b"\xff\xfe" + (n + 2).to_bytes(2, "big") + b"\x00" * n
            need -= n + 4
        data = data[:2] + segs + data[2:]
        assert len(data) == exact, (len(data), exact)
    return data


def case_docx(m, col, style: str, n_pics: int, idx: int, embed_life: bool = False, embed: bool = True) -> bytes:
    d = O.new_doc()
    title = CASE_TITLES[idx % len(CASE_TITLES)]
    O.para(d, title, bold=True, size=18, align="center")
    if style == "ms":
        O.para(d, f"作者：{m['name']}　学号：{m['sid']}　所带班级：{m['led']}", align="center")
        heads = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]
    elif style == "jj":
        O.para(d, f"{m['name']}（{m['sid']}）　{col['name']}　{m['led']}", align="center")
        heads = ["（一）背景与起因", "（二）做法与流程", "（三）效果与启示", "（四）创意与评价"]
    elif style == "my":
        t = O.table(d, 2, 4)
        for c, (a, b) in enumerate([("姓名", m["name"]), ("学号", m["sid"]), ("学院", col["name"]), ("所带班级", m["led"])]):
            O.set_cell(t.cell(0, c), a, bold=True)
            O.set_cell(t.cell(1, c), b)
        heads = ["1. 背景与起因", "2. 做法与流程", "3. 效果与启示", "4. 创意与评价"]
    elif style == "sp":
        O.para(d, f"作者：{m['name']}　学号：{m['sid']}　学院：{col['name']}　所带班级：{m['led']}")
        heads = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]
    else:  # jk
        O.para(d, f"作者：{m['name']}（学号：{m['sid']}）　所带班级：{m['led']}", align="center")
        heads = ["第一部分　背景与起因", "第二部分　做法与流程", "第三部分　效果与启示", "第四部分　创意与评价"]
    k = 3 + idx % 3
    pics = [picture(f"{m['sid']}-{i}", label="") for i in range(n_pics)] if embed else []
    for h, key in zip(heads, SECTIONS):
        if style in ("ms",):
            d.add_heading(h, level=2)
        else:
            O.para(d, h, bold=True)
        O.para(d, "\u3000\u3000" + SECTIONS[key].format(led=m["led"], k=k))
        if key == "做法与流程" and embed:
            for i, pic in enumerate(pics):
                d.add_picture(io.BytesIO(pic), width=Mm(120))
                O.para(d, f"图{i + 1}　{['宿舍走访', '学习小组活动', '线上班会', '志愿服务', '班级合影'][i]}", size=10.5, align="center")
    if embed_life:
        small = Image.open(io.BytesIO(life_photo(m["sid"]))).resize((400, 500))
        b = io.BytesIO()
        small.save(b, "JPEG", quality=80)
        d.add_picture(io.BytesIO(b.getvalue()), width=Mm(40))
        O.para(d, "作者生活照", size=10.5, align="center")
    return O.docx_bytes(d)
