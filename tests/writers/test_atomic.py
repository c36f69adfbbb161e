"""writers.atomic: temp-file-and-rename writes, fixed zip timestamps and core properties."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from writers import atomic


def test_write_bytes_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "a.json"
    atomic.write_bytes(target, b"one")
    atomic.write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_failed_write_keeps_old_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic.write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_workbook_is_deterministic_and_stamped(tmp_path):
    when = "2020-06-23T09:30:00+08:00"
    for name in ("a.xlsx", "b.xlsx"):
        wb = Workbook()
        wb.active["A1"] = "学号"
        atomic.save_workbook(wb, tmp_path / name, when)
    data = (tmp_path / "a.xlsx").read_bytes()
    assert data == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2020, 6, 23, 9, 30, 0)}
    props = load_workbook(tmp_path / "a.xlsx").properties
    assert props.created.isoformat() == props.modified.isoformat() == "2020-06-23T01:30:00"


def test_core_properties_added_when_missing():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("docProps/core.xml", '<cp:coreProperties xmlns:cp="x"></cp:coreProperties>')
    out = atomic.ooxml_bytes(buf.getvalue(), "2020-06-23T09:30:00+08:00")
    core = zipfile.ZipFile(io.BytesIO(out)).read("docProps/core.xml").decode()
    assert "<dcterms:created" in core and "2020-06-23T01:30:00Z</dcterms:modified>" in core
