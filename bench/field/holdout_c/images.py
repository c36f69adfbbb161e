"""Pictures: case photos, life photos of a given byte size, the college party committee's seal."""
from __future__ import annotations

import io
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"


def font(size: int, bold: bool = False, serif: bool = False) -> ImageFont.FreeTypeFont:
    path = SERIF if serif else (SANS_BOLD if bold else SANS)
    return ImageFont.truetype(path, size, index=2)  # index 2 = SC in the Noto CJK collections


def scene(rng: random.Random, label: str, w: int = 900, h: int = 620) -> Image.Image:
    """A synthetic 'event photo': a room or a field, people as figures, a banner with text."""
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    top = tuple(rng.randint(120, 230) for _ in range(3))
    bot = tuple(rng.randint(40, 140) for _ in range(3))
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=tuple(int(top[i] * (1 - t) + bot[i] * t) for i in range(3)))
    # banner
    bx = rng.randint(40, 160)
    d.rectangle([bx, 30, w - bx, 100], fill=(180 + rng.randint(0, 40), 20, 30))
    d.text((bx + 20, 42), label, font=font(38, bold=True), fill=(255, 235, 160))
    # desks / ground
    for _ in range(rng.randint(3, 7)):
        x = rng.randint(0, w - 120)
        y = rng.randint(h // 2, h - 60)
        d.rectangle([x, y, x + rng.randint(80, 220), y + rng.randint(20, 50)],
                    fill=tuple(rng.randint(60, 200) for _ in range(3)))
    # people
    for _ in range(rng.randint(5, 14)):
        x = rng.randint(20, w - 40)
        y = rng.randint(h // 3, h - 120)
        s = rng.randint(18, 34)
        c = tuple(rng.randint(0, 255) for _ in range(3))
        d.ellipse([x, y, x + s, y + s], fill=(230, 190, 160))
        d.rectangle([x - s // 3, y + s, x + s + s // 3, y + 3 * s], fill=c)
    arr = np.asarray(im).astype(np.int16)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    arr = np.clip(arr + nrng.normal(0, 6, arr.shape), 0, 255).astype(np.uint8)
    return Image.fromarray(arr).filter(ImageFilter.GaussianBlur(0.6))


def jpeg_bytes(im: Image.Image, quality: int = 85) -> bytes:
    b = io.BytesIO()
    im.save(b, "JPEG", quality=quality)
    return b.getvalue()


def png_bytes(im: Image.Image) -> bytes:
    b = io.BytesIO()
    im.save(b, "PNG")
    return b.getvalue()


def portrait(rng: random.Random, w: int, h: int) -> Image.Image:
    """A 'life photo': a person in front of a textured background, lots of fine detail."""
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    base = np.zeros((h, w, 3), np.float32)
    c1 = np.array([rng.randint(60, 200) for _ in range(3)], np.float32)
    c2 = np.array([rng.randint(20, 160) for _ in range(3)], np.float32)
    yy = np.linspace(0, 1, h)[:, None, None]
    base[:] = c1 * (1 - yy) + c2 * yy
    base += nrng.normal(0, 28, base.shape)           # foliage-like texture keeps JPEGs big
    im = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    cx, cy = w // 2 + rng.randint(-w // 8, w // 8), h // 2
    r = min(w, h) // 7
    d.ellipse([cx - r, cy - 2 * r, cx + r, cy], fill=(235, 200, 170))
    d.rectangle([cx - 2 * r, cy, cx + 2 * r, h], fill=tuple(rng.randint(0, 255) for _ in range(3)))
    return im


def life_photo(rng: random.Random, min_bytes: int | None = None, max_bytes: int | None = None) -> bytes:
    """JPEG of a portrait; size >= min_bytes (or <= max_bytes for a planted too-small one)."""
    if max_bytes:
        w, h, q = 1400, 1050, 88
        while True:
            data = jpeg_bytes(portrait(rng, w, h), q)
            if len(data) <= max_bytes:
                return data
            w, h = int(w * 0.85), int(h * 0.85)
    w, h, q = 2000, 1500, 90
    while True:
        data = jpeg_bytes(portrait(rng, w, h), q)
        if len(data) >= min_bytes:
            return data
        w, h = int(w * 1.15), int(h * 1.15)


def logo(text: str) -> Image.Image:
    im = Image.new("RGB", (260, 80), "white")
    d = ImageDraw.Draw(im)
    d.ellipse([4, 4, 72, 72], outline=(0, 60, 140), width=5)
    d.text((86, 18), text, font=font(30, bold=True), fill=(0, 60, 140))
    return im


# --- seal -----------------------------------------------------------------------------------------

def _star(cx, cy, r_out, r_in, rot=-math.pi / 2):
    pts = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = rot + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def seal(ring_text: str, diameter_px: int, rng: random.Random, bottom_text: str = "") -> Image.Image:
    """Red round seal (RGBA): outer ring, ring text around the top, a star in the middle."""
    S = 4
    D = diameter_px * S
    im = Image.new("L", (D, D), 0)
    d = ImageDraw.Draw(im)
    lw = int(D * 0.035)
    d.ellipse([lw // 2, lw // 2, D - lw // 2, D - lw // 2], outline=255, width=lw)
    cx = cy = D / 2
    d.polygon(_star(cx, cy, D * 0.17, D * 0.068), fill=255)
    n = len(ring_text)
    span = math.radians(min(255, 16 * n + 40))
    fsize = int(D * 0.13)
    while True:
        r_txt = D / 2 - lw * 1.6 - fsize * 0.55
        if fsize <= 0.78 * r_txt * span / n:
            break
        fsize -= S
    f = font(fsize, bold=True, serif=False)
    start = -math.pi / 2 - span / 2
    for i, ch in enumerate(ring_text):
        a = start + span * (i + 0.5) / n
        glyph = Image.new("L", (fsize * 2, fsize * 2), 0)
        ImageDraw.Draw(glyph).text((fsize // 2, fsize // 4), ch, font=f, fill=255)
        glyph = glyph.rotate(-math.degrees(a + math.pi / 2), resample=Image.BICUBIC)
        x = cx + r_txt * math.cos(a) - fsize
        y = cy + r_txt * math.sin(a) - fsize
        im.paste(255, (int(x), int(y)), glyph)
    if bottom_text:
        fb = font(int(D * 0.075), bold=True)
        tw = d.textlength(bottom_text, font=fb)
        d.text((cx - tw / 2, cy + D * 0.2), bottom_text, font=fb, fill=255)
    im = im.resize((diameter_px, diameter_px), Image.LANCZOS)
    # uneven ink
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    a = np.asarray(im).astype(np.float32) / 255.0
    blot = nrng.normal(0.85, 0.18, (diameter_px // 8 + 1, diameter_px // 8 + 1)).astype(np.float32)
    blot = np.asarray(Image.fromarray(np.clip(blot * 255, 0, 255).astype(np.uint8)).resize(
        (diameter_px, diameter_px), Image.BICUBIC)).astype(np.float32) / 255.0
    a = np.clip(a * (0.55 + 0.45 * blot) * rng.uniform(0.8, 0.95), 0, 1)
    rgba = np.zeros((diameter_px, diameter_px, 4), np.uint8)
    rgba[..., 0] = rng.randint(200, 225)
    rgba[..., 1] = rng.randint(20, 45)
    rgba[..., 2] = rng.randint(30, 50)
    rgba[..., 3] = (a * 255).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA").rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)


def stamp(page: Image.Image, seal_im: Image.Image, cx: int, cy: int) -> Image.Image:
    """Multiply the seal onto the page (ink over toner: the text stays visible under it)."""
    page = page.convert("RGB")
    arr = np.asarray(page).astype(np.float32)
    sw, sh = seal_im.size
    x0, y0 = cx - sw // 2, cy - sh // 2
    s = np.asarray(seal_im).astype(np.float32)
    alpha = s[..., 3:4] / 255.0
    col = s[..., :3] / 255.0
    H, W = arr.shape[:2]
    xa, ya = max(0, x0), max(0, y0)
    xb, yb = min(W, x0 + sw), min(H, y0 + sh)
    if xa >= xb or ya >= yb:
        return page
    sub = arr[ya:yb, xa:xb]
    a = alpha[ya - y0:yb - y0, xa - x0:xb - x0]
    c = col[ya - y0:yb - y0, xa - x0:xb - x0]
    arr[ya:yb, xa:xb] = sub * (1 - a) + sub * c * a
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
