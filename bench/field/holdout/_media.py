"""Pictures, life photos, the college seal and the 'scanner' for the hold-out corpus.

Everything is drawn in code with a seeded RNG, so the output is deterministic.
"""

import io
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

FONT_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
FONT_SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
SC = 2  # index of the SC face in the Noto CJK collections

_font_cache = {}


def font(size, bold=False, serif=False):
    key = (size, bold, serif)
    if key not in _font_cache:
        path = FONT_SERIF_BOLD if serif else (FONT_SANS_BOLD if bold else FONT_SANS)
        _font_cache[key] = ImageFont.truetype(path, size, index=SC)
    return _font_cache[key]


def nprng(rng):
    return np.random.default_rng(rng.randrange(2**32))


# ---------------------------------------------------------------- pictures


def scene(rng, w, h, label):
    """A 'photo' of a class activity: room, blackboard, people, a banner with text."""
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    top = (rng.randint(150, 230), rng.randint(150, 220), rng.randint(120, 200))
    bot = (rng.randint(60, 140), rng.randint(50, 120), rng.randint(40, 110))
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=tuple(int(top[i] * (1 - t) + bot[i] * t) for i in range(3)))
    # blackboard / screen
    bx = rng.randint(w // 10, w // 4)
    d.rectangle([bx, h // 8, w - bx, h // 2], fill=(rng.randint(20, 60), rng.randint(60, 90), rng.randint(40, 70)),
                outline=(90, 60, 30), width=max(4, w // 150))
    f = font(max(18, w // 22), bold=True)
    tw = d.textlength(label, font=f)
    d.text(((w - tw) / 2, h // 8 + (h // 2 - h // 8) / 2 - f.size / 2), label, font=f, fill=(240, 240, 230))
    # people: heads and shoulders
    for _ in range(rng.randint(6, 16)):
        cx = rng.randint(0, w)
        cy = rng.randint(int(h * 0.55), int(h * 0.95))
        r = rng.randint(h // 30, h // 14)
        body = tuple(rng.randint(30, 230) for _ in range(3))
        d.ellipse([cx - 2 * r, cy + r, cx + 2 * r, cy + 5 * r], fill=body)
        skin = (rng.randint(200, 240), rng.randint(160, 200), rng.randint(130, 170))
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=skin)
        d.pieslice([cx - r, cy - r, cx + r, cy + r], 180, 360, fill=(rng.randint(10, 50),) * 3)
    arr = np.asarray(img).astype(np.int16)
    g = nprng(rng)
    arr = arr + g.normal(0, 6, arr.shape).astype(np.int16)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return img.filter(ImageFilter.GaussianBlur(0.6))


def jpeg(img, quality=85):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=False)
    return buf.getvalue()


def png(img):
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def picture_bytes(rng, label, w=1280, h=960, quality=82):
    return jpeg(scene(rng, w, h, label), quality)


def portrait(rng, w, h, name):
    """A life photo: a person outdoors (noisy, so the JPEG is large)."""
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    sky = (rng.randint(110, 170), rng.randint(160, 210), rng.randint(210, 250))
    grass = (rng.randint(40, 90), rng.randint(110, 160), rng.randint(40, 80))
    d.rectangle([0, 0, w, int(h * 0.6)], fill=sky)
    d.rectangle([0, int(h * 0.6), w, h], fill=grass)
    for _ in range(8):
        x = rng.randint(0, w)
        d.ellipse([x - w // 6, int(h * 0.45), x + w // 6, int(h * 0.7)], fill=(30, rng.randint(90, 130), 40))
    cx, cy, r = w // 2, int(h * 0.38), w // 7
    coat = tuple(rng.randint(20, 200) for _ in range(3))
    d.ellipse([cx - 3 * r, cy + int(1.2 * r), cx + 3 * r, cy + 7 * r], fill=coat)
    d.ellipse([cx - r, cy - int(1.2 * r), cx + r, cy + int(1.2 * r)], fill=(226, 186, 160))
    d.chord([cx - int(1.1 * r), cy - int(1.4 * r), cx + int(1.1 * r), cy + int(0.6 * r)], 180, 360, fill=(25, 20, 20))
    arr = np.asarray(img).astype(np.int16)
    g = nprng(rng)
    arr = arr + g.normal(0, 22, arr.shape).astype(np.int16)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def pad_jpeg(data: bytes, size: int) -> bytes:
    """Insert COM segments after SOI/APP0 so that the JPEG is exactly `size` bytes."""
    need = size - len(data)
    if need < 0:
        raise ValueError("JPEG already larger than target")
    if need == 0:
        return data
    if need < 4:
        raise ValueError("need at least 4 bytes of padding")
    # after SOI and APP0 (JFIF) if present
    pos = 2
    if data[2:4] == b"\xff\xe0":
        pos = 4 + int.from_bytes(data[4:6], "big")
    segs = []
    while need > 0:
        n = min(need, 65535 + 2)
        if need - n in (1, 2, 3):
            n = need - 4
        payload = n - 4
        segs.append(b"\xff\xfe" + (payload + 2).to_bytes(2, "big") + (b"paperdesk-holdout " * (payload // 18 + 1))[:payload])
        need -= n
    out = data[:pos] + b"".join(segs) + data[pos:]
    assert len(out) == size, (len(out), size)
    return out


def life_photo(rng, name, exact=None, at_least=1_300_000):
    """Bytes of a life photo JPEG; exactly `exact` bytes if given, else >= at_least."""
    if exact is not None:
        w, h = 1200, 1600
        for q in (90, 85, 80, 75, 70, 60, 50, 40):
            data = jpeg(portrait(rng, w, h, name), q)
            if len(data) <= exact - 10:
                return pad_jpeg(data, exact)
            w, h = int(w * 0.85), int(h * 0.85)
        raise RuntimeError("could not make photo small enough")
    w, h = 1500, 2000
    while True:
        data = jpeg(portrait(rng, w, h, name), 92)
        if len(data) >= at_least:
            return data
        w, h = int(w * 1.2), int(h * 1.2)


# ---------------------------------------------------------------- seal


def seal(text, diameter, rng, color=(214, 28, 36)):
    """College party committee seal: red ring, ring text around the top, five-pointed star."""
    S = diameter * 2  # draw at 2x and downsample
    im = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(im)
    c = S / 2
    ring = int(S * 0.035)
    d.ellipse([ring // 2, ring // 2, S - ring // 2, S - ring // 2], outline=255, width=ring)
    # star
    R = S * 0.17
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = R if k % 2 == 0 else R * 0.382
        pts.append((c + rr * math.cos(ang), c + rr * math.sin(ang)))
    d.polygon(pts, fill=255)
    # ring text, clockwise from lower left over the top to lower right
    n = len(text)
    span = 250 if n > 12 else 220
    fsize = int(S * (0.13 if n <= 12 else 0.11 if n <= 15 else 0.095))
    f = font(fsize, bold=True, serif=False)
    rad = c - ring * 1.6 - fsize * 0.62
    for i, ch in enumerate(text):
        a_deg = -90 - span / 2 + span * (i + 0.5) / n
        a = math.radians(a_deg)
        glyph = Image.new("L", (fsize * 2, fsize * 2), 0)
        ImageDraw.Draw(glyph).text((fsize * 0.5, fsize * 0.35), ch, font=f, fill=255)
        glyph = glyph.rotate(-(a_deg + 90), resample=Image.BICUBIC)
        x = c + rad * math.cos(a) - fsize
        y = c + rad * math.sin(a) - fsize
        im.paste(255, (int(x), int(y)), glyph)
    im = im.resize((diameter, diameter), Image.LANCZOS)
    # ink texture: uneven pressure, a few gaps
    g = nprng(rng)
    a = np.asarray(im).astype(np.float32) / 255.0
    tex = g.normal(0.88, 0.12, a.shape).clip(0.35, 1.0)
    blot = np.asarray(Image.fromarray((g.random((diameter // 16 + 1, diameter // 16 + 1)) * 255).astype(np.uint8))
                      .resize((diameter, diameter), Image.BICUBIC)).astype(np.float32) / 255.0
    alpha = a * tex * (0.55 + 0.45 * blot)
    rgba = np.zeros((diameter, diameter, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = color
    rgba[..., 3] = (alpha.clip(0, 1) * 255).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA").rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)


def stamp(page, seal_img, center, opacity=0.85):
    """Multiply the seal onto the page (ink over text, text stays visible)."""
    page = page.convert("RGB")
    arr = np.asarray(page).astype(np.float32)
    s = np.asarray(seal_img).astype(np.float32)
    h, w = s.shape[:2]
    x0, y0 = int(center[0] - w / 2), int(center[1] - h / 2)
    x1, y1 = max(0, x0), max(0, y0)
    x2, y2 = min(arr.shape[1], x0 + w), min(arr.shape[0], y0 + h)
    sub = s[y1 - y0:y2 - y0, x1 - x0:x2 - x0]
    a = (sub[..., 3:4] / 255.0) * opacity
    ink = sub[..., :3] / 255.0
    region = arr[y1:y2, x1:x2]
    arr[y1:y2, x1:x2] = region * (1 - a + a * ink)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def scribble(page, box, rng, color=(20, 30, 90), width=3):
    """A handwritten-looking signature inside box (x0, y0, x1, y1)."""
    d = ImageDraw.Draw(page)
    x0, y0, x1, y1 = box
    pts = []
    n = rng.randint(18, 30)
    for i in range(n):
        t = i / (n - 1)
        x = x0 + (x1 - x0) * t
        y = (y0 + y1) / 2 + (y1 - y0) * 0.4 * math.sin(t * rng.uniform(9, 16) + rng.uniform(0, 3)) * rng.uniform(0.5, 1)
        pts.append((x, y))
    d.line(pts, fill=color, width=width, joint="curve")
    return page


def red_tick(page, xy, size, width=4):
    d = ImageDraw.Draw(page)
    x, y = xy
    d.line([(x, y), (x + size * 0.35, y + size * 0.45), (x + size, y - size * 0.5)], fill=(200, 20, 30), width=width)
    return page


def red_text(page, xy, text, size):
    d = ImageDraw.Draw(page)
    d.text(xy, text, font=font(size), fill=(205, 25, 35))
    return page


# ---------------------------------------------------------------- scanner


def noise(img, rng, sigma=7.0, specks=400):
    g = nprng(rng)
    arr = np.asarray(img).astype(np.int16)
    arr = arr + g.normal(0, sigma, arr.shape).astype(np.int16)
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    h, w = arr.shape[:2]
    ys = g.integers(0, h, specks)
    xs = g.integers(0, w, specks)
    arr[ys, xs] = 40
    return Image.fromarray(arr)


def skew(img, deg):
    fill = 255 if img.mode == "L" else (255, 255, 255)
    return img.rotate(deg, resample=Image.BICUBIC, expand=False, fillcolor=fill)


def toner(img, gamma=1.0, contrast=1.0):
    arr = np.asarray(img).astype(np.float32) / 255.0
    arr = np.power(arr, gamma)
    arr = (arr - 0.5) * contrast + 0.5
    return Image.fromarray((arr.clip(0, 1) * 255).astype(np.uint8))


def _perspective_coeffs(src, dst):
    """Coefficients for PIL PERSPECTIVE mapping output points dst -> input points src."""
    A = []
    B = []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        B.extend([u, v])
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def phone_photo(img, rng):
    """A phone photo of the page on a desk: perspective, uneven light, a bit soft."""
    img = img.convert("RGB")
    w, h = img.size
    W, H = int(w * 1.12), int(h * 1.10)
    desk = Image.new("RGB", (W, H), (rng.randint(110, 140), rng.randint(85, 105), rng.randint(60, 80)))
    j = lambda s: rng.uniform(-s, s)
    ox, oy = (W - w) / 2, (H - h) / 2
    dst = [(ox + w * 0.03 + j(w * 0.02), oy + j(h * 0.02)),
           (ox + w * 0.97 + j(w * 0.02), oy + h * 0.02 + j(h * 0.02)),
           (ox + w + j(w * 0.02), oy + h + j(h * 0.015)),
           (ox + j(w * 0.02), oy + h * 0.985 + j(h * 0.015))]
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    coeffs = _perspective_coeffs(src, dst)
    mask = Image.new("L", (w, h), 255)
    warped = img.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    wmask = mask.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=0)
    desk.paste(warped, (0, 0), wmask)
    # uneven light: bright spot and a shadow gradient
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = W * rng.uniform(0.3, 0.7), H * rng.uniform(0.2, 0.5)
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / max(W, H)
    light = 1.08 - 0.45 * dist - 0.12 * (xx / W)
    arr = np.asarray(desk).astype(np.float32) * light[..., None]
    arr[..., 2] *= 0.93  # warm indoor light
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.9))
    return noise(out, rng, sigma=5, specks=0)


# ---------------------------------------------------------------- PDF of JPEG pages


def image_pdf(pages):
    """pages: list of (jpeg_bytes, width_px, height_px, dpi, mode) -> bytes of an image-only PDF."""
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(None)
    pages_obj = add(None)
    kids = []
    for data, w, h, dpi, mode in pages:
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        cs = "/DeviceGray" if mode == "L" else "/DeviceRGB"
        img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 "
                  b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, cs.encode(), len(data)) + data + b"\nendstream")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        cont = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        page = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> "
                   b"/Contents %d 0 R >>" % (pages_obj, pw, ph, img, cont))
        kids.append(page)
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objs[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info << /Producer (CanoScan LiDE 300) >> >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objs) + 1, catalog, xref))
    return out.getvalue()
