"""Shared machinery of the corpus: the college context, people factories, inbox writing, truth."""
from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import docxforms, images, pack, scan, xlsxforms
from .model import Award, Case, Mentor, NewMentor
from .text import CAPTIONS, DEEDS, TITLES, NamePool, id_card, phone

CST = dt.timezone(dt.timedelta(hours=8))


def award(kind: str, college: str) -> Award:
    if kind == "三好":
        return Award("2018—2019学年度校级三好学生", "校级", "2019年10月", "肇庆学院", "三好学生")
    if kind in ("一等", "二等", "三等"):
        return Award(f"2018—2019学年度{kind}奖学金", "校级", "2019年11月", "肇庆学院", f"{kind}奖学金")
    if kind == "国奖":
        return Award("2018—2019学年度国家奖学金", "国家级", "2019年11月", "教育部", "国家奖学金")
    if kind == "团员":
        return Award("2019年度院级优秀共青团员", "院级", "2019年5月", f"共青团肇庆学院{college}委员会", "优秀团员")
    if kind == "干部":
        return Award("2018—2019学年度校级优秀学生干部", "校级", "2019年10月", "肇庆学院", "优秀学生干部")
    if kind == "志愿者":
        return Award("2019年肇庆市优秀志愿者", "市级", "2019年12月", "共青团肇庆市委员会", "优秀志愿者")
    raise ValueError(kind)


QUALIFYING_KINDS = ["三好", "一等", "二等", "三等", "国奖"]
OTHER_KINDS = ["团员", "干部", "志愿者"]


@dataclass
class PaperDoc:
    key: str
    src: Path  # .docx/.xlsx printed with LibreOffice
    seal: scan.Seal | None
    pdf: Path | None = None


@dataclass
class ScanJob:
    out: str  # path relative to the inbox
    fmt: str  # pdf | jpg
    parts: list  # [(paper key, page list or None)]
    opts: scan.ScanOpts
    college: str
    when: dt.datetime


class Corpus:
    def __init__(self, out: Path, seed: int, reduced: bool):
        self.out = Path(out)
        self.inbox = self.out / "inbox"
        self.stage = self.out / ".stage"
        self.seed = seed
        self.reduced = reduced
        self.names = NamePool(random.Random(seed * 7919 + 1))
        self.colleges: list[str] = []
        self.clean: list[str] = []
        self.defects: list[dict] = []
        self.traps: list[dict] = []
        self.manifest: dict[str, str] = {}
        self.mtimes: dict[str, dt.datetime] = {}
        self.paper: dict[str, PaperDoc] = {}
        self.scans: list[ScanJob] = []
        self.conversions: list[tuple[Path, str]] = []
        self.after_convert: list = []
        self.styles: dict[str, list[str]] = {}
        self.pages = 0

    # -- truth -------------------------------------------------------------
    def defect(self, code, college, note, person: Mentor | NewMentor | None = None, also=(), name=None, sid=None):
        self.defects.append({"id": f"d{len(self.defects) + 1:02d}", "code": code, "college": college,
                             "name": person.name if person else name, "student_id": person.sid if person else sid,
                             "also": list(also), "note": note})

    def trap(self, college, note, codes=(), person=None, name=None):
        tag = f"[{','.join(codes)}] " if codes else ""
        self.traps.append({"id": f"t{len(self.traps) + 1:02d}", "college": college,
                           "name": person.name if person else name, "note": tag + note})

    # -- inbox -------------------------------------------------------------
    def put(self, rel: str, data: bytes, college: str, when: dt.datetime):
        p = self.inbox / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        self.manifest[rel] = college
        self.mtimes[rel] = when

    def finish(self):
        for rel, when in self.mtimes.items():
            pack.set_mtime(self.inbox / rel, when)

    # -- conversions and scans --------------------------------------------
    def convert(self, src: Path, fmt: str) -> Path:
        self.conversions.append((src, fmt))
        return src.parent / "converted" / (src.stem + "." + fmt)

    def run_conversions(self):
        by = {}
        for src, fmt in self.conversions:
            by.setdefault((src.parent, fmt), []).append(src)
        for (parent, fmt), files in by.items():
            scan.soffice_convert(files, parent / "converted", fmt)
        for fn in self.after_convert:
            fn()

    def add_paper(self, key: str, src: Path, seal: scan.Seal | None):
        self.paper[key] = PaperDoc(key, src, seal)

    def add_scan(self, out: str, fmt: str, parts: list, opts: scan.ScanOpts, college: str, when: dt.datetime):
        self.scans.append(ScanJob(out, fmt, parts, opts, college, when))

    def run_scans(self):
        used = {k for job in self.scans for k, _ in job.parts}
        docs = [self.paper[k] for k in self.paper if k in used]
        pdfdir = self.stage / "paper-pdf"
        by_parent: dict[Path, list[Path]] = {}
        for d in docs:
            by_parent.setdefault(d.src.parent, []).append(d.src)
        # one LibreOffice start for all of them (same parent dir)
        scan.soffice_convert([d.src for d in docs], pdfdir, "pdf")
        for d in docs:
            d.pdf = pdfdir / (d.src.stem + ".pdf")
        for j, job in enumerate(self.scans):
            rng = np.random.default_rng(self.seed * 104729 + zlib.crc32(job.out.encode()))
            pages = []
            for key, sel in job.parts:
                doc = self.paper[key]
                pages += scan.scan_document(doc.pdf, doc.seal, job.opts, rng, sel, start=len(pages))
            self.pages += len(pages)
            tmp = self.stage / "scan-out" / job.out
            outs = scan.write_pages(tmp, pages, job.fmt)
            for o in outs:
                rel = str(Path(job.out).parent / o.name) if str(Path(job.out).parent) != "." else o.name
                self.put(rel, o.read_bytes(), job.college, job.when)

    def cleanup(self):
        shutil.rmtree(self.stage, ignore_errors=True)


