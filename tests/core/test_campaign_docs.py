"""docs/campaigns.md stays true: every rule kind with every parameter, every top-level key, and
both shipped campaigns load and pass the rule check."""

from __future__ import annotations

from pathlib import Path

import pytest

import checks
from checks.kinds import KINDS
from paperdesk.campaign import TEMPLATES_DIR, Campaign, load_campaign

DOC = (Path(__file__).resolve().parents[2] / "docs" / "campaigns.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_and_parameter_is_documented(name):
    start = DOC.index(f"**`{name}`**")
    end = DOC.find("\n**`", start + 1)
    section = DOC[start:end if end != -1 else len(DOC)]
    for field, info in KINDS[name].params.model_fields.items():
        assert f"`{info.alias or field}`" in section, f"{name}: parameter {info.alias or field} undocumented"
    for placeholder in KINDS[name].fields:
        assert placeholder in section, f"{name}: placeholder {placeholder} undocumented"


def test_every_top_level_key_is_documented():
    for field, info in Campaign.model_fields.items():
        if field != "roster_source":  # set by the loader, not written
            assert f"| `{info.alias or field}` |" in DOC, field


@pytest.mark.parametrize("path", sorted((TEMPLATES_DIR / "campaigns").glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_campaign_loads_and_its_rules_are_valid(path):
    campaign = load_campaign(path)
    assert checks.rule_problems(campaign, path) == []
    assert checks.campaign_rules(campaign)
