"""Atomic, deterministic file writing for every output in ``outbox/``.

Contract:
- :func:`write_bytes` writes to a temporary file in the target's own folder, flushes and fsyncs
  it, then ``os.replace``-s it over the target: a reader sees the old file or the new one, never
  half a file. Publishing is atomic per file, not per run (a crash between two files leaves some
  outputs of the previous run beside the new ones; the next run rewrites all of them).
- :func:`ooxml_bytes` makes an .xlsx/.docx byte-identical across runs given the same inputs:
  ``docProps/core.xml`` gets ``created``/``modified`` = ``generated_at`` and the zip is rewritten
  with fixed entry timestamps and attributes (openpyxl and python-docx stamp the current time).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import tempfile
import zipfile
from pathlib import Path

_EPOCH_ZIP = (1980, 1, 1, 0, 0, 0)
_CORE = "docProps/core.xml"


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json(path: Path, obj: object) -> Path:
    """Write ``obj`` as UTF-8 JSON (Chinese kept readable, keys sorted, 2-space indent)."""
    text = json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return write_bytes(path, text.encode("utf-8"))


def parse_generated_at(generated_at: str) -> dt.datetime:
    """``generated_at`` (ISO 8601) as a datetime; a naive value is taken as UTC."""
    when = dt.datetime.fromisoformat(generated_at)
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def ooxml_bytes(data: bytes, generated_at: str) -> bytes:
    """An .xlsx/.docx zip rewritten deterministically (see module docstring)."""
    when = parse_generated_at(generated_at)
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    date_time = max(when.timetuple()[:6], _EPOCH_ZIP)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == _CORE:
                body = _stamp_core(body, stamp)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            dst.writestr(entry, body)
    return out.getvalue()


def _stamp_core(xml: bytes, stamp: str) -> bytes:
    """Set the text of dcterms:created and dcterms:modified to ``stamp`` (adding them when absent)."""
    text = xml.decode("utf-8")
    for tag in ("created", "modified"):
        pattern = re.compile(rf"(<dcterms:{tag}\b[^>]*>)[^<]*(</dcterms:{tag}>)")
        if pattern.search(text):
            text = pattern.sub(lambda m: m.group(1) + stamp + m.group(2), text)
        else:
            element = (f'<dcterms:{tag} xmlns:dcterms="http://purl.org/dc/terms/" '
                       f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                       f'xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{tag}>')
            text = text.replace("</cp:coreProperties>", element + "</cp:coreProperties>")
    return text.encode("utf-8")


def save_workbook(wb, path: Path, generated_at: str) -> Path:
    """Save an openpyxl workbook atomically and deterministically."""
    when = parse_generated_at(generated_at).astimezone(dt.timezone.utc).replace(tzinfo=None)
    wb.properties.created = when
    wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    return write_bytes(path, ooxml_bytes(buf.getvalue(), generated_at))


def save_document(doc, path: Path, generated_at: str) -> Path:
    """Save a python-docx Document atomically and deterministically."""
    when = parse_generated_at(generated_at)
    props = doc.core_properties
    props.created = when
    props.modified = when
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return write_bytes(path, ooxml_bytes(buf.getvalue(), generated_at))
