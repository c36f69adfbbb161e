"""Building blocks shared by the college plans: table records, cases, forms, summaries."""
from __future__ import annotations

import io
from pathlib import Path

from . import docs, images, sheets, texts
from .common import Rng, cut_to, fw_digits, normalize_ooxml, spec_count
from .people import CP, E, M, P, YB

A4_HEADERS = ["序号", "姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况", "所带班级违纪人数",
              "带班征文", "诚信记录", "考核等级", "备注"]
A3_HEADERS = ["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"]
A2_HEADERS = ["序号", "姓名", "性别", "学号", "年级", "专业班级", "政治面貌", "所带新生班级", "联系电话", "备注"]

RATING = {"full": {M: M, E: E, P: P}, "short": {M: "标兵", E: "优秀", P: "合格"},
          "mid": {M: "带班党员标兵", E: "优秀带班党员", P: "称职"}}
STATUS = {"full": {CP: CP, YB: YB}, "short": {CP: "党员", YB: "预备党员"}, "alt": {CP: "正式党员", YB: "中共预备党员"}}


def sid_value(sid: str, mode: str):
    """How a 学号 is typed into a cell: returns the value or (value, number_format)."""
    if mode == "text":
        return sid
    if mode == "number":
        return (int(sid), "0")
    if mode == "general":
        return (int(sid), "General")
    if mode == "spaces":
        return f"{sid[:4]} {sid[4:8]} {sid[8:]}"
    if mode == "fw":
        return fw_digits(sid)
    if mode == "trail":
        return sid + " "
    if mode == "lead":
        return " " + sid
    raise ValueError(mode)


def a4_records(ms, *, rating="full", status="full", essay="已完成", integ="无", sid_modes=None, names=None,
               award_none="无", ints="int", remarks=None, extra=None):
    recs = []
    for i, m in enumerate(ms):
        mode = (sid_modes or {}).get(m.name, (sid_modes or {}).get("*", "text"))
        fails = m.fails if ints == "int" else str(m.fails)
        viol = m.viol if ints == "int" else str(m.viol)
        r = {"序号": i + 1, "姓名": (names or {}).get(m.name, m.name), "学号": sid_value(m.sid, mode),
             "专业班级": m.major, "所带班级": m.led, "政治面貌": STATUS[status][m.status], "不及格科目数": fails,
             "获奖情况": m.award_text.replace("|", "、") if m.award_text != "无" else award_none,
             "所带班级违纪人数": viol, "带班征文": essay if m.essay == "已完成" else m.essay,
             "诚信记录": integ if m.integ == "无" else m.integ, "考核等级": RATING[rating][m.rating],
             "备注": (remarks or {}).get(m.name, "")}
        for k, f in (extra or {}).items():
            r[k] = f(m) if callable(f) else f
        recs.append(r)
    return recs


def a3_records(ms, *, date_mode="date", sid_mode="text", led=None):
    recs = []
    n = 0
    for m in ms:
        for (aw, lvl, when, unit) in m.awards:
            n += 1
            y, mo = int(when[:4]), int(when[5:7])
            if date_mode == "date":
                dv = (sheets.date(y, mo, 1), "yyyy.mm")
            elif date_mode == "date_cn":
                dv = (sheets.date(y, mo, 20), 'yyyy"年"m"月"d"日"')
            elif date_mode == "text_cn":
                dv = f"{y}年{mo}月"
            elif date_mode == "text_dot":
                dv = f"{y}.{mo}"
            else:
                dv = f"{y}-{mo:02d}"
            recs.append({"序号": n, "姓名": m.name, "学号": sid_value(m.sid, sid_mode),
                         "所带班级": (led or {}).get(m.name, m.led), "获奖名称": aw, "获奖级别": lvl,
                         "获奖时间": dv, "颁奖单位": unit, "备注": ""})
    return recs


def a2_records(ns, *, sid_modes=None, status=None, names=None, remarks=None):
    recs = []
    for i, n in enumerate(ns):
        mode = (sid_modes or {}).get(n.name, (sid_modes or {}).get("*", "text"))
        recs.append({"序号": i + 1, "姓名": (names or {}).get(n.name, n.name), "性别": n.sex,
                     "学号": sid_value(n.sid, mode), "年级": n.grade, "专业班级": n.major,
                     "政治面貌": (status or {}).get(n.status, n.status) if not callable(status) else status(n),
                     "所带新生班级": n.led, "联系电话": n.phone, "备注": (remarks or {}).get(n.name, "")})
    return recs


