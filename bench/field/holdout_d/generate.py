#!/usr/bin/env python3
"""Hold-out corpus D for paperdesk: the paper copies (scans) of five colleges, with their electronic twins.

    .venv/bin/python bench/field/holdout_d/generate.py --out DIR [--seed 2020]

Writes DIR/inbox/ (what staff drop in the inbox), DIR/truth.json and DIR/manifest.json. Written from the
notice, SPEC.md, FIELD-VARIATIONS.md, the campaign YAML and the CLI help only. Deterministic for a seed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # leave nothing behind in the source folder

import electronic as E  # noqa: E402
import layouts as L  # noqa: E402
import office as O  # noqa: E402
import paper as P  # noqa: E402
from people import COLLEGES, EXCELLENT, MODEL, PARTY, PROB, award_text, phone  # noqa: E402

TZ = dt.timezone(dt.timedelta(hours=8))
SHORT = {MODEL: "标兵", EXCELLENT: "优秀"}

# how each college spells the canonical values, on its electronic files (e_*) and on its paper copies (p_*)
VOCAB = {
    "美术学院": {"e_a4": {}, "p_a4": {"rating": SHORT}, "e_a5": {}, "p_a5": {}},
    "教师教育学院": {
        "e_a4": {"rating": SHORT, "status": {PARTY: "党员", PROB: "预备党员"}, "essay": {"已完成": "√"}, "integ": {"无": "良好"}},
        "p_a4": {},
        "e_a5": {},
        "p_a5": {"status": {PROB: "预备党员"}},
    },
    "马克思主义学院": {
        "e_a4": {"rating": {MODEL: "带班党员标兵", EXCELLENT: "优秀带班党员"}, "status": {PARTY: "正式党员", PROB: "预备党员"},
                 "essay": {"已完成": "完成"}, "integ": {"无": "无不良记录"}},
        "p_a4": {"rating": {MODEL: "带班党员标兵", EXCELLENT: "优秀带班党员"}, "status": {PARTY: "正式党员", PROB: "预备党员"},
                 "essay": {"已完成": "完成"}, "integ": {"无": "无不良记录"}},
        "e_a5": {}, "p_a5": {},
    },
    "食品与制药工程学院": {
        "e_a4": {"names": {"宋佳": "宋 佳"}}, "p_a4": {},
        "e_a5": {"sex": {"男": "男性", "女": "女性"}}, "p_a5": {"sex": {"男": "男性", "女": "女性"}},
    },
    "教育科学学院": {"e_a4": {}, "p_a4": {}, "e_a5": {"integ": {"无": "无不良记录"}}, "p_a5": {"integ": {"无": "无不良记录"}}},
}
A5_LAYOUT = {"美术学院": "template", "教师教育学院": "inline", "马克思主义学院": "ticks", "食品与制药工程学院": "below",
             "教育科学学院": "spaced"}
STYLE = {"美术学院": "ms", "教师教育学院": "jj", "马克思主义学院": "my", "食品与制药工程学院": "sp", "教育科学学院": "jk"}
A5_COLLEGE_LABEL = {"美术学院": "美术学院", "教师教育学院": "教师教育学院", "马克思主义学院": "马克思主义学院",
                    "食品与制药工程学院": "食品学院", "教育科学学院": "教育科学学院"}
WRONG_SEAL = "中共肇庆学院教师教育学院委员会"  # stamped on 教育科学学院's work summary (defect)


def col_by(name):
    return next(c for c in COLLEGES if c["name"] == name)


def mentor(col, name):
    return next(m for m in col["mentors"] if m["name"] == name)


# ============================================================================================ paper copies
# A page job is a dict: college, kind, layout args, stamps, scan args, output. Rendering runs in a pool.
def a4_rows(col, mentors, vocab, overrides=None):
    rows = []
    for m in mentors:
        v = E.a4_values(m, vocab)
        v.update((overrides or {}).get(m["name"], {}))
        rows.append([v[k] if not isinstance(v[k], int) else str(v[k]) for k in E.A4_KEYS])
    return rows


def a2_rows(col, overrides=None):
    rows = []
    for i, n in enumerate(col["new"], 1):
        v = E.a2_values(n, {}, i)
        v.update((overrides or {}).get(n["name"], {}))
        rows.append([str(v[k]) for k in E.A2_KEYS[1:]])
    return rows


def a5_paper_values(col, m, i, overrides=None):
    v = E.a5_values(m, VOCAB[col["name"]]["p_a5"], A5_COLLEGE_LABEL[col["name"]], i)
    v.update((overrides or {}).get(m["name"], {}))
    return v


def _build(job, dpi):
    kind, key = job["kind"], job["key"]
    if kind == "a4":
        return L.a4_summary(key, dpi, job["college"], job["total"], job["publicity"], job["rows"],
                            per_page=job.get("per_page"), blank_rows=job.get("blank_rows", 0),
                            footer=job.get("footer"), title=job.get("title", "肇庆学院学生带班党员考核情况汇总表"),
                            filler=job.get("filler", ""), checker=job.get("checker", ""))
    if kind == "a2":
        return L.a2_summary(key, dpi, job["college"], job["filler"], job["tel"], job["rows"])
    if kind == "ws":
        return L.work_summary(key, dpi, job["title"], job["paras"], job["signer"])
    if kind == "a5":
        fn = L.A5_LAYOUTS[job["layout"]]
        if job["layout"] == "ticks":
            return fn(key, dpi, job["values"], printed_tick=job["printed_tick"])
        return fn(key, dpi, job["values"])
    raise ValueError(kind)


def render_job(job) -> list[tuple[str, bytes, dict]]:
    """build the printed pages of one document, stamp them, scan them. job["pages"] has one spec per page to
    output (a document with more pages than specs is an error, fewer specs than pages outputs the first ones)."""
    P.SEED = job["seed"]
    specs = job["pages"]
    by_dpi: dict = {}
    for i, pj in enumerate(specs):
        by_dpi.setdefault(pj.get("dpi", job["dpi"]), []).append(i)
    out = {}
    for dpi, idx in by_dpi.items():
        pages = _build(job, dpi)
        if job.get("full", True):
            assert len(pages) == len(specs), (job["key"], len(pages), len(specs))
        for i in idx:
            pg, pj = pages[i], specs[i]
            pg.printed(pj.get("toner", 0.0))
            stamp(pg, job, pj, i, len(pages))
            if pj.get("phone"):
                img = P.phone_photo(pg, tilt=pj.get("tilt", (0.02, 0.03)), shadow=pj.get("shadow", 0.35),
                                    desk=pj.get("desk", "wood"))
            else:
                img = P.scan(pg, skew=pj.get("skew", 0.0), turn=pj.get("turn", 0), grey=pj.get("grey", False),
                             speckle=pj.get("speckle", 0), border=pj.get("border"), blur=pj.get("blur", 0.0))
            out[i] = (f"{job['key']}#{i + 1}", _encode(img, pj, dpi),
                      {"w": img.width, "h": img.height, "mode": img.mode, "dpi": dpi})
    return [out[i] for i in sorted(out)]


def _encode(img, pj, dpi):
    fmt = pj.get("fmt", "jpg")
    if fmt == "png":
        return P.png_bytes(img, dpi)
    if fmt == "tif":
        return P.tiff_bytes(img, dpi, pj.get("q", 75))
    return P.jpeg_bytes(img, pj.get("q", 80), 72 if pj.get("phone") else dpi)


def stamp(pg, job, pj, i, n):
    """seal, signature, pen ticks, date stamp as the job says, on page i of n"""
    s = pj.get("seal")  # None: no seal on this page; dict: where/how
    if s:
        where = s.get("at", "stamp")
        if where == "stamp":
            x, y = pg.marks["stamp_at"] if "stamp_at" in pg.marks else pg.marks["stamp_label"]
        elif where == "label":
            x, y = pg.marks["stamp_label"]
            x, y = x + s.get("dx", 8), y + s.get("dy", 6)
        elif where == "names":
            names = pg.marks["name_boxes"]
            j = min(s.get("row", 2), len(names) - 1)
            bx = names[j][1]
            x, y = (bx[0] + bx[2]) / 2 + s.get("dx", 6), (bx[1] + bx[3]) / 2
        elif where == "footer":
            x, y = 105 + s.get("dx", 0), pg.marks["footer_y"] + s.get("dy", -6)
        else:
            x, y = where
        pg.seal(x, y, s.get("text", job["seal_text"]), strength=s.get("strength", 0.85), angle=s.get("angle", 0.0),
                diam_mm=s.get("diam", 42.0))
    if pj.get("sign") and "sign_at" in pg.marks:
        x, y = pg.marks["sign_at"]
        pg.signature(x, y, 26, 9)
    if pj.get("date_stamp"):
        ds = pj["date_stamp"]
        x, y = pg.marks.get("date_at", (200, 180))
        pg.date_stamp(x + ds.get("dx", 4), y + ds.get("dy", 3), ds.get("text", "2020.06.15"),
                      colour=tuple(ds.get("colour", (88, 58, 150))))
    if pj.get("pen_ticks") and "ticks" in pg.marks:
        for field, (x, y, size) in pg.marks["ticks"].items():
            pg.pen_tick(x - 0.4, y - 1.4, size + 1.6)
    if pj.get("underline") and "name_boxes" in pg.marks:
        for name, bx in pg.marks["name_boxes"][: pj["underline"]]:
            pg.pen_underline(bx[0] + 2, bx[3] - 2.2, bx[2] - 2)


# -------------------------------------------------------------------------------------------- per college
def paper_plan(col) -> tuple[list[dict], list[dict]]:
    """(render jobs, output files): a file = (path, [page keys], fmt)"""
    name = col["name"]
    voc = VOCAB[name]
    jobs, files = [], []
    ws_title = f"{name}学生带班工作总结"
    signer = col["seal"].replace("中国共产党", "中共")
    base = dict(seal_text=col["seal"], college=name, filler=col["filler"], checker=col["checker"])

    def a5_job(m, i, pages, overrides=None, printed_tick=False, dpi=200, key=None):
        j = dict(base, kind="a5", key=key or f"{name}-A5-{m['name']}", dpi=dpi, layout=A5_LAYOUT[name],
                 values=a5_paper_values(col, m, i, overrides), printed_tick=printed_tick, pages=pages)
        jobs.append(j)
        return j["key"]

    if name == "美术学院":
        # one file per page, scanner names scan0001.jpg …; a sample of 4 A5 forms; one page scanned twice
        jobs.append(dict(base, kind="a4", key="ms-A4", dpi=200, total=col["stated"], publicity=col["publicity"],
                         rows=a4_rows(col, col["mentors"], voc["p_a4"]), blank_rows=3,
                         footer=f"填表人：{col['filler']}　　　　审核人：{col['checker']}　　　　日期：2020年6月16日",
                         pages=[dict(skew=1.2, q=75, seal={"at": "names", "row": 2, "dx": 8}, sign=True)]))
        jobs.append(dict(base, kind="a2", key="ms-A2", dpi=300, filler=col["filler"], tel=col["office_phone"],
                         rows=a2_rows(col), pages=[dict(skew=-0.6, q=88, seal={"at": (288.5, 31.0)})]))
        jobs.append(dict(base, kind="ws", key="ms-WS", dpi=150, title=ws_title, paras=E.ws_paras(col, long=True), signer=signer,
                         pages=[dict(skew=-2.0, q=60, speckle=900), dict(skew=-1.7, q=60, speckle=500, seal={"at": "stamp"})]))
        pk = []
        for i, (nm, sk) in enumerate([("林晓琰", (0.8, -0.5)), ("陈思堃", (2.2, 1.5)), ("黄婧怡", (-1.1, 0.0)), ("梁玥彤", (0.6, -2.4))]):
            m = mentor(col, nm)
            p2 = dict(skew=sk[1], q=82, seal={"at": "stamp"}, sign=True)
            if nm == "林晓琰":
                p2["date_stamp"] = {"text": "2020.06.15", "colour": (200, 30, 40), "dx": 2, "dy": 4}
            if nm == "黄婧怡":
                p2.update(turn=90)
            pk.append(a5_job(m, i, [dict(skew=sk[0], q=78), p2], dpi=200))
        # 黄婧怡's page 1 scanned a second time (the first came out crooked)
        jobs.append(dict(jobs[-2], key="ms-A5-黄婧怡-rescan", full=False,
                         pages=[dict(skew=0.5, q=70, speckle=150)]))
        keys = ["ms-A4#1", "ms-A2#1", "ms-WS#1", "ms-WS#2"]
        for k in pk:
            keys += [f"{k}#1", f"{k}#2"]
        keys.append("ms-A5-黄婧怡-rescan#1")
        for n, k in enumerate(keys, 1):
            files.append((f"纸质材料扫描/美术学院/scan{n:04d}.jpg", [k], "jpg"))

    elif name == "教师教育学院":
        # one colour PDF with everything, 200 dpi; A4 over two pages; a page upside down; light toner
        jobs.append(dict(base, kind="a4", key="jj-A4", dpi=200, total=col["stated"], publicity=col["publicity"],
                         rows=a4_rows(col, col["mentors"], voc["p_a4"]), per_page=6,
                         pages=[dict(skew=0.7, q=55, border={"left": 9, "top": 5}),
                                dict(skew=-0.9, q=55, seal={"at": "footer", "dx": 30, "dy": -10}, sign=True)]))
        jobs.append(dict(base, kind="a2", key="jj-A2", dpi=200, filler=col["filler"], tel=col["office_phone"],
                         rows=a2_rows(col), pages=[dict(skew=1.4, q=55, seal={"at": "label", "dx": 10, "dy": 8})]))
        jobs.append(dict(base, kind="ws", key="jj-WS", dpi=200, title=ws_title, paras=E.ws_paras(col), signer=signer,
                         pages=[dict(skew=-0.5, q=55, toner=0.6, seal={"at": "stamp"})]))
        pk = []
        for i, nm in enumerate(["何雨晗", "罗嘉翀", "邓淼", "冯彧", "彭祎然"]):
            m = mentor(col, nm)
            p1 = dict(skew=[0.6, -1.3, 0.9, 1.8, -0.7][i], q=55)
            p2 = dict(skew=[-0.8, 1.1, -1.5, 0.5, 2.1][i], q=55, seal={"at": "stamp"}, sign=True,
                      date_stamp={"text": "2020.06.15"})
            if nm == "邓淼":
                p1["turn"] = 180
            if nm == "冯彧":
                p2["toner"] = 0.65
            pk.append(a5_job(m, i, [p1, p2], dpi=200))
        keys = ["jj-A4#1", "jj-A4#2", "jj-A2#1", "jj-WS#1"] + [f"{k}#{j}" for k in pk for j in (1, 2)]
        files.append(("纸质版扫描/教师教育学院全部纸质材料.pdf", keys, "pdf"))

    elif name == "马克思主义学院":
        jobs.append(dict(base, kind="a4", key="my-A4", dpi=300, total=f"{col['stated']}人", publicity=col["publicity"],
                         rows=a4_rows(col, col["mentors"], voc["p_a4"]),
                         pages=[dict(skew=0.5, q=80, grey=True, seal={"at": "label", "dx": 14, "dy": 4}, sign=True)]))
        jobs.append(dict(base, kind="a2", key="my-A2", dpi=300, filler=col["filler"], tel=col["office_phone"],
                         rows=a2_rows(col), pages=[dict(phone=True, tilt=(0.035, 0.02), shadow=0.4, q=84,
                                                         seal={"at": "label", "dx": 12, "dy": 10})]))
        jobs.append(dict(base, kind="ws", key="my-WS", dpi=150, title=ws_title, paras=E.ws_paras(col), signer=signer,
                         pages=[dict(skew=2.5, fmt="tif", q=70, speckle=400, seal={"at": "stamp", "angle": 12},
                                     date_stamp={"text": "2020.06.18"})]))
        pk = []
        for i, m in enumerate(col["mentors"]):
            ov, printed = None, False
            p2 = dict(skew=[0.9, -1.2, 0.6, -0.5, 1.7][i], q=70, seal={"at": "stamp"}, sign=True)
            if m["name"] == "王赟":  # DEFECT d01: the paper form was printed from a draft that ticks 优秀
                ov, printed = {"王赟": {"申报等级": EXCELLENT}}, True
            if m["name"] == "李燚":
                printed = True
            if m["name"] == "张铖":  # DEFECT d02: signed and dated, never stamped
                p2.pop("seal")
            p1 = dict(skew=[-0.7, 1.4, -2.2, 0.8, -1.0][i], q=70, pen_ticks=not printed)
            pk.append(a5_job(m, i, [p1, p2], overrides=ov, printed_tick=printed, dpi=200))
        files.append(("马院纸质版/考核情况汇总表.pdf", ["my-A4#1"], "pdf"))
        files.append(("马院纸质版/考核审批表（5人）.pdf", [f"{k}#{j}" for k in pk for j in (1, 2)], "pdf"))
        files.append(("马院纸质版/IMG_20200619_101523.jpg", ["my-A2#1"], "jpg"))
        files.append(("马院纸质版/工作总结扫描.tif", ["my-WS#1"], "tif"))

    elif name == "食品与制药工程学院":
        # JPEG per page named 扫描件_N, one PNG, two phone photos; no paper work summary (defect d05)
        jobs.append(dict(base, kind="a4", key="sp-A4", dpi=300, total=col["stated"], publicity=col["publicity"],
                         rows=a4_rows(col, col["mentors"], voc["p_a4"], overrides={"何俊": {"政治面貌": PROB}}),
                         pages=[dict(skew=-0.8, q=85, seal={"at": "label", "dx": 16, "dy": 6}, sign=True)]))
        jobs.append(dict(base, kind="a2", key="sp-A2", dpi=200, filler=col["filler"], tel=col["office_phone"],
                         rows=a2_rows(col, overrides={"区嘉怡": {"所带新生班级": "20生物制药1班"}}),
                         pages=[dict(skew=0.9, fmt="png")]))
        plan = [("胡晓晗", dict(skew=0.6, q=80, grey=True, dpi=300), dict(skew=-0.4, q=80, seal={"at": "stamp"}, sign=True)),
                ("郭子瑾", dict(phone=True, tilt=(0.03, 0.04), shadow=0.3, q=82), dict(skew=1.9, q=45, speckle=1200, seal={"at": "stamp"}, sign=True)),
                ("何俊", dict(skew=-1.2, q=75), dict(skew=0.7, q=75, border={"bottom": 12}, seal={"at": "stamp"}, sign=True)),
                ("林淼淼", dict(skew=2.8, q=72), dict(phone=True, tilt=(0.02, 0.05), shadow=0.45, desk="grey", q=85,
                                                    seal={"at": "stamp"}, sign=True)),
                ("宋佳", dict(skew=-0.5, q=88), dict(skew=-1.6, q=88, seal={"at": "stamp"}, sign=True,
                                                   date_stamp={"text": "2020.06.16"}))]
        pk = []
        for i, (nm, p1, p2) in enumerate(plan):
            m = mentor(col, nm)
            ov = {"宋佳": {"联系电话": " ".join([phone(m["sid"])[:3], phone(m["sid"])[3:7], phone(m["sid"])[7:]])}} if nm == "宋佳" else None
            pk.append(a5_job(m, i, [p1, p2], overrides=ov, dpi=200))
        files.append(("扫描件/食品学院/扫描件_1.jpg", ["sp-A4#1"], "jpg"))
        files.append(("扫描件/食品学院/扫描件_2.png", ["sp-A2#1"], "png"))
        n = 3
        for (nm, p1, p2), k in zip(plan, pk):
            for j, pj in ((1, p1), (2, p2)):
                if pj.get("phone"):
                    fname = {"郭子瑾": "IMG_4127.JPG", "林淼淼": "IMG_4128.JPG"}[nm]
                    files.append((f"扫描件/食品学院/{fname}", [f"{k}#{j}"], "jpg"))
                else:
                    files.append((f"扫描件/食品学院/扫描件_{n}.jpg", [f"{k}#{j}"], "jpg"))
                    n += 1

    elif name == "教育科学学院":
        paper_people = col["mentors"]  # all six, 周晓玥 included (DEFECT d09 against the electronic A4)
        jobs.append(dict(base, kind="a4", key="jk-A4", dpi=200, total=col["stated"], publicity=col["publicity"],
                         rows=a4_rows(col, paper_people, voc["p_a4"]),
                         pages=[dict(skew=1.1, q=75, seal={"at": "label", "dx": 12, "dy": 5, "strength": 0.36}, sign=True)]))
        jobs.append(dict(base, kind="a2", key="jk-A2", dpi=300, filler=col["filler"], tel=col["office_phone"],
                         rows=a2_rows(col), pages=[dict(turn=90, skew=-0.7, q=80, seal={"at": "label", "dx": 10, "dy": 8})]))
        jobs.append(dict(base, kind="ws", key="jk-WS", dpi=200, title=ws_title, paras=E.ws_paras(col, long=True), signer=signer,
                         pages=[dict(skew=0.8, q=70),
                                dict(skew=0.6, q=70, seal={"at": "stamp", "text": WRONG_SEAL})]))  # DEFECT d10
        pk = []
        for i, m in enumerate(col["mentors"]):
            ov = {"李思琪": {"政治面貌": PROB}} if m["name"] == "李思琪" else None  # DEFECT d11
            p1 = dict(skew=[0.5, -1.0, 1.6, -0.6, 0.9, -2.0][i], q=75, grey=True)
            p2 = dict(skew=[1.2, 0.7, -0.9, 1.5, -1.3, 0.6][i], q=75, grey=True, seal={"at": "stamp"}, sign=True)
            pk.append(a5_job(m, i, [p1, p2], overrides=ov, dpi=200))
        files.append(("教科院纸质材料/汇总表.pdf", ["jk-A4#1"], "pdf"))
        files.append(("教科院纸质材料/新聘汇总表.pdf", ["jk-A2#1"], "pdf"))
        files.append(("教科院纸质材料/工作总结_1.jpg", ["jk-WS#1"], "jpg"))
        files.append(("教科院纸质材料/工作总结_2.jpg", ["jk-WS#2"], "jpg"))
        files.append(("教科院纸质材料/审批表.pdf", [f"{k}#{j}" for k in pk for j in (1, 2)], "pdf"))
    return jobs, files


def render_all(jobs, workers):
    results = {}
    with ProcessPoolExecutor(max_workers=workers) as ex:
        for out in ex.map(render_job, jobs):
            for k, blob, info in out:
                results[k] = (blob, info)
    return results


# ============================================================================================ electronic
def electronic(col, out: Path, inbox_files: dict):
    """writes the college's electronic submission; returns the list of inbox paths it wrote"""
    name = col["name"]
    voc = VOCAB[name]
    style = STYLE[name]
    e_mentors = [m for m in col["mentors"] if m["name"] != col.get("dropped_from_electronic_a4")]
    a4 = E.a4_xlsx(col, [E.a4_values(m, voc["e_a4"]) for m in e_mentors], style)
    a2 = E.a2_xlsx(col, [E.a2_values(n, {}, i) for i, n in enumerate(col["new"], 1)], style)
    a3 = E.a3_xlsx(col, e_mentors, style)
    ws = E.ws_docx(col, E.ws_paras(col, long=name in ("美术学院", "教育科学学院")))
    a5 = {}
    for i, m in enumerate(col["mentors"]):
        v = E.a5_values(m, voc["e_a5"], A5_COLLEGE_LABEL[name], i)
        a5[m["name"]] = E.a5_docx(v, A5_LAYOUT[name], m["rating"])
    # cases
    case_entries = []
    for idx, nm in enumerate(col["cases"]):
        m = mentor(col, nm)
        n_pics = [3, 4, 5][idx % 3]
        if style == "ms":
            embed_life = nm == "梁玥彤"  # 5 pictures + the author's photo embedded with the caption 作者生活照
            n_pics = 5 if embed_life else n_pics
            case_entries.append((f"案例-{nm}.docx", E.case_docx(m, col, style, n_pics, idx, embed_life=embed_life)))
            case_entries.append((f"{nm}生活照.jpg", E.life_photo(m["sid"])))
        elif style == "jj":
            case_entries.append((f"{nm}/案例.docx", E.case_docx(m, col, style, n_pics, idx)))
            exact = 1048576 if nm == "许昕怡" else None  # exactly 1 MiB: not "under 1 MiB"
            case_entries.append((f"{nm}/{nm}生活照.jpg", E.life_photo(m["sid"], exact=exact)))
        elif style == "my":
            case_entries.append((f"{nm}-优秀带班党员案例.docx", E.case_docx(m, col, style, n_pics, idx)))
            case_entries.append((f"{nm}生活照.jpg", E.life_photo(m["sid"])))
        elif style == "sp":
            case_entries.append((f"{nm}/案例-{nm}.docx", E.case_docx(m, col, style, n_pics, idx, embed=False)))
            for k in range(n_pics):
                case_entries.append((f"{nm}/图{k + 1}.jpg", E.picture(f"{m['sid']}-{k}")))
            case_entries.append((f"{nm}/{nm}生活照.jpg", E.life_photo(m["sid"])))
        else:
            case_entries.append((f"{nm}案例.docx", E.case_docx(m, col, style, n_pics, idx)))
            case_entries.append((f"{nm}生活照.jpg", E.life_photo(m["sid"])))
    sep = "+" if style == "jj" else ""
    cases_zip_name = f"{name}{sep}优秀带班党员案例.zip"
    cases_zip = O.zip_bytes(case_entries)

    written = []

    def put(rel, blob):
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(blob)
        inbox_files[rel] = name
        written.append(rel)

    if style == "ms":
        d = "美术学院"
        put(f"{d}/附件4-学生带班党员考核情况汇总表.xlsx", a4)
        put(f"{d}/附件2-新聘学生带班党员汇总表.xlsx", a2)
        put(f"{d}/附件3-学生带班党员获奖情况统计表.xlsx", a3)
        put(f"{d}/美术学院学生带班工作总结.docx", ws)
        put(f"{d}/美术学院考核审批表.zip", O.zip_bytes([(f"考核审批表-{k}.docx", b) for k, b in a5.items()]))
        put(f"{d}/{cases_zip_name}", cases_zip)
    elif style == "jj":
        a5zip = O.zip_bytes([(f"考核审批表/{k}.docx", b) for k, b in a5.items()])
        put("邮件/教师教育学院-学生带班党员考核材料.eml", O.eml_bytes(
            "教师教育学院学生带班党员考核材料及优秀案例", "教师教育学院学工办 <jsjy_xgb@zqu.edu.cn>", "2539746740@qq.com",
            dt.datetime(2020, 6, 19, 16, 42, 10, tzinfo=TZ),
            "李老师您好：\n\n附件是教师教育学院2020年学生带班党员考核汇总表、考核审批表、获奖情况统计表、工作总结和优秀案例，纸质版已送至行政楼109。请查收。\n\n教师教育学院 莫晓燕",
            [(cases_zip_name, cases_zip), ("考核情况汇总表（教师教育学院）.xlsx", a4), ("考核审批表（教师教育学院10人）.zip", a5zip),
             ("获奖情况统计表-教师教育学院.xlsx", a3), ("教师教育学院学生带班工作总结.docx", ws)],
            "<20200619164210.jsjy001@zqu.edu.cn>"))
        put("邮件/教师教育学院-新聘学生带班党员汇总表.eml", O.eml_bytes(
            "教师教育学院2020-2021学年度新聘学生带班党员汇总表", "教师教育学院学工办 <jsjy_xgb@zqu.edu.cn>", "2539746740@qq.com",
            dt.datetime(2020, 6, 20, 23, 10, 5, tzinfo=TZ),
            "李老师：新聘学生带班党员汇总表见附件，纸质版明天一早送到。谢谢！", [("新聘学生带班党员汇总表（教师教育学院）.xlsx", a2)],
            "<20200620231005.jsjy002@zqu.edu.cn>"))
    elif style == "my":
        root = "马克思主义学院"
        entries = [(f"{root}/考核情况汇总表.xlsx", a4), (f"{root}/新聘学生带班党员汇总表.xlsx", a2),
                   (f"{root}/获奖情况统计表.xlsx", a3), (f"{root}/学生带班工作总结.docx", ws)]
        entries += [(f"{root}/审批表/{k}.docx", b) for k, b in a5.items()]
        entries.append((f"{root}/{cases_zip_name}", cases_zip))
        put("马院材料.zip", O.zip_bytes(entries, gbk=True))
    elif style == "sp":
        d = "食品学院（最终版）"
        put(f"{d}/考核情况汇总表（最终版）.xlsx", a4)
        put(f"{d}/新聘学生带班党员汇总表最终版.xlsx", a2)
        put(f"{d}/获奖情况统计表（最终版）.xlsx", a3)
        put(f"{d}/学生带班工作总结（最终版）.docx", ws)
        for k, b in a5.items():
            put(f"{d}/考核审批表/考核审批表-{k}.docx", b)
        put(f"{d}/{cases_zip_name}", cases_zip)
    else:
        put("邮件/【教科院】学生带班党员工作材料.eml", O.eml_bytes(
            "【教科院】学生带班党员工作材料", "教科院学工办 <jky_xgb@zqu.edu.cn>", "2539746740@qq.com",
            dt.datetime(2020, 6, 18, 10, 5, 33, tzinfo=TZ),
            "李鑫老师：\n  您好！教育科学学院学生带班党员工作的各项材料见附件，请查收。\n教科院 冼文静",
            [("考核汇总表.xlsx", a4), ("审批表.zip", O.zip_bytes([(f"{k}.docx", b) for k, b in a5.items()])),
             ("获奖统计.xlsx", a3), ("新聘汇总表.xlsx", a2), ("工作总结.docx", ws), (cases_zip_name, cases_zip)],
            "<20200618100533.jky001@zqu.edu.cn>"))
    return written


