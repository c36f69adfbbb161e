"""Property: whatever happens to the bytes of a valid docx/xlsx — flipped, cut, inserted, or the
same done inside one zip member's XML — ``extract()`` returns records or an ExtractionError with
a Chinese reason, never raises, and answers within the per-example deadline."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extractors.registry import extract
from paperdesk.campaign import load_campaign
from paperdesk.models import CaseDoc, ExtractionError, FormDoc, FreeDoc, ImageFile, TableDoc

from test_docx_form import _hand_made_a5
from test_xlsx import _messy_a4

CAMPAIGN = load_campaign()
RECORDS = (CaseDoc, FormDoc, FreeDoc, ImageFile, TableDoc, ExtractionError)
FUZZ = settings(max_examples=120, deadline=timedelta(seconds=5), derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _saved(obj) -> bytes:
    buf = io.BytesIO()
    obj.save(buf)
    return buf.getvalue()


SEEDS = {"docx": _saved(_hand_made_a5()), "xlsx": _saved(_messy_a4())}
MEMBERS = {kind: zipfile.ZipFile(io.BytesIO(data)).namelist() for kind, data in SEEDS.items()}


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """``data`` with 1–4 edits: flip a byte, cut the tail, insert bytes, or delete a run."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if op == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del out[at:]
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(
                [b"<", b">", b"&", b"<!DOCTYPE x>", b"</w:p>", b"\x00\x00", b"<row r=\"1048576\">"]))
        else:
            del out[at:at + draw(st.integers(1, 64))]
    return bytes(out)


@st.composite
def member_mutated(draw, kind: str) -> bytes:
    """A well-formed zip whose one member (XML or rels) has had its bytes mutated."""
    name = draw(st.sampled_from(MEMBERS[kind]))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SEEDS[kind])) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, draw(mutated(body)) if info.filename == name else body)
    return out.getvalue()


def _holds(tmp_path: Path, kind: str, data: bytes) -> None:
    path = tmp_path / f"fuzz-{kind}"
    path.write_bytes(data)
    records = extract(path, kind, "学院/fuzz", CAMPAIGN)  # raising here fails the property
    assert isinstance(records, list) and records
    for rec in records:
        assert isinstance(rec, RECORDS), rec
        assert rec.source == "学院/fuzz"
        if isinstance(rec, ExtractionError):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in rec.reason), rec.reason


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@FUZZ
@given(data=st.data())
def test_mutated_bytes_never_raise(tmp_path, kind, data):
    _holds(tmp_path, kind, data.draw(mutated(SEEDS[kind])))


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@FUZZ
@given(data=st.data())
def test_mutated_members_never_raise(tmp_path, kind, data):
    _holds(tmp_path, kind, data.draw(member_mutated(kind)))
