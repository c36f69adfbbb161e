"""Duplicates: the same bytes received twice. The first copy (earliest ``received_at``, ties by
display path) keeps its state; every later one becomes ``duplicate`` naming the first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from paperdesk.models import IntakeItem


def mark_duplicates(items: list[IntakeItem]) -> list[IntakeItem]:
    """``items`` in the same order, later copies of the same sha256 marked ``duplicate``.
    Items whose bytes were not read (ignored, refused) and empty files take no part."""
    first: dict[str, IntakeItem] = {}
    for item in sorted((i for i in items if _counts(i)), key=_order):
        first.setdefault(item.sha256, item)
    out = []
    for item in items:
        kept = first.get(item.sha256) if _counts(item) else None
        if kept is not None and kept.display != item.display:
            item = dataclasses.replace(item, state="duplicate", reason=f"与 {kept.display} 内容相同")
        out.append(item)
    return out


def _counts(item: IntakeItem) -> bool:
    return bool(item.sha256) and item.size > 0 and item.state != "ignored"


def _order(item: IntakeItem) -> tuple[dt.datetime, str]:
    try:
        when = dt.datetime.fromisoformat(item.received_at)
    except ValueError:
        when = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when, item.display
