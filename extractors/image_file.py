"""Image extractor: a loose jpg/png/… as an :class:`ImageFile` (name, bytes, pixel size).

``extract(path, display, campaign) -> [ImageFile] | [ExtractionError]``

Only the image header is read (Pillow opens lazily, nothing is decoded). ``is_life_photo`` is
set when the file name holds one of ``campaign.checks.life_photo_keywords``. An image that
Pillow cannot identify, or one whose pixel count marks it as a decompression bomb, is an
ExtractionError. A TIFF, or an image that looks like a scanned form page (A4-shaped with ruling
lines, not a picture of a cases archive: :func:`extractors.scan_file.is_form_page`), is read as a
scan by :func:`extractors.scan_file.extract`.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from paperdesk.campaign import Campaign
from paperdesk.models import Extracted, ImageFile
from extractors import scan_file  # a scanned form page goes to OCR
from extractors.base import BadInput, display_name, is_life_photo, preflight


def extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """The image's header facts (see module docstring)."""
    preflight(path)
    try:
        with Image.open(path) as im:
            width, height = im.size
    except Image.DecompressionBombError as e:
        raise BadInput("图片像素数过大（疑似异常文件），未读取") from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise BadInput("图片已损坏或格式无法识别") from e
    name = display_name(display)
    if scan_file.is_form_page(path, display, campaign):
        return scan_file.extract(path, "image", display, campaign)
    return [ImageFile(source=display, name=name, size=path.stat().st_size,
                      is_life_photo=is_life_photo(campaign, name), width=width, height=height)]
