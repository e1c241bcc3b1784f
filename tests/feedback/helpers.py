"""Filling returned workbooks in tests as a unit would, with openpyxl."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from desktop.exporting import feedback_format as fmt


def task_rows(sheet) -> dict[int, int]:
    """task id → row."""
    return {
        sheet.cell(row=row, column=fmt.ID_COLUMN).value: row
        for row in range(4, sheet.max_row + 1)
        if isinstance(sheet.cell(row=row, column=fmt.ID_COLUMN).value, int)
    }


def fill(path: Path, answers: dict[int, tuple], target: Path | None = None) -> Path:
    """Write (progress, status, expected) into the answer cells of the given task ids."""
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    rows = task_rows(sheet)
    for task_id, values in answers.items():
        for key, value in zip(fmt.ANSWER_KEYS, values, strict=False):
            sheet.cell(row=rows[task_id], column=fmt.ANSWER_COLUMNS[key]).value = value
    target = target or path
    workbook.save(target)
    return target


def ids_of(path: Path) -> list[int]:
    return list(task_rows(load_workbook(path).worksheets[0]))
