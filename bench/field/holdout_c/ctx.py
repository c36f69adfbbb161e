"""Shared state of one generation run: staging folders, deferred LibreOffice work, truth, manifest."""
from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import images
import scans
from textgen import case_sections


class Ctx:
    def __init__(self, out: Path, seed: int):
        self.out = out
        self.seed = seed
        self.inbox = out / "inbox"
        self.work = out / "_work"
        self.stage = self.work / "stage"
        self.printdir = self.work / "print"
        self.convdir = self.work / "conv"
        for d in (self.inbox, self.stage, self.printdir, self.convdir):
            d.mkdir(parents=True, exist_ok=True)
        self.to_doc: list[Path] = []
        self.to_xls: list[Path] = []
        self.to_pdf: dict[str, Path] = {}
        self.after_print: list = []     # callables run once PDFs and legacy files exist
        self.after_scan: list = []      # packaging, run last
        self.defects: list[dict] = []
        self.traps: list[dict] = []
        self.files: dict[str, str] = {}
        self.styles: dict[str, str] = {}
        self.scanned_pages = 0
        self.colleges: list[str] = []
        self.clean: list[str] = []

    def rng(self, key: str) -> random.Random:
        h = hashlib.sha256(f"{self.seed}:{key}".encode()).hexdigest()
        return random.Random(int(h[:16], 16))

    # -- deferred LibreOffice work
    def legacy_doc(self, src: Path) -> None:
        self.to_doc.append(src)

    def legacy_xls(self, src: Path) -> None:
        self.to_xls.append(src)

    def doc_of(self, src: Path) -> Path:
        return self.convdir / "doc" / (src.stem + ".doc")

    def xls_of(self, src: Path) -> Path:
        return self.convdir / "xls" / (src.stem + ".xls")

    def print_(self, key: str, src: Path) -> None:
        """Ask for a PDF print of src (an office file); available as self.pdf(key) after printing."""
        dst = self.printdir / f"{key}{src.suffix}"
        shutil.copyfile(src, dst)
        self.to_pdf[key] = dst

    def pdf(self, key: str) -> Path:
        return self.printdir / f"{key}.pdf"

    def run_office(self) -> None:
        scans.lo_convert(self.to_doc, "doc", self.convdir / "doc")
        scans.lo_convert(self.to_xls, "xls", self.convdir / "xls")
        scans.lo_convert(list(self.to_pdf.values()), "pdf", self.printdir)

    # -- inbox
    def put(self, rel: str, data: bytes, college: str) -> Path:
        p = self.inbox / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        self.files[rel] = college
        return p

    def put_file(self, rel: str, src: Path, college: str) -> Path:
        return self.put(rel, Path(src).read_bytes(), college)

    # -- truth
    def defect(self, code: str, college: str, note: str, name: str | None = None,
               sid: str | None = None, also: list[str] | None = None) -> None:
        self.defects.append({"id": f"d{len(self.defects) + 1:02d}", "code": code, "college": college,
                             "name": name, "student_id": sid, "also": also or [], "note": note})

    def trap(self, college: str, codes: list[str], note: str, name: str | None = None) -> None:
        self.traps.append({"id": f"t{len(self.traps) + 1:02d}", "college": college, "name": name,
                           "note": f"[{','.join(codes)}] {note}"})


CAPTION_TOPICS = ["新生见面会", "主题班会", "宿舍走访", "学习分享会", "志愿服务", "红色教育基地参观",
                  "班级团日活动", "考前辅导", "班级运动会", "读书分享会", "心理健康讲座", "社区防疫志愿服务",
                  "朋辈交流会", "班委培训", "入党知识讲座", "迎新晚会排练"]


def case_pictures(rng: random.Random, n: int, style: str = "图{n}　{t}") -> list[tuple[bytes, str]]:
    topics = rng.sample(CAPTION_TOPICS, n)
    out = []
    for i, t in enumerate(topics, 1):
        im = images.scene(rng, t, w=rng.choice([800, 900, 960]), h=rng.choice([560, 600, 640]))
        out.append((images.jpeg_bytes(im, rng.randint(78, 88)), style.format(n=i, t=t, cn="一二三四五六"[i - 1])))
    return out


def sections(rng: random.Random, target: int, latin: bool = False):
    return case_sections(rng, target, latin=latin)
