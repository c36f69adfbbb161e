"""The CJK font used to draw synthetic pages, and a text-fitting helper.

``font_path()`` finds Noto Sans CJK (the Debian ``fonts-noto-cjk`` path first, then ``fc-match``)
and raises :class:`FontMissing` with an install hint when there is none: a missing font is bad
configuration of the machine, not bad input. ``fit_text`` draws a string inside a box, shrinking
the size and wrapping by characters until it fits.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import ImageDraw, ImageFont

DEFAULT_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_FC_PATTERNS = ("Noto Sans CJK SC", "Noto Serif CJK SC", ":lang=zh-cn")
_CJK_PROBE = "中"

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 (x1/y1 exclusive)


class FontMissing(RuntimeError):
    """No font able to draw Chinese was found on this machine."""


def _fc_match(pattern: str) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(out.stdout.strip())
    return path if out.returncode == 0 and path.is_file() else None


def _draws_cjk(path: Path) -> bool:
    try:
        font = ImageFont.truetype(str(path), 32)
    except OSError:
        return False
    return font.getbbox(_CJK_PROBE)[2] > 16


@lru_cache(maxsize=1)
def font_path() -> Path:
    """Path of a font that draws Chinese (Noto Sans CJK preferred); FontMissing when none."""
    candidates = [DEFAULT_FONT, *(_fc_match(p) for p in _FC_PATTERNS)]
    for path in candidates:
        if path is not None and path.is_file() and _draws_cjk(path):
            return path
    raise FontMissing(
        "找不到中文字体：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），"
        f"期望的路径是 {DEFAULT_FONT}"
    )


@lru_cache(maxsize=256)
def font(size_px: int) -> ImageFont.FreeTypeFont:
    """The CJK font at ``size_px`` pixels (em size), cached."""
    return ImageFont.truetype(str(font_path()), max(4, int(size_px)))


def pt_to_px(pt: float, dpi: int) -> int:
    """Typographic points to pixels at ``dpi``."""
    return max(4, round(pt * dpi / 72))


def _wrap(text: str, fnt: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if ch == "\n":
            lines.append(cur)
            cur = ""
        elif fnt.getlength(cur + ch) <= width or not cur:
            cur += ch
        else:
            lines.append(cur)
            cur = ch
    lines.append(cur)
    return lines


def _layout(text: str, box: Box, size: int, pad: int) -> tuple[ImageFont.FreeTypeFont, list[str], int] | None:
    fnt = font(size)
    width, height = box[2] - box[0] - 2 * pad, box[3] - box[1] - 2 * pad
    lines = _wrap(text, fnt, width)
    line_h = round(size * 1.25)
    fits = len(lines) * line_h <= height and all(fnt.getlength(ln) <= width for ln in lines)
    return (fnt, lines, line_h) if fits else None


def fit_text(draw: ImageDraw.ImageDraw, box: Box, text: str, size: int, *, fill=(0, 0, 0),
             align: str = "center", valign: str = "center", min_size: int = 8) -> Box:
    """Draw ``text`` inside ``box``: shrink from ``size`` down to ``min_size`` px and wrap.

    Returns the bounding box of the ink actually drawn (the whole box interior when text is
    empty). When nothing fits even at ``min_size``, draws at ``min_size`` clipped by the box.
    """
    if not text:
        return box
    pad = max(2, size // 4)
    layout = None
    for s in range(size, min_size - 1, -1):
        layout = _layout(text, box, s, pad)
        if layout:
            break
    fnt, lines, line_h = layout or (font(min_size), _wrap(text, font(min_size), box[2] - box[0] - 2 * pad),
                                    round(min_size * 1.25))
    total_h = len(lines) * line_h
    top = box[1] + pad if valign == "top" else box[1] + (box[3] - box[1] - total_h) // 2
    x_min = y_min = 10**9
    x_max = y_max = -1
    for i, line in enumerate(lines):
        w = fnt.getlength(line)
        x = box[0] + pad if align == "left" else box[0] + (box[2] - box[0] - w) / 2
        y = top + i * line_h
        draw.text((x, y), line, font=fnt, fill=fill)
        b = draw.textbbox((x, y), line, font=fnt)
        x_min, y_min, x_max, y_max = min(x_min, b[0]), min(y_min, b[1]), max(x_max, b[2]), max(y_max, b[3])
    return (int(x_min), int(y_min), int(x_max), int(y_max))
