"""Writers of the files a college secretary would send for the 2021 notice: the 推荐汇总表 in
Excel (several layouts), the 申请表 in Word (several layouts), the sealed paper copy as a scan
(via :mod:`sampledata.synth`), zips (UTF-8 or Windows GBK names) and a saved email.

Everything is deterministic: fixed document properties, fixed zip timestamps, fixed mtimes.
"""

from __future__ import annotations

import base64
import io
import os
import re
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Sequence

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

CST = timezone(timedelta(hours=8))
FIXED_CREATED = datetime(2021, 11, 6, 9, 0, 0)


def stamp(path: Path, when: datetime) -> None:
    """Set the file's mtime (and atime) to ``when`` (an aware datetime)."""
    ts = when.timestamp()
    os.utime(path, (ts, ts))


# ------------------------------------------------------------------ xlsx: 推荐汇总表


@dataclass
class Sheet:
    """One worksheet laid out as a college would fill it.

    ``above``: rows above the table header, each a list of (column index 1-based, text, span)
    cells (span = how many columns the cell is merged over). ``columns``: (header text, key).
    ``rows``: dicts key → value (str, int or float, written with that type). ``formats``: key →
    number format. ``merge_down``: keys whose equal consecutive values are written once and merged
    vertically. ``below``: rows under the table, like ``above``.
    """

    title: str
    columns: Sequence[tuple[str, str]]
    rows: Sequence[dict[str, Any]]
    above: Sequence[Sequence[tuple[int, str, int]]] = ()
    below: Sequence[Sequence[tuple[int, str, int]]] = ()
    formats: dict[str, str] = field(default_factory=dict)
    merge_down: Sequence[str] = ()
    widths: dict[str, float] = field(default_factory=dict)
    title_rows: int = 1  # how many of ``above`` are title lines (bold, centred)


def write_xlsx(path: Path, sheets: Sequence[Sheet], when: datetime) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for sh in sheets:
        ws = wb.create_sheet(sh.title)
        r = 1
        for k, line in enumerate(sh.above):
            _line(ws, r, line, title=k < sh.title_rows)
            r += 1
        head = r
        for c, (text, key) in enumerate(sh.columns, start=1):
            cell = ws.cell(head, c, text)
            cell.font = Font(bold=True)
            cell.border = box
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[cell.column_letter].width = sh.widths.get(key, max(8, 2.2 * len(text)))
        r = head + 1
        keys = [k for _, k in sh.columns]
        for i, row in enumerate(sh.rows):
            for c, key in enumerate(keys, start=1):
                value = row.get(key, "")
                cell = ws.cell(r + i, c, None if value == "" else value)
                cell.border = box
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                if key in sh.formats:
                    cell.number_format = sh.formats[key]
        for key in sh.merge_down:
            c = keys.index(key) + 1
            start = 0
            for i in range(1, len(sh.rows) + 1):
                if i == len(sh.rows) or sh.rows[i].get(key) != sh.rows[start].get(key):
                    if i - start > 1:
                        for j in range(start + 1, i):
                            ws.cell(r + j, c).value = None
                        ws.merge_cells(start_row=r + start, start_column=c, end_row=r + i - 1, end_column=c)
                    start = i
        r += len(sh.rows)
        for line in sh.below:
            _line(ws, r, line)
            r += 1
    wb.properties.creator = "Administrator"
    wb.properties.lastModifiedBy = "Administrator"
    wb.properties.created = FIXED_CREATED
    wb.properties.modified = when.astimezone(timezone.utc).replace(tzinfo=None)
    buf = io.BytesIO()
    wb.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_zip_times(buf.getvalue(), when))
    stamp(path, when)
    return path


def _line(ws, r: int, cells: Sequence[tuple[int, str, int]], title: bool = False) -> None:
    for col, text, span in cells:
        cell = ws.cell(r, col, text)
        cell.alignment = Alignment(horizontal="center" if title else "left", vertical="center", wrap_text=True)
        if title:
            cell.font = Font(bold=True, size=14)
            ws.row_dimensions[r].height = 28
        if span > 1:
            ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + span - 1)


