"""The campaign: a YAML file under ``templates/campaigns/`` validated strictly into typed settings.

A typo in a campaign file stops the run before any file is touched, with a Chinese message that
names the key (pydantic ``extra="forbid"``). Nothing else in paperdesk hard-codes a college, a
deadline or a quota: checks, extractors and writers read them from a :class:`Campaign`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from paperdesk import textnorm
from paperdesk.awards import Awards
from paperdesk.errors import CampaignError
from paperdesk.models import SEAL_EVIDENCE_FLOOR
from paperdesk.roster import apply_roster
from paperdesk.yaml_errors import describe

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_CAMPAIGN = TEMPLATES_DIR / "campaigns" / "2020-class-mentors.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class College(_Strict):
    name: str
    aliases: tuple[str, ...] = ()
    #: the office's own figure of the college's class mentors: only from reference data the office
    #: gives (a roster, see :mod:`paperdesk.roster`), never invented by a shipped campaign
    headcount: int | None = None
    freshman_classes: tuple[str, ...] = ()
    #: where the college's 回执 is mailed by ``paperdesk mail send-receipts``: one address or a list
    email: tuple[str, ...] = ()

    @field_validator("email", mode="before")
    @classmethod
    def _addresses(cls, v):
        return _addresses(v)


class Vocabulary(_Strict):
    """The meanings an enumerated field may take, each with the spellings people use for it
    ("标兵" for 学生带班党员标兵). Values are compared by meaning, never by spelling."""

    fields: tuple[str, ...]
    values: dict[str, tuple[str, ...]]  # canonical value -> aliases

    @cached_property
    def _table(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for canon, aliases in self.values.items():
            for text in (canon, *aliases):
                out.setdefault(_vocab_key(text), canon)
        out.pop("", None)
        return out

    def canonical(self, text: str | None) -> str | None:
        """The meaning ``text`` spells (its canonical value), None when it is none of them. Exact
        after normalisation (width, spaces, punctuation, a tick mark, a trailing parenthetical):
        "无不良记录" is 无, never 有不良记录."""
        if not text:
            return None
        for key in _vocab_keys(text):
            if key in self._table:
                return self._table[key]
        return None

    def spellings(self) -> list[tuple[str, str]]:
        """(spelling, canonical value) for every known spelling."""
        return [(t, canon) for canon, aliases in self.values.items() for t in (canon, *aliases)]


_TICKS = "☑✓✔√■●☒▣"
_TRAILING_PAREN = re.compile(r"[（(][^（）()]*[）)]\s*$")


def _vocab_key(text: str) -> str:
    return textnorm.squash(text)


def _vocab_keys(text: str) -> tuple[str, ...]:
    plain = textnorm.clean(text)
    keys = [_vocab_key(plain)]
    if len(plain) > 1:
        stripped = plain.strip(_TICKS + " ")
        keys.append(_vocab_key(stripped))
        keys.append(_vocab_key(_TRAILING_PAREN.sub("", stripped)))
    return tuple(dict.fromkeys(k for k in keys if k))


class Deliverable(_Strict):
    key: str
    title: str
    form: str | None
    due: dt.date
    paper: bool = False
    per_person: bool = False
    archive_suffix: str | None = None
    keywords: tuple[str, ...] = ()


class Column(_Strict):
    key: str
    aliases: tuple[str, ...] = ()
    width: int = 12
    #: class: a class name, compared by year, major and number wherever the year is typed
    #: (法学2017级1班 is 2017级法学1班)
    type: Literal["text", "student_id", "int", "date", "class"] = "text"
    values: tuple[str, ...] = ()
    long: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.key, *self.aliases)


class Section(_Strict):
    key: str
    label: str
    aliases: tuple[str, ...] = ()


class FormDef(_Strict):
    title: str
    file_name: str
    kind: Literal["case", "table", "form"]
    #: the school-wide list written to the outbox for a table form (every college's rows) or a case
    #: form (one row per document); unset: 全校<title without the school's name>.xlsx
    master: str | None = None
    #: other spellings of the labels of ``header_fields`` / ``author_fields`` (beside the common
    #: ones every form shares: 学院名称, 填报人, 联系方式 …)
    field_aliases: dict[str, tuple[str, ...]] = {}
    #: kind case: labels of a template table's title cell beyond 标题/题目/名称 (案例标题), and
    #: words of a document's file or folder name that are not its author's name (案例, 带班)
    title_labels: tuple[str, ...] = ()
    name_words: tuple[str, ...] = ()
    header_fields: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    fields: tuple[Column, ...] = ()
    author_fields: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()


class Ratings(_Strict):
    model: str
    excellent: str
    pass_: str = Field(alias="pass")
    fail: str


class Checks(_Strict):
    photo_min_bytes: int = 1_048_576
    life_photo_keywords: tuple[str, ...] = ("生活照",)
    case_max_chars: int = 1500
    case_images_min: int = 3
    case_images_max: int = 5
    # what a notice's own rules read (checks.registry ``needs``: the loader tells a campaign that
    # lists such a rule and lacks its value)
    case_sections: tuple[str, ...] = ()
    case_quota_ratio: Decimal | None = None
    model_quota_ratio: Decimal | None = None
    rounding: Literal["half_up"] = "half_up"
    publicity_min_days: int = 5
    class_max_mentors: int = 2
    candidate_enrolment_year: int | None = None
    candidate_statuses: tuple[str, ...] = ()
    student_id_digits: int = 12
    ratings: Ratings | None = None
    award_keywords: tuple[str, ...] = ()
    #: a field read from a scan with a lower OCR confidence is OCR_LOW_CONFIDENCE, not compared
    ocr_min_confidence: float = Field(default=0.80, ge=0.0, le=1.0)
    #: a page's seal counts as present from this seal-finder confidence on (the one threshold:
    #: see checks.seals); not below SEAL_EVIDENCE_FLOOR, under which no ring text is read
    seal_min_confidence: float = Field(default=0.5, ge=SEAL_EVIDENCE_FLOOR, le=1.0)
    #: the seal a paper copy must carry, as messages name it; and whether it must be the party
    #: committee's (中共……委员会: another seal of the college is then COLLEGE_CONFLICT)
    seal_name: str = "学院党委公章"
    seal_party_committee: bool = True

    @field_validator("case_quota_ratio", "model_quota_ratio", mode="before")
    @classmethod
    def _exact(cls, v):  # a float in YAML would lose exactness: go through its text
        if v is None:
            return None
        try:
            return Decimal(str(v))
        except InvalidOperation:
            raise ValueError(f"应为数字（如 \"0.40\"），现为 {v!r}") from None


class RuleEntry(_Strict):
    """One check the campaign asks for, under its flag code in ``rules:`` (a code may list several
    entries). Without ``kind`` it runs the rule registered under the code (checks.registry); with
    ``kind`` a generic rule of the library (checks.kinds), whose parameters are the entry's other
    keys (validated by checks.rule_problems against the kind). ``severity`` overrides the rule's
    own (None: keep it); ``fix`` is what the college's 回执 tells it to do (``{checks.NAME}`` in
    it is that value of ``checks:``); ``message`` a template of the flag's message (see the kind)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    kind: str | None = None
    #: the code's short Chinese name on the review page (材料缺交)
    name: str | None = None
    severity: Literal["error", "warning"] | None = None
    fix: str | None = None
    message: str | None = None

    @property
    def params(self) -> dict:
        """The entry's other keys: the kind's parameters."""
        return dict(self.model_extra or {})


