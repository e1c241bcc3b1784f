"""The width and height model: type never under 五号, the table within the page in every
program's measure, header words never split, wrapped lines never more than counted."""

from __future__ import annotations

import pytest

from desktop.exporting import layout
from desktop.exporting.columns import CATALOGUE, default_columns


@pytest.mark.parametrize(
    "columns",
    [default_columns(False), default_columns(True), list(CATALOGUE), list(CATALOGUE[:3])],
    ids=["breakdown", "ledger", "everything", "three"],
)
def test_widths_fit_the_page_at_full_size_and_keep_header_words_whole(columns):
    headers = [c.header for c in columns]
    widths, size = layout.fit_widths([c.width for c in columns], headers)
    assert size >= 10.5
    widest = sum(widths) * layout.WIDEST_POINTS_PER_UNIT
    assert widest <= layout.PAGE_WIDTH_PT  # LibreOffice without 宋体 need not shrink it
    for header, width in zip(headers, widths, strict=True):
        printed = layout.header_text(header, width)
        assert printed.replace("\n", "") == header
        assert all(len(word) >= 2 for word in printed.split("\n"))
        room = width * layout.POINTS_PER_UNIT * layout.WIDTH_SAFETY - layout.CELL_PADDING_PT
        assert all(len(word) * layout.HEADER_SIZE <= room for word in printed.split("\n"))


@pytest.mark.parametrize("width", [4.0, 7.5, 13.0, 30.0])
def test_wrapped_lines_rebuild_the_text_and_never_outnumber_the_count(width):
    text = "围绕“生态立市”战略，加大2014年督办力度。\n（1）制定计划：每季度前印发！" * 5 + "ABC，。"
    lines = layout.wrap_lines(text, width, 11)
    assert len(lines) <= layout.line_count(text, width, 11)
    rebuilt = "".join(line + ("\n" if end else "") for line, end in lines)
    assert rebuilt[:-1] == text
    assert not any(line[:1] in layout.NO_LINE_START for line, _end in lines[1:] if line)


def _wrap_lines_by_walk(text: str, width_units: float, size: float) -> list[tuple[str, bool]]:
    """The height model's wrapping as first written: a walk character by character (the
    exporter now bisects; its lines, and so every height and page break, must not change)."""
    capacity = layout._capacity(width_units, size)
    lines: list[tuple[str, bool]] = []
    for paragraph in text.split("\n"):
        if layout.half_widths(paragraph) <= capacity:
            lines.append((paragraph, True))
            continue
        start, used = 0, 0
        for index, char in enumerate(paragraph):
            if used >= capacity and char not in layout.NO_LINE_START:
                lines.append((paragraph[start:index], False))
                start, used = index, 0
            used += 1 if ord(char) < 128 else 2
        lines.append((paragraph[start:], True))
    return lines


def test_wrapped_lines_are_those_of_the_walk_character_by_character():
    import random

    rng = random.Random(20)
    alphabet = "整改任务落实到位，。、；：？！）》」』”’,.;:?!)ab12 （《“\n"
    for _ in range(600):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 160)))
        if rng.random() < 0.2:  # runs of closing punctuation where a line would end
            text = text.replace("，", "，。）”" * rng.randrange(1, 4))
        width = rng.choice([3.0, 5.5, 8.0, 12.4, 20.0, 41.7])
        size = rng.choice([10.5, 11.0, 12.0])
        assert layout.wrap_lines(text, width, size) == _wrap_lines_by_walk(text, width, size)
