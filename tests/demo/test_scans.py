"""The demo's paper halves: which scans each college sends, what they look like (image-only PDFs and
JPGs at 150–200 dpi, JPEG-compressed, seals where planted), and their entries in the manifest.
Looked at without OCR (page count, dpi, colour, red ink), so these tests stay fast."""

from __future__ import annotations

import io

import numpy as np
import pdfplumber
import pytest
from PIL import Image

from extractors.scan.seal import find_seal

from . import reading

CLEAN = ("马克思主义学院", "食品与制药工程学院")
SCAN_SUFFIXES = (".pdf", ".jpg")


def scans_of(leaves: dict[str, bytes], college: str) -> dict[str, bytes]:
    """The scan files of a college (its folder, or the email whose subject names it)."""
    prefix = {"食品与制药工程学院": "邮件/"}.get(college, college)
    return {k: v for k, v in leaves.items()
            if k.startswith(prefix) and k.endswith(SCAN_SUFFIXES) and "案例" not in k and "生活照" not in k}


def pages(data: bytes, name: str) -> list[tuple[np.ndarray, float]]:
    """(RGB or grey image, dpi) of each page; PDFs must be image-only (no text layer)."""
    if name.endswith(".jpg"):
        im = Image.open(io.BytesIO(data))
        assert im.format == "JPEG"
        return [(np.asarray(im), float(im.info["dpi"][0]))]
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert not (page.extract_text() or "").strip(), f"{name}: a scan has no text layer"
            [img] = page.images
            assert img["stream"].get_filters()[0][0].name == "DCTDecode", name  # JPEG inside
            px = int(img["srcsize"][0])
            out.append((np.asarray(Image.open(io.BytesIO(img["stream"].get_rawdata()))), px / (float(page.width) / 72)))
    return out


def sealed(image: np.ndarray, dpi: float) -> bool:
    return find_seal(image, dpi, channels="rgb").present


@pytest.mark.parametrize("college", CLEAN)
def test_clean_colleges_send_sealed_colour_scans_of_every_paper_form(leaves, demo, campaign, college):
    files = scans_of(leaves, college)
    names = "、".join(sorted(files))
    kinds = {k.rsplit("/", 1)[-1].split("!")[-1] for k in files}
    assert {"考核情况汇总表（盖章扫描件）.pdf", "新聘学生带班党员汇总表（盖章扫描件）.jpg", "考核审批表（盖章扫描件）.pdf",
            "学生带班工作总结（盖章扫描件）.pdf"} == kinds, names
    headcount = campaign.college(college).headcount
    for name, data in files.items():
        read = pages(data, name)
        if "审批表" in name:
            assert len(read) == headcount, name  # every A5 in one multi-page PDF
        for image, dpi in read:
            assert 150 <= round(dpi) <= 200 and image.ndim == 3, name
            assert sealed(image, dpi), name
        assert len(data) <= 300_000 * len(read), name  # JPEG-compressed pages, the demo stays small


def test_problem_colleges_scans_unsealed_grey_turned_other_seal_changed_value(leaves):
    music = scans_of(leaves, "音乐学院")
    [(a4, _)] = pages(music["音乐学院/扫描件/考核情况汇总表.pdf"], "a4.pdf")
    assert not sealed(a4, 150)
    [(a2, dpi)] = pages(music["音乐学院/扫描件/新聘学生带班党员汇总表.pdf"], "a2.pdf")
    assert a2.ndim == 2 and sealed(a2, dpi)  # grey scan, seal still there
    maths = scans_of(leaves, "数学与统计学院")
    [(turned, dpi)] = pages(maths["数学与统计学院/纸质版/考核情况汇总表.jpg"], "a4.jpg")
    assert turned.shape[0] > turned.shape[1] and sealed(turned, dpi)  # a landscape form fed sideways
    [(stamped, dpi)] = pages(maths["数学与统计学院/纸质版/新聘学生带班党员汇总表.pdf"], "a2.pdf")
    assert sealed(stamped, dpi)
    life = [k for k in leaves if k.startswith("生命科学学院") and k.endswith("考核情况汇总表（盖章）.pdf")]
    assert len(life) == 1 and sealed(*pages(leaves[life[0]], life[0])[0])


def test_manifest_names_the_scan_problems(demo):
    _, m = demo
    by = {(p.code, p.college, p.deliverable): p for p in m.problems}
    assert ("SEAL_MISSING", "音乐学院", "assessment-summary") in by
    assert ("COLLEGE_CONFLICT", "数学与统计学院", "selection") in by
    mismatch = by[("PAPER_ELECTRONIC_MISMATCH", "生命科学学院", "assessment-summary")]
    assert mismatch.name and mismatch.student_id and "考核等级" in mismatch.detail
    missing = {(p.college, p.deliverable) for p in m.problems if p.code == "DELIVERABLE_MISSING"}
    assert {("音乐学院", "assessment-forms"), ("数学与统计学院", "work-summary"), ("生命科学学院", "selection")} <= missing
    assert not {p.college for p in m.problems} & set(m.clean_colleges)


def test_the_changed_value_is_on_paper_only(leaves, demo):
    """The electronic A4 of 生命科学学院 keeps the person's rating; the paper one says otherwise (read by
    the scan reader in the e2e run; here: the person is on the xlsx with another rating)."""
    _, m = demo
    [p] = [p for p in m.problems if p.code == "PAPER_ELECTRONIC_MISMATCH"]
    [xlsx] = [v for k, v in leaves.items() if k.startswith(p.college) and k.endswith("考核情况汇总表.xlsx")]
    [row] = [r for r in reading.table(xlsx).rows if r["姓名"] == p.name]
    paper_rating = p.detail.split("考核等级为")[1].split("，")[0]
    assert row["学号"] == p.student_id and row["考核等级"] != paper_rating
