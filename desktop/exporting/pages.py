"""Page breaks decided by the exporter from its own height model, so Excel, WPS and
LibreOffice break at the same rows: a task never straddles a break, a section row is never
the last row of a page, and a task taller than a whole page continues on the next page at a
line boundary, marked （续）, with its number and name repeated."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.exporting import layout

PAGE_HEIGHT_PT = 595.3  # A4 landscape
MARGIN_TOP_IN = 0.5
MARGIN_BOTTOM_IN = 0.6
PAGE_SAFETY = 0.95  # renderers round row heights; never fill a page to the last point
MIN_LINES = 3  # a task split over pages starts with at least this many lines
CONTINUED = "（续）"


def body_capacity(repeated_height: float) -> float:
    """The height (pt) left for body rows on each page below the repeated title rows."""
    printable = PAGE_HEIGHT_PT - 72 * (MARGIN_TOP_IN + MARGIN_BOTTOM_IN)
    return printable * PAGE_SAFETY - repeated_height


@dataclass
class Block:
    """One printed row group: a section row (one text) or a task, or part of one."""

    texts: list[str]
    height: float
    section: bool = False
    continued: bool = False


@dataclass
class SectionItem:
    text: str
    height: float


@dataclass
class TaskItem:
    """A task's texts wrapped by the height model, ready to be cut at line boundaries.

    `repeat` holds the indexes of the columns shown whole on every part (序号, the task's
    name, the unit's role); `name` the index of the column that gets （续）."""

    texts: list[str]
    widths: Sequence[float]
    size: float
    repeat: frozenset[int] = frozenset()
    name: int | None = None
    lines: list[Sequence[tuple[str, bool]]] = field(init=False)  # shared: never changed

    def __post_init__(self) -> None:
        wrapped, size = layout.wrapped, self.size
        self.lines = [
            wrapped(text, width, size) if text else ()
            for text, width in zip(self.texts, self.widths, strict=True)
        ]

    def line_total(self) -> int:
        """Lines of the columns that are cut (the repeated ones are shown whole each time)."""
        counts = [len(lines) for i, lines in enumerate(self.lines) if i not in self.repeat]
        return max(counts, default=1) or 1

    def height(self) -> float:
        counts = [len(lines) for lines in self.lines]
        return layout.lines_height(max(1, *counts), self.size)

    def lines_fitting(self, height: float) -> int:
        return math.floor((height - layout.ROW_PADDING_PT) / (self.size * layout.LINE_FACTOR))

    def part(self, start: int, count: int) -> Block:
        """The block showing lines start … start+count-1 of every cut column."""
        texts: list[str] = []
        most = count
        for index, (text, lines) in enumerate(zip(self.texts, self.lines, strict=True)):
            if index in self.repeat:
                shown = text
                if start > 0 and index == self.name:
                    shown = text + CONTINUED
                most = max(most, layout.line_count(shown, self.widths[index], self.size))
                texts.append(shown)
            else:
                texts.append(_join(lines[start : start + count]))
        return Block(texts, layout.lines_height(max(1, most), self.size), continued=start > 0)


def _join(lines: Sequence[tuple[str, bool]]) -> str:
    """Wrapped lines back into text: a line that ended a paragraph is followed by a break."""
    parts: list[str] = []
    for index, (line, ends) in enumerate(lines):
        parts.append(line)
        if ends and index < len(lines) - 1:
            parts.append("\n")
    return "".join(parts)


def paginate(items: Sequence[SectionItem | TaskItem], capacity: float) -> list[list[Block]]:
    """The blocks of each printed page, in order."""
    pages: list[list[Block]] = [[]]
    used = 0.0

    def place(block: Block) -> None:
        nonlocal used
        pages[-1].append(block)
        used += block.height

    def new_page() -> None:
        nonlocal used
        if pages[-1]:
            pages.append([])
        used = 0.0

    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, SectionItem):
            run: list[SectionItem] = []
            while index < len(items) and isinstance(items[index], SectionItem):
                run.append(items[index])  # type: ignore[arg-type]
                index += 1
            need = sum(section.height for section in run)
            following = items[index] if index < len(items) else None
            if isinstance(following, TaskItem):
                need += _first_part_height(following, capacity)
            if used > 0 and used + need > capacity:
                new_page()
            for section in run:
                place(Block([section.text], section.height, section=True))
            continue
        index += 1
        height = item.height()
        if used + height <= capacity:
            place(Block(item.texts, height))
            continue
        after_section = bool(pages[-1]) and pages[-1][-1].section
        if height <= capacity and not after_section:
            new_page()
            place(Block(item.texts, height))
            continue
        start, total = 0, item.line_total()
        while start < total:
            count = min(item.lines_fitting(capacity - used), total - start)
            after_section = bool(pages[-1]) and pages[-1][-1].section
            if count < min(MIN_LINES, total - start) and used > 0 and not after_section:
                new_page()
                continue
            count = max(count, 1)
            place(item.part(start, count))
            start += count
            if start < total:
                new_page()
    return [page for page in pages if page]


def _first_part_height(task: TaskItem, capacity: float) -> float:
    """The height that must follow a section row on its page: the whole task when it fits
    on one page, else the first MIN_LINES lines of it."""
    height = task.height()
    if height <= capacity:
        return height
    return task.part(0, min(MIN_LINES, task.line_total())).height
