"""The 评审 page in a real browser (Debian chromium): choose a prize and the booklet for a case,
resolve a conflict with the judging sheet, make the certificates; a case with an open error is
not listed. The run's snapshot is written in code (what ``flows.steps.judging`` keeps)."""

from __future__ import annotations

import shutil

import pytest

from flows.steps import AWARDS_SNAPSHOT
from paperdesk.state import State
from review_browser import chromium_page, live_server, shot
from review_fixtures import COLLEGE, PASSWORD
from writers.judging import Entry

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is part of the runtime")


def entry(key: str, author: str, sid: str, title: str) -> dict:
    return Entry(key=key, college=COLLEGE, author=author, student_id=sid, author_fields={"所带班级": "19统计1班"},
                 title=title, chars=1200, file=f"数学.zip!{author}/{title}.docx", deliverable="cases",
                 sections=(("一、背景与起因", "……"),)).to_dict()


def test_judging_page_in_chromium(app, folders):
    inbox, outbox, state_dir = folders
    state = State(state_dir)
    state.save_snapshot(AWARDS_SNAPSHOT, {"generated_at": "2020-06-23T09:00:00+08:00", "people": {}, "entries": [
        entry("k-zhang", "张三", "201824131105", "用心陪伴新生成长"),
        entry("k-wang", "王五", "201824131200", "云端班会"),
        entry("k-li", "李四", "", "带班路上"),  # 李四's life photo is too small: an open error, not listed
    ]})
    campaign = app.extensions["paperdesk"].campaign
    s = campaign.awards.judging
    state.judge("k-wang", "prize", "web", s.prizes[0], who="李老师")
    state.judge("k-wang", "prize", "sheet", s.prizes[1], who="评审表")  # the sheet says otherwise
    with live_server(app) as url, chromium_page() as page:
        page.goto(url + "/")
        page.fill("#name", "李老师")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("#matrix")
        page.click("#nav-judging")
        page.wait_for_selector("#judging")
        assert page.locator("#judging tbody tr").count() == 2 and not page.locator("#row-k-li").count()
        assert page.locator("#row-k-wang.conflict .conflict-note").inner_text().count(s.prizes[1]) == 1

        page.select_option("select[name=prize-k-zhang]", s.prizes[1])
        page.select_option("select[name=booklet-k-zhang]", s.selected)
        page.click("#btn-save")
        page.wait_for_selector(".flash.ok:has-text('已保存 2 项')")
        shot(page, "judging-conflict")
        page.click("#row-k-wang button:has-text('采用表格的')")
        page.wait_for_selector(".flash.ok:has-text('已保存 1 项')")
        assert not page.locator("#row-k-wang.conflict").count()
        assert page.locator("select[name=prize-k-wang]").input_value() == s.prizes[1]

        page.click("#btn-certificates")
        page.wait_for_selector(".flash.ok:has-text('已生成证书')", timeout=60_000)
        shot(page, "judging-certificates")
    judged = state.judgments()
    assert judged[("k-zhang", "prize")]["web"]["value"] == s.prizes[1]
    assert judged[("k-zhang", "booklet")]["web"]["who"] == "李老师"
    assert judged[("k-wang", "prize")]["web"]["value"] == judged[("k-wang", "prize")]["sheet"]["value"] == s.prizes[1]
    assert [a["action"] for a in state.audit("k-zhang")] == ["judge-web", "judge-web"]
    prize = campaign.awards.certificates.kinds[1]
    folder = outbox / campaign.awards.certificates.folder
    assert (folder / f"{prize.file_name}.pdf").is_file() and (folder / campaign.awards.certificates.list_file).is_file()
    assert set(state.certificate_numbers(prize.key)) == {"k-zhang", "k-wang"}