def _fixed_zip_times(data: bytes, when: datetime) -> bytes:
    """Re-pack an OOXML package with every member dated ``when`` (openpyxl/python-docx use now)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    t = when.astimezone(CST).timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=t)
            zi.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "now" on save
                iso = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + iso, data)
            dst.writestr(zi, data)
    return out.getvalue()


# ------------------------------------------------------------------ docx: 申请表


@dataclass
class FormValues:
    """What one 申请表 says (as written by the applicant)."""

    姓名: str
    学号: str
    学院: str
    专业班级: str
    政治面貌: str
    推荐类别: str
    担任职务: str
    平均学分绩点: str
    不及格科目数: str
    主要事迹: str
    学院意见: str = "该生情况属实，经学院评选小组审核并公示无异议，同意推荐。"
    意见日期: str = "2021年11月15日"


def _cjk(doc: Document, name: str = "宋体", size: float = 10.5) -> None:
    st = doc.styles["Normal"]
    st.font.name = name
    st.font.size = Pt(size)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), name)


def _set(cell, text: str, bold: bool = False, center: bool = True) -> None:
    lines = text.split("\n")
    cell.text = ""
    p = cell.paragraphs[0]
    for k, line in enumerate(lines):
        if k:
            p = cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT


def write_form_docx(path: Path, v: FormValues, style: str, when: datetime, *,
                    labels: dict[str, str] | None = None, heading: str = "附件2") -> Path:
    """One 申请表 as a Word table. ``style`` "beside": label cells with the value to their right
    (4 columns, the template's layout); "below": labels with colons, 推荐类别 as check boxes, the
    long texts under their label rows; "inline": label and value in one cell (``姓名：刘子涵``). ``labels`` overrides label texts (e.g. ``姓  名``)."""
    lab = {"姓名": "姓  名", "学号": "学  号", "学院": "学  院", "专业班级": "专业班级", "政治面貌": "政治面貌",
           "推荐类别": "推荐类别", "担任职务": "担任职务", "平均学分绩点": "平均学分绩点",
           "不及格科目数": "不及格科目数", "主要事迹": "主要事迹\n（不超过800字）", "学院意见": "学院意见"}
    lab.update(labels or {})
    doc = Document()
    _cjk(doc)
    doc.core_properties.author = "Administrator"
    doc.core_properties.created = FIXED_CREATED
    doc.core_properties.modified = when.astimezone(timezone.utc).replace(tzinfo=None)
    doc.core_properties.last_modified_by = "Administrator"
    doc.core_properties.revision = 1
    if heading:
        doc.add_paragraph(heading)
    t = doc.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = t.add_run("肇庆学院2021年度优秀学生干部、优秀团员申请表")
    r.bold = True
    r.font.size = Pt(16)
    opinion = f"{v.学院意见}\n\n（盖章）\n{v.意见日期}"
    if style == "beside":
        table = doc.add_table(rows=7, cols=4)
        table.style = "Table Grid"
        pairs = [("姓名", "学号"), ("学院", "专业班级"), ("政治面貌", "推荐类别"), ("担任职务", "平均学分绩点")]
        for i, (a, b) in enumerate(pairs):
            row = table.rows[i].cells
            _set(row[0], lab[a], bold=True)
            _set(row[1], getattr(v, a))
            _set(row[2], lab[b], bold=True)
            _set(row[3], getattr(v, b))
        row = table.rows[4].cells
        _set(row[0], lab["不及格科目数"], bold=True)
        merged = row[1].merge(row[3])
        _set(merged, v.不及格科目数)
        for i, key, text in ((5, "主要事迹", v.主要事迹), (6, "学院意见", opinion)):
            row = table.rows[i].cells
            _set(row[0], lab[key], bold=True)
            merged = row[1].merge(row[3])
            _set(merged, text, center=False)
    elif style == "below":
        table = doc.add_table(rows=9, cols=4)
        table.style = "Table Grid"
        for i, (a, b) in enumerate([("姓名", "学号"), ("学院", "专业班级"), ("政治面貌", "担任职务")]):
            row = table.rows[i].cells
            _set(row[0], lab[a], bold=True)
            _set(row[1], getattr(v, a))
            _set(row[2], lab[b], bold=True)
            _set(row[3], getattr(v, b))
        row = table.rows[3].cells
        _set(row[0], lab["推荐类别"], bold=True)
        merged = row[1].merge(row[3])
        boxes = "　　".join(("☑" if v.推荐类别 == c else "□") + c for c in ("优秀学生干部", "优秀团员"))
        _set(merged, boxes)
        row = table.rows[4].cells
        _set(row[0], lab["平均学分绩点"], bold=True)
        _set(row[1], v.平均学分绩点)
        _set(row[2], lab["不及格科目数"], bold=True)
        _set(row[3], v.不及格科目数)
        for i, key, text in ((5, "主要事迹", v.主要事迹), (7, "学院意见", opinion)):
            head = table.rows[i].cells[0].merge(table.rows[i].cells[3])
            _set(head, lab[key], bold=True, center=False)
            body = table.rows[i + 1].cells[0].merge(table.rows[i + 1].cells[3])
            _set(body, text, center=False)
    elif style == "inline":
        # label and value typed into one cell ("姓名：刘子涵"), two such cells a row; long texts below
        table = doc.add_table(rows=9, cols=2)
        table.style = "Table Grid"
        pairs = [("姓名", "学号"), ("学院", "专业班级"), ("政治面貌", "推荐类别"), ("担任职务", "平均学分绩点"),
                 ("不及格科目数", None)]
        for i, (a, b) in enumerate(pairs):
            row = table.rows[i].cells
            _set(row[0], f"{lab[a].strip()}：{getattr(v, a)}", center=False)
            if b:
                _set(row[1], f"{lab[b].strip()}：{getattr(v, b)}", center=False)
        for i, key, text in ((5, "主要事迹", v.主要事迹), (7, "学院意见", opinion)):
            head = table.rows[i].cells[0].merge(table.rows[i].cells[1])
            _set(head, lab[key].replace("\n", ""), bold=True, center=False)
            body = table.rows[i + 1].cells[0].merge(table.rows[i + 1].cells[1])
            _set(body, text, center=False)
    else:
        raise ValueError(style)
    buf = io.BytesIO()
    doc.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_zip_times(buf.getvalue(), when))
    stamp(path, when)
    return path


# ------------------------------------------------------------------ the sealed paper copy


def write_scan(path: Path, campaign, college: str, header: dict[str, str], rows: Sequence[dict[str, str]], *,
               sealed: bool, dpi: int, skew: float, seed: int, when: datetime, jpeg: int = 80,
               grey: bool = False) -> Path:
    """The printed 推荐汇总表 (the campaign's B1 layout) as scanned: with the 学院公章
    ("肇庆学院<学院>", kind other) over the college's name when ``sealed``."""
    from sampledata.synth import SealSpec, degrade, render_form, to_pdf

    data = {"header": dict(header), "rows": [{k: str(v) for k, v in r.items()} for r in rows]}
    page = render_form(campaign, "B1", data, dpi=dpi)
    seal = SealSpec(college, kind="other") if sealed else None
    scan = degrade(page, seal=seal, skew_deg=skew, jpeg_quality=jpeg, noise=0.01, seed=seed,
                   paper=(0.96, 0.98, 1.0), colour=not grey)
    path.parent.mkdir(parents=True, exist_ok=True)
    to_pdf([scan], path, quality=jpeg)
    _fix_pdf_dates(path)
    stamp(path, when)
    return path


def _fix_pdf_dates(path: Path) -> None:
    """Pillow's PDF writer stamps the current time; pin it so the inbox is byte-reproducible."""
    data = path.read_bytes()
    data = re.sub(rb"D:\d{14}Z?", b"D:20211116100000", data)
    path.write_bytes(data)


# ------------------------------------------------------------------ packaging


class _GbkInfo(zipfile.ZipInfo):
    """A member name stored as Windows' built-in zip and WinRAR do on Chinese Windows: GBK bytes,
    no UTF-8 flag."""

    def _encodeFilenameFlags(self):  # noqa: N802 (CPython's name)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(path: Path, members: Sequence[tuple[str, Path]], when: datetime, *, gbk: bool = False,
              dirs: Sequence[str] = ()) -> Path:
    """A zip of ``members`` (name inside → file), every entry dated ``when``; ``dirs`` adds
    directory entries (as Windows does for a zipped folder)."""
    t = when.astimezone(CST).timetuple()[:6]
    cls = _GbkInfo if gbk else zipfile.ZipInfo
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for d in dirs:
            zi = cls(d.rstrip("/") + "/", date_time=t)
            zi.create_system = 0
            zi.external_attr = 0x10
            z.writestr(zi, b"")
        for name, src in members:
            zi = cls(name, date_time=t)
            zi.create_system = 0
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read_bytes())
    stamp(path, when)
    return path