def remap(recs, headers_map):
    """Rename record keys (canonical -> what the college typed as the header)."""
    return [{headers_map.get(k, k): v for k, v in r.items()} for r in recs]


# ---------------------------------------------------------------- cases
HEAD_LEN = {"h2_cn": 7, "bold_cn": 7}


def build_case(ctx, rng: Rng, m, college: str, spec: dict):
    """Returns (docx path in work, [(name, bytes)] picture files, life-photo bytes or None, info)."""
    cls = m.led
    n_pics = spec["pics"]
    exact = spec.get("exact")          # exact spec count of headings + body
    target = spec.get("body", rng.randint(750, 1250))
    plain = bool(exact) or spec.get("plain", False)
    if spec.get("numbers"):
        secs = numbers_sections(rng, cls)
    else:
        per = [int(target * f) for f in (0.24, 0.34, 0.24, 0.18)]
        if exact or spec.get("body_exact"):
            per = [int(((exact or spec.get("body_exact")) + 150) * f) for f in (0.24, 0.34, 0.24, 0.18)]
        secs = texts.case_sections(rng, cls, per, plain=plain)
    hs = spec.get("heading_style", "h2_cn")
    headings = [docs.heading_text(hs, i, k, spec.get("headings")) for i, k in enumerate(docs.SECTION_KEYS)]
    if exact or spec.get("numbers_exact"):
        want = exact or spec["numbers_exact"]
        head = sum(spec_count(h) for h in headings)
        _trim(secs, want - head)
    elif spec.get("body_exact"):
        _trim(secs, spec["body_exact"])
    if spec.get("drop") is not None:
        secs[spec["drop"]] = None
    body = sum(spec_count(p) for s in secs if s for p in s)
    heads = sum(spec_count(h) for i, h in enumerate(headings) if secs[i] is not None)
    caps = rng.sample(texts.CAPTIONS, max(n_pics, 1))
    pics = []
    distinct = spec.get("distinct", n_pics)
    for k in range(n_pics):
        if k < distinct:
            pics.append((images.case_picture(rng.sub(f"pic{k}"), banner=caps[k] if k % 2 == 0 else None,
                                             w=rng.choice([960, 1024, 800]), h=rng.choice([720, 768, 600])), caps[k]))
        else:
            pics.append(pics[k - distinct])
    life = None
    if spec.get("life", "big") != "none":
        life = images.life_photo(rng.sub("life"), spec.get("life", "big"), fmt=spec.get("life_fmt", "JPEG"))
    pool = ctx.__dict__.setdefault("_titles", {})
    if college not in pool:
        pool[college] = ctx.rng.sub("titles/" + college).shuffle(texts.TITLES)
    title = spec.get("title") or texts.fill(pool[college].pop(0), rng, cls)
    c = {"title": title,
         "author": {"name": m.name, "sid": m.sid, "college": spec.get("college_label", college), "led": m.led},
         "author_style": spec.get("author_style", "line_full"), "heading_style": hs,
         "headings": spec.get("headings"), "sections": [[("" if spec.get("indent", True) else "") + p for p in s]
                                                        if s else None for s in secs],
         "pictures": [] if spec.get("pics_as_files") else pics, "placement": spec.get("placement", "inline"),
         "caption_fmt": spec.get("caption_fmt", "图{n} {cap}"), "caption_style": spec.get("caption_style"),
         "logo": images.logo() if spec.get("logo") else None, "keep_instruction": spec.get("keep_instruction"),
         "textbox": spec.get("textbox"), "indent": spec.get("indent", True),
         "title_style": spec.get("title_style")}
    if spec.get("life_embedded"):
        c["life_embedded"] = (images.downscale(life, 700), spec["life_embedded"])
    if spec.get("pics_as_files"):
        c["pics_as_files_note"] = "（相关图片共%d张，见附件）" % n_pics
    d = docs.case_doc(c)
    path = ctx.wpath(ctx.code_of[college], spec.get("work_name", f"case-{m.sid}.docx"))
    docs.save(d, path)
    normalize_ooxml(path)
    info = {"body": body, "headings": heads, "pictures": n_pics, "distinct": distinct,
            "life_bytes": len(life) if life else None}
    return path, (pics if spec.get("pics_as_files") else []), life, info


