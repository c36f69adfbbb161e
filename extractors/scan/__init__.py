"""Reading scanned forms: page images -> upright, deskewed pages -> table cells -> OCR -> records.

The steps, each a pure module (no Prefect, no database, no file writes):

    pages.load_pages      file -> PageImage list (text layer of born-digital PDFs, embedded scan
                          images, JPG/PNG/multi-page TIFF), bombs refused
    orient                orientation 0/90/180/270 (tesseract OSD) and deskew by ruling lines
    grid.find_tables      ruling lines -> cells with row/col spans (merged cells)
    ocr                   OcrEngine interface; engines "tesseract" and "rapid" by name
    split                 a multi-page scan -> segments, one per form
    mapping               cells -> FormDoc / TableDoc of the campaign's form definitions,
                          with per-field confidence and validators
    reader.read_scan      the whole chain for one file -> ScanResult

``seal*.py`` in this package belong to the seal finder (another layer's work); the reader imports
them lazily. Importing this package imports nothing heavy.
"""