_CHECKS_REF = re.compile(r"\{checks\.([A-Za-z_][A-Za-z0-9_]*)\}")


class ReconcileRule(_Strict):
    left: str
    right: str
    fields: dict[str, str]


class Limits(_Strict):
    """What reading one file may cost (see :mod:`extractors.pool`); the environment's
    ``PAPERDESK_FILE_SECONDS`` / ``PAPERDESK_PAGE_SECONDS`` / ``PAPERDESK_FILE_MEMORY_MB`` win."""

    file_seconds: float = Field(default=120.0, gt=0)
    page_seconds: float = Field(default=20.0, ge=0)  # more per page of a scan
    file_memory_mb: int = Field(default=1536, gt=0)


_EMAIL = re.compile(r"[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


def _addresses(v) -> tuple[str, ...]:
    """One address or a list of them, each a bare ``name@domain`` (no display names, no commas:
    nothing that could smuggle another recipient or header into a message)."""
    if v is None:
        return ()
    out = []
    for a in ([v] if isinstance(v, str) else v):
        a = str(a).strip()
        if not _EMAIL.fullmatch(a):
            raise ValueError(f"不是有效的邮箱地址：{a!r}")
        out.append(a)
    return tuple(out)


class MailServer(_Strict):
    """One mail server of the office's account. The password is never in the campaign file: it is
    read from the environment variable ``password_env`` (else asked for on the terminal)."""

    host: str
    port: int | None = Field(default=None, gt=0, lt=65536)  # default: by security and protocol
    security: Literal["ssl", "starttls"] = "ssl"
    user: str | None = None
    password_env: str
    #: a CA bundle (PEM) to trust instead of the system's, relative to the campaign file
    ca_file: str | None = None
    timeout: float = Field(default=60.0, gt=0)


class ImapSettings(MailServer):
    """Where ``paperdesk mail fetch`` reads the submissions: one folder, messages received on or
    after ``since``, optionally only those whose subject contains one of ``subjects`` and whose
    sender contains one of ``senders`` (an address, a domain such as ``@zqu.edu.cn``, or a name)."""

    user: str
    password_env: str = "PAPERDESK_IMAP_PASSWORD"
    folder: str = "INBOX"
    since: dt.date | None = None
    subjects: tuple[str, ...] = ()
    senders: tuple[str, ...] = ()
    #: mark fetched messages as read on the server (off: the mailbox looks untouched)
    mark_seen: bool = False


class SmtpSettings(MailServer):
    """How ``paperdesk mail send-receipts`` sends: from ``from`` (shown as ``from_name``, default
    the campaign's office), logging in as ``user`` (default: the ``from`` address)."""

    password_env: str = "PAPERDESK_SMTP_PASSWORD"
    from_address: str = Field(alias="from")
    from_name: str = ""

    @field_validator("from_address")
    @classmethod
    def _one_address(cls, v):
        return _addresses(v)[0]


class MailSettings(_Strict):
    imap: ImapSettings | None = None
    smtp: SmtpSettings | None = None


class Campaign(_Strict):
    id: str
    title: str
    school: str
    office: str
    notice: str = ""
    contact: str = ""
    timezone: str = "Asia/Shanghai"
    deadline_inclusive: bool = True
    colleges: tuple[College, ...]
    deliverables: tuple[Deliverable, ...]
    checks: Checks
    #: the checks this campaign runs, by flag code (see checks.registry), with severity and fix
    rules: dict[str, tuple[RuleEntry, ...]]
    reconcile: tuple[ReconcileRule, ...] = ()
    forms: dict[str, FormDef]
    #: enumerated fields compared by meaning (see :class:`Vocabulary`)
    vocabularies: tuple[Vocabulary, ...] = ()
    #: the time and memory budget of reading one file
    limits: Limits = Limits()
    #: reference data: the office's roster of class mentors per college (xlsx or YAML), relative
    #: to the campaign file; ``paperdesk run --roster FILE`` names one too (see paperdesk.roster)
    roster: str | None = None
    #: where the colleges' ``headcount`` came from (set by the loader when a roster was read)
    roster_source: str = ""
    #: the office's mail account: fetching submissions (IMAP) and sending 回执 (SMTP); see mail/
    mail: MailSettings | None = None
    #: what the office gives back: judging sheet, certificates, booklet (see paperdesk.awards)
    awards: Awards | None = None

    # -------------------------------------------------------------- look-ups

    def deliverable(self, key: str) -> Deliverable:
        for d in self.deliverables:
            if d.key == key:
                return d
        raise KeyError(key)

    def fix_text(self, code: str) -> str | None:
        """What a college's 回执 says to do about a flag of ``code`` (``{checks.NAME}`` filled in),
        None when the campaign gives no ``fix`` for it (the first entry of the code that has one)."""
        fix = next((e.fix for e in self.rules.get(code, ()) if e.fix), None)
        if not fix:
            return None
        return _CHECKS_REF.sub(lambda m: str(getattr(self.checks, m.group(1))), fix)

    def code_name(self, code: str) -> str:
        """The flag code's short Chinese name (the first of its entries that gives one), else the code."""
        return next((e.name for e in self.rules.get(code, ()) if e.name), code)

    @field_validator("rules", mode="before")
    @classmethod
    def _entries(cls, v):
        """One entry or a list of entries per code; an empty value is one entry with no keys."""
        if not isinstance(v, dict):
            return v
        return {code: (list(e) if isinstance(e, (list, tuple)) else [e or {}]) for code, e in v.items()}

    def master_name(self, form_id: str) -> str:
        """The file name of the school-wide list of form ``form_id`` (see ``FormDef.master``)."""
        form = self.forms[form_id]
        return form.master or f"全校{form.title.removeprefix(self.school)}.xlsx"

    def case_form_id(self) -> str | None:
        """The id of the campaign's first form of kind ``case`` (titled texts with sections and
        pictures), None when it has none."""
        return next((k for k, f in sorted(self.forms.items()) if f.kind == "case"), None)

    def case_deliverable(self) -> Deliverable | None:
        """The deliverable written on a form of kind ``case``, None when the campaign has none."""
        return next((d for d in self.deliverables if d.form and self.forms[d.form].kind == "case"), None)

    def form_of(self, deliverable_key: str) -> FormDef | None:
        d = self.deliverable(deliverable_key)
        return self.forms.get(d.form) if d.form else None

    def vocabulary(self, field: str | None) -> Vocabulary | None:
        """The vocabulary of a field key (e.g. 考核等级), None for free-text fields."""
        return next((v for v in self.vocabularies if field in v.fields), None) if field else None

    def field_type(self, field: str | None) -> str:
        """The type a form declares for a field key (the first form naming it), else "text"."""
        for form in self.forms.values():
            for col in (*form.columns, *form.fields):
                if col.key == field:
                    return col.type
        return "text"

    def meaning(self, field: str | None, text: str | None) -> str | None:
        """The canonical value of ``text`` in ``field``'s vocabulary; ``text`` itself for a field
        without one; None when the field has a vocabulary and ``text`` is none of its spellings."""
        v = self.vocabulary(field)
        return v.canonical(text) if v else text

    def college(self, name: str) -> College | None:
        for c in self.colleges:
            if c.name == name:
                return c
        return None

    @cached_property
    def _alias_table(self) -> list[tuple[str, str]]:
        """(normalised name or alias, official name), longest first so that the most specific wins."""
        pairs = []
        for c in self.colleges:
            for text in (c.name, *c.aliases):
                pairs.append((textnorm.squash(text), c.name))
        pairs.sort(key=lambda p: len(p[0]), reverse=True)
        return pairs

    def resolve_college(self, text: str | None) -> str | None:
        """The official name of the college that ``text`` names exactly (name or alias), else None."""
        if not text:
            return None
        key = textnorm.squash(text)
        for alias, name in self._alias_table:
            if key == alias:
                return name
        return None

    def find_college(self, text: str | None) -> str | None:
        """The official college whose name or alias occurs in ``text`` (longest match), else None."""
        if not text:
            return None
        key = textnorm.squash(text)
        for alias, name in self._alias_table:
            if len(alias) >= 2 and alias in key:
                return name
        return None

    def is_official_name(self, text: str) -> bool:
        return any(textnorm.squash(text) == textnorm.squash(c.name) for c in self.colleges)


def load_campaign(path: str | Path | None = None, roster: str | Path | None = None) -> Campaign:
    """Read and validate a campaign YAML; raise :class:`CampaignError` with a Chinese message.
    ``roster`` (else the campaign's own ``roster`` key, relative to the campaign file) names the
    office's roster: its figures become the colleges' ``headcount``."""
    p = Path(path) if path else DEFAULT_CAMPAIGN
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise CampaignError(f"找不到活动配置文件：{p}") from e
    except yaml.YAMLError as e:
        raise CampaignError(f"活动配置文件不是合法的 YAML：{p}：{e}") from e
    try:
        campaign = Campaign.model_validate(data)
    except ValidationError as e:
        lines = [f"活动配置文件有误：{p}", *(f"  {line}" for line in describe(p, e))]
        raise CampaignError("\n".join(lines)) from e
    _cross_check(campaign, p)
    campaign = _resolve_ca_files(campaign, p)
    roster_path = Path(roster) if roster else (p.parent / campaign.roster if campaign.roster else None)
    if roster_path is not None:
        campaign = apply_roster(campaign, roster_path)
    return campaign


def _resolve_ca_files(c: Campaign, p: Path) -> Campaign:
    """The mail servers' ``ca_file`` made absolute, relative to the campaign file."""
    if c.mail is None:
        return c
    servers = {}
    for key in ("imap", "smtp"):
        server = getattr(c.mail, key)
        if server is not None and server.ca_file and not Path(server.ca_file).is_absolute():
            servers[key] = server.model_copy(update={"ca_file": str((p.parent / server.ca_file).resolve())})
    return c.model_copy(update={"mail": c.mail.model_copy(update=servers)}) if servers else c


def _cross_check(c: Campaign, p: Path) -> None:
    problems = []
    keys = {d.key for d in c.deliverables}
    for d in c.deliverables:
        if d.form and d.form not in c.forms:
            problems.append(f"交付项 {d.key} 引用了未定义的表单 {d.form}（已定义：{', '.join(sorted(c.forms))}）")
    for r in c.reconcile:
        for k in (r.left, r.right):
            if k not in keys:
                problems.append(f"reconcile 引用了未知交付项 {k}（已知：{', '.join(sorted(keys))}）")
    for v in c.vocabularies:
        seen: dict[str, str] = {}
        for text, canon in v.spellings():
            key = _vocab_key(text)
            if seen.setdefault(key, canon) != canon:
                problems.append(f"vocabularies（{'、'.join(v.fields)}）中“{text}”同时是“{seen[key]}”和“{canon}”的写法")
    for code, entry in ((code, e) for code, entries in c.rules.items() for e in entries):
        for ref in _CHECKS_REF.findall(entry.fix or ""):
            if ref not in Checks.model_fields:
                problems.append(f"rules.{code}.fix 引用了不存在的 checks.{ref}")
    names = [c_.name for c_ in c.colleges]
    if len(set(names)) != len(names):
        problems.append("colleges 中有重复的学院名称")
    if problems:
        raise CampaignError("活动配置文件有误：" + str(p) + "\n  " + "\n  ".join(problems))
