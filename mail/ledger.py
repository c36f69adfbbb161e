"""What the mailbox commands did, in ``<state>/mail.sqlite3`` (beside the state database, not in
it: fetching never waits for a run's transactions).

- ``fetched``: one row per message saved into the inbox, keyed by (account, folder,
  UIDVALIDITY, UID), with its Message-ID, SHA-256 and file name. A message is written into the
  inbox first and recorded after, so a crash between the two only means the next fetch writes the
  same bytes under the same name again.
- ``sent``: one row per 回执 sent, keyed by the SHA-256 of the attachment and its recipients
  (:func:`mail.receipts.send_key`): the same letter is never mailed twice to the same address.

No password, no message body is ever stored here.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from paperdesk.state import now_iso

FILE = "mail.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS fetched (
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
    message_id TEXT, sha256 TEXT NOT NULL, file TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (account, folder, uidvalidity, uid));
CREATE INDEX IF NOT EXISTS fetched_message_id ON fetched(account, message_id);
CREATE TABLE IF NOT EXISTS sent (
    key TEXT PRIMARY KEY, college TEXT NOT NULL, recipients TEXT NOT NULL, attachment_sha256 TEXT NOT NULL,
    message_id TEXT, at TEXT NOT NULL);
"""


class Ledger:
    def __init__(self, state_dir: Path | str):
        self.dir = Path(state_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / FILE
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:
                yield db
        finally:
            db.close()

    # ------------------------------------------------------------------ fetched

    def seen(self, account: str, folder: str, uidvalidity: int) -> tuple[set[int], set[str]]:
        """(UIDs fetched from this folder under this UIDVALIDITY, Message-IDs fetched from the account)."""
        with self._connect() as db:
            uids = {r[0] for r in db.execute(
                "SELECT uid FROM fetched WHERE account=? AND folder=? AND uidvalidity=?", (account, folder, uidvalidity))}
            ids = {r[0] for r in db.execute(
                "SELECT message_id FROM fetched WHERE account=? AND message_id IS NOT NULL", (account,))}
        return uids, ids

    def record_fetch(self, account: str, folder: str, uidvalidity: int, uid: int, message_id: str | None,
                     sha256: str, file: str) -> None:
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO fetched(account, folder, uidvalidity, uid, message_id, sha256, file, at)"
                       " VALUES (?,?,?,?,?,?,?,?)", (account, folder, uidvalidity, uid, message_id, sha256, file, now_iso()))

    def fetched(self) -> list[dict]:
        """Every saved message, in the order recorded (times are to the second: no tie-break by name)."""
        keys = ("account", "folder", "uidvalidity", "uid", "message_id", "sha256", "file", "at")
        with self._connect() as db:
            rows = db.execute(f"SELECT {', '.join(keys)} FROM fetched ORDER BY rowid").fetchall()
        return [dict(zip(keys, r)) for r in rows]

    # ------------------------------------------------------------------ sent

    def sent_keys(self) -> set[str]:
        with self._connect() as db:
            return {r[0] for r in db.execute("SELECT key FROM sent")}

    def record_send(self, key: str, college: str, recipients: tuple[str, ...], attachment_sha256: str,
                    message_id: str | None) -> None:
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO sent(key, college, recipients, attachment_sha256, message_id, at)"
                       " VALUES (?,?,?,?,?,?)", (key, college, ", ".join(recipients), attachment_sha256, message_id, now_iso()))

    def sent(self) -> list[dict]:
        """Every 回执 sent, in the order sent."""
        keys = ("key", "college", "recipients", "attachment_sha256", "message_id", "at")
        with self._connect() as db:
            rows = db.execute(f"SELECT {', '.join(keys)} FROM sent ORDER BY rowid").fetchall()
        return [dict(zip(keys, r)) for r in rows]