def _b64_words(text: str, charset: str) -> str:
    """RFC 2047 encoded-words (B encoding), split so each stays under 76 characters."""
    words, chunk = [], ""
    for ch in text:
        if len(base64.b64encode((chunk + ch).encode(charset))) > 45:
            words.append(chunk)
            chunk = ""
        chunk += ch
    words.append(chunk)
    return "\r\n ".join(f"=?{charset}?B?{base64.b64encode(w.encode(charset)).decode()}?=" for w in words)


def _wrap64(data: bytes) -> str:
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def _rfc2231(param: str, value: str, chunk: int = 45) -> str:
    """``param*0*=UTF-8''…; param*1*=…`` (RFC 2231 with continuations), never splitting a %XX."""
    tokens = re.findall(r"%[0-9A-F]{2}|.", urllib.parse.quote(value.encode("utf-8"), safe=""))
    parts, cur = [], ""
    for tok in tokens:
        if len(cur) + len(tok) > chunk:
            parts.append(cur)
            cur = ""
        cur += tok
    parts.append(cur)
    if len(parts) == 1:
        return f"{param}*=UTF-8''{parts[0]}"
    return ";\r\n\t".join(f"{param}*{i}*=" + ("UTF-8''" if i == 0 else "") + p for i, p in enumerate(parts))


