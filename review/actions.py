"""Actions with side effects: re-run processing in the background (progress polled as JSON),
upload into the inbox, download outbox files (one, or all as a zip), open a source file, and
regenerate one college's 回执.

Safety: downloads are resolved inside the outbox (``review.safety.inside``), source files are
served only from the state folder's content-addressed blobs and only for hashes intake listed,
uploads are plain file names written into ``inbox/上传/<date>/`` without overwriting.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, jsonify, redirect, request, send_file, url_for

from review import data
from review.context import desk, who
from review.safety import inside, upload_name, write_new

bp = Blueprint("actions", __name__)

UPLOAD_FOLDER = "上传"
INLINE = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".txt", ".json"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json" or request.headers.get("X-Requested-With") == "fetch"


# ------------------------------------------------------------------ re-run


@bp.route("/run", methods=["POST"])
def run():
    d = desk()
    started = d.runner.start("重新处理")
    if started:
        d.state.log("run", who=who())
    if wants_json():
        return jsonify(started=started, status=d.runner.status()), (202 if started else 409)
    flash("已开始重新处理。" if started else "已有处理在进行中，请稍候。", "ok" if started else "error")
    return redirect(request.form.get("next") or url_for("views.files"))


@bp.route("/run/status.json")
def run_status():
    return jsonify(desk().runner.status())


# ------------------------------------------------------------------ upload


def upload_dir() -> Path:
    d = desk()
    today = dt.datetime.now(ZoneInfo(d.campaign.timezone)).strftime("%Y-%m-%d")
    return d.inbox / UPLOAD_FOLDER / today


def keep_mtime(path: Path, millis: str | None) -> None:
    """Give the saved file the modification time the browser reported for the original (as a
    copy in the file manager would keep it): intake reads a loose file's receipt time from it."""
    try:
        seconds = int(millis or "") / 1000
    except ValueError:
        return
    if 631152000 <= seconds <= dt.datetime.now().timestamp() + 86400:  # 1990 .. tomorrow
        os.utime(path, (seconds, seconds))


@bp.route("/upload", methods=["POST"])
def upload():
    """Save every uploaded file under ``inbox/上传/<date>/``; refused names are reported, not saved.
    An optional ``mtime`` field per file (milliseconds, the browser's ``File.lastModified``) is
    kept as the saved file's modification time."""
    folder = upload_dir()
    saved, refused = [], []
    mtimes = request.form.getlist("mtime")
    for i, item in enumerate(request.files.getlist("files")):
        name = upload_name(item.filename)
        if name is None:
            refused.append({"name": item.filename or "", "reason": "文件名不合法（不能含有路径或特殊字符）"})
            continue
        target = write_new(folder, name, item.stream)
        keep_mtime(target, mtimes[i] if i < len(mtimes) else None)
        saved.append(target.relative_to(desk().inbox).as_posix())
    if saved:
        desk().state.log("upload", who=who(), reason="、".join(saved)[:2000])
    status = 200 if saved or not refused else 400
    if wants_json():
        return jsonify(saved=saved, refused=refused), status
    for s in saved:
        flash(f"已保存到收件箱：{s}", "ok")
    for r in refused:
        flash(f"未保存“{r['name']}”：{r['reason']}", "error")
    if not saved and not refused:
        flash("没有选择文件。", "error")
    return redirect(url_for("views.files"))


# ------------------------------------------------------------------ downloads


def _send(path: Path, name: str):
    inline = path.suffix.lower() in INLINE
    return send_file(path, as_attachment=not inline, download_name=name, max_age=0)


@bp.route("/outbox/<path:rel>")
def download(rel: str):
    target = inside(desk().outbox, rel)
    if target is None or not target.is_file() or any(p.startswith(".") for p in Path(rel).parts):
        abort(404)
    return _send(target, target.name)


@bp.route("/outbox.zip")
def download_all():
    """All outbox files (hidden ones left out) as one zip, built in a temporary file."""
    root = desk().outbox.resolve()
    tmp = tempfile.TemporaryFile()
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                rel = p.relative_to(root)
                if p.is_file() and not any(s.startswith(".") for s in rel.parts) and inside(root, rel.as_posix()):
                    z.write(p, rel.as_posix())
    tmp.seek(0)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    return send_file(tmp, mimetype="application/zip", as_attachment=True, download_name=f"输出文件-{stamp}.zip")


@bp.route("/source/<sha>")
def source(sha: str):
    """A file as it arrived (its content-addressed copy in the state folder)."""
    d = desk()
    if not SHA256.match(sha):
        abort(404)
    out = data.load_outbox(d.outbox)
    record = next((f for f in out.files if f.get("sha256") == sha), None)
    blob = inside(d.state_dir, f"blobs/{sha[:2]}/{sha}")
    if record is None or blob is None or not blob.is_file():
        abort(404)
    display = str(record.get("file") or sha)
    name = re.split(r"[!/\\]", display)[-1] or sha
    return _send(blob, name)


# ------------------------------------------------------------------ one college's 回执


@bp.route("/college/<name>/receipt", methods=["POST"])
def receipt(name: str):
    """Rewrite the college's 回执 from the published results and the decisions made since."""
    from paperdesk.lock import StateBusy
    from review.receipt import regenerate_receipt

    d = desk()
    if d.campaign.college(name) is None:
        abort(404)
    out, flags = d.published()
    back = url_for("views.college", name=name)
    if d.runner.status()["running"] or not out.generated_at:
        message = "正在处理中，请稍后再试。" if out.generated_at else "尚未生成处理结果，请先“重新处理”。"
        return _reply(409, message, back)
    try:
        path = regenerate_receipt(d.outbox, d.state_dir, d.campaign, name, out.files, flags, out.generated_at)
    except StateBusy as e:
        return _reply(409, str(e), back)
    d.state.log("receipt", who=who(), reason=name)
    return _reply(200, f"已重新生成“{name}”的回执。", back, file=f"{path.parent.name}/{path.name}")


def _reply(status: int, message: str, back: str, **extra):
    if wants_json():
        return jsonify(ok=status == 200, message=message, **extra), status
    flash(message, "ok" if status == 200 else "error")
    return redirect(back)
