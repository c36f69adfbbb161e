"""End to end on the second campaign (2021 优秀学生干部、优秀团员评选), with a sample inbox written
from the notice and from how colleges really fill forms (sampledata/demo2021), independently of
the extractors: `paperdesk demo --campaign …2021…` writes it, `paperdesk run` (real Prefect, real
files, the demo roster as quota base) processes it as subprocesses. Every planted problem must be
flagged with its code, college and person; the two clean colleges must get no error. Error flags
the manifest does not explain are printed (not asserted) so the developers see false errors.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from e2e_support import BIN, tree_digest

REPO = Path(__file__).resolve().parents[2]
CAMPAIGN = REPO / "templates" / "campaigns" / "2021-outstanding-students.yaml"
ROSTER = REPO / "templates" / "rosters" / "2021-demo-roster.yaml"
CST = timezone(timedelta(hours=8))

# Found when this test was written (the product at a83bd86), since fixed: a grade point compared as
# text (3.20 vs 3.2, FIELD_MISMATCH), a short spelling of a status judged as text (团员,
# CANDIDATE_STATUS) and a row listed twice on paper read as absent (PAPER_ELECTRONIC_MISMATCH).

def _cli(*args: str, cwd: Path, timeout: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": "random", "PAPERDESK_WORKERS": "2"}
    return subprocess.run([str(BIN), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def run2021(tmp_path_factory):
    """(root, manifest, flags, seconds the demo + run took)."""
    root = tmp_path_factory.mktemp("demo2021")
    t0 = time.monotonic()
    made = _cli("demo", "--campaign", str(CAMPAIGN), "--inbox", "inbox", "--manifest", "manifest.json",
                cwd=root, timeout=60)
    assert made.returncode == 0, made.stderr[-3000:]
    ran = _cli("run", "--campaign", str(CAMPAIGN), "--roster", str(ROSTER), "--inbox", "inbox",
               "--outbox", "outbox", "--state", "state", "--json", cwd=root, timeout=180)
    assert ran.returncode == 0, ran.stderr[-3000:]
    elapsed = time.monotonic() - t0
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    flags = json.loads((root / "outbox" / "flags.json").read_text(encoding="utf-8"))["flags"]
    return root, manifest, flags, elapsed


def _matches(p: dict, f: dict) -> bool:
    if f["code"] != p["code"] or f["college"] != p["college"]:
        return False
    if p.get("deliverable") and f.get("deliverable") != p["deliverable"]:
        return False
    if p.get("student_id") and f.get("student_id") == p["student_id"]:
        return True
    if p.get("name") and f.get("name") == p["name"]:
        return True
    return not p.get("student_id") and not p.get("name")


def _missed(manifest: dict, flags: list[dict]) -> list[dict]:
    return [p for p in manifest["problems"] if not any(_matches(p, f) for f in flags)]


def _unexplained_errors(manifest: dict, flags: list[dict]) -> list[dict]:
    """Error flags in the inbox's colleges that no planted problem explains."""
    return [f for f in flags if f["severity"] == "error" and f["college"] in manifest["colleges"]
            and not any(_matches(p, f) for p in manifest["problems"])]


def _line(f: dict) -> str:
    who = f" {f.get('name')}（{f.get('student_id')}）" if f.get("name") else ""
    return f"  {f['severity']} {f['code']} {f['college']}{who} [{f.get('deliverable')}]: {f['message']}"


def test_the_inbox_is_small_dated_in_november_2021_and_reproducible(run2021, tmp_path):
    root, manifest, _, _ = run2021
    inbox = root / "inbox"
    files = sorted(p for p in inbox.rglob("*") if p.is_file())
    assert sum(p.stat().st_size for p in files) < 5 * 1024 * 1024
    assert tuple(str(p.relative_to(inbox)) for p in files) == tuple(manifest["files"])
    for p in files:
        when = datetime.fromtimestamp(p.stat().st_mtime, CST)
        assert (when.year, when.month) == (2021, 11), (p, when)
    assert manifest["campaign"] == "2021-outstanding-students"
    assert len(manifest["colleges"]) == 6 and len(manifest["clean_colleges"]) >= 2
    assert not set(manifest["clean_colleges"]) & {p["college"] for p in manifest["problems"]}
    again = _cli("demo", "--campaign", str(CAMPAIGN), "--inbox", "inbox", "--manifest", "m.json", cwd=tmp_path,
                 timeout=60)
    assert again.returncode == 0, again.stderr[-3000:]
    assert tree_digest(tmp_path / "inbox") == tree_digest(inbox)
    assert (tmp_path / "m.json").read_text(encoding="utf-8") == (root / "manifest.json").read_text(encoding="utf-8")


def test_the_developers_see_missed_problems_and_unexplained_errors(run2021, capsys):
    """Never fails: prints what the product missed and the error flags nobody planted."""
    _, manifest, flags, elapsed = run2021
    missed = _missed(manifest, flags)
    unexplained = _unexplained_errors(manifest, flags)
    others = [f for f in flags if f["college"] not in manifest["colleges"]]
    with capsys.disabled():
        print(f"\n[demo2021] demo + run took {elapsed:.1f} s; {len(flags)} flags")
        print(f"[demo2021] planted problems not flagged ({len(missed)}):")
        for p in missed:
            who = f" {p['name']}（{p['student_id']}）" if p.get("name") else ""
            print(f"  {p['code']} {p['college']}{who}: {p['detail']}")
        print(f"[demo2021] error flags not explained by the manifest ({len(unexplained)}):")
        for f in unexplained:
            print(_line(f))
        codes = sorted({(f["code"], f["severity"]) for f in others})
        print(f"[demo2021] flags of colleges that sent nothing: {len(others)} {codes}")
    assert elapsed < 600


def test_every_planted_problem_is_flagged_with_code_college_and_person(run2021):
    _, manifest, flags, _ = run2021
    missed = _missed(manifest, flags)
    assert not missed, "not flagged: " + json.dumps(missed, ensure_ascii=False, indent=1)


def test_clean_colleges_get_no_error_flag(run2021):
    _, manifest, flags, _ = run2021
    errors = [f for f in flags if f["college"] in manifest["clean_colleges"] and f["severity"] == "error"]
    assert not errors, "\n".join(_line(f) for f in errors)


def test_colleges_that_sent_nothing_get_one_finding_each(run2021):
    _, manifest, flags, _ = run2021
    others = [f for f in flags if f["college"] not in manifest["colleges"] and f["college"]]
    per_college: dict[str, int] = {}
    for f in others:
        per_college[f["college"]] = per_college.get(f["college"], 0) + 1
    assert len(per_college) == 18 - len(manifest["colleges"])
    assert all(n == 1 for n in per_college.values()), per_college


def test_the_outbox_holds_the_2021_lists_not_the_2020_ones(run2021):
    """The outputs follow the campaign: the school-wide master of its one table form (B1) with
    every college's rows, no case list (it has no case form), a 回执 per college."""
    import openpyxl

    root, manifest, _, _ = run2021
    outbox = next(p for p in root.iterdir() if (p / "flags.json").exists())
    names = sorted(p.name for p in outbox.glob("*.xlsx"))
    assert "全校优秀学生干部、优秀团员推荐汇总表.xlsx" in names and "优秀案例汇总表.xlsx" not in names, names
    ws = openpyxl.load_workbook(outbox / "全校优秀学生干部、优秀团员推荐汇总表.xlsx").active
    colleges = {cell for row in ws.iter_rows(values_only=True) for cell in row[:3]}
    assert set(manifest["clean_colleges"]) <= colleges
    assert len(list((outbox / "回执").glob("*.docx"))) == 18
