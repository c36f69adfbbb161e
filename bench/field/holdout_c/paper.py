"""Turn a printed PDF into the office's scan of the sealed paper copy."""
from __future__ import annotations

from PIL import Image

import scans


def ring_of(college: str) -> str:
    return f"中国共产党肇庆学院{college}委员会" if len(college) <= 6 else f"中共肇庆学院{college}委员会"


def scan(ctx, key: str, *, college: str, dpi: int, seals: list[tuple], pages: list[int] | None = None,
         grey: bool = False, noise: float = 5.0, blur: float = 0.5, skew: float = 0.0,
         rotate: dict[int, int] | None = None, phone: bool = False, ring: str | None = None,
         light: float = 0.06) -> list[Image.Image]:
    """Render `ctx.pdf(key)` pages and stamp seals.

    seals: ("text", page, needle, nth, dx_mm, dy_mm) — centred on a piece of printed text, or
           ("table", page, dx_mm, dy_mm) — on the bottom-right corner of the page's ruled table.
    rotate: {page: degrees} applied after degradation (a page fed the wrong way).
    """
    pdf = ctx.pdf(key)
    rng = ctx.rng("scan:" + key)
    imgs = scans.render(pdf, dpi)
    idx = pages if pages is not None else list(range(len(imgs)))
    ring = ring or ring_of(college)
    out = []
    for i in idx:
        im = imgs[i]
        for s in seals:
            if s[1] != i:
                continue
            if s[0] == "text":
                _, _, needle, nth, dx, dy = s
                box = scans.find_text(pdf, i, needle, nth)
                if box is None:
                    raise RuntimeError(f"{key}: '{needle}' not found on page {i}")
                pt = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            else:
                _, _, dx, dy = s
                br = scans.table_bottom_right(pdf, i)
                pt = (br[0], br[1])
            im = scans.seal_at(im, pt, dpi, ring, rng, dx, dy)
        if phone:
            im = scans.phone_photo(im, rng)
        else:
            im = scans.paper(im, rng, noise=noise, blur=blur, skew=skew * rng.choice([-1, 1]), light=light)
        if grey:
            im = im.convert("L")
        if rotate and i in rotate:
            im = im.rotate(rotate[i], expand=True)
        out.append(im)
    ctx.scanned_pages += len(out)
    return out
