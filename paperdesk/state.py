"""The state database: an embedded SQLite file in the state folder.

It keeps what must survive between runs and nothing the outputs could not be rebuilt without:

- ``sightings``: every (display path, sha256) seen, with the ``received_at`` fixed the first time
  it was seen, so re-runs give the same submission times;
- ``extracts``: extracted records per (sha256, extractor version) — a file whose bytes did not
  change is never extracted twice, wherever it sits in the inbox;
- ``decisions`` and ``audit``: the staff's review decisions, keyed by the flag's stable id, and
  the log of who decided what, when and why;
- ``runs``: one row per processing run with its summary.

All writes go through short transactions; SQLite's WAL mode lets the review page read while a
run writes.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS sightings (
    display TEXT NOT NULL, sha256 TEXT NOT NULL, received_at TEXT NOT NULL,
    first_run INTEGER, PRIMARY KEY (display, sha256));
CREATE TABLE IF NOT EXISTS extracts (
    sha256 TEXT NOT NULL, version TEXT NOT NULL, payload BLOB NOT NULL,
    PRIMARY KEY (sha256, version));
CREATE TABLE IF NOT EXISTS decisions (
    flag_id TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT, value TEXT,
    who TEXT, at TEXT NOT NULL, fingerprint TEXT);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT, action TEXT NOT NULL,
    flag_id TEXT, reason TEXT, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
    ok INTEGER, summary TEXT);
CREATE TABLE IF NOT EXISTS flag_history (
    flag_id TEXT PRIMARY KEY, payload TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS judging (
    item TEXT NOT NULL, field TEXT NOT NULL, source TEXT NOT NULL, value TEXT NOT NULL,
    who TEXT, at TEXT NOT NULL, PRIMARY KEY (item, field, source));
CREATE TABLE IF NOT EXISTS certificate_numbers (
    kind TEXT NOT NULL, person TEXT NOT NULL, seq INTEGER NOT NULL, number TEXT NOT NULL,
    at TEXT NOT NULL, PRIMARY KEY (kind, person), UNIQUE (kind, seq));
CREATE TABLE IF NOT EXISTS snapshots (name TEXT PRIMARY KEY, payload TEXT NOT NULL, at TEXT NOT NULL);
"""

DECISION_STATUSES = ("confirmed", "waived", "open")
#: where a judging value came from: the review page, the judging sheet staff edited, or what the
#: last published sheet held (bookkeeping, to tell a staff edit of the sheet from paperdesk's own)
JUDGING_SOURCES = ("web", "sheet", "written")


@dataclass(frozen=True)
class Decision:
    """A staff decision on one flag. ``value`` is the chosen value of a mismatch (or None);
    ``fingerprint`` is the evidence the decision was made on: when the flag's evidence changes
    the decision is stale and the flag reopens."""

    flag_id: str
    status: str
    reason: str | None
    value: str | None
    who: str | None
    at: str
    fingerprint: str | None


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def log_path(state_dir: Path | str) -> Path:
    """The run's log file, ``<state>/logs/paperdesk.log`` (its folder made): library warnings of
    the run and of its reading workers go there, not to the terminal."""
    logs = Path(state_dir).resolve() / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return logs / "paperdesk.log"


