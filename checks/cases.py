"""Rules about the excellent cases (A1) and their pictures.

SPEC §5 rows PHOTO_TOO_SMALL, PHOTO_MISSING, CASE_TOO_LONG, CASE_IMAGE_COUNT, CASE_SECTION_MISSING,
CASE_QUOTA, CASE_AUTHOR_UNKNOWN. Limits come from ``campaign.checks``.
"""

from __future__ import annotations

from typing import Iterator

from paperdesk import textnorm

from checks.case_images import CaseKit, case_kits, life_photos
from checks.context import SID, SUMMARY, Ctx, percent, sid_note
from checks.matching import Person, find_person, people_of
from checks.registry import Finding, rule


def _mib(n: int) -> str:
    return f"{n:,} 字节（约 {n / 1_048_576:.2f} MB）"


def _who(kit: CaseKit) -> str:
    return kit.author or "（作者姓名未填）"


def _case_finding(kit: CaseKit, message: str, **kw) -> Finding:
    return Finding(message, college=kit.case.college, deliverable=kit.case.deliverable,
                   student_id=kit.author_sid or None, name=kit.author or None, file=kit.case.file, **kw)


@rule("PHOTO_TOO_SMALL", severity="error")
def photo_too_small(ctx: Ctx) -> Iterator[Finding]:
    """A life photo under ``photo_min_bytes`` (exactly the minimum passes). A case whose author has
    one big enough photo passes (Word shrinks embedded copies); otherwise its largest photo is
    flagged once. Life photos that belong to no case are judged one by one."""
    least = ctx.checks.photo_min_bytes
    for college in ctx.colleges:
        by_kit: dict[int, list] = {}
        for pic, kit in life_photos(ctx, college):
            by_kit.setdefault(id(kit), []).append((pic, kit))
        for group in by_kit.values():
            kit = group[0][1]
            pics = [max(group, key=lambda g: g[0].size)] if kit else group
            for pic, _ in pics:
                if pic.size < least:
                    yield _small(ctx, college, pic, kit, least)


def _small(ctx: Ctx, college: str, pic, kit: CaseKit | None, least: int) -> Finding:
    owner = f"{_who(kit)}的" if kit else ""
    return Finding(f"{owner}生活照太小：{pic.name} 为 {_mib(pic.size)}，要求不小于 {_mib(least)}（{pic.file}）。",
                   college=college, deliverable=kit.case.deliverable if kit else ctx.case_deliverable(),
                   student_id=(kit.author_sid or None) if kit else None, name=kit.author if kit else None,
                   file=pic.file, field="生活照", expected=f"≥{least}", found=str(pic.size))


@rule("PHOTO_MISSING", severity="error")
def photo_missing(ctx: Ctx) -> Iterator[Finding]:
    """A case whose author has no life photo (separate file or embedded)."""
    for college in ctx.colleges:
        for kit in case_kits(ctx, college):
            if not kit.life_photos:
                yield _case_finding(kit, f"未找到案例作者{_who(kit)}的生活照（{kit.case.file}）。请随案例提交作者生活照，"
                                    "文件名含作者姓名和“生活照”，大小 1M 以上。",
                                    field="生活照", expected="作者生活照 1 张", found="无")


@rule("CASE_TOO_LONG", severity="error")
def case_too_long(ctx: Ctx) -> Iterator[Finding]:
    """Case text over ``case_max_chars`` 字 (exactly the maximum passes)."""
    most = ctx.checks.case_max_chars
    for college in ctx.colleges:
        for kit in case_kits(ctx, college):
            n = kit.case.record.char_count
            if n > most:
                yield _case_finding(kit, f"案例《{kit.case.record.title}》正文 {n} 字，超过 {most} 字的上限（{kit.case.file}）。",
                                    field="字数", expected=f"≤{most}", found=str(n))


