"""Registry contract: every rule code is one of SPEC §5's, with SPEC's severity; output is deterministic."""

import dataclasses

import checks
from checks.registry import Finding, rule
import pytest

import chk_build as b

# SPEC §5's table (code -> severity), copied here: a user's clone has no /work/shared.
SPEC_CODES = {
    "ARCHIVE_NAME_INVALID": "error", "UNKNOWN_COLLEGE": "error", "COLLEGE_CONFLICT": "warning",
    "DELIVERABLE_MISSING": "error", "LATE_SUBMISSION": "warning", "UNREADABLE_FILE": "error",
    "DUPLICATE_FILE": "warning", "PHOTO_TOO_SMALL": "error", "PHOTO_MISSING": "error", "CASE_TOO_LONG": "error",
    "CASE_IMAGE_COUNT": "error", "CASE_SECTION_MISSING": "error", "CASE_QUOTA": "error",
    "CASE_AUTHOR_UNKNOWN": "warning", "MODEL_QUOTA_EXCEEDED": "error", "CRITERIA_NOT_MET": "error",
    "HEADCOUNT_MISMATCH": "error", "PUBLICITY_TOO_SHORT": "error", "FORM_MISSING": "error",
    "FORM_NOT_IN_SUMMARY": "error", "FIELD_MISMATCH": "error", "PAPER_ELECTRONIC_MISMATCH": "error",
    "SEAL_MISSING": "error", "CLASS_OVER_STAFFED": "error", "CLASS_UNSTAFFED": "warning",
    "CANDIDATE_GRADE": "error", "CANDIDATE_STATUS": "error", "DUPLICATE_PERSON": "warning",
    "OCR_LOW_CONFIDENCE": "warning",
}
SCAN_CODES = {"PAPER_ELECTRONIC_MISMATCH", "SEAL_MISSING", "OCR_LOW_CONFIDENCE"}


def test_every_rule_is_a_spec_code_with_its_severity():
    assert checks.RULES, "no rule registered"
    for code, r in checks.RULES.items():
        assert code in SPEC_CODES, code
        assert r.severity == SPEC_CODES[code], code
        assert r.func.__doc__, f"{code} has no docstring stating its contract"


def test_every_spec_code_has_a_rule_and_the_2020_campaign_runs_each_at_its_severity():
    """Each SPEC §5 code is a registered rule, or a generic rule kind the campaign composes."""
    composed = {code for code, entries in b.CAMPAIGN.rules.items() if any(e.kind for e in entries)}
    assert composed == {"MODEL_QUOTA_EXCEEDED", "CRITERIA_NOT_MET", "PUBLICITY_TOO_SHORT", "FORM_MISSING",
                        "FORM_NOT_IN_SUMMARY", "CANDIDATE_STATUS", "DUPLICATE_PERSON", "CLASS_OVER_STAFFED",
                        "PHOTO_TOO_SMALL", "PHOTO_MISSING", "CASE_TOO_LONG", "CASE_IMAGE_COUNT",
                        "CASE_SECTION_MISSING", "CASE_QUOTA", "CASE_AUTHOR_UNKNOWN", "HEADCOUNT_MISMATCH",
                        "CLASS_UNSTAFFED", "CANDIDATE_GRADE"}
    assert set(checks.RULES) | composed == set(SPEC_CODES) and not set(checks.RULES) & composed
    for rule_ in checks.campaign_rules(b.CAMPAIGN):
        assert rule_.severity == SPEC_CODES[rule_.code], rule_.code


def test_a_code_cannot_be_registered_twice():
    with pytest.raises(ValueError):
        rule("LATE_SUBMISSION", severity="warning")(lambda ctx: [])


def test_each_area_module_holds_its_rules():
    areas = {code: r.area for code, r in checks.RULES.items()}
    assert areas["FIELD_MISMATCH"] == "checks.reconcile"
    assert (areas["SEAL_MISSING"], areas["PAPER_ELECTRONIC_MISMATCH"], areas["OCR_LOW_CONFIDENCE"]) == (
        "checks.seals", "checks.paper", "checks.paper")


