"""Feedback workbooks (反馈表): one per lead unit (or per unit, supporting ones too), listing
the unit's tasks with their current state and three empty answer columns — 本期进展,
完成情况 (a drop-down of statuses) and 预计完成时间.

Only the answer cells are editable (sheet protection without a password); a hidden column
holds each task's id and a hidden sheet the database, plan, unit and export time, signed
(desktop.exporting.feedback_format).  The table itself is the breakdown table's
(desktop.exporting.breakdown.write_sheet), so it prints the same way: A4 landscape, header
row repeated, one page wide, no cut rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from db.records import PlanRecord
from desktop import APP_NAME
from desktop.exporting import feedback_format as fmt
from desktop.exporting import layout, variants
from desktop.exporting.breakdown import FIRST_BODY_ROW, HEADER_ROW, SheetSpec, write_sheet
from desktop.exporting.columns import BY_KEY, Column, RowContext
from desktop.exporting.safe_write import ExportError, write_files
from desktop.exporting.text import set_text
from desktop.ledger.status import label

ANSWER_LINES = 4  # room to write in: every task row is at least this many lines high
SCOPE_LEAD = "lead"
SCOPE_ALL = "all"


@dataclass(frozen=True)
class FeedbackKeys:
    """The database's stable id and the secret that signs its feedback workbooks."""

    database_id: str
    secret: str


@dataclass(frozen=True)
class FeedbackSheet:
    """One unit's workbook: the unit, its tasks (id → role) and the file it goes to."""

    unit: str
    roles: dict[int, str]
    path: Path


def _blank(_row: RowContext) -> str:
    return ""


def _task_id(row: RowContext) -> str:
    return str(row.task.id)


def _status(row: RowContext) -> str:
    return label(row.task.status)


def feedback_columns() -> list[Column]:
    values: dict[str, Callable[[RowContext], str]] = {
        "status": _status,
        "answer_progress": _blank,
        "answer_status": _blank,
        "answer_date": _blank,
        "task_id": _task_id,
    }
    columns = []
    for key, header, width in fmt.COLUMNS:
        base = BY_KEY.get(key)
        value = values.get(key) or (base.value if base else _blank)
        centred = key in ("number", "role", "deadline", "status", "answer_status", "answer_date")
        numeric = key in ("number", "task_id")  # the id is read back as a number
        min_chars = base.min_chars if base else 0
        columns.append(Column(key, header, width, value, centred, numeric, min_chars))
    return columns


def plan_sheets(
    plan: PlanRecord, folder: Path, include_support: bool = False
) -> list[FeedbackSheet]:
    """Which workbooks an export makes: each lead unit (with `include_support`, each unit
    that leads or supports a task) and the file name it gets in `folder`."""
    roles = variants.unit_roles(plan, lambda _task: True)
    if not include_support:
        roles = {
            unit: {tid: role for tid, role in tasks.items() if role == variants.ROLE_LEAD}
            for unit, tasks in roles.items()
        }
        roles = {unit: tasks for unit, tasks in roles.items() if tasks}
    short = variants.default_title(plan).removesuffix("重点整改任务分解表") or plan.title
    taken: set[str] = set()
    return [
        FeedbackSheet(
            unit, tasks, folder / variants.file_name(f"{unit}_整改进展反馈表_{short}", taken)
        )
        for unit, tasks in roles.items()
    ]


def export_feedback(
    plan: PlanRecord,
    folder: Path,
    keys: FeedbackKeys,
    include_support: bool = False,
    exported_at: datetime | None = None,
    units: list[str] | None = None,
) -> list[Path]:
    """Write one feedback workbook per unit into `folder` (created if missing); the paths."""
    folder = Path(folder)
    exported_at = (exported_at or datetime.now()).replace(microsecond=0)
    sheets = plan_sheets(plan, folder, include_support)
    if units is not None:
        sheets = [sheet for sheet in sheets if sheet.unit in units]
    if not sheets:
        raise ExportError("该方案没有明确牵头单位的任务，未生成反馈表")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"无法创建文件夹“{folder}”：{error.strerror or error}") from error
    scope = SCOPE_ALL if include_support else SCOPE_LEAD
    jobs = [(sheet.path, _writer(plan, sheet, keys, scope, exported_at)) for sheet in sheets]
    return write_files(jobs)


def _writer(
    plan: PlanRecord, sheet: FeedbackSheet, keys: FeedbackKeys, scope: str, exported_at: datetime
) -> Callable[[Path], None]:
    def write(temporary: Path) -> None:
        workbook = build_workbook(plan, sheet, keys, scope, exported_at)
        workbook.save(temporary)

    return write


