"""Seal finder benchmark on synthetic scans: precision/recall per colour/grey, seconds per page.

    .venv/bin/python bench/seal_bench.py --n 5 [--seed 0] [--jobs 2] [--stress] [--show-errors]

For colour and grey scans × condition (seal, faint seal, no seal, red pen, printed circle, red
header) × dpi 150/200/300, ``--n`` pages each: a random form (A5/A4/A2) and college, skew 0–3°
either way, JPEG quality 50–90, light noise; the first page of every group is turned 90°. Seal
pages stamp a 38–44 mm seal over text or on blank paper at random and sometimes carry red pen
or a red header too. A detection counts as right when the seal is present and the centre is within 0.25 radius
of the truth; a seal reported elsewhere is both a false positive and a miss.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.scan.seal import find_seal  # noqa: E402
from paperdesk.campaign import load_campaign  # noqa: E402
from sampledata.synth import SealSpec, degrade, render_form, sample_data  # noqa: E402

CONDITIONS = ("seal", "faint", "none", "red_pen", "printed_circle", "red_header")
#: --stress: the same conditions on worse scans (yellowish paper, washed out, soft and blocky)
STRESS = dict(paper=(0.86, 0.95, 1.0), washout=0.25, blur=0.12)
DPIS = (150, 200, 300)
FORMS = ("A5", "A4", "A2")


def _marks(cond: str, college: str, rng: np.random.Generator) -> dict:
    if cond in ("seal", "faint"):
        return dict(seal=SealSpec(college, faint=cond == "faint", over_text=bool(rng.random() < 0.7),
                                  diameter_mm=float(rng.uniform(38, 44))),
                    red_pen=bool(rng.random() < 0.3), red_header=bool(rng.random() < 0.2))
    return {cond: True} if cond != "none" else {}


def one_page(job: tuple[bool, str, int, int, int, bool]) -> dict:
    """Generate one page of a group and run the finder on it; returns the outcome."""
    colour, cond, dpi, i, seed, stress = job
    rng = np.random.default_rng(seed)
    made = time.perf_counter()
    campaign = load_campaign()
    college = campaign.colleges[int(rng.integers(len(campaign.colleges)))].name
    form = FORMS[int(rng.integers(len(FORMS)))]
    page = render_form(campaign, form, sample_data(campaign, form, college=college, seed=seed), dpi=dpi)
    scan = degrade(page, colour=colour, skew_deg=float(rng.uniform(-3, 3)), rotate=90 if i == 0 else 0,
                   jpeg_quality=int(rng.integers(35 if stress else 50, 91)), noise=float(rng.uniform(0, 0.03)),
                   seed=seed, **_marks(cond, college, rng), **(STRESS if stress else {}))
    start, cpu = time.perf_counter(), time.process_time()
    made = start - made
    found = find_seal(scan.image, dpi)
    secs, cpu = time.perf_counter() - start, time.process_time() - cpu
    near = False
    if found.present and scan.seal is not None:
        near = np.hypot(found.centre[0] - scan.seal.centre[0], found.centre[1] - scan.seal.centre[1]) \
            <= 0.25 * scan.seal.radius
    return dict(colour=colour, cond=cond, dpi=dpi, truth=scan.seal is not None, found=found.present,
                near=near, secs=secs, cpu=cpu, made=made, form=form, conf=found.confidence, seed=seed)


def jobs(n: int, seed: int, stress: bool = False) -> list[tuple[bool, str, int, int, int, bool]]:
    out, k = [], 0
    for colour in (True, False):
        for cond in CONDITIONS:
            for dpi in DPIS:
                for i in range(n):
                    out.append((colour, cond, dpi, i, seed * 100003 + k, stress))
                    k += 1
    return out


def summarise(results: list[dict]) -> str:
    lines = ["| scan | pages | TP | FP | FN | precision | recall | s/page find_seal (mean / max) | CPU s/page "
             "| s/page synth |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for colour in (True, False):
        rs = [r for r in results if r["colour"] == colour]
        tp = sum(r["truth"] and r["near"] for r in rs)
        fp = sum(r["found"] and not r["near"] for r in rs)
        fn = sum(r["truth"] and not r["near"] for r in rs)
        p = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / (tp + fn) if tp + fn else 1.0
        secs = [r["secs"] for r in rs]
        made = np.mean([r["made"] for r in rs])
        cpu = np.mean([r["cpu"] for r in rs])
        lines.append(f"| {'colour' if colour else 'grey'} | {len(rs)} | {tp} | {fp} | {fn} | {p:.3f} | {rc:.3f} "
                     f"| {np.mean(secs):.3f} / {max(secs):.3f} | {cpu:.3f} | {made:.2f} |")
    med = " · ".join(f"{dpi} dpi {np.median([r['secs'] for r in results if r['dpi'] == dpi]):.3f} s"
                     for dpi in DPIS)
    lines += ["", f"Median find_seal time per page: {med}."]
    lines += ["", "Pages right per group (seal found at its place / no seal reported):", "",
              "| scan | condition | dpi 150 | dpi 200 | dpi 300 |", "|---|---|---|---|---|"]
    groups = defaultdict(list)
    for r in results:
        groups[(r["colour"], r["cond"], r["dpi"])].append(r)
    for colour in (True, False):
        for cond in CONDITIONS:
            cells = []
            for dpi in DPIS:
                g = groups[(colour, cond, dpi)]
                ok = sum((r["near"] if r["truth"] else not r["found"]) for r in g)
                cells.append(f"{ok}/{len(g)}")
            lines.append(f"| {'colour' if colour else 'grey'} | {cond} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5, help="pages per condition × colour × dpi")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--stress", action="store_true", help="yellowish paper, washed out, blurred, JPEG 35–90")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    todo = jobs(args.n, args.seed, args.stress)
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(one_page, todo, chunksize=4))
    else:
        results = [one_page(j) for j in todo]
    print(f"# seal bench{' --stress' if args.stress else ''}: {len(results)} pages, n={args.n}, seed={args.seed}, "
          f"Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"wall {time.perf_counter() - start:.0f} s, load average {os.getloadavg()[0]:.1f}\n")
    print(summarise(results))
    if args.show_errors:
        for r in results:
            if (r["truth"] and not r["near"]) or (r["found"] and not r["near"]):
                print("ERR", r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
