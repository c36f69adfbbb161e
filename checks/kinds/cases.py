"""Rule kinds over the documents of a ``kind: case`` form (titled texts with sections, pictures
and the author's life photo; which pictures belong to which document: checks.case_images).

``document_length``    the body may hold at most ``max_chars`` 字 (SPEC's counting rule)
``picture_count``      ``min``–``max`` pictures, the life photo not counted
``photo_min_size``     the author's life photo at least ``min_bytes``
``photo_required``     every document's author sends a life photo
``required_sections``  every section of ``sections`` present and not empty
``document_quota``     a college sends exactly round(``ratio`` × its headcount) documents
``author_listed_in``   every author is a person of the college's form ``form``

``what`` names the documents in messages (案例). No message templates: their wording is built
from ``what`` and the values.
"""

from __future__ import annotations

from typing import Iterator

from paperdesk import textnorm

from decimal import Decimal

from pydantic import Field, field_validator

from checks.case_images import CaseKit, case_kits, life_photos
from checks.context import SID, Ctx, percent, sid_note
from checks.kinds import Params, exact_decimal, kind
from checks.kinds.documents import quota_base
from checks.matching import Person, find_person, people_of
from checks.registry import Finding


class _Docs(Params):
    #: how messages name the documents ("案例")
    what: str = "文档"


class DocumentLength(_Docs):
    max_chars: int = Field(gt=0)


class PictureCount(_Docs):
    min: int = Field(ge=0)
    max: int = Field(ge=0)


class PhotoMinSize(_Docs):
    min_bytes: int = Field(gt=0)


class PhotoRequired(_Docs):
    #: the size asked for, as the notice says it in the message ("1M 以上")
    size_text: str = ""


class RequiredSections(_Docs):
    sections: tuple[str, ...] = Field(min_length=1)


class DocumentQuota(_Docs):
    ratio: Decimal = Field(gt=0)
    #: what the base is called in messages (带班党员总数)
    base_label: str = "人数"
    #: without a roster figure: the total the college states in header ``base_header`` of its form
    #: ``base_form``, then that form's rows (what the 2020 notice did); no fallback when unset
    base_form: str | None = None
    base_header: str | None = None

    @field_validator("ratio", mode="before")
    @classmethod
    def _ratio(cls, v):
        return exact_decimal(v)


def _headcount(ctx: Ctx, p: DocumentQuota, college: str) -> tuple[int | None, str]:
    title = next((d.title for d in ctx.campaign.deliverables if d.form == p.base_form), p.base_form)
    return quota_base(ctx, college, p.base_form, p.base_header, "汇总表", title)


class AuthorListedIn(_Docs):
    form: str
    #: how messages name that form and its list of people ("考核情况汇总表", "带班党员名单"), and
    #: the flag's expected value
    document: str = ""
    people: str = "名单"
    expected: str = ""


def _mib(n: int) -> str:
    return f"{n:,} 字节（约 {n / 1_048_576:.2f} MB）"


def _who(kit: CaseKit) -> str:
    return kit.author or "（作者姓名未填）"


def _case_finding(kit: CaseKit, message: str, **kw) -> Finding:
    return Finding(message, college=kit.case.college, deliverable=kit.case.deliverable,
                   student_id=kit.author_sid or None, name=kit.author or None, file=kit.case.file, **kw)


@kind("photo_min_size", PhotoMinSize, ())
def photo_too_small(ctx: Ctx, p: PhotoMinSize, _say) -> Iterator[Finding]:
    """A life photo under ``photo_min_bytes`` (exactly the minimum passes). A case whose author has
    one big enough photo passes (Word shrinks embedded copies); otherwise its largest photo is
    flagged once. Life photos that belong to no case are judged one by one."""
    least = p.min_bytes
    for college in ctx.colleges:
        by_kit: dict[int, list] = {}
        for pic, kit in life_photos(ctx, college):
            by_kit.setdefault(id(kit), []).append((pic, kit))
        for group in by_kit.values():
            kit = group[0][1]
            pics = [max(group, key=lambda g: g[0].size)] if kit else group
            for pic, _kit in pics:
                if pic.size < least:
                    yield _small(ctx, college, pic, kit, least)


def _small(ctx: Ctx, college: str, pic, kit: CaseKit | None, least: int) -> Finding:
    owner = f"{_who(kit)}的" if kit else ""
    return Finding(f"{owner}生活照太小：{pic.name} 为 {_mib(pic.size)}，要求不小于 {_mib(least)}（{pic.file}）。",
                   college=college, deliverable=kit.case.deliverable if kit else ctx.case_deliverable(),
                   student_id=(kit.author_sid or None) if kit else None, name=kit.author if kit else None,
                   file=pic.file, field="生活照", expected=f"≥{least}", found=str(pic.size))


