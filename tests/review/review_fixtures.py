"""Test data for the review page: an outbox published in code (flags.json, intake.json, a crop
image, a master spreadsheet) and a fake pipeline that writes the same, applying decisions."""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from pathlib import Path


from paperdesk.models import Flag
from paperdesk.state import State

PASSWORD = "secret-123"
COLLEGE = "数学与统计学院"
OTHER = "文学院"


def png(width: int = 40, height: int = 20) -> bytes:
    """A tiny valid grey PNG."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def sample_flags() -> list[Flag]:
    return [
        Flag("PAPER_ELECTRONIC_MISMATCH", "error", "张三的“不及格科目数”纸质版为“1”，电子版为“0”。",
             college=COLLEGE, deliverable="assessment-forms", student_id="201824131105", name="张三",
             file="数学.zip!考核审批表-张三.docx", field="不及格科目数", expected="0", found="1",
             evidence=("crops/mismatch-1.png", "数学.zip!考核审批表-张三.docx")),
        Flag("PHOTO_TOO_SMALL", "error", "李四的生活照只有 300 KB，应不小于 1 MB。", college=COLLEGE,
             deliverable="cases", name="李四", file="数学.zip!生活照-李四.jpg", field="生活照",
             expected="≥1048576", found="307200"),
        Flag("LATE_SUBMISSION", "warning", "《学生带班工作总结》6月23日才收到，截止日期为6月22日。",
             college=COLLEGE, deliverable="work-summary", file="总结.docx", expected="2020-06-22",
             found="2020-06-23 09:00"),
        Flag("CASE_QUOTA", "error", "案例数应为 4 个，收到 3 个。", college=OTHER, deliverable="cases",
             expected="4", found="3"),
        Flag("UNKNOWN_COLLEGE", "error", "无法判断“杂项.docx”属于哪个学院。", deliverable="intake",
             file="杂项.docx"),
    ]


def intake_files(blob_root: Path | None = None) -> list[dict]:
    files = []
    for name, college, deliverable, state in [
        ("数学.zip!考核审批表-张三.docx", COLLEGE, "assessment-forms", "used"),
        ("数学.zip!生活照-李四.jpg", COLLEGE, "cases", "used"),
        ("总结.docx", COLLEGE, "work-summary", "used"),
        ("数学.zip!__MACOSX/._a", COLLEGE, None, "ignored"),
        ("文学院/案例.zip!案例一.docx", OTHER, "cases", "used"),
        ("杂项.docx", None, None, "used"),
    ]:
        content = f"content of {name}".encode()
        sha = hashlib.sha256(content).hexdigest()
        if blob_root is not None:
            blob = blob_root / "blobs" / sha[:2] / sha
            blob.parent.mkdir(parents=True, exist_ok=True)
            blob.write_bytes(content)
        files.append({"file": name, "sha256": sha, "size": len(content), "state": state, "reason": None,
                      "college": college, "deliverable": deliverable, "received_at": "2020-06-21T10:00:00+08:00"})
    return files


def publish_fake(outbox: Path, state_dir: Path, flags: list[Flag] | None = None) -> None:
    """What the pipeline publishes, simplified: flags with decisions applied, intake, a crop and
    a CSV 'master' that carries chosen values."""
    import dataclasses

    outbox.mkdir(parents=True, exist_ok=True)
    decisions = State(state_dir).decisions()
    out, master = [], ["学院,姓名,学号,不及格科目数"]
    for f in flags if flags is not None else sample_flags():
        d = decisions.get(f.id)
        if d and (not d.fingerprint or d.fingerprint == f.fingerprint):
            f = dataclasses.replace(f, status=d.status)
        out.append(f.to_dict())
        if f.field == "不及格科目数":
            master.append(f"{f.college},{f.name},{f.student_id},{d.value if d and d.value else f.found}")
    (outbox / "flags.json").write_text(json.dumps({"campaign": "2020-class-mentors", "generated_at":
                                        "2020-06-23T09:00:00+08:00", "flags": out}, ensure_ascii=False), "utf-8")
    (outbox / "intake.json").write_text(json.dumps({"files": intake_files(state_dir)}, ensure_ascii=False), "utf-8")
    (outbox / "crops").mkdir(exist_ok=True)
    (outbox / "crops" / "mismatch-1.png").write_bytes(png())
    (outbox / "回执").mkdir(exist_ok=True)
    (outbox / "回执" / f"{COLLEGE}.docx").write_bytes(b"PK fake docx")
    (outbox / "master.csv").write_text("\n".join(master), "utf-8")


class FakePipeline:
    """Stands in for flows.run.run_pipeline in the HTTP tests (the e2e test runs the real one)."""

    def __init__(self):
        self.calls = 0

    def __call__(self, inbox, outbox, state_dir, campaign_path=None, progress=None):
        self.calls += 1
        for i in range(3):
            progress(i, 3, "处理中")
        publish_fake(Path(outbox), Path(state_dir))
        progress(3, 3, "完成")
        return {"files": 6, "colleges": [COLLEGE]}


def csrf(client, path: str = "/") -> str:
    html = client.get(path).get_data(as_text=True)
    m = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert m, "page carries no CSRF token"
    return m.group(1)


def flag_id(code: str) -> str:
    return next(f.id for f in sample_flags() if f.code == code)
