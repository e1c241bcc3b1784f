"""Heading numbers: 一、 （一） 1. （1） ① in full- and half-width forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.importing.textnorm import cut_at, fold

_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "一二三四五六七八九十百〇零两"

# (style, rank, pattern on folded text); the first group is the value.
_STYLES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("cn", 1, re.compile(rf"^\s*([{_CN}]{{1,4}})\s*[、.]\s*")),
    ("cn_paren", 2, re.compile(rf"^\s*\(\s*([{_CN}]{{1,4}})\s*\)\s*[、.]?\s*")),
    ("arabic", 3, re.compile(r"^\s*(\d{1,3})\s*(?:[、.](?!\d)|,(?=\D))\s*")),
    ("arabic_paren", 4, re.compile(r"^\s*\(\s*(\d{1,3})\s*\)\s*[、.]?\s*|^\s*(\d{1,2})\)\s*")),
    ("circled", 5, re.compile(r"^\s*([\u2460-\u2473\u2776-\u277f])\s*[、.]?\s*")),
    ("arabic_paren", 4, re.compile(r"^\s*([\u2474-\u2487])\s*")),
    ("arabic", 3, re.compile(r"^\s*([\u2488-\u249b])\s*")),
)


@dataclass(frozen=True)
class Number:
    """A heading number found at the start of a paragraph."""

    style: str
    rank: int
    value: int
    token: str  # as written in the source, without surrounding blanks
    end: int  # index in the paragraph where the heading text begins


def chinese_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零三 → 103; 0 when not a number."""
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGIT:
            current = _CN_DIGIT[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return 0
    return total + current


def _value(style: str, raw: str) -> int:
    if style in ("cn", "cn_paren"):
        return chinese_to_int(raw)
    if raw.isdigit() and raw.isascii():
        return int(raw)
    code = ord(raw)
    if 0x2460 <= code <= 0x2473:
        return code - 0x245F
    if 0x2776 <= code <= 0x277F:
        return code - 0x2775
    if 0x2474 <= code <= 0x2487:
        return code - 0x2473
    if 0x2488 <= code <= 0x249B:
        return code - 0x2487
    return int(raw)


def match_number(text: str, folded: str | None = None) -> Number | None:
    """The heading number at the start of `text`, or None."""
    folded = fold(text) if folded is None else folded
    for style, rank, pattern in _STYLES:
        found = pattern.match(folded)
        if not found:
            continue
        raw = next(group for group in found.groups() if group)
        value = _value(style, raw)
        if value <= 0:
            continue
        rest = folded[found.end() :]
        if style == "arabic" and rest[:1] in ("%", "万", "亿", "元", "个", "年", "月", "日"):
            continue
        token = text[: found.end()].strip()
        return Number(style, rank, value, token, found.end())
    return None


_INLINE = re.compile(
    r"[。!?;；！？：:]\s{0,2}"
    r"(?=(?:[(（]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]|\d{1,3}\s*[、.．](?!\d)"
    r"|[\u2460-\u2473]))"
)


def split_inline(text: str) -> list[str]:
    """Split a paragraph where the next number of a sequence follows a full stop or colon.

    "……违法违纪行为。 31.深入贯彻……" after a paragraph numbered 30 gives two paragraphs;
    "整改措施：（1）……（2）……" gives the label and one paragraph per measure.  Numbers that do
    not continue the sequence (or start one after a colon) stay inside the text.
    """
    folded = fold(text)
    if not _INLINE.search(folded):
        return [text]
    own = match_number(text, folded)
    last: dict[str, int] = {own.style: own.value} if own else {}
    cuts: list[int] = []
    for found in _INLINE.finditer(folded):
        pos = found.end()
        number = match_number(text[pos:], folded[pos:])
        if number is None:
            continue
        before = folded[:pos].rstrip()
        after_colon = before.endswith((":", "："))
        expected = last.get(number.style, 0) + 1
        if number.value == expected and (number.style in last or after_colon):
            cuts.append(pos)
            last[number.style] = number.value
    return cut_at(text, cuts)
