"""Scan reader benchmark on synthetic scans with known truth: field exact match and s/page per engine.

    .venv/bin/python bench/scan_bench.py [--n 2] [--engines rapid,tesseract] [--forms A5,A4]
                                         [--out docs/bench-scan.md]

Each case is a degradation of a rendered form (sampledata.synth): colour/grey, 150/200/300 dpi,
skew 0–3°, one page turned 90°, JPEG quality 50–90, a seal over the text, a faint seal, no seal,
red pen, a printed circle. ``--n`` pages per case and form (different people and colleges), each
written as a one-page scanned PDF (embedded JPEG, as scanners make) and read with
``read_scan(..., workers=1)`` on one core. A field counts as exact when the record's value equals
the truth after ``textnorm.clean`` (what the electronic extractors do too). ``silent`` counts
wrong fields NOT listed as uncertain (the failures that matter: a wrong value nobody is asked to
confirm); ``flagged`` the share of fields sent to staff. Time: wall seconds per page, and CPU
seconds per page (this process + its tesseract children), which the shared machine's load does
not inflate.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.scan.reader import read_scan  # noqa: E402
from paperdesk import textnorm  # noqa: E402
from paperdesk.campaign import load_campaign  # noqa: E402
from paperdesk.models import FormDoc, TableDoc  # noqa: E402
from sampledata.synth import SealSpec, degrade, render_form, sample_data, to_pdf  # noqa: E402

# name -> (dpi, degrade keyword arguments; "seal" is filled in per page)
CASES: dict[str, tuple[int, dict]] = {
    "colour 200 clean": (200, dict()),
    "colour 200 seal over text, skew 1°, JPEG 85": (200, dict(seal="over", skew_deg=1.0, jpeg_quality=85)),
    "colour 200 faint seal, skew -2°, JPEG 70": (200, dict(seal="faint", skew_deg=-2.0, jpeg_quality=70)),
    "colour 200 seal + red pen, skew 0.5°": (200, dict(seal="over", red_pen=True, skew_deg=0.5, jpeg_quality=80)),
    "colour 200 printed circle, no seal, skew 3°": (200, dict(printed_circle=True, skew_deg=3.0, jpeg_quality=75)),
    "colour 200 seal, JPEG 50": (200, dict(seal="over", skew_deg=-1.0, jpeg_quality=50)),
    "grey 200 seal, skew 1.5°, JPEG 80": (200, dict(colour=False, seal="over", skew_deg=1.5, jpeg_quality=80)),
    "grey 200 turned 90°, JPEG 60": (200, dict(colour=False, rotate=90, skew_deg=0.8, jpeg_quality=60)),
    "colour 150 seal, skew 2.5°, JPEG 60": (150, dict(seal="over", skew_deg=2.5, jpeg_quality=60)),
    "colour 300 seal, skew 0.5°, JPEG 90": (300, dict(seal="over", skew_deg=0.5, jpeg_quality=90)),
    "grey 200 noisy scan, skew 1°, JPEG 60": (200, dict(colour=False, seal="over", noise=0.06, skew_deg=1.0, jpeg_quality=60)),
    "phone-photo-like 200: tinted, washed out, soft, noisy, skew 2°, JPEG 60":
        (200, dict(seal="over", paper=(0.80, 0.90, 0.97), washout=0.25, blur=0.08, noise=0.04, skew_deg=2.0, jpeg_quality=60)),
    "colour 200 rare-character names, seal, skew 1°": (200, dict(seal="over", names="rare", skew_deg=1.0, jpeg_quality=80)),
}

# names with characters outside GB2312 (FIELD-VARIATIONS): some the recogniser has, some not (䶮)
RARE_NAMES = ["王䶮", "李堃", "张喆", "陈犇", "刘淼", "赵昇", "周𠇔", "吴镕", "郑珺", "孙玥"]


def _degrade_args(spec: dict, college: str) -> dict:
    args = dict(spec)
    args.pop("names", None)
    kind = args.pop("seal", None)
    if kind:
        args["seal"] = SealSpec(college, faint=kind == "faint")
    return args


def _truth(page) -> dict:
    return {(c.row, c.field): textnorm.clean(c.value) for c in page.cells}


def _got(record) -> dict:
    if isinstance(record, FormDoc):
        return {(None, k): v for k, v in record.fields.items()}
    if isinstance(record, TableDoc):
        got = {(None, k): v for k, v in record.header.items()}
        got.update({(r.row, k): v for r in record.rows for k, v in r.cells.items()})
        return got
    return {}


def _rare_names(data: dict, seed: int) -> dict:
    """The sample data with its names (姓名, 填表人) replaced by names with rare characters."""
    k = seed
    out = {}
    for key, value in data.items():
        if key in ("姓名", "填表人") and isinstance(value, str):
            out[key], k = RARE_NAMES[k % len(RARE_NAMES)], k + 1
        elif isinstance(value, list):
            rows = []
            for row in value:
                if isinstance(row, dict) and "姓名" in row:
                    row = {**row, "姓名": RARE_NAMES[k % len(RARE_NAMES)]}
                    k += 1
                rows.append(row)
            out[key] = rows
        else:
            out[key] = value
    return out


def _other(value: str, field: str, pool: dict) -> str | None:
    """A contradicting electronic value: one digit changed in a number, else another value of the
    same field seen on another page (another person's name, another class)."""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if digits and len(digits) >= len(value) // 2:
        i = digits[len(digits) // 2]
        return value[:i] + str((int(value[i]) + 3) % 10) + value[i + 1:]
    others = sorted(v for v in pool.get(field, ()) if v and v != value)  # sorted: the same draw every run
    return others[len(value) % len(others)] if others else None


def _verification(result, truth: dict, pool: dict) -> dict:
    """Verification of each located value cell that kept a lattice: the truth as the electronic
    value (should match), a different value (should contradict)."""
    from paperdesk.lattice import verify

    out = dict(v_match=0, v_match_n=0, v_contra=0, v_contra_n=0, v_false_contra=0, v_false_match=0)
    for crop in result.crops:
        key = (crop.row, crop.field)
        want = truth.get(key) or truth.get((None, crop.field)) if crop.row is None else truth.get(key)
        if crop.lattice is None or not want:
            continue
        v = verify(crop.lattice, want)
        if VERBOSE and v.outcome != "match":
            print(f"  verify truth {want!r}: {v.outcome} read {v.read!r} {v.confidence:.2f}", file=sys.stderr)
        out["v_match_n"] += 1
        out["v_match"] += v.outcome == "match"
        out["v_false_contra"] += v.outcome == "contradiction"
        other = _other(want, crop.field, pool)
        if other is not None:
            w = verify(crop.lattice, other)
            if VERBOSE and w.outcome != "contradiction":
                print(f"  verify other {other!r} (truth {want!r}): {w.outcome} read {w.read!r} {w.confidence:.2f}", file=sys.stderr)
            out["v_contra_n"] += 1
            out["v_contra"] += w.outcome == "contradiction"
            out["v_false_match"] += w.outcome == "match"
    return out


def _bare(image) -> dict:
    """CPU seconds of a bare whole-page reading of ``image`` by tesseract chi_sim and RapidOCR."""
    import pytesseract

    global _RAPID
    if _RAPID is None:
        from extractors.scan.ocr.rapid import RapidEngine

        _RAPID = RapidEngine()
    c = _cpu()
    pytesseract.image_to_string(image, lang="chi_sim")
    tess = _cpu() - c
    c = _cpu()
    _RAPID.read(image, 200)
    return dict(bare_tesseract=tess, bare_rapid=_cpu() - c)


_RAPID = None
VERBOSE = False
POOL: dict = defaultdict(set)  # field -> values seen (contradicting values are drawn from it)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_one(campaign, form: str, case: str, seed: int, engine: str, folder: Path, bare: bool = False) -> dict:
    dpi, spec = CASES[case]
    college = campaign.colleges[seed % len(campaign.colleges)].name
    data = sample_data(campaign, form, college=college, seed=seed)
    if spec.get("names") == "rare":
        data = _rare_names(data, seed)
    page = render_form(campaign, form, data, dpi=dpi)
    scan = degrade(page, seed=seed, **_degrade_args(spec, college))
    path = to_pdf([scan], folder / f"{form}-{seed}.pdf")
    wall, cpu = time.perf_counter(), _cpu()
    result = read_scan(path, "pdf", path.name, campaign, engine=engine, workers=1)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    truth = _truth(scan)
    got = {}
    for record in result.records:
        got.update(_got(record))
    flagged = {(u.row, u.field) for u in result.uncertain}
    flagged |= {k for k in truth if (None, k[1]) in flagged}  # a whole column reported missing
    wrong = [k for k, v in truth.items() if got.get(k) != v]
    for (row, f), v in truth.items():
        if v:
            POOL[f].add(v)
    out = dict(
        fields=len(truth), exact=len(truth) - len(wrong), silent=sum(1 for k in wrong if k not in flagged),
        flagged=len(flagged & set(truth)), wall=wall, cpu=cpu, examples=[(k, truth[k], got.get(k)) for k in wrong[:3]],
    )
    out.update(_verification(result, truth, POOL))
    if bare:
        out.update(_bare(scan.image))
    return out


KEYS = ("fields", "exact", "silent", "flagged", "wall", "cpu", "v_match", "v_match_n", "v_contra", "v_contra_n",
        "v_false_contra", "v_false_match", "bare_tesseract", "bare_rapid")


def bench(n: int, engines: list[str], forms: list[str], verbose: bool, bare: bool = False) -> dict:
    campaign = load_campaign()
    totals: dict = defaultdict(lambda: defaultdict(float))
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp:
        for engine in engines:
            read_scan(to_pdf([render_form(campaign, "A5", sample_data(campaign, "A5"), dpi=150)], Path(tmp) / "w.pdf"),
                      "pdf", "warm-up", campaign, engine=engine, workers=1)  # model loading is not per page
            for c, case in enumerate(CASES):
                for form in forms:
                    for i in range(n):
                        out = run_one(campaign, form, case, 100 + 7 * c + i, engine, Path(tmp),
                                      bare=bare and engine == engines[0])
                        for key in KEYS:
                            totals[(engine, case)][key] += out.get(key, 0)
                        totals[(engine, case)]["pages"] += 1
                        if verbose and out["examples"]:
                            print(f"  {engine} | {case} | {form}: {out['examples']}", file=sys.stderr)
    return totals


def table(totals: dict, engines: list[str]) -> list[str]:
    lines = ["| case | engine | fields | exact | silent wrong | flagged | s/page wall | CPU s/page |",
             "|---|---|---|---|---|---|---|---|"]
    for engine in engines:
        for case in CASES:
            t = totals[(engine, case)]
            lines.append(
                f"| {case} | {engine} | {int(t['fields'])} | {t['exact'] / t['fields']:.3f} | {int(t['silent'])} "
                f"| {t['flagged'] / t['fields']:.2f} | {t['wall'] / t['pages']:.2f} | {t['cpu'] / t['pages']:.2f} |"
            )
    lines += ["", "| engine | all cases exact | colour 200 dpi exact | silent wrong / fields | CPU s/page |", "|---|---|---|---|---|"]
    for engine in engines:
        rows = [totals[(engine, c)] for c in CASES]
        col200 = [totals[(engine, c)] for c in CASES if c.startswith("colour 200")]
        f, e = sum(r["fields"] for r in rows), sum(r["exact"] for r in rows)
        f2, e2 = sum(r["fields"] for r in col200), sum(r["exact"] for r in col200)
        s = sum(r["silent"] for r in rows)
        cpu = sum(r["cpu"] for r in rows) / sum(r["pages"] for r in rows)
        lines.append(f"| {engine} | {e / f:.3f} | {e2 / f2:.3f} | {int(s)} / {int(f)} | {cpu:.2f} |")
    lines += ["", "Verification (rapid keeps a lattice per value cell; the truth as the electronic value, then a "
              "different value: one digit changed, or another person's value of the field):", "",
              "| engine | cells | truth → match | different → contradiction | truth → contradiction (false error) "
              "| different → match (missed) |", "|---|---|---|---|---|---|"]
    for engine in engines:
        rows = [totals[(engine, c)] for c in CASES]
        n, m = sum(r["v_match_n"] for r in rows), sum(r["v_match"] for r in rows)
        cn, cc = sum(r["v_contra_n"] for r in rows), sum(r["v_contra"] for r in rows)
        if n:
            lines.append(f"| {engine} | {int(n)} | {m / n:.4f} | {cc / max(1, cn):.4f} | "
                         f"{int(sum(r['v_false_contra'] for r in rows))} | {int(sum(r['v_false_match'] for r in rows))} |")
    rows = [totals[(engines[0], c)] for c in CASES]
    pages = sum(r["pages"] for r in rows)
    if sum(r["bare_tesseract"] for r in rows):
        ours = sum(r["cpu"] for r in rows) / pages
        tess = sum(r["bare_tesseract"] for r in rows) / pages
        rapid = sum(r["bare_rapid"] for r in rows) / pages
        lines += ["", f"Side by side on the same {int(pages)} pages (CPU s/page on one core; pages/s on 2 cores = 2 / CPU s, "
                      "the reader's pool keeps both cores busy):", "",
                  "| path | CPU s/page | pages/s on 2 cores | ratio to paperdesk |", "|---|---|---|---|",
                  f"| paperdesk scan path ({engines[0]}: orientation, grid, seal, every cell, mapping) | {ours:.2f} | {2 / ours:.2f} | 1.00 |",
                  f"| bare tesseract chi_sim, whole page (text only) | {tess:.2f} | {2 / tess:.2f} | {tess / ours:.2f} |",
                  f"| bare RapidOCR, whole page (detector + recogniser) | {rapid:.2f} | {2 / rapid:.2f} | {rapid / ours:.2f} |"]
    return lines


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    tess = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    load = os.getloadavg()
    return (f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores ({cpu}), "
            f"{tess}, load average at the end {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2, help="pages per case and form")
    ap.add_argument("--engines", default="rapid,tesseract")
    ap.add_argument("--forms", default="A5,A4")
    ap.add_argument("--out", help="also write the tables to this markdown file")
    ap.add_argument("--verbose", action="store_true", help="print examples of wrong fields")
    ap.add_argument("--bare", action="store_true", help="also time bare tesseract and RapidOCR on the same pages")
    args = ap.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    engines, forms = args.engines.split(","), args.forms.split(",")
    started = time.time()
    totals = bench(args.n, engines, forms, args.verbose, args.bare)
    lines = table(totals, engines)
    head = [f"Forms {', '.join(forms)}; {args.n} page(s) per case and form; {time.time() - started:.0f} s in all.",
            f"Machine: {machine()}", ""]
    print("\n".join(head + lines))
    if args.out:
        Path(args.out).write_text("\n".join(head + lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
