"""What the review page shows, read from the outbox and the state database (no writes here).

The pipeline publishes ``flags.json`` and ``intake.json``; staff decisions live in the state
database and are overlaid on the published flags so that a decision shows at once, before the
next run writes it into the outputs. Everything here is a pure function of those inputs.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from paperdesk.campaign import Campaign
from paperdesk.models import Flag
from paperdesk.state import Decision
from writers.labels import SEVERITY_ZH, STATE_ZH, STATUS_ZH

#: the matrix row and page of files and flags no college could be attributed to
NO_COLLEGE = "未归属学院"
ACTIVE = ("open", "confirmed")
MISMATCH_CODES = ("FIELD_MISMATCH", "PAPER_ELECTRONIC_MISMATCH", "OCR_LOW_CONFIDENCE")

# the Chinese words for states, statuses and severities are the writers' (one vocabulary for
# spreadsheets, letters and the page)
FLAG_STATUS = STATUS_ZH
FILE_STATE = STATE_ZH
SEVERITY = SEVERITY_ZH
def code_names(campaign: Campaign) -> dict[str, str]:
    """The short Chinese name of each flag code the campaign runs (its ``rules:`` ``name``), shown
    beside the code."""
    return {code: campaign.code_name(code) for code in campaign.rules}


ACTION = {"confirmed": "确认", "waived": "忽略", "open": "撤销决定", "upload": "上传文件",
          "run": "重新处理", "login": "登录", "password": "设置密码", "receipt": "重新生成回执",
          "judge-web": "评审（网页）", "judge-sheet": "评审（评审表）", "certificates": "生成证书", "booklet": "生成汇编"}


@dataclass(frozen=True)
class Outbox:
    """The published state: flags and intake records (empty lists before the first run)."""

    flags: list[dict]
    files: list[dict]
    generated_at: str | None = None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One college × deliverable cell of the overview."""

    status: str  # 已提交 / 缺交 / 逾期 / 有问题
    css: str  # ok / missing / late / issue
    files: int
    flags: int


@dataclass(frozen=True)
class Row:
    college: str
    cells: tuple[Cell, ...]
    flags: int  # active flags of the college, all deliverables
    extra_flags: int = 0  # active flags not tied to a deliverable of the campaign (intake …)


@dataclass(frozen=True)
class CollegePage:
    college: str
    files: list[dict]
    groups: list[tuple[str, str, list[dict]]]  # (deliverable key, title, flags)
    codes: list[str] = field(default_factory=list)  # codes of its still-open flags (bulk actions)


def _read(path: Path, key: str) -> tuple[dict, str | None]:
    if not path.exists():
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return {}, f"{path.name} 无法读取：{e}"
    if not isinstance(data, dict) or not isinstance(data.get(key, []), list):
        return {}, f"{path.name} 格式不对（缺少 {key} 列表）"
    return data, None


def load_outbox(outbox: Path) -> Outbox:
    """Read ``flags.json`` and ``intake.json``; a missing or broken file gives empty lists and a
    Chinese problem line (the page says so instead of failing)."""
    flags, p1 = _read(Path(outbox) / "flags.json", "flags")
    intake, p2 = _read(Path(outbox) / "intake.json", "files")
    problems = tuple(p for p in (p1, p2) if p)
    if not flags and not p1:
        problems += ("尚未生成处理结果：请先上传文件并点击“重新处理”。",)
    return Outbox(flags=[f for f in flags.get("flags", []) if isinstance(f, dict) and f.get("id")],
                  files=[f for f in intake.get("files", []) if isinstance(f, dict)],
                  generated_at=flags.get("generated_at"), problems=problems)


def fingerprint(flag: dict) -> str:
    """The flag's fingerprint exactly as the pipeline computes it (``Flag.fingerprint``)."""
    return Flag(code=str(flag.get("code", "")), severity="error", message="",
                expected=flag.get("expected"), found=flag.get("found"), file=flag.get("file"),
                evidence=tuple(flag.get("evidence") or ())).fingerprint


def overlay(flags: list[dict], decisions: dict[str, Decision]) -> list[dict]:
    """Each flag with the status staff decided (``decision``), or its published status. A decision
    made on other evidence is ``stale`` and not applied; a withdrawn decision shows as open; a
    flag the last run no longer raised stays ``resolved``."""
    out = []
    for f in flags:
        fp = fingerprint(f)
        d = decisions.get(f["id"])
        stale = bool(d and d.fingerprint and d.fingerprint != fp)
        status = f.get("status") or "open"
        if status == "resolved":
            pass  # the latest run no longer raises it: nothing left to decide
        elif d and not stale:
            status = d.status
        elif status in ("confirmed", "waived"):
            status = "open"
        out.append({**f, "fingerprint": fp, "status": status, "decision": None if stale else d,
                    "stale": stale, "evidence": list(f.get("evidence") or [])})
    return out


