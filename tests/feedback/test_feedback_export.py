"""Feedback workbooks out: one per lead unit, answer cells only editable, ids and metadata
hidden and signed, print setup of the breakdown tables."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from db.ledger_models import LedgerSetting
from desktop.exporting import feedback_format as fmt
from desktop.operations.feedback import export_plan_feedback, feedback_keys
from tests.feedback.conftest import EXPORTED_AT, workbook_for


def test_one_workbook_per_lead_unit_with_its_tasks(exported):
    assert sorted(path.name.split("_")[0] for path in exported) == [
        "单位0",
        "单位1",
        "单位2",
        "单位3",
    ]
    workbook = load_workbook(workbook_for(exported, "单位1"))
    sheet = workbook.worksheets[0]
    # the printed header may wrap a word over two lines (本单位\n职责)
    assert ["".join(str(cell.value).split()) for cell in sheet[3]] == list(fmt.HEADERS)
    ids = [row[fmt.ID_COLUMN - 1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    task_ids = [value for value in ids if isinstance(value, int)]
    meta = {row[0]: row[1] for row in workbook[fmt.META_SHEET].iter_rows(values_only=True)}
    assert meta["ids"] == fmt.ids_text(task_ids)
    assert meta["unit"] == "单位1"
    assert meta["exported_at"] == EXPORTED_AT.isoformat()
    titles = [row[2] for row in sheet.iter_rows(min_row=4, values_only=True) if row[2]]
    assert titles == ["任务1", "任务5"]  # number % 4 == 1


def test_only_answer_cells_are_editable_and_ids_hidden(exported):
    workbook = load_workbook(exported[0])
    sheet = workbook.worksheets[0]
    assert sheet.protection.sheet is True
    assert not sheet.protection.password
    id_letter = get_column_letter(fmt.ID_COLUMN)
    assert sheet.column_dimensions[id_letter].hidden
    assert workbook[fmt.META_SHEET].sheet_state == "hidden"
    task_row = next(
        row
        for row in range(4, sheet.max_row + 1)
        if isinstance(sheet.cell(row=row, column=fmt.ID_COLUMN).value, int)
    )
    for column in range(1, len(fmt.HEADERS) + 1):
        locked = sheet.cell(row=task_row, column=column).protection.locked
        assert locked == (column not in fmt.ANSWER_COLUMNS.values()), column
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1
    assert "推进中" in validations[0].formula1
    letter = get_column_letter(fmt.ANSWER_COLUMNS["answer_status"])
    assert f"{letter}{task_row}" in str(validations[0].sqref)


def test_print_setup_matches_the_breakdown_tables(exported):
    sheet = load_workbook(exported[0]).worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows.replace("$", "") == "1:3"
    sizes = {sheet.cell(row=r, column=c).font.size for r in range(3, 8) for c in range(1, 11)}
    assert min(sizes) >= 10.5


def test_signature_verifies_and_detects_an_edit(exported):
    workbook = load_workbook(exported[0])
    meta = {row[0]: row[1] for row in workbook[fmt.META_SHEET].iter_rows(values_only=True)}
    keys = feedback_keys()
    assert fmt.verify(meta, keys.secret)
    meta["unit"] = "单位9"
    assert not fmt.verify(meta, keys.secret)


def test_database_id_is_stable(plan_id, tmp_path):
    first = feedback_keys()
    export_plan_feedback(plan_id, tmp_path / "again")
    assert feedback_keys() == first
    stored = LedgerSetting.get(LedgerSetting.key == fmt.DATABASE_ID_KEY).value
    assert stored == first.database_id and len(stored) == 36


def test_support_units_on_request(plan_id, tmp_path):
    paths = export_plan_feedback(plan_id, tmp_path / "all", include_support=True)
    office = workbook_for(paths, "办公室")
    sheet = load_workbook(office).worksheets[0]
    roles = {row[1] for row in sheet.iter_rows(min_row=4, values_only=True) if row[1]}
    assert roles == {"配合"}


def test_header_lines_break_between_whole_words(exported):
    """预计完成时间 prints as 预计完成 / 时间 (never 预计完 / 成时间), and every header line fits
    its column; the reader still finds the header (line breaks are ignored)."""
    from desktop.exporting import layout
    from desktop.importing.feedback import read_returned

    workbook = load_workbook(exported[0])
    sheet = workbook.worksheets[0]
    words = {"预计完成时间": {("预计完成时间",), ("预计完成", "时间")}}
    for column, header in enumerate(fmt.HEADERS[: fmt.ID_COLUMN - 1], start=1):
        printed = str(sheet.cell(row=3, column=column).value)
        lines = tuple(printed.split("\n"))
        assert "".join(lines) == header
        assert lines in words.get(header, {lines})
        width = sheet.column_dimensions[get_column_letter(column)].width
        room = width * layout.POINTS_PER_UNIT * layout.WIDTH_SAFETY - layout.CELL_PADDING_PT
        assert all(len(line) * layout.HEADER_SIZE <= room for line in lines), header
    assert read_returned(exported[0]).rows  # the header was found


def test_a_workbook_with_the_old_header_break_is_still_read(exported, tmp_path):
    from desktop.importing.feedback import read_returned

    workbook = load_workbook(exported[0])
    sheet = workbook.worksheets[0]
    sheet.cell(row=3, column=fmt.ANSWER_COLUMNS["answer_date"]).value = "预计完\n成时间"
    old = tmp_path / "old.xlsx"
    workbook.save(old)
    returned = read_returned(old)
    assert [row.task_id for row in returned.rows] == [
        int(i) for i in returned.meta["ids"].split(",")
    ]
