"""Multi-volume archives: naming, joining, unpacking under the first volume, incomplete sets."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from intake.volumes import volume_sets
from intake.walk import scan_inbox
from intake_fixtures import CAMPAIGN, eml_bytes, write

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
from rar_bytes import Entry, rar4, rar5  # noqa: E402
from sevenzip_bytes import sevenzip  # noqa: E402


def scan(tmp_path: Path) -> dict:
    return {i.display: i for i in scan_inbox(tmp_path / "inbox", tmp_path / "state", CAMPAIGN, settle_seconds=0)}


def test_volume_sets_by_name():
    sets = {vs.names[0]: vs for vs in volume_sets([
        "a/x.7z.001", "a/x.7z.002", "b.z01", "b.z02", "b.zip", "c.part1.rar", "c.part3.rar", "D.rar", "d.r00",
        "e.7z.001", "f.z01", "g.r00", "h.7z.002", "plain.docx", "i.part1.rar", "j.PART01.RAR", "j.part02.rar"])}
    assert sets["a/x.7z.001"].names == ("a/x.7z.001", "a/x.7z.002") and not sets["a/x.7z.001"].missing
    assert sets["b.z01"].names == ("b.z01", "b.z02", "b.zip") and sets["b.z01"].style == "zip"
    assert "c.part2.rar" in sets["c.part1.rar"].missing
    assert sets["D.rar"].names == ("D.rar", "d.r00") and not sets["D.rar"].missing
    assert "e.7z.001" not in sets  # a lone .001 is an ordinary file
    assert "f.zip" in sets["f.z01"].missing
    assert "g.rar" in sets["g.r00"].missing
    assert "h.7z.001" in sets["h.7z.002"].missing
    assert not sets["i.part1.rar"].missing
    assert sets["j.PART01.RAR"].names == ("j.PART01.RAR", "j.part02.rar")
    assert all("plain.docx" not in vs.names for vs in sets.values())


def _split(data: bytes, n: int) -> list[bytes]:
    size = -(-len(data) // n)
    return [data[i:i + size] for i in range(0, len(data), size)]


def test_7z_split_into_001_parts(tmp_path):
    payload = os.urandom(5000)
    parts = _split(sevenzip({"材料/a.bin": payload, "b.txt": b"bee"}), 3)
    for i, part in enumerate(parts, 1):
        write(tmp_path / "inbox", f"计算机学院.7z.{i:03d}", part)
    items = scan(tmp_path)
    head = items["计算机学院.7z.001"]
    assert head.state == "used" and head.kind == "7z"
    assert Path(items["计算机学院.7z.001!材料/a.bin"].blob).read_bytes() == payload
    assert items["计算机学院.7z.002"].state == "used" and "一起解压" in items["计算机学院.7z.002"].reason
    assert items["计算机学院.7z.001!b.txt"].hints[0].college  # the set's name still gives the college


def test_missing_middle_volume(tmp_path):
    parts = _split(sevenzip({"a.bin": os.urandom(5000)}), 3)
    write(tmp_path / "inbox", "x.7z.001", parts[0])
    write(tmp_path / "inbox", "x.7z.003", parts[2])
    items = scan(tmp_path)
    for name in ("x.7z.001", "x.7z.003"):
        assert items[name].state == "unreadable" and "缺少 x.7z.002" in items[name].reason
    assert len(items) == 2


@pytest.fixture
def split_zip(tmp_path) -> Path:
    if not shutil.which("zip"):
        pytest.fail("the zip program is needed (scripts/setup.sh installs it)")
    work = tmp_path / "zipwork"
    work.mkdir()
    (work / "big.bin").write_bytes(os.urandom(150_000))
    (work / "small.txt").write_bytes("你好".encode())
    subprocess.run(["zip", "-q", "-s", "64k", "sp.zip", "big.bin", "small.txt"], cwd=work, check=True)
    return work


def test_split_zip_z01_joined(tmp_path, split_zip):
    for p in sorted(split_zip.glob("sp.*")):
        write(tmp_path / "inbox", p.name, p.read_bytes())
    items = scan(tmp_path)
    assert items["sp.z01"].state == "used" and items["sp.z01"].kind == "zip"
    assert Path(items["sp.z01!big.bin"].blob).read_bytes() == (split_zip / "big.bin").read_bytes()
    assert items["sp.z01!small.txt"].kind == "text"
    assert items["sp.zip"].state == "used" and items["sp.z02"].state == "used"


def test_split_zip_missing_middle_counted_from_the_directory(tmp_path, split_zip):
    for p in split_zip.glob("sp.*"):
        if p.name != "sp.z02":
            write(tmp_path / "inbox", p.name, p.read_bytes())
    items = scan(tmp_path)
    assert items["sp.z01"].state == "unreadable" and "共 3 卷，收到 2 卷" in items["sp.z01"].reason
    assert items["sp.zip"].state == "unreadable"


def test_split_zip_without_last_part(tmp_path, split_zip):
    for p in split_zip.glob("sp.z0*"):
        write(tmp_path / "inbox", p.name, p.read_bytes())
    items = scan(tmp_path)
    assert all(i.state == "unreadable" and "缺少 sp.zip" in i.reason for i in items.values())


def _rar5_volumes(payload: bytes) -> list[bytes]:
    v1 = rar5([Entry("a.txt", b"first"), Entry("b.bin", payload, part=(payload[:1000], False, True))],
              volume=0, last_volume=False)
    v2 = rar5([Entry("b.bin", payload, part=(payload[1000:], True, False)), Entry("c.txt", b"third")], volume=1)
    return [v1, v2]


def test_rar5_volumes_member_across_volumes(tmp_path):
    payload = os.urandom(3000)
    for i, vol in enumerate(_rar5_volumes(payload), 1):
        write(tmp_path / "inbox", f"材料.part{i}.rar", vol)
    items = scan(tmp_path)
    assert items["材料.part1.rar"].state == "used"
    assert Path(items["材料.part1.rar!b.bin"].blob).read_bytes() == payload
    assert items["材料.part1.rar!c.txt"].state is None
    assert items["材料.part2.rar"].state == "used"
    assert not list((tmp_path / "state" / "tmp").iterdir()), "the volume links are cleaned up"


def test_rar_volumes_old_style_names(tmp_path):
    payload = os.urandom(3000)
    v1, v2 = _rar5_volumes(payload)
    write(tmp_path / "inbox", "old.rar", v1)
    write(tmp_path / "inbox", "old.r00", v2)
    items = scan(tmp_path)
    assert Path(items["old.rar!b.bin"].blob).read_bytes() == payload


def test_first_rar_volume_alone_reports_the_missing_next(tmp_path):
    write(tmp_path / "inbox", "x.part1.rar", _rar5_volumes(os.urandom(3000))[0])
    items = scan(tmp_path)
    assert items["x.part1.rar!a.txt"].state is None
    assert items["x.part1.rar!b.bin"].state == "unreadable" and "下一卷" in items["x.part1.rar!b.bin"].reason


def test_second_rar_volume_alone(tmp_path):
    write(tmp_path / "inbox", "x.part2.rar", _rar5_volumes(os.urandom(3000))[1])
    items = scan(tmp_path)
    assert items["x.part2.rar"].state == "unreadable" and "缺少 x.part1.rar" in items["x.part2.rar"].reason


def test_volumes_attached_to_one_email(tmp_path):
    parts = _split(sevenzip({"案例.bin": b"case" * 500}), 2)
    eml = eml_bytes(attachments=[(f'attachment; filename="c.7z.00{i}"', p) for i, p in enumerate(parts, 1)])
    write(tmp_path / "inbox", "mail.eml", eml)
    items = scan(tmp_path)
    assert Path(items["mail.eml!c.7z.001!案例.bin"].blob).read_bytes() == b"case" * 500
    assert items["mail.eml!c.7z.001!案例.bin"].email_date  # the email's date travels into the set


@pytest.mark.parametrize("builder", [rar4, rar5])
def test_parts_that_are_separate_archives_are_read_one_by_one(tmp_path, builder):
    write(tmp_path / "inbox", "r.part1.rar", builder([Entry("a.txt", b"one")]))
    write(tmp_path / "inbox", "r.part2.rar", builder([Entry("b.txt", b"two")]))
    items = scan(tmp_path)
    assert Path(items["r.part2.rar!b.txt"].blob).read_bytes() == b"two"
    assert items["r.part1.rar!a.txt"].state is None
