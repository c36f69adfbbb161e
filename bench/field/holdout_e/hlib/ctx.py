"""Run context: work folders, batched LibreOffice conversions, truth and manifest bookkeeping."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from .common import Office, Rng, normalize_ooxml, normalize_pdf, set_mtime
from .scan import Printer


class Ctx:
    def __init__(self, out: Path, seed: int, work: Path):
        self.out = Path(out)
        self.inbox = self.out / "inbox"
        self.work = Path(work)
        self.seed = seed
        self.rng = Rng(seed, "root")
        self.office = Office(self.work)
        self.printer = Printer(self.work / "render")
        self._conv: dict[tuple[str, str | None], list[Path]] = {}
        self._chain: dict[tuple[str, str | None], list[Path]] = {}
        self.defects: list[dict] = []
        self.traps: list[dict] = []
        self.files: dict[str, str] = {}
        self.styles: dict[str, str] = {}
        self.scanned_pages: dict[str, int] = {}
        self.mtimes: list[tuple[Path, str]] = []
        self.code_of: dict[str, str] = {}

    # ------------------------------------------------------------ work files
    def wpath(self, college_code: str, name: str) -> Path:
        d = self.work / "src" / college_code
        d.mkdir(parents=True, exist_ok=True)
        return d / name

    def want(self, src: Path, fmt: str, filt: str | None = None) -> Path:
        """Ask for src converted to fmt by LibreOffice (done in one batch per format).  A .docx is taken to the
        Word 97 .doc format through .odt: LibreOffice 7.4 drops the tables of a .docx converted to .doc directly."""
        if fmt == "doc" and src.suffix == ".docx":
            odt = self.want(src, "odt")
            self._chain.setdefault((fmt, filt), [])
            if odt not in self._chain[(fmt, filt)]:
                self._chain[(fmt, filt)].append(odt)
            return self._cdir(fmt, filt) / (src.stem + "." + fmt)
        key = (fmt, filt)
        self._conv.setdefault(key, [])
        if src not in self._conv[key]:
            self._conv[key].append(src)
        return self._cdir(fmt, filt) / (src.stem + "." + fmt)

    def _cdir(self, fmt, filt):
        return self.work / ("conv-" + fmt + "-" + (re.sub(r"\W", "", filt)[:12] if filt else "0"))

    def run_conversions(self):
        for (fmt, filt), files in list(self._conv.items()) + list(self._chain.items()):
            outdir = self._cdir(fmt, filt)
            stems = [f.stem for f in files]
            assert len(stems) == len(set(stems)), stems
            outs = self.office.convert(files, fmt, outdir, filt)
            for o in outs:
                if o.suffix in (".docx", ".xlsx"):
                    normalize_ooxml(o)
                elif o.suffix == ".pdf":
                    normalize_pdf(o)

    # ------------------------------------------------------------ inbox
    def put(self, rel: str, data: bytes | Path, college: str, stamp: str | None = None) -> Path:
        p = self.inbox / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            shutil.copyfile(data, p)
        else:
            p.write_bytes(data)
        self.files[rel] = college
        if stamp:
            self.mtimes.append((p, stamp))
        return p

    def claim(self, rel: str, college: str, stamp: str | None = None):
        self.files[rel] = college
        if stamp:
            self.mtimes.append((self.inbox / rel, stamp))

    def apply_mtimes(self):
        for p, st in self.mtimes:
            set_mtime(p, st)

    # ------------------------------------------------------------ truth
    def defect(self, code, college, note, name=None, sid=None, also=()):
        self.defects.append({"id": f"d{len(self.defects) + 1:02d}", "code": code, "college": college,
                             "name": name, "student_id": sid, "also": list(also), "note": note})

    def trap(self, college, codes, note, name=None):
        self.traps.append({"id": f"t{len(self.traps) + 1:02d}", "college": college, "name": name,
                           "note": f"[{', '.join(codes)}] {note}" if codes else note})

    def pages(self, college, n):
        self.scanned_pages[college] = self.scanned_pages.get(college, 0) + n

    def close(self):
        self.office.close()
