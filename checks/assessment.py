"""Rules about the assessment: the summary table (A4) and the approval forms (A5).

SPEC §5 rows MODEL_QUOTA_EXCEEDED, CRITERIA_NOT_MET, HEADCOUNT_MISMATCH, PUBLICITY_TOO_SHORT,
FORM_MISSING, FORM_NOT_IN_SUMMARY. Ratings, criteria, ratios and the publicity length come from
``campaign.checks``; headcounts from the campaign, else from A4 (see ``Ctx.headcount``).
"""

from __future__ import annotations

from typing import Iterator

from paperdesk import textnorm

from checks.context import APPROVAL, PUBLICITY, RATING, STATED_TOTAL, SUMMARY, Ctx, percent, person_rows, sid_note
from checks.criteria import judge
from checks.dates import inclusive_days, parse_period
from checks.matching import Person, find_person, people_of, unique
from checks.registry import Finding, rule


def _person_finding(p: Person, message: str, **kw) -> Finding:
    return Finding(message, college=p.doc.college, deliverable=p.doc.deliverable, student_id=p.sid or None,
                   name=p.name or None, file=p.doc.file, **kw)


@rule("MODEL_QUOTA_EXCEEDED", severity="error")
def model_quota_exceeded(ctx: Ctx) -> Iterator[Finding]:
    """More 标兵 on an A4 than round_half_up(model_quota_ratio × headcount); the headcount falls back
    to the A4's stated total, then to its row count (so it is always known when there are rows)."""
    model, ratio = ctx.checks.ratings.model, ctx.checks.model_quota_ratio
    for d in ctx.docs(None, SUMMARY):
        if d.college is None:
            continue
        models = [p for p in unique(people_of(d)) if ctx.campaign.meaning(RATING, p.cells.get(RATING)) == model]
        head, source = ctx.headcount(d.college)  # never None here: A4's rows are the last fallback
        if head is None:
            continue
        cap = textnorm.round_half_up(ratio * head)
        if len(models) > cap:
            names = "、".join(p.label for p in models)
            yield Finding(f"{model}超出名额：最多 {cap} 人（{head} 人 × {percent(ratio)}，四舍五入；人数来自{source}），"
                          f"汇总表中有 {len(models)} 人：{names}（{d.file}）。",
                          college=d.college, deliverable=d.deliverable, file=d.file, field=RATING,
                          expected=f"≤{cap}", found=str(len(models)))


@rule("CRITERIA_NOT_MET", severity="error")
def criteria_not_met(ctx: Ctx) -> Iterator[Finding]:
    """One flag per A4 person and criterion of their rating that the row contradicts (a warning
    when the cell cannot be read)."""
    criteria = {ctx.campaign.meaning(RATING, k): (k, v) for k, v in ctx.checks.criteria.items()}
    for d in ctx.docs(None, SUMMARY):
        for p in unique(people_of(d)):
            rating, rules = criteria.get(ctx.campaign.meaning(RATING, p.cells.get(RATING)), (None, ()))
            for c in rules:
                value = p.cells.get(c.field, "")
                ok = judge(c.must, _meant(ctx, c.field, value), ctx.checks.award_keywords)
                if ok:
                    continue
                shown = value or "（空）"
                if ok is None:
                    msg = f"{p.label}评为{rating}，但“{c.field}”填写为“{shown}”，无法判断是否{c.text}，请核实（{p.where}）。"
                else:
                    msg = f"{p.label}评为{rating}，不符合条件“{c.text}”：“{c.field}”为“{shown}”（{p.where}）。"
                yield _person_finding(p, msg, field=c.field, expected=c.text, found=shown,
                                      severity="warning" if ok is None else None)


def _meant(ctx: Ctx, field: str, value: str) -> str | None:
    """The value by its meaning in the field's vocabulary (as typed when the field has none); None
    when it is none of the vocabulary's spellings (the criterion then cannot be judged)."""
    if not value or ctx.campaign.vocabulary(field) is None:
        return value
    return ctx.campaign.meaning(field, value)


