"""Paper copies: print (LibreOffice PDF) -> render (pdftoppm) -> stamp, sign -> degrade -> scan files."""
from __future__ import annotations

import io
import math
import subprocess
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
from PIL import Image, ImageDraw

from .common import Rng
from .images import font

SEAL_RED = np.array([205, 32, 45], np.float32)


# ---------------------------------------------------------------- seal and pen
def seal_rgba(ring: str, diameter: int, rng: Rng, faint: float = 1.0) -> Image.Image:
    S = diameter * 3
    im = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(im)
    c = S / 2
    w = int(S * 0.038)
    d.ellipse([w / 2, w / 2, S - w / 2, S - w / 2], outline=255, width=w)
    n = len(ring)
    span = 250.0
    fsz = int(S * 0.145 if n <= 14 else S * 0.125)
    f = font(fsz, bold=True)
    R = c - w - fsz * 0.62
    for i, ch in enumerate(ring):
        th = math.radians(90 + span / 2 - i * span / (n - 1))
        g = Image.new("L", (fsz * 2, fsz * 2), 0)
        ImageDraw.Draw(g).text((fsz * 0.5, fsz * 0.35), ch, font=f, fill=255)
        g = g.rotate(math.degrees(th) - 90, resample=Image.BICUBIC)
        x = c + R * math.cos(th) - fsz
        y = c - R * math.sin(th) - fsz
        im.paste(255, (int(x), int(y)), g)
    # star
    rs, ri = S * 0.17, S * 0.068
    pts = []
    for k in range(10):
        a = math.radians(90 + k * 36)
        r = rs if k % 2 == 0 else ri
        pts.append((c + r * math.cos(a), c - r * math.sin(a) + S * 0.02))
    d.polygon(pts, fill=255)
    im = im.resize((diameter, diameter), Image.LANCZOS)
    a = np.asarray(im).astype(np.float32) / 255.0
    tex = rng.np.uniform(0.55, 1.0, (diameter // 4 + 1, diameter // 4 + 1)).astype(np.float32)
    tex = cv2.resize(tex, (diameter, diameter), interpolation=cv2.INTER_LINEAR)
    a = a * tex * rng.uniform(0.78, 0.93) * faint
    rot = rng.uniform(-25, 25)
    M = cv2.getRotationMatrix2D((diameter / 2, diameter / 2), rot, 1.0)
    a = cv2.warpAffine(a, M, (diameter, diameter))
    return a


def stamp(page: np.ndarray, alpha: np.ndarray, cx: int, cy: int, color=SEAL_RED):
    h, w = alpha.shape
    x0, y0 = int(cx - w / 2), int(cy - h / 2)
    X0, Y0 = max(0, x0), max(0, y0)
    X1, Y1 = min(page.shape[1], x0 + w), min(page.shape[0], y0 + h)
    a = alpha[Y0 - y0:Y1 - y0, X0 - x0:X1 - x0][..., None]
    reg = page[Y0:Y1, X0:X1]
    page[Y0:Y1, X0:X1] = reg * (1 - a * (1 - color / 255.0))


def pen(page: np.ndarray, rng: Rng, x: int, y: int, scale: float, color=(25, 35, 110), kind="sign"):
    """A handwritten-looking stroke: a signature scribble, a tick, or an underline."""
    im = Image.fromarray(page.astype(np.uint8))
    d = ImageDraw.Draw(im)
    wd = max(2, int(2.2 * scale))
    if kind == "sign":
        pts = []
        px = x
        for k in range(rng.randint(14, 22)):
            px += rng.uniform(4, 12) * scale
            pts.append((px, y + rng.uniform(-14, 10) * scale))
        d.line(pts, fill=color, width=wd, joint="curve")
        d.line([(x + 5 * scale, y + 8 * scale), (px, y - 6 * scale)], fill=color, width=wd)
    elif kind == "tick":
        d.line([(x, y), (x + 9 * scale, y + 12 * scale), (x + 28 * scale, y - 16 * scale)], fill=color, width=wd + 1)
    elif kind == "underline":
        d.line([(x, y), (x + rng.uniform(90, 160) * scale, y + rng.uniform(-3, 3) * scale)], fill=color, width=wd)
    elif kind == "date":
        d.text((x, y - 18 * scale), "6.18", font=font(int(26 * scale)), fill=color)
    page[:] = np.asarray(im).astype(np.float32)


# ---------------------------------------------------------------- render
def render_pdf(pdf: Path, dpi: int, tmp: Path) -> list[np.ndarray]:
    prefix = tmp / (pdf.stem + f"-{dpi}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(tmp.glob(prefix.name + "-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    out = [np.asarray(Image.open(p).convert("RGB")).astype(np.float32) for p in pages]
    for p in pages:
        p.unlink()
    return out


def find_text(pdf: Path, needle: str) -> list[tuple[int, float, float, float, float, float, float]]:
    """Occurrences of needle: (page index, x0, top, x1, bottom, page width, page height) in points."""
    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for pi, page in enumerate(doc.pages):
            chars = [c for c in page.chars if c["text"].strip()]
            s = "".join(c["text"] for c in chars)
            start = 0
            while True:
                k = s.find(needle, start)
                if k < 0:
                    break
                cs = chars[k:k + len(needle)]
                out.append((pi, min(c["x0"] for c in cs), min(c["top"] for c in cs), max(c["x1"] for c in cs),
                            max(c["bottom"] for c in cs), float(page.width), float(page.height)))
                start = k + 1
    return out


# ---------------------------------------------------------------- degrade
def degrade(page: np.ndarray, rng: Rng, o: dict) -> np.ndarray:
    h, w, _ = page.shape
    a = page.copy()
    tone = np.array(o.get("paper", (246, 243, 236)), np.float32) / 255.0
    a = 255 - (255 - a) * o.get("toner", 1.0)            # light (<1) or heavy (>1) toner
    a = a * tone
    if o.get("light", 0.06):
        yy, xx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
        g = 1 - o.get("light", 0.06) * ((xx / w - rng.uniform(0.2, 0.8)) ** 2 + (yy / h - rng.uniform(0.2, 0.8)) ** 2)
        g = cv2.resize(g, (w, h))
        a = a * g[..., None]
    if o.get("blur"):
        a = cv2.GaussianBlur(a, (0, 0), o["blur"])
    a = a + rng.np.normal(0, o.get("noise", 4.0), a.shape).astype(np.float32)
    for _ in range(int(o.get("dust", 30))):
        x, y = rng.randint(0, w - 1), rng.randint(0, h - 1)
        cv2.circle(a, (x, y), rng.randint(1, 3), (60, 60, 60), -1)
    ang = o.get("skew", 0.0)
    if ang:
        M = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
        a = cv2.warpAffine(a, M, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=(240, 238, 232))
    if o.get("upside_down"):
        a = a[::-1, ::-1]
    return np.clip(a, 0, 255)


def phone_photo(page: np.ndarray, rng: Rng, out_w=2250, out_h=3000) -> np.ndarray:
    h, w, _ = page.shape
    land = w > h
    if land:
        out_w, out_h = out_h, out_w
    bg = np.zeros((out_h, out_w, 3), np.float32)
    bg[:] = (120 + rng.uniform(-15, 15), 92 + rng.uniform(-10, 10), 64 + rng.uniform(-10, 10))
    bg += rng.np.normal(0, 6, bg.shape).astype(np.float32)
    mx, my = out_w * 0.06, out_h * 0.05
    dst = np.float32([[mx + rng.uniform(0, 60), my + rng.uniform(0, 50)],
                      [out_w - mx - rng.uniform(0, 60), my + rng.uniform(0, 70)],
                      [out_w - mx - rng.uniform(20, 110), out_h - my - rng.uniform(0, 40)],
                      [mx + rng.uniform(20, 110), out_h - my - rng.uniform(0, 60)]])
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    M = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, M, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                 borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), M, (out_w, out_h))
    a = bg * (1 - mask[..., None]) + warped * mask[..., None]
    yy, xx = np.mgrid[0:out_h:8, 0:out_w:8].astype(np.float32)
    g = 1.0 - 0.22 * (((xx / out_w) - 0.35) ** 2 * 2 + ((yy / out_h) - 0.3) ** 2 * 2)
    g = cv2.resize(g, (out_w, out_h))
    a = a * g[..., None] * np.array([1.0, 0.97, 0.9], np.float32)
    a = cv2.GaussianBlur(a, (0, 0), 0.9)
    a += rng.np.normal(0, 3.5, a.shape).astype(np.float32)
    return np.clip(a, 0, 255)


# ---------------------------------------------------------------- outputs
def to_image(a: np.ndarray, grey: bool) -> Image.Image:
    im = Image.fromarray(a.astype(np.uint8))
    return im.convert("L") if grey else im


def save_pdf(images: list[Image.Image], path: Path, dpi: int, quality: int = 80):
    path.parent.mkdir(parents=True, exist_ok=True)
    st = time.strptime("2020-06-22 15:20:00", "%Y-%m-%d %H:%M:%S")
    # Pillow embeds each page as JPEG at its default quality; re-encode first for the wanted quality
    pages = []
    for im in images:
        b = io.BytesIO()
        im.save(b, "JPEG", quality=quality)
        pages.append(Image.open(io.BytesIO(b.getvalue())))
    pages[0].save(str(path), "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi),
                  creationDate=st, modDate=st, producer="ScanSnap Manager", creator="ScanSnap Manager")


def save_jpg(im: Image.Image, path: Path, dpi: int, quality: int = 85):
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(str(path), "JPEG", quality=quality, dpi=(dpi, dpi))


def save_tiff(images: list[Image.Image], path: Path, dpi: int):
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(str(path), "TIFF", compression="tiff_lzw", dpi=(dpi, dpi), save_all=True,
                   append_images=images[1:])


class Printer:
    """Holds the print PDFs of the paper copies and turns them into scanned pages."""

    def __init__(self, tmp: Path):
        self.tmp = Path(tmp)
        self.tmp.mkdir(parents=True, exist_ok=True)

    def scan(self, pdf: Path, rng: Rng, *, dpi=200, seal: dict | None = None, sign=False, opts=None,
             page_opts=None, phone=(), extras=()) -> list[np.ndarray]:
        """seal: {ring, anchor, which ('first'|'last'|('after', text)), dx, dy (in points), faint}
        extras: [(kind, anchor text, dx, dy)] pen marks.  Returns degraded page arrays."""
        pages = render_pdf(pdf, dpi, self.tmp)
        k = dpi / 72.0
        for sl in ([seal] if isinstance(seal, dict) else list(seal or [])):
            if "page" in sl:
                pi = sl["page"] if sl["page"] >= 0 else len(pages) + sl["page"]
                fx, fy = sl.get("at", (0.72, 0.8))
                cx, cy = pages[pi].shape[1] * fx, pages[pi].shape[0] * fy
            else:
                occ = find_text(pdf, sl["anchor"])
                which = sl.get("which", "first")
                if isinstance(which, tuple):
                    after = find_text(pdf, which[1])
                    a0 = after[0] if after else None
                    occ = [o for o in occ if a0 is None or (o[0], o[2]) > (a0[0], a0[2] - 1)]
                    which = "first"
                if occ:
                    o = occ[0] if which == "first" else occ[-1]
                    pi, x0, top, x1, bot, pw, ph = o
                    cx = (x1 + sl.get("dx", 10)) * k
                    cy = ((top + bot) / 2 + sl.get("dy", 0)) * k
                else:
                    pi = len(pages) - 1
                    cx, cy = pages[-1].shape[1] * 0.72, pages[-1].shape[0] * 0.8
            diam = int(42 / 25.4 * dpi)
            alpha = seal_rgba(sl["ring"], diam, rng.sub(f"seal{pi}"), sl.get("faint", 1.0))
            stamp(pages[pi], alpha, int(cx), int(cy))
        if sign:
            for o in find_text(pdf, "签字")[:1]:
                pi, x0, top, x1, bot, pw, ph = o
                pen(pages[pi], rng.sub("sign"), int((x1 + 8) * k), int((top + bot) / 2 * k), k / 2.78)
        for kind, anchor, dx, dy in extras:
            for o in find_text(pdf, anchor)[:1]:
                pi, x0, top, x1, bot, pw, ph = o
                col = (200, 30, 40) if kind in ("tick", "underline") else (25, 35, 110)
                pen(pages[pi], rng.sub("pen" + anchor), int((x0 + dx) * k), int((bot + dy) * k), k / 2.78, col, kind)
        out = []
        for i, p in enumerate(pages):
            o = dict(opts or {})
            o.update((page_opts or {}).get(i, {}))
            a = degrade(p, rng.sub(f"deg{i}"), o)
            if i in phone:
                a = phone_photo(a, rng.sub(f"phone{i}"))
            out.append(a)
        return out
