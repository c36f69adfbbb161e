"""Write the campaign's forms (A1–A5) to disk: blank, or pre-filled for one college.

Where: blank forms go straight into ``outdir``; a college's pre-filled forms go into
``outdir/<official college name>/`` so that forms for several colleges can sit side by side.
File names are each form's ``file_name`` from the campaign. Pre-filling puts the college's
official name in every 学院 field, its headcount in A4's 带班党员总数 and its quotas
(``round_half_up(ratio × headcount)`` from ``campaign.checks``) in a printed note on A1, A2–A4
(填表说明 row) and A5. Files are written atomically (temporary file, then rename).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from paperdesk.campaign import Campaign, College
from writers.forms._layout import college_note
from writers.forms.approval import build_approval_form
from writers.forms.case import build_case
from writers.forms.tables import build_table


class UnknownCollegeError(ValueError):
    """The college asked for is not in the campaign (message in Chinese, lists known names)."""


def write_forms(campaign: Campaign, outdir: Path, college: str | None = None) -> list[Path]:
    """Write every form of the campaign; return the paths written, in form-id order.
    ``college`` may be an official name or an alias; an unknown one raises UnknownCollegeError."""
    target = Path(outdir)
    info = None
    if college is not None:
        info = _college(campaign, college)
        target = target / info.name
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for form_id in sorted(campaign.forms):
        form = campaign.forms[form_id]
        document = _build(campaign, form_id, info)
        written.append(_save(document, target / form.file_name))
    return written


def _college(campaign: Campaign, text: str) -> College:
    name = campaign.resolve_college(text)
    if name is None:
        known = "、".join(c.name for c in campaign.colleges)
        raise UnknownCollegeError(f"活动配置中没有学院“{text}”。已知学院：{known}")
    return campaign.college(name)


def _build(campaign: Campaign, form_id: str, college: College | None):
    form = campaign.forms[form_id]
    name = college.name if college else ""
    note = college_note(campaign, college)
    if form.kind == "table":
        header = {"学院": name}
        total = _headcount_field(campaign, form_id)
        if college and college.headcount is not None and total in form.header_fields:
            header[total] = str(college.headcount)
        return build_table(campaign, form_id, name or None, header, [])
    if form.kind == "form":
        return build_approval_form(campaign, {"学院": name}, note=note, form_id=form_id)
    return build_case(campaign, "（标题）", {"学院": name},
                      {s.key: "" for s in form.sections}, [], note=_case_guide(campaign, note))


def _headcount_field(campaign: Campaign, form_id: str) -> str | None:
    """The header field of ``form_id`` where a college states the headcount a quota rule of the
    campaign is based on (a ``quota`` rule's ``base_header``), else None."""
    from checks.kinds import parse

    for entries in campaign.rules.values():
        for e in entries:
            if e.kind == "quota":
                p = parse("quota", e.params)
                if p.form == form_id and p.base_header:
                    return p.base_header
    return None


def _case_guide(campaign: Campaign, note: str) -> str:
    ch = campaign.checks
    suffix = next((d.archive_suffix for d in campaign.deliverables if d.archive_suffix), "")
    mib = ch.photo_min_bytes / 1_048_576
    guide = (f"说明：正文{ch.case_max_chars}字以内（不含标题、作者信息和图片说明），"
             f"附图片{ch.case_images_min}–{ch.case_images_max}张并注明图片说明；"
             f"作者生活照电子版（{mib:g}M以上）单独提供，命名为“姓名{ch.life_photo_keywords[0]}.jpg”")
    if suffix:
        guide += f"；以“学院名称+{suffix}”命名打包提交"
    return guide + (f"。{note}。" if note else "。")


def _save(document, path: Path) -> Path:
    """Save a Workbook or Document atomically to ``path``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    os.close(fd)
    try:
        document.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
