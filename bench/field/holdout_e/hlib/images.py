"""Synthetic pictures: case photos, life photos of a controlled size, a logo."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .common import Rng

SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SERIF_B = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"


def font(size: int, bold: bool = False):
    return ImageFont.truetype(SERIF_B if bold else SANS, size, index=2)


def _scene(rng: Rng, w: int, h: int, banner: str | None = None) -> Image.Image:
    """A plausible photo-like scene: sky/wall gradient, floor, people-like blobs, a banner."""
    y = np.linspace(0, 1, h)[:, None]
    top = np.array([rng.uniform(150, 235), rng.uniform(170, 240), rng.uniform(190, 255)])
    bot = np.array([rng.uniform(60, 160), rng.uniform(60, 150), rng.uniform(40, 130)])
    horizon = rng.uniform(0.45, 0.7)
    g = np.where(y < horizon, y / horizon, 1.0)
    base = top[None, None, :] * (1 - g[..., None]) + bot[None, None, :] * g[..., None]
    img = np.broadcast_to(base, (h, w, 3)).copy()
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    for _ in range(rng.randint(2, 5)):                 # buildings / boards
        x0 = rng.randint(0, w - 50); ww = rng.randint(w // 10, w // 3)
        y0 = rng.randint(int(h * 0.15), int(h * horizon)); hh = rng.randint(h // 10, h // 3)
        c = tuple(rng.randint(60, 220) for _ in range(3))
        d.rectangle([x0, y0, x0 + ww, y0 + hh], fill=c)
    if banner:
        bw, bh = int(w * 0.7), int(h * 0.09)
        bx, by = (w - bw) // 2, int(h * 0.08)
        d.rectangle([bx, by, bx + bw, by + bh], fill=(190, 20, 30))
        f = font(max(12, int(bh * 0.6)))
        tw = d.textlength(banner, font=f)
        d.text((bx + (bw - tw) / 2, by + bh * 0.15), banner, font=f, fill=(255, 235, 120))
    n = rng.randint(4, 12)
    for i in range(n):                                 # people: head + body
        cx = int((i + 0.5) * w / n + rng.uniform(-w / (3 * n), w / (3 * n)))
        cy = int(h * rng.uniform(horizon - 0.05, horizon + 0.2))
        s = int(h * rng.uniform(0.06, 0.11))
        body = tuple(rng.randint(20, 240) for _ in range(3))
        d.rounded_rectangle([cx - s, cy, cx + s, cy + 3 * s], radius=s // 2, fill=body)
        skin = (rng.randint(200, 240), rng.randint(160, 200), rng.randint(130, 170))
        d.ellipse([cx - s * 0.6, cy - 1.3 * s, cx + s * 0.6, cy], fill=skin)
        d.ellipse([cx - s * 0.65, cy - 1.4 * s, cx + s * 0.65, cy - 0.7 * s], fill=(25, 20, 20))
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    a = np.asarray(im).astype(np.float32)
    a += rng.np.normal(0, 5, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def case_picture(rng: Rng, banner: str | None = None, w: int = 960, h: int = 720, fmt: str = "JPEG") -> bytes:
    im = _scene(rng, w, h, banner)
    b = io.BytesIO()
    if fmt == "PNG":
        im.save(b, "PNG")
    else:
        im.save(b, "JPEG", quality=rng.randint(78, 90))
    return b.getvalue()


def _portrait(rng: Rng, w: int, h: int, noise: float) -> Image.Image:
    y = np.linspace(0, 1, h)[:, None]
    x = np.linspace(0, 1, w)[None, :]
    c1 = np.array([rng.uniform(90, 200), rng.uniform(120, 210), rng.uniform(90, 220)])
    c2 = np.array([rng.uniform(30, 120), rng.uniform(60, 140), rng.uniform(30, 110)])
    t = (0.6 * y + 0.4 * x)
    img = c1[None, None, :] * (1 - t[..., None]) + c2[None, None, :] * t[..., None]
    # foliage-like texture
    tex = rng.np.normal(0, 1, (h // 8 + 1, w // 8 + 1, 3)).astype(np.float32)
    tex = np.kron(tex, np.ones((8, 8, 1), np.float32))[:h, :w]
    img = img + tex * 18
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    cx, cy = w // 2 + rng.randint(-w // 10, w // 10), int(h * 0.42)
    s = int(min(w, h) * 0.16)
    shirt = tuple(rng.randint(30, 230) for _ in range(3))
    d.rounded_rectangle([cx - 2.2 * s, cy + 1.1 * s, cx + 2.2 * s, h + s], radius=s, fill=shirt)
    d.ellipse([cx - s, cy - 1.3 * s, cx + s, cy + 1.2 * s], fill=(232, 196, 170))
    d.ellipse([cx - 1.08 * s, cy - 1.45 * s, cx + 1.08 * s, cy - 0.2 * s], fill=(30, 24, 22))
    d.ellipse([cx - 0.45 * s, cy - 0.1 * s, cx - 0.25 * s, cy + 0.05 * s], fill=(40, 30, 30))
    d.ellipse([cx + 0.25 * s, cy - 0.1 * s, cx + 0.45 * s, cy + 0.05 * s], fill=(40, 30, 30))
    d.arc([cx - 0.4 * s, cy + 0.3 * s, cx + 0.4 * s, cy + 0.7 * s], 20, 160, fill=(170, 60, 60), width=max(2, s // 25))
    im = im.filter(ImageFilter.GaussianBlur(1.0))
    a = np.asarray(im).astype(np.float32) + rng.np.normal(0, noise, (h, w, 3))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def life_photo(rng: Rng, target: str = "big", fmt: str = "JPEG") -> bytes:
    """target: 'big' (1.2–2.6 MB), 'small' (300–500 KB), or an exact byte count (int-like str)."""
    if target == "small":
        im = _portrait(rng, 1200, 1600, 4.0)
        b = io.BytesIO(); im.save(b, "JPEG", quality=80)
        return b.getvalue()
    if fmt == "PNG":
        im = _portrait(rng, 1000, 1333, 7.0)
        b = io.BytesIO(); im.save(b, "PNG")
        return b.getvalue()
    if target == "big":
        w, h = (1800, 2400) if rng.rand() < 0.6 else (2400, 1800)
        im = _portrait(rng, w, h, rng.uniform(6.0, 8.0))
        for q in range(rng.randint(86, 90), 99):
            b = io.BytesIO(); im.save(b, "JPEG", quality=q)
            data = b.getvalue()
            if len(data) > 1_200_000:
                return data
        raise AssertionError(len(data))
    exact = int(target)
    im = _portrait(rng, 1800, 2400, 5.0)
    for q in range(92, 40, -2):
        b = io.BytesIO(); im.save(b, "JPEG", quality=q)
        data = b.getvalue()
        if len(data) <= exact - 64:
            break
    return pad_jpeg(data, exact)


def pad_jpeg(data: bytes, exact: int) -> bytes:
    """Insert COM segments after SOI so the file is exactly `exact` bytes long."""
    need = exact - len(data)
    assert need >= 4, need
    segs = []
    while need > 0:
        n = min(need, 65535 + 2)
        if need - n in (1, 2, 3):          # leave room for a last segment of at least 4 bytes
            n -= 4
        body = n - 4
        segs.append(b"\xff\xfe" + (body + 2).to_bytes(2, "big") + (b"\x00" * body))
        need -= n
    out = data[:2] + b"".join(segs) + data[2:]
    assert len(out) == exact, (len(out), exact)
    return out


def downscale(data: bytes, max_side: int = 800, quality: int = 80) -> bytes:
    im = Image.open(io.BytesIO(data)).convert("RGB")
    im.thumbnail((max_side, max_side))
    b = io.BytesIO(); im.save(b, "JPEG", quality=quality)
    return b.getvalue()


def logo(text: str = "肇庆学院") -> bytes:
    im = Image.new("RGB", (360, 120), (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.ellipse([6, 6, 114, 114], outline=(150, 20, 30), width=6)
    d.text((34, 30), "肇", font=font(52, True), fill=(150, 20, 30))
    d.text((128, 32), text, font=font(44, True), fill=(150, 20, 30))
    b = io.BytesIO(); im.save(b, "PNG")
    return b.getvalue()
