"""review.safety: paths stay inside their root, upload names are plain, nothing is overwritten."""

from __future__ import annotations

import io
import os

import pytest

from review.safety import inside, unique_path, upload_name, write_new


def test_inside(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.txt").write_text("x")
    assert inside(tmp_path, "a/b.txt") == (tmp_path / "a" / "b.txt").resolve()
    for bad in ("../x", "a/../../x", "/etc/passwd", "\\x", "", "a/\x00", "a\\..\\..\\x"):
        assert inside(tmp_path, bad) is None, bad
    os.symlink("/etc", tmp_path / "out")
    assert inside(tmp_path, "out/passwd") is None


@pytest.mark.parametrize("raw,expected", [
    ("数学与统计学院优秀带班党员案例.zip", "数学与统计学院优秀带班党员案例.zip"),
    ("  考核表.docx ", "考核表.docx"),
    ("../a.zip", None), ("a/b.zip", None), ("a\\b.zip", None), ("..", None), (".bashrc", None),
    ("a\nb.zip", None), ("a\u202eb.zip", None), ("", None), (None, None), ("长" * 100, None),
])
def test_upload_name(raw, expected):
    assert upload_name(raw) == expected


def test_unique_path_and_write_new(tmp_path):
    assert unique_path(tmp_path, "a.zip") == tmp_path / "a.zip"
    first = write_new(tmp_path / "d", "a.zip", io.BytesIO(b"1"))
    second = write_new(tmp_path / "d", "a.zip", io.BytesIO(b"2"))
    assert (first.name, second.name) == ("a.zip", "a (2).zip")
    assert (first.read_bytes(), second.read_bytes()) == (b"1", b"2")
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["a (2).zip", "a.zip"]
