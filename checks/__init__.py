"""checks: the rules a campaign runs, and the cross-document reconciliation.

Pure: a :class:`~paperdesk.campaign.Campaign` and a :class:`~paperdesk.models.Submission` in, a
list of :class:`~paperdesk.models.Flag` out. Only the rules the campaign lists under ``rules:``
run, at the severity it gives them. A rule entry names either a kind of the rule library
(:mod:`checks.kinds`: generic, with typed parameters from the YAML) or the rule registered in
Python under its flag code (:mod:`checks.registry`), which live by area:

    intake_rules  UNREADABLE_FILE DUPLICATE_FILE UNKNOWN_COLLEGE COLLEGE_CONFLICT ARCHIVE_NAME_INVALID
                  (COLLEGE_CONFLICT also from seals: seals.seal_conflicts)
    deliverables  DELIVERABLE_MISSING (electronic half and paper half) LATE_SUBMISSION
    reconcile     FIELD_MISMATCH (and same_value/compare_fields for scan pairs)
    seals         SEAL_MISSING (and the seal part of COLLEGE_CONFLICT)
    paper         PAPER_ELECTRONIC_MISMATCH OCR_LOW_CONFIDENCE (scans against electronic copies)

The kinds: kinds.rows (value_in_set, row_condition, quota, per_group_max, groups_covered,
id_year), kinds.documents (period_min_days, text_length, person_missing_in, stated_total),
kinds.people (duplicate_person), kinds.cases (document_length, picture_count, photo_min_size,
photo_required, required_sections, document_quota, author_listed_in). docs/campaigns.md lists them all with their parameters.
"""

from __future__ import annotations

import functools

from paperdesk.campaign import Campaign
from paperdesk.errors import CampaignError
from paperdesk.models import Flag, Submission

from checks import deliverables, intake_rules, paper, reconcile, seals  # noqa: F401  (register)
from checks.context import Ctx
from checks.reconcile import compare_fields, same_value
from checks.kinds import KINDS, ValidationError, parse, run_kind, template_problems
from checks.registry import RULES, Finding, Rule, rule

__all__ = ["run_checks", "rule_problems", "campaign_rules", "KINDS", "sort_key", "RULES", "Rule", "Finding", "rule", "same_value", "compare_fields"]


def sort_key(f: Flag) -> tuple:
    """Deterministic order: college, deliverable, code, student_id, name, file, field (then message)."""
    return tuple(x or "" for x in (f.college, f.deliverable, f.code, f.student_id, f.name, f.file, f.field, f.message))


def rule_problems(campaign: Campaign, path=None) -> list[str]:
    """What is wrong with the campaign's ``rules:`` (Chinese lines, with the YAML line when
    ``path`` is the campaign file): a code with no rule and no kind, an unknown kind, parameters
    a kind does not take or lacks, a message template with unknown placeholders."""
    from paperdesk.yaml_errors import chinese, compose_file, line_of

    root = compose_file(path) if path else None
    problems = []

    def at(code, i, loc, text):
        entries = campaign.rules[code]
        base = ("rules", code, i) if len(entries) > 1 else ("rules", code)
        line = line_of(root, base + tuple(loc)) if root is not None else None
        where = ".".join(str(x) for x in base + tuple(loc))
        problems.append(f"{f'第 {line} 行 ' if line else ''}{where}：{text}")

    for code, entries in campaign.rules.items():
        for i, entry in enumerate(entries):
            if entry.kind is None:
                if code not in RULES:
                    at(code, i, (), f"没有这个检查，也没有写 kind（可用的检查：{'、'.join(sorted(RULES))}；"
                                    f"可用的 kind：{'、'.join(sorted(KINDS))}）")
                for key in entry.params:
                    at(code, i, (key,), "不认识的键（只有写了 kind 的检查才有参数）")
                if entry.message:
                    at(code, i, ("message",), "只有写了 kind 的检查才能改写 message")
                continue
            k = KINDS.get(entry.kind)
            if k is None:
                at(code, i, ("kind",), f"没有这种检查：{entry.kind}（可用的 kind：{'、'.join(sorted(KINDS))}）")
                continue
            try:
                params = parse(entry.kind, entry.params)
            except ValidationError as e:
                for err in e.errors():
                    at(code, i, err["loc"], chinese(err))
            else:
                for key, form in _forms_named(params):
                    if form not in campaign.forms:
                        at(code, i, (key,), f"表单 {form} 不在 forms: 中（已定义：{'、'.join(sorted(campaign.forms))}）")
            for text in template_problems(k, entry.message or ""):
                at(code, i, ("message",), text)
    return problems


_FORM_KEYS = ("form", "source", "target", "tables", "per_person", "one_college")


def _forms_named(params) -> list[tuple[str, str]]:
    """(parameter, form id) of every form a kind's parameters name."""
    out = []
    for key in _FORM_KEYS:
        value = getattr(params, key, None)
        if isinstance(value, str):
            out.append((key, value))
        elif isinstance(value, (tuple, list, dict)):
            out.extend((key, v) for v in value)
    return out


def campaign_rules(campaign: Campaign) -> list[Rule]:
    """The rules the campaign runs, in code order: each entry as a :class:`Rule` at its severity."""
    problems = rule_problems(campaign)
    if problems:
        raise CampaignError("活动配置文件有误：\n  " + "\n  ".join(problems))
    out = []
    for code, entries in sorted(campaign.rules.items()):
        for entry in entries:
            if entry.kind is None:
                base = RULES[code]
                out.append(Rule(code, entry.severity or base.severity, base.func))
            else:
                k = KINDS[entry.kind]
                params = parse(entry.kind, entry.params)
                out.append(Rule(code, entry.severity or k.severity,
                                functools.partial(run_kind, k, params=params, message=entry.message)))
    return out


def run_checks(campaign: Campaign, submission: Submission, codes: set[str] | None = None) -> list[Flag]:
    """The rules the campaign lists in ``rules:`` (of those, only ``codes`` when given) over one
    submission, each at the severity the campaign sets: flags sorted by :func:`sort_key`, one per
    id (the first in that order wins). A listed code with no rule is a CampaignError."""
    ctx = Ctx(campaign, submission)
    flags = [f for r in campaign_rules(campaign) if codes is None or r.code in codes for f in r.run(ctx)]
    seen: set[str] = set()
    out = []
    for f in sorted(flags, key=sort_key):
        if f.id not in seen:
            seen.add(f.id)
            out.append(f)
    return out
