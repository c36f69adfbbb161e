"""Chinese labels and orderings shared by the writers (no I/O).

Everything people read is Chinese; records keep English codes. These tables translate codes to
what appears in spreadsheets and letters, and give every output the same stable order
(colleges and deliverables in campaign order), so that two runs write the same bytes.
"""

from __future__ import annotations

import datetime as dt

from paperdesk.campaign import Campaign
from paperdesk.models import Flag

INTAKE = "intake"
STATE_ZH = {"used": "已使用", "duplicate": "重复", "ignored": "已忽略", "unreadable": "无法读取",
            "superseded": "已被替换"}
SEVERITY_ZH = {"error": "错误", "warning": "警告"}
STATUS_ZH = {"open": "待处理", "confirmed": "已确认", "waived": "已忽略", "resolved": "已解决"}
ACTIVE = ("open", "confirmed")


def is_active(flag: Flag) -> bool:
    """A flag still to act on (open or confirmed); waived and resolved ones are left out of letters."""
    return flag.status in ACTIVE


def deliverable_title(campaign: Campaign, key: str | None) -> str:
    """The Chinese title of a deliverable key; ``intake`` → 收件; unknown keys unchanged."""
    if not key:
        return ""
    if key == INTAKE:
        return "收件"
    try:
        return campaign.deliverable(key).title
    except KeyError:
        return key


def _rank(values: list[str], value: str | None) -> int:
    return values.index(value) if value in values else len(values)


def flag_order(campaign: Campaign, flag: Flag) -> tuple:
    """Sort key: college and deliverable in campaign order, errors first, then code, person, file."""
    colleges = [c.name for c in campaign.colleges]
    deliverables = [INTAKE] + [d.key for d in campaign.deliverables]
    return (_rank(colleges, flag.college), flag.college or "", _rank(deliverables, flag.deliverable),
            flag.severity != "error", flag.code, flag.student_id or "", flag.name or "", flag.file or "",
            flag.field or "", flag.id)


def ordered_flags(campaign: Campaign, flags: list[Flag]) -> list[Flag]:
    return sorted(flags, key=lambda f: flag_order(campaign, f))


def short_time(iso: str | None) -> str:
    """``2020-06-21T10:30:00+08:00`` → ``2020-06-21 10:30`` (wall time as recorded); '' for None."""
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def chinese_date(iso: str) -> str:
    """``2020-06-22T…`` → ``2020年6月22日``."""
    d = dt.datetime.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"
