"""Paper copies: print (LibreOffice → PDF), scan (pdftoppm), stamp the seal, degrade, save as image PDF/JPG."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from .images import seal_rgba


def soffice_convert(files: list[Path], outdir: Path, fmt: str = "pdf") -> None:
    """Convert many files with one LibreOffice start, in a private profile."""
    if not files:
        return
    outdir.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is needed to print the paper copies")
    with tempfile.TemporaryDirectory(prefix="fieldlo-") as prof:
        cmd = [soffice, f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(outdir)] + [str(f) for f in files]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    for f in files:
        out = outdir / (f.stem + "." + fmt.split(":")[0])
        if not out.exists():
            raise RuntimeError(f"LibreOffice did not convert {f}")


def pdf_pages(pdf: Path) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    n = len(doc)
    doc.close()
    return n


def find_text(pdf: Path, needles: list[str], prefer_last: bool = False):
    """(page_index, x_pt, y_pt from the top) of the centre of a needle, searching pages in order (or reversed)."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        order = list(range(len(doc)))
        if prefer_last:
            order.reverse()
        for needle in needles:
            for i in order:
                page = doc[i]
                tp = page.get_textpage()
                hit = tp.search(needle).get_next()
                if hit:
                    idx, cnt = hit
                    boxes = [tp.get_charbox(idx + k) for k in range(cnt)]
                    x0 = min(b[0] for b in boxes)
                    x1 = max(b[2] for b in boxes)
                    y0 = min(b[1] for b in boxes)
                    y1 = max(b[3] for b in boxes)
                    h = page.get_height()
                    return i, (x0 + x1) / 2, h - (y0 + y1) / 2
    finally:
        doc.close()
    return None


def render(pdf: Path, page: int, dpi: int, gray: bool) -> np.ndarray:
    with tempfile.TemporaryDirectory(prefix="fieldppm-") as td:
        base = Path(td) / "p"
        cmd = ["pdftoppm", "-f", str(page + 1), "-l", str(page + 1), "-r", str(dpi), "-singlefile"]
        if gray:
            cmd.append("-gray")
        subprocess.run(cmd + [str(pdf), str(base)], check=True)
        f = next(Path(td).glob("p.*"))
        im = Image.open(f).convert("RGB")
        return np.asarray(im, dtype=np.float32) * np.float32(1 / 255.0)


@dataclass
class ScanOpts:
    dpi: int = 200
    gray: bool = False
    quality: int = 80
    skew: float = 0.0  # degrees
    upside_down: tuple = ()  # page indices (within the document) turned 180°
    noise: float = 0.02
    toner: float = 1.0  # gamma (<1 lighter, >1 heavier)
    phone: bool = False


@dataclass
class Seal:
    ring: str
    needles: list = field(default_factory=lambda: ["盖章"])
    prefer_last: bool = False
    dx_mm: float = 26.0  # seal centre relative to the needle
    dy_mm: float = 3.0
    all_pages: bool = False  # stamp every page (long tables)
    diameter_mm: float = 40.0
    bottom_text: str | None = None


def _stamp(img: np.ndarray, seal_img: Image.Image, cx: float, cy: float, strength: float = 0.95):
    s = np.asarray(seal_img).astype(np.float32) / 255.0
    a = s[..., 3] * strength
    col = s[..., :3]
    h, w = a.shape
    x0, y0 = int(cx - w / 2), int(cy - h / 2)
    H, W = img.shape[:2]
    xa, ya = max(0, x0), max(0, y0)
    xb, yb = min(W, x0 + w), min(H, y0 + h)
    if xa >= xb or ya >= yb:
        return
    sub_a = a[ya - y0:yb - y0, xa - x0:xb - x0, None]
    sub_c = col[ya - y0:yb - y0, xa - x0:xb - x0]
    region = img[ya:yb, xa:xb]
    img[ya:yb, xa:xb] = region * (1 - sub_a * (1 - sub_c))  # multiply: text under the seal stays visible


def degrade(img: np.ndarray, rng: np.random.Generator, o: ScanOpts, upside: bool) -> Image.Image:
    H, W = img.shape[:2]
    paper = np.array(rng.uniform([0.955, 0.95, 0.93], [0.99, 0.985, 0.975]), np.float32)
    if o.toner != 1.0:
        np.power(img, np.float32(o.toner), out=img)
    # paper tone and uneven illumination in one factor
    yy = np.linspace(-1, 1, H, dtype=np.float32)[:, None]
    xx = np.linspace(-1, 1, W, dtype=np.float32)[None, :]
    light = 1 - np.float32(0.03 * rng.uniform(0.5, 1.5)) * (xx * np.float32(rng.uniform(-1, 1)) + yy * np.float32(rng.uniform(-1, 1)))
    img *= light[..., None]
    img *= paper
    noise = np.empty_like(img)
    cv2.setRNGSeed(int(rng.integers(0, 2**31 - 1)))
    cv2.randn(noise, 0, o.noise)
    img += noise
    # dust specks
    for _ in range(int(rng.integers(20, 80))):
        x, y = int(rng.integers(0, W)), int(rng.integers(0, H))
        r = int(rng.integers(1, 3))
        cv2.circle(img, (x, y), r, (0.3, 0.3, 0.3), -1)
    np.clip(img, 0, 1, out=img)
    if rng.random() < 0.5:
        img = cv2.GaussianBlur(img, (3, 3), 0.6)
    if o.skew:
        M = cv2.getRotationMatrix2D((W / 2, H / 2), o.skew, 1.0)
        img = cv2.warpAffine(img, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=tuple(float(v) for v in paper))
    if o.phone:
        img = _phone(img, rng)
    if upside:
        img = img[::-1, ::-1]
    u8 = cv2.convertScaleAbs(np.ascontiguousarray(img), alpha=255.0)
    pil = Image.fromarray(u8, "RGB")
    if o.gray:
        pil = pil.convert("L")
    return pil


