"""Reading a cell against one worded criterion (a ``row_condition`` rule's ``must``, checks.kinds).

``must`` is one of:
- ``zero``: a count that must be 0 ("0", "0.0", "无" pass);
- ``done``: an essay that must be finished ("已完成", "完成", "是" pass; "未完成", "否" fail);
- ``no_bad_record``: an integrity record with nothing bad ("无", "良好", "无不良记录" pass;
  "有不良记录", "有" fail);
- ``award_min``: an award at least as good as the campaign's ``award_keywords`` (any keyword in
  the text passes, loosely: 二等学业奖学金 and 综合奖学金二等奖 are an 二等奖学金; "无" and an award the
  keywords do not name fail (院级优秀共青团员); an empty cell, or a provincial or national award, a
  first or second prize the keywords do not name, cannot be told).
:func:`judge` answers True (met), False (not met) or None (the value cannot be read: the rule
then says so instead of guessing).
"""

from __future__ import annotations

import re

from paperdesk import textnorm

_DONE = {"已完成", "完成", "是", "已交", "已提交", "已撰写", "√"}
_NOT_DONE = {"未完成", "否", "无", "没有", "未交", "未提交", "未撰写", "×"}
_CLEAN = {"无", "没有", "良好", "正常", "无不良记录", "无不良诚信记录", "否"}


_RANKED_HIGH = re.compile(r"国家|全国|国际|省|[一二特]等奖|金奖|银奖|冠军|第[一二]名")
_GRADE = re.compile(r"^([一二三四特]等)(.*奖学金)$")


def _award_patterns(keyword: str) -> list[re.Pattern]:
    """A keyword matched loosely: up to four characters may sit after its first two
    (二等奖学金 finds 二等学业奖学金, 三好学生 finds 三好学生标兵); a graded scholarship also with
    its grade after it (三等奖学金 finds 综合奖学金三等奖)."""
    k = textnorm.squash(keyword)
    if len(k) < 4:
        return [re.compile(re.escape(k))]
    out = [re.compile(re.escape(k[:2]) + ".{0,4}?" + re.escape(k[2:]))]
    if m := _GRADE.match(k):
        out.append(re.compile(re.escape(m.group(2)) + ".{0,4}?" + re.escape(m.group(1))))
    return out


def judge(must: str, value: str | None, award_keywords: tuple[str, ...]) -> bool | None:
    """Whether ``value`` meets the criterion ``must``; None when it cannot be told (``value`` None:
    an enumerated value that is none of its vocabulary's spellings)."""
    if value is None:
        return None
    text = textnorm.squash(value)
    if must == "zero":
        n = textnorm.to_int(value)
        return None if n is None else n == 0
    if must == "done":
        return True if text in _DONE else False if text in _NOT_DONE else None
    if must == "no_bad_record":
        if text in _CLEAN:
            return True
        return False if ("不良" in text or text.startswith("有")) else None
    if must == "award_min":
        if not text:
            return None  # a blank cell is no evidence either way: staff look
        if any(p.search(text) for k in award_keywords for p in _award_patterns(k)):
            return True
        # an award the keywords do not name fails (院级优秀共青团员), unless it is of a rank the
        # keywords cannot be measured against (a provincial or national award, a first prize):
        # staff judge that one
        return None if _RANKED_HIGH.search(text) else False
    raise ValueError(f"unknown criterion kind {must!r}")  # the campaign loader only allows the four above
