"""Rule kinds over the person rows of a form (a table's rows, or one label/value form each).

``value_in_set``   a column's value must be one of ``allowed``
``row_condition``  a column of every row (of a category: ``when``) must meet a condition
``quota``          rows of a category may number at most round(ratio × the college's base)
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Iterator, Literal

from pydantic import Field, field_validator, model_validator

from checks.context import SID, Ctx, percent, sid_of
from checks.criteria import judge
from checks.kinds import Params, exact_decimal, kind
from checks.kinds.documents import quota_base
from checks.matching import Person, people_of, unique
from checks.registry import Finding
from checks.groups import class_key, split_groups, status_ok


def _finding(p: Person, message: str, **kw) -> Finding:
    return Finding(message, college=p.doc.college, deliverable=p.doc.deliverable, student_id=p.sid or None,
                   name=p.name or None, file=p.doc.file, **kw)


def _people(ctx: Ctx, form: str, college: str | None = None) -> Iterator[tuple[object, Person]]:
    for d in ctx.docs(college, form):
        for p in unique(people_of(d)):
            yield d, p


def _meant(ctx: Ctx, column: str, value: str) -> str | None:
    """The value by its meaning in the column's vocabulary (as typed without one; None: none of
    its spellings)."""
    if not value or ctx.campaign.vocabulary(column) is None:
        return value
    return ctx.campaign.meaning(column, value)


def _in_category(ctx: Ctx, p: Person, when: dict[str, tuple[str, ...]]) -> bool:
    return all(_meant(ctx, col, p.cells.get(col, "")) in {ctx.campaign.meaning(col, v) or v for v in values}
               for col, values in when.items())


def _values(v):
    """One value or a list of values as a tuple (anything else is left for pydantic to reject)."""
    return (v,) if isinstance(v, str) else tuple(v) if isinstance(v, (list, tuple)) else v


# ---------------------------------------------------------------- value_in_set


class ValueInSet(Params):
    form: str
    column: str
    allowed: tuple[str, ...] = Field(min_length=1)
    #: who the rule is about, as messages say it ("新聘学生带班党员", "推荐人选")
    subject: str = "人选"
    when: dict[str, tuple[str, ...]] = {}

    @field_validator("when", mode="before")
    @classmethod
    def _when(cls, v):
        return {k: _values(x) for k, x in v.items()} if isinstance(v, dict) else v  # else: pydantic says what is wrong


@kind("value_in_set", ValueInSet, ("person", "column", "value", "allowed", "subject", "where"))
def value_in_set(ctx: Ctx, p: ValueInSet, say) -> Iterator[Finding]:
    """A row whose ``column`` is none of ``allowed``. With a vocabulary for the column the value
    is judged by meaning (团员 is 共青团员); a spelling the vocabulary does not know is a warning
    (staff look), never an error. Without one, short forms are tolerated (预备党员 is
    中共预备党员). Placeholders: person, column, value, allowed, subject, where."""
    allowed = "、".join(p.allowed)
    vocab = ctx.campaign.vocabulary(p.column)
    wanted = {ctx.campaign.meaning(p.column, a) or a for a in p.allowed}
    for _d, person in _people(ctx, p.form):
        if p.when and not _in_category(ctx, person, p.when):
            continue
        value = person.cells.get(p.column, "")
        meant = ctx.campaign.meaning(p.column, value) if value else None
        if meant in wanted or status_ok(value, p.allowed):
            continue
        shown = value or "（空）"
        unsure = bool(value) and vocab is not None and meant is None
        values = dict(person=person.label, column=p.column, value=shown, allowed=allowed, subject=p.subject,
                      where=person.where)
        if unsure:
            msg = (f"{person.label}的{p.column}填写为“{shown}”，不是常见写法，无法判断是否为{allowed}之一"
                   f"（{p.subject}须为其中之一），请核实（{person.where}）。")
        else:
            msg = say(f"{person.label}的{p.column}为“{shown}”，{p.subject}须为{allowed}之一（{person.where}）。", **values)
        yield _finding(person, msg, field=p.column, expected=allowed, found=value or None,
                       severity="warning" if unsure else None)


# ---------------------------------------------------------------- row_condition


class RowCondition(Params):
    form: str
    column: str
    #: what the cell must hold: a number at least ``min`` / at most ``max``, or one of the
    #: criterion words of checks.criteria (zero, done, no_bad_record, award_min)
    min: Decimal | None = None
    max: Decimal | None = None
    must: Literal["zero", "done", "no_bad_record", "award_min"] | None = None
    #: the condition as the notice words it ("平均学分绩点不低于 3.0")
    text: str
    #: only rows of this category, by meaning: {column: value or [values]}
    when: dict[str, tuple[str, ...]] = {}
    #: how a message says the category ("评为{value}", "被推荐为{value}"): {value} is the row's
    as_: str = Field(default="", alias="as")

    @field_validator("when", mode="before")
    @classmethod
    def _when(cls, v):
        return {k: _values(x) for k, x in v.items()} if isinstance(v, dict) else v  # else: pydantic says what is wrong

    @model_validator(mode="after")
    def _one_condition(self):
        if (self.min is None and self.max is None) == (self.must is None):
            raise ValueError("row_condition 需要 min/max（数值条件）或 must（文字条件）之一，且只能有一种")
        return self


def _number(text: str) -> Decimal | None:
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*", (text or "").translate(str.maketrans("０１２３４５６７８９．", "0123456789.")))
    return Decimal(m.group(1)) if m else None


@kind("row_condition", RowCondition, ("person", "category", "text", "column", "value", "where"))
def row_condition(ctx: Ctx, p: RowCondition, say) -> Iterator[Finding]:
    """A row (of the category ``when``) whose ``column`` does not meet the condition: an error when
    the cell says so, a warning when it cannot be read (blank, not a number, a word of no
    vocabulary). Placeholders: person, category, text, column, value, where."""
    for _d, person in _people(ctx, p.form):
        if p.when and not _in_category(ctx, person, p.when):
            continue
        value = person.cells.get(p.column, "")
        if p.must is not None:
            ok = judge(p.must, _meant(ctx, p.column, value), ctx.checks.award_keywords)
        else:
            n = _number(value)
            ok = None if n is None else ((p.min is None or n >= p.min) and (p.max is None or n <= p.max))
        if ok:
            continue
        shown = value or "（空）"
        category = ""
        if p.when and p.as_:
            col = next(iter(p.when))
            category = p.as_.format(value=ctx.campaign.meaning(col, person.cells.get(col, "")) or person.cells.get(col, ""))
        values = dict(person=person.label, category=category, text=p.text, column=p.column, value=shown, where=person.where)
        if ok is None:
            msg = say(f"{person.label}{category}，但“{p.column}”填写为“{shown}”，无法判断是否{p.text}，请核实（{person.where}）。", **values)
        else:
            msg = say(f"{person.label}{category}，不符合条件“{p.text}”：“{p.column}”为“{shown}”（{person.where}）。", **values)
        yield _finding(person, msg, field=p.column, expected=p.text, found=shown, severity="warning" if ok is None else None)


# ---------------------------------------------------------------- quota


_ROUNDING = {"half_up": (ROUND_HALF_UP, "四舍五入"), "down": (ROUND_FLOOR, "向下取整"), "up": (ROUND_CEILING, "向上取整")}


class Quota(Params):
    form: str
    column: str
    #: the category counted, by meaning (e.g. the rating 学生带班党员标兵)
    values: tuple[str, ...] = Field(min_length=1)
    ratio: Decimal = Field(gt=0)
    rounding: Literal["half_up", "down", "up"] = "half_up"
    #: the quota's base: the college's headcount of the office's roster (``College.headcount``);
    #: with ``base_fallback`` also the figure the college states in the form's header field
    #: ``base_header``, then the form's number of rows (what the 2020 notice did)
    base_header: str | None = None
    base_fallback: bool = False
    #: how messages name the counted category and the document ("标兵", "汇总表")
    what: str = ""
    document: str = "汇总表"
    #: the flag's field (default: ``column``); two quotas on one form need two ("推荐类别：优秀团员")
    field: str | None = None

    @field_validator("values", mode="before")
    @classmethod
    def _vals(cls, v):
        return _values(v)

    @field_validator("ratio", mode="before")
    @classmethod
    def _ratio(cls, v):
        return exact_decimal(v)


def _base(ctx: Ctx, p: Quota, college: str) -> tuple[int | None, str]:
    return quota_base(ctx, college, p.form if p.base_fallback else None, p.base_header, p.document, p.document)


def cap(p: Quota, base: int) -> int:
    """The most rows a ``quota`` rule allows on a base of ``base``: ratio × base, rounded its way."""
    return int((p.ratio * Decimal(base)).quantize(Decimal(1), rounding=_ROUNDING[p.rounding][0]))


@kind("quota", Quota, ("what", "cap", "base", "percent", "rounding", "source", "count", "names", "document", "file"))
def quota(ctx: Ctx, p: Quota, say) -> Iterator[Finding]:
    """More rows of the category than round(ratio × base) on a college's form; a warning when the
    base is not known (no roster figure: nobody invents one). Placeholders: what, cap, base,
    percent, rounding, source, count, names, document, file."""
    wanted = {ctx.campaign.meaning(p.column, v) or v for v in p.values}
    rounding = _ROUNDING[p.rounding][1]
    what = p.what or "、".join(p.values)
    for d in ctx.docs(None, p.form):
        if d.college is None:
            continue
        counted = [x for x in unique(people_of(d)) if _meant(ctx, p.column, x.cells.get(p.column, "")) in wanted]
        head, source = _base(ctx, p, d.college)
        if head is None:
            if counted:
                yield Finding(f"无法核对{what}名额：{d.college}的名额基数（人数）未登记（{d.file} 中有{what} {len(counted)} 人），请人工核实。",
                              college=d.college, deliverable=d.deliverable, file=d.file, field=p.field or p.column,
                              expected=f"≤{percent(p.ratio)}×基数", found=str(len(counted)), severity="warning")
            continue
        cap_ = cap(p, head)
        if len(counted) > cap_:
            names = "、".join(x.label for x in counted)
            values = dict(what=what, cap=cap_, base=head, percent=percent(p.ratio), rounding=rounding, source=source,
                          count=len(counted), names=names, document=p.document, file=d.file)
            yield Finding(say(f"{what}超出名额：最多 {cap_} 人（{head} 人 × {percent(p.ratio)}，{rounding}；人数来自{source}），"
                              f"{p.document}中有 {len(counted)} 人：{names}（{d.file}）。", **values),
                          college=d.college, deliverable=d.deliverable, file=d.file, field=p.field or p.column,
                          expected=f"≤{cap_}", found=str(len(counted)))


# ---------------------------------------------------------------- per_group_max


class PerGroupMax(Params):
    form: str
    #: the column naming each row's group (a cell may name several, split at 、,;/)
    column: str
    max: int = Field(gt=0)


@kind("per_group_max", PerGroupMax, ("column", "group", "count", "max", "people"))
def per_group_max(ctx: Ctx, p: PerGroupMax, say) -> Iterator[Finding]:
    """More than ``max`` rows of one college's forms on one group (a class: names compared
    loosely, 2020级数学1班 ~ 20数学1班). Placeholders: column, group, count, max, people."""
    for college in ctx.colleges:
        groups: dict[str, list[tuple[str, Person]]] = {}
        for d in ctx.docs(college, p.form):
            for person in people_of(d):
                for g in split_groups(person.cells.get(p.column, "")):
                    groups.setdefault(class_key(g), []).append((g, person))
        for members in groups.values():
            if len(members) > p.max:
                shown, first = members[0][0], members[0][1]
                people = "、".join(f"{x.label}（第{x.row}行）" if x.row else x.label for _, x in members)
                yield Finding(say(f"{p.column}“{shown}”有 {len(members)} 人，超过每组 {p.max} 人的上限：{people}。",
                                  column=p.column, group=shown, count=len(members), max=p.max, people=people),
                              college=college, deliverable=first.doc.deliverable, file=first.doc.file,
                              field=f"{p.column}：{shown}", expected=f"≤{p.max}", found=f"{shown}：{len(members)}名")


# ---------------------------------------------------------------- groups_covered


class GroupsCovered(Params):
    form: str
    #: the column naming each row's group(s)
    column: str
    #: the flag's expected value, ``{group}`` being the group and ``{max}`` the parameter below
    #: ("{group}：1—{max}名")
    expected: str = "{group}：至少1名"
    max: int | None = None


@kind("groups_covered", GroupsCovered, ("group", "column", "file"), severity="warning")
def groups_covered(ctx: Ctx, p: GroupsCovered, say) -> Iterator[Finding]:
    """A group of the college's reference list (``College.freshman_classes``, from the office's
    roster) that no row of its ``form`` names (judged when the form arrived; a warning by
    default). Placeholders: group, column, file."""
    for c in ctx.campaign.colleges:
        docs = ctx.docs(c.name, p.form)
        if not docs or not c.freshman_classes:
            continue
        named = {class_key(g) for d in docs for x in people_of(d) for g in split_groups(x.cells.get(p.column, ""))}
        for group in c.freshman_classes:
            if class_key(group) not in named:
                yield Finding(say(f"{p.column}中没有“{group}”（{docs[0].file}）。", group=group, column=p.column, file=docs[0].file),
                              college=c.name, deliverable=docs[0].deliverable, file=docs[0].file,
                              field=f"{p.column}：{group}", expected=p.expected.format(group=group, max=p.max), found="0名")


# ---------------------------------------------------------------- id_year


class IdYear(Params):
    form: str
    #: the 学号 must start with this enrolment year
    year: int = Field(gt=1900)


@kind("id_year", IdYear, ("person", "found", "year", "where"))
def id_year(ctx: Ctx, p: IdYear, say) -> Iterator[Finding]:
    """A row whose 学号 does not start with the enrolment year ``year`` (an error), or cannot show
    it (blank or not ``student_id_digits`` digits: a warning, the grade is unknown, not wrong).
    Placeholders (the wrong year's message): person, found (the year the 学号 shows), year, where."""
    year = str(p.year)
    digits = ctx.checks.student_id_digits
    for _d, person in _people(ctx, p.form):
        raw = person.cells.get(SID, "")
        sid, ok = sid_of(raw, digits)
        if not ok:
            state = "未填写学号" if not raw else f"学号格式不正确（“{raw}”不是 {digits} 位数字）"
            yield _finding(person, f"{person.label}{state}，无法核对是否为 {year} 级学生（{person.where}）。",
                           field=SID, expected=f"{digits}位数字，以{year}开头", found=raw or None,
                           severity="warning")
        elif not sid.startswith(year):
            yield _finding(person, say(f"{person.label}的学号显示为 {sid[:4]} 级，应为 {year} 级（{person.where}）。",
                                       person=person.label, found=sid[:4], year=year, where=person.where),
                           field=SID, expected=f"{year}级", found=f"{sid[:4]}级")