def _phone(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A phone photo of the page: perspective, a table around it, a shadow."""
    H, W = img.shape[:2]
    pad = int(0.08 * W)
    canvas = np.ones((H + 2 * pad, W + 2 * pad, 3), np.float32) * np.array([0.35, 0.27, 0.2], np.float32)
    src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    j = lambda: rng.uniform(-0.035, 0.035) * W  # noqa: E731
    dst = np.float32([[pad + j(), pad + j()], [pad + W + j(), pad + j()], [pad + W + j(), pad + H + j()],
                      [pad + j(), pad + H + j()]])
    M = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(img, M, (canvas.shape[1], canvas.shape[0]), borderMode=cv2.BORDER_CONSTANT,
                                 borderValue=(-1, -1, -1))
    mask = warped[..., 0] >= 0
    canvas[mask] = warped[mask]
    yy = np.linspace(0, 1, canvas.shape[0], dtype=np.float32)[:, None]
    xx = np.linspace(0, 1, canvas.shape[1], dtype=np.float32)[None, :]
    shade = 0.82 + 0.18 * np.clip(1.2 - ((xx - 0.3) ** 2 + (yy - 0.2) ** 2), 0, 1)
    return canvas * shade[..., None]


def jpeg_bytes(pil: Image.Image, quality: int, dpi: int) -> bytes:
    b = io.BytesIO()
    pil.save(b, "JPEG", quality=quality, dpi=(dpi, dpi))
    return b.getvalue()


def image_pdf(path: Path, pages: list[tuple[bytes, int, int, int, bool]]) -> None:
    """A minimal image-only PDF: one JPEG per page (DCTDecode), page size from the dpi."""
    objs: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Count {n} /Kids [ {kids} ] >>".encode())
    for i, (jpg, w, h, dpi, gray) in enumerate(pages):
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        page_id, cont_id, img_id = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] "
                    f"/Resources << /XObject << /Im{i} {img_id} 0 R >> >> /Contents {cont_id} 0 R >>".encode())
        content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im{i} Do Q".encode()
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        cs = "/DeviceGray" if gray else "/DeviceRGB"
        objs.append(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {cs} "
                    f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpg)} >>\nstream\n".encode()
                    + jpg + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))


def scan_document(pdf: Path, seal: Seal | None, opts: ScanOpts, rng: np.random.Generator,
                  pages: list[int] | None = None, start: int = 0) -> list[tuple[bytes, int, int, int, bool]]:
    """Scan the pages of a printed document; returns JPEG pages."""
    n = pdf_pages(pdf)
    pages = list(range(n)) if pages is None else pages
    stamp_at: dict[int, tuple[float, float]] = {}
    if seal is not None:
        hit = find_text(pdf, seal.needles, prefer_last=seal.prefer_last)
        if hit is None:
            hit = (n - 1, 420.0, 700.0)
        pi, x, y = hit
        mm = 72 / 25.4
        stamp_at[pi] = (x + seal.dx_mm * mm, y + seal.dy_mm * mm)
        if seal.all_pages:
            for p in range(n):
                stamp_at.setdefault(p, stamp_at[pi])
    out = []
    for k, p in enumerate(pages):
        img = np.array(render(pdf, p, opts.dpi, False), dtype=np.float32)
        if p in stamp_at:
            d_px = int(seal.diameter_mm / 25.4 * opts.dpi)
            s = seal_rgba(seal.ring, d_px, rng, bottom_text=seal.bottom_text)
            x_pt, y_pt = stamp_at[p]
            jx, jy = rng.uniform(-3, 3, 2) * opts.dpi / 25.4
            _stamp(img, s, x_pt * opts.dpi / 72 + jx, y_pt * opts.dpi / 72 + jy, strength=float(rng.uniform(0.8, 0.97)))
        pil = degrade(img, rng, opts, upside=(start + k in opts.upside_down))
        out.append((jpeg_bytes(pil, opts.quality, opts.dpi), pil.width, pil.height, opts.dpi, pil.mode == "L"))
    return out


def write_pages(path: Path, pages, fmt: str) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        image_pdf(path, pages)
        return [path]
    outs = []
    for i, (jpg, *_rest) in enumerate(pages):
        p = path if len(pages) == 1 else path.with_name(f"{path.stem}-{i + 1}{path.suffix}")
        p.write_bytes(jpg)
        outs.append(p)
    return outs
