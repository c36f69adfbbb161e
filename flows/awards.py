"""After the run: certificates and the booklet (``paperdesk certificates`` / ``paperdesk booklet``
and the buttons of the review page's 评审 page). Plain functions, no Prefect.

They work from what the last run left: the snapshot of judged records and rated people in the
state database (``flows.steps.judging``), ``flags.json`` with the staff's decisions as they stand
now (a flag waived after the run counts as waived), the judging values (the review page's, and the
staff-edited judging sheet, read again first), and the blob store for the pictures. They hold the
state folder's lock, as a run does, so they never interleave with one. Word files become PDFs
through LibreOffice headless, the way ``extractors.legacy`` converts old formats.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from flows import steps
from paperdesk.campaign import Campaign
from paperdesk.lock import state_lock
from paperdesk.models import Flag
from paperdesk.state import State


class AwardsError(Exception):
    """Something the office must do first (Chinese message): run once, configure ``awards:`` …"""


@dataclass
class Report:
    """What a command made: files written, counts, and Chinese notes for the office."""

    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- inputs


def _flag(d: dict) -> Flag:
    return Flag(code=str(d.get("code")), severity="warning" if d.get("severity") == "warning" else "error",
                message=str(d.get("message") or ""), college=d.get("college"), deliverable=d.get("deliverable"),
                student_id=d.get("student_id"), name=d.get("name"), file=d.get("file"), field=d.get("field"),
                expected=d.get("expected"), found=d.get("found"), evidence=tuple(d.get("evidence") or ()),
                status="resolved" if d.get("status") == "resolved" else "open")


def current_flags(outbox: Path, state: State) -> tuple[list[Flag], dict]:
    """The published flags with the staff's decisions as they stand now (a withdrawn decision
    reopens, a decision on other evidence is stale), and the values staff chose for mismatches."""
    path = Path(outbox) / "flags.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:  # without the flags nobody's errors are known: never assume none
        raise AwardsError(f"找不到 {path}：请先运行 paperdesk run（--outbox 应为处理结果所在的输出目录）") from e
    except (OSError, ValueError) as e:
        raise AwardsError(f"{path} 无法读取（{e}）：请重新运行 paperdesk run") from e
    flags = [_flag(d) for d in data.get("flags", []) if isinstance(d, dict)]
    live = [f for f in flags if f.status != "resolved"]
    decided, overrides, _stale = steps.apply_decisions(live, state.decisions())
    return decided + [f for f in flags if f.status == "resolved"], overrides


def snapshot(state: State) -> dict:
    snap = state.snapshot(steps.AWARDS_SNAPSHOT)
    if snap is None:
        raise AwardsError("还没有处理结果：请先运行 paperdesk run（或在审核网页上“重新处理”）")
    return snap


def settings_of(campaign: Campaign, what: str):
    from writers.certificates import problems

    awards = campaign.awards
    if awards is None or getattr(awards, what, None) is None:
        key = "awards" if awards is None else f"awards.{what}"
        raise AwardsError(f"活动配置中没有 {key}：请在活动配置 YAML 中填写（见 templates/campaigns/2020-class-mentors.yaml）")
    wrong = problems(campaign)
    if wrong:
        raise AwardsError("活动配置文件有误：\n  " + "\n  ".join(wrong))
    return getattr(awards, what)


def today(campaign: Campaign) -> dt.date:
    return dt.datetime.now(ZoneInfo(campaign.timezone)).date()


def verdicts_now(state: State, snap: dict):
    from writers.judging import verdicts

    return verdicts([e["key"] for e in snap.get("entries", [])], state.judgments())


@dataclass
class Judged:
    """What the certificates and the booklet start from: the state (its lock held), the awards
    snapshot of the last run, the flags as they stand now and the judges' verdicts."""

    state: State
    snap: dict
    flags: list[Flag]
    overrides: dict
    verdicts: dict


@contextmanager
def judged(outbox: Path, state_dir: Path, campaign: Campaign, report: "Report"):
    """Under the state lock: the judging sheet's edits read back first (its problems noted in
    ``report``), then :class:`Judged`."""
    with state_lock(Path(state_dir), wait_seconds=30):
        state = State(state_dir)
        report.notes += list(steps.import_judging_sheet(outbox, state, campaign).problems)
        snap = snapshot(state)
        flags, overrides = current_flags(outbox, state)
        yield Judged(state, snap, flags, overrides, verdicts_now(state, snap))


# ---------------------------------------------------------------------------- PDF


def to_pdf(docx: Path, pdf: Path | None = None) -> Path:
    """``docx`` converted by LibreOffice headless (a private profile, killed on timeout), written
    atomically beside it (or to ``pdf``)."""
    from extractors.base import BadInput
    from extractors.legacy import convert
    from writers import atomic

    target = Path(pdf) if pdf else Path(docx).with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="paperdesk-pdf-") as tmp:
        try:
            out = convert(Path(docx), "pdf", ".docx", Path(tmp), limit=180)
        except BadInput as e:
            raise AwardsError(f"无法生成 PDF（{Path(docx).name}）：{e}") from e
        return atomic.write_bytes(target, out.read_bytes())


def pdf_bytes(docx: Path) -> bytes:
    """The PDF of ``docx`` as bytes (for the booklet's page count pass)."""
    with tempfile.TemporaryDirectory(prefix="paperdesk-pdf-") as tmp:
        return to_pdf(docx, Path(tmp) / "out.pdf").read_bytes()


