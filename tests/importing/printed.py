"""Plan text as it comes out of a printed page: hard-wrapped, page furniture, no blank lines.

Used by the tests and the scoring script to turn a clean made-up plan into what a clerk gets
when copying text out of a PDF.
"""

from __future__ import annotations

import itertools


def width(text: str) -> float:
    """Printed width in full-width characters: ASCII counts half."""
    return sum(0.5 if char.isascii() else 1.0 for char in text)


def wrap(paragraph: str, columns: float = 28) -> list[str]:
    """A paragraph broken into printed lines of at most `columns` full-width characters."""
    lines, line, used = [], [], 0.0
    for char in paragraph:
        step = 0.5 if char.isascii() else 1.0
        # 公文 typesetting keeps closing punctuation on the line it ends
        if used + step > columns and char not in "，。、；：）”！？":
            lines.append("".join(line))
            line, used = [], 0.0
        line.append(char)
        used += step
    if line:
        lines.append("".join(line))
    return lines


PAGE_NUMBERS = ("- {n} -", "—{n}—", "第{n}页", "－ {n} －", "第 {n} 页 共 9 页")


def printed(
    text: str,
    columns: float = 28,
    lines_per_page: int = 22,
    header: str = "",
    page_numbers: str | None = None,
) -> str:
    """`text` laid out on pages and copied back out, page by page."""
    wrapped = [
        line
        for paragraph in text.splitlines()
        if paragraph.strip()
        for line in wrap(paragraph.strip(), columns)
    ]
    styles = (
        itertools.cycle(PAGE_NUMBERS) if page_numbers is None else itertools.repeat(page_numbers)
    )
    out: list[str] = []
    for page, start in enumerate(range(0, len(wrapped), lines_per_page), start=1):
        if header and page > 1:
            out.append(header)
        out.extend(wrapped[start : start + lines_per_page])
        out.append(next(styles).format(n=page))
    return "\n".join(out) + "\n"
