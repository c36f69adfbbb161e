"""Rules about files as they arrived: unreadable, duplicate, unattributed, conflicting, misnamed archive.

SPEC §5 rows UNREADABLE_FILE, DUPLICATE_FILE, UNKNOWN_COLLEGE, COLLEGE_CONFLICT, ARCHIVE_NAME_INVALID.
"""

from __future__ import annotations

import re
from typing import Iterator

from paperdesk import textnorm
from paperdesk.models import MEMBER_SEP, CaseDoc, CollegeHint, FormDoc, Identified, TableDoc

from checks.context import INTAKE, Ctx, is_scan
from checks.seals import seal_conflicts
from checks.registry import Finding, rule

_SOURCES = {
    "archive": "压缩包名称", "folder": "文件夹名称", "filename": "文件名", "header": "表内学院栏",
    "email_subject": "邮件主题", "email_sender": "发件人",
}
_ARCHIVE_EXT = re.compile(r"\.(zip|7z|rar|tar|tgz|tar\.gz|tar\.bz2|tar\.xz|gz|bz2|xz)$", re.I)
#: hint sources that describe a file's container rather than the file itself
_CONTAINER_SOURCES = {"archive", "folder", "email_subject", "email_sender"}


#: ``field`` of an UNREADABLE_FILE flag about a file over its reading budget (office-only)
READ_LIMIT = "读取限制"


@rule("UNREADABLE_FILE", severity="error")
def unreadable_file(ctx: Ctx) -> Iterator[Finding]:
    """Every item intake marked unreadable, and every used file whose extraction failed. A file
    stopped by its reading budget (time or memory, :mod:`extractors.pool`) is a warning for the
    office with ``field`` :data:`READ_LIMIT`: the file may be fine, nothing is claimed about it, and
    the college's receipt does not mention it."""
    seen = set()
    for item in ctx.submission.items:
        if item.over_budget and item.display not in seen:
            seen.add(item.display)
            yield Finding(f"未能读完：{item.display}（{item.reason}）。此文件尚未检查，不一定有问题；"
                          f"请加大读取限制后重新运行。",
                          college=ctx.college_of_item(item), deliverable=INTAKE, file=item.display,
                          field=READ_LIMIT, expected="在限制内读完", found=item.reason, severity="warning")
    for item in ctx.submission.items:
        if item.state == "unreadable" and item.display not in seen:
            seen.add(item.display)
            reason = item.reason or "原因不明"
            yield Finding(f"文件无法读取：{item.display}（{reason}）。请重新发送可以打开的文件。",
                          college=ctx.college_of_item(item), deliverable=INTAKE, file=item.display,
                          expected="可读取的文件", found=reason)
    for d in ctx.extraction_errors():
        if d.file not in seen:
            seen.add(d.file)
            yield Finding(f"文件无法读取：{d.file}（{d.record.reason}）。请重新发送可以打开的文件。",
                          college=d.college, deliverable=d.deliverable or INTAKE, file=d.file,
                          expected="可读取的文件", found=d.record.reason)


@rule("DUPLICATE_FILE", severity="warning")
def duplicate_file(ctx: Ctx) -> Iterator[Finding]:
    """Items intake marked duplicate, naming the copy that was kept."""
    kept = {i.sha256: i.display for i in ctx.submission.items if i.state != "duplicate"}
    for item in ctx.submission.items:
        if item.state == "duplicate":
            original = kept.get(item.sha256, "先前收到的文件")
            yield Finding(f"重复文件：{item.display} 与 {original} 内容完全相同，此副本已忽略。",
                          college=ctx.college_of_item(item), deliverable=INTAKE, file=item.display,
                          expected="每个文件只提交一次", found=f"与 {original} 相同", evidence=(original,))


@rule("UNKNOWN_COLLEGE", severity="error")
def unknown_college(ctx: Ctx) -> Iterator[Finding]:
    """A used file that no source attributes to a college of the campaign."""
    for f in ctx.submission.files:
        if f.college is None:
            texts = "、".join(sorted({h.text for h in _hints(f) if h.text})) or "无"
            yield Finding(f"无法确定文件所属学院：{f.item.display}（可参考的信息：{texts}）。"
                          "请在文件名、文件夹名或表内学院栏写明学院全称。",
                          deliverable=f.deliverable or INTAKE, file=f.item.display,
                          expected="本次通知中的学院名称", found=texts)


