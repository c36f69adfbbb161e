"""Seal finder on real scanned and photographed pages: presence precision/recall, ring text.

    .venv/bin/python bench/real_seal_bench.py IMAGE_DIR [--manifest bench/real_seals/manifest.csv]
                                              [--no-ocr] [--engine rapid|tesseract] [--licensed] [--verbose]

The images are other projects' files and stay outside the repository (the manifest says where
each came from, its licence and the truth marked by eye); IMAGE_DIR holds them under the names
in the manifest's ``file`` column. Without IMAGE_DIR the bench says so and exits 0.

Each row is read the way paperdesk reads a scan: ``extractors.scan.pages.load_pages`` (an image's
dpi estimated as if it were an A4 page, unless its header says otherwise; a PDF page's dpi from
its size), then ``find_seal(page.image, page.dpi, channels="rgb")`` and, for a found seal,
``read_ring_text`` with the scan's OCR engine. A row with ``derive`` is made from its file first
(grey scan with a coloured annotation, crop, lower resolution: see :func:`derive`), written as a
PNG and loaded like any other image.

Truth (``seal``): ``round`` a round seal is on the page, ``none`` no seal at all, ``other`` only a
seal of another shape (oval invoice seal, square name seal): reported apart, not in precision or
recall. A found seal counts as right when its centre lies within half a radius of the truth's
(``cx, cy, r`` as fractions of the page's width/height/width, checked by eye on an overlay; a
page with several round seals lists each, joined by ``|``); a seal reported elsewhere on a page
is a false positive and, when the page has a seal, a miss too.

Ring text: ``readable = yes`` rows carry the ring text a person reads on the seal. **exact**: the
OCR'd ring text (squashed: no spaces or punctuation) equals it; **named**: ``checks.seals.named_college`` with a
campaign whose "colleges" are every organisation named in the manifest names the right one
(what paperdesk does with the campaign's colleges).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.scan.pages import load_pages  # noqa: E402
from checks.seals import named_college  # noqa: E402
from extractors.scan.seal import find_seal, read_ring_text  # noqa: E402
from paperdesk import textnorm  # noqa: E402

MANIFEST = Path(__file__).resolve().parent / "real_seals" / "manifest.csv"


@dataclass
class Row:
    id: str
    file: str
    page: int
    kind: str
    seal: str
    ring_text: str
    readable: str
    truth: list[tuple[float, float, float]] | None  # seals (cx, cy, r as fractions of w, h, w)
    derive: str
    licence: str


def read_manifest(path: Path) -> list[Row]:
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            truth = None
            if r["cx"] and r["cy"] and r["r"]:  # several round seals: values joined by "|"
                truth = [(float(x), float(y), float(q))
                         for x, y, q in zip(r["cx"].split("|"), r["cy"].split("|"), r["r"].split("|"))]
            rows.append(Row(r["id"], r["file"], int(r["page"] or 0), r["kind"], r["seal"], r["ring_text"],
                            r["readable"], truth, r["derive"], r["licence"]))
    return rows


# ---------------------------------------------------------------- derived images


def derive(rgb: np.ndarray, spec: str, truth, seed: int = 0):
    """Apply ``spec`` (steps joined by ``;``) to an RGB page; returns (image, truth moved along).

    ``grey``: a grey scan (one channel copied thrice). ``mark=blue|yellow|green|red``: a thin pen
    line or a highlighter stroke across the page, and a pen box, away from the seal.
    ``crop=x0,y0,x1,y1``: fractions of the page. ``scale=f``: resize by f (a coarser scan).
    ``jpeg=q``: re-encode at quality q.
    """
    img = rgb.copy()
    for step in filter(None, (s.strip() for s in spec.split(";"))):
        name, _, arg = step.partition("=")
        h, w = img.shape[:2]
        if name == "grey":
            g = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
            img = np.dstack([g, g, g])
        elif name == "mark":
            img = _mark(img, arg, truth, seed)
        elif name == "crop":
            x0, y0, x1, y1 = (float(v) for v in arg.split(","))
            px0, py0, px1, py1 = int(x0 * w), int(y0 * h), int(x1 * w), int(y1 * h)
            img = np.ascontiguousarray(img[py0:py1, px0:px1])
            if truth is not None:
                nw, nh = px1 - px0, py1 - py0
                truth = [((x * w - px0) / nw, (y * h - py0) / nh, q * w / nw) for x, y, q in truth]
        elif name == "scale":
            f = float(arg)
            img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        elif name == "jpeg":
            ok, buf = cv2.imencode(".jpg", img[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(arg)])
            img = cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1].copy()
        else:
            raise ValueError(f"unknown derive step {step!r}")
    return img, truth


_MARK_RGB = {"blue": (30, 60, 200), "green": (40, 160, 60), "yellow": (250, 235, 60), "red": (210, 40, 40)}


def _mark(img: np.ndarray, colour: str, truth, seed: int) -> np.ndarray:
    """A coloured annotation: a thin pen stroke across the page and a pen box in a corner, or a
    translucent highlighter stroke (yellow), drawn away from the seal's disk."""
    h, w = img.shape[:2]
    rgb = _MARK_RGB[colour]
    out = img.copy()
    t = max(1, round(min(h, w) / 600))
    avoid_y = truth[0][1] * h if truth else -1e9
    avoid_r = truth[0][2] * w * 1.3 if truth else 0
    y = int(h * 0.3) if abs(h * 0.3 - avoid_y) > avoid_r else int(h * 0.15)
    if colour == "yellow":  # highlighter: wide, translucent, multiplied onto the text
        band = out[max(0, y - 6 * t): y + 6 * t, int(w * 0.1): int(w * 0.8)].astype(np.float32)
        band *= np.array(rgb, np.float32) / 255.0
        out[max(0, y - 6 * t): y + 6 * t, int(w * 0.1): int(w * 0.8)] = band.astype(np.uint8)
    else:
        cv2.line(out, (int(w * 0.08), y), (int(w * 0.85), y + int(h * 0.01)), rgb, t, cv2.LINE_AA)
        cv2.rectangle(out, (int(w * 0.05), int(h * 0.05)), (int(w * 0.3), int(h * 0.1)), rgb, t, cv2.LINE_AA)
    return out


