import multiprocessing as mp
import time

import pytest

from paperdesk.lock import StateBusy, state_lock
from paperdesk.models import Flag, IntakeItem
from flows.steps import apply_decisions, as_of
from paperdesk.state import State


def _flag(**kw):
    base = dict(code="FIELD_MISMATCH", severity="error", message="不一致", college="音乐学院",
                deliverable="assessment-summary", student_id="201824131105", name="张三",
                field="所带班级", expected="19音乐1班", found="19音乐2班")
    base.update(kw)
    return Flag(**base)


def test_flag_ids_are_stable_and_ignore_the_values():
    assert _flag().id == _flag(found="别的").id
    assert _flag().id != _flag(field="学号").id
    assert _flag().fingerprint != _flag(found="别的").fingerprint


def test_decisions_apply_and_stale_ones_reopen(tmp_path):
    state = State(tmp_path)
    f = _flag()
    state.decide(f.id, "confirmed", value="19音乐2班", who="李老师", fingerprint=f.fingerprint)
    flags, overrides, stale = apply_decisions([f], state.decisions())
    assert flags[0].status == "confirmed"
    assert overrides == {("音乐学院", "assessment-summary", "201824131105", "所带班级"): "19音乐2班"}
    changed = _flag(found="19音乐3班")  # the college resubmitted: new evidence
    flags, overrides, stale = apply_decisions([changed], state.decisions())
    assert flags[0].status == "open" and stale == {changed.id} and overrides == {}


def test_waiving_needs_a_reason_and_is_audited(tmp_path):
    state = State(tmp_path)
    with pytest.raises(ValueError):
        state.decide("x", "waived", reason="  ")
    state.decide("x", "waived", reason="学院已电话说明", who="李老师")
    log = state.audit("x")
    assert log[-1]["who"] == "李老师" and log[-1]["reason"] == "学院已电话说明"


def test_received_at_is_fixed_at_first_sight(tmp_path):
    state = State(tmp_path)
    assert state.fix_received_at([("a.zip", "s1", "2020-06-01T00:00:00+08:00")]) == {("a.zip", "s1"): "2020-06-01T00:00:00+08:00"}
    assert state.fix_received_at([("a.zip", "s1", "2026-01-01T00:00:00+08:00")]) == {("a.zip", "s1"): "2020-06-01T00:00:00+08:00"}


def test_as_of_is_the_newest_submission_time():
    items = [IntakeItem("a", "1", 1, "docx", "/x", "2020-06-01T10:00:00+08:00"),
             IntakeItem("b", "2", 1, "docx", "/y", "2020-06-21T10:00:00+08:00")]
    assert as_of(items) == "2020-06-21T10:00:00+08:00"


def _hold(path, ready):
    with state_lock(path):
        ready.set()
        time.sleep(3)


def test_a_second_run_on_the_same_state_waits_for_the_lock(tmp_path):
    ready = mp.Event()
    p = mp.Process(target=_hold, args=(tmp_path, ready))
    p.start()
    ready.wait(10)
    with pytest.raises(StateBusy):
        with state_lock(tmp_path, wait_seconds=0.5):
            pass
    p.join()
    with state_lock(tmp_path, wait_seconds=0.5):  # released when the holder exits
        pass


def test_a_flag_that_is_no_longer_raised_is_kept_as_resolved(tmp_path):
    from flows.steps import with_resolved
    state = State(tmp_path)
    a, b = _flag(), _flag(code="FORM_MISSING", field=None)
    assert [f.status for f in with_resolved([a, b], state, "2020-06-20T00:00:00+08:00")] == ["open", "open"]
    after = with_resolved([a], state, "2020-06-25T00:00:00+08:00")  # the college fixed b
    assert [(f.code, f.status) for f in after] == [("FIELD_MISMATCH", "open"), ("FORM_MISSING", "resolved")]
    assert after[1].id == b.id and after[1].message == b.message
    again = with_resolved([a, b], state, "2020-06-26T00:00:00+08:00")  # raised again: open again
    assert [f.status for f in again] == ["open", "open"]
