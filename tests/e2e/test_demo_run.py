"""End to end, as staff would: `paperdesk demo` writes the sample inbox, `paperdesk run` (real
Prefect, real files) processes it; every planted problem must be flagged with the right code,
college and person, the clean colleges must get no error, the inbox must be untouched, and a
second run must give byte-identical outputs without reading any file again."""

from __future__ import annotations

import json
from pathlib import Path

from e2e_support import run_cli, tree_digest


def _flags(root: Path) -> list[dict]:
    return json.loads((root / "outbox" / "flags.json").read_text(encoding="utf-8"))["flags"]


def test_the_run_prints_a_summary_and_writes_every_output(demo_run):
    root, _, first = demo_run
    assert "处理完成" in first.stdout and "输出目录" in first.stdout
    out = root / "outbox"
    for name in ["flags.json", "intake.json", "问题清单.xlsx", "收件清单.xlsx", "提交情况总览.xlsx",
                 "全校学生带班党员考核情况汇总表.xlsx", "全校新聘学生带班党员汇总表.xlsx",
                 "全校学生带班党员获奖情况统计表.xlsx", "优秀案例汇总表.xlsx"]:
        assert (out / name).is_file(), name
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    for college in manifest["colleges"]:
        assert (out / "回执" / f"{college}.docx").is_file(), college


def test_every_planted_problem_is_flagged_with_code_college_and_person(demo_run):
    root, _, _ = demo_run
    flags = _flags(root)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    missing = []
    for p in manifest["problems"]:
        def matches(f: dict) -> bool:
            if f["code"] != p["code"] or f["college"] != p["college"]:
                return False
            if p.get("deliverable") and f["deliverable"] != p["deliverable"]:
                return False
            if p.get("student_id") and f.get("student_id") == p["student_id"]:
                return True
            if p.get("name") and f.get("name") == p["name"]:
                return True
            return not p.get("student_id") and not p.get("name")
        if not any(matches(f) for f in flags):
            missing.append(p)
    assert not missing, "not flagged: " + json.dumps(missing, ensure_ascii=False, indent=1)


def test_clean_colleges_get_no_error_flag(demo_run):
    root, _, _ = demo_run
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["clean_colleges"]) >= 2
    errors = [f for f in _flags(root) if f["college"] in manifest["clean_colleges"] and f["severity"] == "error"]
    assert not errors, json.dumps(errors, ensure_ascii=False, indent=1)


def test_scan_flags_cite_evidence_crops_written_to_the_outbox(demo_run):
    root, _, _ = demo_run
    scan_codes = {"SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "OCR_LOW_CONFIDENCE"}
    cited = [(f["code"], p) for f in _flags(root) for p in f["evidence"] if p.startswith("证据/")]
    assert {"SEAL_MISSING", "PAPER_ELECTRONIC_MISMATCH", "COLLEGE_CONFLICT"} <= {c for c, _ in cited}
    assert all(f["evidence"] for f in _flags(root) if f["code"] in scan_codes - {"OCR_LOW_CONFIDENCE"})
    for _, rel in cited:
        assert (root / "outbox" / rel).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", rel


def test_every_file_has_a_known_state_and_the_inbox_is_untouched(demo_run):
    root, before, _ = demo_run
    intake = json.loads((root / "outbox" / "intake.json").read_text(encoding="utf-8"))["files"]
    assert intake and all(f["state"] in {"used", "duplicate", "ignored", "unreadable", "superseded"} for f in intake)
    assert all(f["reason"] for f in intake if f["state"] == "unreadable")
    after = {k: v + f":{(root / 'inbox' / k).stat().st_mtime_ns}" for k, v in tree_digest(root / "inbox").items()}
    assert after == before


def test_a_second_run_reads_nothing_again_and_writes_identical_outputs(demo_run):
    root, _, _ = demo_run
    out = root / "outbox"
    first = tree_digest(out)
    again = run_cli("run", "--inbox", "inbox", "--outbox", "outbox", "--state", "state", "--json", cwd=root)
    assert again.returncode == 0, again.stderr[-3000:]
    summary = json.loads(again.stdout)
    assert summary["extracted"] == 0 and summary["cached"] > 0
    assert tree_digest(out) == first
