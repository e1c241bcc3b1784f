"""Page geometry: column widths fitted to A4 landscape, font sizes, and row heights computed
from the text, the column width and the font (LibreOffice and WPS do not auto-fit rows).

CJK characters count as two half-width units, ASCII as one.  Heights are generous: the line
height is taken for the tallest of the fonts that may stand in (Noto CJK under LibreOffice).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

# A column's width is counted in digits of the workbook's Normal font (宋体 11 pt, see
# styles.py).  Excel and WPS with 宋体 give a digit 8 px = 6 pt; LibreOffice without 宋体 falls
# back to a font whose digit is 7 pt.  Text wraps in the narrower measure (6 pt) and the whole
# table is as wide as the page in the wider one (7 pt), so no program has to shrink it: the
# body prints at its own size everywhere.
POINTS_PER_UNIT = 6.0
WIDEST_POINTS_PER_UNIT = 7.0
PAGE_WIDTH_PT = 841.9 - 2 * 18  # A4 landscape less the narrow 0.25-inch side margins
PAGE_UNITS = math.floor(PAGE_WIDTH_PT / WIDEST_POINTS_PER_UNIT) - 1  # a little slack
CELL_PADDING_PT = 6.0  # the inner left and right margins of a cell, together
WIDTH_SAFETY = 0.96  # renderers differ in glyph widths and in wrapping punctuation
LINE_FACTOR = 1.45  # line height / font size, for the tallest stand-in font
ROW_PADDING_PT = 5.0
MAX_ROW_PT = 409.0  # Excel's limit for one row
NO_LINE_START = frozenset("，。、；：？！）》」』”’,.;:?!)")  # kept on the line before (the
# capacity keeps a character in reserve for it)
HEIGHT_STEP_PT = 0.75  # Excel keeps row heights in whole pixels (0.75 pt at 96 dpi)

BODY_SIZE = 11.0
CROWDED_BODY_SIZE = 10.5  # 五号, the least an office prints a table in
HEADER_SIZE = 12.0
TITLE_SIZE = 18.0
INFO_SIZE = 11.0
HEADER_WORD = 2  # header words are split between whole two-character words (牵头/领导)


def fit_widths(
    widths: Sequence[float], headers: Sequence[str] = (), min_chars: Sequence[int] = ()
) -> tuple[list[float], float]:
    """Widths scaled to fill the printable page width, and the body font size they allow;
    no column narrower than its header's words (序号 never prints as 序/号)."""
    total = sum(widths) or 1.0
    scale = PAGE_UNITS / total
    size = BODY_SIZE if scale >= 0.7 else CROWDED_BODY_SIZE
    fitted = [width * scale for width in widths]
    least = [header_min_width(header) for header in headers] or [0.0] * len(fitted)
    for index, chars in enumerate(min_chars):
        if chars:  # the body text's characters plus the model's one in reserve
            body = ((chars + 1) * size + CELL_PADDING_PT) / (POINTS_PER_UNIT * WIDTH_SAFETY)
            least[index] = max(least[index], body + 0.3)
    for _round in range(len(fitted)):
        short = [i for i, (w, m) in enumerate(zip(fitted, least, strict=True)) if w < m]
        if not short:
            break
        need = sum(least[i] - fitted[i] for i in short)
        for i in short:
            fitted[i] = least[i]
        rest = [i for i in range(len(fitted)) if i not in short and fitted[i] > least[i]]
        spare = sum(fitted[i] - least[i] for i in rest)
        if spare <= 0:
            break
        for i in rest:
            fitted[i] -= need * (fitted[i] - least[i]) / spare
    return [round(width, 2) for width in fitted], size


# Headers whose halves would split a word (预计完/成时间): where they break instead.
HEADER_BREAKS = {"预计完成时间": 4}


def _words(header: str) -> list[str]:
    """The two lines a header prints on when it does not fit on one: between whole words
    (牵头/领导, 本单位/职责, 预计完成/时间)."""
    if len(header) <= HEADER_WORD + 1:
        return [header]
    half = HEADER_BREAKS.get(header, (len(header) + 1) // 2)
    return [header[:half], header[half:]]


def header_min_width(header: str) -> float:
    """The width (units) that holds the longest word of `header` on one line."""
    longest = max(half_widths(word) for word in _words(header))
    return (longest * HEADER_SIZE / 2 + CELL_PADDING_PT) / (POINTS_PER_UNIT * WIDTH_SAFETY) + 0.3


def header_text(header: str, width_units: float) -> str:
    """`header` as printed: whole on one line when it fits, else broken between words."""
    room = (width_units * POINTS_PER_UNIT - CELL_PADDING_PT) * WIDTH_SAFETY / (HEADER_SIZE / 2)
    if half_widths(header) <= room:
        return header
    return "\n".join(_words(header))


def half_widths(text: str) -> int:
    """Display width in half-width units: CJK (3-byte UTF-8) characters count double."""
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) // 2


