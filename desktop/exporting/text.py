"""Cell text that is always text: no formulas, no error codes, no characters Excel refuses."""

from __future__ import annotations

import re
from datetime import date

# Control characters an .xlsx cannot hold; vertical tab and form feed (Word line breaks)
# become line breaks, the rest are dropped.
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f]")
MAX_CELL_CHARS = 32767


def clean_text(value: str) -> str:
    """`value` with line breaks normalised and characters an .xlsx cannot hold removed."""
    if not value:
        return ""
    text = _BREAKS.sub("\n", value)
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    return text[:MAX_CELL_CHARS]


def chinese_date(day: date | None) -> str:
    """2014-08-20 → 2014年8月20日 (empty for None)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def set_text(cell, value: str) -> None:
    """Write `value` into `cell` as a string, whatever it starts with (never a formula)."""
    cell.value = value
    if cell.data_type != "s":
        cell.data_type = "s"
