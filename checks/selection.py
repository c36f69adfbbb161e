"""Rules about the new class mentors (A2): class staffing and candidate eligibility.

SPEC §5 rows CLASS_UNSTAFFED, CANDIDATE_GRADE (CLASS_OVER_STAFFED is a ``per_group_max`` and
CANDIDATE_STATUS a ``value_in_set`` rule of the campaign, checks.kinds; :func:`class_key` and
:func:`status_ok` are their comparisons). The
limit per class, the enrolment year and the freshman classes come from the campaign. A malformed 学号 is reported inside CANDIDATE_GRADE's message (no separate code).
"""

from __future__ import annotations

import re
from typing import Iterator

from paperdesk import textnorm

from checks.context import NEW_CLASS, SELECTION, SID, Ctx, sid_of
from checks.matching import Person, people_of, unique
from checks.registry import Finding, rule

_CLASS_SPLIT = re.compile(r"[、,，;；/]+")
_YEAR = re.compile(r"^(20\d\d)(?=\D)")


def class_key(text: str) -> str:
    """A key for matching class names loosely: "2020级数学与应用数学1班" ~ "20数学与应用数学1班"."""
    key = textnorm.squash(text).replace("级", "")
    key = _YEAR.sub(lambda m: m.group(1)[2:], key)  # a leading 4-digit year 20xx as its last two digits
    return key[:-1] if key.endswith("班") else key


def split_groups(text: str) -> list[str]:
    """The groups (classes) one cell names: a cell may name several, split at 、,;/."""
    return [c.strip() for c in _CLASS_SPLIT.split(text or "") if c.strip()]


def classes_of(p: Person) -> list[str]:
    """The freshman classes one A2 row mentors (a cell may name several)."""
    return split_groups(p.cells.get(NEW_CLASS, ""))


def class_field(cls: str) -> str:
    """The ``field`` of a class-level flag: the column and the class ("所带新生班级：20统计学1班"), so that
    two classes of one table give two flags (a flag's id has no other slot for the class)."""
    return f"{NEW_CLASS}：{cls}"


def _finding(p: Person, message: str, **kw) -> Finding:
    return Finding(message, college=p.doc.college, deliverable=p.doc.deliverable, student_id=p.sid or None,
                   name=p.name or None, file=p.doc.file, **kw)


@rule("CLASS_UNSTAFFED", severity="warning")
def class_unstaffed(ctx: Ctx) -> Iterator[Finding]:
    """A class of ``College.freshman_classes`` that no A2 row mentors (judged when an A2 arrived)."""
    for c in ctx.campaign.colleges:
        docs = ctx.docs(c.name, SELECTION)
        if not docs or not c.freshman_classes:
            continue
        staffed = {class_key(x) for d in docs for p in people_of(d) for x in classes_of(p)}
        for cls in c.freshman_classes:
            if class_key(cls) not in staffed:
                yield Finding(f"新生班级“{cls}”在新聘学生带班党员汇总表中没有配备带班党员（{docs[0].file}）。",
                              college=c.name, deliverable=docs[0].deliverable, file=docs[0].file,
                              field=class_field(cls), expected=f"{cls}：1—{ctx.checks.class_max_mentors}名", found="0名")


@rule("CANDIDATE_GRADE", severity="error", needs=("candidate_enrolment_year",))
def candidate_grade(ctx: Ctx) -> Iterator[Finding]:
    """A new mentor whose 学号 does not start with ``candidate_enrolment_year`` (or is malformed)."""
    year = str(ctx.checks.candidate_enrolment_year)
    digits = ctx.checks.student_id_digits
    for d in ctx.docs(None, SELECTION):
        for p in unique(people_of(d)):
            raw = p.cells.get(SID, "")
            sid, ok = sid_of(raw, digits)
            if not ok:
                state = "未填写学号" if not raw else f"学号格式不正确（“{raw}”不是 {digits} 位数字）"
                yield _finding(p, f"{p.label}{state}，无法核对是否为 {year} 级学生（{p.where}）。",
                               field=SID, expected=f"{digits}位数字，以{year}开头", found=raw or None)
            elif not sid.startswith(year):
                yield _finding(p, f"{p.label}不是即将升读三年级的学生：学号显示为 {sid[:4]} 级，应为 {year} 级（{p.where}）。",
                               field=SID, expected=f"{year}级", found=f"{sid[:4]}级")


def status_ok(value: str, allowed: tuple[str, ...]) -> bool:
    """Whether a 政治面貌 is one of ``allowed``, tolerating short forms ("预备党员", "积极分子")."""
    v = textnorm.squash(value).replace("正式", "")
    if not v:
        return False
    for a in (textnorm.squash(s) for s in allowed):
        if v == a or (len(v) >= 4 and a.endswith(v)) or (v == "党员" and a == "中共党员"):
            return True
    return False
