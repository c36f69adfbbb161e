"""The page's own JavaScript in a real browser (Debian chromium), on a fake pipeline: run with
progress and reload, drag-and-drop upload with its size limit, typed value and bulk decisions."""

from __future__ import annotations

import threading

from paperdesk.state import State
from review_browser import chromium_page, live_server, shot
from review_fixtures import COLLEGE, PASSWORD, flag_id


def login(page, url):
    page.goto(url + "/")
    page.fill("#name", "李老师")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#matrix")


def drop(page, name: str, size: int):
    transfer = page.evaluate_handle(
        """([name, size]) => { const dt = new DataTransfer();
             dt.items.add(new File([new Uint8Array(size)], name, { lastModified: 1592546400000 })); return dt; }""",
        [name, size])
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})


def test_page_scripts_in_chromium(app, folders, pipeline):
    inbox, outbox, state_dir = folders
    gate = threading.Event()

    def slow_pipeline(*args, progress=None, **kw):
        progress(1, 4, "读取文件")
        gate.wait(10)
        return pipeline(*args, progress=progress, **kw)

    app.extensions["paperdesk"].runner.pipeline = slow_pipeline
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    with live_server(app) as url, chromium_page() as page:
        login(page, url)

        # the run button shows progress while the pipeline works, then reloads the page
        page.click("#run-button")
        page.wait_for_function("() => document.getElementById('run-message').textContent.includes('读取文件（1/4）')")
        assert page.is_disabled("#run-button")
        with page.expect_navigation():
            gate.set()
        assert pipeline.calls == 1

        # drag and drop: a small file is saved with its own time, a too large one is refused in Chinese
        page.goto(url + "/files")
        drop(page, "数学学院材料.zip", 1000)
        page.wait_for_selector("#upload-result li:has-text('上传完成')")
        saved = list((inbox / "上传").rglob("数学学院材料.zip"))
        assert len(saved) == 1 and int(saved[0].stat().st_mtime) == 1592546400
        drop(page, "太大.zip", 200 * 1024)
        page.wait_for_selector("#upload-result li:has-text('太大')")
        assert not list((inbox / "上传").rglob("太大.zip"))

        # a typed value for a mismatch, then a bulk waive for the rest of the college
        page.goto(url + f"/flag/{flag_id('PAPER_ELECTRONIC_MISMATCH')}")
        page.check("input[name=choice][value=custom]")
        page.fill("input[name=custom]", "3")
        page.click("#btn-confirm")
        page.wait_for_selector("#chosen-value:text-is('3')")
        page.goto(url + f"/college/{COLLEGE}")
        page.fill(".bulk input[name=reason]", "学院已补交")
        page.click(".bulk button[value=waive]")
        page.wait_for_selector(".flash.ok:has-text('已批量忽略 2 条问题')")
        shot(page, "fake-college-after-bulk")
    decided = State(state_dir).decisions()
    assert decided[flag_id("PAPER_ELECTRONIC_MISMATCH")].value == "3"
    assert {d.status for k, d in decided.items() if k != flag_id("PAPER_ELECTRONIC_MISMATCH")} == {"waived"}
    assert all(d.who == "李老师" for d in decided.values())
