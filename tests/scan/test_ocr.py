"""OCR engines, for real: every registered engine reads cells, pages and honours the contract."""

import numpy as np
import pytest
from pagegen import table_page, text_image

from extractors.scan import ocr
from extractors.scan.model import Word
from extractors.scan.ocr.base import OcrEngine, cell_crop, join_lines, text_lines, tidy

ENGINES = sorted(ocr.ENGINES)


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    return ocr.get_engine(request.param)


def test_every_registered_engine_is_installed():
    assert sorted(ocr.available()) == ENGINES
    assert ocr.DEFAULT in ocr.ENGINES and ocr.default_name() == ocr.DEFAULT


def test_unknown_engine_is_a_configuration_error():
    with pytest.raises(ValueError, match="tesseract"):
        ocr.get_engine("abbyy")


def test_engine_contract(engine):
    assert isinstance(engine, OcrEngine) and engine.name in ocr.ENGINES
    text, conf = engine.read_cell(text_image(["201824131105"]), 200)
    assert text == "201824131105"
    assert 0.0 <= conf <= 1.0
    words = engine.read(text_image(["肇庆学院学生带班党员考核审批表"], pt=16), 200)
    assert words and all(isinstance(w, Word) and 0 <= w.conf <= 1 for w in words)
    assert "考核审批表" in "".join(w.text for w in words)


def test_read_cell_chinese_and_two_lines(engine):
    assert engine.read_cell(text_image(["中共预备党员"]), 200)[0] == "中共预备党员"
    text, _ = engine.read_cell(text_image(["组织新生入学教育", "开展学风建设"]), 200)
    assert text == "组织新生入学教育开展学风建设"


def test_read_cells_of_a_page(engine):
    rows = [["姓名", "张三", "学号", "201824131105"], ["带班征文", "已完成", "备注", ""]]
    page = table_page(rows, dpi=200)
    from extractors.scan.grid import find_tables, line_mask

    table = find_tables(page, 200)[0]
    clean = page.copy()
    clean[line_mask(page, 200) > 0] = 255
    found = engine.read_cells(clean, [c.bbox for c in table.cells], 200)
    assert [t for t, *_ in found] == ["姓名", "张三", "学号", "201824131105", "带班征文", "已完成", "备注", ""]
    assert found[-1] == ("", 1.0)  # blank cell: no OCR, certain


def test_cell_preparation():
    blank = np.full((80, 300, 3), 255, np.uint8)
    assert cell_crop(blank, (0, 0, 300, 80), 200) is None
    two = text_image(["第一行", "第二行"])
    assert len(text_lines(two, 200)) == 2
    assert tidy("中 共 党 员 ") == "中共党员"
    assert tidy("１８软件工程１班") == "18软件工程1班"
    assert join_lines(["good", "day"]) == "good day"
    assert join_lines(["组织新生", "入学教育"]) == "组织新生入学教育"


def test_rapid_drops_junk_lines_but_keeps_text():
    from extractors.scan.ocr.rapid import _real_lines

    text = [(("组织新生入学教育，开展学风建设", 0.99), 38), (("活。", 0.99), 37)]
    assert _real_lines(text + [(("一一", 0.26), 162), (("-", 0.34), 9)]) == text
    assert _real_lines(text + [(("帮助同学", 0.6), 38)])[-1] == (("帮助同学", 0.6), 38)  # doubtful text stays
    assert _real_lines([(("0", 0.4), 30)]) == [(("0", 0.4), 30)]  # one line: never dropped
