"""Reading scanned forms: page images -> upright, deskewed pages -> table cells -> OCR -> records.

The steps, each a pure module (no Prefect, no database, no file writes):

    pages.load_pages      file -> PageImage list (text layer of born-digital PDFs, embedded scan
                          images, JPG/PNG/multi-page TIFF), bombs refused
    orient.upright        deskew by ruling lines, quarter turns by cell shape / OSD, upside down
                          by tesseract's confidence both ways
    grid.find_tables      ruling lines -> cells with row/col spans (merged cells)
    ocr                   OcrEngine interface; engines "tesseract" and "rapid" by name
    readpage.read_page    one page: seal found and whitened, upright, cells and title band read
    split.split_pages     a multi-page scan -> segments, one per form
    mapping.map_form      cells -> FormDoc / TableDoc of the campaign's form definitions (labels
                          matched loosely by ``labels``, values checked by ``validate``; tables
                          in ``mapping_table``), doubtful fields listed as Uncertain
    reader.read_scan      the whole chain for one file, pages in parallel -> ScanResult

``seal*.py`` in this package belong to the seal finder (another helper's work); ``readpage``
imports it lazily and works without it. Importing this package imports nothing heavy.
"""
