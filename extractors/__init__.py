"""Extractors: a file in, typed records out (pure: no Prefect, no database, no writes).

Entry point: :func:`extractors.registry.extract` ``(path, kind, display, campaign)`` and
:data:`extractors.registry.EXTRACTOR_VERSION`. One module per input kind:

    docx_file   A5 FormDoc | A1 CaseDoc | FreeDoc   (docx_form, docx_case, docx_walk)
    xlsx_file   A2/A3/A4 TableDoc per sheet | FreeDoc   (tables: grid -> TableDoc)
    pdf_file    born-digital: TableDoc | FreeDoc; no text layer: scan_file
    image_file  ImageFile; a TIFF or a form-page image: scan_file
    scan_file   scans: scan/ read_scan + seal ring text + evidence crops (PaperInfo)
    legacy      .doc/.xls/.wps/.et/.rtf/.odt/.ods/.wri converted by LibreOffice, then docx/xlsx
    scan/       OCR of scans (another module family)

``base`` states the contract and turns bad input into ExtractionError; ``ooxml`` refuses
hostile packages (DTDs, oversized parts) and opens .docm/.dotx; ``ole`` tells an OLE file's
format and encryption; ``pool`` runs any extractor in supervised worker processes, each
file under a time and memory budget; ``labels`` holds the loose label matching shared by all of them.
"""
