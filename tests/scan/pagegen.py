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
