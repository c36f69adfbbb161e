"""The judging sheet (评审表): every judged record that passed its checks, for staff to fill in.

What is judged and how is the campaign's ``awards.judging`` (:mod:`paperdesk.awards`): the records
of one deliverable (the docs of a case-kind form), a prize column with a drop-down of the prize
levels and a yes/no column for the booklet. Staff fill it in Excel/WPS (the file in the outbox,
saved in place) or on the review page; both end up in the state database, and a value the two
sources disagree on is a *conflict*: shown (light red cell and the 评审说明 column here, both values
on the page), never settled by guessing.

Pure helpers and the file format only; reading the state and deciding what an edit of the sheet
means is ``flows.steps.judging`` (it compares each cell with what the last published sheet held).

- :func:`entries` — one :class:`Entry` per record (JSON-able, kept by the run as a snapshot for
  the certificates, the booklet and the review page);
- :func:`verdicts` — each entry's prize and booklet choice from the recorded judging values;
- :func:`write_sheet` / :func:`read_sheet` — the xlsx, with a hidden 标识 column per row.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from checks.case_images import case_kits
from checks.context import Ctx
from paperdesk import textnorm
from paperdesk.awards import JudgingSettings
from paperdesk.campaign import Campaign
from paperdesk.models import CaseDoc, Flag, Submission
from writers import atomic
from writers.labels import is_active
from writers.xlsx_style import Col, Mark, new_workbook, table_sheet

PRIZE, BOOKLET = "prize", "booklet"
FIELDS = (PRIZE, BOOKLET)
KEY_HEADER = "标识"
NOTE_HEADER = "评审说明"
SID = "学号"


@dataclass(frozen=True)
class Picture:
    """A picture of a record: ``sha256`` of its bytes, ``holder`` the content hash of the file
    that holds it (the docx it is embedded in, or the image file itself), ``holder_kind`` that
    file's kind (docx, doc, image …)."""

    sha256: str
    name: str
    caption: str
    embedded: bool
    holder: str
    holder_kind: str


