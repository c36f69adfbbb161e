"""Paper copies: print with LibreOffice, rasterise with pdftoppm, stamp a seal, degrade, save."""
from __future__ import annotations

import io
import os
import random
import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
from PIL import Image, ImageFilter

import images

SCAN_TIME = __import__("time").strptime("20200622093000", "%Y%m%d%H%M%S")
LO_PROFILE = Path(tempfile.gettempdir()) / "holdout_c_lo_profile"


def lo_convert(files: list[Path], target: str, outdir: Path) -> None:
    """Batch-convert with one soffice call (target e.g. 'pdf', 'doc', 'xls')."""
    if not files:
        return
    outdir.mkdir(parents=True, exist_ok=True)
    filt = {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97"}.get(target, target)
    cmd = ["soffice", f"-env:UserInstallation=file://{LO_PROFILE}", "--headless", "--norestore",
           "--convert-to", filt, "--outdir", str(outdir)] + [str(f) for f in files]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    for f in files:
        out = outdir / (f.stem + "." + target)
        if not out.exists():
            raise RuntimeError(f"LibreOffice did not write {out}")


def render(pdf: Path, dpi: int, grey: bool = False) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as td:
        args = ["pdftoppm", "-r", str(dpi), "-png"]
        if grey:
            args.append("-gray")
        subprocess.run(args + [str(pdf), f"{td}/p"], check=True)
        files = sorted(Path(td).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [Image.open(f).convert("L" if grey else "RGB").copy() for f in files]


def find_text(pdf: Path, page: int, needle: str, nth: int = 0):
    """Bounding box (points, top-left origin) of the nth occurrence of `needle` on a page."""
    with pdfplumber.open(str(pdf)) as doc:
        p = doc.pages[page]
        chars = [c for c in p.chars if c["text"].strip()]
        text = "".join(c["text"] for c in chars)
        idx = -1
        for _ in range(nth + 1):
            idx = text.find(needle, idx + 1)
            if idx < 0:
                return None
        cs = chars[idx: idx + len(needle)]
        return (min(c["x0"] for c in cs), min(c["top"] for c in cs),
                max(c["x1"] for c in cs), max(c["bottom"] for c in cs), float(p.width), float(p.height))


def page_count(pdf: Path) -> int:
    with pdfplumber.open(str(pdf)) as doc:
        return len(doc.pages)


def table_bottom_right(pdf: Path, page: int):
    """Bottom-right corner of the largest ruled table on a page (points)."""
    with pdfplumber.open(str(pdf)) as doc:
        p = doc.pages[page]
        xs = [l["x1"] for l in p.lines] + [r["x1"] for r in p.rects]
        ys = [l["bottom"] for l in p.lines] + [r["bottom"] for r in p.rects]
        if not xs:
            xs = [c["x1"] for c in p.chars]
            ys = [c["bottom"] for c in p.chars]
        return max(xs), max(ys), float(p.width), float(p.height)


# --- degradations ---------------------------------------------------------------------------------

def paper(img: Image.Image, rng: random.Random, noise: float = 5.0, blur: float = 0.5,
          skew: float = 0.0, tone=(0.97, 0.955, 0.925), light: float = 0.06, dust: int = 40) -> Image.Image:
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    grey = img.mode == "L"
    arr = np.asarray(img.convert("RGB")).astype(np.float32)
    h, w = arr.shape[:2]
    arr *= np.array(tone, np.float32)
    # uneven light: a smooth gradient from one side
    gx = np.linspace(-1, 1, w)[None, :]
    gy = np.linspace(-1, 1, h)[:, None]
    ax, ay = rng.uniform(-1, 1), rng.uniform(-1, 1)
    arr *= (1 - light * (0.5 + 0.5 * (ax * gx + ay * gy)))[..., None]
    arr += nrng.normal(0, noise, arr.shape)
    for _ in range(dust):
        x, y = nrng.integers(0, w), nrng.integers(0, h)
        r = int(nrng.integers(1, 3))
        arr[max(0, y - r):y + r, max(0, x - r):x + r] *= 0.35
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    if skew:
        out = out.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    return out.convert("L") if grey else out


def phone_photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """Photograph of the page on a desk: perspective, a hand's shadow, uneven light, warm cast."""
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    src = np.asarray(img.convert("RGB"))
    h, w = src.shape[:2]
    landscape = w > h
    W, H = (4000, 3000) if landscape else (3000, 4000)
    desk = np.zeros((H, W, 3), np.float32)
    desk[:] = (96, 72, 52)
    desk += nrng.normal(0, 9, desk.shape)
    scale = 0.86 * min(W / w, H / h)
    pw, ph = w * scale, h * scale
    x0, y0 = (W - pw) / 2, (H - ph) / 2
    j = lambda: rng.uniform(-0.035, 0.035) * min(W, H)
    dst = np.float32([[x0 + j(), y0 + j()], [x0 + pw + j(), y0 + j() + 40],
                      [x0 + pw + j() - 60, y0 + ph + j()], [x0 + j() + 50, y0 + ph + j()]])
    srcp = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    M = cv2.getPerspectiveTransform(srcp, dst)
    warped = cv2.warpPerspective(src, M, (W, H), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), M, (W, H)) / 255.0
    out = desk * (1 - mask[..., None]) + warped.astype(np.float32) * mask[..., None]
    # light: bright spot and falloff
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * W, rng.uniform(0.1, 0.5) * H
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / max(W, H)
    out *= (1.05 - 0.35 * dist)[..., None]
    # shadow: a soft dark band across one corner (the phone / a hand)
    sh = np.zeros((H, W), np.float32)
    pts = np.array([[W * 0.55, H], [W, H * 0.58], [W, H], [W * 0.55, H]], np.int32)
    if rng.random() < 0.5:
        pts = np.array([[0, H * 0.62], [W * 0.42, H], [0, H], [0, H * 0.62]], np.int32)
    cv2.fillPoly(sh, [pts], 1.0)
    sh = cv2.GaussianBlur(sh, (0, 0), 120)
    out *= (1 - 0.42 * sh)[..., None]
    out *= np.array([1.04, 1.0, 0.9], np.float32)   # warm indoor light
    out += nrng.normal(0, 4, out.shape)
    im = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.9))
    return im


