"""Typed records passed between paperdesk's layers.

Every layer speaks these plain frozen dataclasses and nothing else:

    intake/      inbox files          -> IntakeItem (one per file, archive member or attachment)
    extractors/  IntakeItem's bytes   -> Extracted (CaseDoc | FormDoc | TableDoc | ImageFile | FreeDoc)
                                         or an ExtractionError (bad input is data, not an exception)
    checks/      Submission (records of one campaign, grouped per college) -> list[Flag]
    writers/     records + flags      -> files in outbox/

No module here does I/O. Values are strings as read from the document (already stripped and
normalised by ``paperdesk.textnorm``), so that checks decide what a value means.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal, Union

Severity = Literal["error", "warning"]
FileState = Literal["used", "duplicate", "ignored", "unreadable", "superseded"]
FlagStatus = Literal["open", "confirmed", "waived", "resolved"]

#: Path separator between an archive (or email) and a member inside it: ``outer.zip!inner/a.docx``.
MEMBER_SEP = "!"


@dataclass(frozen=True)
class CollegeHint:
    """One source's opinion on which college a file belongs to.

    ``source`` is one of ``archive`` (archive file name), ``folder`` (a folder on the path),
    ``filename``, ``header`` (a 学院 field inside the document), ``email_subject``,
    ``email_sender``. ``text`` is the raw text the hint was read from; ``college`` the official
    name it resolved to (None when nothing matched).
    """

    source: str
    text: str
    college: str | None


@dataclass(frozen=True)
class IntakeItem:
    """A leaf file found in the inbox: a loose file, an archive member or an email attachment.

    ``display`` is the path staff see (``学院/outer.zip!inner/a.docx``); ``blob`` is the absolute
    path of the content-addressed copy in the state folder (the inbox is never read twice nor
    modified). ``kind`` is sniffed from content: docx, xlsx, pdf, image, zip, eml, doc, xls,
    text, unknown ... ``state``/``reason`` are only set by intake for files it already decided on
    (clutter -> ignored, broken archive -> unreadable); everything else is decided later.
    """

    display: str
    sha256: str
    size: int
    kind: str
    blob: str
    received_at: str  # ISO 8601 with timezone
    hints: tuple[CollegeHint, ...] = ()
    email_date: str | None = None  # Date header of the carrying email, ISO 8601
    state: FileState | None = None
    reason: str | None = None
    container: str | None = None  # display path of the archive/email it came out of
    #: unreadable only because reading it passed its time or memory budget (extractors.pool):
    #: the office's limit, not the college's fault
    over_budget: bool = False


# ---------------------------------------------------------------- extracted documents


@dataclass(frozen=True)
class ImageRef:
    """A picture belonging to a case: embedded in the docx or a separate file beside it."""

    name: str
    size: int  # bytes
    caption: str = ""
    embedded: bool = True
    is_life_photo: bool = False
    source: str = ""  # display path of the file that holds it
    sha256: str = ""  # of the image's bytes: the same picture embedded twice, or also sent beside, counts once


@dataclass(frozen=True)
class CaseDoc:
    """A1: one excellent case (案例文本)."""

    source: str
    title: str
    author: dict[str, str]  # keys: 姓名 学号 学院 所带班级 (whatever was found)
    sections: dict[str, str]  # section key (背景与起因 做法与流程 效果与启示 创意与评价) -> text
    body: str  # text counted for length: sections' text without title, author line, captions
    char_count: int
    images: tuple[ImageRef, ...] = ()
    deliverable: str = "cases"


@dataclass(frozen=True)
class FormDoc:
    """A5 (or any label/value form): fields by canonical label, as in the campaign's form definition."""

    source: str
    form: str  # form id, e.g. "A5"
    fields: dict[str, str]
    deliverable: str = "assessment-forms"
    confidence: dict[str, float] = field(default_factory=dict)  # per field, scans only
    from_scan: bool = False
    paper: "PaperInfo | None" = None  # scans only: seals, doubts, evidence crops


