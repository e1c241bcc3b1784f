"""The printed pages of a table as plain geometry (points) for the program's own print
preview and PDF: the same widths, row heights and page breaks as the workbook."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.exporting import layout, pages, styles
from desktop.exporting.breakdown import INFO_FRACTIONS, SheetSpec, sheet_items
from desktop.exporting.text import chinese_date, clean_text


@dataclass
class PrintedSheet:
    """One sheet's pages: column widths and row heights in points, texts as printed."""

    name: str
    title: str
    title_height: float
    info: list[tuple[int, int, str]]  # (first column, last column, text) of the 填报 line
    info_height: float
    widths: list[float]  # in width units (layout.POINTS_PER_UNIT points each)
    size: float
    headers: list[str]
    header_height: float
    centred: list[bool]
    pages: list[list[pages.Block]]

    @property
    def width_pt(self) -> float:
        return sum(self.widths) * layout.POINTS_PER_UNIT

    def footer(self, number: int) -> str:
        return styles.footer(len(self.pages)).replace("&P", str(number))


def printed_sheet(spec: SheetSpec) -> PrintedSheet:
    """The pages of `spec` exactly as write_sheet() breaks them."""
    headers = [column.header for column in spec.columns]
    widths, size = layout.fit_widths(
        [column.width for column in spec.columns], headers, [c.min_chars for c in spec.columns]
    )
    title = clean_text(spec.title)
    title_lines = layout.line_count(title, sum(widths), layout.TITLE_SIZE)
    title_height = layout.lines_height(title_lines, layout.TITLE_SIZE) + 8
    texts = [f"填报单位（盖章）：{clean_text(spec.unit)}", "填报人：", "联系电话："]
    texts.append(chinese_date(spec.as_of))
    runs = layout.segments(widths, INFO_FRACTIONS)
    if runs is None:
        joined = "　　".join(texts)
        info = [(0, len(widths) - 1, joined)]
    else:
        info = [(first, last, text) for (first, last), text in zip(runs, texts, strict=True)]
    info_lines = max(
        layout.line_count(text, sum(widths[first : last + 1]), layout.INFO_SIZE)
        for first, last, text in info
    )
    info_height = layout.lines_height(info_lines, layout.INFO_SIZE) + 4
    header_texts = [layout.header_text(h, w) for h, w in zip(headers, widths, strict=True)]
    header_lines = max(text.count("\n") + 1 for text in header_texts)
    header_height = layout.lines_height(header_lines, layout.HEADER_SIZE) + 4
    repeated = title_height + info_height + header_height
    page_list = pages.paginate(sheet_items(spec, widths, size), pages.body_capacity(repeated))
    return PrintedSheet(
        spec.name, title, title_height, info, info_height, widths, size, header_texts,
        header_height, [column.centred for column in spec.columns], page_list or [[]],
    )  # fmt: skip
