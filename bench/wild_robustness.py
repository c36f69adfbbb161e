"""Run the real ``paperdesk run`` over a copy of ``../shared/wild`` (real-world files from public
test suites) and report how every file ended.

    .venv/bin/python bench/wild_robustness.py [--wild DIR] [--keep] [--json OUT]

Prints: files per final state, the reasons of unreadable files (grouped), crashes (the CLI
failing, a traceback, or an extractor bug caught by the pipeline: 「程序错误」), inbox files that
got no state (missing from ``intake.json``), and whether the inbox copy is byte-for-byte
unchanged. Never writes into the wild folder: it is copied into a temporary directory first.
Skips (exit 0) when the folder does not exist (a user's clone does not have it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intake.names import fs_name, no_sep, printable  # noqa: E402

DEFAULT_WILD = ROOT.parent / "shared" / "wild"
BUG = "程序错误"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wild", type=Path, default=DEFAULT_WILD)
    parser.add_argument("--keep", action="store_true", help="keep the temporary run folder")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not args.wild.is_dir():
        print(f"没有找到 {args.wild}：跳过")
        return 0
    work = Path(tempfile.mkdtemp(prefix="paperdesk-wild-"))
    try:
        report = run(args.wild, work)
    finally:
        if args.keep:
            print(f"运行目录保留在 {work}")
        else:
            _rmtree(work)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if report["ok"] else 1


def run(wild: Path, work: Path) -> dict:
    """Copy ``wild`` into ``work/inbox``, run the CLI, and collect the figures."""
    inbox, outbox, state = work / "inbox", work / "outbox", work / "state"
    shutil.copytree(wild, inbox, symlinks=True)
    before = tree_hashes(inbox)
    cli = Path(sys.executable).with_name("paperdesk")
    start = time.monotonic()
    proc = subprocess.run([str(cli), "run", "--inbox", str(inbox), "--outbox", str(outbox), "--state", str(state),
                           "--json"], capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seconds = time.monotonic() - start
    after = tree_hashes(inbox)
    files = _intake_files(outbox)
    return figures(before, after, files, proc, seconds)


def figures(before: dict, after: dict, files: list[dict], proc, seconds: float) -> dict:
    states = Counter(f.get("state") or "（无状态）" for f in files)
    top = [f for f in files if "!" not in f["file"]]
    shown = {f["file"] for f in top}
    expected = {no_sep(printable(fs_name(rel))) for rel in before}
    unreadable = Counter(_reason_kind(f.get("reason") or "") for f in files if f.get("state") == "unreadable")
    bugs = [f"{f['file']}: {f['reason']}" for f in files if BUG in (f.get("reason") or "")]
    generic = [f"{f['file']}: {f['reason']}" for f in files if re.search(r"（[A-Za-z]+(Error|Exception)\w*）", f.get("reason") or "")]
    crashed = proc.returncode != 0 or "Traceback" in proc.stderr
    no_state = sorted(expected - shown) + [f["file"] for f in files if not f.get("state")]
    return {
        "inbox_files": len(before),
        "items": len(files),
        "states": dict(sorted(states.items())),
        "top_level_states": dict(sorted(Counter(f.get("state") for f in top).items())),
        "unreadable_reasons": dict(unreadable.most_common()),
        "cli_exit": proc.returncode,
        "cli_crashed": crashed,
        "cli_stderr_tail": proc.stderr[-3000:] if crashed else "",
        "extractor_bugs": bugs,
        "generic_exception_reasons": generic,
        "without_state": no_state,
        "inbox_unchanged": before == after,
        "seconds": round(seconds, 1),
        "ok": not crashed and not bugs and not no_state and before == after,
    }


def _reason_kind(reason: str) -> str:
    """A reason without the file-specific part in brackets, to group alike reasons."""
    return re.sub(r"（[^）]*）", "（…）", reason)[:80]


def _intake_files(outbox: Path) -> list[dict]:
    path = outbox / "intake.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["files"] if isinstance(data, dict) else data


def tree_hashes(root: Path) -> dict[str, str]:
    """relative path (OS string) -> sha256 of the bytes (or of the link target)."""
    out = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            out[rel] = ("link:" + os.readlink(p)) if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def print_report(r: dict) -> None:
    print(f"收件箱文件 {r['inbox_files']} 个，展开后条目 {r['items']} 个，用时 {r['seconds']} 秒")
    print("各状态条目数：" + "，".join(f"{k} {v}" for k, v in r["states"].items()))
    print("收件箱顶层文件：" + "，".join(f"{k or '待读取'} {v}" for k, v in r["top_level_states"].items()))
    print("无法读取的原因：")
    for reason, n in r["unreadable_reasons"].items():
        print(f"  {n:4d}  {reason}")
    print(f"命令行崩溃：{'是' if r['cli_crashed'] else '否'}（退出码 {r['cli_exit']}）")
    if r["cli_stderr_tail"]:
        print(r["cli_stderr_tail"])
    print(f"抽取器程序错误：{len(r['extractor_bugs'])}")
    for line in r["extractor_bugs"]:
        print("  " + line)
    print(f"以异常类名为原因的条目：{len(r['generic_exception_reasons'])}")
    for line in r["generic_exception_reasons"]:
        print("  " + line)
    print(f"没有状态的文件：{len(r['without_state'])}")
    for name in r["without_state"]:
        print("  " + name)
    print(f"收件箱副本未被改动：{'是' if r['inbox_unchanged'] else '否'}")


def _rmtree(path: Path) -> None:
    for dirpath, dirs, _ in os.walk(path):
        for d in dirs:
            os.chmod(Path(dirpath) / d, 0o755)
    os.chmod(path, 0o755)
    shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
