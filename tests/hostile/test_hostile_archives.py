"""The hostile-archive suite: every attack of issue 4 point 2, in every archive format, made in code.
Each case ends with the archive or the member ``unreadable`` (Chinese reason), the rest of the
inbox still read, nothing written outside the store and the inbox unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intake.unpackers.base import BOMB, ENCRYPTED, Limits
from intake.walk import scan_inbox
from hostile_fixtures import CAMPAIGN, FORMATS, HardLink, Link, build, tree_digest, write
from rar_bytes import Entry, rar4, rar5
from sevenzip_bytes import patch_names, sevenzip

ESCAPES = ("../evil.txt", "/abs/evil.txt", "C:/evil.txt", "..\\evil.txt", "a/../../evil.txt")


def scan(tmp_path: Path, **kw) -> dict:
    items = scan_inbox(tmp_path / "inbox", tmp_path / "state", CAMPAIGN, settle_seconds=0, **kw)
    assert all(i.state is not None or i.blob for i in items), "every item has bytes or a state"
    return {i.display: i for i in items}


def inbox_with(tmp_path: Path, name: str, data: bytes) -> str:
    write(tmp_path / "inbox", name, data)
    write(tmp_path / "inbox", "zz-after.txt", "之后的文件".encode())  # the run carries on past the archive
    return name


def assert_carried_on(items: dict) -> None:
    assert items["zz-after.txt"].state is None and items["zz-after.txt"].kind == "text"


@pytest.mark.parametrize("fmt", FORMATS)
def test_escaping_paths_refused(tmp_path, fmt):
    members = {name: b"evil" for name in ESCAPES} | {"ok.txt": "正常".encode()}
    name, data = build(fmt, members, tmp_path)
    inbox_with(tmp_path, name, data)
    before = tree_digest(tmp_path / "inbox")
    items = scan(tmp_path)
    refused = [i for d, i in items.items() if "evil" in d]
    assert len(refused) == len(ESCAPES)
    assert all(i.state == "unreadable" and "路径不安全" in i.reason and not i.blob for i in refused)
    assert items[f"{name}!ok.txt"].state is None
    assert not [p for p in tmp_path.rglob("evil*")], "nothing written under an attacker's name"
    assert tree_digest(tmp_path / "inbox") == before
    assert_carried_on(items)


@pytest.mark.parametrize("fmt", FORMATS)
def test_symbolic_links_refused(tmp_path, fmt):
    name, data = build(fmt, {"link": Link("/etc/passwd"), "ok.txt": b"fine"}, tmp_path)
    inbox_with(tmp_path, name, data)
    items = scan(tmp_path)
    link = items[f"{name}!link"]
    assert link.state == "unreadable" and "符号链接" in link.reason and not link.blob
    assert items[f"{name}!ok.txt"].state is None
    assert_carried_on(items)


@pytest.mark.parametrize("fmt", ["rar5", "tar", "tgz"])  # zip and 7z cannot hold hard links
def test_hard_links_refused(tmp_path, fmt):
    name, data = build(fmt, {"ok.txt": b"fine", "hard": HardLink("/etc/passwd")}, tmp_path)
    inbox_with(tmp_path, name, data)
    items = scan(tmp_path)
    hard = items[f"{name}!hard"]
    assert hard.state == "unreadable" and "硬链接" in hard.reason and not hard.blob
    assert items[f"{name}!ok.txt"].state is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_bomb_by_total_size(tmp_path, fmt):
    name, data = build(fmt, {"a.txt": os.urandom(3000), "b.txt": os.urandom(3000)}, tmp_path)
    inbox_with(tmp_path, name, data)
    items = scan(tmp_path, limits=Limits(max_total_bytes=4000))
    assert items[name].state == "unreadable" and items[name].reason == BOMB
    assert not [d for d in items if d.startswith(f"{name}!")]
    assert_carried_on(items)


@pytest.mark.parametrize("fmt", ["zip", "7z", "tgz"])
def test_bomb_by_ratio(tmp_path, fmt):
    name, data = build(fmt, {"zeros.bin": bytes(3 * 1024**2)}, tmp_path)
    assert len(data) < 40_000
    inbox_with(tmp_path, name, data)
    items = scan(tmp_path, limits=Limits(ratio_min_bytes=1024**2, max_ratio=50))
    assert items[name].state == "unreadable" and items[name].reason == BOMB


@pytest.mark.parametrize("builder", [rar4, rar5])
def test_rar_bomb_declared_size_refused_before_decompressing(tmp_path, builder):
    data = builder([Entry("huge.bin", b"\x00" * 64, declared_size=3 * 1024**3, compressed=True)])
    inbox_with(tmp_path, "bomb.rar", data)
    items = scan(tmp_path)
    assert items["bomb.rar"].state == "unreadable" and items["bomb.rar"].reason == BOMB


@pytest.mark.parametrize("fmt", FORMATS)
def test_bomb_by_member_count(tmp_path, fmt):
    name, data = build(fmt, {f"f{i}.txt": b"x%d" % i for i in range(6)}, tmp_path)
    inbox_with(tmp_path, name, data)
    items = scan(tmp_path, limits=Limits(max_members=5))
    assert items[name].state == "unreadable" and items[name].reason == BOMB


def test_lone_gz_bomb_stops_early(tmp_path):
    import gzip
    inbox_with(tmp_path, "zeros.docx.gz", gzip.compress(bytes(8 * 1024**2)))
    items = scan(tmp_path, limits=Limits(ratio_min_bytes=1024**2, max_ratio=50))
    assert items["zeros.docx.gz"].reason == BOMB
    assert not list((tmp_path / "state" / "tmp").glob("in-*")), "the partial member is removed"


def test_nesting_depth_across_formats(tmp_path):
    """tgz ⊃ rar5 ⊃ 7z ⊃ zip ⊃ a document: read whole by default, cut at the limit."""
    doc = b"%PDF-1.4 nested"
    level = build("zip", {"deep.pdf": doc}, tmp_path)[1]
    level = sevenzip({"l3.zip": level})
    level = rar5([Entry("l2.7z", level)])
    _, top = build("tgz", {"l1.rar": level}, tmp_path)
    inbox_with(tmp_path, "top.tar.gz", top)
    deep = "top.tar.gz!l1.rar!l2.7z!l3.zip!deep.pdf"
    assert scan(tmp_path)[deep].kind == "pdf"
    items = scan(tmp_path, limits=Limits(max_depth=2))
    cut = items["top.tar.gz!l1.rar!l2.7z"]
    assert cut.state == "unreadable" and "嵌套层数过多" in cut.reason and deep not in items


ENCRYPTED_CASES = {
    "zip": lambda tmp: ("x.zip", _encrypted_zip()),
    "7z": lambda tmp: ("x.7z", sevenzip({"a.txt": b"secret"}, password="pw")),
    "7z-header": lambda tmp: ("x.7z", sevenzip({"a.txt": b"secret"}, password="pw", header_encrypted=True)),
    "rar4": lambda tmp: ("x.rar", rar4([Entry("a.txt", b"secret", encrypted=True)])),
    "rar4-header": lambda tmp: ("x.rar", rar4([], header_encrypted=True)),
    "rar5": lambda tmp: ("x.rar", rar5([Entry("a.txt", b"secret", encrypted=True)])),
    "rar5-header": lambda tmp: ("x.rar", rar5([], header_encrypted=True)),
}


def _encrypted_zip() -> bytes:
    from intake_fixtures import set_encrypted_flag, zip_bytes
    return set_encrypted_flag(zip_bytes({"a.txt": b"secret"}))


@pytest.mark.parametrize("case", sorted(ENCRYPTED_CASES))
def test_encrypted_archives(tmp_path, case):
    name, data = ENCRYPTED_CASES[case](tmp_path)
    inbox_with(tmp_path, name, data)
    items = scan(tmp_path)
    assert items[name].state == "unreadable" and items[name].reason == ENCRYPTED
    assert_carried_on(items)


@pytest.mark.parametrize("fmt", FORMATS)
def test_truncated_archives(tmp_path, fmt):
    name, data = build(fmt, {"a.bin": os.urandom(6000), "b.txt": b"tail" * 100}, tmp_path)
    inbox_with(tmp_path, name, data[: len(data) // 2])
    items = scan(tmp_path)
    mine = [i for d, i in items.items() if d == name or d.startswith(f"{name}!")]
    assert any(i.state == "unreadable" for i in mine)
    assert all(i.size == len(Path(i.blob).read_bytes()) for i in mine if i.blob)
    assert_carried_on(items)


@pytest.mark.parametrize("ext", ["zip", "7z", "rar", "tar", "tar.gz", "eml", "msg", "7z.001"])
def test_zero_byte_files(tmp_path, ext):
    inbox_with(tmp_path, f"empty.{ext}", b"")
    items = scan(tmp_path)
    assert items[f"empty.{ext}"].state == "unreadable" and items[f"empty.{ext}"].reason == "空文件"


@pytest.mark.parametrize("fmt,raw,shown", [
    ("rar4", b"\xff\xfe.txt", "%FF%FE.txt"),
    ("rar4", "张三.txt".encode("gbk"), "张三.txt"),
    ("rar5", b"\xff\xfe.txt", "%FF%FE.txt"),
    ("tar", b"\xff\xfe.txt", "%FF%FE.txt"),
    ("tar", "李四.txt".encode("gbk"), "李四.txt"),
    ("zip", "a\x01b.txt".encode(), "a%01b.txt"),
])
def test_undecodable_and_control_names_shown_escaped(tmp_path, fmt, raw, shown):
    if fmt.startswith("rar"):
        data = (rar4 if fmt == "rar4" else rar5)([Entry(raw, b"content", unicode=False)])
        name = "n.rar"
    else:
        name, data = build(fmt, {raw.decode("utf-8", "surrogateescape"): b"content"}, tmp_path)
    inbox_with(tmp_path, name, data)
    items = scan(tmp_path)
    member = items[f"{name}!{shown}"]
    assert Path(member.blob).read_bytes() == b"content"
    for display in items:
        display.encode("utf-8")  # no lone surrogates reach the display path


def test_7z_name_not_utf16_is_shown_escaped_not_a_crash(tmp_path):
    """py7zr cannot list it; the 7z program can: the name is shown escaped, the rest is read."""
    data = patch_names(sevenzip({"Pxx.txt": b"x", "ok.txt": b"fine"}), {"Pxx.txt": "\ud800xx.txt"})
    inbox_with(tmp_path, "bad.7z", data)
    items = scan(tmp_path)
    assert items["bad.7z"].state == "used"
    (broken,) = [i for d, i in items.items() if d.endswith("xx.txt")]
    assert "%" in broken.display and broken.state == "unreadable" and broken.reason
    assert items["bad.7z!ok.txt"].state is None
    assert_carried_on(items)


def test_7z_with_bcj2_read_by_the_7z_program(tmp_path):
    import subprocess
    work = tmp_path / "bcj2"
    work.mkdir()
    (work / "prog.exe").write_bytes(b"MZ" + os.urandom(3000))
    (work / "说明.txt").write_bytes("你好".encode())
    subprocess.run(["7z", "a", "-bd", "-mf=BCJ2", "x.7z", "prog.exe", "说明.txt"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL)  # BCJ2: py7zr cannot decode it
    inbox_with(tmp_path, "x.7z", (work / "x.7z").read_bytes())
    items = scan(tmp_path)
    assert items["x.7z"].state == "used"
    assert Path(items["x.7z!说明.txt"].blob).read_bytes() == "你好".encode()


def _stored_zip(members: dict) -> bytes:
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


CRC_CASES = {
    "zip": lambda payload: ("x.zip", _stored_zip({"a.txt": payload})),
    "7z": lambda payload: ("x.7z", sevenzip({"a.txt": payload})),
    "rar4": lambda payload: ("x.rar", rar4([Entry("a.txt", payload)])),
    "rar5": lambda payload: ("x.rar", rar5([Entry("a.txt", payload)])),
}


@pytest.mark.parametrize("case", sorted(CRC_CASES))
def test_damaged_member_bytes_are_not_passed_on(tmp_path, case):
    """One byte of the member's data flipped: the checksum catches it, nothing reaches an extractor."""
    payload = bytes(range(256)) * 8
    name, data = CRC_CASES[case](payload)
    data = bytearray(data)
    pos = data.find(payload[:64]) if case != "7z" else 32 + 8
    assert pos >= 0
    data[pos + 10] ^= 0xFF
    inbox_with(tmp_path, name, bytes(data))
    items = scan(tmp_path)
    member = items.get(f"{name}!a.txt")
    assert items[name].state == "unreadable" or member.state == "unreadable"
    assert_carried_on(items)


def test_7z_program_path_refuses_links_and_counts_the_budget(tmp_path):
    import subprocess
    work = tmp_path / "bcj2"
    work.mkdir()
    (work / "prog.exe").write_bytes(b"MZ" + os.urandom(3000))
    os.symlink("/etc/passwd", work / "link")
    subprocess.run(["7z", "a", "-bd", "-snl", "-mf=BCJ2", "x.7z", "prog.exe", "link"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL)
    inbox_with(tmp_path, "x.7z", (work / "x.7z").read_bytes())
    items = scan(tmp_path)
    assert items["x.7z!link"].state == "unreadable" and "符号链接" in items["x.7z!link"].reason
    assert items["x.7z!prog.exe"].size == 3002
    items = scan(tmp_path, limits=Limits(max_total_bytes=1000))
    assert items["x.7z"].reason == BOMB
