"""Small page images generated in code for the scan tests (no binary fixtures).

``table_page`` draws an A4 page at a given dpi with a title and a ruled table whose rows are
lists of cell texts; a ``None`` cell continues the cell on its left (a horizontal merge).
"""

from __future__ import annotations

import functools

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
A4_IN = (8.27, 11.69)


@functools.lru_cache(maxsize=16)
def font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, px, index=2)  # index 2: Noto Sans CJK SC


def table_page(
    rows: list[list[str | None]],
    dpi: int = 150,
    title: str = "测试表",
    col_widths: list[float] | None = None,
    row_height_in: float = 0.42,
    landscape: bool = False,
) -> np.ndarray:
    """An RGB page with ``title`` and a ruled table of ``rows``; returns the image array."""
    w_in, h_in = (A4_IN[1], A4_IN[0]) if landscape else A4_IN
    W, H = int(w_in * dpi), int(h_in * dpi)
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    fpx = int(dpi * 0.13)  # ~9.5 pt
    d.text((W // 2, int(dpi * 0.8)), title, fill="black", font=font(int(fpx * 1.5)), anchor="mm")
    n_cols = max(len(r) for r in rows)
    widths = col_widths or [1.0] * n_cols
    table_w = W - 2 * int(dpi * 0.8)
    xs = [int(dpi * 0.8)]
    for wgt in widths:
        xs.append(xs[-1] + int(table_w * wgt / sum(widths)))
    y0 = int(dpi * 1.3)
    rh = int(row_height_in * dpi)
    lw = max(2, dpi // 100)
    for r, row in enumerate(rows):
        top, bottom = y0 + r * rh, y0 + (r + 1) * rh
        c = 0
        while c < n_cols:
            span = 1
            while c + span < n_cols and c + span < len(row) and row[c + span] is None:
                span += 1
            x0, x1 = xs[c], xs[c + span]
            d.rectangle([x0, top, x1, bottom], outline="black", width=lw)
            text = row[c] if c < len(row) else ""
            if text:
                d.text(((x0 + x1) // 2, (top + bottom) // 2), text, fill="black", font=font(fpx), anchor="mm")
            c += span
    return np.asarray(img)


def rotate(img: np.ndarray, degrees: float) -> np.ndarray:
    """Turn the page by ``degrees`` counter-clockwise, white background, canvas expanded."""
    return np.asarray(Image.fromarray(img).rotate(degrees, expand=True, fillcolor="white", resample=Image.BICUBIC))


A5_ROWS = [
    ["姓名", "张三", "性别", "男", "学号", "201824131105"],
    ["学院", "计算机科学与软件学院", None, "专业班级", "18软件工程1班", None],
    ["政治面貌", "中共党员", "所带班级", "20软件工程1班", "联系电话", "13800138000"],
    ["诚信记录", "无", "不及格科目数", "0", "所带班级违纪人数", "0"],
    ["获奖情况", "三好学生", None, "带班征文", "已完成", None],
    ["申报等级", "优秀学生带班党员", None, None, None, None],
]


def page_read(rows, index: int = 0, lines=(), conf: float = 0.99):
    """A PageRead as if OCR had read ``rows`` perfectly (no image, for mapping/split tests);
    ``None`` cells merge with their left neighbour as in :func:`table_page`; ``lines`` are the
    text lines above the table."""
    from extractors.scan.model import Cell, CellText, PageRead, Table, TableText, Word

    n_cols = max(len(r) for r in rows)
    cells = []
    for r, row in enumerate(rows):
        c = 0
        while c < n_cols:
            span = 1
            while c + span < len(row) and row[c + span] is None:
                span += 1
            box = (100 + 100 * c, 300 + 50 * r, 100 + 100 * (c + span), 350 + 50 * r)
            text = row[c] if c < len(row) else ""
            cells.append(CellText(Cell(r, c, 1, span, box), text or "", conf if text else 1.0))
            c += span
    xs = tuple(100 + 100 * c for c in range(n_cols + 1))
    ys = tuple(300 + 50 * r for r in range(len(rows) + 1))
    table = Table((xs[0], ys[0], xs[-1], ys[-1]), ys, xs, tuple(ct.cell for ct in cells))
    words = tuple(Word(t, (100, 100 + 40 * i, 900, 130 + 40 * i), conf) for i, t in enumerate(lines))
    return PageRead(index, (TableText(table, tuple(cells)),), words)


def text_image(lines: list[str], dpi: int = 200, pt: float = 11, width_in: float = 0.0) -> np.ndarray:
    """White RGB image with ``lines`` of text (a cell crop, or a title band)."""
    px = int(pt / 72 * dpi)
    f = font(px)
    w = int(max(width_in * dpi, max(f.getlength(t) for t in lines) + 2 * px))
    h = int(len(lines) * px * 1.6 + px)
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    for i, t in enumerate(lines):
        d.text((px, px // 2 + int(i * px * 1.6)), t, fill="black", font=f)
    return np.asarray(img)


def born_digital_pdf(path, rows: list[list[str]]) -> None:
    """A one-page PDF with a text layer: a ruled table of Latin ``rows`` (pdfium's standard
    Helvetica; no CJK font ships as a single TrueType file here)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument.new()
    page = doc.new_page(595, 842)
    font_ = raw.FPDFText_LoadStandardFont(doc.raw, b"Helvetica")
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            x, y = 80 + 200 * j, 700 - 40 * i
            rect = raw.FPDFPageObj_CreateNewRect(x, y, 200, 40)
            raw.FPDFPageObj_SetStrokeColor(rect, 0, 0, 0, 255)
            raw.FPDFPageObj_SetStrokeWidth(rect, 1.0)
            raw.FPDFPath_SetDrawMode(rect, 0, True)
            raw.FPDFPage_InsertObject(page.raw, rect)
            obj = raw.FPDFPageObj_CreateTextObj(doc.raw, font_, 12.0)
            buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x + 10, y + 15)
            raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    doc.save(str(path))
    doc.close()
