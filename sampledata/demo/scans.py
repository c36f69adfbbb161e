"""Paper halves of the demo: a college's forms printed, stamped with a seal and scanned (synthetic).

Pages are drawn by ``sampledata.synth`` from the same :class:`Kit` values as the electronic files
(so a clean college's paper and electronic copies agree), then degraded like a scanner would
(seal, grey, quarter turn, JPEG) and packed as bytes: :func:`pdf_bytes` (one JPEG per page,
DCT-compressed, sized by its dpi) or :func:`jpg_bytes`. Deterministic: every page has its own
seed, and PDFs carry a fixed creation date. Pure: nothing here writes files.

    a4_page(campaign, kit, seal=..., ...)        A4 (考核情况汇总表), one page
    a2_page(campaign, kit, when, seal=..., ...)  A2 (新聘汇总表), one page
    a5_pages(campaign, kit, seal=..., ...)       one A5 page per person with an A5
    summary_page(kit, seal=..., ...)             the work summary's last page (title, text, 落款)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from paperdesk.campaign import Campaign
from sampledata.demo import texts
from sampledata.demo.kit import Kit, a2_row, a4_row, a5_fields
from sampledata.synth import Page, SealSpec, degrade, render_form
from sampledata.synth.fonts import fit_text, font, pt_to_px

#: scan resolution of the demo's pages (150–200 dpi keeps the demo small and the OCR fast)
DPI = 150
JPEG_QUALITY = 72
_PDF_DATE = dt.datetime(2020, 6, 19, 4, 0, 0).timetuple()  # fixed, so the same pages give the same bytes


@dataclass(frozen=True)
class Look:
    """How a page was scanned: its seal (None: unsealed), colour, quarter turn, skew."""

    seal: SealSpec | None
    colour: bool = True
    rotate: int = 0
    skew: float = 0.0


def _seed(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()[:4], "big")


def _scan(page: Page, look: Look, *key: object) -> Page:
    return degrade(page, seal=look.seal, colour=look.colour, rotate=look.rotate, skew_deg=look.skew,
                   jpeg_quality=JPEG_QUALITY, seed=_seed(*key))


def a4_page(campaign: Campaign, kit: Kit, look: Look, overrides: dict[str, dict[str, str]] | None = None) -> Page:
    """The college's A4 as scanned; ``overrides`` maps a name to cells written differently on paper."""
    rows = [a4_row(i, p) | (overrides or {}).get(p.name, {}) for i, p in enumerate(kit.a4, 1)]
    header = {"学院": kit.college.name, "带班党员总数": kit.stated_headcount, "公示时间": kit.publicity}
    return _scan(render_form(campaign, "A4", {"header": header, "rows": rows}, dpi=DPI), look, kit.college.name, "A4")


def a2_page(campaign: Campaign, kit: Kit, when: dt.datetime, look: Look) -> Page:
    """The college's A2 as scanned."""
    header = {"学院": kit.college.name, "填表人": kit.filler, "联系电话": "0758-2716000",
              "日期": f"{when.year}年{when.month}月{when.day}日"}
    rows = [a2_row(i, p) for i, p in enumerate(kit.a2, 1)]
    return _scan(render_form(campaign, "A2", {"header": header, "rows": rows}, dpi=DPI), look, kit.college.name, "A2")


def a5_pages(campaign: Campaign, kit: Kit, look: Look) -> list[Page]:
    """One scanned A5 page per person with an approval form."""
    return [_scan(render_form(campaign, "A5", a5_fields(kit, p), dpi=DPI), look, kit.college.name, "A5", p.student_id)
            for p in kit.a5]


def summary_page(kit: Kit, look: Look) -> Page:
    """The work summary's page as printed: title, a few paragraphs, the committee's name and date."""
    w, h = round(210 / 25.4 * DPI), round(297 / 25.4 * DPI)
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    mm = DPI / 25.4
    fit_text(draw, (0, int(18 * mm), w, int(30 * mm)), f"{kit.college.name}2019—2020学年度学生带班工作总结",
             pt_to_px(15, DPI))
    body = texts.summary(random.Random(kit.seed), kit.college.name, kit.college.headcount)
    fit_text(draw, (int(22 * mm), int(36 * mm), w - int(22 * mm), int(220 * mm)), "　　" + "\n".join(body)[:900],
             pt_to_px(11, DPI), align="left", valign="top")
    size = pt_to_px(12, DPI)
    sign = (int(120 * mm), int(240 * mm))
    draw.text(sign, f"{kit.college.name}党委", font=font(size), fill="black")
    draw.text((sign[0], sign[1] + int(10 * mm)), "2020年6月", font=font(size), fill="black")
    page = Page(np.ascontiguousarray(np.asarray(img)[:, :, ::-1]), DPI, "summary",
                anchors={"seal": (sign[0] + 20 * mm, sign[1] + 4 * mm)})
    return _scan(page, look, kit.college.name, "summary")


# ------------------------------------------------------------------ bytes


def _pil(page: Page) -> Image.Image:
    if page.image.ndim == 2:
        return Image.fromarray(page.image, "L")
    return Image.fromarray(np.ascontiguousarray(page.image[:, :, ::-1]), "RGB")


def jpg_bytes(page: Page) -> bytes:
    """One page as a JPEG photo/scan with its dpi."""
    buf = io.BytesIO()
    _pil(page).save(buf, "JPEG", quality=JPEG_QUALITY, dpi=(page.dpi, page.dpi))
    return buf.getvalue()


def pdf_bytes(pages: list[Page]) -> bytes:
    """Pages as one scanned PDF (each page an embedded JPEG), with a fixed creation date."""
    images = [_pil(p) for p in pages]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(pages[0].dpi),
                   quality=JPEG_QUALITY, creationDate=_PDF_DATE, modDate=_PDF_DATE, producer="paperdesk demo scanner")
    return buf.getvalue()
