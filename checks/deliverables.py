"""Rules about what each college sent, and when: DELIVERABLE_MISSING and LATE_SUBMISSION.

A college "has sent" a deliverable when at least one used, non-scan file of it is attributed to the
college. A deliverable with a paper half (``paper: true``) also needs a scan of it (a record read
from a scan, or a loose image of the deliverable): when the electronic half arrived and no scan
did, DELIVERABLE_MISSING names the paper half (``field`` 纸质版). Nothing at all arrived: one flag.
(What the scans say is checked in ``checks.paper``.) The submission time of a file is its carrying
email's Date, else the time intake first saw it.
"""

from __future__ import annotations

import dataclasses
from typing import Iterator

from paperdesk.campaign import Deliverable
from paperdesk.models import Identified, ImageFile

from checks.context import INTAKE, Ctx, is_scan
from checks.dates import cn_date, deadline, parse_time
from checks.registry import Finding, rule


def _electronic(f: Identified, d: Deliverable) -> bool:
    """A file that counts as the electronic half: not a scan (for a paper deliverable a loose
    image is a photo or scan of the paper copy)."""
    r = f.record
    return not is_scan(r) and not (d.paper and isinstance(r, ImageFile))


def _paper(f: Identified, d: Deliverable) -> bool:
    """A file that counts as the paper half: a scan, or a loose image of a paper deliverable."""
    return d.paper and (is_scan(f.record) or isinstance(f.record, ImageFile))


def _scanned(f: Identified, paper: set[str]) -> bool:
    """A scan, or an image of a paper deliverable or of none: the college sent paper copies."""
    return is_scan(f.record) or (isinstance(f.record, ImageFile) and (f.deliverable is None or f.deliverable in paper))


@rule("DELIVERABLE_MISSING", severity="error")
def deliverable_missing(ctx: Ctx) -> Iterator[Finding]:
    """One flag per college and deliverable with no electronic file, or (paper deliverables) with an
    electronic file but no scan of the paper copy — a warning when the college did send scans
    (the paper copy may be a page of one that was not placed); a college that sent nothing at all gets one
    flag ("尚未提交任何材料"), not one per deliverable. A college with a file that could not be read
    within its budget (an UNREADABLE_FILE warning) gets warnings only: the missing item may be that file."""
    unread = {ctx.college_of_item(i) for i in ctx.submission.items if i.over_budget}
    for finding in _missing(ctx):
        if finding.college in unread:
            finding = dataclasses.replace(
                finding, severity="warning",
                message=finding.message + "（该学院有文件因超出读取限制未能读完，此项可能就在其中；"
                                          "请加大读取限制重新运行后再核对。）")
        yield finding


def _missing(ctx: Ctx) -> Iterator[Finding]:
    paper = {d.key for d in ctx.campaign.deliverables if d.paper}
    for college in ctx.colleges:
        if not ctx.files(college):
            yield Finding(f"{college}尚未提交任何材料（{len(ctx.campaign.deliverables)} 项材料均未收到）。",
                          college=college, deliverable=INTAKE, expected="各项材料", found="未收到任何材料")
            continue
        scanned = any(_scanned(f, paper) for f in ctx.files(college))
        for d in ctx.campaign.deliverables:
            files = ctx.files(college, d.key)
            if any(_electronic(f, d) for f in files):
                if d.paper and not any(_paper(f, d) for f in files):
                    if scanned:  # it may be a page of a scan the reader did not place: staff look
                        yield Finding(f"{college}的《{d.title}》只收到电子版；该学院的扫描件中未能找到此项的纸质版"
                                      f"（可能与其他材料扫描在同一文件中而未能识别），请人工核对。",
                                      college=college, deliverable=d.key, field="纸质版", severity="warning",
                                      expected="纸质版（盖章）扫描件", found="扫描件中未找到")
                    else:
                        yield Finding(f"{college}的《{d.title}》只收到电子版，未收到加盖{ctx.checks.seal_name}的纸质版扫描件"
                                      f"（截止日期 {cn_date(d.due)}）。",
                                      college=college, deliverable=d.key, field="纸质版",
                                      expected="纸质版（盖章）扫描件", found="未收到纸质版扫描件")
                continue
            found = "只收到纸质版扫描件" if files else "未收到"
            tail = "只收到纸质版扫描件，缺电子版" if files else "未收到"
            yield Finding(f"{college}的《{d.title}》{tail}（截止日期 {cn_date(d.due)}）。",
                          college=college, deliverable=d.key, expected="已提交电子版", found=found)


@rule("LATE_SUBMISSION", severity="warning")
def late_submission(ctx: Ctx) -> Iterator[Finding]:
    """One flag per college and deliverable whose earliest file arrived after the deadline; the
    electronic half when there is one (a scan's time is when the office scanned the paper)."""
    tz = ctx.campaign.timezone
    for college in ctx.colleges:
        for d in ctx.campaign.deliverables:
            files = ctx.files(college, d.key)
            files = [f for f in files if _electronic(f, d)] or files
            if not files:
                continue
            times = [(t, f) for f in files if (t := parse_time(f.item.email_date or f.item.received_at, tz))]
            if not times:
                yield Finding(f"无法判断《{d.title}》的提交时间：文件没有可读的收件时间，请人工核实。",
                              college=college, deliverable=d.key, severity="warning",
                              expected=f"{d.due:%Y-%m-%d} 前提交", found="提交时间未知")
                continue
            first, f = min(times, key=lambda p: p[0])
            limit = deadline(d.due, tz, ctx.campaign.deadline_inclusive)
            if first >= limit:
                when = first.astimezone(limit.tzinfo)
                rule_text = "（含当天）" if ctx.campaign.deadline_inclusive else "（不含当天）"
                yield Finding(f"《{d.title}》逾期提交：截止日期 {cn_date(d.due)}{rule_text}，"
                              f"最早收到于 {cn_date(when)} {when:%H:%M}（{f.item.display}）。",
                              college=college, deliverable=d.key, evidence=(f.item.display,),
                              expected=f"{d.due:%Y-%m-%d}{rule_text}", found=f"{when:%Y-%m-%d %H:%M}")
