"""The date a 完成时限 wording means, for the editor's “→ 2014-09-30” hint.

Uses desktop.importing.deadlines when that module exists; until then a small local reading of
年/月/日, 月底, 年底, 上半年, 季度.  No Qt here.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_FULL_DATE = re.compile(rf"(\d{{4}})\s*年\s*{_NUMBER}\s*月\s*(\d{{1,2}})\s*[日号]")
_MONTH = re.compile(rf"(?:(\d{{4}})\s*年\s*)?{_NUMBER}\s*月")
_YEAR_END = re.compile(r"(\d{4})\s*年\s*(?:年?底|年末|年内|全年|前)")
_HALF = re.compile(r"(?:(\d{4})\s*年\s*)?([上下])半年")
_QUARTER = re.compile(r"(?:(\d{4})\s*年\s*)?(?:第\s*)?([一二三四1-4])\s*季度")


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _NUMERALS.get(text[1:], 0)
    return _NUMERALS[text]


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def local_parse_deadline(text: str, default_year: int | None = None) -> date | None:
    """The last day `text` allows, or None (长期坚持, or nothing recognisable)."""
    text = text.strip()
    if not text:
        return None
    if match := _FULL_DATE.search(text):
        try:
            return date(int(match[1]), _number(match[2]), int(match[3]))
        except ValueError:
            return None
    if match := _MONTH.search(text):
        year = int(match[1]) if match[1] else default_year
        return _month_end(year, _number(match[2])) if year else None
    if match := _QUARTER.search(text):
        year = int(match[1]) if match[1] else default_year
        quarter = _number(match[2])
        return _month_end(year, quarter * 3) if year else None
    if match := _HALF.search(text):
        year = int(match[1]) if match[1] else default_year
        return _month_end(year, 6 if match[2] == "上" else 12) if year else None
    if match := _YEAR_END.search(text):
        return date(int(match[1]), 12, 31)
    return None


def parse_deadline(text: str, default_year: int | None = None) -> date | None:
    """The due date of a deadline wording; `default_year` (the plan's year) fills 9月底前."""
    try:
        from desktop.importing import deadlines  # lands with the importer
    except ImportError:
        return local_parse_deadline(text, default_year)
    parser = getattr(deadlines, "parse_deadline", None)
    if parser is None:
        return local_parse_deadline(text, default_year)
    try:
        result = parser(text, default_year)
    except TypeError:
        result = parser(text)
    if isinstance(result, date) or result is None:
        return result
    due = getattr(result, "due_date", None)  # a parse result object
    return due if isinstance(due, date) else None
