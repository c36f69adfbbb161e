"""Actions: background re-run with progress, upload into the inbox, downloads, source files,
one college's 回执 — and their safety (no path traversal, size limit, only outbox/state served)."""

from __future__ import annotations

import io
import os
import time
import zipfile

from paperdesk.state import State

from review_fixtures import COLLEGE, flag_id, intake_files


def wait_idle(client, timeout=10.0) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        s = client.get("/run/status.json").get_json()
        if not s["running"]:
            return s
        time.sleep(0.02)
    raise AssertionError("run did not finish")


# ------------------------------------------------------------------ re-run


def test_rerun_in_background_applies_decisions(client, folders, pipeline):
    client.post(f"/flag/{flag_id('PAPER_ELECTRONIC_MISMATCH')}/decide",
                data={"csrf_token": client.token, "action": "confirm", "choice": "expected"})
    r = client.post("/run", data={"csrf_token": client.token}, headers={"Accept": "application/json"})
    assert r.status_code == 202 and r.get_json()["started"]
    s = wait_idle(client)
    assert s["error"] is None and s["done"] == s["total"] == 3 and s["message"] == "完成"
    assert pipeline.calls == 1 and s["summary"]["files"] == 6
    assert "张三,201824131105,0" in (folders[1] / "master.csv").read_text("utf-8")
    assert any(a["action"] == "run" and a["who"] == "王老师" for a in State(folders[2]).audit())


def test_only_one_run_at_a_time(client, app):
    import threading

    gate = threading.Event()
    runner = app.extensions["paperdesk"].runner
    runner.pipeline = lambda *a, progress=None, **k: (gate.wait(5), {})[1]
    assert client.post("/run", data={"csrf_token": client.token}, headers={"Accept": "application/json"}).status_code == 202
    assert client.get("/run/status.json").get_json()["running"]
    r = client.post("/run", data={"csrf_token": client.token}, headers={"Accept": "application/json"})
    assert r.status_code == 409 and not r.get_json()["started"]
    gate.set()
    assert wait_idle(client)["error"] is None


def test_failed_run_is_reported_in_chinese(client, app):
    def broken(*a, **k):
        raise OSError("磁盘已满")

    app.extensions["paperdesk"].runner.pipeline = broken
    client.post("/run", data={"csrf_token": client.token})
    s = wait_idle(client)
    assert s["error"].startswith("处理失败") and "磁盘已满" in s["error"]
    assert "磁盘已满" in client.get("/files").get_data(as_text=True)


def test_run_without_javascript_redirects(client, pipeline):
    r = client.post("/run", data={"csrf_token": client.token, "next": "/files"})
    assert r.status_code == 302
    wait_idle(client)
    assert pipeline.calls == 1


def receipt_text(path) -> str:
    import docx

    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_regenerate_one_receipt_with_decisions(client, folders, pipeline):
    outbox = folders[1]
    client.post(f"/flag/{flag_id('PHOTO_TOO_SMALL')}/decide",
                data={"csrf_token": client.token, "action": "waive", "reason": "已补交"})
    before = (outbox / "回执" / "文学院.docx").exists()
    r = client.post(f"/college/{COLLEGE}/receipt", data={"csrf_token": client.token},
                    headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.get_json()["file"] == f"回执/{COLLEGE}.docx"
    text = receipt_text(outbox / "回执" / f"{COLLEGE}.docx")
    assert "关于2020年学生带班党员工作材料的回执" in text and "张三的“不及格科目数”" in text
    assert "李四的生活照" not in text  # waived: left out of the letter
    assert (outbox / "回执" / "文学院.docx").exists() == before  # only that college's letter
    assert pipeline.calls == 0
    assert any(a["action"] == "receipt" for a in State(folders[2]).audit())
    assert client.post("/college/不存在学院/receipt", data={"csrf_token": client.token}).status_code == 404


def test_receipt_waits_for_a_first_run(client, folders):
    (folders[1] / "flags.json").unlink()
    r = client.post(f"/college/{COLLEGE}/receipt", data={"csrf_token": client.token})
    assert "尚未生成处理结果" in client.get(r.location).get_data(as_text=True)


# ------------------------------------------------------------------ upload


def upload(client, *files, as_json=True):
    data = {"csrf_token": client.token, "files": [(io.BytesIO(body), name) for name, body in files]}
    return client.post("/upload", data=data, content_type="multipart/form-data",
                       headers={"Accept": "application/json"} if as_json else {})


def uploaded(inbox):
    return sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file())