# ---------------------------------------------------------------- one row


def load_row(row: Row, folder: Path, tmp: Path):
    """(page image RGB, dpi, truth) as paperdesk would load it."""
    path = folder / row.file
    kind = "pdf" if path.suffix.lower() == ".pdf" else "image"
    pages = load_pages(path, kind)
    page = pages[row.page]
    image, dpi, truth = page.image, page.dpi, row.truth
    if row.derive:
        image, truth = derive(image, row.derive, truth)
        out = tmp / f"{row.id}.png"
        cv2.imwrite(str(out), image[:, :, ::-1])
        page = load_pages(out, "image")[0]
        image, dpi = page.image, page.dpi
    return image, dpi, truth


def campaign_of(rows: list[Row]):
    """A stand-in campaign whose colleges are the organisations the readable seals name."""
    names = sorted({r.ring_text for r in rows if r.readable == "yes" and r.ring_text})
    return SimpleNamespace(school="", colleges=[SimpleNamespace(name=n, aliases=()) for n in names])


def run(rows: list[Row], folder: Path, engine, verbose: bool) -> dict:
    campaign = campaign_of(rows)
    out = []
    with tempfile.TemporaryDirectory() as tmpdir:
        for row in rows:
            if not (folder / row.file).exists():
                print(f"  missing: {row.file} (row {row.id}) — skipped")
                continue
            image, dpi, truth = load_row(row, folder, Path(tmpdir))
            start = time.perf_counter()
            found = find_seal(image, dpi, channels="rgb")
            secs = time.perf_counter() - start
            at_truth = None
            if found.present and truth is not None:
                h, w = image.shape[:2]
                at_truth = any(np.hypot(found.centre[0] - x * w, found.centre[1] - y * h) <= 0.5 * q * w
                               for x, y, q in truth)
            text = college = ""
            if found.present and engine is not None and row.seal == "round":
                text = textnorm.squash(read_ring_text(image, found, engine, channels="rgb"))
                college = named_college(text, campaign) or ""
            res = dict(row=row, found=found, secs=secs, at_truth=at_truth, text=text, college=college,
                       size=image.shape[:2], dpi=dpi)
            out.append(res)
            if verbose:
                mark = _verdict(res)
                c = "" if found.centre is None else \
                    f"({found.centre[0]:.0f},{found.centre[1]:.0f}) r={found.radius:.0f}"
                print(f"{mark:4s} {row.id:28s} {row.seal:5s} {image.shape[1]}x{image.shape[0]} dpi={dpi:.0f} "
                      f"present={found.present} conf={found.confidence:.3f} {found.method} {c} {secs:.2f}s"
                      + (f"  ring={text!r} → {college or '—'}" if text or college else ""))
    return summarise(out, engine is not None)


