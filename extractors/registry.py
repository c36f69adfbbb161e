"""The one entry point of the extractors: file kind -> extractor module.

    extract(path, kind, display, campaign) -> list[Extracted]

``kind`` is the kind intake sniffed from the content (docx, xlsx, image, pdf, doc, xls, ole, …);
``display`` becomes every record's ``source``. Content still has the last word where a kind is
too coarse: an OLE file handed in as docx/xlsx, and RTF / OpenDocument files sniffed as
``text``/``zip``, go to :mod:`extractors.legacy`. An unknown kind, and any failure of an
extractor on a bad file, come back as ``[ExtractionError(display, <Chinese reason>)]`` —
nothing raises. The extraction cache is keyed on :func:`cache_key`: :data:`EXTRACTOR_VERSION`
(bump it whenever any extractor's output changes) and a hash of the part of the campaign the
extractors read (its forms, deliverables, colleges' names, vocabularies, 学号 length,
life-photo keywords), so that editing a column alias re-reads the files it concerns next run,
while a new deadline or quota does not.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from paperdesk.campaign import Campaign, FormDef
from paperdesk.models import ExtractionError, Extracted
from extractors import docx_file, image_file, legacy, ole, pdf_file, xlsx_file
from extractors.base import Extractor, guarded

EXTRACTOR_VERSION = "b32"  # b32: a case heading reworded with words between the key's words, or an alias's (主要做法与工作流程, 创新之处与评价); b31: a label/value form typed as running text (or a .doc whose table LibreOffice flattened) is read as the form; b30: a .docx holding several people's A5s gives one record per person; b29: a tick read on a scan is sure only when every other option shows its empty box; b28: a scanned label-form value running on into another label and a value (a missed cell border) is cut there; b27: a photographed sheet is judged for ruling at full resolution; b26: a phone photo of a sheet on a desk is cut out and flattened before it is judged and read; b25: a scanned line of tick boxes reads as the ticked option (口 read for □; with no tick read, the only option without an empty box, unsure at 0.7); b24: scanned A5 typed with label and value in one cell (姓名：张三) is read as the form (page score counts such labels; 不及格科目数：0 is a label and its value, not a label with a stray stroke; such values keep no lattice); b23: a scan read as free text is the work summary only when its title or file name says so; b22: a file named 案例正文, 材料 … is not named after its author (the folder is tried); b21: an image is a scanned page when its ruling lines are found as chains of straight pieces on an ink mask kept at 1200 px (thin lines of a 200 dpi scan no longer fade in a quarter-size decode; a sheet fed up to 3° askew counts); b20: tables nested in a table cell read (a form drawn inside a one-cell frame table); a 学号 typed with Excel's apostrophe or in quotes read as its digits; b19: lines shorter than the recogniser input grown bicubically; a lone V/X in a vocabulary field spelled with √/× is the mark; b18: seal search tries a larger ink circle around a sure small seal and rings just outside the page-size range (real-page seal crops, close phone photos); b17: digits-only fields read through the lattice's digit view (a lone 0 is no longer split with o); b16: pages without a table detected in strips (free text may change slightly); b15: cells cut at their own lines, a glyph reaching the cut caps the cell at 0.6, cell borders found 0.04 in off their line; b14: seal evidence only (ring text from confidence 0.3, no verdict); b13: coarse scans scaled up, readings under 90 dpi capped; b12: cell lattices for verification; b11: own recogniser driver (no 320-px padding), title band without the detector; b10: work-summary page of a combined scan split off; b9: A5 values below labels, author rows, picture hashes, people rows, case layouts

#: the parts of a campaign an extractor may read (everything else — deadlines, quotas, ratings,
#: limits, mail, rosters — is the checks' business and must not change what a file is read as)
_READ_PART = {
    "school": True,
    "timezone": True,
    "colleges": {"__all__": {"name", "aliases"}},
    "deliverables": {"__all__": {"key", "title", "form", "paper", "per_person", "archive_suffix", "keywords"}},
    "forms": {"__all__": set(FormDef.model_fields) - {"master"}},  # not the outbox list's file name
    "vocabularies": True,
    "checks": {"student_id_digits", "life_photo_keywords"},
}


def cache_key(campaign: Campaign) -> str:
    """The version under which a file's records are cached for ``campaign``: the extractors'
    version and a hash of what they read from the campaign (see the module docstring)."""
    part = campaign.model_dump(mode="json", include=_READ_PART)
    digest = hashlib.sha256(json.dumps(part, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return f"{EXTRACTOR_VERSION}+{digest[:16]}"


#: one module per input kind (STYLE.md point 2); pdf_file/image_file hand scans to extractors.scan_file
EXTRACTORS: dict[str, Extractor] = {
    "docx": docx_file.extract,
    "xlsx": xlsx_file.extract,
    "image": image_file.extract,
    "pdf": pdf_file.extract,
    # converted by LibreOffice (legacy decides docx/xlsx from the content)
    **{k: legacy.extract for k in ("doc", "xls", "ole", "wps", "et", "rtf", "odt", "ods")},
}


#: what staff are told about kinds intake recognises but no extractor reads
UNSUPPORTED: dict[str, str] = {
    "pptx": "PowerPoint 演示文稿，不是本次要求的材料格式",
    "text": "纯文本文件，不是本次要求的材料格式",
    "unknown": "无法识别的文件格式",
}


def extract(path: Path, kind: str, display: str, campaign: Campaign) -> list[Extracted]:
    """Records read from the file at ``path`` (see module docstring)."""
    path = Path(path)
    fn = choose(path, kind, display)
    if fn is None:
        return [ExtractionError(display, _unsupported(path, kind))]
    return guarded(fn, path, display, campaign)


def choose(path: Path, kind: str, display: str = "") -> Extractor | None:
    """The extractor for a file of sniffed ``kind``, corrected by a look at its content; an
    ``unknown`` file named like an old office format (Excel 4 BIFF, MS Write) is tried too."""
    if kind in ("docx", "xlsx") and ole.is_ole(path):
        return legacy.extract  # an old-format or encrypted file under an OOXML name
    if kind in ("text", "zip", "unknown") and legacy.recognises(path):
        return legacy.extract
    if kind == "unknown" and legacy.named_like(display) and _size(path) > 0:
        return legacy.extract
    return EXTRACTORS.get(kind)


def _unsupported(path: Path, kind: str) -> str:
    if _size(path) == 0:
        return "文件为空（0 字节）"
    return f"不支持的文件类型：{UNSUPPORTED.get(kind, kind)}"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1
