"""A broken campaign file is told in Chinese, naming the key and its line."""

from __future__ import annotations

import pytest

from paperdesk.campaign import DEFAULT_CAMPAIGN, CampaignError, load_campaign


def _broken(tmp_path, old: str, new: str):
    text = DEFAULT_CAMPAIGN.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "campaign.yaml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    return p, line


def _error(p) -> str:
    with pytest.raises(CampaignError) as e:
        load_campaign(p)
    return str(e.value)


def test_a_bad_value_names_its_line_key_and_what_was_expected(tmp_path):
    p, line = _broken(tmp_path, "  student_id_digits: 12", "  student_id_digits: 一千五")
    msg = _error(p)
    assert f"第 {line} 行 checks.student_id_digits：应为整数，现为 '一千五'" in msg, msg


def test_an_unknown_key_is_pointed_at(tmp_path):
    p, line = _broken(tmp_path, "  ocr_min_confidence: 0.80", "  ocr_min_confidense: 0.80")
    msg = _error(p)
    assert f"第 {line} 行 checks.ocr_min_confidense：不认识的键" in msg, msg


def test_a_value_out_of_range_and_a_wrong_choice(tmp_path):
    p, line = _broken(tmp_path, "  seal_min_confidence: 0.5", "  seal_min_confidence: 0.1")
    assert f"第 {line} 行 checks.seal_min_confidence：应不小于 0.3，现为 0.1" in _error(p)
    p, line = _broken(tmp_path, "  rounding: half_up", "  rounding: 四舍五入")
    assert f"第 {line} 行 checks.rounding：应为以下之一：'half_up'" in _error(p)


def test_a_fix_text_may_only_name_values_of_checks(tmp_path):
    p, _ = _broken(tmp_path, "{checks.class_max_mentors} 名", "{checks.class_max} 名")
    assert "rules.CLASS_OVER_STAFFED.fix" in _error(p)


def test_a_rule_the_campaign_names_must_exist(tmp_path, capsys):
    from paperdesk.cli import main

    p, _ = _broken(tmp_path, "  LATE_SUBMISSION: {name:", "  LATE_SUBMISSIONS: {name:")
    assert main(["run", "--campaign", str(p), "--inbox", str(tmp_path), "--outbox", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "rules.LATE_SUBMISSIONS：没有这个检查" in err and not (tmp_path / "out").exists()


def test_a_missing_key_points_at_the_mapping_that_lacks_it(tmp_path):
    p, _ = _broken(tmp_path, "office: 党委学生工作部（处）\n", "")
    msg = _error(p)
    assert "office：缺少这一项（必填）" in msg and "第 " in msg, msg


def test_a_generic_rule_with_a_bad_parameter_names_its_line(tmp_path):
    from checks import rule_problems

    p, line = _broken(tmp_path, "    min_days: *publicity_days", "    min_days: 五天")
    problems = "\n".join(rule_problems(load_campaign(p), p))
    assert f"第 {line} 行 rules.PUBLICITY_TOO_SHORT.min_days：应为整数，现为 '五天'" in problems, problems
    p, line = _broken(tmp_path, "    kind: period_min_days", "    kind: period_min")
    assert "rules.PUBLICITY_TOO_SHORT.kind：没有这种检查：period_min" in "\n".join(rule_problems(load_campaign(p), p))


def test_a_generic_rule_must_name_a_form_of_the_campaign(tmp_path):
    from checks import rule_problems

    p, line = _broken(tmp_path, "    tables: [A2, A4]", "    tables: [A2, A6]")
    problems = "\n".join(rule_problems(load_campaign(p), p))
    assert f"第 {line} 行 rules.DUPLICATE_PERSON.tables：表单 A6 不在 forms: 中" in problems, problems


def test_a_row_condition_needs_exactly_one_kind_of_condition(tmp_path):
    from checks import rule_problems

    p, _ = _broken(tmp_path, "column: 不及格科目数, must: zero, text: 没有不及格科目}",
                   "column: 不及格科目数, must: zero, min: 0, text: 没有不及格科目}")
    problems = "\n".join(rule_problems(load_campaign(p), p))
    assert "rules.CRITERIA_NOT_MET" in problems and "只能有一种" in problems, problems


def test_a_ratio_that_is_no_number_is_told_not_a_traceback(tmp_path):
    from checks import rule_problems

    p, line = _broken(tmp_path, '  case_quota_ratio: &case_ratio "0.40"', '  case_quota_ratio: &case_ratio "四成"')
    assert f"第 {line} 行 checks.case_quota_ratio：应为数字" in _error(p)
    p, _ = _broken(tmp_path, "    ratio: *model_ratio", '    ratio: "百分之十五"')
    assert "rules.MODEL_QUOTA_EXCEEDED.ratio：应为数字" in "\n".join(rule_problems(load_campaign(p), p))
