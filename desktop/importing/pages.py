"""Text that went through a printed page: page numbers, running headers, the line width.

Text extracted from a PDF (or copied out of one) keeps the printed layout: a hard break at
the right margin of every line, a page number and often a running header on every page.
These helpers find them so that noise.paragraphs() can drop the furniture and rejoin lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from desktop.importing import labelled
from desktop.importing.numbering import match_number
from desktop.importing.textnorm import ends_complete, fold

_DASHES = r"[-—–~_·•.\s]"
_CN_NUMBER = r"[一二三四五六七八九十百〇零]{1,4}"
_PAGE_NUMBER = re.compile(
    rf"{_DASHES}*[-—–]{_DASHES}*\d{{1,4}}{_DASHES}*[-—–]{_DASHES}*"
    rf"|第\s*(?:\d{{1,4}}|{_CN_NUMBER})\s*页(?:\s*[,，/、]?\s*共\s*(?:\d{{1,4}}|{_CN_NUMBER})\s*页)?"
    rf"|共\s*\d{{1,4}}\s*页\s*[,，]?\s*第\s*\d{{1,4}}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SENTENCE = re.compile(r"[。;；:：!?！？]")
#: A line repeated this often, short and without sentence punctuation, is a running header.
_HEADER_REPEATS = 3
#: Fewer lines than this between two repeats: not a page apart.
_MIN_PAGE_LINES = 8
#: At least this many lines must share the widest common width for a text to count as
#: hard-wrapped, and at least this share of all lines.
_MIN_WRAPPED, _MIN_SHARE = 3, 0.15
#: Narrower lines are a list or a table column, not a printed page's lines.
_MIN_MARGIN = 16


def is_page_number(text: str) -> bool:
    """ "- 3 -", "—3—", "第3页", "第 3 页 共 10 页", "3/10" alone on a line."""
    return len(text) <= 24 and _PAGE_NUMBER.fullmatch(fold(text).strip()) is not None


_BARE_NUMBER = re.compile(r"\s*(\d{1,4})\s*")


def page_number_lines(texts: Sequence[str]) -> list[bool]:
    """Which lines are page numbers: the decorated forms anywhere ("- 3 -", "第3页"), and
    bare numbers alone on a line when at least three of them count up page after page."""
    flags = [is_page_number(text) for text in texts]
    chains: dict[int, list[int]] = {}  # next value expected → the lines of the chain
    for index, text in enumerate(texts):
        bare = _BARE_NUMBER.fullmatch(fold(text)) if len(text) <= 6 else None
        if bare is None:
            continue
        value = int(bare.group(1))
        chain = chains.pop(value, [])
        chain.append(index)
        chains[value + 1] = chain
    for chain in chains.values():
        if len(chain) >= 3:
            for index in chain:
                flags[index] = True
    return flags


def printed_width(text: str) -> float:
    """Width on the page in full-width characters: ASCII letters and digits count half."""
    return len(text) - len(text.encode("ascii", "ignore")) / 2


def header_key(text: str) -> str:
    """A running header with its page number or issue number blanked: "公报 · 3" ~ "公报 · 4"."""
    return _DIGITS.sub("#", fold(text))


def running_headers(texts: Sequence[str], page_numbers: Sequence[bool]) -> set[str]:
    """Short lines that repeat page after page: a journal name, a document number, a title
    of the issuing body, also with the page number in them. Numbered lines and labels never
    count; a line that could end a sentence ("牵头办理）") counts only when it sits beside
    page numbers (`page_numbers` flags the lines that are page numbers)."""
    keys = [header_key(text) if 2 <= len(text) <= 40 else "" for text in texts]
    counts = Counter(key for key in keys if key)
    last_seen: dict[str, int] = {}
    crowded: set[str] = set()  # repeats closer than a page apart: list entries, not headers
    adjacent: set[str] = set()  # a line repeated across one page number: printed twice
    for index, key in enumerate(keys):
        if key and counts[key] >= 2:
            gap = index - last_seen.get(key, -_MIN_PAGE_LINES)
            if gap < _MIN_PAGE_LINES:
                crowded.add(key)
            if gap <= 3:
                adjacent.add(key)
            last_seen[key] = index
    beside_numbers: Counter[str] = Counter()
    numbers = [index for index, is_number in enumerate(page_numbers) if is_number]
    for index in numbers:
        for near in range(max(0, index - 2), min(len(texts), index + 3)):
            if not page_numbers[near] and keys[near]:
                beside_numbers[keys[near]] += 1
    found_keys = set()
    examples = {key: text for key, text in zip(keys, texts, strict=True) if key}
    for key, count in counts.items():
        text = examples[key]
        paged = beside_numbers[key] >= count  # every repeat beside a page number
        if count < (2 if paged else _HEADER_REPEATS) or _SENTENCE.search(text):
            continue
        if count < _HEADER_REPEATS and key in adjacent:
            continue  # one line twice in a row: a page boundary repeating it, not a header
        if match_number(text) is not None or labelled.match_label(text) is not None:
            continue
        if beside_numbers[key] * 2 < count and (
            key in crowded or len(text) < 6 or ends_complete(text)
        ):
            continue
        found_keys.add(key)
    return {text for key, text in zip(keys, texts, strict=True) if key in found_keys}


def wrap_width(texts: Sequence[str]) -> float | None:
    """The right margin of a hard-wrapped text (in full-width characters), or None.

    In a hard-wrapped text most lines of a paragraph end at the margin, so many lines share
    (almost) the same, largest common width.
    """
    widths = [printed_width(text) for text in texts]
    counts = Counter(round(width) for width in widths if width >= _MIN_MARGIN)
    if not counts:
        return None
    margin, _ = max(counts.items(), key=lambda item: (item[1], item[0]))
    near = sum(1 for width in widths if abs(width - margin) <= 1.5)
    if near < _MIN_WRAPPED or near < _MIN_SHARE * len(widths):
        return None
    longer = sum(1 for width in widths if width > margin + 1.5)
    if longer > near / 10:  # longer lines: paragraphs, not printed lines
        return None
    return float(margin)