def _messy_submission():
    rows = [b.a4row(1, "张三", "201824131101", "学生带班党员标兵", 不及格科目数="1"),
            b.a4row(2, "李四", "201824131102"), b.a4row(3, "李四", "201824131102")]
    return b.sub(b.a4(b.MATH, rows, total=5, publicity="6月8日至6月11日"),
                 b.a5(b.MATH, "张三", "201824131101", 专业班级="18统计1班"),
                 b.a2(b.CS, [b.a2row(1, "王五", "201924131101", "20软件工程1班", "共青团员")]),
                 b.case(b.MATH, "赵六", chars=1600, images=1, life=False),
                 items=[b.item("x/坏文件.docx", state="unreadable", reason="文件已损坏")])


def test_same_submission_same_flags_same_ids():
    first = checks.run_checks(b.CAMPAIGN, _messy_submission())
    second = checks.run_checks(b.CAMPAIGN, _messy_submission())
    assert [f.to_dict() for f in first] == [f.to_dict() for f in second]
    assert len({f.id for f in first}) == len(first)
    assert first == sorted(first, key=checks.sort_key)
    assert {"CRITERIA_NOT_MET", "HEADCOUNT_MISMATCH", "PUBLICITY_TOO_SHORT", "FIELD_MISMATCH", "CANDIDATE_GRADE",
            "CANDIDATE_STATUS", "CASE_TOO_LONG", "CASE_IMAGE_COUNT", "PHOTO_MISSING", "UNREADABLE_FILE",
            "DUPLICATE_PERSON", "FORM_MISSING"} <= {f.code for f in first}


def test_order_of_input_files_does_not_change_output():
    s = _messy_submission()
    rev = dataclasses.replace(s, files=tuple(reversed(s.files)), items=tuple(reversed(s.items)))
    assert [f.to_dict() for f in checks.run_checks(b.CAMPAIGN, s)] == [f.to_dict() for f in checks.run_checks(b.CAMPAIGN, rev)]


def test_every_flag_message_is_chinese_and_severity_valid():
    for f in checks.run_checks(b.CAMPAIGN, _messy_submission()):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message), f
        assert f.severity in ("error", "warning")
        assert f.deliverable, f


def test_finding_severity_override_lowers_to_warning():
    r = checks.RULES["DELIVERABLE_MISSING"]
    assert r.to_flag(Finding("缺数据", severity="warning")).severity == "warning"
    assert r.to_flag(Finding("有误")).severity == "error"


def test_no_two_findings_share_an_id_before_dedup():
    """Distinct findings must have distinct ids (run_checks' de-duplication must never hide one)."""
    from checks.context import Ctx

    s = _messy_submission()
    extra = b.a2(b.MATH, [b.a2row(i, f"人{i}", f"2018241311{i:02d}", cls)
                          for i, cls in enumerate(["20统计学1班"] * 3 + ["20数学与应用数学1班"] * 3)])
    s = b.sub(*s.files, extra, items=s.items)
    ctx = Ctx(b.CAMPAIGN, s)
    raw = [f for r in checks.RULES.values() for f in r.run(ctx)]
    ids = [f.id for f in raw]
    assert len(ids) == len(set(ids)), [f.message for f in raw if ids.count(f.id) > 1]


def test_only_the_rules_the_campaign_lists_run_at_the_severity_it_gives():
    from paperdesk.campaign import RuleEntry

    s = _messy_submission()
    flags = checks.run_checks(b.CAMPAIGN, s)
    code = next(f.code for f in flags if f.severity == "error")
    assert code in b.CAMPAIGN.rules
    without = b.CAMPAIGN.model_copy(update={"rules": {k: v for k, v in b.CAMPAIGN.rules.items() if k != code}})
    assert code not in {f.code for f in checks.run_checks(without, s)}
    softer = b.CAMPAIGN.model_copy(update={"rules": {**b.CAMPAIGN.rules, code: (RuleEntry(severity="warning"),)}})
    assert {f.severity for f in checks.run_checks(softer, s) if f.code == code} == {"warning"}
    unknown = b.CAMPAIGN.model_copy(update={"rules": {**b.CAMPAIGN.rules, "NO_SUCH_RULE": (RuleEntry(),)}})
    with pytest.raises(Exception, match="rules.NO_SUCH_RULE：没有这个检查"):
        checks.run_checks(unknown, s)


def test_the_shipped_campaign_lists_every_rule_of_spec_section_5():
    assert set(b.CAMPAIGN.rules) == set(SPEC_CODES)