def save_pdf(pages: list[Image.Image], path: Path, dpi: int, quality: int = 75) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conv = [p if p.mode in ("RGB", "L") else p.convert("RGB") for p in pages]
    # JPEG-compressed pages inside an image-only PDF, as a scanner writes them
    jpgs = []
    for p in conv:
        b = io.BytesIO()
        p.save(b, "JPEG", quality=quality, dpi=(dpi, dpi))
        b.seek(0)
        jpgs.append(Image.open(b))
    jpgs[0].save(str(path), "PDF", save_all=True, append_images=jpgs[1:], resolution=float(dpi),
                 creationDate=SCAN_TIME, modDate=SCAN_TIME, producer="ScanSnap Manager", creator="ScanSnap")


def save_jpg(page: Image.Image, path: Path, dpi: int, quality: int = 80) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.convert("RGB").save(str(path), "JPEG", quality=quality, dpi=(dpi, dpi))


def seal_at(page: Image.Image, pdf_box, dpi: int, ring: str, rng: random.Random,
            dx_mm: float = 0.0, dy_mm: float = 0.0) -> Image.Image:
    """Stamp a 42 mm seal centred on a point given in PDF points (+ an offset in mm)."""
    px = dpi / 72.0
    cx = int(pdf_box[0] * px + dx_mm / 25.4 * dpi)
    cy = int(pdf_box[1] * px + dy_mm / 25.4 * dpi)
    diam = int(42 / 25.4 * dpi)
    s = images.seal(ring, diam, rng)
    return images.stamp(page, s, cx, cy)
