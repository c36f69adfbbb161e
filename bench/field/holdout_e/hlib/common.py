"""Shared helpers: deterministic randomness, the SPEC's character count, OOXML/PDF normalisation,
LibreOffice conversion, file times."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

FIXED_ZIP_TIME = (2020, 6, 18, 9, 30, 0)


class Rng:
    """A seeded random source; every consumer derives its own stream from a label so that adding
    a file does not shift the randomness of the others."""

    def __init__(self, seed: int, label: str = ""):
        h = 1469598103934665603
        for b in f"{seed}:{label}".encode("utf-8"):
            h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
        self.np = np.random.default_rng(h)
        self.seed = seed
        self.label = label

    def sub(self, label: str) -> "Rng":
        return Rng(self.seed, self.label + "/" + label)

    def rand(self) -> float:
        return float(self.np.random())

    def uniform(self, a, b) -> float:
        return float(self.np.uniform(a, b))

    def randint(self, a, b) -> int:  # inclusive
        return int(self.np.integers(a, b + 1))

    def choice(self, seq):
        return seq[int(self.np.integers(0, len(seq)))]

    def shuffle(self, seq):
        seq = list(seq)
        idx = self.np.permutation(len(seq))
        return [seq[i] for i in idx]

    def sample(self, seq, k):
        return self.shuffle(seq)[:k]


# ---------------------------------------------------------------- SPEC §5 CASE_TOO_LONG count
def spec_count(text: str) -> int:
    """Each CJK character or full-width mark counts 1, each run of Latin letters or digits counts 1,
    whitespace 0 (SPEC §5).  Other ASCII punctuation is avoided in boundary texts."""
    n = 0
    run = False
    for ch in text:
        if ch.isspace() or ch == "\u3000":
            run = False
            continue
        if ch.isascii() and ch.isalnum():
            if not run:
                n += 1
                run = True
            continue
        run = False
        n += 1
    return n


def cut_to(text: str, n: int) -> str:
    """The longest prefix of text whose spec_count is n (text must be long enough)."""
    out = []
    for ch in text:
        out.append(ch)
        if spec_count("".join(out)) > n:
            out.pop()
            break
    s = "".join(out)
    assert spec_count(s) == n, (spec_count(s), n)
    return s


# ---------------------------------------------------------------- OOXML / PDF normalisation
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalize_ooxml(path: Path, when: str = "2020-06-18T09:30:00Z", zip_time=FIXED_ZIP_TIME):
    """Rewrite a .docx/.xlsx with fixed member times and fixed core-property dates."""
    path = Path(path)
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = _CORE_DATE.sub(lambda m: m.group(1) + when.encode() + m.group(3), data)
            zi = zipfile.ZipInfo(name, date_time=zip_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    os.replace(tmp, path)


def normalize_pdf(path: Path):
    """Fix LibreOffice's creation dates and document ID in place (same lengths, xref stays valid)."""
    b = Path(path).read_bytes()
    b = re.sub(rb"\(D:\d{14}", b"(D:20200618093000", b)
    b = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + b"0123456789ABCDEF" * 2 + b">", b)
    b = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + b"0123456789ABCDEF" * 2, b)
    Path(path).write_bytes(b)


# ---------------------------------------------------------------- LibreOffice
class Office:
    """One private LibreOffice profile for the whole run; batch conversions."""

    def __init__(self, work: Path):
        self.work = Path(work)
        self.profile = Path(tempfile.mkdtemp(prefix="hxe-lo-"))

    def convert(self, files: list[Path], fmt: str, outdir: Path, filt: str | None = None) -> list[Path]:
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        if not files:
            return []
        target = f"{fmt}:{filt}" if filt else fmt
        cmd = ["soffice", f"-env:UserInstallation=file://{self.profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(outdir)] + [str(f) for f in files]
        for attempt in range(3):
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
            outs = [outdir / (Path(f).stem + "." + fmt) for f in files]
            if all(o.exists() for o in outs):
                return outs
            time.sleep(1)
        missing = [str(o) for o in outs if not o.exists()]
        raise RuntimeError(f"LibreOffice did not convert: {missing}")

    def close(self):
        shutil.rmtree(self.profile, ignore_errors=True)


def set_mtime(path: Path, stamp: str):
    """stamp 'YYYY-MM-DD HH:MM' in Asia/Shanghai."""
    t = _epoch(stamp)
    os.utime(path, (t, t))


def _epoch(stamp: str) -> float:
    import calendar
    st = time.strptime(stamp, "%Y-%m-%d %H:%M")
    return calendar.timegm(st) - 8 * 3600


def fw_digits(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)
