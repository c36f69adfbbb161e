"""Legacy formats through LibreOffice (real engine): .doc/.xls/.rtf/.odt, encryption, timeout."""

from __future__ import annotations

import os
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from hypothesis import given, settings, strategies as st

from extractors import legacy, registry
from extractors.base import ENCRYPTED
from paperdesk.models import ExtractionError, FormDoc, FreeDoc, TableDoc

from extractor_helpers import run, save_doc, save_wb
from legacy_helpers import rename_stream, set_excel_filepass, set_word_encrypted, to_legacy
from test_docx_form import _hand_made_a5
from test_xlsx import _messy_a4


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory):
    """A5 as .doc and A4 as .xls, each made once by LibreOffice from generated OOXML."""
    d = tmp_path_factory.mktemp("legacy")
    doc = to_legacy(save_doc(_hand_made_a5(), d, "a5.docx"), "doc", d)
    xls = to_legacy(save_wb(_messy_a4(), d, "a4.xlsx"), "xls", d)
    return doc.read_bytes(), xls.read_bytes()


@pytest.fixture
def no_soffice(monkeypatch):
    """LibreOffice made unreachable: a call would answer "未安装", so a test can prove none happened."""
    monkeypatch.setattr(legacy, "SOFFICE", "/nonexistent/soffice")


def test_doc_and_xls_convert_in_parallel(tmp_path, campaign, legacy_files):
    """A .doc and a WPS-named .et (an OLE workbook, sniffed only as ``ole``) at the same time."""
    doc_bytes, xls_bytes = legacy_files
    doc, xls = tmp_path / "blob1", tmp_path / "blob2"  # intake's blobs carry no extension
    doc.write_bytes(doc_bytes)
    xls.write_bytes(xls_bytes)
    assert legacy.plan(xls, "汇总表.et") == ("xlsx", ".xls")  # the streams decide, not the name
    jobs = [(doc, "doc", "数学学院/张三审批表.doc"), (xls, "ole", "数学学院/汇总表.et")]
    with ThreadPoolExecutor(2) as pool:
        [form], [table] = pool.map(lambda j: run(j[0], j[1], campaign, display=j[2]), jobs)
    assert isinstance(form, FormDoc) and form.source == "数学学院/张三审批表.doc"
    assert form.fields["姓名"] == "张三" and form.fields["学号"] == "201824131105"
    assert form.fields["申报等级"] == "学生带班党员标兵"
    assert isinstance(table, TableDoc) and table.form == "A4" and table.source == "数学学院/汇总表.et"
    assert [r.cells["姓名"] for r in table.rows] == ["张三", "李四", "王五"]


def test_encrypted_word_and_excel_never_reach_libreoffice(tmp_path, campaign, legacy_files, no_soffice):
    doc_bytes, xls_bytes = legacy_files
    cases = [(set_word_encrypted(doc_bytes), "doc"), (set_excel_filepass(xls_bytes), "xls"),
             (rename_stream(doc_bytes, "WordDocument", "EncryptedPackage"), "ole"),
             (rename_stream(xls_bytes, "Workbook", "EncryptedPackage"), "xlsx")]
    for i, (data, kind) in enumerate(cases):
        path = tmp_path / f"locked{i}"
        path.write_bytes(data)
        [err] = run(path, kind, campaign)
        assert err == ExtractionError(path.name, ENCRYPTED), kind
    plain = tmp_path / "plain"
    plain.write_bytes(doc_bytes)
    [err] = run(plain, "doc", campaign)  # the same file unencrypted does call LibreOffice
    assert "未安装" in err.reason


def test_truncated_doc_is_broken_not_a_crash(tmp_path, campaign, legacy_files, no_soffice):
    path = tmp_path / "cut.doc"
    path.write_bytes(legacy_files[0][:1500])
    [err] = run(path, "doc", campaign)
    assert isinstance(err, ExtractionError) and "损坏" in err.reason


