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
