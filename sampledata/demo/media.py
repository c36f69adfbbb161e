"""Deterministic JPEG pictures for the demo: case pictures and authors' life photos.

Every picture is drawn from its own seed, so no two files of the demo share content (which
would be a DUPLICATE_FILE). Life photos are noisy on purpose: noise does not compress, which is
how a photo reaches the notice's "1M 以上" with a modest pixel count.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

_QUALITY = 90


def picture(seed: int, width: int = 480, height: int = 360) -> bytes:
    """A small case picture (~20–40 KB): a coloured scene of rectangles and circles."""
    rnd = random.Random(seed)
    img = Image.new("RGB", (width, height), _colour(rnd, 150))
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rnd.randrange(width), rnd.randrange(height)
        w, h = rnd.randrange(30, 160), rnd.randrange(30, 160)
        shape = draw.ellipse if rnd.random() < 0.5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=_colour(rnd, 40))
    noise = Image.frombytes("RGB", (width, height), rnd.randbytes(width * height * 3))
    return _jpeg(Image.blend(img, noise, 0.08))


def life_photo(seed: int, min_bytes: int) -> bytes:
    """A noisy portrait-like JPEG of at least ``min_bytes`` (grows the canvas until it is)."""
    width, height = 1200, 900
    while True:
        data = _noisy(seed, width, height)
        if len(data) >= min_bytes:
            return data
        width, height = int(width * 1.1), int(height * 1.1)


def small_photo(seed: int) -> bytes:
    """A life photo that is too small for the notice (a few hundred KB)."""
    return _noisy(seed, 700, 525)


def _noisy(seed: int, width: int, height: int) -> bytes:
    rnd = random.Random(seed)
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tint = Image.new("RGB", (width, height), _colour(rnd, 60))
    base = Image.blend(base, tint, 0.4)
    noise = Image.frombytes("RGB", (width, height), rnd.randbytes(width * height * 3))
    return _jpeg(Image.blend(base, noise, 0.6))


def _colour(rnd: random.Random, low: int) -> tuple[int, int, int]:
    return tuple(rnd.randrange(low, 256) for _ in range(3))


def _jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=_QUALITY)
    return buf.getvalue()
