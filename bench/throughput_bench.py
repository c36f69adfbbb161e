"""Wall-clock throughput of the whole scan path: ``paperdesk run`` on a scans-only inbox.

The issue's own measure (issue 11: "paperdesk run on a scans-only inbox"): N sealed, slightly
skewed one-page scans of the 2020 demo's forms (A4 tables, A5 forms, A2 tables as JPEG), read by
``paperdesk run`` with 1 and 2 reading workers on a fresh state each time; pages/s is pages over
the wall time of the reading step (the run's own progress timestamps are not used: the time is
that of the whole run minus a run of the same inbox with every file already cached, i.e. minus
Prefect's start-up and the checks and outputs). Each state folder is first primed by a run on an
empty inbox, so that neither run pays for creating its databases. Prints a markdown table.

    .venv/bin/python bench/throughput_bench.py [--pages 30] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from paperdesk.campaign import load_campaign  # noqa: E402
from sampledata.demo.kit import clean_kit  # noqa: E402
from sampledata.demo.people import NameBook  # noqa: E402
from sampledata.demo.scans import Look, a2_page, a4_page, a5_pages, jpg_bytes, pdf_bytes  # noqa: E402
from sampledata.demo.scenario import DEMO_ROSTER, Inbox, at, seal_of  # noqa: E402

BIN = ROOT / ".venv" / "bin" / "paperdesk"


def make_inbox(inbox: Path, pages: int) -> int:
    """``pages`` one-page scans over the demo's colleges; returns the number of pages written."""
    import random

    campaign = load_campaign(None, DEMO_ROSTER)
    ib, n, rnd = Inbox(), 0, random.Random(7)
    for college in campaign.colleges:
        if n >= pages:
            break
        kit = clean_kit(rnd, NameBook(rnd), campaign, college)
        when = at(6, 17, 10)
        look = Look(seal_of(campaign, college.name))
        d = f"{college.name}/纸质版扫描件/"
        scans = [("考核情况汇总表.pdf", lambda: pdf_bytes([a4_page(campaign, kit, look)])),
                 ("新聘学生带班党员汇总表.jpg", lambda: jpg_bytes(a2_page(campaign, kit, when, look)))]
        scans += [(f"{p.name}-考核审批表.pdf", (lambda page=page: pdf_bytes([page])))
                  for p, page in zip(kit.a5[:3], a5_pages(campaign, kit, look))]
        for name, make in scans:
            if n >= pages:
                break
            ib.add(d + name, make(), at(6, 17, 16, 30))
            n += 1
    ib.write(inbox)
    return n


def run(inbox: Path, work: Path, workers: int, tag: str) -> float:
    env = {**os.environ, "PAPERDESK_WORKERS": str(workers), "OMP_THREAD_LIMIT": "1"}
    t0 = time.monotonic()
    done = subprocess.run([str(BIN), "run", "--inbox", str(inbox), "--outbox", str(work / f"out-{tag}"),
                           "--state", str(work / f"state-{workers}")], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    return time.monotonic() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="throughput-"))
    try:
        pages = make_inbox(work / "inbox", args.pages)
        (work / "empty").mkdir()
        print(f"Machine: {os.cpu_count()} cores; load average before {os.getloadavg()[0]:.1f}; {pages} pages")
        print("| workers | pages | run s (fresh) | run s (all cached) | reading s | pages/s |")
        print("|---|---|---|---|---|---|")
        for w in (int(x) for x in args.workers.split(",")):
            shutil.rmtree(work / f"state-{w}", ignore_errors=True)
            # a first run on an empty inbox creates the state folder's databases (Prefect's
            # migrations take ~5 CPU s, once per state folder, not per run): not reading time
            run(work / "empty", work, w, f"{w}-prime")
            fresh = run(work / "inbox", work, w, f"{w}-fresh")
            cached = run(work / "inbox", work, w, f"{w}-cached")
            reading = max(fresh - cached, 1e-6)
            print(f"| {w} | {pages} | {fresh:.1f} | {cached:.1f} | {reading:.1f} | {pages / reading:.2f} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