def _trim(secs, want):
    """Cut the sections' paragraphs so that their total spec count is exactly `want`."""
    total = sum(spec_count(p) for s in secs for p in s)
    assert total >= want + 2, (total, want)
    # drop trailing paragraphs of the last sections until just above want
    for si in (3, 2, 1):
        while len(secs[si]) > 1 and total - spec_count(secs[si][-1]) >= want + 2:
            total -= spec_count(secs[si].pop())
    last = secs[3][-1]
    keep = want - (total - spec_count(last))
    secs[3][-1] = cut_to(last, keep - 1).rstrip("，、；：。") + "。"
    # the rstrip may remove one mark; pad back with a full-width mark if needed
    got = sum(spec_count(p) for s in secs for p in s)
    while got < want:
        secs[3][-1] = secs[3][-1][:-1] + "好" + "。"
        got = sum(spec_count(p) for s in secs for p in s)
    assert got == want, (got, want)


NUM_SENT = [
    ["2019年9月1日，我第一次走进{cls}的教室，全班共有45名同学，来自全省16个地市。",
     "开学第1周，我在班级QQ群里发了一份问卷，共收回43份，其中有31名同学表示不知道怎样安排课余时间。",
     "第4周的一次宿舍检查中，全班12间宿舍有5间不合格，迟到的同学最多时达到8人。",
     "2020年2月疫情发生后，同学们分散在全省各地，线上课程第1周的到课率只有八成左右。"],
    ["我和班委制定了一份班级公约，共10条，经全班45名同学投票，以42票赞成通过。",
     "每周三晚上8点，我们准时在QQ群召开线上班会，每次30分钟，由1名同学主讲。",
     "我为每次班会准备一份PPT，内容涉及学习方法、时间管理、心理调适等6个方面。",
     "针对高等数学成绩不理想的9名同学，我联系了3位大三的学长，组成3个帮扶小组。",
     "第1周到第16周，我们共开展了12次主题班会、4次宿舍文化活动和2次志愿服务。",
     "疫情期间我坚持每天早上7点在群里打卡，带领同学们早读，一共坚持了106天。"],
    ["期末考试中，全班的平均分从72分提高到81分，不及格人数从9人减少到2人。",
     "截至2020年6月，班里共有21名同学递交了入党申请书，占全班人数的近一半。",
     "宿舍检查的优秀率从第4周的不到六成提高到第16周的九成以上，连续6周没有不合格宿舍。",
     "在学院组织的2019年团日活动评比中，{cls}获得了一等奖。"],
    ["本案例用QQ群、PPT和问卷等简单工具，把带班工作做细做实，成本低、易推广。",
     "我们把12次班会的资料整理成1本带班手册，已交给2020级的带班党员使用。",
     "学院党委对这种做法给予了肯定，并在2020年5月的带班党员例会上作了交流。"],
]


def numbers_sections(rng, cls):
    secs = []
    for k, pool in enumerate(NUM_SENT):
        sents = [s.replace("{cls}", cls) for s in pool]
        fill = texts.case_sections(rng.sub(f"nf{k}"), cls, [420, 420, 420, 420], plain=True)[k]
        paras = []
        for j in range(0, len(sents), 2):
            paras.append("".join(sents[j:j + 2]))
        paras += fill
        secs.append(paras)
    return secs


# ---------------------------------------------------------------- A5 forms
def a5_doc(m, college_label, layout, date, vocab=None, rng=None, deeds_cm=14.5, **kw):
    d = docs.new_doc((2.0, 2.0, 2.0, 2.0))
    v = docs.a5_values(m, college_label, vocab)
    docs.a5_form(d, v, texts.deeds(rng, m.led, 4), layout, date, deeds_cm=deeds_cm, **kw)
    return d


def a5_combined(ms, college_label, layout, date, vocab=None, rng=None, deeds_cm=14.5):
    d = docs.new_doc((2.0, 2.0, 2.0, 2.0))
    for i, m in enumerate(ms):
        v = docs.a5_values(m, college_label, vocab)
        docs.a5_form(d, v, texts.deeds(rng.sub(m.sid), m.led, 4), layout, date, first=(i == 0), deeds_cm=deeds_cm)
    return d


def save_docx(doc, path: Path):
    docs.save(doc, path)
    normalize_ooxml(path)
    return path


def save_xlsx(wb, path: Path):
    wb.save(str(path))
    normalize_ooxml(path)
    return path