class State:
    """A handle on ``<state_dir>/paperdesk.sqlite3``; cheap to open, safe to share per thread."""

    def __init__(self, state_dir: Path | str):
        self.dir = Path(state_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / "paperdesk.sqlite3"
        self.log_path = log_path(self.dir)
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            with db:
                yield db
        finally:
            db.close()

    # ------------------------------------------------------------------ sightings

    def fix_received_at(self, pairs: list[tuple[str, str, str]], run_id: int | None = None) -> dict[tuple[str, str], str]:
        """For each (display, sha256, proposed received_at) keep the first value ever recorded.
        Returns {(display, sha256): received_at}."""
        out: dict[tuple[str, str], str] = {}
        with self._connect() as db:
            for display, sha, proposed in pairs:
                db.execute(
                    "INSERT OR IGNORE INTO sightings(display, sha256, received_at, first_run) VALUES (?,?,?,?)",
                    (display, sha, proposed, run_id),
                )
                row = db.execute(
                    "SELECT received_at FROM sightings WHERE display=? AND sha256=?", (display, sha)
                ).fetchone()
                out[(display, sha)] = row[0]
        return out

    # ------------------------------------------------------------------ extraction cache

    def cached_extract(self, sha256: str, version: str):
        with self._connect() as db:
            row = db.execute(
                "SELECT payload FROM extracts WHERE sha256=? AND version=?", (sha256, version)
            ).fetchone()
        return pickle.loads(row[0]) if row else None

    def store_extract(self, sha256: str, version: str, records) -> None:
        blob = pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO extracts(sha256, version, payload) VALUES (?,?,?)",
                (sha256, version, blob),
            )

    # ------------------------------------------------------------------ decisions

    def decisions(self) -> dict[str, Decision]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT flag_id, status, reason, value, who, at, fingerprint FROM decisions"
            ).fetchall()
        return {r[0]: Decision(*r) for r in rows}

    def decide(
        self,
        flag_id: str,
        status: str,
        *,
        reason: str | None = None,
        value: str | None = None,
        who: str | None = None,
        fingerprint: str | None = None,
    ) -> Decision:
        """Record a decision (and its audit line). ``status`` "open" withdraws a decision."""
        if status not in DECISION_STATUSES:
            raise ValueError(f"unknown decision status {status!r}")
        if status == "waived" and not (reason or "").strip():
            raise ValueError("忽略问题时必须填写理由")
        at = now_iso()
        with self._connect() as db:
            if status == "open":
                db.execute("DELETE FROM decisions WHERE flag_id=?", (flag_id,))
            else:
                db.execute(
                    "INSERT OR REPLACE INTO decisions(flag_id, status, reason, value, who, at, fingerprint)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (flag_id, status, reason, value, who, at, fingerprint),
                )
            db.execute(
                "INSERT INTO audit(at, who, action, flag_id, reason, value) VALUES (?,?,?,?,?,?)",
                (at, who, status, flag_id, reason, value),
            )
        return Decision(flag_id, status, reason, value, who, at, fingerprint)

    def log(self, action: str, *, who: str | None = None, flag_id: str | None = None, reason: str | None = None) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT INTO audit(at, who, action, flag_id, reason) VALUES (?,?,?,?,?)",
                (now_iso(), who, action, flag_id, reason),
            )

    def audit(self, flag_id: str | None = None) -> list[dict]:
        q = "SELECT at, who, action, flag_id, reason, value FROM audit"
        args: tuple = ()
        if flag_id:
            q += " WHERE flag_id=?"
            args = (flag_id,)
        with self._connect() as db:
            rows = db.execute(q + " ORDER BY id", args).fetchall()
        keys = ("at", "who", "action", "flag_id", "reason", "value")
        return [dict(zip(keys, r)) for r in rows]

    # ------------------------------------------------------------------ flag history

    def remember_flags(self, flags: list[dict], as_of: str) -> list[dict]:
        """Record the flags raised now (``Flag.to_dict()`` payloads, keyed by id) and return the
        stored payloads of flags raised by an earlier run but not by this one: what a college
        fixed, or what a resubmission made obsolete."""
        now = {f["id"] for f in flags}
        with self._connect() as db:
            for f in flags:
                payload = json.dumps(f, ensure_ascii=False, sort_keys=True)
                db.execute(
                    "INSERT INTO flag_history(flag_id, payload, first_seen, last_seen) VALUES (?,?,?,?)"
                    " ON CONFLICT(flag_id) DO UPDATE SET payload=excluded.payload, last_seen=excluded.last_seen",
                    (f["id"], payload, as_of, as_of),
                )
            rows = db.execute("SELECT flag_id, payload FROM flag_history ORDER BY flag_id").fetchall()
        return [json.loads(p) for fid, p in rows if fid not in now]

    # ------------------------------------------------------------------ runs and settings

    def start_run(self) -> int:
        with self._connect() as db:
            cur = db.execute("INSERT INTO runs(started_at) VALUES (?)", (now_iso(),))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, ok: bool, summary: dict) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE runs SET finished_at=?, ok=?, summary=? WHERE id=?",
                (now_iso(), int(ok), json.dumps(summary, ensure_ascii=False), run_id),
            )

    def last_run(self) -> dict | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT id, started_at, finished_at, ok, summary FROM runs ORDER BY id DESC LIMIT 1"
            ).fetchone()
        if not row:
            return None
        return {"id": row[0], "started_at": row[1], "finished_at": row[2], "ok": row[3],
                "summary": json.loads(row[4]) if row[4] else None}

    # ------------------------------------------------------------------ judging (评审)

    def judgments(self) -> dict[tuple[str, str], dict[str, dict]]:
        """{(item, field): {source: {"value", "who", "at"}}} of every judging value recorded."""
        with self._connect() as db:
            rows = db.execute("SELECT item, field, source, value, who, at FROM judging ORDER BY item, field, source").fetchall()
        out: dict[tuple[str, str], dict[str, dict]] = {}
        for item, field, source, value, who, at in rows:
            out.setdefault((item, field), {})[source] = {"value": value, "who": who, "at": at}
        return out

    def judge(self, item: str, field: str, source: str, value: str, *, who: str | None = None,
              note: str | None = None, audit: bool = True) -> None:
        """Record one judging value (``value`` "" clears it) from ``source``; the review page's and
        the sheet's values get an audit line (``judge-web`` / ``judge-sheet``) unless ``audit`` is
        False (a second source brought in line with the first), bookkeeping of what was written
        never does."""
        if source not in JUDGING_SOURCES:
            raise ValueError(f"unknown judging source {source!r}")
        at = now_iso()
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO judging(item, field, source, value, who, at) VALUES (?,?,?,?,?,?)",
                       (item, field, source, value, who, at))
            if audit and source != "written":
                db.execute("INSERT INTO audit(at, who, action, flag_id, reason, value) VALUES (?,?,?,?,?,?)",
                           (at, who, f"judge-{source}", item, note or field, value))

    def set_written(self, values: dict[tuple[str, str], str]) -> None:
        """What the judging sheet just published holds, per (item, field), replacing the last."""
        at = now_iso()
        with self._connect() as db:
            db.execute("DELETE FROM judging WHERE source='written'")
            db.executemany("INSERT INTO judging(item, field, source, value, who, at) VALUES (?,?,?,?,?,?)",
                           [(i, f, "written", v, None, at) for (i, f), v in sorted(values.items())])

    # ------------------------------------------------------------------ certificate numbers

    def certificate_numbers(self, kind: str) -> dict[str, str]:
        """{person key: number} of every certificate number given for ``kind``."""
        with self._connect() as db:
            rows = db.execute("SELECT person, number FROM certificate_numbers WHERE kind=?", (kind,)).fetchall()
        return dict(rows)

    def assign_numbers(self, kind: str, persons: list[str], number_of) -> dict[str, str]:
        """The number of each person key for ``kind``: kept from earlier (never renumbered), new
        ones after the highest running number given so far, in the order of ``persons``.
        ``number_of(n)`` formats running number ``n``. Returns {person: number} for ``persons``."""
        at = now_iso()
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            known = dict(db.execute("SELECT person, number FROM certificate_numbers WHERE kind=?", (kind,)).fetchall())
            (top,) = db.execute("SELECT COALESCE(MAX(seq), 0) FROM certificate_numbers WHERE kind=?", (kind,)).fetchone()
            for person in persons:
                if person in known:
                    continue
                top += 1
                known[person] = number_of(top)
                db.execute("INSERT INTO certificate_numbers(kind, person, seq, number, at) VALUES (?,?,?,?,?)",
                           (kind, person, top, known[person], at))
        return {p: known[p] for p in persons}

    # ------------------------------------------------------------------ snapshots

    def save_snapshot(self, name: str, payload: dict) -> None:
        """Keep a JSON document the run computed for the commands after it (``paperdesk
        certificates``, ``booklet``, the review page's 评审): replaces the last one of ``name``."""
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO snapshots(name, payload, at) VALUES (?,?,?)",
                       (name, json.dumps(payload, ensure_ascii=False, sort_keys=True), now_iso()))

    def snapshot(self, name: str) -> dict | None:
        with self._connect() as db:
            row = db.execute("SELECT payload FROM snapshots WHERE name=?", (name,)).fetchone()
        return json.loads(row[0]) if row else None

    def get_setting(self, key: str) -> str | None:
        with self._connect() as db:
            row = db.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?,?)", (key, value))
