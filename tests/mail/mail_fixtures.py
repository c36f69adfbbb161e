"""Builders of the mail tests: campaign files with ``mail:`` settings and college addresses."""

from __future__ import annotations

from pathlib import Path

import yaml

from paperdesk.campaign import DEFAULT_CAMPAIGN


def write_campaign(folder: Path, *, imap: dict | None = None, smtp: dict | None = None,
                   emails: dict[str, object] | None = None) -> Path:
    data = yaml.safe_load(DEFAULT_CAMPAIGN.read_text(encoding="utf-8"))
    mail = {k: v for k, v in (("imap", imap), ("smtp", smtp)) if v is not None}
    if mail:
        data["mail"] = mail
    for college in data["colleges"]:
        if emails and college["name"] in emails:
            college["email"] = emails[college["name"]]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "campaign.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def imap_settings(dovecot, user: str, *, port: int | None = None, security: str = "ssl", ca: bool = True, **extra) -> dict:
    out = {"host": "127.0.0.1", "port": port or (dovecot.imaps_port if security == "ssl" else dovecot.imap_port),
           "security": security, "user": user, "timeout": 10}
    if ca:
        out["ca_file"] = str(dovecot.cert)
    out.update(extra)
    return out


# ------------------------------------------------------------------ an outbox as `paperdesk run` leaves it

GENERATED_AT = "2020-06-22T18:00:00+08:00"
WENXUE, SHUTONG, MUSIC = "文学院", "数学与统计学院", "音乐学院"


def outbox_flags(campaign):
    """文学院 sent everything (an error, a warning, a waived warning, an office-only note);
    数学与统计学院 only its awards table (five deliverables missing); 音乐学院 nothing."""
    from paperdesk.models import Flag

    flags = [
        Flag("PHOTO_TOO_SMALL", "error", "张三的生活照只有 300 KB，应不小于 1 MB。", college=WENXUE, deliverable="cases",
             name="张三", file="文学院优秀带班党员案例.zip!张三生活照.jpg", field="生活照", expected="≥1 MB", found="300 KB"),
        Flag("LATE_SUBMISSION", "warning", "新聘学生带班党员汇总表于 6月21日 收到，晚于截止日期 6月20日。", college=WENXUE,
             deliverable="selection", file="文学院/新聘汇总表.xlsx"),
        Flag("DUPLICATE_FILE", "warning", "同一文件发送了两次。", college=WENXUE, deliverable="awards",
             file="文学院/获奖(1).xlsx", status="waived"),
        Flag("UNREADABLE_FILE", "warning", "读取超过时间限制。", college=WENXUE, deliverable="work-summary",
             file="文学院/总结.pdf", field="读取限制"),
    ]
    for d in campaign.deliverables:
        if d.key != "awards":
            flags.append(Flag("DELIVERABLE_MISSING", "error", f"尚未收到{d.title}。", college=SHUTONG, deliverable=d.key))
    return flags


def make_outbox(outbox: Path, campaign, flags=None) -> tuple[list[dict], list]:
    """回执/ and flags.json written by the writers themselves; returns (intake rows, flags)."""
    from review.receipt import as_submission
    from writers.flag_list import write_flags_json
    from writers.receipt import write_receipts

    files = [{"file": f"文学院/{d.key}.docx", "sha256": d.key, "size": 1, "state": "used", "college": WENXUE,
              "deliverable": d.key, "received_at": "2020-06-20T10:00:00+08:00"} for d in campaign.deliverables]
    files.append({"file": "数统/获奖情况统计表.xlsx", "sha256": "x", "size": 1, "state": "used", "college": SHUTONG,
                  "deliverable": "awards", "received_at": "2020-06-21T09:00:00+08:00"})
    flags = outbox_flags(campaign) if flags is None else flags
    write_receipts(outbox, campaign, as_submission(files), flags, GENERATED_AT)
    write_flags_json(outbox, campaign, flags, GENERATED_AT)
    return files, flags


def letter_paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def record_decisions(state_dir: Path, flags) -> None:
    """The decisions behind the published statuses (a published 'waived' without its decision in
    the state database reads as open again, as on the review page)."""
    from paperdesk.state import State

    state = State(state_dir)
    for f in flags:
        if f.status in ("confirmed", "waived"):
            state.decide(f.id, f.status, reason="测试", who="李老师", fingerprint=f.fingerprint)
