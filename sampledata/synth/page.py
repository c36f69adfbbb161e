"""Records of a synthetic page: the image and the truth drawn into it.

A :class:`Page` carries the pixels (``image``: numpy uint8, BGR ``H×W×3`` for colour pages, ``H×W``
after ``degrade(colour=False)``), its ``dpi``, the ``form_id`` and the truth: every cell with its
value and bounding box, the seal (centre, radius) or None, plus named anchor points that
``degrade`` uses to place marks. Boxes are ``(x0, y0, x1, y1)`` in pixels, ``x1``/``y1`` exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

Box = tuple[int, int, int, int]
Point = tuple[float, float]


@dataclass(frozen=True)
class CellTruth:
    """One value drawn on the page.

    ``field`` is the canonical label (A5 field key, table column key or header field key);
    ``row`` is the 1-based data row of a table, None for A5 fields and table header fields.
    ``bbox`` is the cell (A5/table) or the value's area on the header line; ``text_bbox`` the ink
    of the value itself; ``label_bbox`` the label cell (A5) or column header cell (tables).
    """

    field: str
    value: str
    bbox: Box
    row: int | None = None
    text_bbox: Box | None = None
    label_bbox: Box | None = None


@dataclass(frozen=True)
class SealTruth:
    """Where a seal was stamped (after every geometric change) and what it says."""

    centre: Point
    radius: float  # outer radius of the ring, pixels
    text: str
    college: str
    kind: Literal["party", "other"] = "party"
    faint: bool = False


@dataclass(frozen=True)
class SealSpec:
    """What seal to stamp. ``kind="party"`` → "中共<school><college>委员会"; "other" → "<school><college>".

    ``over_text`` stamps it over the form's signature/college text (the usual case); False puts it
    on blank paper nearby. ``text`` overrides the ring text entirely.
    """

    college: str
    kind: Literal["party", "other"] = "party"
    faint: bool = False
    over_text: bool = True
    school: str = "肇庆学院"
    text: str | None = None
    diameter_mm: float = 40.0

    @property
    def ring_text(self) -> str:
        if self.text is not None:
            return self.text
        if self.kind == "party":
            return f"中共{self.school}{self.college}委员会"
        return f"{self.school}{self.college}"


@dataclass(frozen=True, eq=False)
class Page:
    """A rendered (and perhaps degraded) page with its truth. See the module docstring."""

    image: np.ndarray
    dpi: int
    form_id: str
    cells: tuple[CellTruth, ...] = ()
    seal: SealTruth | None = None
    title_bbox: Box | None = None
    table_bbox: Box | None = None
    anchors: dict[str, Point] = field(default_factory=dict)
    marks: tuple[str, ...] = ()  # what degrade added: "seal", "red_pen", "red_header", "printed_circle", ...

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in pixels."""
        return self.image.shape[1], self.image.shape[0]

    @property
    def is_colour(self) -> bool:
        return self.image.ndim == 3

    def cell(self, field_key: str, row: int | None = None) -> CellTruth:
        """The truth of one cell; KeyError when the page has no such cell."""
        for c in self.cells:
            if c.field == field_key and c.row == row:
                return c
        raise KeyError((field_key, row))

    def values(self) -> dict[tuple[int | None, str], str]:
        """All drawn values keyed by (row, field)."""
        return {(c.row, c.field): c.value for c in self.cells}

    def evolve(self, **changes) -> Page:
        """A copy with some attributes replaced (dataclasses.replace)."""
        return replace(self, **changes)
