"""Table grid detection on generated pages: cells, spans, skew, no table."""

import numpy as np
from pagegen import A5_ROWS, rotate, table_page

from extractors.scan import grid, orient


def _spans(table):
    return {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}


def test_cells_and_merged_spans():
    tables = grid.find_tables(table_page(A5_ROWS, dpi=150), 150)
    assert len(tables) == 1
    t = tables[0]
    assert (t.n_rows, t.n_cols) == (6, 6)
    spans = _spans(t)
    assert spans[(0, 0)] == (1, 1)
    assert spans[(1, 1)] == (1, 2)  # 学院 value spans two columns
    assert spans[(5, 1)] == (1, 5)  # 申报等级 value spans the rest of the row
    assert len(t.cells) == 28
    assert all(c.bbox[0] < c.bbox[2] and c.bbox[1] < c.bbox[3] for c in t.cells)


def test_vertical_merge():
    rows = [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]
    img = table_page(rows, dpi=150).copy()
    t = grid.find_tables(img, 150)[0]
    # wipe the border between (1,0) and (2,0): the first column's last two cells merge
    x0, _, x1, _ = t.cells[3].bbox
    y = t.row_lines[2]
    img[y - 3: y + 4, x0 + 4: x1 - 4] = 255
    spans = _spans(grid.find_tables(img, 150)[0])
    assert spans[(1, 0)] == (2, 1)
    assert (2, 0) not in spans


def test_skewed_page_needs_deskew_and_then_reads():
    img = rotate(table_page(A5_ROWS, dpi=150), 2.5)
    skew = orient.estimate_skew(img, 150)
    assert abs(skew - 2.5) < 0.2
    t = grid.find_tables(orient.rotate_small(img, skew), 150)[0]
    assert (t.n_rows, t.n_cols, len(t.cells)) == (6, 6, 28)


def test_page_without_table():
    blank = np.full((1754, 1240, 3), 255, np.uint8)
    assert grid.find_tables(blank, 150) == []


def test_line_mask_covers_rules_not_text():
    img = table_page([["姓名", "张三"]], dpi=150)
    mask = grid.line_mask(img, 150)
    t = grid.find_tables(img, 150)[0]
    y = t.row_lines[0]
    assert mask[y, t.col_lines[0] + 20: t.col_lines[-1] - 20].all()
    x0, y0, x1, y1 = t.cells[0].bbox
    inner = mask[y0 + 8: y1 - 8, x0 + 8: x1 - 8]
    assert inner.mean() < 1  # the label's strokes stay
