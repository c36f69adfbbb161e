import threading
import time

from flows.watch import Watcher, snapshot


def test_snapshot_sees_size_and_mtime(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.docx").write_bytes(b"12")
    assert snapshot(tmp_path) == {"a/x.docx": (2, (tmp_path / "a" / "x.docx").stat().st_mtime_ns)}


def test_a_file_copied_in_pieces_is_processed_once_after_it_settles(tmp_path):
    calls = []
    w = Watcher(tmp_path, lambda: calls.append(snapshot(tmp_path)), interval=0.1, settle=0.6, log=lambda m: None)
    t = threading.Thread(target=w.loop)
    t.start()
    try:
        time.sleep(0.3)
        assert len(calls) == 1  # the start-up run
        target = tmp_path / "学院" / "大文件.zip"
        target.parent.mkdir()
        with open(target, "wb") as f:
            for _ in range(5):  # a slow copy: a piece every 0.3 s, shorter than settle
                f.write(b"x" * 1000)
                f.flush()
                time.sleep(0.3)
        assert len(calls) == 1, "must not run while the file is still growing"
        deadline = time.monotonic() + 5
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(calls) == 2
        assert calls[1]["学院/大文件.zip"][0] == 5000  # it saw the complete file
        time.sleep(1.0)
        assert len(calls) == 2  # no change, no run
    finally:
        w.stop()
        t.join(5)
    assert not t.is_alive()


def test_a_failing_run_does_not_stop_the_watcher(tmp_path):
    logs = []

    def boom():
        raise RuntimeError("坏文件")

    w = Watcher(tmp_path, boom, interval=0.05, settle=0.1, log=logs.append)
    t = threading.Thread(target=w.loop)
    t.start()
    time.sleep(0.2)
    (tmp_path / "new.xlsx").write_bytes(b"x")
    time.sleep(0.6)
    w.stop()
    t.join(5)
    assert w.runs == 2 and any("处理失败" in m for m in logs)