# ---------------------------------------------------------------------------- certificates


def make_certificates(outbox: Path, state_dir: Path, campaign: Campaign, *, day: dt.date | None = None,
                      preprinted: bool = False, pdf: bool = True) -> Report:
    """Every kind's Word file (one certificate a page) and its PDF under ``outbox/<folder>/``,
    and the list. Numbers are given once per (kind, person) and kept in the state database."""
    from writers import certificates as cw

    settings = settings_of(campaign, "certificates")
    outbox = Path(outbox)
    report = Report()
    with judged(outbox, state_dir, campaign, report) as j:
        state, snap, flags, overrides, found = j.state, j.snap, j.flags, j.overrides, j.verdicts
        when = snap.get("generated_at") or steps.as_of(())
        printed = cw.date_text(day or settings.date or today(campaign), settings.date_style)
        folder = outbox / settings.folder
        folder.mkdir(parents=True, exist_ok=True)
        everything, left_out = [], []
        for kind in settings.kinds:
            holders, left = cw.eligible(campaign, kind, snap, flags, overrides, found)
            numbers = state.assign_numbers(kind.key, [h.person for h in holders],
                                           lambda n, code=kind.code: settings.numbering.format(kind=code, n=n))
            certs = [cw.Certificate(h, numbers[h.person]) for h in holders]
            everything += certs
            left_out += left
            report.counts[kind.title] = len(certs)
            stem = folder / cw.file_stem(kind, preprinted)
            if not certs:
                for suffix in (".docx", ".pdf"):  # an earlier file of nobody now would mislead
                    stem.with_suffix(suffix).unlink(missing_ok=True)
                report.notes.append(f"{kind.title}：没有符合条件的人员，未生成")
                continue
            docx = cw.write_kind(folder, kind, certs, printed, when, preprinted)
            report.files.append(docx)
            if pdf:
                report.files.append(to_pdf(docx))
        report.files.append(cw.write_list(folder, settings, everything, left_out, when))
        report.counts["未发"] = len(left_out)
        state.log("certificates", reason="、".join(f"{k} {v} 份" for k, v in report.counts.items()))
    return report


# ---------------------------------------------------------------------------- booklet


def picture_bytes(state_dir: Path, pic) -> bytes | None:
    """The bytes of one picture: the image file itself, or the part of the docx it is embedded in
    (a .doc is converted first); None when its file is no longer in the blob store."""
    blob = Path(state_dir) / "blobs" / pic.holder[:2] / pic.holder
    if not blob.is_file():
        return None
    if not pic.embedded:
        return blob.read_bytes()
    data = blob.read_bytes()
    if not data.startswith(b"PK"):
        from extractors.base import BadInput
        from extractors.legacy import convert

        with tempfile.TemporaryDirectory(prefix="paperdesk-pic-") as tmp:
            try:
                data = convert(blob, "docx", ".doc", Path(tmp)).read_bytes()
            except BadInput:
                return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                if info.filename.startswith("word/media/") and info.file_size < 64 << 20:
                    body = z.read(info)
                    if hashlib.sha256(body).hexdigest() == pic.sha256:
                        return body
    except (zipfile.BadZipFile, OSError):
        return None
    return None


def make_booklet(outbox: Path, state_dir: Path, campaign: Campaign, *, day: dt.date | None = None) -> Report:
    """The booklet of the judged records marked for it (no open or confirmed error on them):
    ``outbox/<file_name>.docx`` and ``.pdf``."""
    from writers import booklet as bw
    from writers.judging import Entry, errors_on

    settings = settings_of(campaign, "booklet")
    judging = campaign.awards.judging
    outbox = Path(outbox)
    report = Report()
    with judged(outbox, state_dir, campaign, report) as j:
        state, snap, flags, found = j.state, j.snap, j.flags, j.verdicts
        chosen = []
        for raw in snap.get("entries", []):
            e = Entry.from_dict(raw)
            v = found.get(e.key)
            if v is None or v.booklet != judging.selected:
                continue
            if errors_on(e, flags):
                report.notes.append(f"{e.college} {e.author}《{e.title}》有待处理的问题，未编入")
                continue
            chosen.append((e, v.prize))
        if not chosen:
            raise AwardsError(f"没有标为“{judging.booklet_column}：{judging.selected}”的作品：请先在评审表或审核网页的“评审”页中选定")
        items = []
        for e, prize in bw.ordered(campaign, settings, judging, chosen):
            pics = []
            for p in e.pictures:
                body = picture_bytes(state_dir, p)
                if body is None:
                    report.notes.append(f"{e.college} {e.author}《{e.title}》的图片“{p.name}”找不到原文件，未编入")
                    continue
                pics.append((body, p.caption))
            items.append(bw.Item(e, prize, pics))
        when = snap.get("generated_at") or steps.as_of(())
        printed = bw.date_text(day or settings.date or today(campaign))
        docx, pdf, pages = bw.write_booklet(outbox, campaign, settings, judging, items, printed, when,
                                            render=pdf_bytes)
        report.files += [docx, pdf]
        report.counts = {"作品": len(items), "页数": pages}
        state.log("booklet", reason=f"{len(items)} 篇，{pages} 页")
    return report
