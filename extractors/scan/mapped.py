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


def check_value(campaign, column, text: str, conf: float) -> Checked:
    """:func:`validate.validate`, plus the 学院 field snapped to the campaign's colleges."""
    if column.key == "学院" and text and not column.values:
        if campaign.find_college(text):
            return validate(column, text, conf)
        return snap(text, conf, tuple(c.name for c in campaign.colleges))
    return validate(column, text, conf, campaign.checks.student_id_digits, campaign.vocabulary(column.key))
