"""Loose matching of printed labels (form field labels, column headers) read by OCR.

Contract: :func:`match_label` says which of the given columns/fields a cell's text labels, and
what text follows the label in the same cell (``学院党委意见：同意`` -> 学院党委意见, ``同意``).
Matching is on ``textnorm.squash`` keys (no spaces, punctuation, full-width forms): equal keys
first, then a label, a colon and a value in one cell (``不及格科目数：0``: the 0 is not a seal's
stroke), then, for labels of 3+ characters, a near match of about the same length
(:data:`FUZZY_RATIO`, so that one misread character such as 政治面狐 still finds 政治面貌), then
a label at the start of the cell with the value after it.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from paperdesk import textnorm

FUZZY_RATIO = 0.74
_INLINE = re.compile(r"^\s*([^:：]{1,14}?)\s*[:：]\s*(.*)$", re.S)
_CJK_ONLY = re.compile(r"[^\u3400-\u9fff]")
_DECORATION = re.compile(r"[（(]\s*(盖章|签字|签章|盖公章)\s*[)）]?")  # a closing bracket the OCR lost too


def key(text: str) -> str:
    """The matching key of a label: decorations like （盖章） removed, then squashed."""
    return textnorm.squash(_DECORATION.sub("", text or ""))


def match_label(text: str, columns) -> tuple[object, str] | None:
    """(the column whose label ``text`` is, the text after the label) or None."""
    k = key(text)
    if not k:
        return None
    labelled = [(textnorm.squash(label), col) for col in columns for label in col.labels]
    for lab, col in labelled:
        if k == lab:
            return col, ""
    inline = inline_label(text)  # "诚信记录：无": a label, a colon, its value (not a misread label)
    if inline and inline[0]:
        for lab, col in labelled:
            if inline[0] == lab:
                return col, textnorm.clean(inline[1])
    bare = _CJK_ONLY.sub("", k)  # a stroke of a seal or circle read as I ( / — next to the label
    for lab, col in labelled:
        if bare == lab and len(k) - len(bare) <= 2:
            return col, ""
    fuzzy = _fuzzy(k, labelled)
    if fuzzy is not None:
        return fuzzy, ""
    starts = [(lab, col) for lab, col in labelled if len(lab) >= 2 and k.startswith(lab)]
    if starts:
        lab, col = max(starts, key=lambda p: len(p[0]))
        return col, _after_label(text, lab)
    return None


def inline_label(text: str) -> tuple[str, str] | None:
    """(the matching key of what comes before a colon, the text after it) for a cell typed
    "label：value" ("姓名：张三" -> ("姓名", "张三")), else None."""
    m = _INLINE.match(text or "")
    return (key(m.group(1)), m.group(2)) if m else None


def split_labelled(text: str, columns) -> tuple[str, list[tuple[object, str]]]:
    """A value that runs on into further labelled values, as a cell whose border the reader did
    not find holds them ("黄浩然学号201707010208"): (the text before the first further label, the
    (column, value) pairs after). A label counts only where a colon or a digit follows it, so that
    a value merely ending in a label's word (体育与健康学院) is never cut."""
    spots = []
    for col in columns:
        for label in col.labels:
            if len(textnorm.squash(label)) >= 2:
                for m in re.finditer(re.escape(label) + r"\s*(?:[:：]\s*(?=\S)|(?=\d))", text):
                    spots.append((m.start(), -(m.end() - m.start()), m.end(), col))
    spots.sort()
    kept, end = [], -1
    for start, _neg, stop, col in spots:
        if start >= end:
            kept.append((start, stop, col))
            end = stop
    if not kept:
        return text, []
    pairs = [(col, textnorm.clean(text[stop:(kept[i + 1][0] if i + 1 < len(kept) else len(text))]))
             for i, (_start, stop, col) in enumerate(kept)]
    return textnorm.clean(text[:kept[0][0]]), pairs


def _fuzzy(k: str, labelled: list[tuple[str, object]]):
    """The column of the label of 3+ characters that ``k`` misreads by about one character
    (tried before a label prefix, so that 所带班级违纪入数 is not taken for 所带班级 + 违纪入数)."""
    best, best_col = 0.0, None
    for lab, col in labelled:
        if len(lab) >= 3 and abs(len(lab) - len(k)) <= 1:
            ratio = SequenceMatcher(None, k, lab).ratio()
            if ratio > best:
                best, best_col = ratio, col
    return best_col if best >= FUZZY_RATIO else None


def _after_label(text: str, squashed_label: str) -> str:
    """The original text after the characters that make up the label (and a colon)."""
    seen, i = "", 0
    while i < len(text) and len(seen) < len(squashed_label):
        seen += textnorm.squash(text[i])
        i += 1
    rest = _DECORATION.sub("", text[i:])
    return textnorm.clean(rest.lstrip(" :：\u3000"))


def find_labelled(text: str, labels: tuple[str, ...]) -> dict[str, str]:
    """Values of ``labels`` in a line like ``学院（盖章）：X  带班党员总数：30  公示时间：…``.

    A label counts where it is followed by a colon (or （盖章）then a colon); or, typed without
    colons ("学院（盖章）数学学院  带班党员总数 30"), where it starts a word and is followed by a
    parenthetical, a space or a digit. Its value runs to the next label found. Labels not on the
    line are left out.
    """
    paren = r"[（(〈〔【\[][^）)〉〕】\]]{0,4}[)）〉〕】\]]"
    open_paren = r"[（(〈〔【\[][^）)〉〕】\]:：]{0,4}[)）〉〕】\]]?"  # before a colon: a lost ")" too
    spots = []
    for label in labels:
        m = (re.search(re.escape(label) + rf"\s*(?:{open_paren})?\s*[:：;；]+", text)
             or re.search(rf"(?:^|(?<=[\s,，;；]))" + re.escape(label) + rf"(?:\s*{paren}\s*|\s+|(?=\d))", text))
        if m:
            spots.append((m.start(), m.end(), label))
    spots.sort()
    out = {}
    for i, (_, end, label) in enumerate(spots):
        stop = spots[i + 1][0] if i + 1 < len(spots) else len(text)
        out[label] = textnorm.clean(text[end:stop]).strip(" ，,;；")
    return out
