"""End to end in a real browser (Debian's chromium driven by Playwright) on the real pipeline.

A demo college's zip (with the scan of its sealed paper A4) is dropped onto the upload area,
processed by ``flows.run.run_pipeline`` (started from the page, progress polled), then staff log
in, waive one flag with a reason, pick the paper value of the planted PAPER_ELECTRONIC_MISMATCH,
re-run, download the master spreadsheet and find the chosen value in it. Screenshots of the main pages go to
``test-output/screenshots/`` (1366×768).
"""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from review_browser import chromium_page, live_server, shot

PASSWORD = "e2e-pass-1"
MASTER = "全校学生带班党员考核情况汇总表.xlsx"


@pytest.fixture(scope="module")
def demo_zip(tmp_path_factory) -> tuple[Path, dict]:
    """One college's zip from the demo inbox (its paper/electronic mismatch planted), with the answer key."""
    from paperdesk.campaign import load_campaign
    from sampledata.demo import make_demo

    root = tmp_path_factory.mktemp("demo")
    manifest = json.loads(make_demo(root / "inbox", load_campaign()).to_json())
    planted = next(p for p in manifest["problems"] if p["code"] == "PAPER_ELECTRONIC_MISMATCH")
    zips = [p for p in (root / "inbox").iterdir() if p.suffix == ".zip" and p.name.startswith(planted["college"])]
    assert len(zips) == 1, "the demo should carry the college's materials in one zip"
    return zips[0], planted


def drop_file(page, selector: str, path: Path) -> None:
    """Drop a file onto an element the way a file manager does (a DataTransfer with a File)."""
    data = base64.b64encode(path.read_bytes()).decode()
    transfer = page.evaluate_handle(
        """([name, b64, mtime]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], name, { lastModified: mtime }));
            return dt;
        }""", [path.name, data, int(path.stat().st_mtime * 1000)])
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def rerun(page, screenshot: str | None = None) -> None:
    """Click 重新处理 and wait for the run to end and the page to reload."""
    page.click("#run-button")
    page.wait_for_selector("#run-progress:not([hidden])")
    if screenshot:
        shot(page, screenshot)
    page.wait_for_function("() => document.getElementById('run-message').textContent.includes('处理完成')",
                           timeout=240_000)
    page.wait_for_load_state("load")
    page.wait_for_selector("#run-button:not([disabled])")


def master_value(path: Path, student_id: str, column: str) -> str:
    ws = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if "学号" in r and column in r)
    header = rows[header_at]
    row = next(r for r in rows[header_at + 1:] if str(r[header.index("学号")]) == student_id)
    return str(row[header.index(column)])


def test_review_page_end_to_end(tmp_path, demo_zip, monkeypatch):
    from review.app import create_app

    monkeypatch.delenv("PAPERDESK_PASSWORD", raising=False)
    zip_path, planted = demo_zip
    inbox, outbox, state = tmp_path / "inbox", tmp_path / "outbox", tmp_path / "state"
    inbox.mkdir()
    app = create_app(inbox, outbox, state, None, password=PASSWORD)  # the real flows.run.run_pipeline
    downloads = tmp_path / "downloads"
    with live_server(app) as url, chromium_page() as page:
        # log in
        page.goto(url + "/")
        assert "/login" in page.url
        shot(page, "01-login")
        page.fill("#name", "王老师")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("#matrix")
        assert "尚未生成处理结果" in page.content()

        # drop the college's zip onto the upload area, then process
        page.click("text=上传与下载")
        drop_file(page, "#dropzone", zip_path)
        page.wait_for_selector("#upload-result li:has-text('上传完成')")
        assert any(p.name == zip_path.name for p in (inbox / "上传").rglob("*.zip"))
        shot(page, "02-upload")
        rerun(page, "02b-progress")
        page.click("text=总览")
        page.wait_for_selector("#matrix")
        college = planted["college"]
        assert "有问题" in page.inner_text(f"#matrix tr:has(th a:text-is('{college}'))")
        shot(page, "03-overview")

        # waive one flag with a reason
        page.click(f"#matrix th a:text-is('{college}')")
        page.wait_for_selector("h2:has-text('问题')")
        shot(page, "04-college")
        flags = json.loads((outbox / "flags.json").read_text("utf-8"))["flags"]
        mismatch = _pick_mismatch(flags, planted)
        waived = next(f for f in flags if f["college"] == college and f["id"] != mismatch["id"]
                      and f["code"] not in ("FIELD_MISMATCH", "PAPER_ELECTRONIC_MISMATCH"))
        page.click(f"a[href='/flag/{waived['id']}']")
        page.fill("#reason", "学院已电话说明，材料无误")
        page.click("#btn-waive")
        page.wait_for_selector("#flag-status:text-is('已忽略')")

        # pick the value for the mismatch
        page.goto(url + f"/flag/{mismatch['id']}")
        side, chosen = _paper_side(mismatch)
        page.check(f"input[name=choice][value={side}]")
        shot(page, "05-flag")
        page.click("#btn-confirm")
        page.wait_for_selector("#flag-status:text-is('已确认')")
        assert page.inner_text("#chosen-value") == chosen
        assert "王老师" in page.inner_text("#history")

        # re-run, then download the master spreadsheet and find the chosen value in it
        page.click("text=上传与下载")
        rerun(page)
        shot(page, "06-files")
        with page.expect_download() as info:
            page.click(f"#outbox-files a:text-is('{MASTER}')")
        saved = downloads / MASTER
        info.value.save_as(saved)
        assert master_value(saved, mismatch["student_id"], mismatch["field"]) == chosen
        with page.expect_download() as info:
            page.click("#download-all")
        info.value.save_as(downloads / "all.zip")
        assert (downloads / "all.zip").stat().st_size > saved.stat().st_size

        page.click("text=操作记录")
        shot(page, "07-audit")
        assert "学院已电话说明" in page.inner_text("#audit")

    published = {f["id"]: f for f in json.loads((outbox / "flags.json").read_text("utf-8"))["flags"]}
    assert published[waived["id"]]["status"] == "waived"
    assert published[mismatch["id"]]["status"] == "confirmed"
    shutil.rmtree(downloads)


def _pick_mismatch(flags: list[dict], planted: dict) -> dict:
    """The planted paper/electronic mismatch: the field the demo changed on that person's scan."""
    return next(f for f in flags if f["code"] == "PAPER_ELECTRONIC_MISMATCH" and f["college"] == planted["college"]
                and f.get("field") and f.get("student_id") == planted["student_id"])


def _paper_side(flag: dict) -> tuple[str, str]:
    """(choice, value) of the paper side: checks.paper puts the electronic value in ``expected``
    and the scan's in ``found``."""
    assert "纸质版扫描件" in flag["message"]
    return "found", flag["found"]
