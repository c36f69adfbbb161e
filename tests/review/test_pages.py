"""The pages staff read: overview matrix, college page, flag page, audit log, files."""

from __future__ import annotations

import re

import pytest

from paperdesk.models import Flag
from paperdesk.state import State

from review_fixtures import COLLEGE, OTHER, flag_id, sample_flags


def row_of(html: str, college: str) -> str:
    m = re.search(r"<tr>\s*<th class=\"college\"><a [^>]*>" + re.escape(college) + r"</a></th>(.*?)</tr>", html, re.S)
    assert m, f"no matrix row for {college}"
    return m.group(1)


def cells(html: str, college: str) -> list[str]:
    return re.findall(r'<td class="cell (\w+)">', row_of(html, college))


def test_overview_matrix_statuses(client):
    html = client.get("/").get_data(as_text=True)
    # deliverable order of the campaign: cases, assessment-forms, assessment-summary, awards, selection, work-summary
    assert cells(html, COLLEGE) == ["issue", "issue", "missing", "missing", "missing", "late"]
    assert cells(html, OTHER) == ["issue", "missing", "missing", "missing", "missing", "missing"]
    assert cells(html, "音乐学院") == ["missing"] * 6
    assert "未归属学院" in html  # the unattributed file and flag get their own row
    for word in ("已提交", "缺交", "逾期", "有问题", "优秀带班党员案例"):
        assert word in html


def test_overview_counts_and_ok_cell(client, folders):
    import json

    outbox = folders[1]
    intake = json.loads((outbox / "intake.json").read_text("utf-8"))
    intake["files"].append({"file": "x.xlsx", "sha256": "0" * 64, "size": 1, "state": "used", "reason": None,
                            "college": OTHER, "deliverable": "awards", "received_at": None})
    (outbox / "intake.json").write_text(json.dumps(intake, ensure_ascii=False), "utf-8")
    html = client.get("/").get_data(as_text=True)
    assert cells(html, OTHER)[3] == "ok"
    assert "2 个文件 · 2 个问题" in row_of(html, COLLEGE) or "1 个文件 · 1 个问题" in row_of(html, COLLEGE)


def test_overview_before_first_run(client, folders):
    for name in ("flags.json", "intake.json"):
        (folders[1] / name).unlink()
    html = client.get("/").get_data(as_text=True)
    assert "尚未生成处理结果" in html and cells(html, COLLEGE) == ["missing"] * 6


def test_broken_flags_json_is_reported_not_raised(client, folders):
    (folders[1] / "flags.json").write_text("{not json", "utf-8")
    r = client.get("/")
    assert r.status_code == 200 and "flags.json 无法读取" in r.get_data(as_text=True)


def test_college_page_files_and_grouped_flags(client):
    html = client.get(f"/college/{COLLEGE}").get_data(as_text=True)
    assert "数学.zip!考核审批表-张三.docx" in html and "已使用" in html and "已忽略" in html
    groups = re.findall(r'<h3 id="d-([\w-]+)">', html)
    assert groups == ["cases", "assessment-forms", "work-summary"]
    assert "张三的“不及格科目数”纸质版为“1”" in html
    assert "杂项.docx" not in html  # another college's (unattributed) file


def test_unattributed_page_and_unknown_college(client):
    html = client.get("/college/未归属学院").get_data(as_text=True)
    assert "杂项.docx" in html and "UNKNOWN_COLLEGE" in html
    assert client.get("/college/不存在学院").status_code == 404


def test_flag_page_shows_both_values_evidence_source_and_history(client):
    fid = flag_id("PAPER_ELECTRONIC_MISMATCH")
    html = client.get(f"/flag/{fid}").get_data(as_text=True)
    assert re.search(r'id="expected-value">0<', html) and re.search(r'id="found-value">1<', html)
    assert '<img src="/outbox/crops/mismatch-1.png"' in html
    assert re.search(r'href="/source/[0-9a-f]{64}"[^>]*id="source-link"', html)
    assert "哪个值正确" in html and "尚无处理记录" in html
    assert client.get("/flag/0000000000000000").status_code == 404


def test_flag_page_without_mismatch_has_no_value_choice(client):
    html = client.get(f"/flag/{flag_id('CASE_QUOTA')}").get_data(as_text=True)
    assert "哪个值正确" not in html and 'id="btn-waive"' in html


def test_decision_overlay_and_stale_decision(client, folders):
    state = State(folders[2])
    waived = next(f for f in sample_flags() if f.code == "CASE_QUOTA")
    state.decide(waived.id, "waived", reason="学院已说明", who="李老师", fingerprint=waived.fingerprint)
    stale = next(f for f in sample_flags() if f.code == "PHOTO_TOO_SMALL")
    state.decide(stale.id, "confirmed", who="李老师", fingerprint="0" * 16)
    html = client.get(f"/flag/{waived.id}").get_data(as_text=True)
    assert 'id="flag-status">已忽略<' in html and "学院已说明" in html
    html = client.get(f"/flag/{stale.id}").get_data(as_text=True)
    assert 'id="flag-status">待处理<' in html and "原决定已失效" in html
    html = client.get("/").get_data(as_text=True)
    assert cells(html, OTHER)[0] == "ok"  # its only flag is waived: the cell turns green


def test_audit_page_lists_decisions(client, folders):
    f = sample_flags()[0]
    State(folders[2]).decide(f.id, "confirmed", value="1", who="李老师", fingerprint=f.fingerprint)
    html = client.get("/audit").get_data(as_text=True)
    assert "李老师" in html and "确认" in html and f"/flag/{f.id}" in html


def test_files_page_lists_outbox(client):
    html = client.get("/files").get_data(as_text=True)
    assert 'href="/outbox/flags.json"' in html and "回执/数学与统计学院.docx" in html
    assert "把文件拖到这里" in html and 'href="/outbox.zip"' in html


def test_security_headers(client):
    r = client.get("/")
    assert r.headers["X-Frame-Options"] == "DENY" and "default-src 'self'" in r.headers["Content-Security-Policy"]


def test_every_flag_of_fixture_has_a_page(client):
    for f in sample_flags():
        assert client.get(f"/flag/{f.id}").status_code == 200, f.code
    assert isinstance(sample_flags()[0], Flag)


@pytest.mark.parametrize("name", ["2020-class-mentors.yaml", "2021-outstanding-students.yaml"])
def test_every_flag_code_a_shipped_campaign_runs_has_a_chinese_name(name):
    from paperdesk.campaign import TEMPLATES_DIR, load_campaign
    from review.data import code_names

    names = code_names(load_campaign(TEMPLATES_DIR / "campaigns" / name))
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names.values()), names


def test_flag_codes_are_shown_with_chinese_names(client):
    html = client.get(f"/college/{COLLEGE}").get_data(as_text=True)
    assert "纸质版与电子版不一致" in html and "生活照过小" in html


def test_resolved_flag_stays_resolved_whatever_was_decided(client, folders):
    import json

    path = folders[1] / "flags.json"
    data = json.loads(path.read_text("utf-8"))
    gone = next(f for f in data["flags"] if f["code"] == "CASE_QUOTA")
    gone["status"] = "resolved"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    f = next(x for x in sample_flags() if x.code == "CASE_QUOTA")
    State(folders[2]).decide(f.id, "confirmed", who="李老师", fingerprint=f.fingerprint)
    html = client.get(f"/flag/{f.id}").get_data(as_text=True)
    assert 'id="flag-status">已解决<' in html
    assert cells(client.get("/").get_data(as_text=True), OTHER)[0] == "ok"