@rule("CASE_IMAGE_COUNT", severity="error")
def case_image_count(ctx: Ctx) -> Iterator[Finding]:
    """Pictures of a case (embedded + separate, life photo excluded) outside [min, max]."""
    lo, hi = ctx.checks.case_images_min, ctx.checks.case_images_max
    for college in ctx.colleges:
        for kit in case_kits(ctx, college):
            n = len(kit.pictures)
            if not lo <= n <= hi:
                emb = sum(p.embedded for p in kit.pictures)
                yield _case_finding(kit, f"案例《{kit.case.record.title}》配图 {n} 张（文中 {emb} 张，另附 {n - emb} 张，"
                                    f"不含生活照），要求 {lo}—{hi} 张（{kit.case.file}）。",
                                    field="图片数", expected=f"{lo}-{hi}", found=str(n))


@rule("CASE_SECTION_MISSING", severity="error", needs=("case_sections",))
def case_section_missing(ctx: Ctx) -> Iterator[Finding]:
    """One flag per required section (``case_sections``) absent or empty."""
    for college in ctx.colleges:
        for kit in case_kits(ctx, college):
            sections = kit.case.record.sections
            for key in ctx.checks.case_sections:
                if not (sections.get(key) or "").strip():
                    state = "只有标题没有内容" if key in sections else "缺少该部分"
                    yield _case_finding(kit, f"案例《{kit.case.record.title}》{state}：“{key}”（{kit.case.file}）。"
                                        f"案例须包含：{'、'.join(ctx.checks.case_sections)}。",
                                        field=key, expected="有内容", found=state)


@rule("CASE_QUOTA", severity="error", needs=("case_quota_ratio",))
def case_quota(ctx: Ctx) -> Iterator[Finding]:
    """Cases ≠ round_half_up(case_quota_ratio × headcount), for colleges that sent cases."""
    key = ctx.case_deliverable()
    ratio = ctx.checks.case_quota_ratio
    for college in ctx.colleges:
        if not ctx.files(college, key):
            continue
        n = len(ctx.cases(college))
        head, source = ctx.headcount(college)
        if head is None:
            yield Finding(f"无法核对案例数量：不知道{college}的带班党员总数（活动配置和考核情况汇总表都没有）；"
                          f"收到案例 {n} 篇，请人工核实。", college=college, deliverable=key, severity="warning",
                          expected=f"带班党员总数×{percent(ratio)}", found=str(n))
            continue
        want = textnorm.round_half_up(ratio * head)
        if n != want:
            yield Finding(f"案例数量不符：应提交 {want} 篇（{head} 人 × {percent(ratio)}，四舍五入；人数来自{source}），"
                          f"实际 {n} 篇。", college=college, deliverable=key, field="案例数",
                          expected=str(want), found=str(n))


@rule("CASE_AUTHOR_UNKNOWN", severity="warning")
def case_author_unknown(ctx: Ctx) -> Iterator[Finding]:
    """A case author not on the college's A4; one warning per college when it has no A4 to compare."""
    for college in ctx.colleges:
        kits = case_kits(ctx, college)
        if not kits:
            continue
        summary = [p for d in ctx.docs(college, SUMMARY) for p in people_of(d)]
        if not summary:
            yield Finding(f"无法核对案例作者：未收到{college}的考核情况汇总表，{len(kits)} 篇案例的作者未能核对。",
                          college=college, deliverable=kits[0].case.deliverable, expected="考核情况汇总表", found="无")
            continue
        authors = [Person(dict(k.case.record.author), k.case) for k in kits]
        for p in (a for a in authors if find_person(a, summary) is None):
            yield Finding(f"案例作者{p.label}不在{college}考核情况汇总表的带班党员名单中（{p.doc.file}）。"
                          f"{sid_note(p.cells.get(SID), ctx.checks.student_id_digits)}",
                          college=college, deliverable=p.doc.deliverable, student_id=p.sid or None,
                          name=p.name or None, file=p.doc.file, field="作者", expected="汇总表中的带班党员", found=p.label)