def college_of(record: dict) -> str:
    return record.get("college") or NO_COLLEGE


def _cell(files: list[dict], flags: list[dict]) -> Cell:
    used = [f for f in files if (f.get("state") or "used") == "used"]
    active = [f for f in flags if f["status"] in ACTIVE]
    if not used:
        return Cell("缺交", "missing", len(used), len(active))
    if any(f.get("code") == "LATE_SUBMISSION" for f in active):
        return Cell("逾期", "late", len(used), len(active))
    if active:
        return Cell("有问题", "issue", len(used), len(active))
    return Cell("已提交", "ok", len(used), 0)


def matrix(campaign: Campaign, files: list[dict], flags: list[dict]) -> list[Row]:
    """The overview: one row per college of the campaign (plus 未归属学院 when anything is
    unattributed), one cell per deliverable."""
    by_cell_files: dict[tuple, list] = defaultdict(list)
    by_cell_flags: dict[tuple, list] = defaultdict(list)
    for f in files:
        by_cell_files[(college_of(f), f.get("deliverable"))].append(f)
    for f in flags:
        by_cell_flags[(college_of(f), f.get("deliverable"))].append(f)
    keys = [d.key for d in campaign.deliverables]
    names = [c.name for c in campaign.colleges]
    if any(college_of(x) == NO_COLLEGE for x in [*files, *flags]):
        names.append(NO_COLLEGE)
    rows = []
    for name in names:
        cells = tuple(_cell(by_cell_files[(name, k)], by_cell_flags[(name, k)]) for k in keys)
        mine = [f for f in flags if college_of(f) == name and f["status"] in ACTIVE]
        extra = sum(1 for f in mine if f.get("deliverable") not in keys)
        rows.append(Row(name, cells, len(mine), extra))
    return rows


def deliverable_title(campaign: Campaign, key: str | None) -> str:
    for d in campaign.deliverables:
        if d.key == key:
            return d.title
    return {"intake": "收件与文件", None: "其他"}.get(key, key or "其他")


def college_page(campaign: Campaign, college: str, files: list[dict], flags: list[dict]) -> CollegePage:
    """A college's files (with intake state) and its flags grouped by deliverable, in campaign order."""
    mine = [f for f in flags if college_of(f) == college]
    order = [d.key for d in campaign.deliverables]
    keys = order + sorted({f.get("deliverable") or "" for f in mine} - set(order))
    groups = []
    for key in keys:
        group = [f for f in mine if (f.get("deliverable") or "") == key]
        if group:
            group.sort(key=lambda f: (f["status"] not in ACTIVE, f.get("severity") != "error", f.get("code", "")))
            groups.append((key, deliverable_title(campaign, key or None), group))
    codes = sorted({f["code"] for f in mine if f["status"] == "open"})
    my_files = sorted((f for f in files if college_of(f) == college), key=lambda f: str(f.get("file")))
    return CollegePage(college, my_files, groups, codes)


def find_flag(flags: list[dict], flag_id: str) -> dict | None:
    return next((f for f in flags if f["id"] == flag_id), None)


def evidence_items(flag: dict, outbox: Path, files: list[dict]) -> list[dict]:
    """Each evidence entry as {text, image (outbox-relative path or None), link (outbox path or
    None), sha256 (of the source file it names, or None)}."""
    from review.safety import inside

    by_display = {f.get("file"): f.get("sha256") for f in files}
    out = []
    for text in flag.get("evidence") or []:
        text = str(text)
        target = inside(Path(outbox), text) if not text.startswith("/") else None
        on_disk = target is not None and target.is_file()
        image = on_disk and target.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".webp")
        bare = re.sub(r"\s+第\s*\d+\s*[行页]$", "", text)  # "a.xlsx 第8行" names the file a.xlsx
        out.append({"text": text, "image": text if image else None, "link": text if on_disk else None,
                    "sha256": by_display.get(text) or by_display.get(bare)})
    return out


def source_sha(flag: dict, files: list[dict]) -> str | None:
    """The sha256 of the flag's source file, when intake recorded it."""
    want = flag.get("file")
    return next((f.get("sha256") for f in files if want and f.get("file") == want), None)