@rule("HEADCOUNT_MISMATCH", severity="error")
def headcount_mismatch(ctx: Ctx) -> Iterator[Finding]:
    """A4's stated 带班党员总数 differs from its number of person rows (a warning when not stated);
    and, once per college, a warning when the office's roster and the college's own figure
    disagree (both values shown: neither is picked silently)."""
    yield from _roster_disagreements(ctx)
    for d in ctx.docs(None, SUMMARY):
        stated_text = d.record.header.get(STATED_TOTAL, "")
        stated = textnorm.to_int(stated_text)
        rows = len(person_rows(d.record))
        if stated is None:
            yield Finding(f"汇总表未填写（或无法读取）“{STATED_TOTAL}”（填写为“{stated_text or '空'}”），表中共 {rows} 人，"
                          f"无法核对（{d.file}）。", college=d.college, deliverable=d.deliverable, file=d.file,
                          field=STATED_TOTAL, severity="warning", expected=str(rows), found=stated_text or None)
        elif stated != rows:
            yield Finding(f"汇总表“{STATED_TOTAL}”填写为 {stated}，但表中列出 {rows} 人（{d.file}）。",
                          college=d.college, deliverable=d.deliverable, file=d.file, field=STATED_TOTAL,
                          expected=str(rows), found=str(stated))


def _roster_disagreements(ctx: Ctx) -> Iterator[Finding]:
    for c in ctx.campaign.colleges:
        stated = ctx.stated_headcount(c.name) if c.headcount is not None else None
        if stated is None or stated[0] == c.headcount:
            continue
        source = ctx.campaign.roster_source or "活动配置"
        yield Finding(f"带班党员总数两处不一致：{source}为 {c.headcount} 人，{stated[1]}为 {stated[0]} 人。"
                      f"名额按{source}的 {c.headcount} 人计算，请核实。",
                      college=c.name, deliverable=ctx.deliverable_key(SUMMARY), field=f"{STATED_TOTAL}（名册）",
                      expected=str(c.headcount), found=str(stated[0]), severity="warning")


@rule("PUBLICITY_TOO_SHORT", severity="error")
def publicity_too_short(ctx: Ctx) -> Iterator[Finding]:
    """公示 on A4 shorter than ``publicity_min_days`` counted inclusively (a warning when unreadable)."""
    least = ctx.checks.publicity_min_days
    for d in ctx.docs(None, SUMMARY):
        text = d.record.header.get(PUBLICITY, "")
        period = parse_period(text, ctx.default_year())
        if period is None:
            state = f"无法识别“{text}”" if text else "未填写"
            yield Finding(f"汇总表的{PUBLICITY}{state}，无法核对是否公示满 {least} 天（{d.file}）。",
                          college=d.college, deliverable=d.deliverable, file=d.file, field=PUBLICITY,
                          severity="warning", expected=f"≥{least}天", found=text or None)
            continue
        days = inclusive_days(period)
        if days < least:
            yield Finding(f"公示时间不足 {least} 天：{text} 共 {days} 天（含首尾两天）（{d.file}）。",
                          college=d.college, deliverable=d.deliverable, file=d.file, field=PUBLICITY,
                          expected=f"≥{least}天", found=f"{days}天")


def _note(ctx: Ctx, p: Person) -> str:
    return sid_note(p.cells.get("学号"), ctx.checks.student_id_digits)


def _people(ctx: Ctx, college: str, form: str, scans: bool = False) -> list[Person]:
    return unique([p for d in ctx.docs(college, form, scans=scans) for p in people_of(d)])


@rule("FORM_MISSING", severity="error")
def form_missing(ctx: Ctx) -> Iterator[Finding]:
    """A person on the college's A4 without an A5 approval form (a scanned paper form counts: the
    missing electronic half is DELIVERABLE_MISSING's business)."""
    key = ctx.deliverable_key(APPROVAL)
    title = ctx.campaign.deliverable(key).title if key else "考核审批表"
    for college in ctx.colleges:
        forms = _people(ctx, college, APPROVAL, scans=True)
        for p in _people(ctx, college, SUMMARY):
            if find_person(p, forms) is None:
                yield _person_finding(p, f"{p.label}在考核情况汇总表中（{p.where}），但未收到其《{title}》。{_note(ctx, p)}",
                                      expected=title, found="未收到")


@rule("FORM_NOT_IN_SUMMARY", severity="error")
def form_not_in_summary(ctx: Ctx) -> Iterator[Finding]:
    """An electronic A5 approval form whose person is not on the college's A4 (judged only when an A4
    arrived; scanned forms are left to the scan layer, whose OCR'd names would give false alarms)."""
    for college in ctx.colleges:
        summary = _people(ctx, college, SUMMARY)
        if not summary:
            continue
        for p in _people(ctx, college, APPROVAL):
            if find_person(p, summary) is None:
                yield _person_finding(p, f"收到{p.label}的考核审批表（{p.where}），但此人不在{college}的考核情况汇总表中。{_note(ctx, p)}",
                                      expected="汇总表中的带班党员", found=p.label)
