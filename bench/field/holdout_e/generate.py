#!/usr/bin/env python3
"""Hold-out field corpus E for paperdesk — see README.md.

    python bench/field/holdout_e/generate.py --out DIR [--seed 2020]

Writes DIR/inbox/ (what arrived), DIR/truth.json (planted defects and traps) and DIR/manifest.json
(college of every inbox file).  Deterministic for a seed."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True          # keep the folder source-only
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hlib.ctx import Ctx  # noqa: E402
from hlib.people import build  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--only", default="", help="comma-separated college class names (debugging)")
    ap.add_argument("--keep-work", action="store_true", help="keep the temporary work folder (debugging)")
    ap.add_argument("-v", action="store_true", help="print the time of each phase")
    a = ap.parse_args(argv)
    out = Path(a.out)
    t0 = time.time()
    if out.exists():
        shutil.rmtree(out)
    (out / "inbox").mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="hxe-work-"))
    ctx = Ctx(out, a.seed, work)
    try:
        cols = build(a.seed)
        from hlib.c_wenxue import Wenxue
        plans = [Wenxue(ctx, cols["文学院"])]
        try:
            from hlib import c_rest
            plans += c_rest.plans(ctx, cols)
        except ImportError:
            pass
        if a.only:
            keep = set(a.only.split(","))
            plans = [p for p in plans if type(p).__name__ in keep]
        def tick(what):
            if a.v:
                print(f"  {time.time() - t0:6.1f} s  {what}", flush=True)
        for p in plans:
            p.prepare()
            tick("prepared " + p.college)
        ctx.run_conversions()
        tick("LibreOffice conversions")
        for p in plans:
            p.finish()
            tick("finished " + p.college)
        ctx.apply_mtimes()
        colleges = [p.college for p in plans]
        dirty = {d["college"] for d in ctx.defects}
        truth = {"colleges": colleges, "clean_colleges": [c for c in colleges if c not in dirty],
                 "defects": ctx.defects, "traps": ctx.traps}
        (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        manifest = {"corpus": "holdout_e", "seed": a.seed, "files": dict(sorted(ctx.files.items())),
                    "styles": ctx.styles, "scanned_pages": ctx.scanned_pages,
                    "scanned_pages_total": sum(ctx.scanned_pages.values())}
        (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    finally:
        ctx.close()
        if a.keep_work:
            print("work folder kept:", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"holdout_e: {len(truth['colleges'])} colleges, {len(ctx.defects)} defects, {len(ctx.traps)} traps, "
          f"{manifest['scanned_pages_total']} scanned pages, {time.time() - t0:.0f} s -> {out}")


if __name__ == "__main__":
    main()