@dataclass(frozen=True)
class Entry:
    """One judged record: who, what, where it came from, and its texts and pictures (the life
    photo never among them)."""

    key: str
    college: str
    author: str
    student_id: str
    #: the author line's other fields as the form names them (class …), never the 学号
    author_fields: dict
    title: str
    chars: int
    file: str
    deliverable: str
    sections: tuple[tuple[str, str], ...] = ()  # (printed label, text), in the form's order
    pictures: tuple[Picture, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_dict(d: dict) -> "Entry":
        return Entry(**{**d, "sections": tuple(tuple(s) for s in d.get("sections") or ()),
                        "pictures": tuple(Picture(**p) for p in d.get("pictures") or ())})


def item_key(college: str, student_id: str, author: str, title: str) -> str:
    """A record's stable identity across runs (a resubmitted file with the same author and title
    keeps its judging): college, the author's 学号 (else name) and the title."""
    who = textnorm.student_id(student_id) or textnorm.squash(author)
    text = "\x1f".join([college, who, textnorm.squash(title)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def entries(campaign: Campaign, settings: JudgingSettings, submission: Submission) -> list[Entry]:
    """Every record of the judged deliverable, colleges in campaign order, files by path."""
    ctx = Ctx(campaign, submission)
    form = campaign.form_of(settings.deliverable) if settings.deliverable in {d.key for d in campaign.deliverables} else None
    labels = [(s.key, s.label) for s in form.sections] if form else []
    out: list[Entry] = []
    seen: set[str] = set()
    for college in ctx.colleges:
        for kit in sorted(case_kits(ctx, college), key=lambda k: k.case.file):
            rec: CaseDoc = kit.case.record
            if kit.case.deliverable != settings.deliverable:
                continue
            key = item_key(college, kit.author_sid, kit.author, rec.title)
            if key in seen:  # the same author and title twice: the second by its file
                key = hashlib.sha256(f"{key}\x1f{kit.case.file}".encode()).hexdigest()[:12]
            seen.add(key)
            holder = kit.case.ident.item
            pics = []
            for p in kit.pictures:
                if p.embedded:
                    pics.append(Picture(p.sha256, p.name, _caption(rec, p), True, holder.sha256, holder.kind))
                else:
                    item = next((f.item for f in submission.files if f.item.display == p.file), None)
                    pics.append(Picture(p.sha256, p.name, "", False, item.sha256 if item else p.sha256,
                                        item.kind if item else "image"))
            sections = tuple((label, rec.sections.get(k, "")) for k, label in labels if rec.sections.get(k, "").strip())
            fields = {k: v for k, v in rec.author.items() if k != SID}
            out.append(Entry(key, college, kit.author, kit.author_sid, fields, rec.title,
                             rec.char_count, kit.case.file, kit.case.deliverable or "", sections, tuple(pics)))
    return out


def _caption(rec: CaseDoc, pic) -> str:
    return next((r.caption for r in rec.images if r.sha256 == pic.sha256 and r.caption), "")


def on_entry(entry: Entry, flag: Flag) -> bool:
    """Whether ``flag`` is about this record: same college and deliverable, and its file or its
    author (学号, else name)."""
    if flag.college != entry.college or flag.deliverable != entry.deliverable:
        return False
    if flag.file == entry.file:
        return True
    if flag.student_id:
        return textnorm.student_id(flag.student_id) == entry.student_id
    return bool(flag.name) and textnorm.squash(flag.name) == textnorm.squash(entry.author)


def errors_on(entry: Entry, flags: list[Flag]) -> list[Flag]:
    """The open or confirmed errors on a record (what keeps it out of judging)."""
    return [f for f in flags if f.severity == "error" and is_active(f) and on_entry(entry, f)]


# ---------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Verdict:
    """An entry's judging: the prize and the booklet choice ("" = not decided), and for each
    field on which the review page and the sheet disagree, both values."""

    prize: str = ""
    booklet: str = ""
    conflicts: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (web, sheet)

    def value(self, name: str) -> str:
        return self.prize if name == PRIZE else self.booklet


def resolve(sources: dict[str, dict] | None) -> tuple[str, tuple[str, str] | None]:
    """(value, conflict) of one field from its recorded sources: the review page's and the sheet's
    value agree, or only one of them exists → that value; they differ → ("", (web, sheet))."""
    sources = sources or {}
    web = sources.get("web", {}).get("value")
    sheet = sources.get("sheet", {}).get("value")
    if web is not None and sheet is not None and web != sheet:
        return "", (web, sheet)
    return (web if web is not None else sheet) or "", None


def verdicts(keys: list[str], judgments: dict[tuple[str, str], dict[str, dict]]) -> dict[str, Verdict]:
    out = {}
    for key in keys:
        values, conflicts = {}, {}
        for name in FIELDS:
            values[name], conflict = resolve(judgments.get((key, name)))
            if conflict:
                conflicts[name] = conflict
        out[key] = Verdict(values[PRIZE], values[BOOKLET], conflicts)
    return out


def normalise(settings: JudgingSettings, name: str, text: object) -> tuple[str, str | None]:
    """A cell's value as a judging value, and a Chinese problem when it is none of the allowed
    values (then the value is not taken)."""
    value = textnorm.clean("" if text is None else str(text)).replace(" ", "")
    if not value:
        return "", None
    allowed = settings.prizes if name == PRIZE else (settings.selected, settings.not_selected)
    for a in allowed:
        if textnorm.squash(a) == textnorm.squash(value):
            return a, None
    column = settings.prize_column if name == PRIZE else settings.booklet_column
    return "", f"“{column}”填写了“{value}”，不是可选的值（{'、'.join(allowed)}），未读入"


# ---------------------------------------------------------------------------- the sheet


def columns(settings: JudgingSettings) -> list[Col]:
    return [Col("序号"), Col("学院"), Col("作者"), Col("学号", text=True), Col("标题", max_width=40), Col("字数"),
            Col("图片数"), Col(settings.prize_column), Col(settings.booklet_column), Col(NOTE_HEADER, max_width=40),
            Col(KEY_HEADER, text=True)]


def sheet_value(verdict: Verdict, name: str) -> str:
    """What the sheet shows for a field: the decided value, or in a conflict the sheet's own."""
    if name in verdict.conflicts:
        return verdict.conflicts[name][1]
    return verdict.value(name)


def conflict_note(settings: JudgingSettings, verdict: Verdict) -> str:
    lines = []
    for name, (web, sheet) in verdict.conflicts.items():
        column = settings.prize_column if name == PRIZE else settings.booklet_column
        lines.append(f"冲突：{column}在审核网页上为“{web or '（空）'}”，本表为“{sheet or '（空）'}”。"
                     f"请在网页上选定，或把本格改为一致的值")
    return "\n".join(lines)


def write_sheet(outbox: Path, campaign: Campaign, settings: JudgingSettings, rows: list[Entry],
                verdicts_by_key: dict[str, Verdict], generated_at: str,
                notes: dict[str, str] | None = None) -> tuple[Path, dict[tuple[str, str], str]]:
    """Write the sheet; return its path and what it holds per (key, field) (for the next read)."""
    cols = columns(settings)
    values, marks, written = [], [], {}
    for i, e in enumerate(rows):
        v = verdicts_by_key.get(e.key, Verdict())
        shown = {name: sheet_value(v, name) for name in FIELDS}
        written.update({(e.key, name): shown[name] for name in FIELDS})
        note = "\n".join(x for x in (conflict_note(settings, v), (notes or {}).get(e.key, "")) if x)
        values.append([i + 1, e.college, e.author, e.student_id, e.title, e.chars, len(e.pictures),
                       shown[PRIZE], shown[BOOKLET], note, e.key])
        marks += [Mark(i, settings.prize_column if n == PRIZE else settings.booklet_column) for n in v.conflicts]
    wb, ws = new_workbook()
    title = f"{settings.file_name.removesuffix('.xlsx')}（截至 {generated_at[:16].replace('T', ' ')}）"
    header = table_sheet(ws, cols, values, title=title, marks=marks, sheet_name=settings.file_name.removesuffix(".xlsx"))
    last = header + max(len(rows), 1) + 200  # room for a few rows more without losing the drop-down
    index = {c.header: get_column_letter(j) for j, c in enumerate(cols, start=1)}
    for name, options in ((settings.prize_column, settings.prizes),
                          (settings.booklet_column, (settings.selected, settings.not_selected))):
        dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="请从列表中选择",
                            error=f"{name}只能填写：{'、'.join(options)}（或留空）")
        dv.add(f"{index[name]}{header + 1}:{index[name]}{last}")
        ws.add_data_validation(dv)
    ws.column_dimensions[index[KEY_HEADER]].hidden = True
    return atomic.save_workbook(wb, Path(outbox) / settings.file_name, generated_at), written


@dataclass(frozen=True)
class SheetRead:
    """What a staff-edited sheet holds: {key: {field: value}} of the rows it could read, and
    Chinese problems (a value that is not allowed, a file that cannot be opened)."""

    values: dict[str, dict[str, str]]
    problems: tuple[str, ...] = ()
    readable: bool = True


def read_sheet(path: Path, settings: JudgingSettings) -> SheetRead:
    """Read the sheet back (rows by their hidden 标识; the columns by their headers, wherever
    staff moved them). A missing file reads as empty; one that cannot be opened as unreadable."""
    path = Path(path)
    if not path.is_file():
        return SheetRead({})
    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as e:  # noqa: BLE001 - any broken or foreign file: say so, never crash
        return SheetRead({}, (f"{path.name} 无法打开（{type(e).__name__}），其中的评审结果未读入，本次也未覆盖该文件；"
                              f"请在 Excel/WPS 中另存为 .xlsx 后重新处理",), readable=False)
    try:
        ws = wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    want = {KEY_HEADER: "key", settings.prize_column: PRIZE, settings.booklet_column: BOOKLET}
    for h, row in enumerate(rows[:20]):
        heads = {textnorm.squash(str(c)): j for j, c in enumerate(row) if c is not None}
        if all(textnorm.squash(k) in heads for k in want):
            where = {v: heads[textnorm.squash(k)] for k, v in want.items()}
            break
    else:
        return SheetRead({}, (f"{path.name} 中找不到“{KEY_HEADER}”“{settings.prize_column}”“{settings.booklet_column}”列，"
                              f"未读入（请勿删除这些列）",), readable=False)
    values: dict[str, dict[str, str]] = {}
    problems = []
    for n, row in enumerate(rows[h + 1:], start=h + 2):
        cell = lambda j: row[j] if j < len(row) else None  # noqa: E731
        key = textnorm.clean(str(cell(where["key"]) or "")).strip()
        if not key:
            continue
        got = {}
        for name in FIELDS:
            value, problem = normalise(settings, name, cell(where[name]))
            if problem:
                problems.append(f"{path.name} 第{n}行：{problem}")
                continue
            got[name] = value
        values[key] = got
    return SheetRead(values, tuple(problems))
