"""Validators for values read by OCR, per field of the campaign's form definition.

Contract: :func:`validate` takes a form column/field definition (``paperdesk.campaign.Column``),
the OCR text and its confidence, and returns a :class:`Checked` value: the value to keep, the
confidence to report and, when the value is doubtful, a Chinese reason. It never guesses
silently: every repair (digit look-alikes fixed, a value snapped to the nearest allowed one)
lowers the confidence, and anything that does not validate is kept as read with a confidence
under :data:`LOW_CONFIDENCE` and a reason, for the checks layer to raise OCR_LOW_CONFIDENCE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from paperdesk import textnorm

LOW_CONFIDENCE = 0.80  # below this a field is reported as uncertain
SNAP_MIN_RATIO = 0.5  # a reading at least this similar to an allowed value is snapped to it
REPAIR_FACTOR = 0.9  # confidence kept after a look-alike repair
INVALID_CONF = 0.3  # confidence of a value that does not validate

_DIGIT_LOOKALIKES = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "〇": "0", "。": "0", "l": "1", "I": "1", "|": "1", "]": "1", "[": "1",
     "丨": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9"}
)
#: what a recogniser reads for a mark ticked or crossed in a cell (√ → V, × → X): in a field whose
#: vocabulary spells a meaning with the mark, a cell holding one of these alone is that mark
_MARK_SHAPES = {"V": "√", "v": "√", "✓": "√", "✔": "√", "X": "×", "x": "×", "✗": "×", "✘": "×"}
_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?")
_RANGE_DASH = re.compile(r"(\d{1,2}\s*[.月/]\s*\d{1,2}\s*日?)\s*[-一－~〜–—]+\s*(?=\d)")
_SHORT_DATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class Checked:
    """A validated value: ``reason`` is None when the value is trusted as read."""

    value: str
    conf: float
    reason: str | None = None


def validate(column, text: str, conf: float, id_digits: int = 12, vocab=None) -> Checked:
    """The value of ``column`` read as ``text`` with ``conf`` (see the module docstring).
    ``vocab`` (the campaign's :class:`~paperdesk.campaign.Vocabulary` of the field) lets a value be
    any spelling of an allowed meaning: the college's own word is kept as read, never replaced by
    the template's."""
    text = date_range_dash(textnorm.clean(text))
    if not text:
        return Checked("", conf)
    if vocab is not None and column.type == "text":
        return _spelling(text, conf, vocab)
    if column.type == "student_id":
        return _student_id(text, conf, id_digits)
    if column.type == "int":
        return _integer(text, conf)
    if column.type == "date":
        return _date(text, conf)
    if column.values:
        return snap(text, conf, column.values)
    return _plain(text, conf)


def date_range_dash(text: str) -> str:
    """The dash of a date range as printed on the forms (—): OCR cannot tell -, 一, — apart
    (2020.6.10一2020.6.16 -> 2020.6.10—2020.6.16). Only between two dates; 0758-2950462 stays."""
    return _RANGE_DASH.sub(lambda m: m.group(1) + "—", text)


def _plain(text: str, conf: float) -> Checked:
    if conf < LOW_CONFIDENCE:
        return Checked(text, conf, f"识别置信度低（{conf:.2f}）")
    return Checked(text, conf)


def _digits(text: str) -> tuple[str, bool]:
    """Digits of ``text`` with look-alike letters fixed; True when a repair was needed."""
    squeezed = re.sub(r"\s+", "", text)
    fixed = squeezed.translate(_DIGIT_LOOKALIKES)
    return fixed, fixed != squeezed


def _student_id(text: str, conf: float, n: int) -> Checked:
    value, repaired = _digits(textnorm.student_id(text))
    if not re.fullmatch(rf"\d{{{n}}}", value):
        return Checked(text, min(conf, INVALID_CONF), f"学号应为 {n} 位数字，识别为“{text}”")
    if repaired:
        conf *= REPAIR_FACTOR
    return _plain(value, conf) if not repaired else Checked(value, conf, f"学号中有形近字符，已按数字读作 {value}")


def _integer(text: str, conf: float) -> Checked:
    number = textnorm.to_int(text)
    if number is None:
        fixed, _ = _digits(text)
        number = textnorm.to_int(fixed)
        if number is None:
            return Checked(text, min(conf, INVALID_CONF), f"应为数字，识别为“{text}”")
        return Checked(str(number), conf * REPAIR_FACTOR, f"数字中有形近字符，已读作 {number}")
    return _plain(str(number), conf)


def _date(text: str, conf: float) -> Checked:
    m = _DATE.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return _plain(f"{y:04d}-{mo:02d}-{d:02d}", conf)
    if _SHORT_DATE.search(text):
        return _plain(text, conf)
    return Checked(text, min(conf, INVALID_CONF), f"日期格式无法识别：“{text}”")


#: a reading is taken for a known spelling from this similarity on, and only this far ahead of the
#: nearest spelling of another meaning (无不良记录 must never become 有不良记录)
SPELLING_MIN_RATIO, SPELLING_MARGIN = 0.75, 0.15


def _spelling(text: str, conf: float, vocab) -> Checked:
    """A value of an enumerated field: a known spelling as read; else the nearest spelling when it
    is close and clearly nearer than any spelling of another meaning (with a reason: a doubt);
    else the reading as it is, doubted."""
    if vocab.canonical(text) is not None:
        return _plain(text, conf)
    mark = _MARK_SHAPES.get(text.strip())
    if mark is not None and vocab.canonical(mark) is not None:
        return Checked(mark, conf * REPAIR_FACTOR, f"识别为“{text.strip()}”，按勾选符号“{mark}”读取")
    choice = _choice(text, conf, vocab)
    if choice is not None:
        return choice
    key = textnorm.squash(text)
    best: dict[str, tuple[float, str]] = {}
    for spelling, canon in vocab.spellings():
        ratio = SequenceMatcher(None, key, textnorm.squash(spelling)).ratio()
        if ratio > best.get(canon, (0.0, ""))[0]:
            best[canon] = (ratio, spelling)
    ranked = sorted(best.values(), reverse=True)
    if ranked and ranked[0][0] >= SPELLING_MIN_RATIO and ranked[0][0] - (ranked[1][0] if len(ranked) > 1 else 0) >= SPELLING_MARGIN:
        ratio, spelling = ranked[0]
        return Checked(spelling, conf * ratio, f"识别为“{text}”，最接近“{spelling}”，请核对")
    return Checked(text, min(conf, INVALID_CONF), f"“{text}”不是此栏的可选写法之一")


#: an empty tick box as read (口 is how the recogniser reads □), and a ticked one or a tick
_BOXES = "口□☐○"
_TICKS = "☑☒▣■●√✓✔"
#: the confidence of an option read as ticked because it is the only one without an empty box
#: (the tick itself not read): under LOW_CONFIDENCE, so that only agreement is taken on it
ELIMINATION_CONF = 0.7


def _choice(text: str, conf: float, vocab) -> Checked | None:
    """The option ticked in a line of tick boxes ("☑学生带班党员标兵 □优秀学生带班党员"), or None
    when the text is no such line. An option right after a tick is the choice, sure only when
    every other option was read with its empty box (else unsure: a box read as a tick, or a mark
    lost, cannot be told apart); when no tick was read but every option save one sits after an
    empty box ("口学生带班党员标兵优秀学生带班党员"), that one is taken, unsure
    (:data:`ELIMINATION_CONF`, with a reason)."""
    t = textnorm.clean(text)
    if not any(ch in t for ch in _BOXES + _TICKS):
        return None
    taken = [False] * len(t)
    found = []
    options = {sp for sp, _ in vocab.spellings() if sp and not any(ch in _BOXES + _TICKS for ch in sp)}
    for spelling in sorted(options, key=len, reverse=True):
        for m in re.finditer(re.escape(spelling), t):
            if not any(taken[m.start():m.end()]):
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
                found.append((m.start(), spelling))
    if len(found) < 2:
        return None
    before = {sp: t[:start].rstrip()[-1:] for start, sp in found}
    ticked = {vocab.canonical(sp): sp for sp, ch in before.items() if ch and ch in _TICKS}
    plain = [sp for sp, ch in before.items() if not (ch and ch in _BOXES + _TICKS)]
    if len(ticked) == 1:
        choice = next(iter(ticked.values()))
        if not plain:  # every other option read with its empty box: the line is whole
            return Checked(choice, conf * REPAIR_FACTOR)
        return Checked(choice, min(conf, ELIMINATION_CONF),
                       f"识别为“{text}”，勾选“{choice}”，但并非每个选项前都读出了方框，请核对")
    if ticked:
        return Checked(text, min(conf, INVALID_CONF), f"“{text}”勾选了不止一项")
    if len(plain) == 1:
        return Checked(plain[0], min(conf, ELIMINATION_CONF),
                       f"识别为“{text}”，未读出勾选符号；只有“{plain[0]}”前没有空框，按此读取，请核对")
    return None


def snap(text: str, conf: float, allowed: tuple[str, ...]) -> Checked:
    """The allowed value ``text`` is, or is closest to (confidence lowered by the distance)."""
    key = textnorm.squash(text)
    for value in allowed:
        if key == textnorm.squash(value):
            return _plain(value, conf)
    scored = sorted(((SequenceMatcher(None, key, textnorm.squash(v)).ratio(), v) for v in allowed), reverse=True)
    best_ratio, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_ratio >= SNAP_MIN_RATIO and best_ratio > runner_up:
        snapped_conf = conf * best_ratio
        return Checked(best, snapped_conf, f"识别为“{text}”，按最接近的选项读作“{best}”")
    options = "、".join(allowed)
    return Checked(text, min(conf, INVALID_CONF), f"“{text}”不是可选值（{options}）之一")