def write_eml(path: Path, *, sender_name: str, sender: str, subject: str, sent: datetime, body: str,
              attachments: Sequence[tuple[str, bytes, str, str]], saved: datetime, msg_id: str) -> Path:
    """A saved email as a Chinese webmail client writes it: GB18030 subject and body, each
    attachment ``(file name, bytes, content type, how)`` with ``how`` "2047" (an encoded-word in
    ``name=``, as Foxmail does), "2231" (``filename*=`` with continuations, as Outlook does) or
    "both". The file's mtime is ``saved`` (when the office saved it), the Date header ``sent``."""
    boundary = "----=_NextPart_61976A2C_0E1B3C40_5F2D7A19"
    lines = [
        f"From: {_b64_words(sender_name, 'GB18030')} <{sender}>",
        "To: \"xgb_pyxx\" <xgb_pyxx@163.com>",
        f"Subject: {_b64_words(subject, 'GB18030')}",
        f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S %z')}",
        f"Message-ID: <{msg_id}>",
        "X-Mailer: Foxmail 7.2.20.273[cn]",
        "MIME-Version: 1.0",
        f"Content-Type: multipart/mixed;\r\n\tboundary=\"{boundary}\"",
        "",
        "This is a multi-part message in MIME format.",
        "",
        f"--{boundary}",
        "Content-Type: text/plain;\r\n\tcharset=\"GB18030\"",
        "Content-Transfer-Encoding: base64",
        "",
        _wrap64(body.encode("gb18030")),
        "",
    ]
    for name, data, ctype, how in attachments:
        name_param = f"name=\"{_b64_words(name, 'GB18030')}\"" if how in ("2047", "both") else _rfc2231("name", name)
        if how == "2047":
            disp = f"attachment;\r\n\tfilename=\"{_b64_words(name, 'GB18030')}\""
        else:
            disp = "attachment;\r\n\t" + _rfc2231("filename", name)
        lines += [f"--{boundary}", f"Content-Type: {ctype};\r\n\t{name_param}", "Content-Transfer-Encoding: base64",
                  f"Content-Disposition: {disp}", "", _wrap64(data), ""]
    lines += [f"--{boundary}--", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("\r\n".join(lines).encode("ascii"))
    stamp(path, saved)
    return path
