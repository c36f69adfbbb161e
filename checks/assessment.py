"""Rules about the assessment summary (A4): HEADCOUNT_MISMATCH.

The other rules of the assessment (MODEL_QUOTA_EXCEEDED, CRITERIA_NOT_MET, PUBLICITY_TOO_SHORT,
FORM_MISSING, FORM_NOT_IN_SUMMARY) are generic rules of the library (checks.kinds) that the 2020
campaign composes in its YAML. Headcounts come from the office's roster, else from A4 (see
``Ctx.headcount``).
"""

from __future__ import annotations

from typing import Iterator

from paperdesk import textnorm

from checks.context import STATED_TOTAL, SUMMARY, Ctx, person_rows
from checks.registry import Finding, rule


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


