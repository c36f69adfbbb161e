"""Names of groups and statuses as people type them, compared loosely (for the rule kinds).

- :func:`class_key`: a class name with its year and 班 normalised ("2020级数学与应用数学1班" ~
  "20数学与应用数学1班");
- :func:`split_groups`: the groups one cell names (several, split at 、,;/);
- :func:`status_ok`: a 政治面貌 among allowed values, tolerating short forms ("预备党员").
"""

from __future__ import annotations

import re

from paperdesk import textnorm

_CLASS_SPLIT = re.compile(r"[、,，;；/]+")
_YEAR = re.compile(r"^(20\d\d)(?=\D)")


def class_key(text: str) -> str:
    """A key for matching class names loosely: "2020级数学与应用数学1班" ~ "20数学与应用数学1班"."""
    key = textnorm.squash(text).replace("级", "")
    key = _YEAR.sub(lambda m: m.group(1)[2:], key)  # a leading 4-digit year 20xx as its last two digits
    return key[:-1] if key.endswith("班") else key


def split_groups(text: str) -> list[str]:
    """The groups (classes) one cell names: a cell may name several, split at 、,;/."""
    return [c.strip() for c in _CLASS_SPLIT.split(text or "") if c.strip()]


def status_ok(value: str, allowed: tuple[str, ...]) -> bool:
    """Whether a 政治面貌 is one of ``allowed``, tolerating short forms ("预备党员", "积极分子")."""
    v = textnorm.squash(value).replace("正式", "")
    if not v:
        return False
    for a in (textnorm.squash(s) for s in allowed):
        if v == a or (len(v) >= 4 and a.endswith(v)) or (v == "党员" and a == "中共党员"):
            return True
    return False
