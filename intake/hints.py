"""College hints read from a display path: archive names, folder names and the file name.

    path_hints(display, find_college) -> tuple[CollegeHint, ...]   (outermost first)

``学院/计算机学院案例.zip!张三/案例.docx`` gives folder「学院」, archive「计算机学院案例.zip」,
folder「张三」, filename「案例.docx」, each resolved with the campaign's ``find_college``.
Only hints whose text is not empty are returned; unresolved ones are kept (college None) so that
staff see what was tried.
"""

from __future__ import annotations

from typing import Callable

from paperdesk.models import MEMBER_SEP, CollegeHint

#: identify's order of trust when hints disagree (first wins)
PRIORITY = ("header", "archive", "folder", "filename", "email_subject", "email_sender")


def split_display(display: str) -> list[list[str]]:
    """The display path's segments (one per container level), each split into path parts."""
    return [[p for p in seg.replace("\\", "/").split("/") if p] for seg in display.split(MEMBER_SEP)]


def path_hints(display: str, find_college: Callable[[str], str | None]) -> tuple[CollegeHint, ...]:
    """Hints from every folder, container and the file name on ``display`` (outermost first)."""
    segments = split_display(display)
    out: list[CollegeHint] = []
    for level, parts in enumerate(segments):
        last_level = level == len(segments) - 1
        for i, part in enumerate(parts):
            if i < len(parts) - 1:
                source = "folder"
            else:
                source = "filename" if last_level else "archive"
            out.append(CollegeHint(source, part, find_college(part)))
    return tuple(out)


def merge(*groups: tuple[CollegeHint, ...]) -> tuple[CollegeHint, ...]:
    """All hints of ``groups`` in order, without repeats."""
    out: list[CollegeHint] = []
    for group in groups:
        for h in group:
            if h not in out:
                out.append(h)
    return tuple(out)


def choose_college(hints: tuple[CollegeHint, ...]) -> str | None:
    """The college the resolved hints agree on; when they disagree, the one named by the most
    trusted source (:data:`PRIORITY`; within a source, the innermost hint). None when none resolved."""
    resolved = [h for h in hints if h.college]
    if not resolved:
        return None
    if len({h.college for h in resolved}) == 1:
        return resolved[0].college
    for source in PRIORITY:
        named = [h for h in resolved if h.source == source]
        if named:
            return named[-1].college
    return resolved[-1].college
