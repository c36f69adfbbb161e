"""What the office gives back after the checks, as campaign data: the ``awards:`` section.

Three things, each optional, each read from the campaign YAML (no module names a rating, a
prize or a wording of a notice):

- ``judging``: the judging sheet (评审表) of the records of one deliverable that passed their
  checks, with a prize drop-down (the campaign's prize levels) and a yes/no column for the
  booklet;
- ``certificates``: one certificate per person, of several kinds: from a rating column of a
  table deliverable (``source: ratings``) or from the judging's prize (``source: judging``);
  the wording, issuing body, date, numbering pattern, the Word template under ``templates/`` and
  the positions for pre-printed certificate paper;
- ``booklet``: the booklet of the judged records picked for it (cover, contents, each record
  with its sections and pictures), its order and how authors are named.

Validation is strict (unknown keys refused); the messages of the checks here are Chinese and
name what is wrong. Placeholders in texts are ``{名字}`` of :data:`CERTIFICATE_FIELDS` /
:data:`AUTHOR_FIELDS`; the student number is never offered to the booklet (privacy).
"""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

#: what every certificate's text and positions may name; besides these, a column of the kind's
#: table (ratings) or a field of the author line (judging), checked against the forms when the
#: certificates are made (writers.certificates.problems)
CERTIFICATE_FIELDS = ("姓名", "学号", "学院", "等级", "编号", "标题", "证书名称", "颁发单位", "日期")
#: what the booklet's author line may name besides the author fields of the judged form
AUTHOR_FIELDS = ("姓名", "学院")
PRIVATE_FIELDS = ("学号",)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def placeholders(text: str) -> list[str]:
    """The ``{名字}`` fields of a text (format syntax), ValueError in Chinese when it is malformed."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as e:
        raise ValueError(f"占位符写法有误（花括号不成对？）：{text!r}") from e


def _only(text: str, private: bool, what: str) -> str:
    """``text`` if its placeholders are well formed (and, with ``private``, none is private)."""
    for name in placeholders(text):
        if not name.strip():
            raise ValueError(f"{what}中有空的占位符“{{}}”")
        if private and name in PRIVATE_FIELDS:
            raise ValueError(f"{what}不能含有“{{{name}}}”：出于隐私，{name}不出现在这里")
    return text


def template_path(name: str) -> Path:
    """A template named in the campaign: an absolute path, or one relative to ``templates/``."""
    p = Path(name)
    return p if p.is_absolute() else TEMPLATES_DIR / p


class JudgingSettings(_Strict):
    """The judging sheet: which deliverable's records are judged, the prize levels (best first)
    and the two columns staff fill in."""

    deliverable: str
    file_name: str = "评审表.xlsx"
    prize_column: str = "等级"
    booklet_column: str = "入选汇编"
    prizes: tuple[str, ...] = Field(min_length=1)
    selected: str = "是"
    not_selected: str = "否"

    @field_validator("prizes")
    @classmethod
    def _distinct(cls, v):
        if len(set(v)) != len(v) or any(not p.strip() for p in v):
            raise ValueError("奖项等级不能重复或为空")
        return v

    @field_validator("file_name")
    @classmethod
    def _xlsx(cls, v):
        if not v.endswith(".xlsx") or "/" in v or "\\" in v:
            raise ValueError(f"评审表文件名必须是不含路径的 .xlsx 文件名：{v!r}")
        return v


class Placement(_Strict):
    """Where one piece of variable text goes on pre-printed certificate paper, in millimetres
    from the page's top-left corner."""

    text: str
    x_mm: float = Field(ge=0)
    y_mm: float = Field(ge=0)
    width_mm: float = Field(default=120, gt=0)
    size_pt: float = Field(default=16, gt=0)
    align: Literal["left", "center", "right"] = "left"
    bold: bool = False

    @field_validator("text")
    @classmethod
    def _fields(cls, v):
        return _only(v, False, "套打位置的文字")


