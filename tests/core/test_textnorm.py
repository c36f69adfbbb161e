from decimal import Decimal

import pytest

from paperdesk import textnorm


@pytest.mark.parametrize("raw, expected", [
    (201824131105, "201824131105"),
    (201824131105.0, "201824131105"),
    ("201824131105.0", "201824131105"),
    ("２０１８２４１３１１０５", "201824131105"),
    (" 2018 2413 1105 ", "201824131105"),
    ("2.01824131105E+11", "201824131105"),
    ("'201824131105", "201824131105"),  # Excel's text prefix, pasted in as a character
    ("‘201824131105’", "201824131105"),
    ("＂201824131105＂", "201824131105"),
    ("'2018a", "'2018a"),  # not a number: kept as typed
    ("2.01824E+11", "2.01824E+11"),  # digits were lost: keep the text so checks can say so
    (None, ""),
])
def test_student_ids_from_whatever_a_spreadsheet_stored(raw, expected):
    assert textnorm.student_id(raw) == expected


@pytest.mark.parametrize("ratio, n, expected", [
    ("0.15", 30, 5), ("0.15", 70, 11), ("0.40", 11, 4), ("0.40", 13, 5), ("0.15", 10, 2), ("0.40", 8, 3),
])
def test_round_half_up_is_exact(ratio, n, expected):
    assert textnorm.round_half_up(Decimal(ratio) * n) == expected


def test_count_chars_follows_the_spec_rule():
    assert textnorm.count_chars("我们") == 2
    assert textnorm.count_chars("我们 abc123 ，") == 4  # 我 们 abc123 ，
    assert textnorm.count_chars("２０２０年") == 2  # a run of (full-width) digits counts 1
    assert textnorm.count_chars(" \n\t　") == 0
    assert textnorm.count_chars("COVID-19疫情") == 5  # COVID - 19 疫 情


def test_clean_and_squash():
    assert textnorm.clean("  张　三 \n") == "张 三"
    assert textnorm.squash("学 院（盖章）：") == textnorm.squash("学院(盖章):")
    assert textnorm.to_int("0.0") == 0 and textnorm.to_int("无") == 0 and textnorm.to_int("") is None