@rule("COLLEGE_CONFLICT", severity="warning")
def college_conflict(ctx: Ctx) -> Iterator[Finding]:
    """Hints of one file resolving to two or more colleges; reported once per container when only
    container-level sources (archive, folder, email) disagree. Seals of scans naming another
    college, or not a party committee's, too (:func:`checks.seals.seal_conflicts`)."""
    yield from seal_conflicts(ctx)
    reported = set()
    for f in ctx.submission.files:
        hints = [h for h in _hints(f) if h.college]
        if len({h.college for h in hints}) < 2:
            continue
        conflicting = sorted({h.college for h in hints} - {f.college}) or sorted({h.college for h in hints})
        where = f.item.display
        if all(h.source in _CONTAINER_SOURCES for h in hints) and f.item.container:
            where = f.item.container
        key = (where, tuple(sorted((h.source, h.college) for h in hints)))
        if key in reported:
            continue
        reported.add(key)
        said = "；".join(f"{_SOURCES.get(h.source, h.source)}「{h.text}」→{h.college}" for h in hints)
        yield Finding(f"所属学院来源不一致：{where}（{said}）。已按{f.college or '未定'}处理，请核实。",
                      college=f.college, deliverable=f.deliverable or INTAKE, file=where,
                      expected=f.college, found="、".join(conflicting))


def _hints(f: Identified) -> list[CollegeHint]:
    """The file's hints and its item's, without repeats, in order."""
    out: list[CollegeHint] = []
    for h in (*f.item.hints, *f.hints):
        if h not in out:
            out.append(h)
    return out


@rule("ARCHIVE_NAME_INVALID", severity="error")
def archive_name_invalid(ctx: Ctx) -> Iterator[Finding]:
    """The archive carrying a deliverable with an ``archive_suffix`` is named <official
    name><archive_suffix> (a literal "+" between is accepted, extension ignored). Its documents
    sent loose, in no archive at all (pictures aside), did not follow the notice's "打包" either:
    one finding per college names them."""
    for d in ctx.campaign.deliverables:
        if not d.archive_suffix:
            continue
        for college in ctx.colleges:
            archives: dict[str, list[str]] = {}  # innermost archive -> all archives on its path
            loose: list[str] = []  # the deliverable's documents in no archive
            for f in ctx.files(college, d.key):
                chain = _archives(f.item.display)
                if chain:
                    archives.setdefault(chain[-1], chain)
                elif isinstance(f.record, (CaseDoc, FormDoc, TableDoc)) and not is_scan(f.record):
                    loose.append(f.item.display)
            if loose:
                want = f"{college}{d.archive_suffix}"
                shown = "、".join(sorted(loose)[:3]) + (f" 等 {len(loose)} 个文件" if len(loose) > 3 else "")
                yield Finding(f"{d.title}未按通知要求打包：应打包为「{want}」压缩包发送，实际为单独的文件（{shown}）。",
                              college=college, deliverable=d.key, file=sorted(loose)[0], field="文件名",
                              expected=want, found="未打包")
            for inner, chain in sorted(archives.items()):
                if any(_well_named(ctx, a, d.archive_suffix) for a in chain):
                    continue
                want = f"{college}{d.archive_suffix}"
                found = _basename(inner)
                yield Finding(f"{d.title}压缩包命名不符合要求：应为「{want}」（或「{college}+{d.archive_suffix}」），"
                              f"实际为「{found}」（{inner}）。",
                              college=college, deliverable=d.key, file=inner, field="文件名",
                              expected=want, found=found)


def _archives(display: str) -> list[str]:
    """Display paths of the archives a member sits in, outermost first."""
    parts = display.split(MEMBER_SEP)
    chain = [MEMBER_SEP.join(parts[: i + 1]) for i in range(len(parts) - 1)]
    return [c for c in chain if _ARCHIVE_EXT.search(_basename(c))]


def _basename(path: str) -> str:
    return re.split(r"[/\\]", path.split(MEMBER_SEP)[-1])[-1]


#: a version or date people add around the notice's name: （修改版）, v2, 最终版, 2020.6.20, (1)
_DECORATION = re.compile(
    r"[\s_\-—]*(?:[（(【\[][^（）()【】\[\]]{0,12}[）)】\]]|[vV]\d+(?:\.\d+)?|最终版|终版|定稿|终稿|修改版|修订版|更新版|新版"
    r"|20\d{2}[.\-/年]?\d{1,2}[.\-/月]?\d{1,2}日?|\d{4,8})$")
_LEADING_DATE = re.compile(r"^(?:20\d{2}[.\-/年]?\d{1,2}[.\-/月]?\d{1,2}日?|\d{4,8})[\s_\-—]*")


def _undecorated(stem: str) -> str:
    """The name without versions and dates added before or after it."""
    stem = _LEADING_DATE.sub("", stem)
    while (bare := _DECORATION.sub("", stem)) != stem:
        stem = bare
    return stem


def _well_named(ctx: Ctx, archive: str, suffix: str) -> bool:
    stem = _undecorated(textnorm.clean(_ARCHIVE_EXT.sub("", _basename(archive))).replace(" ", ""))
    if not stem.endswith(suffix):
        return False
    name = stem[: -len(suffix)]
    name = name[:-1] if name.endswith("+") else name
    return any(name == c for c in ctx.colleges)
