"""Decisions: 确认, 忽略 with a required reason, the right value of a mismatch, withdrawal, bulk,
all stored in the state database with the flag's fingerprint and an audit line; CSRF enforced."""

from __future__ import annotations

from paperdesk.state import State

from review_fixtures import COLLEGE, flag_id, sample_flags


def decide(client, code, **form):
    return client.post(f"/flag/{flag_id(code)}/decide", data={"csrf_token": client.token, **form})


def flag(code):
    return next(f for f in sample_flags() if f.code == code)


def test_confirm_with_the_found_value_of_a_mismatch(client, folders):
    r = decide(client, "PAPER_ELECTRONIC_MISMATCH", action="confirm", choice="found")
    assert r.status_code == 302
    d = State(folders[2]).decisions()[flag_id("PAPER_ELECTRONIC_MISMATCH")]
    f = flag("PAPER_ELECTRONIC_MISMATCH")
    assert (d.status, d.value, d.who, d.fingerprint) == ("confirmed", f.found, "王老师", f.fingerprint)
    html = client.get(r.location).get_data(as_text=True)
    assert 'id="flag-status">已确认<' in html and 'id="chosen-value">1<' in html and "王老师" in html


def test_expected_and_typed_values(client, folders):
    decide(client, "PAPER_ELECTRONIC_MISMATCH", action="confirm", choice="expected")
    assert State(folders[2]).decisions()[flag_id("PAPER_ELECTRONIC_MISMATCH")].value == "0"
    r = decide(client, "PAPER_ELECTRONIC_MISMATCH", action="confirm", choice="custom", custom="  ")
    assert "请填写正确的值" in client.get(r.location).get_data(as_text=True)
    assert State(folders[2]).decisions()[flag_id("PAPER_ELECTRONIC_MISMATCH")].value == "0"
    decide(client, "PAPER_ELECTRONIC_MISMATCH", action="confirm", choice="custom", custom="2")
    assert State(folders[2]).decisions()[flag_id("PAPER_ELECTRONIC_MISMATCH")].value == "2"


def test_value_is_ignored_for_codes_without_values(client, folders):
    decide(client, "CASE_QUOTA", action="confirm", choice="found")
    assert State(folders[2]).decisions()[flag_id("CASE_QUOTA")].value is None


def test_waive_needs_a_reason(client, folders):
    r = decide(client, "CASE_QUOTA", action="waive", reason="   ")
    assert "必须填写理由" in client.get(r.location).get_data(as_text=True)
    assert State(folders[2]).decisions() == {}
    decide(client, "CASE_QUOTA", action="waive", reason="学院已电话说明")
    d = State(folders[2]).decisions()[flag_id("CASE_QUOTA")]
    assert (d.status, d.reason) == ("waived", "学院已电话说明")


def test_reopen_withdraws_and_history_keeps_everything(client, folders):
    decide(client, "CASE_QUOTA", action="waive", reason="理由一")
    decide(client, "CASE_QUOTA", action="reopen")
    assert State(folders[2]).decisions() == {}
    html = client.get(f"/flag/{flag_id('CASE_QUOTA')}").get_data(as_text=True)
    assert 'id="flag-status">待处理<' in html
    history = html.split('id="history"')[1]
    assert "撤销决定" in history and "理由一" in history and history.count("王老师") == 2


def test_unknown_action_and_flag(client, folders):
    decide(client, "CASE_QUOTA", action="delete")
    assert State(folders[2]).decisions() == {}
    r = client.post("/flag/ffffffffffffffff/decide", data={"csrf_token": client.token, "action": "confirm"})
    assert r.status_code == 404


def test_then_next_goes_to_the_next_open_flag_of_the_college(client):
    r = decide(client, "PAPER_ELECTRONIC_MISMATCH", action="confirm", then="next")
    assert r.location.endswith(f"/flag/{flag_id('PHOTO_TOO_SMALL')}")


def test_csrf_missing_or_wrong_token_is_rejected(client, folders):
    fid = flag_id("CASE_QUOTA")
    r = client.post(f"/flag/{fid}/decide", data={"action": "confirm"})
    assert r.status_code == 400 and "CSRF" in r.get_data(as_text=True)
    r = client.post(f"/flag/{fid}/decide", data={"action": "confirm", "csrf_token": "forged"})
    assert r.status_code == 400
    r = client.post("/bulk", data={"college": COLLEGE, "action": "confirm"})
    assert r.status_code == 400
    assert State(folders[2]).decisions() == {}


def test_bulk_per_college_and_code(client, folders):
    r = client.post("/bulk", data={"csrf_token": client.token, "college": COLLEGE, "code": "PHOTO_TOO_SMALL",
                                   "action": "waive", "reason": ""})
    assert State(folders[2]).decisions() == {}
    client.post("/bulk", data={"csrf_token": client.token, "college": COLLEGE, "code": "PHOTO_TOO_SMALL",
                               "action": "waive", "reason": "照片已补交"})
    assert set(State(folders[2]).decisions()) == {flag_id("PHOTO_TOO_SMALL")}
    r = client.post("/bulk", data={"csrf_token": client.token, "college": COLLEGE, "code": "", "action": "confirm"})
    decided = State(folders[2]).decisions()
    assert set(decided) == {flag_id(c) for c in ("PHOTO_TOO_SMALL", "PAPER_ELECTRONIC_MISMATCH", "LATE_SUBMISSION")}
    assert decided[flag_id("PHOTO_TOO_SMALL")].status == "waived"  # bulk leaves decided flags alone
    assert "已批量确认 2 条" in client.get(r.location).get_data(as_text=True)
    audit = State(folders[2]).audit()
    assert len(audit) == 3 and all(a["who"] == "王老师" for a in audit)


def test_bulk_refuses_unknown_college(client):
    r = client.post("/bulk", data={"csrf_token": client.token, "college": "不存在学院", "action": "confirm"})
    assert r.status_code == 404
