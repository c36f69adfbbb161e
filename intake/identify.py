"""What a file is: its college, its deliverable and the person it is about. Pure.

    identify(item, records, campaign, neighbours=()) -> Identified
    identify_each(item, records, campaign, neighbours=()) -> list[Identified]   (one per record)
    identify_all(pairs, campaign) -> list[Identified]   (two passes: images beside a case)

College: hints from the display path (archive, folder, file name — :mod:`intake.hints`), from the
record (a 学院 field -> ``header``) and from the carrying email (already on ``item.hints``). When
they agree that college is taken; when they differ every hint is kept on ``Identified.hints``
(the checks raise COLLEGE_CONFLICT) and the most trusted source wins (header > archive > folder >
filename > email). Deliverable: from the content first (the record's form or deliverable, a free
document's title or opening text), then from keywords of the campaign's deliverables in the file,
folder and archive names (innermost first); an image inside a cases archive, beside a case docx or
named as a life photo belongs to the cases. Person: 姓名/学号 of a form or of a case's author, or
the name in ``<姓名>生活照.jpg``.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from paperdesk import textnorm
from paperdesk.campaign import Campaign
from paperdesk.models import (MEMBER_SEP, CaseDoc, CollegeHint, Extracted, ExtractionError, FormDoc, FreeDoc,
                              Identified, ImageFile, IntakeItem, TableDoc)
from intake.hints import choose_college, merge, path_hints, split_display

COLLEGE_FIELD = "学院"
NAME_FIELD = "姓名"
ID_FIELD = "学号"
_OPENING_CHARS = 300  # how much of a free document's text may name its deliverable
_EXT = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_NAME = re.compile(r"[\u3400-\u9fff·]{2,6}")
_ID = re.compile(r"\d{8,14}")
_SEPARATORS = re.compile(r"[\s_\-—–·.,，、()（）\[\]【】]+")


def identify(item: IntakeItem, records: Sequence[Extracted], campaign: Campaign,
             neighbours: Sequence[Identified] = ()) -> Identified:
    """The item identified with its first readable record (see module docstring)."""
    record = next((r for r in records if not isinstance(r, ExtractionError)), None)
    return _identify(item, record, campaign, neighbours)


def identify_each(item: IntakeItem, records: Sequence[Extracted], campaign: Campaign,
                  neighbours: Sequence[Identified] = ()) -> list[Identified]:
    """One :class:`Identified` per readable record (a workbook with an A2 and an A3 sheet gives
    two); a single one without record when there is none."""
    readable = [r for r in records if not isinstance(r, ExtractionError)]
    return [_identify(item, r, campaign, neighbours) for r in readable] or [_identify(item, None, campaign, neighbours)]


def identify_all(pairs: Iterable[tuple[IntakeItem, Sequence[Extracted]]], campaign: Campaign) -> list[Identified]:
    """Every item's records identified; images left without a deliverable are then looked at
    again beside the files of their folder (an image next to a case docx is a case picture)."""
    pairs = list(pairs)
    first = [x for item, records in pairs for x in identify_each(item, records, campaign)]
    return [_identify(f.item, f.record, campaign, first) if _open_image(f) else f for f in first]


def _open_image(f: Identified) -> bool:
    return f.deliverable is None and isinstance(f.record, ImageFile)


def _identify(item: IntakeItem, record: Extracted | None, campaign: Campaign,
              neighbours: Sequence[Identified]) -> Identified:
    hints = merge(path_hints(item.display, campaign.find_college), item.hints, _header_hints(record, campaign))
    person, sid = _person(item, record, campaign)
    deliverable = (_by_content(record, campaign) or _by_name(item.display, campaign)
                   or _image_of_cases(item, record, campaign, neighbours))
    return Identified(item=item, college=choose_college(hints), deliverable=deliverable, hints=hints,
                      person=person, student_id=sid, record=record)


# ---------------------------------------------------------------------------- college


def _header_hints(record: Extracted | None, campaign: Campaign) -> tuple[CollegeHint, ...]:
    """The 学院 field written inside the document."""
    if isinstance(record, TableDoc):
        text = record.header.get(COLLEGE_FIELD, "")
    elif isinstance(record, FormDoc):
        text = record.fields.get(COLLEGE_FIELD, "")
    elif isinstance(record, CaseDoc):
        text = record.author.get(COLLEGE_FIELD, "")
    else:
        text = ""
    text = textnorm.clean(text)
    return (CollegeHint("header", text, campaign.find_college(text)),) if text else ()


# ---------------------------------------------------------------------------- deliverable


def _by_content(record: Extracted | None, campaign: Campaign) -> str | None:
    """The deliverable the record itself names: its form, its stated deliverable, a free
    document's title or opening text."""
    keys = {d.key for d in campaign.deliverables}
    if isinstance(record, (TableDoc, FormDoc, CaseDoc)):
        if record.deliverable in keys:
            return record.deliverable
        if isinstance(record, CaseDoc):
            return _case_deliverable(campaign)
        return next((d.key for d in campaign.deliverables if d.form == record.form), None)
    if isinstance(record, FreeDoc):
        if record.deliverable in keys:
            return record.deliverable
        return _keyword_match(record.title, campaign) or _keyword_match(record.text[:_OPENING_CHARS], campaign)
    return None


