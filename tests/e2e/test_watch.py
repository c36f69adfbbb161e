"""`paperdesk watch` for real: a file copied into the inbox in pieces is processed once it is
complete, a bad file does not stop the watcher, and SIGTERM stops it cleanly (exit 143, one
Chinese line)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from e2e_support import BIN, wait_for
from paperdesk.campaign import load_campaign
from writers.forms import build_table


def _intake(outbox: Path) -> dict[str, dict]:
    try:
        files = json.loads((outbox / "intake.json").read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError):
        return {}
    return {f["file"]: f for f in files}


def test_watch_processes_a_file_copied_in_pieces_and_stops_on_sigterm(tmp_path):
    inbox, outbox, state = tmp_path / "inbox", tmp_path / "outbox", tmp_path / "state"
    inbox.mkdir()
    proc = subprocess.Popen([str(BIN), "watch", "--inbox", str(inbox), "--outbox", str(outbox), "--state", str(state),
                             "--interval", "0.5", "--settle", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"})
    try:
        assert wait_for(lambda: (outbox / "flags.json").exists(), 240), "the start-up run never finished"

        (inbox / "音乐学院").mkdir()
        (inbox / "音乐学院" / "坏文件.docx").write_bytes(b"PK\x03\x04 not really a docx")
        wb = build_table(load_campaign(), "A3", "音乐学院", {"学院": "音乐学院"},
                         [{"序号": "1", "姓名": "罗明", "学号": "201724131101", "所带班级": "19音乐1班",
                           "获奖名称": "校级三好学生", "获奖级别": "校级", "获奖时间": "2019-12",
                           "颁奖单位": "肇庆学院"}])
        whole = tmp_path / "获奖情况统计表.xlsx"
        wb.save(whole)
        data = whole.read_bytes()
        target = inbox / "音乐学院" / "音乐学院获奖情况统计表.xlsx"
        with open(target, "wb") as f:  # a slow copy: pieces 0.6 s apart, each shorter than --settle
            for i in range(0, len(data), len(data) // 4 + 1):
                f.write(data[i:i + len(data) // 4 + 1])
                f.flush()
                time.sleep(0.6)

        name = "音乐学院/音乐学院获奖情况统计表.xlsx"
        assert wait_for(lambda: name in _intake(outbox), 240), "the new file was never processed"
        seen = _intake(outbox)
        assert seen[name]["state"] == "used" and seen[name]["deliverable"] == "awards"
        assert seen[name]["size"] == len(data)  # read complete, never half-copied
        assert seen["音乐学院/坏文件.docx"]["state"] == "unreadable"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err[-2000:]
    assert "运行已中断" in err and "Traceback" not in err
