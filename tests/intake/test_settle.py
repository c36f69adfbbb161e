"""Files still being copied in are waited for (or reported), never read half-written."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from intake.settle import BUSY, settled_files
from intake.walk import scan_inbox
from intake_fixtures import CAMPAIGN, write


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now, self.slept = now, 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, s: float) -> None:
        self.now += s
        self.slept += s


def test_old_files_are_not_waited_for(tmp_path):
    path = write(tmp_path, "a.docx", b"x")
    clock = FakeClock(time.time())
    assert settled_files(lambda: [path], 3, 60, clock, clock.sleep) == ([path], [])
    assert clock.slept == 0


def test_fresh_file_waited_until_it_is_old_enough(tmp_path):
    path = write(tmp_path, "a.docx", b"x", mtime=1_000_000)
    clock = FakeClock(1_000_001.0)  # written one second ago
    settled, busy = settled_files(lambda: [path], 3, 60, clock, clock.sleep)
    assert settled == [path] and busy == []
    assert 2 <= clock.slept <= 2.5


def test_future_mtime_is_watched_for_the_full_settle_time(tmp_path):
    path = write(tmp_path, "a.docx", b"x", mtime=2_000_000_000)
    clock = FakeClock(1_000_000.0)
    settled, _ = settled_files(lambda: [path], 3, 60, clock, clock.sleep)
    assert settled == [path] and 3 <= clock.slept <= 3.5


def test_growing_file_reported_busy_after_the_limit(tmp_path):
    path = write(tmp_path, "a.docx", b"x", mtime=1_000_000)
    clock = FakeClock(1_000_000.0)

    def grow(s: float) -> None:
        clock.sleep(s)
        with open(path, "ab") as f:
            f.write(b"more")

    settled, busy = settled_files(lambda: [path], 1, 5, clock, grow)
    assert settled == [] and busy == [path] and 5 <= clock.slept <= 5.5


def test_scan_waits_for_a_copy_in_progress(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    final = os.urandom(64 * 1024)

    def copy() -> None:
        with open(inbox / "大文件.pdf", "wb") as f:
            for i in range(0, len(final), 8 * 1024):
                f.write(final[i:i + 8 * 1024])
                f.flush()
                time.sleep(0.05)

    writer = threading.Thread(target=copy)
    writer.start()
    time.sleep(0.05)
    items = scan_inbox(inbox, tmp_path / "state", CAMPAIGN, settle_seconds=0.8, settle_limit=10)
    writer.join()
    (item,) = items
    assert item.size == len(final) and Path(item.blob).read_bytes() == final


def test_scan_reports_a_file_that_never_settles_and_reads_it_next_time(tmp_path):
    inbox = tmp_path / "inbox"
    write(inbox, "old.txt", "早就在了".encode())
    stop = threading.Event()

    def keep_writing() -> None:
        with open(inbox / "copying.docx", "wb") as f:
            while not stop.is_set():
                f.write(b"x" * 100)
                f.flush()
                time.sleep(0.02)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        time.sleep(0.05)
        items = {i.display: i for i in scan_inbox(inbox, tmp_path / "state", CAMPAIGN, settle_seconds=0.8,
                                                  settle_limit=1.2)}
    finally:
        stop.set()
        writer.join()
    assert items["copying.docx"].state == "unreadable" and items["copying.docx"].reason == BUSY
    assert not items["copying.docx"].blob
    assert items["old.txt"].state is None
    os.utime(inbox / "copying.docx", (1_000_000, 1_000_000))
    again = {i.display: i for i in scan_inbox(inbox, tmp_path / "state", CAMPAIGN, settle_seconds=0.3)}
    assert again["copying.docx"].state is None and again["copying.docx"].size > 0


def test_temporary_file_renamed_away_is_not_reported(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    tmp_file = inbox / ".a.docx.XyZ12"
    tmp_file.write_bytes(b"partial")

    def finish() -> None:
        time.sleep(0.15)
        os.replace(tmp_file, inbox / "a.docx")
        os.utime(inbox / "a.docx", (1_000_000, 1_000_000))

    t = threading.Thread(target=finish)
    t.start()
    items = scan_inbox(inbox, tmp_path / "state", CAMPAIGN, settle_seconds=0.4, settle_limit=5)
    t.join()
    assert [i.display for i in items] == ["a.docx"]
