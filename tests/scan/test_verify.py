"""Verification against the electronic twin, for real: cells rendered, read by RapidOCR, and the
expected text scored against what the recogniser saw (paperdesk.lattice), not against its reading."""

import pickle

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
