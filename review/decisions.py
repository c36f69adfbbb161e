"""Staff decisions on flags: 确认, 忽略 (with a required reason), the right value of a mismatch,
withdrawal, and bulk decisions per college and flag code.

Every decision goes through ``State.decide`` (which writes the audit line) keyed by the flag's
stable id, with the flag's fingerprint, so the pipeline reopens a decision whose evidence changed.
Chosen values are taken from the published flag (expected / found) or typed in; the pipeline
writes them into the master spreadsheets on its next run.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for

from review import data
from review.context import desk, who

bp = Blueprint("decisions", __name__)

ACTIONS = {"confirm": "confirmed", "waive": "waived", "reopen": "open"}


def chosen_value(flag: dict, form) -> tuple[str | None, str | None]:
    """(value, error): the value staff picked for a mismatch, or (None, None) when none was picked."""
    choice = form.get("choice", "")
    if not choice or flag.get("code") not in data.MISMATCH_CODES:
        return None, None
    if choice in ("expected", "found"):
        value = flag.get(choice)
        return (str(value), None) if value not in (None, "") else (None, "该侧没有值，请手动填写。")
    if choice == "custom":
        value = form.get("custom", "").strip()
        return (value, None) if value else (None, "选择“手动填写”时请填写正确的值。")
    return None, "未知的取值选项。"


def decide_one(flag: dict, action: str, reason: str | None, value: str | None) -> None:
    desk().state.decide(flag["id"], ACTIONS[action], reason=reason or None, value=value,
                        who=who(), fingerprint=flag["fingerprint"])


@bp.route("/flag/<flag_id>/decide", methods=["POST"])
def decide(flag_id: str):
    _, flags = desk().published()
    flag = data.find_flag(flags, flag_id)
    if flag is None:
        abort(404)
    action = request.form.get("action", "")
    reason = request.form.get("reason", "").strip()
    back = url_for("views.flag", flag_id=flag_id)
    if action not in ACTIONS:
        flash("未知的操作。", "error")
        return redirect(back)
    value, error = chosen_value(flag, request.form) if action != "reopen" else (None, None)
    if action == "waive" and not reason:
        error = "忽略问题时必须填写理由。"
    if error:
        flash(error, "error")
        return redirect(back)
    decide_one(flag, action, reason, value)
    done = {"confirm": "已确认", "waive": "已忽略", "reopen": "已撤销决定"}[action]
    flash(f"{done}{'，采用的值：' + value if value else ''}。重新处理后写入汇总表和回执。", "ok")
    nxt = _next_open(flags, flag) if action != "reopen" and request.form.get("then") == "next" else None
    return redirect(url_for("views.flag", flag_id=nxt["id"]) if nxt else back)


def _next_open(flags: list[dict], current: dict) -> dict | None:
    """The next still-open flag of the same college (to work through a list quickly)."""
    same = [f for f in flags if data.college_of(f) == data.college_of(current)]
    after = same[same.index(current) + 1:] + same[: same.index(current)]
    return next((f for f in after if f["status"] == "open" and not f["decision"]), None)


@bp.route("/bulk", methods=["POST"])
def bulk():
    """Decide every still-open flag of one college (and, when given, one flag code) at once."""
    college = request.form.get("college", "")
    code = request.form.get("code", "")
    action = request.form.get("action", "")
    reason = request.form.get("reason", "").strip()
    if not college or (college != data.NO_COLLEGE and desk().campaign.college(college) is None):
        abort(404)
    back = url_for("views.college", name=college)
    if action not in ("confirm", "waive"):
        flash("未知的操作。", "error")
        return redirect(back)
    if action == "waive" and not reason:
        flash("批量忽略时必须填写理由。", "error")
        return redirect(back)
    _, flags = desk().published()
    chosen = [f for f in flags if data.college_of(f) == college and f["status"] == "open"
              and not f["decision"] and (not code or f.get("code") == code)]
    for f in chosen:
        decide_one(f, action, reason or f"批量{'确认' if action == 'confirm' else '忽略'}", None)
    flash(f"已批量{'确认' if action == 'confirm' else '忽略'} {len(chosen)} 条问题。", "ok")
    return redirect(back)
