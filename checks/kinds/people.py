"""Rule kind ``duplicate_person``: one student listed where they should appear once.

- twice in one table of ``tables`` (same well-formed 学号) — one flag per table and student;
- on the forms of ``one_college`` of two or more colleges — one flag for each college involved
  (field 学院), with the notice's words for why ("同一学生只能由一个学院推荐");
- two forms of ``per_person`` of one college for the same person (学号, else 姓名).
"""

from __future__ import annotations

from typing import Iterator

from paperdesk import textnorm

from checks.context import SID, Ctx, sid_of
from checks.kinds import Params, kind
from checks.matching import Person, people_of
from checks.registry import Finding


class DuplicatePerson(Params):
    tables: tuple[str, ...] = ()
    one_college: dict[str, str] = {}
    per_person: tuple[str, ...] = ()


def _by_sid(ctx: Ctx, people: list[Person]) -> dict[str, list[Person]]:
    groups: dict[str, list[Person]] = {}
    for p in people:
        sid, ok = sid_of(p.cells.get(SID), ctx.checks.student_id_digits)
        if ok:
            groups.setdefault(sid, []).append(p)
    return groups


def _in_one_table(ctx: Ctx, p: DuplicatePerson) -> Iterator[Finding]:
    for form in p.tables:
        for d in ctx.docs(None, form):
            for sid, ps in _by_sid(ctx, people_of(d)).items():
                if len(ps) > 1:
                    rows = "、".join(f"第{p.row}行" for p in ps)
                    names = "、".join(dict.fromkeys(p.name for p in ps))
                    yield Finding(f"学号 {sid}（{names}）在同一张表中出现 {len(ps)} 次：{rows}（{d.file}）。",
                                  college=d.college, deliverable=d.deliverable, student_id=sid, name=ps[0].name or None,
                                  file=d.file, field=SID, expected="1次", found=f"{len(ps)}次")


def _across_colleges(ctx: Ctx, p: DuplicatePerson) -> Iterator[Finding]:
    for form, rule_text in p.one_college.items():
        groups = _by_sid(ctx, [p for d in ctx.docs(None, form) if d.college for p in people_of(d)])
        for sid, ps in groups.items():
            colleges = sorted({p.doc.college for p in ps})
            if len(colleges) < 2:
                continue
            for college in colleges:
                mine = next(p for p in ps if p.doc.college == college)
                others = "、".join(c for c in colleges if c != college)
                title = ctx.campaign.deliverable(mine.doc.deliverable).title if mine.doc.deliverable else form
                yield Finding(f"{mine.label}同时出现在{others}的{title}中（本院：{mine.where}），{rule_text}。",
                              college=college, deliverable=mine.doc.deliverable, student_id=sid,
                              name=mine.name or None, file=mine.doc.file, field="学院", expected=college,
                              found="、".join(colleges), evidence=tuple(p.where for p in ps))


def _two_forms(ctx: Ctx, form: str) -> Iterator[Finding]:
    title = next((d.title for d in ctx.campaign.deliverables if d.form == form), form)
    for college in ctx.colleges:
        groups: dict[str, list[Person]] = {}
        for d in ctx.docs(college, form):
            for p in people_of(d):
                groups.setdefault(p.sid or textnorm.squash(p.name), []).append(p)
        for ps in groups.values():
            if len(ps) > 1:
                files = "、".join(p.doc.file for p in ps)
                yield Finding(f"{ps[0].label}的《{title}》收到 {len(ps)} 份：{files}。", college=college,
                              deliverable=ps[0].doc.deliverable, student_id=ps[0].sid or None, name=ps[0].name or None,
                              file=ps[0].doc.file, expected="1份", found=f"{len(ps)}份",
                              evidence=tuple(p.doc.file for p in ps))


@kind("duplicate_person", DuplicatePerson, (), severity="warning")
def duplicate_person(ctx: Ctx, p: DuplicatePerson, _say) -> Iterator[Finding]:
    """Every duplicate listing of a student (see the module docstring). No message template."""
    yield from _in_one_table(ctx, p)
    yield from _across_colleges(ctx, p)
    for form in p.per_person:
        yield from _two_forms(ctx, form)
