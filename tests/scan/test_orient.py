"""Orientation (quarter turns) and deskew, on generated pages with real tesseract."""

import pytest
from pagegen import A5_ROWS, rotate, table_page

from extractors.scan import orient

TITLE = "肇庆学院学生带班党员考核审批表"


@pytest.fixture(scope="module")
def page():
    return table_page(A5_ROWS, dpi=150, title=TITLE)


@pytest.mark.parametrize("degrees", [-4.0, -1.0, 0.0, 2.0, 4.5])
def test_estimate_skew(page, degrees):
    assert abs(orient.estimate_skew(rotate(page, degrees), 150) - degrees) < 0.15


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_upright_undoes_quarter_turns(page, clockwise):
    image, turned, skew, tables = orient.upright(rotate(orient.turn(page, clockwise), 1.0), 150)
    assert (clockwise + turned) % 360 == 0
    assert abs(skew) > 0.7  # the 1° skew was found
    assert (tables[0].n_rows, tables[0].n_cols, len(tables[0].cells)) == (6, 6, 28)
    assert image.shape[0] > image.shape[1]  # portrait again


def test_upright_page_stays(page):
    image, turned, skew, _ = orient.upright(page, 150)
    assert (turned, skew) == (0, 0.0)
    assert image is page or (image == page).all()


def test_turn_is_clockwise(page):
    turned = orient.turn(page, 90)
    assert turned.shape[:2] == page.shape[1::-1]
    assert (turned[0, -1] == page[-1, 0]).all()  # bottom-left corner goes to the top right


def test_page_without_table_uses_osd():
    from pagegen import text_image

    lines = ["学生带班工作总结", "本学年我院共有学生带班党员二十名，", "他们组织新生入学教育，开展学风建设，",
             "帮助同学适应大学生活，取得了良好效果。", "一、主要做法", "二、存在问题与改进措施"] * 3
    page = text_image(lines, dpi=150, pt=14, width_in=7.5)
    image, turned, _, tables = orient.upright(orient.turn(page, 180), 150)
    assert tables == [] and turned == 180
    assert orient.detect_orientation(page, 150)[0] == 0
