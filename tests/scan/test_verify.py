"""Verification against the electronic twin, for real: cells rendered, read by RapidOCR, and the
expected text scored against what the recogniser saw (paperdesk.lattice), not against its reading."""

import pickle

import numpy as np

import pytest
from pagegen import text_image

from extractors.scan import ocr
from paperdesk import lattice as lattices


@pytest.fixture(scope="module")
def engine():
    return ocr.get_engine("rapid")


def _lattice(engine, text):
    img = text_image([text])
    read, conf, lattice = engine.read_cells(img, [(0, 0, img.shape[1], img.shape[0])], 200)[0]
    assert lattice is not None and read
    return lattice


@pytest.mark.parametrize("shown", ["201824131105", "18生物科学2班", "中共预备党员", "李堃", "2020.6.10"])
def test_the_value_shown_matches(engine, shown):
    v = lattices.verify(_lattice(engine, shown), shown)
    assert v.outcome == "match" and v.confidence > 0.9


def test_a_rare_character_the_recogniser_lacks_still_verifies(engine):
    lattice = _lattice(engine, "王䶮")  # 䶮 (CJK Ext. A) is not in the recogniser's alphabet
    assert lattice.reading()[0] != "王䶮"  # its free reading is wrong ...
    assert lattices.verify(lattice, "王䶮").outcome == "match"  # ... the expected name verifies
    assert lattices.verify(lattice, "李䶮").outcome != "match"  # but only with the rest right


@pytest.mark.parametrize("shown,expected", [
    ("201824131105", "201824131185"),  # one digit of a 学号
    ("李明", "张伟"),
    ("18生物科学2班", "18生物科学3班"),
    ("中共预备党员", "中共党员"),
])
def test_another_value_is_a_contradiction(engine, shown, expected):
    v = lattices.verify(_lattice(engine, shown), expected)
    assert v.outcome == "contradiction" and v.read == lattices.comparable(shown)


def test_full_width_and_spaces_do_not_count(engine):
    assert lattices.verify(_lattice(engine, "2020.6.1-2020.6.16"), "２０２０.６.１－２０２０.６.１６ ").outcome in ("match", "unsure")
    assert lattices.verify(_lattice(engine, "张 三"), "张三").outcome == "match"


def test_a_lattice_is_small_pickles_and_scores_the_same(engine):
    lattice = _lattice(engine, "201824131105")
    again = pickle.loads(pickle.dumps(lattice))
    assert again.log_likelihood("201824131105") == lattice.log_likelihood("201824131105")
    assert len(pickle.dumps(lattice)) < 4000
    assert lattice.log_likelihood("201824131105") > lattice.log_likelihood("201824131185") + 6


def test_empty_expected_is_never_a_match(engine):
    assert lattices.verify(_lattice(engine, "李明"), "").outcome == "unsure"


# ---------------------------------------------------------------- digits-only fields


@pytest.mark.parametrize("digit", list("0123456789"))
def test_a_lone_digit_verifies_and_contradicts_as_a_number(engine, digit):
    """A count cell holds one glyph, read with no context: RapidOCR split a printed 0 between 0
    (0.72) and o (0.26). Read as a number (digit view) it is a sure 0; another digit contradicts."""
    lattice = _lattice(engine, digit)
    text, conf = lattice.as_digits().reading()
    assert text == digit and conf > 0.9
    assert lattices.verify(lattice, digit).outcome == "match"
    others = [lattices.verify(lattice, d).outcome for d in "0123456789" if d != digit]
    assert others == ["contradiction"] * 9


def _hand_lattice(frames, rest=1e-3, digits=None):
    chars = tuple("".join(ch for ch, _ in f) for f in frames)
    probs = np.array([[p for _, p in f] + [0.0] * (lattices.TOP_K - len(f)) for f in frames], np.float16)
    return lattices.Lattice(chars, probs, np.full(len(frames), rest, np.float16),
                            None if digits is None else np.array(digits, np.float16))


B = lattices.BLANK


def test_the_digit_view_adds_only_glyphs_shaped_like_the_digit():
    lat = _hand_lattice([[(B, 0.99)], [("0", 0.55), ("o", 0.40), (B, 0.04)], [(B, 0.99)]])
    assert lat.reading() == ("0", pytest.approx(0.55, abs=1e-3))
    text, conf = lat.as_digits().reading()
    assert text == "0" and conf == pytest.approx(0.95, abs=2e-3)
    # S and 5 differ in print: an S stays an S (the validators repair it, with a doubt)
    s = _hand_lattice([[(B, 0.99)], [("S", 0.80), ("5", 0.15)], [(B, 0.99)]]).as_digits()
    assert s.reading()[0] == "S"


def test_the_digit_view_uses_each_digit_s_own_mass_where_the_lattice_kept_it():
    digits = [[0.0] * 10, [0.0] * 10, [0.0] * 10]
    digits[1][0], digits[1][8] = 0.95, 0.0005
    lat = _hand_lattice([[(B, 0.99)], [("0", 0.55), ("o", 0.40), (B, 0.04)], [(B, 0.99)]], rest=0.01, digits=digits)
    view = lat.as_digits()
    # without the digit masses 8 is bounded by the rest (0.01): 0 only 95x more likely, unsure
    assert lattices.verify(_hand_lattice([[(B, 0.99)], [("0", 0.55), ("o", 0.40), (B, 0.04)], [(B, 0.99)]], rest=0.01),
                           "8").outcome == "unsure"
    assert view.log_likelihood("8") < view.log_likelihood("0") - 5
    assert lattices.verify(lat, "8").outcome == "contradiction"
    assert lattices.verify(lat, "0").outcome == "match"


def test_a_text_expected_is_not_read_as_a_number():
    lat = _hand_lattice([[(B, 0.99)], [("o", 0.60), ("0", 0.35)], [(B, 0.99)]])
    assert lattices.verify(lat, "o").outcome == "match"  # a letter expected: no digit view


def test_a_text_the_recogniser_never_considered_does_not_match_a_junk_reading():
    # a cell read ')' at 0.47, half of each frame's mass in classes it did not keep: bounded by that
    # rest alone, '同意推荐' looked as likely as the reading, and a contradicting electronic value
    # passed as a match (scan bench, a 审核意见 cell under a seal)
    frames = [[(B, 0.50), (")", 0.02)], [(")", 0.47), (B, 0.03)], [(B, 0.50)], [(B, 0.50)], [(B, 0.50), ("1", 0.01)],
              [(B, 0.50)], [(B, 0.50)]]
    lat = _hand_lattice(frames, rest=0.5)
    assert lat.reading()[0] == ")"
    assert lat.log_likelihood("同意推荐") > lat.log_likelihood(")") - lattices.MATCH_LOG  # the bound alone: "as likely"
    assert lattices.verify(lat, "同意推荐").outcome == "unsure"
    assert lattices.verify(lat, ")").outcome == "match"


def test_a_kept_second_choice_still_matches():
    # the recogniser hesitated between 未 and 末 and kept both: the expected one matches
    lat = _hand_lattice([[(B, 0.99)], [("末", 0.52), ("未", 0.46)], [(B, 0.99)], [("完", 0.98)], [(B, 0.99)]], rest=0.02)
    assert lattices.verify(lat, "未完").outcome == "match"
