"""Page geometry: column widths fitted to A4 landscape, font sizes, and row heights computed
from the text, the column width and the font (LibreOffice and WPS do not auto-fit rows).

CJK characters count as two half-width units, ASCII as one.  Heights are generous: the line
height is taken for the tallest of the fonts that may stand in (Noto CJK under LibreOffice).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

POINTS_PER_UNIT = 5.25  # one Excel width unit: 7 px of the default Calibri 11, at 96 dpi
PAGE_WIDTH_PT = 841.9 - 2 * 18  # A4 landscape less the narrow 0.25-inch side margins
PAGE_UNITS = math.floor(PAGE_WIDTH_PT / POINTS_PER_UNIT) - 4  # a little slack for rounding
CELL_PADDING_PT = 6.0  # the inner left and right margins of a cell, together
WIDTH_SAFETY = 0.96  # renderers differ in glyph widths and in wrapping punctuation
LINE_FACTOR = 1.45  # line height / font size, for the tallest stand-in font
ROW_PADDING_PT = 5.0
MAX_ROW_PT = 409.0  # Excel's limit for one row

BODY_SIZE = 11.0
CROWDED_BODY_SIZE = 10.0
HEADER_SIZE = 12.0
TITLE_SIZE = 18.0
INFO_SIZE = 11.0


def fit_widths(widths: Sequence[float]) -> tuple[list[float], float]:
    """Widths scaled to fill the printable page width, and the body font size they allow."""
    total = sum(widths) or 1.0
    scale = PAGE_UNITS / total
    size = BODY_SIZE if scale >= 0.85 else CROWDED_BODY_SIZE
    return [round(width * scale, 2) for width in widths], size


def half_widths(text: str) -> int:
    """Display width in half-width units: CJK (3-byte UTF-8) characters count double."""
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) // 2


def line_count(text: str, width_units: float, size: float) -> int:
    """How many lines `text` takes wrapped in a column `width_units` wide at `size` pt."""
    capacity = (width_units * POINTS_PER_UNIT - CELL_PADDING_PT) * WIDTH_SAFETY / (size / 2)
    # Whole CJK characters per line, less one: renderers do not start a line with 。，、
    # and carry the character before it down too.
    capacity = max(2.0, 2 * math.floor(capacity / 2) - 2)
    if "\n" not in text:
        return max(1, math.ceil(half_widths(text) / capacity))
    return sum(max(1, math.ceil(half_widths(part) / capacity)) for part in text.split("\n"))


def lines_height(lines: int, size: float) -> float:
    return round(lines * size * LINE_FACTOR + ROW_PADDING_PT, 1)


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
