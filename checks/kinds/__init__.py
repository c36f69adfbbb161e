"""The rule library: generic kinds of check a campaign composes in YAML.

A rule entry under ``rules:`` that names a ``kind`` runs that kind with the entry's other keys as
its parameters (a pydantic model per kind: typed, strict, Chinese messages on error)::

    rules:
      QUOTA_EXCEEDED:
        - {kind: quota, form: B1, column: 推荐类别, values: [优秀学生干部], ratio: "0.03", ...}

Each kind is a pure function ``(ctx, params) -> Iterable[Finding]``, registered with :func:`kind`;
its findings become flags under the entry's flag code, severity and (optional) ``message``
template, whose ``{placeholders}`` each kind documents. An entry without ``kind`` runs the rule
registered under its code (:mod:`checks.registry`: the rules of SPEC §5 written for one shape).

Kinds: see :mod:`checks.kinds.rows` (value_in_set, row_condition, quota, per_group_max,
groups_covered, id_year), :mod:`checks.kinds.documents` (period_min_days, text_length,
person_missing_in, stated_total),
:mod:`checks.kinds.people` (duplicate_person), :mod:`checks.kinds.cases` (document_length,
picture_count, photo_min_size, photo_required, required_sections, document_quota,
author_listed_in: the documents of a ``kind: case`` form). ``docs/campaigns.md``
lists every kind with its parameters and an example.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterable

from pydantic import BaseModel, ConfigDict, ValidationError

from checks.registry import Finding


def exact_decimal(v) -> Decimal:
    """A ratio written in YAML as text or a number, exactly (a float goes through its text);
    ValueError in Chinese when it is no number (pydantic then names the key and line)."""
    try:
        return Decimal(str(v))
    except InvalidOperation:
        raise ValueError(f"应为数字（如 \"0.05\"），现为 {v!r}") from None


class Params(BaseModel):
    """Parameters of one rule entry (the keys beside ``kind``/``severity``/``fix``/``message``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


@dataclass(frozen=True)
class Kind:
    name: str
    params: type[Params]
    func: Callable
    #: the placeholders a ``message`` template of this kind may use
    fields: tuple[str, ...]
    severity: str = "error"


KINDS: dict[str, Kind] = {}


def kind(name: str, params: type[Params], fields: tuple[str, ...], severity: str = "error"):
    """Register a rule kind: ``func(ctx, params, say) -> Iterable[Finding]`` where ``say(default,
    **values)`` renders the entry's ``message`` template (else ``default``) with ``values``."""

    def register(func):
        if name in KINDS:
            raise ValueError(f"rule kind {name} registered twice")
        KINDS[name] = Kind(name, params, func, fields, severity)
        return func

    return register


def parse(kind_name: str, raw: dict) -> Params:
    """The typed parameters of an entry of ``kind_name`` (pydantic ValidationError when invalid)."""
    return KINDS[kind_name].params.model_validate(raw)


def template_problems(k: Kind, message: str) -> list[str]:
    """What is wrong with a ``message`` template of kind ``k``: unknown placeholders."""
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(message) if f}
    except ValueError as e:
        return [f"message 不是有效的模板（{e}）"]
    unknown = sorted(n for n in names if n.split(".")[0].split("[")[0] not in k.fields)
    return [f"message 中的 {{{n}}} 不是 {k.name} 可用的占位符（可用：{'、'.join(k.fields)}）" for n in unknown]


def run_kind(k: Kind, ctx, params: Params, message: str | None) -> Iterable[Finding]:
    def say(default: str, **values) -> str:
        if not message:
            return default
        try:
            return message.format(**values)
        except (KeyError, AttributeError, IndexError, ValueError):  # "{person.x}": the rule's own words
            return default

    return k.func(ctx, params, say)


__all__ = ["KINDS", "Kind", "Params", "kind", "parse", "run_kind", "template_problems", "ValidationError"]

from checks.kinds import cases, documents, people, rows  # noqa: E402,F401  (register)