def test_timeout_kills_libreoffice_and_cleans_up(tmp_path, campaign, legacy_files, monkeypatch):
    path = tmp_path / "slow.doc"
    path.write_bytes(legacy_files[0])
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv(legacy.TIMEOUT_ENV, "0.3")
    [err] = run(path, "doc", campaign)
    assert isinstance(err, ExtractionError) and "转换超时" in err.reason
    assert list(scratch.iterdir()) == []  # the temporary copy and profile are gone
    left = subprocess.run(["pgrep", "-f", str(scratch)], capture_output=True, text=True).stdout
    assert left == "", f"LibreOffice processes left running: {left}"


def test_timeout_setting_must_be_a_number(monkeypatch):
    monkeypatch.setenv(legacy.TIMEOUT_ENV, "soon")
    with pytest.raises(ValueError):
        legacy.timeout()
    monkeypatch.setenv(legacy.TIMEOUT_ENV, "12.5")
    assert legacy.timeout() == 12.5


RTF = (r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0 SimSun;}}\f0 "
       r"\u24037?\u20316?\u24635?\u32467? 2020\par \u24102?\u29677?\u24037?\u20316?\par}")  # 工作总结 / 带班工作


def _odt(path, text: str) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path='
            '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>'))
        zf.writestr("content.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
            '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text='
            '"urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
            f'<office:text><text:p>{text}</text:p></office:text></office:body></office:document-content>'))


def test_rtf_and_odt_sniffed_as_text_and_zip(tmp_path, campaign):
    rtf, odt = tmp_path / "r", tmp_path / "o"
    rtf.write_bytes(RTF.encode("ascii"))
    _odt(odt, "数学学院带班工作总结")
    assert registry.choose(rtf, "text") is legacy.extract and registry.choose(odt, "zip") is legacy.extract
    with ThreadPoolExecutor(2) as pool:
        [a], [b] = pool.map(lambda j: run(*j, campaign), [(rtf, "text"), (odt, "zip")])
    assert isinstance(a, FreeDoc) and a.source == "r" and a.title.startswith("工作总结 2020"), a
    assert isinstance(b, FreeDoc) and b.title == "数学学院带班工作总结", b


def test_plan_by_content_then_name(tmp_path):
    plain = tmp_path / "p"
    plain.write_bytes(b"just text")
    assert not legacy.recognises(plain)
    assert legacy.plan(plain, "旧文件.wps") == ("docx", ".wps")  # the name breaks the tie
    with pytest.raises(legacy.BadInput):
        legacy.plan(plain, "readme")
    ods = tmp_path / "s"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert legacy.plan(ods, "x.zip") == ("xlsx", ".ods")


@settings(max_examples=150, deadline=timedelta(seconds=2), derandomize=True, database=None)
@given(data=st.data())
def test_mutated_ole_never_raises_in_planning(tmp_path_factory, legacy_files, data):
    """Flipped/cut OLE bytes: planning (olefile, FIB, BIFF records) refuses with BadInput only —
    no LibreOffice call, so many examples are cheap."""
    raw = bytearray(legacy_files[data.draw(st.integers(0, 1))])
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        if data.draw(st.booleans()):
            raw[at] ^= data.draw(st.integers(1, 255))
        else:
            del raw[at:]
            if not raw:
                break
    path = tmp_path_factory.mktemp("ole") / "m"
    path.write_bytes(bytes(raw))
    try:
        target, suffix = legacy.plan(path, "m")
    except legacy.BadInput as e:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in e.reason)
    else:
        assert (target, suffix) in {("docx", ".doc"), ("xlsx", ".xls")}


def test_unknown_files_named_like_old_formats_are_tried(tmp_path, campaign):
    """Excel 4 (raw BIFF, not OLE) and MS Write sniff as unknown: their names send them on."""
    path = tmp_path / "biff"
    path.write_bytes(b"\x09\x04\x06\x00\x00\x00\x10\x00" + b"\x00" * 64)
    assert registry.choose(path, "unknown", "学院/testEXCEL_4.xls") is legacy.extract
    assert registry.choose(path, "unknown", "旧.wri") is legacy.extract
    assert registry.choose(path, "unknown", "a.bin") is None
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert registry.choose(empty, "unknown", "a.xls") is None
    [err] = run(empty, "unknown", campaign)
    assert err.reason == "文件为空（0 字节）"