class College:
    def __init__(self, corpus: Corpus, official: str, short: str, code: str, majors: list[str]):
        self.c = corpus
        self.official = official
        self.short = short
        self.code = code
        self.majors = majors
        self.rng = random.Random(corpus.seed * 1_000_003 + zlib.crc32(official.encode()))
        self.nrng = np.random.default_rng(corpus.seed * 31 + zlib.crc32(official.encode()))
        self.stage = corpus.stage / official
        self.stage.mkdir(parents=True, exist_ok=True)
        (self.stage / "paper").mkdir(exist_ok=True)
        self.seq: dict = {}
        corpus.colleges.append(official)
        self.img_seed = zlib.crc32(official.encode()) % 100000 + corpus.seed * 100000
        self.titles = list(TITLES)
        self.rng.shuffle(self.titles)

    # -- people ------------------------------------------------------------
    def _sid(self, year: int, mi: int, cls: int) -> str:
        key = (year, mi, cls)
        self.seq[key] = self.seq.get(key, self.rng.randint(1, 6)) + self.rng.randint(1, 4)
        return f"{year}{self.code}{mi + 1:02d}{cls:02d}{self.seq[key]:02d}"

    def mentors(self, n: int, n_model: int, n_exc: int, rare: int = 0, year2018: float = 0.3) -> list[Mentor]:
        rng = self.rng
        led = [f"19{mj}{k}班" for k in (1, 2) for mj in self.majors]
        levels = ["标兵"] * n_model + ["优秀"] * n_exc + ["合格"] * (n - n_model - n_exc)
        order = list(range(n))
        rng.shuffle(order)
        lv = [None] * n
        for k, i in enumerate(order):
            lv[i] = levels[k]
        rare_set = set(rng.sample(range(n), min(rare, n)))
        out = []
        for i in range(n):
            year = 2018 if rng.random() < year2018 else 2017
            mi = (i // 2) % len(self.majors)
            cls = rng.randint(1, 2)
            sid = self._sid(year, mi, cls)
            m = Mentor(name=self.c.names.new(rare=i in rare_set), sex=rng.choice("男女女"), sid=sid,
                       major_class=f"{year % 100}{self.majors[mi]}{cls}班", led_class=led[(i // 2) % len(led)],
                       status="中共党员" if rng.random() < 0.7 else "中共预备党员", level=lv[i],
                       phone=phone(rng), id_card=id_card(rng, year), qq=str(rng.randint(100000000, 2999999999)),
                       deeds="".join(rng.sample(DEEDS, 3)))
            if m.level == "标兵":
                m.awards = [award(rng.choice(QUALIFYING_KINDS), self.official)]
                if rng.random() < 0.4:
                    m.awards.append(award(rng.choice(OTHER_KINDS), self.official))
            elif m.level == "优秀":
                if rng.random() < 0.5:
                    m.awards = [award(rng.choice(QUALIFYING_KINDS + OTHER_KINDS), self.official)]
            else:
                m.failed = rng.choice([0, 0, 0, 1, 2])
                m.violations = rng.choice([0, 0, 1, 2])
                m.essay = rng.random() < 0.8
                if rng.random() < 0.3:
                    m.awards = [award(rng.choice(OTHER_KINDS), self.official)]
            out.append(m)
        return out

    def new_mentors(self, per_class: list[int], statuses=None) -> list[NewMentor]:
        """per_class[i] mentors for the i-th 2020 freshman class."""
        rng = self.rng
        classes = [f"20{mj}{k}班" for mj in self.majors for k in (1, 2)]
        out = []
        for ci, k in enumerate(per_class):
            fresh = classes[ci % len(classes)]
            mi = self.majors.index(fresh[2:-2]) if fresh[2:-2] in self.majors else 0
            for _ in range(k):
                cls = rng.randint(1, 2)
                st = rng.choice(statuses or ["中共预备党员", "中共预备党员", "入党发展对象", "入党积极分子", "中共党员"])
                out.append(NewMentor(name=self.c.names.new(), sex=rng.choice("男女"), sid=self._sid(2018, mi, cls),
                                     grade="2018级", major_class=f"18{self.majors[mi]}{cls}班", status=st,
                                     fresh_class=fresh, phone=phone(rng)))
        return out

    @staticmethod
    def continuing(m: Mentor, fresh_class: str) -> NewMentor:
        return NewMentor(name=m.name, sex=m.sex, sid=m.sid, grade=f"{m.year}级", major_class=m.major_class,
                         status=m.status, fresh_class=fresh_class, phone=m.phone, note="连任")

    # -- cases -------------------------------------------------------------
    def case(self, author: Mentor, count: int | None = None, n_pictures: int | None = None, **kw) -> Case:
        title = self.titles.pop()
        return Case(author=author, title=title, count=count or self.rng.randint(900, 1350),
                    n_pictures=n_pictures or self.rng.choice([3, 4, 4, 5]), **kw)

    def case_files(self, case: Case, idx: int, st: dict, naming: str) -> list[tuple[str, bytes]]:
        """Write one case; returns archive members (name, bytes)."""
        m = case.author
        seed = self.img_seed + idx * 101
        caps = self.rng.sample(CAPTIONS, case.n_pictures) if case.n_pictures <= len(CAPTIONS) else CAPTIONS[:case.n_pictures]
        pics = [images.photo_jpeg(seed + k, label=caps[k][:4]) for k in range(case.n_pictures)]
        life = None
        lp = case.life_photo
        if lp in ("file", "embedded_big", "embedded+file"):
            life = images.life_photo(seed + 77, 1_100_000 + self.rng.randint(0, 600_000))
        elif lp == "file_exact":
            life = images.exact_size_photo(seed + 77, 1_048_576)
        elif lp == "file_small":
            life = images.small_photo(seed + 77, 480_000)
        elif lp == "embedded_small+file":
            life = images.life_photo(seed + 77, 1_200_000)
        embedded_life = life
        if lp == "embedded_small+file":
            from PIL import Image
            im = Image.open(io.BytesIO(life))
            im.thumbnail((480, 640))
            b = io.BytesIO()
            im.save(b, "JPEG", quality=80)
            embedded_life = b.getvalue()
        logo = images.logo_png(seed) if case.header_logo else None
        path = self.stage / f"case{idx}.docx"
        docxforms.write_case(path, case, self.official, st, pics, caps, embedded_life, logo, self.rng)
        pack.normalize_ooxml(path)
        doc = path.read_bytes()
        name = m.name
        if naming == "per_person":
            folder = f"{idx + 1:02d}-{name}/"
            docname = f"{case.title}.docx"
        elif naming == "folder_only":
            folder, docname = f"{name}/", "案例.docx"
        elif naming == "flat":
            folder, docname = "", f"{name}-案例.docx"
        elif naming == "case_named":
            folder, docname = "", f"案例-{name}-{case.title}.docx"
        else:
            raise ValueError(naming)
        members = [(folder + docname, doc)]
        if case.pictures_as_files or case.pictures_also_files:
            for k, p in enumerate(pics):
                pn = f"图{k + 1}.jpg" if folder else f"{name}-图{k + 1}.jpg"
                members.append((folder + pn, p))
        if lp in ("file", "file_exact", "file_small", "embedded+file", "embedded_small+file"):
            ln = "生活照.jpg" if naming == "folder_only" else f"{name}生活照.jpg"
            members.append((folder + ln, life))
        return members

    # -- forms -------------------------------------------------------------
    def xlsx(self, fname: str, writer, *args, **kw) -> Path:
        p = self.stage / fname
        writer(p, *args, **kw)
        pack.normalize_ooxml(p)
        return p

    def a5(self, m: Mentor, st: dict, fname: str | None = None, overrides=None, paper=False) -> Path:
        d = self.stage / ("paper" if paper else "a5")
        d.mkdir(exist_ok=True)
        p = d / (fname or f"A5-{m.sid}.docx")
        docxforms.write_a5(p, m, self.official, st, overrides=overrides)
        pack.normalize_ooxml(p)
        return p

    def summary(self, long: bool, signer: str | None = None, fname: str = "summary.docx") -> Path:
        p = self.stage / fname
        docxforms.write_summary(p, self.official, long, signer or f"中共肇庆学院{self.official}委员会")
        pack.normalize_ooxml(p)
        return p

    def paper_copy(self, key: str, src: Path, seal: scan.Seal | None) -> str:
        """Register a printed copy (a copy of src in the paper dir, so the PDF name is unique)."""
        dst = self.stage / "paper" / f"{self.code}-{key}{src.suffix}"
        if src != dst:
            shutil.copyfile(src, dst)
        k = f"{self.official}:{key}"
        self.c.add_paper(k, dst, seal)
        return k

    def seal(self, **kw) -> scan.Seal:
        ring = kw.pop("ring", f"肇庆学院{self.official}委员会")
        return scan.Seal(ring=ring, **kw)

    def style(self, text: str):
        self.c.styles.setdefault(self.official, []).append(text)


def when(y, mo, d, h=10, mi=0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=CST)


__all__ = ["Corpus", "College", "award", "when", "xlsxforms", "docxforms", "scan", "pack", "images"]
