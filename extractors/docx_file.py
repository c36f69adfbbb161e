"""docx extractor: decide by CONTENT what a Word file is, then read it.

``extract(path, display, campaign) -> [FormDoc] | [CaseDoc] | [FreeDoc] | [ExtractionError]``

1. tables holding ≥ MIN_FORM_LABELS labels of a label/value form (A5)  -> FormDoc, unless the
   document also has case headings (below) and fewer than STRONG_FORM_LABELS labels; a document
   holding several people's copies of the form (one table each) -> one FormDoc per copy
2. a Word table with the column labels of a table form (A2/A3/A4 typed in Word) -> TableDoc
   per such table (sheet "表格N", row = the table's row number; header fields from the text)
3. headings for ≥ MIN_CASE_SECTIONS sections of a case form (A1)       -> CaseDoc
4. text showing TEXT_FORM_LABELS of a label/value form's labels in order (a form typed as text,
   a legacy .doc whose table the conversion flattened)                  -> FormDoc
5. anything else (the work summary among them)                         -> FreeDoc(title, text),
   deliverable set only when a form-less deliverable's keyword is in its title or file name.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from paperdesk.campaign import Campaign
from paperdesk.models import Extracted, FreeDoc, TableDoc
from extractors import ooxml
from extractors.base import BadInput, free_deliverable
from extractors.docx_case import case_forms, count_headings, read_case
from extractors.docx_form import best_form, form_groups, text_form, to_form_doc
from extractors.docx_walk import Block, all_tables, blocks, table_texts
from extractors.tables import Grid, read_table
from extractors.base import display_name

MIN_CASE_SECTIONS = 2
#: a case's author table may carry ~6 of A5's labels; with headings of a case, only a table
#: holding this many labels is still read as the form
STRONG_FORM_LABELS = 10


def extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """The document as one record (see module docstring)."""
    ooxml.preflight(path, " Word ")
    try:
        doc = docx.Document(ooxml.docx_source(path))  # .docm/.dotx read as .docx, no macro runs
    except ValueError as e:  # python-docx: "file is not a Word file, content type is …"
        raise BadInput("不是有效的 Word（.docx）文件") from e
    tables = all_tables(doc)
    form = best_form(tables, campaign)
    if form and (copies := form_groups(tables, campaign, form[0])):  # several people's forms in one file
        return [to_form_doc(display, campaign, form[0], pairs) for pairs in copies]
    if form and len(form[1]) >= STRONG_FORM_LABELS:
        return [to_form_doc(display, campaign, *form)]
    doc_blocks = blocks(doc)
    tables = table_forms(doc, display, campaign, doc_blocks)
    if tables:
        return tables
    for fid, f in case_forms(campaign).items():
        if count_headings(doc_blocks, f) >= MIN_CASE_SECTIONS:
            return [read_case(doc, display, campaign, fid)]
    if form:
        return [to_form_doc(display, campaign, *form)]
    lines = [b.text for b in doc_blocks if b.text]
    typed = text_form(lines, campaign)
    if typed:  # the form typed as text, or a .doc whose table the conversion flattened
        return [to_form_doc(display, campaign, *typed)]
    title = lines[0] if lines else ""
    return [FreeDoc(source=display, title=title, text="\n".join(lines),
                    deliverable=free_deliverable(campaign, title, display_name(display)))]


def table_forms(doc: DocxDocument, display: str, campaign: Campaign,
                doc_blocks: list[Block]) -> list[TableDoc]:
    """Each Word table that reads as a table form; header fields come from the body text."""
    lines = [b.text for b in doc_blocks if b.table is None and b.text]
    found: list[TableDoc] = []
    for i, table in enumerate(all_tables(doc), start=1):
        texts, copies = table_texts(table)
        grid = Grid(cells=texts, numbers=list(range(1, len(texts) + 1)), copies=copies)
        rec = read_table(grid, campaign, display, f"表格{i}", extra_lines=lines)
        if rec:
            found.append(rec)
    return found
