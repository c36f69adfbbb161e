"""Small date and time parsing for the checks: 公示 periods and submission times.

Periods come as people type them: "2020年6月8日至6月12日", "2020.6.8-2020.6.12", "6月8日—12日",
"2020-06-08至2020-06-12". A missing year is the campaign's; a missing month in the end date is the
start's. Anything else is None (the rule then says it could not read the period).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from paperdesk import textnorm

_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*(?:年|[./\-])\s*)?"
    r"(?:(?P<m>\d{1,2})\s*(?:月|[./\-])\s*)?"
    r"(?P<d>\d{1,2})(?!\d)\s*(?:日|号)?"
)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


_WHOLE_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*[日号]?")


def parse_date(text: str | None) -> dt.date | None:
    """The day a text that is one whole date names (2020-06-16, 2020/6/16, 2020.6.16,
    2020年6月16日), else None."""
    m = _WHOLE_DATE.fullmatch(textnorm.clean(textnorm.to_halfwidth(text or "")).strip())
    return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def parse_period(text: str | None, default_year: int) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) of a period, or None when it cannot be read."""
    if not text:
        return None
    parts = [m.groupdict() for m in _DATE.finditer(textnorm.to_halfwidth(text))]
    if len(parts) < 2 or not parts[0]["m"]:
        return None
    a, b = parts[0], parts[1]
    y1 = int(a["y"] or default_year)
    start = _date(y1, int(a["m"]), int(a["d"]))
    if start is None:
        return None
    y2 = int(b["y"] or y1)
    end = _date(y2, int(b["m"] or start.month), int(b["d"]))
    if end is not None and end.month < start.month and not b["y"]:
        end = _date(y2 + 1, end.month, end.day)  # 12月28日至1月2日
    if end is None or end < start:
        return None
    return start, end


def inclusive_days(period: tuple[dt.date, dt.date]) -> int:
    """Days of a period counting both ends: 6月8日至6月12日 is 5."""
    return (period[1] - period[0]).days + 1


def parse_time(text: str | None, tz: str) -> dt.datetime | None:
    """An ISO 8601 time as an aware datetime (naive times are in ``tz``); None when unreadable."""
    if not text:
        return None
    try:
        t = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=ZoneInfo(tz))


def deadline(due: dt.date, tz: str, inclusive: bool) -> dt.datetime:
    """The first instant that is late: the day after ``due`` at 0:00 when inclusive, else ``due`` at 0:00."""
    day = due + dt.timedelta(days=1) if inclusive else due
    return dt.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(tz))


def cn_date(day: dt.date) -> str:
    """2020年6月22日 (portable: no platform-specific strftime flags)."""
    return f"{day.year}年{day.month}月{day.day}日"
