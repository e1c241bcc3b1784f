"""One table on one worksheet: title, the 填报 line, header, section rows and task rows, with
the print setup an office needs (A4 landscape, one page wide, titles on every page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

from desktop.exporting import layout, pages, styles
from desktop.exporting.columns import Column, RowContext
from desktop.exporting.text import chinese_date, clean_text, set_text

TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_BODY_ROW = 4
INFO_FRACTIONS = (0.4, 0.2, 0.2, 0.2)
REPEATED_KEYS = frozenset({"number", "role", "task"})  # shown again on a task's next page


@dataclass(frozen=True)
class SectionRow:
    """A heading row spanning the table: number and title of a section."""

    text: str


@dataclass
class SheetSpec:
    """Everything one worksheet shows."""

    name: str
    title: str
    columns: list[Column]
    rows: list[SectionRow | RowContext]
    as_of: date
    unit: str = ""  # prefilled after 填报单位（盖章）


def write_sheet(
    worksheet,
    spec: SheetSpec,
    title_font: str = styles.TITLE_FONT,
    on_row: Callable[[], None] | None = None,
) -> int:
    """Fill `worksheet` with the table of `spec`, with explicit page breaks from the height
    model; `on_row` is called after each body row.  Returns the number of printed pages."""
    headers = [column.header for column in spec.columns]
    widths, size = layout.fit_widths(
        [column.width for column in spec.columns], headers, [c.min_chars for c in spec.columns]
    )
    names = styles.register(worksheet.parent, size, title_font)
    last = len(spec.columns)
    _set_widths(worksheet, widths)
    repeated = _write_title(worksheet, spec.title, widths, names)
    repeated += _write_info(worksheet, spec, widths, names)
    repeated += _write_header(worksheet, spec.columns, widths, names)

    items = sheet_items(spec, widths, size, on_row)
    page_list = pages.paginate(items, pages.body_capacity(repeated))
    aligns = [names.body_centre if c.centred else names.body_left for c in spec.columns]
    numerics = [column.numeric for column in spec.columns]
    row = FIRST_BODY_ROW
    breaks = []
    for number, page in enumerate(page_list, start=1):
        for block in page:
            if block.section:
                _write_section(worksheet, row, block, last, names.section)
                row += 1
            else:
                row = _write_task(worksheet, row, block, aligns, numerics)
        if number < len(page_list):
            breaks.append(Break(id=row - 1))
    # set at once: RowBreak.append() copies and checks every earlier break (quadratic)
    worksheet.row_breaks.brk = [*worksheet.row_breaks.brk, *breaks]
    _print_setup(worksheet, last, max(1, len(page_list)))
    return max(1, len(page_list))


def sheet_items(
    spec: SheetSpec, widths: list[float], size: float, on_row: Callable[[], None] | None = None
) -> list[pages.SectionItem | pages.TaskItem]:
    keys = [column.key for column in spec.columns]
    repeat = frozenset(i for i, key in enumerate(keys) if key in REPEATED_KEYS)
    name = keys.index("task") if "task" in keys else None
    full_width = [sum(widths)]
    items: list[pages.SectionItem | pages.TaskItem] = []
    for item in spec.rows:
        if isinstance(item, SectionRow):
            text = clean_text(item.text)
            items.append(pages.SectionItem(text, layout.row_height([text], full_width, size)))
        else:
            texts = [clean_text(column.value(item)) for column in spec.columns]
            items.append(pages.TaskItem(texts, widths, size, repeat, name))
        if on_row is not None:
            on_row()
    return items


def _write_section(worksheet, row: int, block: pages.Block, last: int, style: str) -> None:
    target = worksheet.cell(row=row, column=1)
    set_text(target, block.texts[0])
    target.style = style
    for column in range(2, last + 1):
        worksheet.cell(row=row, column=column).style = style
    worksheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    worksheet.row_dimensions[row].height = block.height


def _write_task(
    worksheet, row: int, block: pages.Block, aligns: list[str], numerics: list[bool]
) -> int:
    """Write one task (or part of one) from `row`; returns the row after it."""
    heights = layout.split_height(block.height)
    for column, (text, style, numeric) in enumerate(
        zip(block.texts, aligns, numerics, strict=True), start=1
    ):
        target = worksheet.cell(row=row, column=column)
        if numeric and text.isascii() and text.isdigit() and len(text) < 10:
            target.value = int(text)
        elif text:
            set_text(target, text)
        target.style = style
    for offset, height in enumerate(heights):
        worksheet.row_dimensions[row + offset].height = height
    if len(heights) > 1:
        _span_rows(worksheet, row, len(heights), aligns)
    return row + len(heights)


def _set_widths(worksheet, widths: list[float]) -> None:
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width


def _merge_row(worksheet, row: int, first: int, last: int, text: str, style: str) -> None:
    target = worksheet.cell(row=row, column=first)
    set_text(target, clean_text(text))
    target.style = style
    if last > first:
        worksheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _write_title(worksheet, title: str, widths: list[float], names) -> float:
    title = clean_text(title)
    _merge_row(worksheet, TITLE_ROW, 1, len(widths), title, names.title)
    lines = layout.line_count(title, sum(widths), layout.TITLE_SIZE)
    height = layout.lines_height(lines, layout.TITLE_SIZE) + 8
    worksheet.row_dimensions[TITLE_ROW].height = height
    return height


def _write_info(worksheet, spec: SheetSpec, widths: list[float], names) -> float:
    texts = [
        f"填报单位（盖章）：{spec.unit}",
        "填报人：",
        "联系电话：",
        chinese_date(spec.as_of),
    ]
    runs = layout.segments(widths, INFO_FRACTIONS)
    if runs is None:
        joined = "　　".join(texts)
        _merge_row(worksheet, INFO_ROW, 1, len(widths), joined, names.info_left)
        lines = layout.line_count(joined, sum(widths), layout.INFO_SIZE)
    else:
        lines = 1
        for index, ((first, last), text) in enumerate(zip(runs, texts, strict=True)):
            style = names.info_right if index == len(runs) - 1 else names.info_left
            _merge_row(worksheet, INFO_ROW, first + 1, last + 1, text, style)
            run_width = sum(widths[first : last + 1])
            lines = max(lines, layout.line_count(text, run_width, layout.INFO_SIZE))
    height = layout.lines_height(lines, layout.INFO_SIZE) + 4
    worksheet.row_dimensions[INFO_ROW].height = height
    return height


def _write_header(worksheet, columns: list[Column], widths: list[float], names) -> float:
    texts = [layout.header_text(c.header, w) for c, w in zip(columns, widths, strict=True)]
    for index, text in enumerate(texts, start=1):
        target = worksheet.cell(row=HEADER_ROW, column=index)
        set_text(target, text)
        target.style = names.header
    lines = max(text.count("\n") + 1 for text in texts)
    height = layout.lines_height(lines, layout.HEADER_SIZE) + 4
    worksheet.row_dimensions[HEADER_ROW].height = height
    return height


def _span_rows(worksheet, row: int, count: int, aligns: list[str]) -> None:
    """Merge each cell of a task over `count` rows: one row cannot exceed 409 pt."""
    for column, style in enumerate(aligns, start=1):
        for extra in range(1, count):
            worksheet.cell(row=row + extra, column=column).style = style
        worksheet.merge_cells(
            start_row=row, start_column=column, end_row=row + count - 1, end_column=column
        )


def _print_setup(worksheet, last: int, page_count: int) -> None:
    setup = worksheet.page_setup
    setup.paperSize = worksheet.PAPERSIZE_A4
    setup.orientation = worksheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.page_margins = PageMargins(
        left=0.25, right=0.25, top=0.5, bottom=0.6, header=0.3, footer=0.3
    )
    worksheet.print_options.horizontalCentered = True
    worksheet.print_title_rows = f"{TITLE_ROW}:{HEADER_ROW}"
    footer = worksheet.oddFooter.center
    footer.text = styles.footer(page_count)
    setup.firstPageNumber = 1
    setup.useFirstPageNumber = True
    footer.font = styles.BODY_FONT
    footer.size = 10
    worksheet.freeze_panes = f"A{FIRST_BODY_ROW}"
    worksheet.print_area = f"A1:{get_column_letter(last)}{max(worksheet.max_row, HEADER_ROW)}"
