"""Comparing two values of the same field, by meaning: the one comparison every rule uses.

:func:`compare` answers ``SAME``, ``DIFFERENT`` or ``UNSURE``:

- an enumerated field (one with a vocabulary in the campaign: ratings, political status, yes/no
  columns, integrity) compares canonical values: 标兵 and 学生带班党员标兵 are the SAME; a value
  that is none of the vocabulary's spellings is UNSURE, never DIFFERENT;
- a 学号 compares digits (201824131105 == 2.01824131105E+11); a 学号 shown with lost digits
  (2.01706E+11) agrees with any 学号 it could be and is UNSURE;
- a count compares numbers ("0" == "0.0" == "无"), a decimal compares its value (3.2 == 3.20), a
  date the day it names (2020-06-16 == 2020/6/16 == 2020年6月16日);
- a name ignores stray spaces and a trailing note ("张三（组长）" is 张三);
- a class name (a field of type ``class``) compares year, major and number wherever the year is
  typed (法学2017级1班 == 2017级法学1班 == 17法学1);
- other text ignores width, spaces, punctuation and case; where one is a shortening of the other
  (18数学1班 / 2018级数学与应用数学1班: the same digits, the characters of one in order in the
  other) it is UNSURE.

A blank on either side is not evidence of anything (callers skip blanks). Rules turn UNSURE into a
warning that shows both values: a flag sent back to a college must rest on a sure difference.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum

from paperdesk import textnorm
from paperdesk.campaign import Campaign

from checks.dates import parse_date
from checks.groups import class_key

NAME, SID = "姓名", "学号"


class Verdict(Enum):
    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


_LOST_DIGITS = re.compile(r"(\d)\.(\d+)[eE]\+?(\d+)")


def compare(campaign: Campaign | None, field: str | None, a: str | None, b: str | None) -> Verdict:
    """Whether two non-blank values of ``field`` say the same thing (see the module docstring)."""
    a, b = a or "", b or ""
    if textnorm.squash(a) == textnorm.squash(b):
        return Verdict.SAME
    vocab = campaign.vocabulary(field) if campaign is not None else None
    if vocab is not None:
        ma, mb = vocab.canonical(a), vocab.canonical(b)
        if ma is None or mb is None:
            return Verdict.UNSURE
        return Verdict.SAME if ma == mb else Verdict.DIFFERENT
    if field == NAME or field is None and _looks_like_name(a) and _looks_like_name(b):
        return Verdict.SAME if textnorm.person_name(a) == textnorm.person_name(b) else Verdict.DIFFERENT
    sa, sb = textnorm.student_id(a), textnorm.student_id(b)
    if sa.isdigit() and sb.isdigit():
        return Verdict.SAME if int(sa) == int(sb) else Verdict.DIFFERENT
    if field == SID or _LOST_DIGITS.fullmatch(a.strip()) or _LOST_DIGITS.fullmatch(b.strip()):
        if _could_be(a, sb) or _could_be(b, sa):
            return Verdict.UNSURE
    ya, yb = parse_date(a), parse_date(b)
    if ya is not None and yb is not None:
        return Verdict.SAME if ya == yb else Verdict.DIFFERENT
    da, db = _decimal(a), _decimal(b)
    if da is not None and db is not None:
        return Verdict.SAME if da == db else Verdict.DIFFERENT
    ia, ib = textnorm.to_int(a), textnorm.to_int(b)
    if ia is not None and ib is not None:
        return Verdict.SAME if ia == ib else Verdict.DIFFERENT
    if campaign is not None and campaign.field_type(field) == "class" and class_key(a) == class_key(b):
        return Verdict.SAME
    if _shortening(textnorm.squash(a), textnorm.squash(b)):
        return Verdict.UNSURE
    return Verdict.DIFFERENT


_DECIMAL = re.compile(r"[+-]?\d+\.\d+|[+-]?\d+")


def _decimal(text: str) -> Decimal | None:
    """The value of a text that is one plain decimal number (3.2, ３．２０, 85.50), else None."""
    t = textnorm.clean(textnorm.to_halfwidth(text)).replace(" ", "")
    return Decimal(t) if _DECIMAL.fullmatch(t) and "." in t else None


def same(campaign: Campaign | None, field: str | None, a: str | None, b: str | None) -> bool:
    return compare(campaign, field, a, b) is Verdict.SAME


def _looks_like_name(text: str) -> bool:
    return bool(re.fullmatch(r"[\u4e00-\u9fff·\s]{2,8}(?:[（(][^（）()]{0,10}[）)])?", text.strip()))


def _could_be(shown: str, digits: str) -> bool:
    """Whether a 学号 shown as ``2.01706E+11`` (digits lost) could be the full ``digits``."""
    m = _LOST_DIGITS.fullmatch(textnorm.clean(shown).replace(" ", ""))
    if not m or not digits.isdigit():
        return False
    lead = m.group(1) + m.group(2)
    return len(digits) == int(m.group(3)) + 1 and _rounds_to(digits, lead)


def _rounds_to(digits: str, lead: str) -> bool:
    """Whether ``digits`` shown to ``len(lead)`` significant digits reads ``lead`` (rounded or cut)."""
    n = len(lead)
    cut = digits[:n]
    rounded = str(round(int(digits) / 10 ** (len(digits) - n)))
    return lead in (cut, rounded)


def _digits(text: str) -> str:
    """The digits of a text, a leading 4-digit year 20xx read as its last two (2018级 = 18级)."""
    d = re.sub(r"\D", "", text)
    return d[2:] if len(d) >= 4 and d.startswith("20") else d


def _shortening(a: str, b: str) -> bool:
    """One text a shortening or reordering of the other: the same digits (a year 2018 read as 18),
    and the shorter's other characters in order among the longer's (class names typed two ways:
    18数学1班 / 2018级数学与应用数学1班 / 数学181班)."""
    short, long = sorted((a, b), key=len)
    if not short or _digits(short) != _digits(long):
        return False
    it = iter(re.sub(r"\d", "", long))
    return all(ch in it for ch in re.sub(r"\d", "", short))