@dataclass(frozen=True)
class TableRow:
    """One data row of a table form; ``cells`` keyed by canonical column key (e.g. "姓名")."""

    row: int  # 1-based row number in the sheet (for messages)
    cells: dict[str, str]
    confidence: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class TableDoc:
    """A2/A3/A4: a table form with its header line fields and its rows."""

    source: str
    form: str
    sheet: str
    header: dict[str, str]  # e.g. 学院, 带班党员总数, 公示时间, 填表人, 联系电话, 日期
    rows: tuple[TableRow, ...]
    deliverable: str = ""
    from_scan: bool = False
    paper: "PaperInfo | None" = None  # scans only: seals, doubts, evidence crops
    notes: tuple[str, ...] = ()  # Chinese: what the extractor left unread ("表格过大，只读取了前 N 行")


@dataclass(frozen=True)
class ImageFile:
    """A loose image (life photo, case picture, or a scan before OCR)."""

    source: str
    name: str
    size: int
    is_life_photo: bool = False
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class FreeDoc:
    """A document of free form (the work summary), kept as text."""

    source: str
    title: str
    text: str
    deliverable: str = "work-summary"
    from_scan: bool = False
    paper: "PaperInfo | None" = None  # scans only: seals, doubts, evidence crops
    notes: tuple[str, ...] = ()  # Chinese: what the extractor left unread (rows, pages over a cap)


@dataclass(frozen=True)
class ExtractionError:
    """A file that could not be read: ``reason`` is Chinese and shown to staff. ``budget`` marks
    a file stopped by its time or memory limit (or a worker that died): not a fact about the
    file, so it is not cached and the next run tries again (with the limits then in force)."""

    source: str
    reason: str
    budget: bool = False


Extracted = Union[CaseDoc, FormDoc, TableDoc, ImageFile, FreeDoc, ExtractionError]


# ---------------------------------------------------------------- identification


@dataclass(frozen=True)
class Identified:
    """What a file is: its college (official name or None), deliverable key and person."""

    item: IntakeItem
    college: str | None
    deliverable: str | None
    hints: tuple[CollegeHint, ...] = ()
    person: str | None = None
    student_id: str | None = None
    record: Extracted | None = None


# ---------------------------------------------------------------- flags


@dataclass(frozen=True)
class Flag:
    """A finding. ``id`` is stable across runs: a hash of what the finding is about, not of when."""

    code: str
    severity: Severity
    message: str  # Chinese
    college: str | None = None
    deliverable: str | None = None  # a key of §3, or "intake"
    student_id: str | None = None
    name: str | None = None
    file: str | None = None
    field: str | None = None
    expected: str | None = None
    found: str | None = None
    evidence: tuple[str, ...] = ()
    status: FlagStatus = "open"

    @property
    def id(self) -> str:
        key = "\x1f".join(
            str(x or "")
            for x in (self.code, self.college, self.deliverable, self.student_id, self.name, self.file, self.field)
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @property
    def fingerprint(self) -> str:
        """What a review decision was made on: when this changes, the decision is stale."""
        key = "\x1f".join([self.expected or "", self.found or "", self.file or "", *self.evidence])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "fingerprint": self.fingerprint,
            "code": self.code,
            "severity": self.severity,
            "college": self.college,
            "deliverable": self.deliverable,
            "student_id": self.student_id,
            "name": self.name,
            "file": self.file,
            "field": self.field,
            "expected": self.expected,
            "found": self.found,
            "message": self.message,
            "status": self.status,
            "evidence": list(self.evidence),
        }


# ---------------------------------------------------------------- the whole run, for checks and writers


@dataclass(frozen=True)
class Submission:
    """Everything one run knows: every intake item (all states) and every identified used file.

    ``items`` holds every file intake saw, including ignored/unreadable/duplicate ones; ``files``
    the identified files in state ``used`` (duplicates, superseded and unreadable files left out), each with its
    extracted record. Checks group ``files`` by ``college`` and ``deliverable``.
    """

    items: tuple[IntakeItem, ...]
    files: tuple[Identified, ...]

    def of_college(self, college: str) -> tuple[Identified, ...]:
        return tuple(f for f in self.files if f.college == college)

    def records(self, college: str, deliverable: str) -> list:
        return [f.record for f in self.files if f.college == college and f.deliverable == deliverable and f.record is not None]


