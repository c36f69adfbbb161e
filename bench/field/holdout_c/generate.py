#!/usr/bin/env python3
"""Holdout corpus C for paperdesk: five colleges' submissions to the 2020 class-mentor campaign.

    cd /work/main && .venv/bin/python bench/field/holdout_c/generate.py --out /tmp/fieldC

Writes OUT/inbox/ (what arrived), OUT/truth.json (colleges, clean colleges, planted defects, traps) and
OUT/manifest.json (the college of every inbox file, the styles, the number of scanned pages).
Deterministic for a seed. Needs LibreOffice, pdftoppm, 7z and the Noto CJK fonts.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ctx import Ctx  # noqa: E402
import college_zf, college_ls, college_jr, college_hh, college_ty  # noqa: E402

BUILDERS = {"zf": college_zf, "ls": college_ls, "jr": college_jr, "hh": college_hh, "ty": college_ty}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--only", help="comma-separated builder keys (zf,ls,jr,hh,ty) — for debugging")
    ap.add_argument("--keep-work", action="store_true", help="keep OUT/_work (staging files, prints)")
    a = ap.parse_args(argv)
    t0 = time.time()
    out = a.out
    if out.exists():
        shutil.rmtree(out)
    ctx = Ctx(out, a.seed)
    keys = a.only.split(",") if a.only else list(BUILDERS)
    for k in keys:
        BUILDERS[k].build(ctx)
    t1 = time.time()
    ctx.run_office()
    t2 = time.time()
    for job in ctx.after_print:
        job()
    t3 = time.time()
    for job in ctx.after_scan:
        job()
    truth = {"colleges": ctx.colleges, "clean_colleges": ctx.clean, "defects": ctx.defects, "traps": ctx.traps}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
    manifest = {"corpus": "holdout_c", "seed": a.seed, "files": dict(sorted(ctx.files.items())),
                "styles": ctx.styles, "scanned_pages": ctx.scanned_pages}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    if not a.keep_work:
        shutil.rmtree(ctx.work, ignore_errors=True)
    n = sum(1 for p in (out / "inbox").rglob("*") if p.is_file())
    print(f"holdout_c: {len(ctx.colleges)} colleges ({len(ctx.clean)} clean), {len(ctx.defects)} defects, "
          f"{len(ctx.traps)} traps, {n} inbox files, {ctx.scanned_pages} scanned pages — "
          f"build {t1 - t0:.0f}s, office {t2 - t1:.0f}s, scans {t3 - t2:.0f}s, total {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
