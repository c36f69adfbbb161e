"""Rebuild the image folder of a real-seal manifest from git copies of its source repositories.

    .venv/bin/python bench/real_seals/rebuild.py OUT_DIR [--manifest bench/real_seals/manifest.csv]
                                                  [--mirrors /work/.mirror] [--wild ../shared/wild/images]

For each row without ``derive`` (derived rows are made by the bench itself) whose file is not in
OUT_DIR yet: rows named ``wild_*`` are copied from ``--wild`` (``../shared/wild/images``, listed
in its ``SOURCES.tsv``); every other row is ``git show <commit>:<source_path>`` from the
repository's git directory under ``--mirrors`` (``owner+name/repo/.git`` or ``owner+name/repo``,
as the search tool's fetch leaves them; a plain ``git clone`` of the repository works too when
named so). Prints what it could not find and exits 1 if anything is missing.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--manifest", type=Path, default=HERE / "manifest.csv")
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--wild", type=Path, default=Path("../shared/wild/images"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    ok = missing = 0
    with open(args.manifest, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        target = args.out / row["file"]
        if row["derive"] or target.exists():
            continue
        if row["file"].startswith("wild_") and (args.wild / row["file"][5:]).exists():
            shutil.copy(args.wild / row["file"][5:], target)
            ok += 1
            continue
        repo = args.mirrors / row["source_repo"].replace("/", "+")
        for git_dir in (repo / "repo" / ".git", repo / "repo", repo / ".git"):
            if not git_dir.exists():
                continue
            got = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{row['commit']}:{row['source_path']}"],
                                 capture_output=True)
            if got.returncode == 0:
                target.write_bytes(got.stdout)
                ok += 1
                break
        else:
            missing += 1
            print(f"missing: {row['id']} ({row['file']} from {row['source_repo']} at {row['commit'][:10]})")
    print(f"{ok} written, {missing} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