# ---------------------------------------------------------------- paper copies (scans)

#: folder of ``outbox/`` that holds evidence crops of scan-based flags
EVIDENCE_DIR = "证据"


#: the seal finder's confidence from which a candidate's ring text is read and its crop kept as
#: evidence; whether a page carries a seal is decided only by the checks (``checks.seals``, against
#: the campaign's ``seal_min_confidence``, which may not be set below this)
SEAL_EVIDENCE_FLOOR = 0.3


@dataclass(frozen=True)
class SealCheck:
    """What the seal finder saw on one page of a scan: evidence, no verdict.

    ``page`` is 1-based in the file; ``confidence`` is the finder's (0 without a candidate);
    ``bbox`` the best candidate in page pixels (None without one); ``ring_text`` what OCR read
    around the ring (read for candidates from :data:`SEAL_EVIDENCE_FLOOR` on, else ""). ``crop``
    is the key in :attr:`PaperInfo.crops` of the evidence image (the candidate, or the whole page
    when there is none worth showing). Whether the seal is present, whose it is and whether it
    is a party committee's are judged in one place: :mod:`checks.seals`.
    """

    page: int
    confidence: float
    bbox: tuple[int, int, int, int] | None = None
    ring_text: str = ""
    crop: str = ""


@dataclass(frozen=True)
class ScanDoubt:
    """A field the scan reader itself doubts (validator failed, label not found …): ``reason``
    is Chinese; ``row`` the table row (None for label/value forms and header fields)."""

    field: str
    value: str
    confidence: float
    reason: str
    row: int | None = None
    page: int | None = None  # 1-based


@dataclass(frozen=True)
class PaperInfo:
    """What a record read from a scan carries besides its values: the file's pages it was read
    from (1-based), the seal verdict of each of those pages, the reader's doubts, and evidence
    crops as PNG bytes keyed by a stable name (:func:`crop_key`, :func:`seal_key`), and what the
    recogniser saw in each value cell (:class:`paperdesk.lattice.Lattice`, same keys) for
    verification against the electronic twin."""

    pages: tuple[int, ...]
    seals: tuple[SealCheck, ...] = ()
    doubts: tuple[ScanDoubt, ...] = ()
    crops: dict[str, bytes] = field(default_factory=dict)
    lattices: dict[str, object] = field(default_factory=dict)


def crop_key(page: int, field_key: str, row: int | None = None) -> str:
    """Evidence key of a value cell: ``第2页-第3行-学号`` (tables) or ``第1页-学号`` (forms)."""
    middle = f"第{row}行-" if row is not None else ""
    return _safe(f"第{page}页-{middle}{field_key}")


def seal_key(page: int) -> str:
    """Evidence key of a page's seal (or of the whole page when it has no seal): ``第1页-印章``."""
    return f"第{page}页-印章"


def evidence_path(college: str | None, display: str, sha256: str, key: str) -> str:
    """Where the crop ``key`` of the scan ``display`` (content hash ``sha256``) is published,
    relative to ``outbox/``: ``证据/<学院>/<文件名>-<hash8>/<key>.png``. Pure and deterministic:
    checks put this path in a flag's ``evidence``; writers write the crop there."""
    name = display.split(MEMBER_SEP)[-1].replace("\\", "/").split("/")[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{EVIDENCE_DIR}/{_safe(college or '未识别学院')}/{_safe(stem)}-{sha256[:8]}/{_safe(key)}.png"


def _safe(text: str) -> str:
    """A file-name-safe version of ``text`` (no path separators or characters Windows refuses)."""
    out = "".join("_" if ch in '\\/:*?"<>|!' or ord(ch) < 32 else ch for ch in text).strip(" .")
    return out[:80] or "_"
