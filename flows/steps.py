"""The steps of one processing run, as plain functions; ``flows/`` wraps each in a Prefect task.

    intake -> extract -> identify -> check -> decide -> publish

Each step takes and returns records from ``paperdesk.models``. The steps that touch the state
database (received-at times, the extraction cache, review decisions) take a :class:`State`;
everything else is pure and lives in ``intake/``, ``extractors/``, ``checks/``, ``writers/``.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

from paperdesk import interrupt
from paperdesk.campaign import Campaign
from paperdesk.models import ExtractionError, Flag, IntakeItem, Submission
from paperdesk.progress import Progress, quiet
from paperdesk.state import Decision, State

#: kinds that intake unpacks itself; they carry no deliverable of their own
CONTAINER_KINDS = frozenset({"zip", "eml", "7z", "rar", "tar", "gz", "bz2", "xz", "msg"})

#: flag codes whose decision may carry a chosen value for the master spreadsheets
VALUE_CODES = frozenset({"FIELD_MISMATCH", "PAPER_ELECTRONIC_MISMATCH", "OCR_LOW_CONFIDENCE"})


# ---------------------------------------------------------------------------- intake


def intake(inbox: Path, state: State, campaign: Campaign, run_id: int | None = None) -> list[IntakeItem]:
    """Walk the inbox (unpacking archives and emails into the state's blob store) and fix each
    file's received-at time the first time it is seen, so re-runs agree."""
    from intake.walk import scan_inbox

    items = scan_inbox(Path(inbox), state.dir, campaign)
    fixed = state.fix_received_at([(i.display, i.sha256, i.received_at) for i in items], run_id)
    return [dataclasses.replace(i, received_at=fixed[(i.display, i.sha256)]) for i in items]


# ---------------------------------------------------------------------------- extract


def needs_reading(item: IntakeItem) -> bool:
    return item.state is None and item.kind not in CONTAINER_KINDS


def extract(
    items: list[IntakeItem], state: State, campaign: Campaign, progress: Progress = quiet,
    reader: Reader | None = None,
) -> tuple[dict[str, list], dict[str, int]]:
    """Extract every file still to be read, once per content hash: a hash already in the state
    database under the same :func:`extractors.registry.cache_key` (extractor version and the
    part of the campaign the extractors read) is taken from there. Returns ({sha256: records},
    {"cached": n, "extracted": m}). The files are read by ``reader`` (same signature and
    guarantees as :func:`read_files`, the default: every file gives records, in the order they
    finish); ``flows.remote`` passes one that reads them on Prefect task workers."""
    from extractors.registry import cache_key

    version = cache_key(campaign)
    todo: dict[str, IntakeItem] = {}
    for item in items:
        if needs_reading(item):
            todo.setdefault(item.sha256, item)
    results: dict[str, list] = {}
    fresh: list[IntakeItem] = []
    for sha, item in todo.items():
        cached = state.cached_extract(sha, version)
        if cached is None:
            fresh.append(item)
        else:
            results[sha] = cached
    total = len(todo)
    done = len(results)
    progress(done, total, "读取文件")
    for sha, records in (reader or read_files)(fresh, campaign, state.log_path):
        if not any(isinstance(r, ExtractionError) and r.budget for r in records):
            state.store_extract(sha, version, records)
        results[sha] = records
        done += 1
        progress(done, total, "读取文件")
    return results, {"cached": total - len(fresh), "extracted": len(fresh)}


def read_files(items: list[IntakeItem], campaign: Campaign, log_path: Path) -> Iterator[tuple[str, list]]:
    """``(sha256, records)`` of every item as it is read, each in a worker process under the
    campaign's budget (see :mod:`extractors.pool`); in this process when ``PAPERDESK_WORKERS=0``.
    An extractor bug never loses the file: it becomes unreadable with the error as its reason."""
    from extractors.pool import Budget, Pool, bug_reason, workers_wanted
    from extractors.registry import extract as extract_file

    jobs = [(item.sha256, (Path(item.blob), item.kind, item.display, campaign), item.display) for item in items]
    n = min(workers_wanted(), len(jobs))
    if n == 0:
        for sha, args, display in jobs:
            try:
                yield sha, extract_file(*args)
            except Exception as e:  # noqa: BLE001
                yield sha, [ExtractionError(display, bug_reason(f"{type(e).__name__}: {e}"))]
        return
    limits = campaign.limits
    budget = Budget(limits.file_seconds, limits.page_seconds, limits.file_memory_mb).with_env()
    with Pool(n, budget, str(log_path)) as pool:
        CURRENT.append(pool)
        try:
            yield from pool.imap(extract_file, jobs)
        finally:
            CURRENT.remove(pool)


#: a reader of files: ``(items, campaign, log path) -> (sha256, records)`` as each file is read
Reader = Callable[[list[IntakeItem], Campaign, Path], Iterator[tuple[str, list]]]


def read_one(path: Path, kind: str, display: str, campaign: Campaign, log_path: Path) -> list:
    """The records of one file, read under the campaign's budget in a worker process that is kept
    for the next file (a remote reading worker reads file after file: the worker's imports are
    loaded once). Same guarantees as :func:`read_files`: never raises for a file, an extractor
    bug or a file over budget is an ``ExtractionError``. Thread-safe (one kept pool per
    concurrent caller)."""
    from extractors.pool import Budget, bug_reason, workers_wanted
    from extractors.registry import extract as extract_file

    args = (Path(path), kind, display, campaign)
    if workers_wanted() == 0:
        try:
            return extract_file(*args)
        except Exception as e:  # noqa: BLE001
            return [ExtractionError(display, bug_reason(f"{type(e).__name__}: {e}"))]
    limits = campaign.limits
    budget = Budget(limits.file_seconds, limits.page_seconds, limits.file_memory_mb).with_env()
    records = [ExtractionError(display, bug_reason("读取进程未返回结果"))]
    for _key, records in _kept(log_path, budget, extract_file, (display, args, display)):
        pass
    return records


def warm_up(log_path: Path) -> None:
    """Start a kept worker process for :func:`read_one` now (its imports loaded), so that the
    first file a reading worker gets does not wait for it."""
    from extractors.pool import Budget, workers_wanted

    if workers_wanted() > 0:
        with _WARMING:
            for _ in _kept(log_path, Budget().with_env(), _imports, ("warm-up", (), "warm-up"), warming=True):
                pass


def _imports() -> list:
    import extractors.registry  # noqa: F401 - the extractors and their libraries

    return []


def _kept(log_path: Path, budget, fn, job, warming: bool = False) -> Iterator[tuple[str, list]]:
    """Run one job in an idle kept pool (a new one if none is idle), then keep the pool again.
    A kept pool takes the budget of the job at hand (a pool reads its budget per file). A job
    arriving during the warm-up waits for it and takes the warmed pool."""
    from extractors.pool import Pool

    if not warming:
        with _WARMING:
            pass
    with _KEPT_LOCK:
        idle = _KEPT.setdefault(str(log_path), [])
        pool = idle.pop() if idle else Pool(1, budget, str(log_path))
    pool.budget = budget
    CURRENT.append(pool)
    try:
        yield from pool.imap(fn, [job])
    except BaseException:
        pool.cancel()
        pool.close()
        raise
    finally:
        CURRENT.remove(pool)
    with _KEPT_LOCK:
        _KEPT.setdefault(str(log_path), []).append(pool)


def close_kept() -> None:
    """Stop the worker processes :func:`read_one` kept (a reading worker shutting down)."""
    with _KEPT_LOCK:
        pools = [p for idle in _KEPT.values() for p in idle]
        _KEPT.clear()
    for pool in pools:
        pool.close()


_KEPT: dict[str, list] = {}  # log path -> idle pools of read_one
_KEPT_LOCK = threading.Lock()
_WARMING = threading.Lock()  # held while warm_up starts a kept pool

#: what is reading files right now: pools, remote readers (the signal handlers of the CLI cancel them)
CURRENT: list = []


def cancel_reading() -> None:
    """Kill every worker reading a file now (Ctrl+C, SIGTERM); the run then stops. A remote
    reader stops waiting and withdraws the files not yet read."""
    for pool in list(CURRENT):
        pool.cancel()


interrupt.on_interrupt(cancel_reading)


# ---------------------------------------------------------------------------- identify


def identify(items: list[IntakeItem], extracted: dict[str, list], campaign: Campaign) -> Submission:
    """Settle every item's state (unreadable when its extraction failed, used otherwise),
    identify each used file's college, deliverable and person (one Identified per record: a
    workbook holding an A2 and an A3 sheet gives two), and mark files a later resubmission
    replaced as superseded (they are kept in intake, out of the checks)."""
    from intake.identify import identify_all
    from intake.supersede import supersede

    settled: list[IntakeItem] = []
    readable: list[tuple[IntakeItem, list]] = []
    for item in items:
        if needs_reading(item):
            records = extracted.get(item.sha256, [])
            errors = [r for r in records if isinstance(r, ExtractionError)]
            if errors:
                item = dataclasses.replace(item, state="unreadable", reason=errors[0].reason,
                                           over_budget=any(e.budget for e in errors))
            else:
                item = dataclasses.replace(item, state="used")
                readable.append((item, records))
        settled.append(item)
    kept, replaced = supersede(identify_all(readable, campaign))
    settled = [dataclasses.replace(i, state="superseded", reason=replaced[i.display]) if i.display in replaced else i
               for i in settled]
    return Submission(items=tuple(settled), files=tuple(kept))


# ---------------------------------------------------------------------------- check + decide


def check(submission: Submission, campaign: Campaign) -> list[Flag]:
    from checks import run_checks

    return run_checks(campaign, submission)


def apply_decisions(flags: list[Flag], decisions: dict[str, Decision]) -> tuple[list[Flag], dict, set[str]]:
    """Give each flag the status staff decided on. A decision made on other evidence (the
    fingerprint changed) is stale: the flag reopens. Returns (flags, overrides, stale ids), where
    overrides maps (college, deliverable, student_id, field) -> the value staff chose."""
    out: list[Flag] = []
    overrides: dict[tuple, str] = {}
    stale: set[str] = set()
    for flag in flags:
        d = decisions.get(flag.id)
        if d is None:
            out.append(flag)
            continue
        if d.fingerprint and d.fingerprint != flag.fingerprint:
            stale.add(flag.id)
            out.append(flag)
            continue
        out.append(dataclasses.replace(flag, status=d.status))
        if d.value is not None and flag.code in VALUE_CODES and flag.field:
            overrides[(flag.college, flag.deliverable, flag.student_id, flag.field)] = d.value
    return out, overrides, stale


def with_resolved(flags: list[Flag], state: State, as_of_time: str) -> list[Flag]:
    """The flags of this run plus, with status ``resolved``, every flag an earlier run raised
    that this run no longer raises (fixed, or its file superseded): the history stays visible."""
    gone = state.remember_flags([f.to_dict() for f in flags], as_of_time)
    names = {f.name for f in dataclasses.fields(Flag)}
    resolved = [
        Flag(**{**{k: v for k, v in d.items() if k in names}, "evidence": tuple(d.get("evidence") or ()),
                "status": "resolved"})
        for d in gone
    ]
    return flags + resolved


def as_of(items: list[IntakeItem] | tuple[IntakeItem, ...]) -> str:
    """The time the outputs describe: the newest submission time seen. Outputs carry this rather
    than the clock, so that a re-run on the same inbox writes byte-identical files."""
    times = [i.received_at for i in items if i.received_at]
    return max(times) if times else "1980-01-01T00:00:00+08:00"


def summarize(submission: Submission, flags: list[Flag], outputs: list[Path], counts: dict,
              campaign: Campaign | None = None) -> dict:
    states = Counter((i.state or "used") for i in submission.items)
    codes = Counter(f.code for f in flags if f.status in ("open", "confirmed"))
    colleges = sorted({f.college for f in submission.files if f.college})
    return {
        "colleges": colleges,
        "silent_colleges": [c.name for c in campaign.colleges if c.name not in colleges] if campaign else [],
        "files": len(submission.items),
        "file_states": dict(sorted(states.items())),
        "flags": len(flags),
        "flags_by_code": dict(sorted(codes.items())),
        "errors": sum(1 for f in flags if f.severity == "error" and f.status in ("open", "confirmed")),
        "outputs": [str(p) for p in outputs],
        **counts,
    }


# ---------------------------------------------------------------------------- judging (评审)

#: the snapshot the run keeps for the commands after it (certificates, booklet, the 评审 page)
AWARDS_SNAPSHOT = "awards"
#: who the judging values read from the staff-edited sheet are recorded as
SHEET_WHO = "评审表"


def import_judging_sheet(outbox: Path, state: State, campaign: Campaign):
    """Read the judging sheet staff edited in place (``outbox/<awards.judging.file_name>``) into
    the state database. A cell that differs from what paperdesk last wrote there is a staff edit:
    it becomes the value when nobody changed that field on the review page since the sheet was
    written, else it is recorded as the sheet's side of a conflict (both values shown, neither
    taken). Returns the :class:`writers.judging.SheetRead` (its problems say what was not read)."""
    from writers import judging as jw

    settings = campaign.awards.judging if campaign.awards else None
    if settings is None:
        return jw.SheetRead({})
    read = jw.read_sheet(Path(outbox) / settings.file_name, settings)
    if not read.readable:
        return read
    known = state.judgments()
    for key, cells in sorted(read.values.items()):
        for name, cell in cells.items():
            sources = known.get((key, name), {})
            written = sources.get("written", {}).get("value", "")
            if cell == written or sources.get("sheet", {}).get("value") == cell:
                continue  # not edited, or an edit read before
            current, conflict = jw.resolve(sources)
            if conflict is None and current == written:
                state.judge(key, name, "sheet", cell, who=SHEET_WHO, note=f"{settings.file_name}：{name}")
                if "web" in sources:  # the page's earlier value gives way to the newer edit
                    state.judge(key, name, "web", cell, who=SHEET_WHO, audit=False)
            else:
                state.judge(key, name, "sheet", cell, who=SHEET_WHO,
                            note=f"{settings.file_name}：{name}（与审核网页上的评审不一致）")
    return read


def judging(outbox: Path, state: State, campaign: Campaign, submission: Submission, flags: list[Flag],
            generated_at: str) -> dict:
    """The run's judging step: read the staff's edits of the last sheet, write the new sheet (every
    judged record with no open or confirmed error), and keep the snapshot of records and rated
    people that ``paperdesk certificates`` / ``booklet`` and the review page work from.
    Returns {"path", "entries", "conflicts", "problems"} ({} without ``awards:``)."""
    from writers import judging as jw
    from writers.certificates import problems, rated_people

    awards = campaign.awards
    if awards is None:
        return {}
    wrong = problems(campaign)
    if wrong:  # told in the summary; the rest of the run's outputs stand
        return {"path": None, "entries": 0, "conflicts": 0, "problems": [f"活动配置文件有误：{w}" for w in wrong]}
    read = import_judging_sheet(outbox, state, campaign)
    everything = jw.entries(campaign, awards.judging, submission)
    shown = [e for e in everything if not jw.errors_on(e, flags)]
    found = jw.verdicts([e.key for e in shown], state.judgments())
    path = None
    if read.readable:
        path, written = jw.write_sheet(outbox, campaign, awards.judging, shown, found, generated_at)
        state.set_written(written)
    people = {k.key: rated_people(campaign, k, submission)
              for k in (awards.certificates.kinds if awards.certificates else ()) if k.source == "ratings"}
    state.save_snapshot(AWARDS_SNAPSHOT, {"generated_at": generated_at, "entries": [e.to_dict() for e in everything],
                                          "people": people})
    return {"path": str(path) if path else None, "entries": len(shown),
            "conflicts": sum(1 for v in found.values() if v.conflicts), "problems": list(read.problems)}