class CertificateKind(_Strict):
    """One kind of certificate. ``source: ratings`` gives one to every person of the table
    ``deliverable`` whose ``field`` (compared by meaning) is one of ``levels``; ``source: judging``
    one to the author of every judged record with a prize (``levels``: which prizes; all when
    empty). ``text`` is the body (line breaks kept), ``template`` the Word file the page is laid
    out in (placeholders {证书名称} {正文} {颁发单位} {日期} {编号} and the fields), ``preprinted``
    the positions used with ``--preprinted``."""

    key: str
    title: str
    code: str
    file_name: str
    source: Literal["ratings", "judging"]
    deliverable: str | None = None
    field: str | None = None
    levels: tuple[str, ...] = ()
    text: str
    issuer: str
    template: str
    preprinted: tuple[Placement, ...] = ()

    @field_validator("text")
    @classmethod
    def _fields(cls, v):
        return _only(v, False, "证书正文")

    @field_validator("template")
    @classmethod
    def _exists(cls, v):
        if not template_path(v).is_file():
            raise ValueError(f"找不到证书模板文件：{template_path(v)}")
        if not v.endswith(".docx"):
            raise ValueError(f"证书模板必须是 .docx 文件：{v}")
        return v

    @field_validator("file_name")
    @classmethod
    def _plain(cls, v):
        if not v.strip() or any(ch in v for ch in '/\\:*?"<>|'):
            raise ValueError(f"文件名不能为空或含有路径符号：{v!r}")
        return v

    @model_validator(mode="after")
    def _source(self):
        if self.source == "ratings" and not (self.deliverable and self.field and self.levels):
            raise ValueError(f"证书“{self.title}”来自表中的等级（source: ratings），须写明 deliverable、field 和 levels")
        return self


class CertificateSettings(_Strict):
    """Numbering (``{kind}`` is a kind's ``code``, ``{n}`` its running number, e.g.
    ``ZQU-2020-{kind}-{n:03d}``), the date printed (None: the day they are made), where they go."""

    numbering: str
    date: dt.date | None = None
    date_style: Literal["chinese", "arabic"] = "chinese"
    folder: str = "证书"
    list_file: str = "证书清单.xlsx"
    kinds: tuple[CertificateKind, ...] = Field(min_length=1)

    @field_validator("numbering")
    @classmethod
    def _pattern(cls, v):
        names = placeholders(v)
        if "n" not in names or set(names) - {"n", "kind"}:
            raise ValueError(f"证书编号格式只能含 {{kind}} 和 {{n}}（且必须含 {{n}}），例如 ZQU-2020-{{kind}}-{{n:03d}}：{v!r}")
        try:
            v.format(kind="X", n=1)
        except (ValueError, KeyError) as e:
            raise ValueError(f"证书编号格式无法使用：{v!r}（{e}）") from e
        return v

    @model_validator(mode="after")
    def _distinct(self):
        keys = [k.key for k in self.kinds]
        if len(set(keys)) != len(keys) or len({k.code for k in self.kinds}) != len(keys):
            raise ValueError("证书种类的 key 和 code 不能重复")
        if len(keys) > 1 and "kind" not in placeholders(self.numbering):
            raise ValueError("有多种证书时，编号格式必须含 {kind}，否则不同种类的编号会重复")
        return self

    def kind(self, key: str) -> CertificateKind | None:
        return next((k for k in self.kinds if k.key == key), None)


class BookletSettings(_Strict):
    """The booklet: file name (without extension), cover texts, order (``prize``: by the
    judging's prize levels, best first, records without a prize last under ``unprized_label``;
    ``college``: campaign order), how authors are named (``full``; ``surname``: 张同学; ``none``)
    and the author line (``{学院}``, ``{姓名}`` and the judged form's author fields; never the
    student number)."""

    file_name: str
    title: str
    subtitle: str = ""
    issuer: str = ""
    date: dt.date | None = None
    order: tuple[Literal["prize", "college"], ...] = ("prize", "college")
    names: Literal["full", "surname", "none"] = "full"
    surname_suffix: str = "同学"
    author_line: str = "{学院}　{姓名}"
    unprized_label: str = "入选作品"
    toc_title: str = "目录"
    picture_max_height_mm: float = Field(default=95, gt=10, le=230)

    @field_validator("author_line")
    @classmethod
    def _fields(cls, v):
        return _only(v, True, "汇编的作者行")

    @field_validator("file_name")
    @classmethod
    def _plain(cls, v):
        if not v.strip() or any(ch in v for ch in '/\\:*?"<>|') or v.endswith((".docx", ".pdf")):
            raise ValueError(f"汇编文件名不含扩展名和路径符号：{v!r}")
        return v


class Awards(_Strict):
    judging: JudgingSettings
    certificates: CertificateSettings | None = None
    booklet: BookletSettings | None = None

    @model_validator(mode="after")
    def _levels(self):
        if self.certificates:
            for k in self.certificates.kinds:
                unknown = [lv for lv in k.levels if k.source == "judging" and lv not in self.judging.prizes]
                if unknown:
                    raise ValueError(f"证书“{k.title}”的等级 {'、'.join(unknown)} 不在评审的奖项等级中"
                                     f"（{'、'.join(self.judging.prizes)}）")
        return self
