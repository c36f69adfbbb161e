"""What the recogniser saw in a cell, kept so that an expected text can be scored against it.

A CTC recogniser reads a text line as ``T`` frames, each a probability over its alphabet plus
*blank*. :class:`Lattice` keeps, for every frame of every line of a cell, the :data:`TOP_K` most
likely characters and their probabilities (the rest of the frame's mass is ``rest``, an upper bound
for any character not kept). It is built by the reader (``extractors.scan.ocr.rapid``), travels in
the scan record (``PaperInfo.lattices``) and is scored by the checks, without the image or the
engine:

    lattice.reading()            -> (text, mean char probability)   the best-path reading
    lattice.log_likelihood(text) -> float   log P(text | cell), summed over every alignment (an
                                   upper bound where a character was not among a frame's top)
    verify(lattice, expected)    -> Verification(outcome, confidence, read, expected)
    lattice.as_digits()          -> Lattice   the same frames read as a digits-only field: each
                                   digit with its own mass over the whole alphabet, the glyphs
                                   shaped like it (o, O, 〇 → 0; l, I, | → 1) added (``verify``
                                   uses it for an expected value of digits only)

``verify`` says ``match`` when the expected text is the reading or nearly as likely as it (the
recogniser hesitated between the two), ``contradiction`` only when the reading is confident and the
expected text is :data:`CONTRADICTION_LOG` (natural log) less likely than the reading (or
:data:`FAR_LOG` less likely than a fair one), and
``unsure`` otherwise. A character of the expected text that the recogniser has no class for (a rare
character of a name: 䶮, 堃 — see FIELD-VARIATIONS) is a wildcard: any non-blank class. Lines are
joined by a blank frame (a line break is where CTC emits nothing). Pure numpy; no engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from paperdesk import textnorm

TOP_K = 5
BLANK = "\x00"
_FLOOR = 1e-12
REST_FLOOR = 1e-6  # the least mass left for the classes a frame does not keep (an upper bound)
MATCH_LOG = 0.7  # expected within ×2 of the reading: the recogniser hesitated between them
CONTRADICTION_LOG = 6.0  # expected ≥ 400× less likely than a confident reading
CONFIDENT_READING = 0.9  # per character, the probability of a reading that may contradict
FAR_LOG, FAIR_READING = 10.0, 0.6  # or: expected ≥ 20000× less likely than a fair reading (a lone
#                                    digit, which the recogniser reads with less context)


#: glyphs a recogniser reads for a printed digit when it has no context to tell them apart (a lone
#: ``0`` split 0.76 / 0.20 between ``0`` and ``o``): in a field that holds digits only they are that
#: digit. Only shapes that are the digit's own outline; ``S``/``5``, ``B``/``8``, ``Z``/``2`` differ
#: in print and stay letters (the validators repair them, with a doubt).
DIGIT_SHAPES = {"o": "0", "O": "0", "〇": "0", "○": "0", "l": "1", "I": "1", "|": "1", "丨": "1"}


@dataclass(frozen=True)
class Lattice:
    """Per frame (all lines of a cell, joined by a blank frame): ``chars[t]`` the kept classes
    (a string of up to TOP_K characters, :data:`BLANK` for blank), ``probs[t]`` their
    probabilities (float16)."""

    chars: tuple[str, ...]
    probs: np.ndarray  # T × TOP_K float16, 0 where a frame keeps fewer
    rest: np.ndarray  # T float16: the frame's mass outside the kept classes (≥ REST_FLOOR), taken
    #                   before rounding (0.9995 rounds to 1.0 in float16: the rest would vanish)
    digits: np.ndarray | None = None  # T × 10 float16: per frame, the mass of each digit and of
    #                   the glyphs shaped like it, over the whole alphabet (for :meth:`as_digits`)

    @property
    def frames(self) -> int:
        return len(self.chars)

    def reading(self) -> tuple[str, float]:
        """The best-path text (repeats merged, blanks dropped) and its mean character probability."""
        text, confs, prev = [], [], None
        for t, ch in enumerate(self.chars):
            top = ch[0] if ch else BLANK
            if top != BLANK and top != prev:
                text.append(top)
                confs.append(float(self.probs[t][0]))
            prev = top
        return "".join(text), (sum(confs) / len(confs) if confs else 0.0)

    def as_digits(self) -> "Lattice":
        """The lattice of a digits-only field: in every frame each digit's mass is that of the
        digit and of the glyphs shaped like it (:data:`DIGIT_SHAPES`), taken over the recogniser's
        whole alphabet when the lattice was built (:attr:`digits`), so every digit is kept with its
        own probability, not bounded by the frame's rest; blank and the kept characters that are
        no digit keep their own mass, so a reading that is not a number stays one."""
        digits = getattr(self, "digits", None)
        chars, rows = [], []
        for t, (kept, probs) in enumerate(zip(self.chars, self.probs.astype(np.float64))):
            merged: dict[str, float] = {}
            for ch, p in zip(kept, probs):
                key = DIGIT_SHAPES.get(ch, ch)
                if digits is None or not key.isdigit():
                    merged[key] = merged.get(key, 0.0) + float(p)
            if digits is not None:
                # a mass float16 rounded to 0 is taken as REST_FLOOR: never less likely than that
                merged.update({str(d): max(float(digits[t][d]), REST_FLOOR) for d in range(10)})
            best = sorted(merged.items(), key=lambda kv: -kv[1])
            chars.append("".join(ch for ch, _ in best))
            rows.append([p for _, p in best])
        width = max((len(r) for r in rows), default=TOP_K)
        probs = np.array([r + [0.0] * (width - len(r)) for r in rows], dtype=np.float16).reshape(len(rows), width)
        return Lattice(tuple(chars), probs, self.rest)

    def log_likelihood(self, text: str, wildcard=lambda ch: False, lower: bool = False) -> float:
        """log P(text | frames) by the CTC forward algorithm; a character for which
        ``wildcard(ch)`` is true counts as any non-blank class. A character a frame did not keep
        counts as the frame's ``rest`` (an upper bound), or with ``lower`` as nothing (a lower
        bound: only what the recogniser kept is evidence for the text)."""
        T = self.frames
        if T == 0:
            return 0.0 if not text else -math.inf
        probs = self.probs.astype(np.float64)
        rest = self.rest.astype(np.float64)

        def column(ch: str | None) -> np.ndarray:
            col = np.empty(T)
            for t, kept in enumerate(self.chars):
                if ch is None and lower:  # any non-blank class the frame kept
                    col[t] = sum(p for c, p in zip(kept, probs[t]) if c != BLANK)
                elif ch is None:  # any non-blank class
                    i = kept.find(BLANK)
                    col[t] = 1.0 - (probs[t][i] if i >= 0 else 0.0)
                else:
                    i = kept.find(ch)
                    col[t] = probs[t][i] if i >= 0 else (0.0 if lower else rest[t])
            return np.log(np.maximum(col, _FLOOR))

        labels = [None if wildcard(ch) else ch for ch in text]
        ext: list[str | None] = [BLANK]
        for lab in labels:
            ext += [lab, BLANK]
        cols = {}
        emit = np.empty((T, len(ext)))
        for s, lab in enumerate(ext):
            key = ("*",) if lab is None else lab
            if key not in cols:
                cols[key] = column(lab)
            emit[:, s] = cols[key]
        S = len(ext)
        skip = np.zeros(S, dtype=bool)
        for s in range(2, S):
            skip[s] = ext[s] != BLANK and (ext[s] is None or ext[s - 2] is None or ext[s] != ext[s - 2])
        alpha = np.full(S, -np.inf)
        alpha[0] = emit[0, 0]
        if S > 1:
            alpha[1] = emit[0, 1]
        for t in range(1, T):
            one = np.concatenate(([-np.inf], alpha[:-1]))
            two = np.where(skip, np.concatenate(([-np.inf, -np.inf], alpha[:-2])), -np.inf)
            alpha = np.logaddexp(np.logaddexp(alpha, one), two) + emit[t]
        return float(alpha[-1] if S == 1 else np.logaddexp(alpha[-1], alpha[-2]))


def class_names(charset: list[str]) -> list[str]:
    """The character each class of a recogniser's ``charset`` stands for in a lattice (class 0
    and a space: :data:`BLANK`; the rest half-width); computed once per engine."""
    return [BLANK] + [BLANK if not c.strip() else textnorm.to_halfwidth(c)[:1] for c in charset[1:]]


def build(line_probs: list[np.ndarray], names: list[str]) -> Lattice:
    """A lattice from a recogniser's ``T × C`` probabilities per line, its classes named by
    :func:`class_names` (a space counts as blank, spaces being no part of a compared value;
    characters half-width, ``，`` → ``,``, like every value)."""
    chars: list[str] = []
    rows: list[np.ndarray] = []
    rests: list[float] = []
    groups = _digit_classes(names)
    digits: list[np.ndarray] = []
    for n, probs in enumerate(line_probs):
        if n:
            chars.append(BLANK)
            rows.append(np.array([1.0] + [0.0] * (TOP_K - 1)))
            rests.append(REST_FLOOR)
            digits.append(np.zeros((1, 10)))
        digits.append(np.stack([probs[:, g].sum(axis=1) for g in groups], axis=1))
        keep = min(TOP_K + 2, probs.shape[1])  # two spare: classes that merge (a space into blank)
        top = _top(probs, keep)
        for t in range(probs.shape[0]):
            kept: dict[str, float] = {}
            for k in top[t]:
                ch = names[k]
                kept[ch] = kept.get(ch, 0.0) + float(probs[t, k])
            best = sorted(kept.items(), key=lambda kv: -kv[1])[:TOP_K]
            chars.append("".join(ch for ch, _ in best))
            rows.append(np.array([p for _, p in best] + [0.0] * (TOP_K - len(best))))
            rests.append(max(REST_FLOOR, 1.0 - sum(p for _, p in best)))
    arr = np.array(rows, dtype=np.float16).reshape(len(rows), TOP_K) if rows else np.zeros((0, TOP_K), np.float16)
    digit_mass = np.concatenate(digits).astype(np.float16) if digits else np.zeros((0, 10), np.float16)
    return Lattice(tuple(chars), arr, np.array(rests, dtype=np.float16), digit_mass)


def _top(probs: np.ndarray, keep: int, above: float = 1e-7) -> np.ndarray:
    """The ``keep`` most likely classes of every frame (in no order), as ``argpartition`` over
    the whole alphabet gives them, at half its cost: a frame with ``keep`` classes over ``above``
    is partitioned among the classes that pass ``above`` in some such frame (its top ones all do),
    the others (a few frames of a line) over the whole alphabet."""
    if probs.shape[1] <= keep:
        return np.argsort(-probs, axis=1)
    mask = probs > above
    ok = mask.sum(axis=1) >= keep
    top = np.empty((probs.shape[0], keep), dtype=np.intp)
    if ok.any():
        cols = np.flatnonzero(mask[ok].any(axis=0))
        top[ok] = cols[np.argpartition(-probs[ok][:, cols], keep - 1, axis=1)[:, :keep]]
    if not ok.all():
        top[~ok] = np.argpartition(-probs[~ok], keep - 1, axis=1)[:, :keep]
    return top


_groups: dict[int, tuple[list[str], list[np.ndarray]]] = {}


def _digit_classes(names: list[str]) -> list[np.ndarray]:
    """For each digit 0–9, the classes of ``names`` that read as it (the digit, full-width ones
    already half-width in ``names``, and :data:`DIGIT_SHAPES`); computed once per engine."""
    known = _groups.get(id(names))
    if known is None or known[0] is not names:
        by = [[k for k, ch in enumerate(names) if DIGIT_SHAPES.get(ch, ch) == str(d)] for d in range(10)]
        known = (names, [np.array(g, dtype=np.intp) for g in by])
        _groups[id(names)] = known
    return known[1]


@dataclass(frozen=True)
class Verification:
    """The verdict on an expected text: ``match`` / ``contradiction`` / ``unsure``; confidence
    0..1 (for a match: the expected text's probability per character; for a contradiction: the
    reading's); the reading and the expected text as compared."""

    outcome: str
    confidence: float
    read: str
    expected: str


def comparable(text: str) -> str:
    """A value as the recogniser would spell it: half-width, no spaces."""
    return "".join(textnorm.to_halfwidth(textnorm.clean(text)).split())


def verify(lattice: Lattice, expected: str, in_alphabet=None) -> Verification:
    """See the module docstring. ``in_alphabet(ch)`` says whether the recogniser has a class for
    a character (default: it appears among the lattice's kept classes, or it is ASCII or a common
    character, GB2312 — the recogniser's alphabet holds those; a rarer one is a wildcard)."""
    exp = comparable(expected)
    if exp.isascii() and exp.isdigit():
        lattice = lattice.as_digits()  # a number is read as one (a lone 0 is not an o)
    read, _ = lattice.reading()
    if not exp:
        return Verification("unsure", 0.0, read, exp)
    known = in_alphabet or _default_alphabet(lattice)
    wildcard = lambda ch: not known(ch)  # noqa: E731
    ll_e = lattice.log_likelihood(exp, wildcard)
    per_char = math.exp(ll_e / max(1, len(exp))) if ll_e > -math.inf else 0.0
    if read == exp:
        return Verification("match", per_char, read, exp)
    ll_r = lattice.log_likelihood(read)
    gap = ll_r - ll_e
    # a match needs the expected text to be nearly as likely as the reading on what the recogniser
    # kept (the lower bound): bounded by the frames' rest alone, a text the recogniser never
    # considered looked as likely as a junk reading ('同意推荐。' "matched" a cell read ')' at 0.47)
    if ll_r - lattice.log_likelihood(exp, wildcard, lower=True) <= MATCH_LOG:
        return Verification("match", per_char, read, exp)
    sure = math.exp(ll_r / len(read)) if read else 0.0  # the reading's own probability per character
    if (gap >= CONTRADICTION_LOG and sure >= CONFIDENT_READING) or (gap >= FAR_LOG and sure >= FAIR_READING):
        return Verification("contradiction", sure, read, exp)
    return Verification("unsure", per_char, read, exp)


def _default_alphabet(lattice: Lattice):
    seen = set("".join(lattice.chars))

    def known(ch: str) -> bool:
        if ch in seen or ch.isascii():
            return True
        try:
            ch.encode("gb2312")
            return True
        except UnicodeEncodeError:
            return False

    return known