def _by_name(display: str, campaign: Campaign) -> str | None:
    """Keywords of a deliverable in the file name, then its folders and archives, innermost first."""
    parts = [p for seg in split_display(display) for p in seg]
    for part in reversed(parts):
        found = _keyword_match(_EXT.sub("", part), campaign)
        if found:
            return found
    return None


def _keyword_match(text: str, campaign: Campaign) -> str | None:
    """The deliverable whose title or keyword occurs earliest in ``text`` (longest on a tie)."""
    key = textnorm.squash(text)
    best: tuple[int, int, str] | None = None
    for d in campaign.deliverables:
        for word in (d.title, *d.keywords):
            pos = key.find(textnorm.squash(word)) if word else -1
            if pos >= 0 and (best is None or (pos, -len(word)) < best[:2]):
                best = (pos, -len(word), d.key)
    return best[2] if best else None


def _image_of_cases(item: IntakeItem, record: Extracted | None, campaign: Campaign,
                    neighbours: Sequence[Identified]) -> str | None:
    """An image named as a life photo, or lying beside a case document, is part of the cases."""
    if not isinstance(record, ImageFile):
        return None
    cases = _case_deliverable(campaign)
    if cases is None:
        return None
    if record.is_life_photo or _life_photo_stem(item, campaign) is not None:
        return cases
    folder = _parent(item.display)
    if any(isinstance(n.record, CaseDoc) and _parent(n.item.display) == folder for n in neighbours):
        return cases
    return None


def _case_deliverable(campaign: Campaign) -> str | None:
    """The deliverable whose form is a case form (A1 in 2020)."""
    d = campaign.case_deliverable()
    return d.key if d else None


def _parent(display: str) -> str:
    """Everything before the last ``/`` or ``!``: files with the same parent lie side by side."""
    return display[: max(display.rfind("/"), display.rfind(MEMBER_SEP), 0)]


# ---------------------------------------------------------------------------- person


def _person(item: IntakeItem, record: Extracted | None, campaign: Campaign) -> tuple[str | None, str | None]:
    """(姓名, 学号) of the person the file is about, None where unknown."""
    if isinstance(record, FormDoc):
        fields = record.fields
    elif isinstance(record, CaseDoc):
        fields = record.author
    elif isinstance(record, ImageFile):
        return _person_of_photo(item, campaign)
    else:
        return None, None
    name = textnorm.clean(fields.get(NAME_FIELD, "")) or None
    sid = textnorm.student_id(fields.get(ID_FIELD, "")) or None
    return name, sid


def _life_photo_stem(item: IntakeItem, campaign: Campaign) -> str | None:
    """The file name without extension and life-photo keyword, when it holds one; else None."""
    stem = _EXT.sub("", re.split(r"[/!\\]", item.display)[-1])
    for word in campaign.checks.life_photo_keywords:
        if word and word in stem:
            return stem.replace(word, " ")
    return None


def _person_of_photo(item: IntakeItem, campaign: Campaign) -> tuple[str | None, str | None]:
    """``张三生活照.jpg``, ``张三-201824131105-生活照.png`` -> the name (and student ID)."""
    rest = _life_photo_stem(item, campaign)
    if rest is None:
        return None, None
    ids = _ID.findall(rest)
    rest = _SEPARATORS.sub(" ", _ID.sub(" ", rest)).strip()
    name = rest if _NAME.fullmatch(rest) else None
    return name, (ids[0] if ids else None)
