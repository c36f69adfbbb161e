"""Loose matching of printed labels (column heads, form labels, header-line fields).

People type "姓 名", "学号：", "学院（盖章）", "不及格科目数（门）": a label matches when its
``textnorm.squash`` key equals the key of the text, either as typed or with a trailing
parenthetical dropped. :func:`parse_fields` reads "label：value" pairs out of a line whose parts
may sit in one merged cell or spread over several cells.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Mapping, Sequence

from paperdesk import textnorm

_WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_BLANKS = re.compile(r"^[\s_＿\-—.。·…/]*$")

#: Header-line and author-line labels people use for a canonical key, common to every form. The
#: keys themselves come from the campaign (``header_fields``, ``author_fields``), and so do the
#: spellings peculiar to one notice (``FormDef.field_aliases``); these are only common spellings.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "学院": ("学院名称", "二级学院", "所在学院", "单位", "填报单位"),
    "公示时间": ("公示日期", "公示期", "公示时间段"),
    "填表人": ("填报人", "制表人", "经办人"),
    "联系电话": ("电话", "联系方式", "手机"),
    "日期": ("填表日期", "填报日期", "制表日期"),
    "姓名": ("作者", "作者姓名"),
}


def prose(text: str | None) -> str:
    """Running text (titles, paragraphs, captions) tidied but as typed: whitespace runs become
    one space, full-width punctuation stays (，。：), unlike ``textnorm.clean`` for field values.
    ``textnorm.to_halfwidth(prose(t))`` has the same length as ``prose(t)``, index for index."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def label_keys(text: str) -> tuple[str, ...]:
    """The squash keys a cell's text may be matched by: as typed, and without parentheticals."""
    first = textnorm.squash(text)
    second = textnorm.squash(_PAREN.sub("", textnorm.clean(text)))
    return (first,) if first == second else (first, second)


class Matcher:
    """Maps label text to a canonical key. Built from ``{key: [labels...]}`` (the key counts as
    a label of itself)."""

    def __init__(self, labels: Mapping[str, Iterable[str]]):
        self._by_label: dict[str, str] = {}
        for key, names in labels.items():
            for name in (key, *names):
                self._by_label.setdefault(textnorm.squash(name), key)
        self._by_label.pop("", None)

    def match(self, text: object) -> str | None:
        """The key whose label ``text`` is, or None."""
        if text is None:
            return None
        for k in label_keys(str(text)):
            if k in self._by_label:
                return self._by_label[k]
        return None

    def labels(self) -> list[str]:
        return list(self._by_label)


def is_blank(value: str) -> bool:
    """True for '', '__________', '/', '—' and the like: a field left empty."""
    return bool(_BLANKS.match(value or ""))


def _loose(label: str) -> str:
    """A regex for a label typed with stray spaces between its characters."""
    return r"\s*".join(re.escape(ch) for ch in textnorm.squash(label))


def field_pattern(spec: Mapping[str, Iterable[str]], need_colon: bool) -> tuple[re.Pattern, dict[str, str]]:
    """A regex finding any label of ``spec`` at a boundary, followed by an optional
    parenthetical and a colon (or, unless ``need_colon``, a parenthetical, a cell boundary \\x01,
    the line end, a space or a digit: header lines typed without colons)."""
    names: dict[str, str] = {}
    for key, aliases in spec.items():
        for name in (key, *aliases, *FIELD_ALIASES.get(key, ())):
            names.setdefault(textnorm.squash(name), key)
    names.pop("", None)
    alts = "|".join(_loose(n) for n in sorted(names, key=len, reverse=True))
    paren = r"\s*(?:[（(][^（）()\x01]{0,8}[）)])?"
    if need_colon:
        tail = rf"{paren}\s*[:：]"
    else:  # header lines typed without colons: "学院（盖章）数学学院  带班党员总数 30" is as good
        tail = (rf"(?:\s*[（(][^（）()\x01]{{0,8}}[）)]\s*[:：]?|\s*(?:[:：]|(?=\x01)|$)|\s+|(?=\d))")
    at_boundary = rf"(?:^|(?<=[\s\x01,，;；、|]))(?P<label>{alts}){tail}"
    with_colon = rf"(?P<label2>{alts}){paren}\s*[:：]"
    return re.compile(f"{at_boundary}|{with_colon}"), names


def parse_fields(parts: Sequence[str], spec: Mapping[str, Iterable[str]], need_colon: bool = False) -> dict[str, str]:
    """Read "label：value" pairs from a line given as its cell texts (one part when the line is
    one merged cell). A value runs to the next label; blanks like '____' read as ''. First
    occurrence of a key wins."""
    line = "\x01".join(c for c in (textnorm.clean(p) for p in parts) if c)
    pattern, names = field_pattern(spec, need_colon)
    hits = list(pattern.finditer(line))
    out: dict[str, str] = {}
    for i, m in enumerate(hits):
        key = names[textnorm.squash(m.group("label") or m.group("label2"))]
        stop = hits[i + 1].start() if i + 1 < len(hits) else len(line)
        value = textnorm.clean(line[m.end():stop].replace("\x01", " "))
        value = value.strip(" :：,，;；|")
        out.setdefault(key, "" if is_blank(value) else value)
    return out
