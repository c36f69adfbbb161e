"""Rule kinds over whole documents of a form.

``period_min_days``    a header field holding a period (公示) must span at least N days, inclusive
``text_length``        a long field (主要事迹) may hold at most N 字 (SPEC's counting rule)
``person_missing_in``  everyone on one form must be on another (a per-person form for every row
                       of a summary, or every per-person form's person on the summary)
"""

from __future__ import annotations

from typing import Iterator

from pydantic import Field

from paperdesk import textnorm

from checks.context import Ctx, sid_note
from checks.dates import inclusive_days, parse_period
from checks.kinds import Params, kind
from checks.matching import find_person, people_of, unique
from checks.registry import Finding


# ---------------------------------------------------------------- period_min_days


class PeriodMinDays(Params):
    form: str
    field: str
    min_days: int = Field(gt=0)
    document: str = "汇总表"


@kind("period_min_days", PeriodMinDays, ("field", "text", "days", "min_days", "document", "file"))
def period_min_days(ctx: Ctx, p: PeriodMinDays, say) -> Iterator[Finding]:
    """The period in header ``field`` shorter than ``min_days`` counted inclusively (a missing year
    is the campaign's); a warning when it is blank or cannot be read. Placeholders: field, text,
    days, min_days, document, file."""
    year = ctx.default_year()
    for d in ctx.docs(None, p.form):
        text = d.record.header.get(p.field, "")
        period = parse_period(text, year)
        if period is None:
            state = f"无法识别“{text}”" if text else "未填写"
            yield Finding(f"{p.document}的{p.field}{state}，无法核对是否满 {p.min_days} 天（{d.file}）。",
                          college=d.college, deliverable=d.deliverable, file=d.file, field=p.field,
                          severity="warning", expected=f"≥{p.min_days}天", found=text or None)
            continue
        days = inclusive_days(period)
        if days < p.min_days:
            yield Finding(say(f"{p.field}不足 {p.min_days} 天：{text} 共 {days} 天（含首尾两天）（{d.file}）。",
                              field=p.field, text=text, days=days, min_days=p.min_days, document=p.document, file=d.file),
                          college=d.college, deliverable=d.deliverable, file=d.file, field=p.field,
                          expected=f"≥{p.min_days}天", found=f"{days}天")


# ---------------------------------------------------------------- text_length


class TextLength(Params):
    form: str
    field: str
    max_chars: int = Field(gt=0)


@kind("text_length", TextLength, ("person", "field", "count", "max_chars", "where"))
def text_length(ctx: Ctx, p: TextLength, say) -> Iterator[Finding]:
    """A form's ``field`` over ``max_chars`` 字 by SPEC's rule (each CJK character or full-width
    mark 1, a run of Latin letters or digits 1; exactly the maximum passes). Placeholders:
    person, field, count, max_chars, where."""
    for d in ctx.docs(None, p.form):
        for person in unique(people_of(d)):
            n = textnorm.count_chars(person.cells.get(p.field, ""))
            if n > p.max_chars:
                yield Finding(say(f"{person.label}的“{p.field}”共 {n} 字，超过 {p.max_chars} 字的上限（{person.where}）。",
                                  person=person.label, field=p.field, count=n, max_chars=p.max_chars, where=person.where),
                              college=d.college, deliverable=d.deliverable, student_id=person.sid or None,
                              name=person.name or None, file=d.file, field=p.field, expected=f"≤{p.max_chars}字",
                              found=f"{n}字")


# ---------------------------------------------------------------- person_missing_in


class PersonMissingIn(Params):
    #: whose people are looked for ...
    source: str
    #: ... on which form (scans of it count when ``target_scans``)
    target: str
    target_scans: bool = False
    #: judge only a college whose ``target`` arrived (else DELIVERABLE_MISSING says it all)
    only_when_target_arrived: bool = False
    #: the flag's expected value (default: the target's title) and whether its found value is the
    #: person (default: "未收到")
    expected: str | None = None
    found_person: bool = False


