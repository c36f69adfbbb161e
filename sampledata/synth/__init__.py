"""Synthetic scanned pages with known truth, for tests and benchmarks of the scan extractors.

    page = render_form(campaign, "A5", sample_data(campaign, "A5"), dpi=200)
    scan = degrade(page, seal=SealSpec("文学院"), skew_deg=1.5, jpeg_quality=70, seed=3)
    scan.image            # numpy uint8, BGR H×W×3 (H×W when colour=False)
    scan.seal.centre      # where the seal is, after skew/rotation
    scan.cell("姓名")      # CellTruth: value, bbox, text_bbox, label_bbox
    to_pdf([scan], "scan.pdf"); to_tiff([scan], "scan.tif")

Only tests, benches and tools import this package; extractors never do.
"""

from sampledata.synth.degrade import degrade
from sampledata.synth.export import to_pdf, to_tiff
from sampledata.synth.fonts import FontMissing, font_path
from sampledata.synth.forms import render_form
from sampledata.synth.page import CellTruth, Page, SealSpec, SealTruth
from sampledata.synth.samples import sample_data

__all__ = ["CellTruth", "FontMissing", "Page", "SealSpec", "SealTruth", "degrade", "font_path", "render_form",
           "sample_data", "to_pdf", "to_tiff"]