def _verdict(res: dict) -> str:
    row, found = res["row"], res["found"]
    if row.seal == "other":
        return "oth+" if found.present else "oth-"
    if row.seal == "none":
        return "FP" if found.present else "TN"
    if not found.present:
        return "FN"
    return "TP" if res["at_truth"] in (True, None) else "FP+FN"


def summarise(out: list[dict], ocr: bool) -> dict:
    verdicts = [_verdict(r) for r in out]
    tp = verdicts.count("TP")
    fp = verdicts.count("FP") + verdicts.count("FP+FN")
    fn = verdicts.count("FN") + verdicts.count("FP+FN")
    readable = [r for r in out if r["row"].seal == "round" and r["row"].readable == "yes"]
    exact = sum(r["text"] == textnorm.squash(r["row"].ring_text) for r in readable)
    named = sum(r["college"] == r["row"].ring_text for r in readable)
    others = [r for r in out if r["row"].seal == "other"]
    by_kind: dict[str, list[int]] = {}
    for r, v in zip(out, verdicts):
        if r["row"].seal == "round":
            by_kind.setdefault(r["row"].kind, [0, 0])
            by_kind[r["row"].kind][0] += v == "TP"
            by_kind[r["row"].kind][1] += 1
    return dict(rows=len(out), tp=tp, fp=fp, fn=fn,
                precision=tp / (tp + fp) if tp + fp else 1.0,
                recall=tp / (tp + fn) if tp + fn else 1.0,
                negatives=sum(r["row"].seal == "none" for r in out),
                positives=sum(r["row"].seal == "round" for r in out),
                other=len(others), other_found=sum(r["found"].present for r in others),
                readable=len(readable), exact=exact if ocr else None, named=named if ocr else None,
                by_kind=by_kind, secs=[r["secs"] for r in out],
                misses=[r["row"].id for r, v in zip(out, verdicts) if v in ("FN", "FP+FN")],
                false=[r["row"].id for r, v in zip(out, verdicts) if v in ("FP", "FP+FN")])


def report(s: dict) -> str:
    lines = [f"rows {s['rows']}: {s['positives']} with a round seal, {s['negatives']} without a seal, "
             f"{s['other']} with only another shape of seal",
             "",
             "| presence | TP | FP | FN | precision | recall |",
             "|---|---|---|---|---|---|",
             f"| round seals | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.3f} | {s['recall']:.3f} |",
             "",
             "Recall by kind: " + " · ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(s["by_kind"].items())),
             f"Other-shaped seals reported present: {s['other_found']}/{s['other']}",
             f"find_seal s/image: mean {np.mean(s['secs']):.3f}, max {max(s['secs']):.3f}"]
    if s["exact"] is not None:
        n = max(1, s["readable"])
        lines.append(f"Ring text on {s['readable']} readable seals: exact {s['exact']}/{s['readable']} "
                     f"({s['exact'] / n:.2f}), organisation named {s['named']}/{s['readable']} ({s['named'] / n:.2f})")
    if s["misses"]:
        lines.append("Missed: " + ", ".join(s["misses"]))
    if s["false"]:
        lines.append("False seals: " + ", ".join(s["false"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", help="folder holding the manifest's images")
    ap.add_argument("--manifest", type=Path, default=MANIFEST)
    ap.add_argument("--no-ocr", action="store_true", help="presence only (no ring text)")
    ap.add_argument("--engine", default=None, help="OCR engine for the ring text (default: paperdesk's)")
    ap.add_argument("--only", default="", help="comma-separated row ids")
    ap.add_argument("--licensed", action="store_true", help="only images whose source states a licence")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not args.folder or not Path(args.folder).is_dir():
        print(f"real seal bench skipped: image folder {args.folder or '(none given)'} is not there. "
              "The images are not in the repository; bench/real_seals/manifest.csv says where each "
              "came from (repository, path, commit, licence).")
        return 0
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    rows = read_manifest(args.manifest)
    if args.only:
        keep = set(args.only.split(","))
        rows = [r for r in rows if r.id in keep]
    if args.licensed:
        rows = [r for r in rows if r.licence != "none stated"]
    engine = None
    if not args.no_ocr:
        from extractors.scan.ocr import default_name, get_engine
        engine = get_engine(args.engine or default_name())
    start = time.perf_counter()
    s = run(rows, Path(args.folder), engine, args.verbose)
    print(f"# real seal bench: {args.manifest.name}, {s['rows']} rows, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, wall {time.perf_counter() - start:.0f} s\n")
    print(report(s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
