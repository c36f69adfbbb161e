"""Paper copies for corpus D: printed pages drawn with Pillow, then stamped (seals, pen, signatures, date
stamps) and "scanned" (paper tone, toner, noise, skew, borders, rotation, grey, phone photos).

Layout is in millimetres; every page is drawn directly at its scan resolution. Everything is seeded, so a
page is byte-identical for a given seed.
"""
from __future__ import annotations

import io
import math
import zlib

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/opentype/noto/"
FONT_FILES = {
    ("serif", False): "NotoSerifCJK-Regular.ttc",
    ("serif", True): "NotoSerifCJK-Bold.ttc",
    ("sans", False): "NotoSansCJK-Regular.ttc",
    ("sans", True): "NotoSansCJK-Bold.ttc",
}
SC_INDEX = 2  # Simplified Chinese face in the Noto CJK collections
_FONTS: dict = {}


def font(px: int, kind: str = "serif", bold: bool = False) -> ImageFont.FreeTypeFont:
    key = (kind, bold, int(px))
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(FONT_DIR + FONT_FILES[(kind, bold)], max(6, int(px)), index=SC_INDEX)
    return _FONTS[key]


SEED = 2020  # the corpus' seed; 2020 is the published corpus, another seed changes every noise pattern


def rng_for(*parts) -> np.random.Generator:
    if SEED != 2020:
        parts = (SEED,) + parts
    return np.random.default_rng(zlib.crc32("|".join(map(str, parts)).encode("utf-8")))


INK = (22, 22, 26)