def build_workbook(
    plan: PlanRecord, sheet: FeedbackSheet, keys: FeedbackKeys, scope: str, exported_at: datetime
) -> Workbook:
    rows = variants.table_rows(plan, lambda task: sheet.roles.get(task.id), exported_at.date())
    title = variants.default_title(plan, ledger=True).replace("台账", "进展反馈表")
    spec = SheetSpec(
        name=variants.sheet_name(sheet.unit, set()),
        title=f"{title}（{sheet.unit}）",
        columns=feedback_columns(),
        rows=rows,
        as_of=exported_at.date(),
        unit=sheet.unit,
    )
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = APP_NAME
    workbook.properties.title = spec.title
    worksheet = workbook.create_sheet(spec.name)
    write_sheet(worksheet, spec)
    ids = _finish_table(worksheet, spec)
    _write_meta(workbook, keys, plan, sheet.unit, scope, exported_at, ids)
    workbook.security = WorkbookProtection(lockStructure=True)
    return workbook


def _finish_table(worksheet, spec: SheetSpec) -> list[int]:
    """Unlock the answer cells of task rows, add the drop-down, hide the id column, make
    room to write, protect the sheet; the task ids in row order."""
    widths, size = layout.fit_widths(
        [column.width for column in spec.columns],
        [column.header for column in spec.columns],
        [column.min_chars for column in spec.columns],
    )  # as write_sheet fitted them
    least = layout.lines_height(ANSWER_LINES, size)
    # The header as tall as the shown headers need (the hidden id column is narrow).
    shown = [column.header for column in spec.columns[: fmt.ID_COLUMN - 1]]
    height = layout.row_height(shown, widths[: fmt.ID_COLUMN - 1], layout.HEADER_SIZE)
    worksheet.row_dimensions[HEADER_ROW].height = height + 4
    ids: list[int] = []
    task_rows: list[int] = []
    for row in range(FIRST_BODY_ROW, worksheet.max_row + 1):
        value = worksheet.cell(row=row, column=fmt.ID_COLUMN).value
        if isinstance(value, int):
            ids.append(value)
            task_rows.append(row)
            for key, column in fmt.ANSWER_COLUMNS.items():
                cell = worksheet.cell(row=row, column=column)
                cell.protection = Protection(locked=False)
                if key == "answer_date":
                    cell.number_format = 'yyyy"年"m"月"d"日"'
                elif key == "answer_progress":
                    cell.number_format = "@"
            height = worksheet.row_dimensions[row].height or 0
            if height < least:
                worksheet.row_dimensions[row].height = least
    status_letter = get_column_letter(fmt.ANSWER_COLUMNS["answer_status"])
    choices = ",".join(fmt.ANSWER_STATUSES)
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成情况",
        error=f"请从下拉列表中选择：{'、'.join(fmt.ANSWER_STATUSES)}",
        promptTitle="完成情况",
        prompt="请从下拉列表中选择",
        showInputMessage=True,
    )
    for row in task_rows:
        validation.add(f"{status_letter}{row}")
    if task_rows:
        worksheet.add_data_validation(validation)
    id_letter = get_column_letter(fmt.ID_COLUMN)
    worksheet.column_dimensions[id_letter].hidden = True
    protection = worksheet.protection
    protection.sheet = True
    protection.formatColumns = False  # widths and heights may be changed
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False
    worksheet.freeze_panes = f"A{HEADER_ROW + 1}"
    return ids


def _write_meta(
    workbook: Workbook,
    keys: FeedbackKeys,
    plan: PlanRecord,
    unit: str,
    scope: str,
    exported_at: datetime,
    ids: list[int],
) -> None:
    meta = {
        "format": fmt.FORMAT,
        "database_id": keys.database_id,
        "plan_id": str(plan.id),
        "plan_title": plan.title,
        "unit": unit,
        "scope": scope,
        "exported_at": exported_at.isoformat(),
        "header_row": str(HEADER_ROW),
        "ids": fmt.ids_text(ids),
    }
    meta[fmt.SIGNATURE] = fmt.sign(meta, keys.secret)
    sheet = workbook.create_sheet(fmt.META_SHEET)
    for row, key in enumerate((*fmt.META_KEYS, fmt.SIGNATURE), start=1):
        set_text(sheet.cell(row=row, column=1), key)
        set_text(sheet.cell(row=row, column=2), meta[key])
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