def test_upload_goes_to_dated_folder_and_never_overwrites(client, folders):
    inbox = folders[0]
    r = upload(client, ("数学学院材料.zip", b"one"), ("数学学院材料.zip", b"two"))
    assert r.status_code == 200
    saved = r.get_json()["saved"]
    assert len(saved) == 2 and saved[0].startswith("上传/2") and saved[1].endswith("数学学院材料 (2).zip")
    r = upload(client, ("数学学院材料.zip", b"three"))
    assert r.get_json()["saved"][0].endswith("数学学院材料 (3).zip")
    bodies = sorted((inbox / s).read_bytes() for s in saved + r.get_json()["saved"])
    assert bodies == [b"one", b"three", b"two"]
    assert not any(".part" in p for p in uploaded(inbox))
    assert any(a["action"] == "upload" for a in State(folders[2]).audit())


def test_upload_keeps_the_original_modification_time(client, folders):
    june = 1592546400  # 2020-06-19 14:00 +08:00
    data = {"csrf_token": client.token, "files": [(io.BytesIO(b"a"), "a.zip"), (io.BytesIO(b"b"), "b.zip")],
            "mtime": [str(june * 1000), "99999999999999"]}
    r = client.post("/upload", data=data, content_type="multipart/form-data", headers={"Accept": "application/json"})
    a, b = (folders[0] / s for s in r.get_json()["saved"])
    assert int(a.stat().st_mtime) == june
    assert b.stat().st_mtime > time.time() - 60  # an impossible time is not applied


def test_upload_refuses_path_traversal(client, folders, tmp_path):
    for bad in ("../evil.txt", "../../evil.txt", "a/../../evil.txt", "..\\evil.txt", "/etc/evil.txt", "..", ".hidden"):
        r = upload(client, (bad, b"x"))
        assert r.status_code == 400 and r.get_json()["saved"] == [], bad
    assert uploaded(folders[0]) == []
    assert not (tmp_path / "evil.txt").exists() and not (folders[0] / "evil.txt").exists()


def test_upload_size_limit(client, app, folders):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    r = upload(client, ("big.zip", b"x" * 5000))
    assert r.status_code == 413 and "太大" in r.get_json()["error"]
    assert uploaded(folders[0]) == []


def test_upload_without_javascript_and_empty(client, folders):
    r = upload(client, ("a.docx", b"doc"), as_json=False)
    assert r.status_code == 302
    assert "已保存到收件箱" in client.get("/files").get_data(as_text=True)
    r = client.post("/upload", data={"csrf_token": client.token}, headers={})
    assert "没有选择文件" in client.get(r.location).get_data(as_text=True)


def test_upload_needs_csrf(client, folders):
    r = client.post("/upload", data={"files": [(io.BytesIO(b"x"), "a.docx")]}, content_type="multipart/form-data")
    assert r.status_code == 400 and uploaded(folders[0]) == []


# ------------------------------------------------------------------ downloads


def test_download_outbox_files(client):
    r = client.get("/outbox/flags.json")
    assert r.status_code == 200 and b'"flags"' in r.data
    r = client.get(f"/outbox/回执/{COLLEGE}.docx")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"] and r.data == b"PK fake docx"
    assert client.get("/outbox/crops/mismatch-1.png").mimetype == "image/png"


def test_download_refuses_traversal_and_files_outside(client, folders, tmp_path):
    outbox, state = folders[1], folders[2]
    (tmp_path / "secret.txt").write_text("TOP-SECRET-CONTENT")
    os.symlink(tmp_path / "secret.txt", outbox / "link.txt")
    (outbox / ".hidden").write_text("h")
    for path in ("/outbox/../secret.txt", "/outbox/%2e%2e/secret.txt", "/outbox/..%2fsecret.txt",
                 "/outbox/%2e%2e%2fstate%2fpaperdesk.sqlite3", "/outbox//etc/passwd", "/outbox/link.txt",
                 "/outbox/.hidden", "/outbox/nope.xlsx", "/outbox/crops"):
        r = client.get(path, follow_redirects=True)  # werkzeug merges "//" with a redirect first
        assert r.status_code == 404 and b"TOP-SECRET" not in r.data, path


def test_zip_of_all_outbox_files(client, folders):
    (folders[1] / ".hidden").write_text("h")
    r = client.get("/outbox.zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.data)).namelist()
    assert {"flags.json", "intake.json", "crops/mismatch-1.png", f"回执/{COLLEGE}.docx"} <= set(names)
    assert ".hidden" not in names


def test_source_file_comes_from_the_state_blobs_only(client, folders):
    first = intake_files()[0]
    r = client.get(f"/source/{first['sha256']}")
    assert r.status_code == 200 and r.data == f"content of {first['file']}".encode()
    assert "%E8%80%83%E6%A0%B8" in r.headers["Content-Disposition"]  # the member's own (Chinese) name
    stray = folders[2] / "blobs" / "ab" / ("ab" * 32)
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"not listed by intake")
    for path in (f"/source/{'ab' * 32}", "/source/..%2f..%2fsecret", "/source/XYZ"):
        assert client.get(path).status_code == 404, path