# ============================================================================================ truth
def truth_doc():
    def p(college, nm):
        col = col_by(college)
        m = next(x for x in col["mentors"] + col["new"] if x["name"] == nm)
        return m["name"], m["sid"]

    D = []

    def defect(code, college, person, note, also=()):
        name, sid = (p(college, person) if person else (None, None))
        D.append({"id": f"d{len(D) + 1:02d}", "code": code, "college": college, "name": name, "student_id": sid,
                  "also": list(also), "note": note})

    defect("PAPER_ELECTRONIC_MISMATCH", "马克思主义学院", "王赟",
           "马院纸质版/考核审批表（5人）.pdf page 1: the printed tick box reads ☑优秀学生带班党员 □学生带班党员标兵 (printed ☑, "
           "not pen), while 王赟's electronic A5 (马院材料.zip!马克思主义学院/审批表/王赟.docx) ticks ☑学生带班党员标兵 and the "
           "electronic A4 says 带班党员标兵; page 2's opinion also reads 同意申报“优秀学生带班党员”.", also=["FIELD_MISMATCH"])
    defect("SEAL_MISSING", "马克思主义学院", "张铖",
           "(deliverable: assessment-forms) 马院纸质版/考核审批表（5人）.pdf page 6 (张铖's page 2, 学院党委意见): signed and dated "
           "2020年6月15日 but no seal, and page 1 has none either; the A5 is a paper-with-seal deliverable (SPEC §3, "
           "the form's 学院党委意见 asks 签字, 盖章, 日期). The other four A5 forms are stamped on their page 2.")
    defect("PAPER_ELECTRONIC_MISMATCH", "食品与制药工程学院", "何俊",
           "扫描件/食品学院/扫描件_1.jpg (paper A4, 300 dpi colour): 何俊's 政治面貌 is printed 中共预备党员; the electronic A4 "
           "and his electronic A5 say 中共党员 (his paper A5, 扫描件_6.jpg, also says 中共党员).", also=["FIELD_MISMATCH"])
    defect("SEAL_MISSING", "食品与制药工程学院", None,
           "(deliverable: selection) 扫描件/食品学院/扫描件_2.png (paper A2, the only page of the new-mentor list): no seal at all "
           "(only printed text; the notice: 纸质版加盖二级学院党委公章).")
    defect("PAPER_ELECTRONIC_MISMATCH", "食品与制药工程学院", "区嘉怡",
           "扫描件/食品学院/扫描件_2.png (paper A2): the new mentor 区嘉怡 has 所带新生班级 20生物制药1班 on paper, "
           "20食品质量与安全1班 in the electronic A2 (新聘学生带班党员汇总表最终版.xlsx).", also=["FIELD_MISMATCH"])
    defect("DELIVERABLE_MISSING", "食品与制药工程学院", None,
           "(deliverable: work-summary) no scanned paper copy of the work summary arrived (the electronic "
           "学生带班工作总结（最终版）.docx did); the notice asks 电子版以及纸质版（加盖学院党委公章）.")
    defect("HEADCOUNT_MISMATCH", "教育科学学院", None,
           "electronic A4 (邮件/【教科院】学生带班党员工作材料.eml!考核汇总表.xlsx) states 带班党员总数：6 but lists 5 people "
           "(周晓玥's row was deleted; the paper A4 has all 6).")
    defect("FORM_NOT_IN_SUMMARY", "教育科学学院", "周晓玥",
           "周晓玥 has an electronic A5 (审批表.zip!周晓玥.docx) and a paper A5 (审批表.pdf pages 7–8) but is not on the "
           "electronic A4.")
    defect("PAPER_ELECTRONIC_MISMATCH", "教育科学学院", "周晓玥",
           "教科院纸质材料/汇总表.pdf (paper A4, row 4): 周晓玥 201704030117 is on the paper summary but not on the electronic A4.")
    defect("SEAL_MISSING", "教育科学学院", None,
           "(deliverable: work-summary) 教科院纸质材料/工作总结_2.jpg: the only seal on the work summary (over the printed "
           "落款 中共肇庆学院教育科学学院委员会) is a clear red round seal whose ring reads 中共肇庆学院教师教育学院委员会 — another "
           "college's party committee. The notice asks for 学院党委公章, the college's own; so the page lacks this college's seal "
           "(SEAL_MISSING). The sources disagreeing on the college may also give COLLEGE_CONFLICT (a warning).",
           also=["COLLEGE_CONFLICT"])
    defect("PAPER_ELECTRONIC_MISMATCH", "教育科学学院", "李思琪",
           "教科院纸质材料/审批表.pdf page 5 (李思琪's page 1, grey 200 dpi): 政治面貌 printed 中共预备党员; her electronic A5 "
           "(审批表.zip!李思琪.docx) and the electronic A4 say 中共党员.", also=["FIELD_MISMATCH"])

    T = []

    def trap(college, name, note):
        T.append({"id": f"t{len(T) + 1:02d}", "college": college, "name": name, "note": note})

    PEM = "PAPER_ELECTRONIC_MISMATCH, FIELD_MISMATCH"
    # rare characters on the scans
    for college, names in [("美术学院", ["林晓琰", "陈思堃", "黄婧怡", "梁玥彤"]),
                           ("教师教育学院", ["何雨晗", "罗嘉翀", "邓淼", "冯彧", "彭祎然"]),
                           ("马克思主义学院", ["李燚", "刘梓琰", "赵可昕"]),
                           ("食品与制药工程学院", ["胡晓晗", "郭子瑾", "林淼淼"]),
                           ("教育科学学院", ["陈雅婧", "黄彧辰", "吴昕", "杨铖"])]:
        for nm in names:
            trap(college, nm, f"[{PEM}, FORM_MISSING, FORM_NOT_IN_SUMMARY] {nm} (rare character) printed on the scanned A4 and "
                              "on the scanned A5; paper and electronic agree; a reading that drops or swaps the rare character "
                              "is a reading problem, not a discrepancy.")
    trap("美术学院", "陈思堃", "[SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH] scan0001.jpg: the seal sits over the 姓名 cells of "
                            "rows 2–4 (陈思堃, 黄婧怡, 周昊然) and the table lines; the names stay legible.")
    trap("美术学院", None, "[PAPER_ELECTRONIC_MISMATCH, FIELD_MISMATCH] scan0001.jpg (paper A4) prints 考核等级 标兵 / 优秀, "
                           "the xlsx says 学生带班党员标兵 / 优秀学生带班党员: same meaning.")
    trap("美术学院", None, "[HEADCOUNT_MISMATCH] paper and electronic A4 carry three template rows with only 序号 8–10 under "
                           "the 7 people; 带班党员总数 7 is right.")
    trap("美术学院", None, "[SEAL_MISSING] scan0002.jpg (paper A2): the seal is partly off the right edge of the scan (about "
                           "a third of it is cut); it is still the college's seal.")
    trap("美术学院", "黄婧怡", "[DUPLICATE_PERSON, FORM_NOT_IN_SUMMARY, PAPER_ELECTRONIC_MISMATCH, SEAL_MISSING] scan0013.jpg is "
                            "a second scan of 黄婧怡's A5 page 1 (scan0009.jpg), with other skew and noise: a page scanned "
                            "twice. Page 1 of the A5 carries no seal (her page 2, scan0010.jpg, is sealed).")
    trap("美术学院", "黄婧怡", "[SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH] scan0010.jpg (黄婧怡's A5 page 2, sealed) is turned "
                            "90°.")
    trap("美术学院", None, "[FORM_MISSING, DELIVERABLE_MISSING, PAPER_ELECTRONIC_MISMATCH] only 4 of the 7 A5 forms were scanned "
                           "(林晓琰, 陈思堃, 黄婧怡, 梁玥彤); FIELD-VARIATIONS: a form scanned for some people is not a mismatch "
                           "for the others (a warning listing those without paper at most).")
    trap("美术学院", "林晓琰", "[SEAL_MISSING] scan0006.jpg (林晓琰's A5 page 2): a red date stamp 2020.06.15 beside the seal; "
                            "page 1 of every A5 carries no seal (the seal belongs in 学院党委意见 on page 2).")
    trap("美术学院", None, "[SEAL_MISSING] scan0003.jpg / scan0004.jpg: the work summary over two pages (150 dpi, speckled), "
                           "sealed on its last page over the 落款.")
    trap("美术学院", "黄婧怡", "[CRITERIA_NOT_MET] 黄婧怡 is 优秀学生带班党员 with 1 failed course and no award: the notice asks "
                            "neither of 优秀.")
    trap("美术学院", None, "[CASE_IMAGE_COUNT] 梁玥彤's case has 5 pictures plus her life photo embedded with the caption "
                           "作者生活照 (not a case picture); 周昊然's has 4, 林晓琰's 3.")
    trap("美术学院", None, "[CLASS_OVER_STAFFED] A2: 20美术学1班 gets exactly two new mentors (邓语晨, 潘一帆).")
    trap("美术学院", None, "[MODEL_QUOTA_EXCEEDED, CASE_QUOTA] 7 mentors: 1 标兵 ≤ round(1.05)=1, 3 cases = round(2.8).")

    trap("教师教育学院", None, "[MODEL_QUOTA_EXCEEDED] 10 mentors, 2 标兵: 15% × 10 = 1.5 → 2 (四舍五入, half up).")
    trap("教师教育学院", None, "[CASE_QUOTA] 4 cases = 40% × 10.")
    trap("教师教育学院", None, "[UNKNOWN_COLLEGE, COLLEGE_CONFLICT, DELIVERABLE_MISSING, SEAL_MISSING] the college's name "
                              "教师教育学院 contains 教育学院, an alias of 教育科学学院 in the campaign; every file of this "
                              "college (PDF name, e-mail subject, form headers, seal ring 中国共产党肇庆学院教师教育学院委员会) "
                              "says 教师教育学院.")
    trap("教师教育学院", None, "[SEAL_MISSING] the seal ring says 中国共产党肇庆学院教师教育学院委员会 (the full form of 中共): "
                              "the college's party committee seal.")
    trap("教师教育学院", None, "[SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH, HEADCOUNT_MISMATCH] 纸质版扫描/教师教育学院全部纸质材料.pdf: "
                              "the A4 printed over two pages (rows 1–6, then 7–10 under a （续） title), sealed on page 2 "
                              "only; page 1 has a dark scanner border.")
    trap("教师教育学院", "邓淼", "[PAPER_ELECTRONIC_MISMATCH, SEAL_MISSING] PDF page 9 (邓淼's A5 page 1) is upside down.")
    trap("教师教育学院", "冯彧", "[SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH] PDF page 12 (冯彧's A5 page 2) and page 4 (work "
                               "summary) are printed with light, patchy toner (the seal is not faded).")
    trap("教师教育学院", None, f"[{PEM}] electronic A4 vocabulary 标兵/优秀, 党员/预备党员, √, 良好 vs the paper A4's "
                              "学生带班党员标兵/优秀学生带班党员, 中共党员/中共预备党员, 已完成, 无; paper A5s print 预备党员 where "
                              "the electronic A5 says 中共预备党员: same meanings.")
    trap("教师教育学院", None, "[FORM_MISSING, DELIVERABLE_MISSING] only 5 of the 10 A5 forms are in the PDF.")
    trap("教师教育学院", "蔡瑾萱", "[CRITERIA_NOT_MET] 蔡瑾萱 is 优秀 with 2 failed courses and no award (not asked of 优秀).")
    trap("教师教育学院", None, "[PHOTO_TOO_SMALL] 许昕怡's life photo is exactly 1,048,576 bytes (1 MiB is not under 1 MiB).")
    trap("教师教育学院", None, "[LATE_SUBMISSION] the A2 e-mail is dated 2020-06-20 23:10 +0800, the A2 deadline day "
                              "(6月20日前 = on or before).")
    trap("教师教育学院", None, "[ARCHIVE_NAME_INVALID] cases archive 教师教育学院+优秀带班党员案例.zip (literal +).")
    trap("教师教育学院", None, "[FIELD_MISMATCH] 学号 stored as numbers (format 0) in the A4 and A3, as text in the A5s.")

    trap("马克思主义学院", None, "[SEAL_MISSING] 马院纸质版/考核情况汇总表.pdf is a grey 300 dpi scan: its seal (over 学院（盖章）) "
                                "is grey, not red.")
    trap("马克思主义学院", None, "[SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH] 马院纸质版/IMG_20200619_101523.jpg: the A2 "
                                "photographed with a phone on a desk (perspective, shadow), sealed.")
    trap("马克思主义学院", None, "[SEAL_MISSING] 马院纸质版/工作总结扫描.tif (TIFF, 150 dpi, skewed 2.5°, speckled): seal "
                                "turned 12°, and a purple date stamp 2020.06.18.")
    trap("马克思主义学院", None, f"[{PEM}] the A5 tick boxes of 张铖, 刘梓琰 and 赵可昕 are ticked with a red pen on printed "
                                "□ boxes (诚信记录 无, 带班征文 已完成, their 申报等级), agreeing with the electronic ☑; 李燚's "
                                "are printed ☑ and agree.")
    trap("马克思主义学院", None, f"[{PEM}] A4 vocabulary 带班党员标兵/优秀带班党员, 正式党员/预备党员, 完成, 无不良记录 (paper "
                                "and xlsx); 学号 in the xlsx are numbers shown as 2.01717E+11; 带班党员总数 written 5人; "
                                "公示时间 6月9日至6月13日 (five days).")
    trap("马克思主义学院", None, "[UNREADABLE_FILE, UNKNOWN_COLLEGE] 马院材料.zip has GBK member names without the UTF-8 "
                                "flag and the cases archive nested inside.")

    trap("食品与制药工程学院", "胡晓晗", "[CRITERIA_NOT_MET] 胡晓晗 is 标兵 with 校三等奖学金 as her only award "
                                    "(三等奖学金以上 includes 三等).")
    trap("食品与制药工程学院", "郭子瑾", "[SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH] 郭子瑾's A5: page 1 is a phone photo "
                                    "(IMG_4127.JPG), page 2 a 150 dpi JPEG at quality 45 with heavy speckle, sealed.")
    trap("食品与制药工程学院", "林淼淼", "[SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH] 林淼淼's A5 page 2 (with the seal) is a phone "
                                    "photo (IMG_4128.JPG) with a shadow across it; page 1 skewed 2.8°.")
    trap("食品与制药工程学院", "宋佳", f"[{PEM}] 宋佳: the electronic A4 has 宋 佳 (stray space); her paper A5 prints her "
                                   "phone as 136 xxxx xxxx with spaces where the electronic A5 has the 11 digits together.")
    trap("食品与制药工程学院", None, f"[{PEM}] A5s (electronic and paper) print 性别 男性/女性 and 学院 食品学院 (an alias).")
    trap("食品与制药工程学院", None, "[FORM_MISSING] only 5 of the 8 A5 forms were scanned; 高翀, 罗晟睿, 唐昊 have none on paper "
                                  "(they have electronic ones).")
    trap("食品与制药工程学院", None, "[PUBLICITY_TOO_SHORT] 公示时间 2020.6.11-2020.6.15: five days.")
    trap("食品与制药工程学院", None, "[FIELD_MISMATCH, HEADCOUNT_MISMATCH] electronic A4: columns reordered, an extra QQ column, "
                                  "title typed 食品与制药工程学院学生带班党员考核情况汇总表（最终版）.")
    trap("食品与制药工程学院", None, "[SEAL_MISSING] each A5 is split over two image files, page 1 unsealed and page 2 "
                                  "sealed; the names do not always sort together (宋佳: 扫描件_9.jpg and 扫描件_10.jpg; 郭子瑾: "
                                  "IMG_4127.JPG and 扫描件_5.jpg; 林淼淼: 扫描件_8.jpg and IMG_4128.JPG).")
    trap("食品与制药工程学院", None, "[SEAL_MISSING] 胡晓晗's A5 page 1 is a grey 300 dpi scan (no seal needed on page 1); "
                                  "何俊's page 2 has a dark band along the bottom edge.")

    trap("教育科学学院", None, "[SEAL_MISSING] 教科院纸质材料/汇总表.pdf: the seal over 学院（盖章） is faint (weak ink) but "
                              "present and legible as a seal.")
    trap("教育科学学院", None, "[SEAL_MISSING] 审批表.pdf is a grey scan: the six seals on the A5 pages 2 are grey.")
    trap("教育科学学院", None, "[SEAL_MISSING, PAPER_ELECTRONIC_MISMATCH] 教科院纸质材料/新聘汇总表.pdf: the A2 page is "
                              "turned 90° (scanned sideways), sealed.")
    trap("教育科学学院", None, f"[{PEM}] A5: 申报等级, 所带班级违纪人数 and 带班征文 are on page 2 (the table runs over both "
                              "pages); labels spaced 姓　　名.")
    trap("教育科学学院", None, "[PUBLICITY_TOO_SHORT] 公示时间 2020年6月8日至12日: five days.")
    trap("教育科学学院", None, "[CASE_QUOTA, MODEL_QUOTA_EXCEEDED] 2 cases and 1 标兵: the same with the stated 6 "
                              "(2.4 → 2, 0.9 → 1) as with the 5 rows (2.0 → 2, 0.75 → 1).")
    trap("教育科学学院", None, "[UNKNOWN_COLLEGE] the e-mail's attachments have generic names (考核汇总表.xlsx, 审批表.zip, "
                              "获奖统计.xlsx …); the subject says 【教科院】 and the forms say 教育科学学院.")
    return D, T