def _capacity(width_units: float, size: float) -> float:
    capacity = (width_units * POINTS_PER_UNIT - CELL_PADDING_PT) * WIDTH_SAFETY / (size / 2)
    # Whole CJK characters per line, less one: renderers do not start a line with 。，、
    # and carry the character before it down too.
    return max(2.0, 2 * math.floor(capacity / 2) - 2)


def line_count(text: str, width_units: float, size: float) -> int:
    """How many lines `text` takes wrapped in a column `width_units` wide at `size` pt."""
    capacity = _capacity(width_units, size)
    if "\n" not in text:
        return max(1, math.ceil(half_widths(text) / capacity))
    return sum(max(1, math.ceil(half_widths(part) / capacity)) for part in text.split("\n"))


def wrap_lines(text: str, width_units: float, size: float) -> list[tuple[str, bool]]:
    """`text` cut into the lines of the height model: (line, ends its paragraph) pairs.

    A line is filled until it holds the model's capacity, so there are never more lines
    than line_count() gives, and each holds at most one half-width unit over the capacity
    (within the model's margin for the renderer): a line ends before the first character
    at which the units used reach the capacity, unless that character may not start a line
    (then before the next one that may)."""
    capacity = _capacity(width_units, size)
    lines: list[tuple[str, bool]] = []
    for paragraph in text.split("\n"):
        if half_widths(paragraph) <= capacity:
            lines.append((paragraph, True))
            continue
        # units used before each character: found by bisection instead of a walk per
        # character (the export wraps every text of every task)
        used = list(accumulate([1 if char < "\x80" else 2 for char in paragraph], initial=0))
        end, start = len(paragraph), 0
        while True:
            index = bisect_left(used, used[start] + capacity, start + 1, end)
            while index < end and paragraph[index] in NO_LINE_START:
                index += 1
            if index >= end:
                break
            lines.append((paragraph[start:index], False))
            start = index
        lines.append((paragraph[start:], True))
    return lines


@lru_cache(maxsize=65536)
def wrapped(text: str, width_units: float, size: float) -> tuple[tuple[str, bool], ...]:
    """wrap_lines() remembered: a ledger repeats its units, leaders, deadlines and statuses
    in thousands of cells (a 10,000-task ledger wraps 110,000 texts, 32,000 different)."""
    return tuple(wrap_lines(text, width_units, size))


def lines_height(lines: int, size: float) -> float:
    height = lines * size * LINE_FACTOR + ROW_PADDING_PT
    return round(math.ceil(height / HEIGHT_STEP_PT - 1e-6) * HEIGHT_STEP_PT, 2)


def row_height(texts: Sequence[str], widths: Sequence[float], size: float) -> float:
    """The height (pt) that shows every text of a row whole, uncapped."""
    lines = 1
    for text, width in zip(texts, widths, strict=True):
        if text:
            lines = max(lines, line_count(text, width, size))
    return lines_height(lines, size)


def split_height(height: float) -> list[float]:
    """A height over Excel's row limit spread over as few rows as needed."""
    if height <= MAX_ROW_PT:
        return [height]
    rows = math.ceil(height / MAX_ROW_PT)
    return [round(height / rows + 0.05, 1)] * rows


def segments(widths: Sequence[float], fractions: Sequence[float]) -> list[tuple[int, int]] | None:
    """Split columns into consecutive (first, last) 0-based runs of about the given width
    fractions; None when there are fewer columns than runs."""
    count = len(fractions)
    if len(widths) < count:
        return None
    total = sum(widths)
    bounds: list[int] = []  # index of the last column of each run but the last
    cumulative = 0.0
    ends = []
    for width in widths:
        cumulative += width
        ends.append(cumulative / total)
    target = 0.0
    start = 0
    for k, fraction in enumerate(fractions[:-1]):
        target += fraction
        remaining_runs = count - k - 1
        candidates = range(start, len(widths) - remaining_runs)
        last = min(candidates, key=lambda i: abs(ends[i] - target))
        bounds.append(last)
        start = last + 1
    runs = []
    first = 0
    for last in bounds:
        runs.append((first, last))
        first = last + 1
    runs.append((first, len(widths) - 1))
    return runs
