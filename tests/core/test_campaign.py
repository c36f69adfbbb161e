from pathlib import Path

import pytest
import yaml

from paperdesk.campaign import DEFAULT_CAMPAIGN, CampaignError, load_campaign


def test_default_campaign_loads_with_its_colleges_and_deliverables():
    c = load_campaign()
    assert c.id == "2020-class-mentors"
    assert {d.key for d in c.deliverables} == {
        "cases", "assessment-forms", "assessment-summary", "awards", "selection", "work-summary"}
    assert str(c.deliverable("selection").due) == "2020-06-20"
    assert set(c.forms) == {"A1", "A2", "A3", "A4", "A5"}
    assert c.checks.photo_min_bytes == 1_048_576


@pytest.mark.parametrize("text, official", [
    ("计算机学院", "计算机科学与软件学院"),
    ("计算机科学与软件学院", "计算机科学与软件学院"),
    ("数学与统计学院", "数学与统计学院"),
    ("外语学院", "外国语学院"),
    ("火星学院", None),
])
def test_aliases_resolve_to_official_names(text, official):
    assert load_campaign().resolve_college(text) == official


def test_find_college_prefers_the_longest_name_in_a_file_name():
    c = load_campaign()
    assert c.find_college("数学与统计学院优秀带班党员案例.zip") == "数学与统计学院"
    assert c.find_college("计算机科学与软件学院+优秀带班党员案例.rar") == "计算机科学与软件学院"
    assert c.find_college("汇总表(1).xlsx") is None


def test_a_typo_in_the_campaign_stops_with_a_chinese_message_naming_the_key(tmp_path: Path):
    data = yaml.safe_load(DEFAULT_CAMPAIGN.read_text(encoding="utf-8"))
    data["checks"]["photo_min_byte"] = data["checks"].pop("photo_min_bytes")
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CampaignError) as e:
        load_campaign(bad)
    assert "活动配置文件有误" in str(e.value) and "photo_min_byte" in str(e.value)


def test_a_deliverable_naming_an_undefined_form_is_rejected(tmp_path: Path):
    data = yaml.safe_load(DEFAULT_CAMPAIGN.read_text(encoding="utf-8"))
    data["deliverables"][0]["form"] = "A9"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CampaignError, match="A9"):
        load_campaign(bad)


def test_quota_ratios_are_exact_decimals():
    from decimal import Decimal
    c = load_campaign()
    assert c.checks.case_quota_ratio == Decimal("0.40")
    assert c.checks.model_quota_ratio == Decimal("0.15")


def _with(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(DEFAULT_CAMPAIGN.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "campaign.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_mail_keys_are_optional_and_read_when_given(tmp_path: Path):
    assert load_campaign().mail is None and all(c.email == () for c in load_campaign().colleges)

    def change(data):
        data["colleges"][0]["email"] = "wxy@zqu.edu.cn"
        data["colleges"][1]["email"] = ["a@zqu.edu.cn", "b@qq.com"]
        data["mail"] = {"imap": {"host": "imap.qq.com", "user": "xgb@qq.com", "since": "2020-06-01",
                                 "subjects": ["带班党员"], "ca_file": "certs/ca.pem"},
                        "smtp": {"host": "smtp.qq.com", "security": "starttls", "port": 587, "from": "xgb@qq.com"}}

    c = load_campaign(_with(tmp_path, change))
    assert c.colleges[0].email == ("wxy@zqu.edu.cn",) and c.colleges[1].email == ("a@zqu.edu.cn", "b@qq.com")
    imap, smtp = c.mail.imap, c.mail.smtp
    assert (imap.folder, imap.security, imap.port, imap.mark_seen) == ("INBOX", "ssl", None, False)
    assert imap.password_env == "PAPERDESK_IMAP_PASSWORD" and str(imap.since) == "2020-06-01"
    assert imap.ca_file == str((tmp_path / "certs" / "ca.pem").resolve())  # relative to the campaign file
    assert (smtp.from_address, smtp.user, smtp.password_env) == ("xgb@qq.com", None, "PAPERDESK_SMTP_PASSWORD")


@pytest.mark.parametrize("bad", ["not an address", "a@b.cn, c@d.cn", "张三 <a@b.cn>", "a@b.cn\r\nBcc: x@y.cn"])
def test_a_college_address_that_could_smuggle_recipients_is_rejected(tmp_path: Path, bad):
    path = _with(tmp_path, lambda d: d["colleges"][0].__setitem__("email", bad))
    with pytest.raises(CampaignError, match="colleges.0.email") as e:
        load_campaign(path)
    assert "不是有效的邮箱地址" in str(e.value)


def test_a_typo_under_mail_names_the_key(tmp_path: Path):
    path = _with(tmp_path, lambda d: d.__setitem__("mail", {"imap": {"host": "h", "user": "u", "pasword": "x"}}))
    with pytest.raises(CampaignError, match="mail.imap.pasword"):
        load_campaign(path)
