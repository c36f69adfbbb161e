"""The pages staff read: 总览 (matrix), one college, one flag, the audit log, files and downloads."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from review import data
from review.context import desk
from review.safety import inside

bp = Blueprint("views", __name__)


@bp.route("/")
def overview():
    d = desk()
    out, flags = d.published()
    rows = data.matrix(d.campaign, out.files, flags)
    totals = {
        "open": sum(1 for f in flags if f["status"] == "open"),
        "errors": sum(1 for f in flags if f["status"] in data.ACTIVE and f.get("severity") == "error"),
        "decided": sum(1 for f in flags if f["decision"]),
        "complete": sum(1 for r in rows if all(c.css == "ok" for c in r.cells)),
        "files": len(out.files),
    }
    return render_template("overview.html", rows=rows, totals=totals, out=out,
                           deliverables=d.campaign.deliverables, last_run=d.state.last_run())


@bp.route("/college/<name>")
def college(name: str):
    d = desk()
    if name != data.NO_COLLEGE and d.campaign.college(name) is None:
        abort(404)
    out, flags = d.published()
    page = data.college_page(d.campaign, name, out.files, flags)
    return render_template("college.html", page=page, out=out)


@bp.route("/flag/<flag_id>")
def flag(flag_id: str):
    d = desk()
    out, flags = d.published()
    f = data.find_flag(flags, flag_id)
    if f is None:
        abort(404)
    evidence = data.evidence_items(f, d.outbox, out.files)
    mismatch = f.get("code") in data.MISMATCH_CODES
    # a reconcile flag's two evidence entries say where each side's value was read
    sides = [e["text"] for e in evidence] if mismatch and len(evidence) == 2 and not any(e["link"] for e in evidence) else []
    return render_template(
        "flag.html", f=f, out=out, evidence=evidence, sides=sides, mismatch=mismatch,
        title=data.deliverable_title(d.campaign, f.get("deliverable")),
        source=data.source_sha(f, out.files),
        history=list(reversed(d.state.audit(flag_id))),
    )


@bp.route("/audit")
def audit():
    d = desk()
    out, flags = d.published()
    names = {f["id"]: f for f in flags}
    entries = list(reversed(d.state.audit()))[:1000]
    return render_template("audit.html", entries=entries, flags=names)


@bp.route("/files")
def files():
    """Every outbox file for download, the upload area and the run button."""
    d = desk()
    root = d.outbox.resolve()
    listing = []
    if root.is_dir():
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts) \
                    and inside(root, rel):
                listing.append({"path": rel, "size": p.stat().st_size})
    return render_template("files.html", listing=listing, status=d.runner.status())
