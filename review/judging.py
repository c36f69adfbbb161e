"""The 评审 page: the prize and booklet choice of every judged record, the same two fields as the
judging sheet (评审表.xlsx), and the buttons that make the certificates and the booklet.

Values are stored in the state database as judging values of the review page (``State.judge``,
with an audit line each); the sheet staff edit in Excel/WPS is read back by the next run (or the
button 读入评审表 here, or the certificate and booklet commands). Where the page and the sheet
disagree the page shows both and takes neither until staff choose one.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from review.context import desk, who

bp = Blueprint("judging", __name__)


def _settings():
    awards = desk().campaign.awards
    if awards is None:
        abort(404)
    return awards.judging


def rows() -> tuple[list[dict], str | None]:
    """The records on the page (those without an open or confirmed error), each with its values
    and conflicts; and a Chinese problem when there is nothing to show yet."""
    from flows.awards import AwardsError, current_flags, snapshot, verdicts_now
    from writers.judging import BOOKLET, PRIZE, Entry, errors_on

    d = desk()
    try:
        snap = snapshot(d.state)
        flags, _ = current_flags(d.outbox, d.state)
    except AwardsError as e:
        return [], str(e)
    found = verdicts_now(d.state, snap)
    out = []
    for raw in snap.get("entries", []):
        e = Entry.from_dict(raw)
        errors = errors_on(e, flags)
        if errors:
            continue
        v = found[e.key]
        out.append({"entry": e, "prize": v.prize, "booklet": v.booklet,
                    "conflicts": {PRIZE if k == PRIZE else BOOKLET: c for k, c in v.conflicts.items()}})
    return out, None if out else "没有可评审的作品：检查通过的作品会列在这里（有待处理错误的不列）。"


@bp.route("/judging")
def page():
    settings = _settings()
    items, problem = rows()
    counts = {"total": len(items), "prized": sum(1 for r in items if r["prize"]),
              "booklet": sum(1 for r in items if r["booklet"] == settings.selected),
              "conflicts": sum(1 for r in items if r["conflicts"])}
    return render_template("judging.html", items=items, problem=problem, s=settings, counts=counts)


def _allowed(settings, name: str) -> tuple[str, ...]:
    return settings.prizes if name == "prize" else (settings.selected, settings.not_selected)


def _record(key: str, name: str, value: str, sources: dict, note: str) -> None:
    """The page's value, and the sheet's brought in line (staff chose: no conflict remains)."""
    state = desk().state
    state.judge(key, name, "web", value, who=who(), note=note)
    if "sheet" in sources and sources["sheet"]["value"] != value:
        state.judge(key, name, "sheet", value, who=who(), audit=False)


@bp.route("/judging", methods=["POST"])
def save():
    from writers.judging import FIELDS, resolve

    settings = _settings()
    items, _ = rows()
    known = desk().state.judgments()
    changed = 0
    take = request.form.get("take", "")
    for r in items:
        key = r["entry"].key
        for name in FIELDS:
            sources = known.get((key, name), {})
            current, conflict = resolve(sources)
            if take.startswith(f"{key}|{name}|"):
                value, note = take.split("|", 2)[2], "解决冲突"
            else:
                value = request.form.get(f"{name}-{key}")
                note = "解决冲突" if conflict else name
                if value is None or (conflict and value == ""):
                    continue
            value = value.strip()
            if value and value not in _allowed(settings, name):
                flash(f"“{value}”不是可选的值。", "error")
                continue
            if value != current or conflict:
                _record(key, name, value, sources, note)
                changed += 1
    flash(f"已保存 {changed} 项评审结果。" if changed else "没有改动。", "ok")
    return redirect(url_for("judging.page"))


def _run(make, label: str):
    from flows.awards import AwardsError
    from paperdesk.lock import StateBusy

    d = desk()
    if d.runner.status()["running"]:
        flash("正在处理中，请稍后再试。", "error")
        return redirect(url_for("judging.page"))
    try:
        report = make(d.outbox, d.state_dir, d.campaign)
    except (AwardsError, StateBusy, ValueError) as e:
        flash(str(e), "error")
        return redirect(url_for("judging.page"))
    root = d.outbox.resolve()
    for note in report.notes:
        flash(note, "error")
    made = "、".join(p.resolve().relative_to(root).as_posix() for p in report.files)
    flash(f"已生成{label}（{'，'.join(f'{k} {v}' for k, v in report.counts.items())}）：{made}", "ok")
    return redirect(url_for("judging.page"))


@bp.route("/judging/certificates", methods=["POST"])
def certificates():
    from flows.awards import make_certificates

    _settings()
    return _run(lambda o, s, c: make_certificates(o, s, c, preprinted=request.form.get("preprinted") == "1"), "证书")


@bp.route("/judging/booklet", methods=["POST"])
def booklet():
    from flows.awards import make_booklet

    _settings()
    return _run(make_booklet, "汇编")


@bp.route("/judging/import", methods=["POST"])
def import_sheet():
    from flows.steps import import_judging_sheet
    from paperdesk.lock import StateBusy, state_lock

    settings = _settings()
    d = desk()
    try:
        with state_lock(d.state_dir, wait_seconds=5):
            read = import_judging_sheet(d.outbox, d.state, d.campaign)
    except StateBusy as e:
        flash(str(e), "error")
        return redirect(url_for("judging.page"))
    for p in read.problems:
        flash(p, "error")
    flash(f"已读入 {settings.file_name}（{len(read.values)} 行）。", "ok")
    return redirect(url_for("judging.page"))
