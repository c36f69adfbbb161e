"""Peak memory of a whole ``paperdesk run``: the main process and every process it starts.

    .venv/bin/python bench/memory_bench.py [--workers 1,2] [--copies 1,3] [--big-pdf 0,40] [--keep DIR]

For each inbox and each number of reading workers (``PAPERDESK_WORKERS``), a fresh outbox and
state (so every file is really read, nothing comes from the cache) and
``/usr/bin/time -v python -m paperdesk.cli run --inbox … --outbox … --state … --json`` (this
checkout's code, as ``.venv/bin/paperdesk`` runs it). While it runs,
``/proc`` is polled every :data:`POLL` s: every descendant of the run (reading workers,
LibreOffice, tesseract, Prefect's server if any), their resident memory summed (RSS; and PSS from
``smaps_rollup``, which counts pages shared between processes once). Printed: the peak sum, the
peak of the main process (``/usr/bin/time``'s "Maximum resident set size" — the main process only)
and of the largest reading worker, wall time and the scanned pages read.

Inboxes: the demo inbox (``paperdesk demo``), ``--copies N``: the demo inbox with its loose scans
copied N-1 more times under other folder names, each copy a byte longer so that its SHA-256
differs and it is read again (a copy of the same bytes is a duplicate, read once); ``--big-pdf P``:
the demo inbox plus one scanned PDF of P synthetic A4 pages (one file, many pages).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POLL = 0.2
SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}
PAGE = os.sysconf("SC_PAGE_SIZE")


def children_of() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read().decode("latin-1")
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    return kids


def tree(root: int) -> list[int]:
    kids, out, todo = children_of(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


def rss_pss(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of ``pid`` in bytes; (0, 0) when it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            rss = int(f.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0, 0
    pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    return rss, pss


def cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def measure(inbox: Path, workers: int, work: Path) -> dict:
    """One run of ``paperdesk run`` on ``inbox`` with ``workers`` reading workers, fresh state."""
    outbox, state = work / f"outbox-{workers}", work / f"state-{workers}"
    for d in (outbox, state):
        shutil.rmtree(d, ignore_errors=True)
    env = dict(os.environ, PAPERDESK_WORKERS=str(workers), OMP_THREAD_LIMIT="1")
    # ``python -m paperdesk.cli`` from this checkout (what .venv/bin/paperdesk runs), so that the code
    # measured is the checkout the bench is in
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "paperdesk.cli", "run", "--inbox", str(inbox),
           "--outbox", str(outbox), "--state", str(state), "--json"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = peak_worker = 0
    peak_procs, roles = 0, {}
    import threading

    out: dict = {}

    def drain():
        out["stdout"], out["stderr"] = proc.communicate()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    while reader.is_alive():
        pids = [p for p in tree(proc.pid) if p != proc.pid]  # not /usr/bin/time itself
        total_rss = total_pss = 0
        for pid in pids:
            rss, pss = rss_pss(pid)
            total_rss += rss
            total_pss += pss
            cl = cmdline(pid)
            role = ("reading worker" if "multiprocessing" in cl else "main" if "paperdesk.cli run" in cl
                    else Path(cl.split(" ")[0]).name or "?")
            roles[role] = max(roles.get(role, 0), rss)
            if role == "reading worker":
                peak_worker = max(peak_worker, rss)
        if total_rss > peak_rss:
            peak_rss, peak_procs = total_rss, len(pids)
        peak_pss = max(peak_pss, total_pss)
        reader.join(POLL)
    wall = time.perf_counter() - started
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.get("stderr", ""))
    if proc.returncode != 0:
        sys.stderr.write(out.get("stderr", "")[-3000:])
    try:
        summary = json.loads(out.get("stdout", "") or "{}")
    except json.JSONDecodeError:
        summary = {}
    return dict(workers=workers, rc=proc.returncode, wall=wall, peak_rss=peak_rss, peak_pss=peak_pss,
                procs=peak_procs, main_time_v=int(m.group(1)) * 1024 if m else 0, worker=peak_worker,
                roles=roles, files=summary.get("files"), extracted=summary.get("extracted"))


def scan_pages(inbox: Path) -> int:
    """Scanned pages among the inbox's loose files: PDF pages without a text layer, and images
    outside the case archives (the demo's loose images are scans)."""
    import pypdfium2 as pdfium

    n = 0
    for p in inbox.rglob("*"):
        if p.suffix.lower() not in SCAN_SUFFIXES or not p.is_file():
            continue
        if p.suffix.lower() != ".pdf":
            n += 1
            continue
        doc = pdfium.PdfDocument(str(p))
        try:
            n += sum(1 for i in range(len(doc)) if not doc[i].get_textpage().get_text_range().strip())
        finally:
            doc.close()
    return n


def demo_inbox(path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "paperdesk.cli", "demo", "--inbox", str(path)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return path


def with_copies(base: Path, dest: Path, copies: int) -> Path:
    """``base`` plus its loose scans copied ``copies - 1`` more times, each copy a byte longer
    (bytes after a PDF's %%EOF or a JPEG's end are ignored by readers) so it is read again."""
    shutil.copytree(base, dest)
    scans = [p for p in base.rglob("*") if p.is_file() and p.suffix.lower() in SCAN_SUFFIXES]
    for k in range(1, copies):
        for p in scans:
            rel = p.relative_to(base)
            target = dest / f"第{k + 1}批" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(p.read_bytes() + b"\n" * k)
    return dest


def with_big_pdf(base: Path, dest: Path, pages: int) -> Path:
    """``base`` plus one scanned PDF of ``pages`` synthetic A4 pages (A4 form, seal, skew)."""
    from paperdesk.campaign import load_campaign
    from sampledata.synth import SealSpec, degrade, render_form, sample_data, to_pdf

    shutil.copytree(base, dest)
    campaign = load_campaign()
    college = "文学院"
    scans = []
    for i in range(pages):
        page = render_form(campaign, "A4", sample_data(campaign, "A4", college=college, seed=500 + i), dpi=200)
        scans.append(degrade(page, seal=SealSpec(college), skew_deg=0.5 + (i % 5) * 0.3, jpeg_quality=80, seed=i))
    folder = dest / college / "扫描件"
    folder.mkdir(parents=True, exist_ok=True)
    to_pdf(scans, folder / f"考核情况汇总表（{pages}页）.pdf")
    return dest


def mb(n: int) -> str:
    return f"{n / 2**20:.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workers", default="1,2", help="numbers of reading workers to try")
    ap.add_argument("--copies", default="1,3", help="inboxes: the demo's scans this many times")
    ap.add_argument("--big-pdf", default="0", help="inboxes: the demo inbox plus one scanned PDF of P pages")
    ap.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="memory-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    base = work / "demo-inbox"
    if not base.exists():
        demo_inbox(base)
    inboxes = []
    for c in (int(x) for x in args.copies.split(",") if x):
        target = base if c == 1 else work / f"inbox-x{c}"
        if c != 1 and not target.exists():
            with_copies(base, target, c)
        inboxes.append((f"demo inbox, scans ×{c}", target))
    for p in (int(x) for x in args.big_pdf.split(",") if x and int(x) > 0):
        target = work / f"inbox-big{p}"
        if not target.exists():
            with_big_pdf(base, target, p)
        inboxes.append((f"demo inbox + one {p}-page scanned PDF", target))
    print(f"Machine: {os.cpu_count()} cores, "
          f"{next(ln.split(':', 1)[1].strip() for ln in open('/proc/cpuinfo') if ln.startswith('model name'))}, "
          f"{os.sysconf('SC_PHYS_PAGES') * PAGE / 2**30:.0f} GiB RAM; {time.strftime('%Y-%m-%d')}; "
          f"load average before {os.getloadavg()[0]:.1f}")
    print("| inbox | scanned pages | files | workers | peak sum RSS MB | peak sum PSS MB | main MB (time -v) "
          "| largest worker MB | processes at peak | wall s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, inbox in inboxes:
        pages = scan_pages(inbox)
        for w in (int(x) for x in args.workers.split(",")):
            r = measure(inbox, w, work)
            print(f"| {label} | {pages} | {r['files']} | {w} | {mb(r['peak_rss'])} | {mb(r['peak_pss'])} "
                  f"| {mb(r['main_time_v'])} | {mb(r['worker'])} | {r['procs']} | {r['wall']:.0f} |"
                  + ("" if r["rc"] == 0 else f" exit {r['rc']}"), flush=True)
            print("    per role, peak MB: " + ", ".join(f"{k} {mb(v)}" for k, v in sorted(r["roles"].items())),
                  file=sys.stderr, flush=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
