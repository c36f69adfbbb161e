import time

from extractors import scan_pool
from paperdesk.models import ExtractionError
from slow_scan import hang


def test_a_scan_that_hangs_is_cut_off_with_a_chinese_reason_and_the_pool_recovers(monkeypatch):
    monkeypatch.setenv(scan_pool.ENV, "1")
    monkeypatch.setenv(scan_pool.TIMEOUT_ENV, "3")
    started = time.monotonic()
    result = scan_pool.run_scan(hang, "x.pdf", "pdf", "学院/扫描件.pdf", None)
    assert time.monotonic() - started < 60
    assert len(result) == 1 and isinstance(result[0], ExtractionError)
    assert "超时" in result[0].reason and result[0].source == "学院/扫描件.pdf"
    # the hung worker was killed; the next scan gets a fresh pool
    assert scan_pool.run_scan(str.format, "{}", "pdf", "d", None) == "pdf"  # "{}".format("pdf", …) in a worker
    scan_pool._drop_pool()
