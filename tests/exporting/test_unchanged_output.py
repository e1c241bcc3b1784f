"""The exporter's remembered wrapping changes nothing in the workbook: every cell, style,
height, merge and page break as with each text wrapped afresh (the breaks themselves are
checked against the height model in test_pages.py)."""

from __future__ import annotations

from openpyxl import load_workbook

from desktop.exporting import ExportOptions, export_plan, layout
from tests.exporting.conftest import AS_OF


def workbook_contents(path) -> list:
    book = load_workbook(path)
    contents: list = []
    for sheet in book.worksheets:
        contents.append(
            (
                sheet.title,
                [brk.id for brk in sheet.row_breaks.brk],
                sorted(str(merged) for merged in sheet.merged_cells.ranges),
                {row: dims.height for row, dims in sheet.row_dimensions.items()},
                {column: dims.width for column, dims in sheet.column_dimensions.items()},
                sheet.print_title_rows,
                sheet.print_area,
                sheet.oddFooter.center.text,
            )
        )
        for row in sheet.iter_rows():
            contents.extend(
                (cell.coordinate, cell.value, cell.data_type, cell.style, cell.font.name,
                 cell.font.sz, cell.alignment.horizontal, cell.alignment.wrap_text)
                for cell in row
            )  # fmt: skip
    return contents


def test_export_is_the_same_as_with_plain_wrapping_and_breaks(
    realistic_plan, tmp_path, monkeypatch
):
    options = ExportOptions(ledger=True, as_of=AS_OF)
    fast = workbook_contents(export_plan(realistic_plan, tmp_path / "fast.xlsx", options))

    monkeypatch.setattr(layout, "wrapped", lambda *args: layout.wrap_lines(*args))
    plain = workbook_contents(export_plan(realistic_plan, tmp_path / "plain.xlsx", options))
    assert len(fast[0][1]) >= 2  # the plan prints on several pages
    assert fast == plain
