"""What the mapping of a scan to a campaign form gives back, and the checks every mapping shares
(label/value forms in :mod:`extractors.scan.mapping`, tables in
:mod:`extractors.scan.mapping_table`)."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.scan.model import Located, Uncertain
from extractors.scan.validate import Checked, snap, validate
from paperdesk.models import FormDoc, TableDoc


@dataclass(frozen=True)
class Mapped:
    """A form record read from a scan, its doubtful fields and where each field was read."""

    record: FormDoc | TableDoc
    uncertain: tuple[Uncertain, ...] = ()
    located: tuple[Located, ...] = ()


def deliverable_of(campaign, form_id: str) -> str:
    """The key of the deliverable that uses ``form_id`` ("" when none does)."""
    return next((d.key for d in campaign.deliverables if d.form == form_id), "")


#: field types that hold digits only: their cells are read through the lattice's digit view
DIGIT_TYPES = ("int", "student_id")


def cell_reading(column, ct) -> tuple[str, float]:
    """(text, confidence) of the cell ``ct`` (a :class:`~extractors.scan.model.CellText`) as a
    value of ``column``. A digits-only field whose cell kept a lattice is read from its digit
    view (:meth:`paperdesk.lattice.Lattice.as_digits`): a printed lone ``0`` that the recogniser
    splits between ``0`` and ``o`` is a sure 0 there, where the plain reading gave 0.61–0.76 and
    a doubt for staff on every count of every clean page. Only when that view reads digits alone;
    anything else (``3人``, ``无``) is the plain reading, for the validators. The cell's own cap
    (a glyph cut by its edge) still holds."""
    if column.type in DIGIT_TYPES and ct.lattice is not None and ct.text:
        text, conf = ct.lattice.as_digits().reading()
        if text.isascii() and text.isdigit():
            return text, min(conf, ct.cap)
    return ct.text, ct.conf


def check_value(campaign, column, text: str, conf: float) -> Checked:
    """:func:`validate.validate`, plus the 学院 field snapped to the campaign's colleges."""
    if column.key == "学院" and text and not column.values:
        if campaign.find_college(text):
            return validate(column, text, conf)
        return snap(text, conf, tuple(c.name for c in campaign.colleges))
    return validate(column, text, conf, campaign.checks.student_id_digits, campaign.vocabulary(column.key))
