"""Old and foreign office formats, read by converting them with LibreOffice headless.

``extract(path, display, campaign) -> records of docx_file / xlsx_file | [ExtractionError]``

    Word 95–2003 .doc, WPS 文字 .wps (OLE ``WordDocument``), .rtf, .odt, .wri  -> docx
    Excel 97–2003 .xls, WPS 表格 .et (OLE ``Workbook``/``Book``), .ods    -> xlsx

The target comes from the content (OLE stream names, the ``{\\rtf`` signature, an ODF
``mimetype`` member); the display name's extension only breaks a tie. An encrypted file is
refused before LibreOffice is called. The file at ``path`` is only read: it is copied into a
private temporary directory (outside the inbox, removed afterwards) together with a private
LibreOffice profile (``-env:UserInstallation``), so parallel conversions never share state.
A conversion running longer than :func:`timeout` seconds (env ``PAPERDESK_CONVERT_TIMEOUT``,
default 60) has its whole process group killed and reads as "转换超时". The converted file goes
through the docx/xlsx extractor; every record keeps ``display`` as its ``source``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from paperdesk.campaign import Campaign
from paperdesk.models import Extracted
from extractors import docx_file, ole, xlsx_file
from extractors.base import ENCRYPTED, BadInput, preflight
from extractors.base import display_name

SOFFICE = "soffice"
TIMEOUT_ENV = "PAPERDESK_CONVERT_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
#: display-name extension -> (target, extension the copy handed to LibreOffice gets)
BY_EXTENSION: dict[str, tuple[str, str]] = {
    ".doc": ("docx", ".doc"), ".dot": ("docx", ".doc"), ".wps": ("docx", ".wps"),
    ".rtf": ("docx", ".rtf"), ".odt": ("docx", ".odt"),
    ".wri": ("docx", ".wri"),
    ".xls": ("xlsx", ".xls"), ".xlt": ("xlsx", ".xls"), ".et": ("xlsx", ".et"), ".ods": ("xlsx", ".ods"),
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ("docx", ".odt"),
    b"application/vnd.oasis.opendocument.spreadsheet": ("xlsx", ".ods"),
}
_RTF_MAGIC = b"{\\rtf"


def extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """The records of the converted document (see module docstring)."""
    preflight(path)
    target, suffix = plan(path, display)
    with tempfile.TemporaryDirectory(prefix="paperdesk-convert-") as tmp:
        converted = convert(path, target, suffix, Path(tmp))
        reader = docx_file.extract if target == "docx" else xlsx_file.extract
        return reader(converted, display, campaign)


def recognises(path: Path) -> bool:
    """True for content this module reads that intake may sniff as ``text`` or ``zip``
    (RTF, OpenDocument text/spreadsheet)."""
    return _by_content(path) is not None


def named_like(display: str) -> bool:
    """True when the display name has an extension this module converts (.doc, .xls, .wri …):
    for files intake could not sniff (Excel 4 BIFF streams, MS Write), LibreOffice may."""
    return Path(display_name(display)).suffix.lower() in BY_EXTENSION


def plan(path: Path, display: str) -> tuple[str, str]:
    """(target format, extension for LibreOffice's copy); BadInput when encrypted or unknown."""
    if ole.is_ole(path):
        info = ole.inspect(path)
        if info.encrypted:
            raise BadInput(ENCRYPTED)
        if info.target:
            return info.target, ".doc" if info.target == "docx" else ".xls"
        if not info.readable:
            raise BadInput("文件已损坏，无法打开（旧版 Office 文件结构不完整）")
    found = _by_content(path) or BY_EXTENSION.get(Path(display_name(display)).suffix.lower())
    if found is None:
        raise BadInput("无法识别的旧版文档格式，请另存为 .docx / .xlsx 后重新提交")
    return found


def _by_content(path: Path) -> tuple[str, str] | None:
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(8)
        if head.startswith(_RTF_MAGIC):
            return "docx", ".rtf"
        if head.startswith(b"PK") and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                if "mimetype" in zf.namelist() and zf.getinfo("mimetype").file_size < 200:
                    return _ODF_MIMETYPES.get(zf.read("mimetype").strip())
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError, EOFError):
        return None
    return None


def timeout() -> float:
    """Seconds one conversion may take (env ``PAPERDESK_CONVERT_TIMEOUT``, default 60)."""
    try:
        value = float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
    except ValueError as e:
        raise ValueError(f"{TIMEOUT_ENV} must be a number of seconds") from e
    return value if value > 0 else DEFAULT_TIMEOUT


def convert(path: Path, target: str, suffix: str, workdir: Path, limit: float | None = None) -> Path:
    """``path`` converted to ``target`` (docx|xlsx) inside ``workdir``; BadInput on failure."""
    source = workdir / f"in{suffix}"
    shutil.copyfile(path, source)
    outdir = workdir / "out"
    cmd = [SOFFICE, f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless",
           "--norestore", "--nolockcheck", "--nologo", "--nodefault",
           "--convert-to", target, "--outdir", str(outdir), str(source)]
    _run(cmd, limit or timeout(), workdir)
    converted = outdir / f"in.{target}"
    if not converted.is_file() or converted.stat().st_size == 0:
        raise BadInput("文件转换失败（LibreOffice 无法打开），文件可能已损坏")
    return converted


def _run(cmd: list[str], limit: float, workdir: Path) -> None:
    """Run LibreOffice in its own process group; kill the whole group on timeout."""
    env = dict(os.environ, HOME=str(workdir))
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    except FileNotFoundError as e:
        raise BadInput("服务器未安装 LibreOffice（soffice），无法转换旧版格式文件") from e
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        raise BadInput(f"转换超时（超过 {limit:g} 秒），文件可能过大或已损坏") from None
    finally:
        _kill_group(proc)  # also any helper LibreOffice left behind


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
