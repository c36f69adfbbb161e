"""Reference data the office holds: its roster, per college, of the count a quota is based on.

A shipped campaign never carries per-college headcounts: that is a fact only the office or the
college can give. When the office has a roster it names it (``roster:`` in the campaign, or
``paperdesk run --roster FILE``), as

- a YAML mapping ``{学院: 人数}`` (official names or aliases) — or ``{学院: {<…人数/…总数/…学生数>:
  n, 新生班级: [...]}}`` where the office also knows the college's freshman classes (reference
  data of a groups_covered rule) —, or a list of ``{学院, <count>}``;
- an xlsx whose first sheet has a header row with a 学院 column and a count column (any label
  ending in 人数, 总数 or 学生数), one row per college — or one row per person (a 学院 column and
  a 姓名 column, no count column): then the rows of each college are counted.

Every figure must name a college of the campaign; an unknown name or a figure that is not a whole
number stops the run with a Chinese message (bad configuration, not bad input).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from paperdesk import textnorm
from paperdesk.errors import CampaignError

if TYPE_CHECKING:  # the campaign loader applies a roster: no import back at run time
    from paperdesk.campaign import Campaign

_COLLEGE = ("学院", "二级学院", "学院名称", "单位")
#: a count column or key: any label ending in one of these (人数, 带班党员总数, 在校学生数 …)
_COUNT_ENDINGS = ("人数", "总数", "学生数")
_NAME = ("姓名",)
_CLASSES = ("新生班级", "freshman_classes")  # and any label ending in 新生班级 (2020级新生班级)


def apply_roster(campaign: Campaign, path: Path) -> Campaign:
    """The campaign with each college's ``headcount`` taken from the roster at ``path``."""
    counts, classes = read_roster(path, campaign)
    colleges = tuple(c.model_copy(update={"headcount": counts.get(c.name, c.headcount),
                                          "freshman_classes": classes.get(c.name, c.freshman_classes)})
                     for c in campaign.colleges)
    return campaign.model_copy(update={"colleges": colleges, "roster_source": f"学工部名册（{path.name}）"})


def read_roster(path: Path, campaign: Campaign) -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
    """(official college name -> the count a quota is based on, -> freshman classes), from a YAML or xlsx roster."""
    if not path.is_file():
        raise CampaignError(f"找不到名册：{path}")
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            pairs = _yaml_pairs(yaml.safe_load(path.read_text(encoding="utf-8")))
        else:
            pairs = _xlsx_pairs(path)
    except (yaml.YAMLError, OSError, ValueError, KeyError) as e:
        raise CampaignError(f"名册无法读取：{path}：{e}") from e
    out: dict[str, int] = {}
    classes: dict[str, tuple[str, ...]] = {}
    for college, count in pairs:
        name = campaign.resolve_college(college) or campaign.find_college(college)
        if name is None:
            known = "、".join(c.name for c in campaign.colleges)
            raise CampaignError(f"名册 {path} 中的学院“{college}”不在活动配置的学院中（{known}）")
        if isinstance(count, dict):
            listed = next((v for k, v in count.items() if k in _CLASSES or str(k).endswith("新生班级")), None)
            if listed is not None:
                classes[name] = tuple(str(x) for x in listed)
            count = next((v for k, v in count.items() if _is_count(k)), None)
            if count is None:
                continue
        n = textnorm.to_int(count)
        if n is None:
            raise CampaignError(f"名册 {path} 中{name}的人数“{count}”不是整数")
        out[name] = out.get(name, 0) + n
    return out, classes


def _yaml_pairs(data) -> list[tuple[str, object]]:
    if isinstance(data, dict):
        return [(str(k), v) for k, v in data.items()]
    if isinstance(data, list):
        out = []
        for entry in data:
            if not isinstance(entry, dict):
                raise ValueError("名册的每一项应为 {学院: …, 人数: …}")
            college = next((entry[k] for k in _COLLEGE if k in entry), None)
            count = next((v for k, v in entry.items() if _is_count(k)), None)
            if college is None or count is None:
                raise ValueError(f"名册项缺少学院或人数：{entry}")
            out.append((str(college), count))
        return out
    raise ValueError("名册应为 {学院: 人数} 或列表")


def _xlsx_pairs(path: Path) -> list[tuple[str, object]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = [list(r) for r in wb.worksheets[0].iter_rows(max_row=5000, max_col=30, values_only=True)]
    finally:
        wb.close()
    for i, row in enumerate(rows[:20]):
        labels = [textnorm.squash(textnorm.clean(v)) for v in row]
        col = _index(labels, _COLLEGE)
        if col is None:
            continue
        count = next((j for j, t in enumerate(labels) if t and _is_count(t)), None)
        if count is not None:
            return [(textnorm.clean(r[col]), r[count]) for r in rows[i + 1:]
                    if col < len(r) and count < len(r) and textnorm.clean(r[col]) and textnorm.clean(r[count])]
        name = _index(labels, _NAME)
        if name is not None:  # one row per mentor: count them
            return [(textnorm.clean(r[col]), 1) for r in rows[i + 1:]
                    if max(col, name) < len(r) and textnorm.clean(r[col]) and textnorm.clean(r[name])]
    raise ValueError("第一个工作表中找不到“学院”和人数（或姓名）列")


def _is_count(label: object) -> bool:
    return textnorm.squash(str(label)).endswith(_COUNT_ENDINGS)


def _index(labels: list[str], names: tuple[str, ...]) -> int | None:
    keys = {textnorm.squash(n) for n in names}
    return next((j for j, t in enumerate(labels) if t in keys), None)
