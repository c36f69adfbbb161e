"""checks: every rule of SPEC §5, and the cross-document reconciliation.

Pure: a :class:`~paperdesk.campaign.Campaign` and a :class:`~paperdesk.models.Submission` in, a
list of :class:`~paperdesk.models.Flag` out. Only the rules the campaign lists under ``rules:``
run, at the severity it gives them. Each rule is a small function registered under its
flag code in :mod:`checks.registry`; the rules live by area:

    intake_rules  UNREADABLE_FILE DUPLICATE_FILE UNKNOWN_COLLEGE COLLEGE_CONFLICT ARCHIVE_NAME_INVALID
                  (COLLEGE_CONFLICT also from seals: seals.seal_conflicts)
    deliverables  DELIVERABLE_MISSING (electronic half and paper half) LATE_SUBMISSION
    cases         PHOTO_TOO_SMALL PHOTO_MISSING CASE_TOO_LONG CASE_IMAGE_COUNT CASE_SECTION_MISSING
                  CASE_QUOTA CASE_AUTHOR_UNKNOWN
    assessment    MODEL_QUOTA_EXCEEDED CRITERIA_NOT_MET HEADCOUNT_MISMATCH PUBLICITY_TOO_SHORT
                  FORM_MISSING FORM_NOT_IN_SUMMARY
    selection     CLASS_OVER_STAFFED CLASS_UNSTAFFED CANDIDATE_GRADE CANDIDATE_STATUS
    people        DUPLICATE_PERSON
    reconcile     FIELD_MISMATCH (and same_value/compare_fields for scan pairs)
    seals         SEAL_MISSING (and the seal part of COLLEGE_CONFLICT)
    paper         PAPER_ELECTRONIC_MISMATCH OCR_LOW_CONFIDENCE (scans against electronic copies)
"""

from __future__ import annotations

from paperdesk.campaign import Campaign
from paperdesk.errors import CampaignError
from paperdesk.models import Flag, Submission

from checks import assessment, cases, deliverables, intake_rules, paper, people, reconcile, seals, selection  # noqa: F401  (register)
from checks.context import Ctx
from checks.reconcile import compare_fields, same_value
from checks.registry import RULES, Finding, Rule, rule

__all__ = ["run_checks", "unknown_rules", "sort_key", "RULES", "Rule", "Finding", "rule", "same_value", "compare_fields"]


def sort_key(f: Flag) -> tuple:
    """Deterministic order: college, deliverable, code, student_id, name, file, field (then message)."""
    return tuple(x or "" for x in (f.college, f.deliverable, f.code, f.student_id, f.name, f.file, f.field, f.message))


def unknown_rules(campaign: Campaign) -> list[str]:
    """The codes the campaign's ``rules:`` lists that no rule is registered under (Chinese lines)."""
    known = "、".join(sorted(RULES))
    return [f"rules.{code}：没有这个检查（可用的检查：{known}）" for code in campaign.rules if code not in RULES]


def run_checks(campaign: Campaign, submission: Submission, codes: set[str] | None = None) -> list[Flag]:
    """The rules the campaign lists in ``rules:`` (of those, only ``codes`` when given) over one
    submission, each at the severity the campaign sets: flags sorted by :func:`sort_key`, one per
    id (the first in that order wins). A listed code with no rule is a CampaignError."""
    problems = unknown_rules(campaign)
    if problems:
        raise CampaignError("活动配置文件有误：\n  " + "\n  ".join(problems))
    ctx = Ctx(campaign, submission)
    flags = [f for code, entry in sorted(campaign.rules.items()) if codes is None or code in codes
             for f in RULES[code].run(ctx, entry.severity)]
    seen: set[str] = set()
    out = []
    for f in sorted(flags, key=sort_key):
        if f.id not in seen:
            seen.add(f.id)
            out.append(f)
    return out
