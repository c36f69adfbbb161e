"""Which pictures and life photos belong to which case (A1).

A case's pictures are the pictures embedded in its docx plus separate image files that belong to
it: files whose name contains the author's name (or that identification attributed to the author),
and files in the same folder of the same archive as the case docx when that folder holds only one
case. The author's life photo (生活照: flagged by the extractor, or named/captioned with one of the
campaign's ``life_photo_keywords``) is never counted as a picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperdesk import textnorm
from paperdesk.models import MEMBER_SEP, ImageFile, ImageRef

from checks.context import NAME, SID, Ctx, Doc


@dataclass(frozen=True)
class Pic:
    """A picture or life photo: embedded in a case docx, or a separate file."""

    name: str
    size: int
    file: str  # display path of the file holding it
    embedded: bool
    life: bool
    sha256: str = ""  # content hash ("" when unknown): one picture sent twice counts once


@dataclass(frozen=True)
class CaseKit:
    """A case with the pictures and life photos attributed to it."""

    case: Doc
    pictures: tuple[Pic, ...]
    life_photos: tuple[Pic, ...]

    @property
    def author(self) -> str:
        return self.case.record.author.get(NAME, "").strip()

    @property
    def author_sid(self) -> str:
        return textnorm.student_id(self.case.record.author.get(SID, ""))


def folder_of(display: str) -> str:
    """The folder part of a display path (archive members keep their archive): ``a.zip!x/y.jpg`` → ``a.zip!x``."""
    return re.split(r"[/\\!](?=[^/\\!]*$)", display)[0] if re.search(r"[/\\!]", display) else ""


def _is_life(keywords: tuple[str, ...], flagged: bool, *texts: str) -> bool:
    return flagged or any(k in (t or "") for k in keywords for t in texts)


def _embedded(ref: ImageRef, file: str, keywords: tuple[str, ...]) -> Pic:
    return Pic(ref.name, ref.size, ref.source or file, True, _is_life(keywords, ref.is_life_photo, ref.name, ref.caption),
               ref.sha256)


def _once(pics: list[Pic]) -> list[Pic]:
    """Pictures without repeats of the same bytes (embedded twice, or embedded and also sent beside
    the docx); a life photo's copy stays a life photo."""
    seen: set[str] = set()
    out = []
    for p in sorted(pics, key=lambda p: not p.life):  # a copy that is a life photo anywhere is one
        if p.sha256 and p.sha256 in seen:
            continue
        seen.add(p.sha256) if p.sha256 else None
        out.append(p)
    return out


def loose_images(ctx: Ctx, college: str, case_folders: set[str]) -> list[tuple[Doc, Pic]]:
    """The college's separate image files of the cases deliverable (or of no deliverable). A file is
    a life photo when its name says so, or when its folder's name does and that folder holds no case
    (``生活照/张三.jpg``)."""
    key = ctx.case_deliverable()
    kw = ctx.checks.life_photo_keywords
    out = []
    for d in ctx.images(college):
        if d.deliverable in (key, None):
            r: ImageFile = d.record
            folder = folder_of(d.file)
            by_folder = folder not in case_folders and _is_life(kw, False, re.split(r"[/\\!]", folder)[-1])
            out.append((d, Pic(r.name, r.size, d.file, False, _is_life(kw, r.is_life_photo, r.name) or by_folder,
                               d.ident.item.sha256)))
    return out


def _owner(doc: Doc, pic: Pic, cases: list[Doc], by_folder: dict[str, list[Doc]]) -> Doc | None:
    """The case a separate image belongs to: by author name in its path inside the archive (or the
    identified person), else by folder."""
    inner = pic.file.split(MEMBER_SEP)[-1]
    for c in cases:
        author = c.record.author.get(NAME, "").strip()
        sid = textnorm.student_id(c.record.author.get(SID, ""))
        if (len(author) >= 2 and author in inner) or (author and doc.ident.person == author) or (sid and doc.ident.student_id == sid):
            return c
    same = by_folder.get(folder_of(pic.file), [])
    return same[0] if len(same) == 1 else None


def case_kits(ctx: Ctx, college: str) -> list[CaseKit]:
    """Every case of the college with its pictures and life photos."""
    cases = ctx.cases(college)
    kw = ctx.checks.life_photo_keywords
    by_folder: dict[str, list[Doc]] = {}
    for c in cases:
        by_folder.setdefault(folder_of(c.file), []).append(c)
    loose: dict[int, list[Pic]] = {id(c): [] for c in cases}
    for doc, pic in loose_images(ctx, college, set(by_folder)):
        owner = _owner(doc, pic, cases, by_folder)
        if owner is not None:
            loose[id(owner)].append(pic)
    kits = []
    for c in cases:
        pics = _once([_embedded(r, c.file, kw) for r in c.record.images] + loose[id(c)])
        kits.append(CaseKit(c, tuple(p for p in pics if not p.life), tuple(p for p in pics if p.life)))
    return kits


def life_photos(ctx: Ctx, college: str) -> list[tuple[Pic, CaseKit | None]]:
    """Every life photo of the college (separate or embedded) with the case it belongs to, if any."""
    kits = case_kits(ctx, college)
    owned = {(p.file, p.name): k for k in kits for p in k.life_photos}
    out: list[tuple[Pic, CaseKit | None]] = [(p, k) for k in kits for p in k.life_photos]
    folders = {folder_of(k.case.file) for k in kits}
    for _, pic in loose_images(ctx, college, folders):
        if pic.life and (pic.file, pic.name) not in owned:
            out.append((pic, None))
    return out
