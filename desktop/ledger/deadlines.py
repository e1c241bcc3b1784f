"""Deadline wording → the last day it allows (PLAN_FORMAT.md, "Deadlines").

One rule for every caller: the operations that save a deadline derive the due date with it,
the importer and the import preview read parsed wording with it.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from datetime import date

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20})

_CN_NUM = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "O": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_MONTH_CN = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
    "正": 1,
}

_YEAR = r"(?P<year>(?:19|20)\d\d|[二][〇○零O一二三四五六七八九]{3})\s*年\s*(?:度)?"
_MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九正])\s*月\s*(?:份)?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])\s*[日号]"
_PATTERN = re.compile(
    rf"(?:{_YEAR})?"
    rf"(?:(?P<season>(?:第)?[一二三四1-4])\s*季度"
    rf"|(?P<half>上半年|下半年)"
    rf"|{_MONTH}(?:{_DAY}|(?P<mid>中旬|上旬|下旬|底|末|中))?"
    rf"|(?P<yearend>年底|年末|年内|底|末|内))?"
)
_ONGOING = re.compile(r"长期|持续|常态|久久为功")
_YEARS = re.compile(r"((?:19|20)\d\d|二[〇○零O一二三四五六七八九]{3})\s*年")


def fold(text: str) -> str:
    """Full-width digits and letters as half-width (２０１４年 → 2014年)."""
    return text.translate(_WIDTH)


def _year_number(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    return int("".join(_CN_NUM.get(char, char) for char in raw))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _season_end(year: int, raw: str) -> date:
    quarter = {"一": 1, "二": 2, "三": 3, "四": 4}.get(raw[-1]) or int(raw[-1])
    return _month_end(year, quarter * 3)


def is_ongoing(deadline_text: str) -> bool:
    """Whether the wording means a standing task (长期坚持, 持续推进 …)."""
    return bool(_ONGOING.search(deadline_text or ""))


def status_for_wording(deadline_text: str, status: str) -> str:
    """The status a task takes when its deadline wording is set: 长期坚持 wording makes a task
    not yet started a standing one (ongoing); wording with a date makes a standing task not
    started again; a task under way, done or closed keeps its status."""
    if status == "not_started" and is_ongoing(deadline_text):
        return "ongoing"
    if status == "ongoing" and not is_ongoing(deadline_text) and deadline_text.strip():
        return "not_started"
    return status


def due_date(deadline_text: str, plan_year: int | None) -> str | None:
    """The ISO date of the last day `deadline_text` allows, or None.

    With several dates ("10月底前完成方案，年底前全面完成") the latest counts.  Dates without a
    year take the year last written before them, else `plan_year`.
    """
    text = fold(deadline_text or "")
    if not text.strip():
        return None
    latest: date | None = None
    context_year = plan_year
    for found in _PATTERN.finditer(text):
        if not found.group(0).strip():
            continue
        year_raw = found.group("year")
        year = _year_number(year_raw) if year_raw else context_year
        if year_raw:
            context_year = year
        if year is None:
            continue
        candidate = _candidate(found, year, bool(year_raw))
        if candidate is not None and (latest is None or candidate > latest):
            latest = candidate
    return latest.isoformat() if latest else None


def _candidate(found: re.Match[str], year: int, has_year: bool) -> date | None:
    if found.group("season"):
        return _season_end(year, found.group("season"))
    if found.group("half"):
        return date(year, 6, 30) if found.group("half") == "上半年" else date(year, 12, 31)
    month_raw = found.group("month")
    if month_raw:
        month = int(month_raw) if month_raw.isdigit() else _MONTH_CN.get(month_raw, 0)
        if not 1 <= month <= 12:
            return None
        day_raw = found.group("day")
        if day_raw:
            day = int(day_raw)
            last = calendar.monthrange(year, month)[1]
            return date(year, month, min(day, last))
        mid = found.group("mid")
        if mid == "上旬":
            return date(year, month, 10)
        if mid in ("中旬", "中"):
            return date(year, month, 20)
        return _month_end(year, month)
    end = found.group("yearend")
    if end in ("年底", "年末", "年内") or (has_year and end):
        return date(year, 12, 31)
    if has_year and end is None:
        return date(year, 12, 31)
    return None


def years_in(text: str) -> Counter[int]:
    """How often each year is written in `text` (2014年, 二〇一四年)."""
    counts: Counter[int] = Counter()
    for found in _YEARS.finditer(fold(text)):
        value = _year_number(found.group(1))
        if 1990 <= value <= 2100:
            counts[value] += 1
    return counts


def deadline_date(deadline_text: str, plan_year: int | None) -> date | None:
    """The last day `deadline_text` allows as a date (see due_date), or None."""
    iso = due_date(deadline_text, plan_year)
    return date.fromisoformat(iso) if iso else None