@kind("photo_required", PhotoRequired, ())
def photo_missing(ctx: Ctx, p: PhotoRequired, _say) -> Iterator[Finding]:
    """A document whose author has no life photo (separate file or embedded)."""
    keyword = ctx.checks.life_photo_keywords[0] if ctx.checks.life_photo_keywords else "生活照"
    size = f"，大小 {p.size_text}" if p.size_text else ""
    for college in ctx.colleges:
        for kit in case_kits(ctx, college):
            if not kit.life_photos:
                yield _case_finding(kit, f"未找到{p.what}作者{_who(kit)}的{keyword}（{kit.case.file}）。请随{p.what}提交作者{keyword}，"
                                    f"文件名含作者姓名和“{keyword}”{size}。",
                                    field=keyword, expected=f"作者{keyword} 1 张", found="无")


@kind("document_length", DocumentLength, ())
def case_too_long(ctx: Ctx, p: DocumentLength, _say) -> Iterator[Finding]:
    """A document's body over ``max_chars`` 字 (exactly the maximum passes)."""
    most = p.max_chars
    for college in ctx.colleges:
        for kit in case_kits(ctx, college):
            n = kit.case.record.char_count
            if n > most:
                yield _case_finding(kit, f"{p.what}《{kit.case.record.title}》正文 {n} 字，超过 {most} 字的上限（{kit.case.file}）。",
                                    field="字数", expected=f"≤{most}", found=str(n))


@kind("picture_count", PictureCount, ())
def case_image_count(ctx: Ctx, p: PictureCount, _say) -> Iterator[Finding]:
    """Pictures of a document (embedded + separate, life photo excluded) outside [min, max]."""
    lo, hi = p.min, p.max
    for college in ctx.colleges:
        for kit in case_kits(ctx, college):
            n = len(kit.pictures)
            if not lo <= n <= hi:
                emb = sum(x.embedded for x in kit.pictures)
                yield _case_finding(kit, f"{p.what}《{kit.case.record.title}》配图 {n} 张（文中 {emb} 张，另附 {n - emb} 张，"
                                    f"不含生活照），要求 {lo}—{hi} 张（{kit.case.file}）。",
                                    field="图片数", expected=f"{lo}-{hi}", found=str(n))


@kind("required_sections", RequiredSections, ())
def case_section_missing(ctx: Ctx, p: RequiredSections, _say) -> Iterator[Finding]:
    """One flag per required section (``sections``) absent or empty."""
    for college in ctx.colleges:
        for kit in case_kits(ctx, college):
            sections = kit.case.record.sections
            for key in p.sections:
                if not (sections.get(key) or "").strip():
                    state = "只有标题没有内容" if key in sections else "缺少该部分"
                    yield _case_finding(kit, f"{p.what}《{kit.case.record.title}》{state}：“{key}”（{kit.case.file}）。"
                                        f"{p.what}须包含：{'、'.join(p.sections)}。",
                                        field=key, expected="有内容", found=state)


@kind("document_quota", DocumentQuota, ())
def case_quota(ctx: Ctx, p: DocumentQuota, _say) -> Iterator[Finding]:
    """Documents ≠ round_half_up(ratio × headcount), for colleges that sent some (the headcount:
    the office's roster, else what the college states on ``base_form``, else its rows)."""
    key = ctx.case_deliverable()
    ratio = p.ratio
    for college in ctx.colleges:
        if not ctx.files(college, key):
            continue
        n = len(ctx.cases(college))
        head, source = _headcount(ctx, p, college)
        if head is None:
            yield Finding(f"无法核对{p.what}数量：不知道{college}的{p.base_label}（名册和学院报送的材料中都没有）；"
                          f"收到{p.what} {n} 篇，请人工核实。", college=college, deliverable=key, severity="warning",
                          expected=f"{p.base_label}×{percent(ratio)}", found=str(n))
            continue
        want = textnorm.round_half_up(ratio * head)
        if n != want:
            yield Finding(f"{p.what}数量不符：应提交 {want} 篇（{head} 人 × {percent(ratio)}，四舍五入；人数来自{source}），"
                          f"实际 {n} 篇。", college=college, deliverable=key, field=f"{p.what}数",
                          expected=str(want), found=str(n))


@kind("author_listed_in", AuthorListedIn, (), severity="warning")
def case_author_unknown(ctx: Ctx, p: AuthorListedIn, _say) -> Iterator[Finding]:
    """A document's author not a person of the college's form ``form``; one warning per college
    when that form did not arrive."""
    document = p.document or next((d.title for d in ctx.campaign.deliverables if d.form == p.form), p.form)
    for college in ctx.colleges:
        kits = case_kits(ctx, college)
        if not kits:
            continue
        summary = [x for d in ctx.docs(college, p.form) for x in people_of(d)]
        if not summary:
            yield Finding(f"无法核对{p.what}作者：未收到{college}的{document}，{len(kits)} 篇{p.what}的作者未能核对。",
                          college=college, deliverable=kits[0].case.deliverable, expected=document, found="无")
            continue
        authors = [Person(dict(k.case.record.author), k.case) for k in kits]
        for a in (a for a in authors if find_person(a, summary) is None):
            yield Finding(f"{p.what}作者{a.label}不在{college}{document}的{p.people}中（{a.doc.file}）。"
                          f"{sid_note(a.cells.get(SID), ctx.checks.student_id_digits)}",
                          college=college, deliverable=a.doc.deliverable, student_id=a.sid or None,
                          name=a.name or None, file=a.doc.file, field="作者", expected=p.expected or f"{document}中的人员", found=a.label)
