"""Evidence crops: the PNGs that scan-based flags cite are written under outbox/证据/ at the paths in
their ``evidence``; nothing else is; stale crops go; publish() writes them beside flags.json."""

from __future__ import annotations

import dataclasses
import io
import json

from PIL import Image

from paperdesk.models import (Flag, FormDoc, Identified, IntakeItem, PaperInfo, SealCheck, Submission, crop_key,
                              evidence_path, seal_key)
from writers.evidence import crops_by_path, write_evidence
from writers.publish import publish

COLLEGE = "数学与统计学院"
DISPLAY = "数学与统计学院/纸质版/审批表扫描.pdf"
SHA = "ab" * 32


def png(colour) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (30, 12), colour).save(buf, "PNG")
    return buf.getvalue()


def scan_submission(crops: dict[str, bytes]) -> Submission:
    item = IntakeItem(DISPLAY, SHA, 1000, "pdf", "/nowhere", "2020-06-20T10:00:00+08:00", state="used")
    info = PaperInfo((1,), (SealCheck(1, False, 0.0, crop=seal_key(1)),), (), crops)
    record = FormDoc(DISPLAY, "A5", {"姓名": "张三"}, from_scan=True, paper=info)
    return Submission((item,), (Identified(item, COLLEGE, "assessment-forms", record=record),))


def path_of(key: str) -> str:
    return evidence_path(COLLEGE, DISPLAY, SHA, key)


def flag(*evidence: str, code="SEAL_MISSING") -> Flag:
    return Flag(code, "error", "未检测到学院党委公章", college=COLLEGE, deliverable="assessment-forms", file=DISPLAY,
                evidence=evidence)


CROPS = {seal_key(1): png("white"), crop_key(1, "姓名"): png("grey"), crop_key(1, "学号"): png("black")}


def test_only_cited_crops_are_written_at_the_cited_paths(tmp_path):
    sub = scan_submission(CROPS)
    written = write_evidence(tmp_path, sub, [flag(path_of(seal_key(1)), "数学与统计学院/别的文件.docx"),
                                             flag(path_of(crop_key(1, "姓名")), code="OCR_LOW_CONFIDENCE")])
    rel = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert rel == sorted([path_of(seal_key(1)), path_of(crop_key(1, "姓名"))])
    assert all(r.startswith("证据/数学与统计学院/审批表扫描-abababab/") for r in rel)
    assert (tmp_path / path_of(seal_key(1))).read_bytes() == CROPS[seal_key(1)]
    on_disk = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert on_disk == set(rel)  # the uncited 学号 crop is not written, no temporary files left
    with Image.open(tmp_path / rel[0]) as im:
        assert im.format == "PNG"


def test_stale_crops_are_removed_and_unchanged_ones_kept(tmp_path):
    sub = scan_submission(CROPS)
    write_evidence(tmp_path, sub, [flag(path_of(seal_key(1))), flag(path_of(crop_key(1, "学号")), code="X")])
    kept = tmp_path / path_of(seal_key(1))
    before = kept.stat().st_mtime_ns
    write_evidence(tmp_path, sub, [flag(path_of(seal_key(1)))])
    assert kept.stat().st_mtime_ns == before
    assert not (tmp_path / path_of(crop_key(1, "学号"))).exists()
    write_evidence(tmp_path, sub, [])
    assert not (tmp_path / "证据").exists()


def test_crops_by_path_skips_records_without_paper(tmp_path):
    sub = scan_submission(CROPS)
    bare = dataclasses.replace(sub.files[0], record=FormDoc(DISPLAY, "A5", {}))
    assert set(crops_by_path(sub)) == {path_of(k) for k in CROPS}
    assert crops_by_path(dataclasses.replace(sub, files=(bare,))) == {}


def test_publish_writes_the_evidence_flags_json_cites(tmp_path, sample):
    sub = scan_submission(CROPS)
    merged = dataclasses.replace(sample.submission, items=sample.submission.items + sub.items,
                                 files=sample.submission.files + sub.files)
    flags = [*sample.flags, flag(path_of(seal_key(1)))]
    publish(tmp_path, sample.campaign, merged, flags, sample.generated_at)
    doc = json.loads((tmp_path / "flags.json").read_text(encoding="utf-8"))
    cited = [p for f in doc["flags"] if f["code"] == "SEAL_MISSING" for p in f["evidence"]]
    assert cited == [path_of(seal_key(1))]
    assert (tmp_path / cited[0]).read_bytes() == CROPS[seal_key(1)]