# ============================================================================================ main
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2020,
                    help="noise seed (default 2020, the published corpus); people, defects and traps are the same for every seed")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    t0 = time.time()
    P.SEED = a.seed
    out = Path(a.out)
    if out.exists():
        shutil.rmtree(out)
    inbox = out / "inbox"
    inbox.mkdir(parents=True)
    files: dict = {}
    for col in COLLEGES:
        col["stated"] = len(col["mentors"])
        electronic(col, inbox, files)

    jobs, outputs = [], []
    for col in COLLEGES:
        j, f = paper_plan(col)
        for job in j:
            job["seed"] = a.seed
        jobs += j
        outputs += [(path, keys, fmt, col["name"]) for path, keys, fmt in f]
    results = render_all(jobs, a.workers)
    scans = {}
    n_pages = 0
    for path, keys, fmt, college in outputs:
        p = inbox / path
        p.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "pdf":
            pages = []
            for k in keys:
                blob, info = results[k]
                pages.append((blob, info["w"], info["h"], info["dpi"], info["mode"]))
            p.write_bytes(P.image_pdf(pages))
        else:
            assert len(keys) == 1
            p.write_bytes(results[keys[0]][0])
        n_pages += len(keys)
        files[path] = college
        scans[path] = {"college": college, "pages": keys, "format": fmt}

    defects, traps = truth_doc()
    names = [c["name"] for c in COLLEGES]
    truth = {"corpus": "holdout_d", "seed": a.seed, "colleges": names,
             "clean_colleges": [c["name"] for c in COLLEGES if c["clean"]], "defects": defects, "traps": traps}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    manifest = {"files": dict(sorted(files.items())), "scanned_pages": n_pages, "scans": scans,
                "styles": {c["name"]: {"electronic": STYLE[c["name"]], "a5_layout": A5_LAYOUT[c["name"]]} for c in COLLEGES}}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"corpus D: {len(files)} inbox files, {n_pages} scanned pages, {len(defects)} defects, {len(traps)} traps "
          f"→ {out} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
