"""FIELD_MISMATCH: the same person's fields must agree between two deliverables (``campaign.reconcile``).

Values are compared by meaning through :func:`checks.values.compare` (the campaign's
vocabularies, 学号 digits, counts, names without notes). A sure difference is an error; an unsure
one (a value none of the vocabulary's spellings, a 学号 with lost digits, a shortened class name)
is a warning that shows both values. A blank on either side is not a disagreement (it is not
evidence of a different value).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

from paperdesk.campaign import Campaign
from paperdesk.models import CaseDoc, FormDoc, TableDoc

from checks.context import SID, Ctx, Doc, is_scan, sid_note
from checks.matching import find_person, people_of
from checks.registry import Finding, rule
from checks.values import Verdict, compare


def same_value(a: str | None, b: str | None, campaign: Campaign | None = None, field: str | None = None) -> bool:
    """Whether two cell values surely say the same thing (see :func:`checks.values.compare`)."""
    return compare(campaign, field, a, b) is Verdict.SAME


@dataclass(frozen=True)
class Difference:
    """One field on which two documents disagree: left column and value, right column and value;
    ``sure`` False when the values may mean the same (see :mod:`checks.values`)."""

    left_field: str
    right_field: str
    left: str
    right: str
    sure: bool = True


def compare_fields(left: Mapping[str, str], right: Mapping[str, str], fields: Mapping[str, str],
                   campaign: Campaign | None = None) -> list[Difference]:
    """The fields (left column -> right column) on which two records disagree, both sides non-blank."""
    out = []
    for lf, rf in fields.items():
        a, b = (left.get(lf) or "").strip(), (right.get(rf) or "").strip()
        if a and b and (verdict := compare(campaign, lf, a, b)) is not Verdict.SAME:
            out.append(Difference(lf, rf, a, b, sure=verdict is Verdict.DIFFERENT))
    return out


def _docs(ctx: Ctx, college: str, deliverable: str) -> list[Doc]:
    return [Doc(f, f.record) for f in ctx.files(college, deliverable)
            if isinstance(f.record, (TableDoc, FormDoc, CaseDoc)) and not is_scan(f.record)]


def _notes(ctx: Ctx, *sids: str | None) -> str:
    return "".join(dict.fromkeys(sid_note(s, ctx.checks.student_id_digits) for s in sids))


def _title(ctx: Ctx, key: str) -> str:
    return ctx.campaign.deliverable(key).title


@rule("FIELD_MISMATCH", severity="error")
def field_mismatch(ctx: Ctx) -> Iterator[Finding]:
    """One flag per person, reconcile rule and field on which the two deliverables disagree. The flag
    is about the left document's field (deliverable, field, expected = left; found = the right
    value; file = the right document, which also keeps the rules' flags apart). Each right-hand
    person is looked up on the left (学号, else 姓名), so an A3 listing one person per award row
    compares every row."""
    for r in ctx.campaign.reconcile:
        for college in ctx.colleges:
            left = [p for d in _docs(ctx, college, r.left) for p in people_of(d)]
            right = [p for d in _docs(ctx, college, r.right) for p in people_of(d)]
            pairs = [(lp, rp) for rp in right if (lp := find_person(rp, left)) is not None]
            for lp, rp in pairs:
                for diff in compare_fields(lp.cells, rp.cells, r.fields, ctx.campaign):
                    doubt = "" if diff.sure else "两种写法可能是同一含义，请人工核对；"
                    yield Finding(
                        f"{lp.label}的“{diff.left_field}”{'不一致' if diff.sure else '写法不同'}："
                        f"《{_title(ctx, r.left)}》为“{diff.left}”（{lp.where}），"
                        f"《{_title(ctx, r.right)}》的“{diff.right_field}”为“{diff.right}”（{rp.where}）。{doubt}"
                        + _notes(ctx, lp.cells.get(SID), rp.cells.get(SID)),
                        severity=None if diff.sure else "warning",
                        college=college, deliverable=lp.doc.deliverable, student_id=lp.sid or None,
                        name=lp.name or None, file=rp.doc.file, field=diff.left_field,
                        expected=diff.left, found=diff.right, evidence=(lp.where, rp.where))
