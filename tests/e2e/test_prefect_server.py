"""With PREFECT_API_URL pointing at a Prefect server (started here, on loopback, by the test),
`paperdesk watch` serves the flow as a deployment: the deployment and its completed runs are
visible through the server's API (what the Prefect UI shows), and the outbox is published."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import urllib.request
from pathlib import Path

from e2e_support import BIN, wait_for
from paperdesk.campaign import load_campaign
from writers.forms import build_table

PREFECT = Path(BIN).parent / "prefect"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _server_view(api: str) -> tuple[list[str], list[str]]:
    """Deployment names and flow-run state types, read over the server's REST API with plain HTTP:
    importing prefect into the pytest process would freeze its settings (home, startup timeout)
    before the in-process runs of later tests configure them."""

    def post(path: str) -> list[dict]:
        req = urllib.request.Request(api + path, data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    deployments = post("/deployments/filter")
    runs = post("/flow_runs/filter")
    return [d["name"] for d in deployments], [r["state_type"] for r in runs if r.get("state_type")]


def test_watch_serves_the_flow_as_a_deployment_on_a_prefect_server(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "server-home"), "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    server = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    watcher = None
    try:
        assert wait_for(lambda: _healthy(api), 120), "the Prefect server did not start"
        inbox, outbox, state = tmp_path / "inbox", tmp_path / "outbox", tmp_path / "state"
        wb = build_table(load_campaign(), "A3", "音乐学院", {"学院": "音乐学院"},
                         [{"序号": "1", "姓名": "罗明", "学号": "201724131101", "所带班级": "19音乐1班",
                           "获奖名称": "校级三好学生", "获奖级别": "校级", "获奖时间": "2019-12", "颁奖单位": "肇庆学院"}])
        (inbox / "音乐学院").mkdir(parents=True)
        wb.save(inbox / "音乐学院" / "获奖情况统计表.xlsx")
        os.utime(inbox / "音乐学院" / "获奖情况统计表.xlsx", (1592000000, 1592000000))
        watcher = subprocess.Popen([str(BIN), "watch", "--inbox", str(inbox), "--outbox", str(outbox),
                                    "--state", str(state), "--interval", "10"],
                                   env={**env, "PREFECT_API_URL": api, "PREFECT_HOME": str(tmp_path / "client-home")},
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        assert wait_for(lambda: (outbox / "flags.json").exists(), 240), "no run of the deployment published the outbox"
        assert wait_for(lambda: "COMPLETED" in _server_view(api)[1], 60)
        deployments, states = _server_view(api)
        assert "paperdesk-inbox" in deployments
        assert "FAILED" not in states and "CRASHED" not in states
    finally:
        for proc in (watcher, server):
            if proc and proc.poll() is None:
                os.killpg(proc.pid, 15)
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, 9)