class Page:
    """A printed page: draw in mm, at `dpi`."""

    def __init__(self, w_mm: float, h_mm: float, dpi: int, key: str):
        self.w_mm, self.h_mm, self.dpi, self.key = w_mm, h_mm, dpi, key
        self.W, self.H = round(w_mm / 25.4 * dpi), round(h_mm / 25.4 * dpi)
        self.img = Image.new("RGB", (self.W, self.H), (255, 255, 255))
        self.d = ImageDraw.Draw(self.img)
        self.marks: dict = {}
        self.ink = None  # numpy layer after printing

    # ---- units
    def px(self, mm: float) -> float:
        return mm * self.dpi / 25.4

    def fpx(self, pt: float) -> int:
        return round(pt / 72 * self.dpi)

    # ---- drawing
    def text(self, x, y, s, pt=10.5, kind="serif", bold=False, anchor="la", fill=INK):
        self.d.text((self.px(x), self.px(y)), s, font=font(self.fpx(pt), kind, bold), fill=fill, anchor=anchor)

    def text_width_mm(self, s, pt=10.5, kind="serif", bold=False) -> float:
        return font(self.fpx(pt), kind, bold).getlength(s) * 25.4 / self.dpi

    def line(self, x0, y0, x1, y1, w=0.25, fill=INK):
        self.d.line((self.px(x0), self.px(y0), self.px(x1), self.px(y1)), fill=fill, width=max(1, round(self.px(w))))

    def rect(self, x0, y0, x1, y1, w=0.25, fill=INK):
        lw = max(1, round(self.px(w)))
        self.d.rectangle((self.px(x0), self.px(y0), self.px(x1), self.px(y1)), outline=fill, width=lw)

    def checkbox(self, x, y, size, ticked=False, w=0.25):
        """a printed box (and a printed tick, as ☑ typed in Word) at (x, y) top-left, size in mm"""
        self.rect(x, y, x + size, y + size, w)
        if ticked:
            pts = [(x + size * 0.18, y + size * 0.52), (x + size * 0.42, y + size * 0.8), (x + size * 0.85, y + size * 0.18)]
            self.d.line([(self.px(a), self.px(b)) for a, b in pts], fill=INK, width=max(1, round(self.px(0.45))), joint="curve")

    def wrap(self, s: str, width_mm: float, pt: float, kind="serif", bold=False) -> list[str]:
        f = font(self.fpx(pt), kind, bold)
        limit = self.px(width_mm)
        out = []
        for para in str(s).split("\n"):
            cur = ""
            for ch in para:
                if f.getlength(cur + ch) > limit and cur and ch not in "，。、；：？！）》”’%":
                    out.append(cur)
                    cur = ch
                else:
                    cur += ch
            out.append(cur)
        return out

    def text_box(self, x0, y0, x1, y1, s, pt=10, kind="serif", bold=False, align="center", valign="middle",
                 pad=1.2, spacing=1.25, fill=INK, min_pt=None):
        """wrap `s` inside the box; shrink the size down to min_pt when it does not fit"""
        if s is None or s == "":
            return
        min_pt = min_pt or pt * 0.72
        while True:
            lines = self.wrap(s, (x1 - x0) - 2 * pad, pt, kind, bold)
            lh = pt * 0.3528 * spacing
            if len(lines) * lh <= (y1 - y0) - 0.6 or pt <= min_pt:
                break
            pt -= 0.5
        total = len(lines) * lh
        if valign == "middle":
            y = y0 + ((y1 - y0) - total) / 2
        elif valign == "top":
            y = y0 + pad
        else:
            y = y1 - pad - total
        for ln in lines:
            if align == "center":
                self.text((x0 + x1) / 2, y + lh / 2, ln, pt, kind, bold, anchor="mm", fill=fill)
            elif align == "left":
                self.text(x0 + pad, y + lh / 2, ln, pt, kind, bold, anchor="lm", fill=fill)
            else:
                self.text(x1 - pad, y + lh / 2, ln, pt, kind, bold, anchor="rm", fill=fill)
            y += lh

    def paragraphs(self, x0, y0, x1, paras, pt=12, spacing=1.6, indent=2, kind="serif", y_max=None):
        """body text; returns (y after, the paragraphs that did not fit)"""
        lh = pt * 0.3528 * spacing
        y = y0
        for i, para in enumerate(paras):
            lines = self.wrap("\u3000" * indent + para, x1 - x0, pt, kind)
            for j, ln in enumerate(lines):
                if y_max is not None and y + lh > y_max:
                    rest = "".join(lines[j:]).lstrip("\u3000")
                    return y, ([rest] if rest else []) + list(paras[i + 1:])
                self.text(x0, y + lh / 2, ln, pt, kind, anchor="lm")
                y += lh
        return y, []

    def grid(self, x0, y0, col_w, row_h, cells, w=0.25):
        """cells: dicts r, c, rs, cs, text, pt, align, valign, bold, border(bool). Returns cell boxes by (r, c)."""
        xs = [x0]
        for cw in col_w:
            xs.append(xs[-1] + cw)
        ys = [y0]
        for rh in row_h:
            ys.append(ys[-1] + rh)
        boxes = {}
        for c in cells:
            r, k = c["r"], c["c"]
            rs, cs = c.get("rs", 1), c.get("cs", 1)
            bx = (xs[k], ys[r], xs[k + cs], ys[r + rs])
            boxes[(r, k)] = bx
            if c.get("border", True):
                self.rect(*bx, w=w)
            self.text_box(*bx, c.get("text", ""), pt=c.get("pt", 10), bold=c.get("bold", False),
                          kind=c.get("kind", "serif"), align=c.get("align", "center"), valign=c.get("valign", "middle"),
                          spacing=c.get("spacing", 1.25))
        return boxes, xs, ys

    # ---- after printing
    def printed(self, toner: float = 0.0):
        """freeze the print; toner < 1 makes it light and patchy (the printer, not the pen or the seal)"""
        a = np.asarray(self.img, dtype=np.float32)
        if toner > 0:
            rng = rng_for(self.key, "toner")
            ink = 255.0 - a
            patch = _smooth_noise(rng, a.shape[0], a.shape[1], scale=max(8, int(self.px(6))))
            fine = rng.random(a.shape[:2], dtype=np.float32)
            keep = (1.0 - toner) + toner * 0.55 * patch
            keep = keep * np.where(fine < 0.06 * toner, 0.35, 1.0)
            ink = ink * np.clip(keep, 0.15, 1.0)[..., None]
            a = 255.0 - ink
        self.ink = a
        return self

    def _multiply(self, alpha: np.ndarray, colour, x0: int, y0: int):
        """multiply-blend a coloured ink with coverage `alpha` (h×w, 0..1) at pixel (x0, y0), clipped to the page"""
        if self.ink is None:
            self.printed()
        h, w = alpha.shape
        X0, Y0 = max(0, x0), max(0, y0)
        X1, Y1 = min(self.W, x0 + w), min(self.H, y0 + h)
        if X1 <= X0 or Y1 <= Y0:
            return
        al = alpha[Y0 - y0:Y1 - y0, X0 - x0:X1 - x0][..., None]
        col = np.array(colour, dtype=np.float32) / 255.0
        region = self.ink[Y0:Y1, X0:X1]
        self.ink[Y0:Y1, X0:X1] = region * (1.0 - al * (1.0 - col))

    def seal(self, cx_mm, cy_mm, ring_text, strength=0.85, diam_mm=42.0, angle=0.0, colour=(206, 32, 42)):
        rng = rng_for(self.key, "seal", ring_text, cx_mm, cy_mm)
        D = int(round(self.px(diam_mm)))
        alpha = seal_alpha(D, ring_text, rng, strength, angle)
        self._multiply(alpha, colour, int(self.px(cx_mm)) - D // 2, int(self.px(cy_mm)) - D // 2)
        self.marks.setdefault("seals", []).append({"at_mm": [round(cx_mm, 1), round(cy_mm, 1)], "text": ring_text,
                                                   "strength": strength})

    def date_stamp(self, x_mm, y_mm, text="2020.06.16", colour=(88, 58, 150), pt=15, angle=-4.0):
        rng = rng_for(self.key, "date", text, x_mm)
        f = font(self.fpx(pt), "sans", True)
        w = int(f.getlength(text)) + 8
        h = int(self.fpx(pt) * 1.5)
        im = Image.new("L", (w, h), 0)
        ImageDraw.Draw(im).text((4, h // 2), text, font=f, fill=255, anchor="lm")
        im = im.rotate(angle, expand=True, resample=Image.BICUBIC)
        a = np.asarray(im, dtype=np.float32) / 255.0
        a *= np.clip(0.55 + 0.5 * rng.random(a.shape, dtype=np.float32), 0, 1)
        self._multiply(a * 0.85, colour, int(self.px(x_mm)), int(self.px(y_mm)))

    def pen_tick(self, x_mm, y_mm, size_mm=5.0, colour=(196, 28, 36)):
        """a hand-drawn tick, top-left of its box at (x, y)"""
        rng = rng_for(self.key, "tick", x_mm, y_mm)
        s = size_mm
        pts = [(0.05, 0.45), (0.22, 0.62), (0.38, 0.92), (0.62, 0.45), (0.95, -0.25)]
        pts = [(x_mm + (a + rng.normal(0, 0.03)) * s, y_mm + (b + rng.normal(0, 0.03)) * s) for a, b in pts]
        self._stroke(pts, 0.5, colour, rng)

    def pen_underline(self, x0, y, x1, colour=(196, 28, 36)):
        rng = rng_for(self.key, "ul", x0, y)
        n = 6
        pts = [(x0 + (x1 - x0) * i / (n - 1), y + rng.normal(0, 0.35)) for i in range(n)]
        self._stroke(pts, 0.45, colour, rng)

    def signature(self, x_mm, y_mm, w_mm=28.0, h_mm=9.0, colour=(28, 36, 92)):
        """a scrawl: a few loops and a long tail, like a quick signature"""
        rng = rng_for(self.key, "sig", x_mm, y_mm)
        k1, k2 = rng.uniform(2.0, 3.5), rng.uniform(6.0, 9.5)
        f1, f2 = rng.uniform(0, 6.28, 2)
        amp = _smooth_noise(rng, 1, 80, scale=12)[0] * 0.7 + 0.3
        pts = []
        for i, t in enumerate(np.linspace(0, 1, 80)):
            x = x_mm + w_mm * 0.8 * t + w_mm * 0.07 * math.sin(2 * math.pi * k1 * t + f1)
            y = y_mm + h_mm * 0.5 + h_mm * 0.45 * amp[i] * math.sin(2 * math.pi * k2 * t + f2) - h_mm * 0.25 * t
            pts.append((x + 0.25 * (y_mm + h_mm - y), y))
        self._stroke(pts, 0.42, colour, rng)
        tail = [(x_mm - w_mm * 0.05, y_mm + h_mm * 0.95), (x_mm + w_mm * 0.5, y_mm + h_mm * rng.uniform(0.75, 0.9)),
                (x_mm + w_mm * 1.02, y_mm + h_mm * rng.uniform(0.45, 0.7))]
        self._stroke(_smooth(tail, 12), 0.38, colour, rng)

    def _stroke(self, pts_mm, width_mm, colour, rng):
        pad = 12
        P = np.array([(self.px(a), self.px(b)) for a, b in pts_mm], dtype=np.float32)
        x0, y0 = int(P[:, 0].min()) - pad, int(P[:, 1].min()) - pad
        w = int(P[:, 0].max()) - x0 + pad
        h = int(P[:, 1].max()) - y0 + pad
        m = np.zeros((h, w), np.uint8)
        q = ((P - [x0, y0]) * 8).astype(np.int32)
        cv2.polylines(m, [q], False, 255, max(1, int(round(self.px(width_mm)))), lineType=cv2.LINE_AA, shift=3)
        a = m.astype(np.float32) / 255.0
        a *= np.clip(0.8 + 0.3 * rng.random(a.shape, dtype=np.float32), 0, 1)
        self._multiply(a * 0.92, colour, x0, y0)


def _smooth(pts, k):
    out = []
    for i in range(len(pts) - 1):
        p0 = pts[max(0, i - 1)]
        p1, p2 = pts[i], pts[i + 1]
        p3 = pts[min(len(pts) - 1, i + 2)]
        for t in np.linspace(0, 1, k, endpoint=False):
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * ((2 * p1[j]) + (-p0[j] + p2[j]) * t + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                                    + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3) for j in (0, 1)))
    out.append(pts[-1])
    return out


def _smooth_noise(rng, h, w, scale=40):
    sh, sw = max(2, h // scale), max(2, w // scale)
    small = rng.random((sh, sw), dtype=np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def _star(cx, cy, r):
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return pts


def seal_alpha(D: int, ring_text: str, rng, strength=0.85, angle=0.0) -> np.ndarray:
    """coverage of a round party-committee seal: ring, ring text over the top, star in the middle"""
    S = D * 2  # draw at 2x then downsample
    im = Image.new("L", (S, S), 0)
    dr = ImageDraw.Draw(im)
    ring = S * 0.036
    dr.ellipse((ring / 2, ring / 2, S - ring / 2, S - ring / 2), outline=255, width=int(ring))
    dr.polygon(_star(S / 2, S / 2, S * 0.19), fill=255)
    n = len(ring_text)
    span = min(280.0, 17.0 * n + 40)
    r0 = S / 2 - ring * 1.6
    arc = (r0 * 0.8) * math.radians(span) / n
    ch_px = int(min(S * 0.13, arc * 0.92))
    f = font(ch_px, "sans", True)
    r_txt = r0 - ch_px * 0.62
    for i, ch in enumerate(ring_text):
        th = -span / 2 + span * (i + 0.5) / n
        g = Image.new("L", (ch_px * 2, ch_px * 2), 0)
        ImageDraw.Draw(g).text((ch_px, ch_px), ch, font=f, fill=255, anchor="mm")
        g = g.resize((int(ch_px * 1.8), int(ch_px * 2.2)), Image.BICUBIC)
        g = g.rotate(-th, resample=Image.BICUBIC)
        x = S / 2 + r_txt * math.sin(math.radians(th)) - g.width / 2
        y = S / 2 - r_txt * math.cos(math.radians(th)) - g.height / 2
        im.paste(255, (int(x), int(y)), g)
    if angle:
        im = im.rotate(angle, resample=Image.BICUBIC)
    im = im.resize((D, D), Image.LANCZOS)
    a = np.asarray(im, dtype=np.float32) / 255.0
    # uneven ink: a soft pressure gradient and blotches, a few dry gaps
    yy, xx = np.mgrid[0:D, 0:D].astype(np.float32) / D
    gx, gy = rng.uniform(-0.6, 0.6, 2)
    press = 0.82 + 0.25 * (gx * (xx - 0.5) + gy * (yy - 0.5)) * 2
    blot = _smooth_noise(rng, D, D, scale=max(4, D // 10))
    dry = _smooth_noise(rng, D, D, scale=max(3, D // 28))
    cover = press * (0.75 + 0.45 * blot) * np.where(dry < 0.12, 0.45, 1.0)
    a = np.clip(a * cover * strength, 0, 0.97)
    return cv2.GaussianBlur(a, (0, 0), max(0.6, D / 600))


# ---------------------------------------------------------------------------------------------- the scan
def scan(page: Page, *, skew=0.0, turn=0, grey=False, speckle=0, border=None, blur=0.0, tone=True,
         light=0.06) -> Image.Image:
    """what comes out of the office's scanner"""
    if page.ink is None:
        page.printed()
    rng = rng_for(page.key, "scan")
    a = page.ink.copy()
    H, W = a.shape[:2]
    if tone:
        paper = np.array([247, 245, 238], np.float32) / 255.0
        a = a * paper
        illum = 1.0 - light * _smooth_noise(rng, H, W, scale=max(40, W // 6))
        a = a * illum[..., None]
    if blur:
        a = cv2.GaussianBlur(a, (0, 0), blur)
    a += rng.normal(0, 2.2, a.shape[:2]).astype(np.float32)[..., None]
    if speckle:
        n = int(speckle)
        ys = rng.integers(0, H, n)
        xs = rng.integers(0, W, n)
        rs = rng.integers(1, max(2, int(page.px(0.35))) + 1, n)
        a8 = np.clip(a, 0, 255).astype(np.uint8)
        for x, y, r in zip(xs, ys, rs):
            v = int(rng.integers(20, 90))
            cv2.circle(a8, (int(x), int(y)), int(r), (v, v, v), -1)
        a = a8.astype(np.float32)
    a8 = np.clip(a, 0, 255).astype(np.uint8)
    if skew:
        M = cv2.getRotationMatrix2D((W / 2, H / 2), skew, 1.0)
        a8 = cv2.warpAffine(a8, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                            borderValue=(236, 236, 232))
    if border:
        # the lid was not closed: a dark band along some edges, fading inwards
        for edge, mm in border.items():
            n = int(page.px(mm))
            ramp = np.linspace(0.08, 1.0, n, dtype=np.float32) ** 0.6
            if edge == "left":
                a8[:, :n] = (a8[:, :n] * ramp[None, :, None]).astype(np.uint8)
            elif edge == "top":
                a8[:n, :] = (a8[:n, :] * ramp[:, None, None]).astype(np.uint8)
            elif edge == "right":
                a8[:, W - n:] = (a8[:, W - n:] * ramp[::-1][None, :, None]).astype(np.uint8)
            elif edge == "bottom":
                a8[H - n:, :] = (a8[H - n:, :] * ramp[::-1][:, None, None]).astype(np.uint8)
    if turn == 180:
        a8 = a8[::-1, ::-1]
    elif turn == 90:
        a8 = np.rot90(a8, 1)
    elif turn == 270:
        a8 = np.rot90(a8, 3)
    img = Image.fromarray(np.ascontiguousarray(a8), "RGB")
    if grey:
        img = img.convert("L")
    return img


def phone_photo(page: Page, *, tilt=(0.0, 0.0), shadow=0.35, size=(3024, 4032), desk="wood", blur=0.9) -> Image.Image:
    """the page photographed on a desk: perspective, a shadow across it, the desk around it"""
    if page.ink is None:
        page.printed()
    rng = rng_for(page.key, "phone")
    src = np.clip(page.ink * (np.array([250, 248, 242], np.float32) / 255.0), 0, 255).astype(np.uint8)
    H, W = src.shape[:2]
    cw, ch = size
    if (W > H) != (cw > ch):
        cw, ch = ch, cw
    # desk
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    if desk == "wood":
        grain = np.sin(yy / 23.0 + 3.0 * _smooth_noise(rng, ch, cw, scale=300) * 6.0) * 0.5 + 0.5
        base = np.stack([120 + 40 * grain, 82 + 28 * grain, 50 + 15 * grain], axis=-1)
    else:
        g = 150 + 25 * _smooth_noise(rng, ch, cw, scale=200)
        base = np.stack([g, g * 0.98, g * 0.93], axis=-1)
    canvas = base.astype(np.float32)
    # where the page goes: a slightly keystoned quad
    scale = min(cw * 0.86 / W, ch * 0.86 / H)
    pw, ph = W * scale, H * scale
    ox, oy = (cw - pw) / 2 + rng.uniform(-0.03, 0.03) * cw, (ch - ph) / 2 + rng.uniform(-0.02, 0.02) * ch
    kx, ky = tilt
    quad = np.float32([[ox + kx * pw, oy], [ox + pw - kx * pw, oy + ky * ph],
                       [ox + pw + kx * 0.5 * pw, oy + ph - ky * ph * 0.5], [ox - kx * 0.5 * pw, oy + ph]])
    quad += rng.normal(0, 6, quad.shape).astype(np.float32)
    M = cv2.getPerspectiveTransform(np.float32([[0, 0], [W, 0], [W, H], [0, H]]), quad)
    warped = cv2.warpPerspective(src, M, (cw, ch), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full((H, W), 255, np.uint8), M, (cw, ch), flags=cv2.INTER_LINEAR)
    # a soft drop shadow of the sheet on the desk
    sh = cv2.GaussianBlur(mask, (0, 0), 18).astype(np.float32) / 255.0
    sh = np.roll(np.roll(sh, 14, 0), 10, 1)
    canvas *= (1.0 - 0.35 * sh)[..., None]
    m = (mask.astype(np.float32) / 255.0)[..., None]
    canvas = canvas * (1 - m) + warped.astype(np.float32) * m
    # light: a warm cast, vignetting, and the photographer's shadow across one side
    vign = 1.0 - 0.28 * (((xx - cw / 2) / cw) ** 2 + ((yy - ch / 2) / ch) ** 2) * 2
    ang = rng.uniform(0, math.pi)
    d = (xx - cw * rng.uniform(0.3, 0.7)) * math.cos(ang) + (yy - ch * rng.uniform(0.3, 0.7)) * math.sin(ang)
    shade = 1.0 - shadow * (1.0 / (1.0 + np.exp(-d / (cw * 0.05))))
    canvas *= (vign * shade)[..., None]
    canvas *= np.array([1.0, 0.97, 0.9], np.float32)
    canvas = cv2.GaussianBlur(canvas, (0, 0), blur)
    canvas += rng.normal(0, 3.0, canvas.shape[:2]).astype(np.float32)[..., None]
    return Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8), "RGB")


# ---------------------------------------------------------------------------------------------- saving
def jpeg_bytes(img: Image.Image, quality: int, dpi) -> bytes:
    b = io.BytesIO()
    kw = {"quality": int(quality), "optimize": False}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    if img.mode == "RGB":
        kw["subsampling"] = 2 if quality < 80 else 1
    img.save(b, "JPEG", **kw)
    return b.getvalue()


def png_bytes(img: Image.Image, dpi) -> bytes:
    b = io.BytesIO()
    img.save(b, "PNG", dpi=(dpi, dpi), compress_level=6)
    return b.getvalue()


def tiff_bytes(img: Image.Image, dpi, quality=75) -> bytes:
    b = io.BytesIO()
    img.save(b, "TIFF", dpi=(dpi, dpi), compression="jpeg", quality=quality)
    return b.getvalue()


def image_pdf(pages: list[tuple[bytes, int, int, int, str]], producer="Canon iR-ADV C5535  PDF",
              date="D:20200618093000+08'00'") -> bytes:
    """an image-only PDF as office scanners write it: one JPEG (DCTDecode) per page"""
    objs: list[bytes] = []

    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)

    add(b"")  # 1 catalog (filled later)
    add(b"")  # 2 pages
    info = add(f"<< /Producer ({producer}) /Creator (Scan) /CreationDate ({date}) /ModDate ({date}) >>".encode())
    kids = []
    for jpg, w, h, dpi, mode in pages:
        cs = "/DeviceGray" if mode == "L" else "/DeviceRGB"
        img = add(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {cs} /BitsPerComponent 8 "
                  f"/Filter /DCTDecode /Length {len(jpg)} >>\nstream\n".encode() + jpg + b"\nendstream")
        wpt, hpt = w * 72.0 / dpi, h * 72.0 / dpi
        content = f"q {wpt:.2f} 0 0 {hpt:.2f} 0 0 cm /Im0 Do Q".encode()
        cobj = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.2f} {hpt:.2f}] "
                        f"/Resources << /XObject << /Im0 {img} 0 R >> >> /Contents {cobj} 0 R >>".encode()))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = ("<< /Type /Pages /Kids [" + " ".join(f"{k} 0 R" for k in kids) + f"] /Count {len(kids)} >>").encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + o + b"\nendobj\n")
    x = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for o in offs:
        out.write(f"{o:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info {info} 0 R >>\nstartxref\n{x}\n%%EOF\n".encode())
    return out.getvalue()
