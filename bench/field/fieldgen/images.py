"""Synthetic pictures: case photos, life photos of a given size, a logo, and the red seal."""
from __future__ import annotations

import io
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/opentype/noto/"
_font_cache: dict = {}


def font(size: int, bold: bool = False, serif: bool = False):
    key = (size, bold, serif)
    if key not in _font_cache:
        name = ("NotoSerifCJK-" if serif else "NotoSansCJK-") + ("Bold.ttc" if bold else "Regular.ttc")
        try:
            _font_cache[key] = ImageFont.truetype(FONT_DIR + name, size, index=2)  # SC face
        except OSError:
            _font_cache[key] = ImageFont.load_default()
    return _font_cache[key]


def _scene(rng: np.random.Generator, w: int, h: int, label: str | None) -> Image.Image:
    """A photo-like scene: sky/floor gradient, some blobs (people), a banner."""
    c1 = rng.uniform(60, 220, 3)
    c2 = rng.uniform(30, 200, 3)
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    col = np.clip(c1 * (1 - t) + c2 * t, 0, 255).astype(np.uint8)  # (h,1,3)
    img = Image.fromarray(np.ascontiguousarray(np.broadcast_to(col, (h, w, 3))))
    d = ImageDraw.Draw(img)
    # a banner
    bx0, by0 = int(w * rng.uniform(0.1, 0.3)), int(h * rng.uniform(0.05, 0.15))
    d.rectangle([bx0, by0, w - bx0, by0 + h // 9], fill=tuple(int(v) for v in rng.uniform([150, 0, 0], [230, 40, 40])))
    if label:
        f = font(max(12, h // 16), bold=True)
        d.text((bx0 + w // 30, by0 + h // 60), label, fill=(255, 240, 200), font=f)
    # people: heads and bodies
    n = int(rng.integers(3, 9))
    for i in range(n):
        cx = int(w * (0.1 + 0.8 * (i + rng.uniform(0.2, 0.8)) / n))
        cy = int(h * rng.uniform(0.45, 0.65))
        r = int(h * rng.uniform(0.04, 0.07))
        col = tuple(int(v) for v in rng.uniform(20, 240, 3))
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(235, 200, 170))
        d.rectangle([cx - int(r * 1.4), cy + r, cx + int(r * 1.4), cy + int(r * 5)], fill=col)
    return img


def photo_jpeg(seed: int, w: int = 1024, h: int = 768, label: str | None = None, noise: float = 6.0, quality: int = 82) -> bytes:
    rng = np.random.default_rng(seed)
    img = _scene(rng, w, h, label)
    arr = np.asarray(img).astype(np.float32)
    arr += rng.standard_normal(arr.shape, dtype=np.float32) * np.float32(noise)
    out = Image.fromarray(cv2.convertScaleAbs(np.maximum(arr, 0)))
    b = io.BytesIO()
    out.save(b, "JPEG", quality=quality)
    return b.getvalue()


def life_photo(seed: int, min_bytes: int, scale: float = 1.0) -> bytes:
    """A portrait-ish JPEG of at least min_bytes (natural size, no padding)."""
    rng = np.random.default_rng(seed)
    w, h = int(1500 * scale), int(2000 * scale)
    img = _scene(rng, w, h, None)
    d = ImageDraw.Draw(img)
    d.ellipse([w * 0.35, h * 0.2, w * 0.65, h * 0.42], fill=(236, 205, 178))
    d.rectangle([w * 0.25, h * 0.42, w * 0.75, h], fill=tuple(int(v) for v in rng.uniform(20, 200, 3)))
    arr = np.asarray(img).astype(np.float32)
    base_noise = rng.standard_normal(arr.shape, dtype=np.float32)
    for sigma, q in ((16, 91), (22, 93), (28, 95), (36, 96)):
        out = Image.fromarray(cv2.convertScaleAbs(np.maximum(arr + base_noise * np.float32(sigma), 0)))
        b = io.BytesIO()
        out.save(b, "JPEG", quality=q)
        data = b.getvalue()
        if len(data) >= min_bytes:
            return data
    raise RuntimeError("could not make a big enough life photo")


def small_photo(seed: int, max_bytes: int) -> bytes:
    """A (WeChat-compressed looking) JPEG under max_bytes."""
    for q in (80, 70, 60, 50, 40):
        data = photo_jpeg(seed, 1080, 1440, None, noise=5, quality=q)
        if len(data) < max_bytes:
            return data
    raise RuntimeError("could not make a small photo")


def pad_jpeg_to(data: bytes, size: int) -> bytes:
    """Insert COM segments after SOI so the file is exactly `size` bytes."""
    assert data[:2] == b"\xff\xd8"
    need = size - len(data)
    if need < 0:
        raise ValueError("already bigger than target")
    segs = b""
    while need > 0:
        if need < 4:
            raise ValueError("cannot pad by less than 4 bytes")
        chunk = min(need, 65535 + 2)
        if need - chunk in (1, 2, 3):
            chunk -= 4
        payload = chunk - 4
        segs += b"\xff\xfe" + (payload + 2).to_bytes(2, "big") + (b"Zhaoqing-life-photo " * (payload // 20 + 1))[:payload]
        need -= chunk
    out = data[:2] + segs + data[2:]
    assert len(out) == size
    return out


def exact_size_photo(seed: int, size: int) -> bytes:
    for scale in (0.85, 0.75, 0.65, 0.55):
        data = life_photo(seed, 400_000, scale=scale)
        if size - 200_000 < len(data) < size - 4:
            return pad_jpeg_to(data, size)
    raise RuntimeError("photo too big to pad")


def logo_png(seed: int) -> bytes:
    img = Image.new("RGB", (240, 240), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.ellipse([10, 10, 230, 230], outline=(0, 70, 140), width=14)
    d.text((58, 75), "肇院", fill=(0, 70, 140), font=font(62, bold=True))
    b = io.BytesIO()
    img.save(b, "PNG")
    return b.getvalue()


# ---------------------------------------------------------------------------
def seal_rgba(ring_text: str, diameter_px: int, rng: np.random.Generator, color=(205, 28, 36),
              bottom_text: str | None = None) -> Image.Image:
    """A round party-committee seal: ring, ring text along the top arc, star in the centre.

    Returned as RGBA with alpha = ink coverage (unevenly inked)."""
    S = 3
    D = diameter_px * S
    canvas = Image.new("L", (D, D), 0)
    d = ImageDraw.Draw(canvas)
    ring = max(3, int(D * 0.035))
    d.ellipse([ring // 2, ring // 2, D - ring // 2 - 1, D - ring // 2 - 1], outline=255, width=ring)
    # star
    cx = cy = D / 2
    R = D * 0.17
    pts = []
    for k in range(10):
        ang = math.pi / 2 + k * math.pi / 5
        rr = R if k % 2 == 0 else R * 0.382
        pts.append((cx + rr * math.cos(ang), cy - rr * math.sin(ang)))
    d.polygon(pts, fill=255)
    # ring text
    n = len(ring_text)
    fs = int(D * (0.12 if n <= 14 else 0.105 if n <= 18 else 0.09))
    f = font(fs, bold=True, serif=False)
    span = 250 if n > 10 else 220
    r_text = D / 2 - ring * 2.4 - fs * 0.6
    for i, ch in enumerate(ring_text):
        theta = 90 + span / 2 - i * span / max(1, n - 1)
        tile = Image.new("L", (int(fs * 1.5), int(fs * 1.5)), 0)
        td = ImageDraw.Draw(tile)
        td.text((tile.width / 2, tile.height / 2), ch, fill=255, font=f, anchor="mm")
        tile = tile.resize((int(fs * 1.5 * 0.9), int(fs * 1.5 * 1.1)))  # seal glyphs are tall
        rot = tile.rotate(theta - 90, resample=Image.BICUBIC, expand=True)
        px = cx + r_text * math.cos(math.radians(theta)) - rot.width / 2
        py = cy - r_text * math.sin(math.radians(theta)) - rot.height / 2
        canvas.paste(255, (int(px), int(py)), rot)
    if bottom_text:
        bf = font(int(D * 0.08), bold=True)
        tw = d.textlength(bottom_text, font=bf)
        d.text((cx - tw / 2, cy + D * 0.22), bottom_text, fill=255, font=bf)
    a = np.asarray(canvas.resize((diameter_px, diameter_px), Image.LANCZOS)).astype(np.float32) / 255.0
    # uneven ink: low-frequency field + speckle gaps
    lf = rng.normal(0, 1, (8, 8)).astype(np.float32)
    lf = np.asarray(Image.fromarray(((lf - lf.min()) / (np.ptp(lf) + 1e-6) * 255).astype(np.uint8)).resize((diameter_px, diameter_px), Image.BICUBIC)).astype(np.float32) / 255.0
    ink = 0.62 + 0.33 * lf
    gaps = rng.random(a.shape) < 0.06
    ink[gaps] *= 0.4
    a = np.clip(a * ink, 0, 1)
    rgba = np.zeros((diameter_px, diameter_px, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = color
    rgba[..., 3] = (a * 255).astype(np.uint8)
    img = Image.fromarray(rgba, "RGBA")
    return img.rotate(float(rng.uniform(-25, 25)), resample=Image.BICUBIC)