@kind("person_missing_in", PersonMissingIn, ("person", "where", "college", "source_title", "target_title", "note"))
def person_missing_in(ctx: Ctx, p: PersonMissingIn, say) -> Iterator[Finding]:
    """A person on a college's ``source`` form who is on none of its ``target`` forms (matched on
    学号, else 姓名). Placeholders: person, where, college, source_title, target_title, note (a
    malformed 学号, said once here rather than by a rule of its own)."""
    titles = {d.form: d.title for d in ctx.campaign.deliverables if d.form}
    source_title, target_title = titles.get(p.source, p.source), titles.get(p.target, p.target)
    for college in ctx.colleges:
        targets = unique([x for d in ctx.docs(college, p.target, scans=p.target_scans) for x in people_of(d)])
        if p.only_when_target_arrived and not targets:
            continue
        for person in unique([x for d in ctx.docs(college, p.source) for x in people_of(d)]):
            if find_person(person, targets) is not None:
                continue
            note = sid_note(person.cells.get("学号"), ctx.checks.student_id_digits)
            values = dict(person=person.label, where=person.where, college=college, source_title=source_title,
                          target_title=target_title, note=note)
            yield Finding(say(f"{person.label}在《{source_title}》中（{person.where}），但未收到其《{target_title}》。{note}", **values),
                          college=college, deliverable=person.doc.deliverable, student_id=person.sid or None,
                          name=person.name or None, file=person.doc.file, expected=p.expected or target_title,
                          found=person.label if p.found_person else "未收到")


# ---------------------------------------------------------------- stated_total


class StatedTotal(Params):
    form: str
    #: the header field where the college states how many people the form lists (带班党员总数)
    field: str
    document: str = "汇总表"
    #: also compare it with the office's roster, once per college (a warning with both figures)
    roster: bool = True


def stated_total_of(ctx: Ctx, college: str, form: str, field: str, document: str) -> tuple[int, str] | None:
    """The total a college states in header ``field`` of its electronic ``form`` (then of a scan
    of it), with where it was read."""
    for scans in (False, True):
        for d in ctx.docs(college, form, scans=scans):
            n = textnorm.to_int(d.record.header.get(field))
            if n:
                return n, f"学院在{document}上填写的{field}（{d.file}）"
    return None


def quota_base(ctx: Ctx, college: str, form: str | None, header: str | None, stated_in: str,
               rows_of: str) -> tuple[int | None, str]:
    """A quota's base for ``college`` and where it came from: the office's roster
    (``College.headcount``); else, when ``form`` is given, the total the college states in its
    header field ``header`` (messages call the form ``stated_in``), then the form's number of
    rows (``rows_of``); (None, "") when none is known: nobody invents one."""
    c = ctx.campaign.college(college)
    if c is not None and c.headcount is not None:
        return c.headcount, ctx.campaign.roster_source or "活动配置中的学院人数"
    if not form:
        return None, ""
    stated = stated_total_of(ctx, college, form, header, stated_in) if header else None
    if stated is not None:
        return stated
    for d in ctx.docs(college, form):
        rows = people_of(d)
        if rows:
            return len(rows), f"{rows_of}所列人数（{d.file}）"
    return None, ""


@kind("stated_total", StatedTotal, ())
def stated_total(ctx: Ctx, p: StatedTotal, _say) -> Iterator[Finding]:
    """A form's stated total (header ``field``) differs from its number of person rows (a warning
    when it is not stated or cannot be read); with ``roster``, once per college, a warning when
    the office's roster and the college's figure disagree (both shown: neither is picked
    silently). No message template."""
    key = next((d.key for d in ctx.campaign.deliverables if d.form == p.form), None)
    if p.roster:
        for c in ctx.campaign.colleges:
            stated = stated_total_of(ctx, c.name, p.form, p.field, p.document) if c.headcount is not None else None
            if stated is None or stated[0] == c.headcount:
                continue
            source = ctx.campaign.roster_source or "活动配置"
            yield Finding(f"{p.field}两处不一致：{source}为 {c.headcount} 人，{stated[1]}为 {stated[0]} 人。"
                          f"名额按{source}的 {c.headcount} 人计算，请核实。",
                          college=c.name, deliverable=key, field=f"{p.field}（名册）",
                          expected=str(c.headcount), found=str(stated[0]), severity="warning")
    for d in ctx.docs(None, p.form):
        stated_text = d.record.header.get(p.field, "")
        stated = textnorm.to_int(stated_text)
        rows = len(people_of(d))
        if stated is None:
            yield Finding(f"{p.document}未填写（或无法读取）“{p.field}”（填写为“{stated_text or '空'}”），表中共 {rows} 人，"
                          f"无法核对（{d.file}）。", college=d.college, deliverable=d.deliverable, file=d.file,
                          field=p.field, severity="warning", expected=str(rows), found=stated_text or None)
        elif stated != rows:
            yield Finding(f"{p.document}“{p.field}”填写为 {stated}，但表中列出 {rows} 人（{d.file}）。",
                          college=d.college, deliverable=d.deliverable, file=d.file, field=p.field,
                          expected=str(rows), found=str(stated))
