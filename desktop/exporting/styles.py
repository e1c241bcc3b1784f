"""The table's styles, made once per workbook as named styles (never one Font per cell).

Fonts present on Chinese office PCs: the title in 宋体 by default (方正小标宋简体 is the
official title face but is a separate font pack many PCs lack, and a missing font makes
Excel and WPS substitute unpredictably; an office that has it can choose it), headers in
黑体, the body in 仿宋 (shipped with Windows since Vista, unlike 仿宋_GB2312), nothing
below 10 pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils.indexed_list import IndexedList

from desktop.exporting import layout

TITLE_FONT = "宋体"
HEADER_FONT = "黑体"
BODY_FONT = "仿宋"
NORMAL_FONT = "宋体"  # the workbook's Normal style: the font column widths are measured in


def footer(page_count: int) -> str:
    """第 N 页 共 M 页 with M counted by the exporter: each sheet numbers its own pages, also
    when the whole workbook is printed at once."""
    return f"第 &P 页 共 {page_count} 页"


def set_normal_font(workbook) -> None:
    """Make 宋体 11 pt the Normal style of a new `workbook` (before any cell is styled): Excel,
    WPS and LibreOffice measure column widths in its digits, not in Calibri's."""
    workbook._fonts = IndexedList([Font(name=NORMAL_FONT, size=11, family=3, charset=134)])


_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
NO_BORDER = Border()


@dataclass(frozen=True)
class TableStyles:
    """Names of the named styles registered in one workbook."""

    title: str
    info_left: str
    info_right: str
    header: str
    section: str
    body_left: str
    body_centre: str


def _style(name: str, font: Font, horizontal: str, border: Border) -> NamedStyle:
    return NamedStyle(
        name=name,
        font=font,
        border=border,
        alignment=Alignment(horizontal=horizontal, vertical="center", wrap_text=True),
    )


def register(workbook, body_size: float, title_font: str = TITLE_FONT) -> TableStyles:
    """Register the table's named styles for `body_size` in `workbook` (once per size)."""
    tag = f"{body_size:g}"
    names = TableStyles(
        title=f"分解表标题{tag}",
        info_left=f"分解表填报栏{tag}",
        info_right=f"分解表日期栏{tag}",
        header=f"分解表表头{tag}",
        section=f"分解表部分{tag}",
        body_left=f"分解表正文{tag}",
        body_centre=f"分解表正文居中{tag}",
    )
    if names.title in workbook.named_styles:
        return names
    info = Font(name=BODY_FONT, size=layout.INFO_SIZE)
    body = Font(name=BODY_FONT, size=body_size)
    for style in (
        _style(names.title, Font(name=title_font, size=layout.TITLE_SIZE, bold=True), "center",
               NO_BORDER),
        _style(names.info_left, info, "left", NO_BORDER),
        _style(names.info_right, info, "right", NO_BORDER),
        _style(names.header, Font(name=HEADER_FONT, size=layout.HEADER_SIZE), "center", BORDER),
        _style(names.section, Font(name=HEADER_FONT, size=body_size), "left", BORDER),
        _style(names.body_left, body, "left", BORDER),
        _style(names.body_centre, body, "center", BORDER),
    ):  # fmt: skip
        workbook.add_named_style(style)
    return names
