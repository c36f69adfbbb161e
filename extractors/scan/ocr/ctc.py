"""CTC arithmetic over a recogniser's per-frame character probabilities (pure numpy).

A CTC recogniser (PP-OCR's) gives, for each text line, a ``T × C`` matrix: for each of T frames
the probability of each of C classes, class 0 being *blank*. From it:

    greedy(probs, charset)          -> (text, char_probs)   the usual best-path reading
    log_likelihood(probs, labels)   -> float   log P(labels | image), summed over every alignment
    labels_of(text, index)          -> list[int | None]      class of each character (None: the
                                       character is not in the recogniser's alphabet)

``log_likelihood`` takes ``None`` labels as a wildcard (any non-blank class): a rare character
the alphabet lacks (see FIELD-VARIATIONS: 䶮, 堃 in names) still lets the rest of the string be
checked. This is what verification (:mod:`extractors.scan.verify`) scores an expected text with.
"""

from __future__ import annotations

import numpy as np

BLANK = 0
_FLOOR = 1e-30


def greedy(probs: np.ndarray, charset: list[str]) -> tuple[str, list[float]]:
    """Best path, repeats merged, blanks dropped: the text and each kept character's probability
    (the same reading as PaddleOCR's CTCLabelDecode)."""
    idx = probs.argmax(axis=1)
    best = probs.max(axis=1)
    text, conf = [], []
    prev = -1
    for t, k in enumerate(idx):
        if k != BLANK and k != prev:
            text.append(charset[k])
            conf.append(float(best[t]))
        prev = k
    return "".join(text), conf


def labels_of(text: str, index: dict[str, int]) -> list[int | None]:
    """Class index of each character of ``text``; None for a character outside the alphabet."""
    return [index.get(ch) for ch in text]


def log_likelihood(probs: np.ndarray, labels: list[int | None]) -> float:
    """log P(labels | frames) by the CTC forward algorithm (log space); ``None`` = any non-blank
    class. ``-inf`` when the line has too few frames to hold the labels."""
    T = probs.shape[0]
    if not labels:
        return float(np.log(np.maximum(probs[:, BLANK], _FLOOR)).sum())
    logp = np.log(np.maximum(probs, _FLOOR))
    anything = np.log(np.maximum(1.0 - probs[:, BLANK], _FLOOR))
    # extended label sequence: blank, l1, blank, l2, ..., blank
    ext: list[int | None] = [BLANK]
    for lab in labels:
        ext += [lab, BLANK]
    S = len(ext)
    emit = np.empty((T, S))
    for s, lab in enumerate(ext):
        emit[:, s] = anything if lab is None else logp[:, lab]
    # a skip over a blank is allowed between two different labels (a wildcard may equal anything:
    # allow the skip, the usual choice for a "don't care" position)
    skip = np.zeros(S, dtype=bool)
    for s in range(2, S):
        skip[s] = ext[s] != BLANK and (ext[s] is None or ext[s - 2] is None or ext[s] != ext[s - 2])
    alpha = np.full(S, -np.inf)
    alpha[0] = emit[0, 0]
    if S > 1:
        alpha[1] = emit[0, 1]
    for t in range(1, T):
        prev = alpha
        one = np.concatenate(([-np.inf], prev[:-1]))
        two = np.concatenate(([-np.inf, -np.inf], prev[:-2]))
        two = np.where(skip, two, -np.inf)
        alpha = np.logaddexp(np.logaddexp(prev, one), two) + emit[t]
    tail = alpha[-1] if S == 1 else np.logaddexp(alpha[-1], alpha[-2])
    return float(tail)
