"""Text normalisation shared by every layer: full-width to half-width, stray spaces, IDs, labels.

Pure functions, no I/O. Extractors call :func:`clean` on every value they read; matching of
labels and names goes through :func:`squash`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_PUNCT = re.compile(r"[\s\u3000\u00a0\u200b\ufeff:：,，.。、;；()（）\[\]【】<>《》\"'“”‘’*＊\-—_·+＋/|]+")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (Ａ１２，ideographic space) to half-width; CJK untouched."""
    out = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            out.append(" ")
        elif 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def clean(value: object) -> str:
    """A cell or paragraph value as a tidy string: half-width digits/letters, single inner spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = to_halfwidth(unicodedata.normalize("NFC", str(value)))
    return _SPACES.sub(" ", text).strip()


def squash(text: str | None) -> str:
    """A key for loose matching: half-width, no spaces or punctuation, lower case."""
    if not text:
        return ""
    return _PUNCT.sub("", to_halfwidth(str(text))).lower()


_NAME_NOTE = re.compile(r"\s*[（(【\[][^（）()【】\[\]]{0,12}[）)】\]]\s*$")


def bare_name(value: object) -> str:
    """A person's name as it should be shown: "张 三" → 张三, "张三（组长）" → 张三 (the note is
    :func:`name_note`'s), full-width letters halved."""
    text = _NAME_NOTE.sub("", clean(value))
    if re.search(r"[\u3400-\u9fff]", text):
        text = re.sub(r"\s+", "", text)
    return text


def person_name(value: object) -> str:
    """A person's name as a matching key: :func:`bare_name` in lower case."""
    return bare_name(value).lower()


def name_note(value: object) -> str:
    """The note typed after a name ("张三（组长）" → 组长), "" when none."""
    m = _NAME_NOTE.search(clean(value))
    return m.group(0).strip(" （()）【】[]") if m else ""


_QUOTES = "'\"`‘’“”′″＇＂"


def student_id(value: object) -> str:
    """A student ID from whatever a spreadsheet stored: 201824131105, 201824131105.0,
    '2.01824131105E+11', '２０１８２４１３１１０５', ' 2018 2413 1105 ', and "'201824131105" (the
    apostrophe that makes Excel keep a number as text, typed or pasted in as a character, or a
    quote around it). Returns digits only, or the cleaned text unchanged when it is not a number
    (the checks then say it is malformed)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(Decimal(repr(value)))) if value.is_integer() else clean(value)
    text = clean(value).replace(" ", "").strip(_QUOTES)
    if re.fullmatch(r"\d+", text):
        return text
    if re.fullmatch(r"\d+(\.0+)?", text):
        return text.split(".")[0]
    m = re.fullmatch(r"\d(?:\.(\d+))?[eE]\+?(\d+)", text)
    if m and len(m.group(1) or "") >= int(m.group(2)):  # only when no digit was lost
        return str(int(Decimal(text)))
    return clean(value)


def to_int(value: object) -> int | None:
    """An integer from '0', '0.0', '０', '无' (→ 0), '' (→ None)."""
    text = clean(value).replace(" ", "")
    if text in ("无", "没有", "否", "/", "—", "-"):
        return 0
    m = re.fullmatch(r"(\d+)(\.0+)?(个|门|人|科|名|次|项)?", text)
    return int(m.group(1)) if m else None


def round_half_up(x: Decimal) -> int:
    """四舍五入 to an integer, exactly: 0.15 × 30 = 4.5 → 5."""
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


_COUNT_TOKEN = re.compile(r"[A-Za-z0-9]+|\S")


def count_chars(text: str) -> int:
    """字数 by the SPEC rule: each CJK character or full-width mark counts 1, each run of Latin
    letters or digits counts 1 (full-width digits and letters too), whitespace 0. Any other
    visible character (half-width punctuation included) counts 1."""
    return sum(1 for _ in _COUNT_TOKEN.finditer(to_halfwidth(text)))
