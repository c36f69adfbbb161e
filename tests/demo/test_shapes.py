"""The demo inbox's shapes: determinism, GBK zips, the saved email, photo sizes, size budget."""

import email
import filecmp
import os
import re
import zipfile
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from sampledata.demo import make_demo

MIB = 1_048_576


def test_two_runs_give_identical_bytes_and_mtimes(demo, campaign, tmp_path):
    first, manifest = demo
    again = make_demo(tmp_path / "inbox", campaign)
    assert again == manifest
    files = [Path(p) for p in manifest.files]
    for rel in files:
        a, b = first / rel, tmp_path / "inbox" / rel
        assert filecmp.cmp(a, b, shallow=False), rel
        assert a.stat().st_mtime == b.stat().st_mtime
    assert sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()) == list(manifest.files)


def _zips(inbox: Path):
    return [p for p in inbox.rglob("*.zip")]


def test_zip_member_names_are_gbk_without_utf8_flag(demo):
    inbox, _ = demo
    zips = _zips(inbox)
    assert len(zips) >= 4
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                assert not info.flag_bits & 0x800, (path, info.filename)
                raw = info.filename.encode("cp437")  # what zipfile decoded: the raw bytes
                name = raw.decode("gbk")
                assert raw == name.encode("gbk")
                assert re.search(r"[\u4e00-\u9fff]", name) or name.startswith("__MACOSX"), name
            assert {i.date_time for i in zf.infolist()} and all(i.date_time[0] == 2020 for i in zf.infolist())


def test_cases_zip_names(demo, campaign):
    inbox, _ = demo
    names = {p.name for p in _zips(inbox)}
    assert "马克思主义学院优秀带班党员案例.zip" in names
    assert "音乐学院+优秀带班党员案例.zip" in names
    assert "数学学院案例.zip" in names  # the planted alias


def test_eml_parses_with_chinese_attachment_names(demo, campaign):
    inbox, _ = demo
    [eml] = list(inbox.rglob("*.eml"))
    raw = eml.read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert "食品与制药工程学院" in msg["Subject"]
    assert re.fullmatch(r".*<[\w.-]+@xx\.zqu\.edu\.cn>", str(msg["From"]))
    sent = parsedate_to_datetime(msg["Date"])
    assert sent.date() <= min(d.due for d in campaign.deliverables)
    names = [p.get_filename() for p in msg.iter_attachments()]
    assert len(names) >= 5 and all(re.search(r"[\u4e00-\u9fff]", n) for n in names)
    assert "食品与制药工程学院优秀带班党员案例.zip" in names
    assert b'filename="=?gbk?b?' in raw  # RFC 2047
    assert b"filename*=utf-8''" in raw  # RFC 2231


def test_life_photos_on_both_sides_of_one_mib(leaves, demo):
    _, manifest = demo
    photos = {k: len(v) for k, v in leaves.items() if k.endswith("生活照.jpg")}
    small = [p for p in manifest.problems if p.code == "PHOTO_TOO_SMALL"]
    missing = [p for p in manifest.problems if p.code == "PHOTO_MISSING"]
    for k, size in photos.items():
        if any(f"/{p.name}生活照.jpg" in k for p in small):
            assert size < MIB, k
        else:
            assert size > MIB, k
    assert any(f"/{p.name}生活照.jpg" in k for p in small for k in photos)
    assert not any(f"/{p.name}生活照.jpg" in k for p in missing for k in photos)
    assert sum(size > MIB for size in photos.values()) >= 10


def test_inbox_fits_the_size_budget_and_has_clutter(demo, leaves):
    inbox, manifest = demo
    total = sum(p.stat().st_size for p in inbox.rglob("*") if p.is_file())
    assert total <= 40 * MIB
    for junk in manifest.clutter:
        assert junk in leaves, junk
    assert any("__MACOSX" in j for j in manifest.clutter)
    assert any(j.endswith("Thumbs.db") for j in manifest.clutter)
    assert any("~$" in j for j in manifest.clutter)


def test_mtimes_are_june_2020_and_only_the_planted_file_is_late(demo, campaign):
    inbox, manifest = demo
    last_due = max(d.due for d in campaign.deliverables)
    late = []
    for rel in manifest.files:
        t = os.stat(inbox / rel).st_mtime
        import datetime as dt
        when = dt.datetime.fromtimestamp(t, dt.timezone(dt.timedelta(hours=8)))
        assert (when.year, when.month) == (2020, 6), rel
        if when.date() > last_due:
            late.append(rel)
    assert late == ["音乐学院/学生带班工作总结.docx"]
