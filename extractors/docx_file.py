"""docx extractor: decide by CONTENT what a Word file is, then read it.

``extract(path, display, campaign) -> [FormDoc] | [CaseDoc] | [FreeDoc] | [ExtractionError]``

1. tables holding ≥ MIN_FORM_LABELS labels of a label/value form (A5)  -> FormDoc, unless the
   document also has case headings (below) and fewer than STRONG_FORM_LABELS labels
2. headings for ≥ MIN_CASE_SECTIONS sections of a case form (A1)       -> CaseDoc
3. anything else (the work summary among them)                         -> FreeDoc(title, text),
   deliverable set only when a form-less deliverable's keyword is in its title or file name.
"""

from __future__ import annotations

from pathlib import Path

import docx

from paperdesk.campaign import Campaign
from paperdesk.models import Extracted, FreeDoc
from extractors.base import BadInput, free_deliverable, preflight_ooxml
from extractors.docx_case import case_forms, count_headings, read_case
from extractors.docx_form import best_form, to_form_doc
from extractors.docx_walk import blocks
from extractors.image_file import display_name

MIN_CASE_SECTIONS = 2
#: a case's author table may carry ~6 of A5's labels; with headings of a case, only a table
#: holding this many labels is still read as the form
STRONG_FORM_LABELS = 10


def extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """The document as one record (see module docstring)."""
    preflight_ooxml(path, " Word ")
    try:
        doc = docx.Document(str(path))
    except ValueError as e:  # python-docx: "file is not a Word file, content type is …"
        raise BadInput("不是有效的 Word（.docx）文件") from e
    form = best_form(list(doc.tables), campaign)
    if form and len(form[1]) >= STRONG_FORM_LABELS:
        return [to_form_doc(display, campaign, *form)]
    doc_blocks = blocks(doc)
    for fid, f in case_forms(campaign).items():
        if count_headings(doc_blocks, f) >= MIN_CASE_SECTIONS:
            return [read_case(doc, display, campaign, fid)]
    if form:
        return [to_form_doc(display, campaign, *form)]
    lines = [b.text for b in doc_blocks if b.text]
    title = lines[0] if lines else ""
    return [FreeDoc(source=display, title=title, text="\n".join(lines),
                    deliverable=free_deliverable(campaign, title, display_name(display)))]
