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


#: a class name with its year before or after the major: 2017级法学1班, 法学2017级1班, 17法学1
_CLASS = re.compile(r"^(?:(?P<y1>(?:20)?\d\d)级?)?(?P<major>\D+?)(?:(?P<y2>(?:20)?\d\d)级)?(?P<num>\d{1,2})班?$")


def class_key(text: str) -> str:
    """A key for matching class names loosely: "2020级数学与应用数学1班" ~ "20数学与应用数学1班",
    "法学2017级1班" ~ "2017级法学1班" (year, major and number, wherever the year is typed)."""
    squashed = textnorm.squash(text)
    m = _CLASS.match(squashed)
    if m and bool(m["y1"]) != bool(m["y2"]):
        major = m["major"].replace("级", "").replace("班", "")
        if major:
            return f"{(m['y1'] or m['y2'])[-2:]}{major}{m['num']}"
    key = squashed.replace("级", "")
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
