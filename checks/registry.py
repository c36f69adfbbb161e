"""The one registry of check rules: flag code -> severity and the function that finds it.

A rule is a small function ``(ctx: Ctx) -> Iterable[Finding]`` registered under its flag code::

    @rule("CASE_TOO_LONG", severity="error")
    def case_too_long(ctx): ...

The function says *what* it found (a :class:`Finding`); the registry turns findings into
:class:`~paperdesk.models.Flag` records carrying the code and the registered severity. A finding may
lower the severity to ``warning`` when the rule lacked the data to decide (SPEC §5: "a check that
needs data it does not have says so"). Rules are pure: campaign and records in, findings out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from paperdesk.models import Flag, Severity

if TYPE_CHECKING:  # pragma: no cover
    from checks.context import Ctx


@dataclass(frozen=True)
class Finding:
    """One thing a rule found; every field but ``message`` (Chinese) is optional."""

    message: str
    college: str | None = None
    deliverable: str | None = None
    student_id: str | None = None
    name: str | None = None
    file: str | None = None
    field: str | None = None
    expected: str | None = None
    found: str | None = None
    evidence: tuple[str, ...] = ()
    severity: Severity | None = None  # None: the rule's registered severity


RuleFunc = Callable[["Ctx"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its flag code, default severity, function and the module it lives in."""

    code: str
    severity: Severity
    func: RuleFunc

    @property
    def area(self) -> str:
        return self.func.__module__

    def run(self, ctx: "Ctx", severity: Severity | None = None) -> list[Flag]:
        """The rule's findings as flags, at ``severity`` when the campaign sets one."""
        return [self.to_flag(f, severity) for f in self.func(ctx)]

    def to_flag(self, f: Finding, severity: Severity | None = None) -> Flag:
        base = severity or self.severity
        return Flag(
            code=self.code,
            severity="warning" if "warning" in (f.severity, base) else base,  # a finding may only lower it
            message=f.message,
            college=f.college,
            deliverable=f.deliverable,
            student_id=f.student_id or None,
            name=f.name or None,
            file=f.file,
            field=f.field,
            expected=f.expected,
            found=f.found,
            evidence=f.evidence,
        )


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity) -> Callable[[RuleFunc], RuleFunc]:
    """Register ``func`` under ``code``; a code registered twice is a bug (ValueError)."""
    if severity not in ("error", "warning"):
        raise ValueError(f"{code}: unknown severity {severity!r}")

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice ({RULES[code].area}, {func.__module__})")
        RULES[code] = Rule(code, severity, func)
        return func

    return register
