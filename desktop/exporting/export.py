"""The exporter's public entry points: one plan, by unit, by leader; atomic writes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from db.records import NodeRecord, PlanRecord
from desktop import APP_NAME
from desktop.exporting import styles, variants
from desktop.exporting.breakdown import SheetSpec, write_sheet
from desktop.exporting.columns import (
    BY_KEY,
    PUBLIC_KEYS,
    Column,
    RowContext,
    default_columns,
    resolve_columns,
)
from desktop.exporting.safe_write import ExportError, write_files
from desktop.exporting.text import clean_text
from desktop.exporting.variants import TaskFilter

Progress = Callable[[int, int], None]
NO_UNIT = "未明确责任单位"
NO_LEADER = "未明确牵头领导"
PROGRESS_STEP = 200


class ExportCancelled(ExportError):
    """Raised by a progress callback to stop an export; nothing is written."""


@dataclass
class ExportOptions:
    """What to export: columns (keys or headers, in order; None: the default set), the ledger
    columns, the title (\"\": from the plan), filters, and the date the table is as of."""

    columns: Sequence[str] | None = None
    ledger: bool = False
    title: str = ""
    statuses: frozenset[str] | None = None
    overdue_only: bool = False
    due_before: date | None = None
    as_of: date = field(default_factory=date.today)
    title_font: str = styles.TITLE_FONT
    keep_empty_columns: bool = False  # False: a column empty for every task is left out
    public: bool = False  # the public summary: content, goal, deadline, units, progress
    unit_header: str = "牵头单位"  # or 责任单位: the plans use both
    # 序号: the plan's own task numbers when it numbers its tasks straight through (False:
    # always 1, 2, 3 … down the master table)
    published_numbers: bool = True

    def table_title(self, plan: PlanRecord) -> str:
        if self.title.strip():
            return self.title.strip()
        if self.public:
            return (
                variants.default_title(plan).removesuffix("重点整改任务分解表") + "整改情况公开表"
            )
        return variants.default_title(plan, self.ledger)

    def resolved_columns(self) -> list[Column]:
        if self.public:
            return [BY_KEY[key] for key in PUBLIC_KEYS]
        if self.columns:
            return resolve_columns(list(self.columns))
        return default_columns(self.ledger)

    def task_filter(self) -> TaskFilter:
        return TaskFilter(self.statuses, self.overdue_only, self.due_before)

    def keeps(self, task: NodeRecord) -> bool:
        return self.task_filter().keeps(task, self.as_of)


class _Counter:
    """Counts finished rows and reports every PROGRESS_STEP rows."""

    def __init__(self, total: int, callback: Progress | None) -> None:
        self.total, self.done, self.callback = total, 0, callback

    def add(self, amount: int = 1) -> None:
        self.done += amount
        if self.callback is not None and (
            self.done % PROGRESS_STEP == 0 or amount > 1 or self.done >= self.total
        ):
            self.callback(min(self.done, self.total), self.total)


def plan_specs(plan: PlanRecord, options: ExportOptions) -> list[SheetSpec]:
    """The whole plan (filtered) as one sheet."""
    numbers = variants.master_numbers(plan, options.keeps, options.published_numbers)
    rows = variants.table_rows(
        plan, lambda task: "" if options.keeps(task) else None, options.as_of, numbers
    )
    spec = SheetSpec(
        name=variants.sheet_name(plan.title, set()),
        title=options.table_title(plan),
        columns=_columns(options, marked=False),
        rows=rows,
        as_of=options.as_of,
    )
    return [spec]


def _role_in(roles: dict[int, str]) -> Callable[[NodeRecord], str | None]:
    """A row marker: the task's role (牵头 / 配合) in `roles`, None for a task not listed."""
    return lambda task: roles.get(task.id)


def _member_of(ids) -> Callable[[NodeRecord], str | None]:
    """A row marker for a sheet of the tasks `ids`, with no role to print."""
    return lambda task: "" if task.id in ids else None


def unit_specs(plan: PlanRecord, options: ExportOptions) -> list[SheetSpec]:
    """One sheet per unit: every task it leads or supports, marked 牵头 or 配合; tasks with
    no unit on a sheet of their own."""
    title = options.table_title(plan)
    columns = _columns(options, marked=True)
    numbers = variants.master_numbers(plan, options.keeps, options.published_numbers)
    specs = []
    for unit, roles in variants.unit_roles(plan, options.keeps).items():
        rows = variants.table_rows(plan, _role_in(roles), options.as_of, numbers)
        specs.append(SheetSpec(unit, f"{title}（{unit}）", columns, rows, options.as_of, unit=unit))
    if not specs and any(options.keeps(task) for task in plan.tasks()):
        raise ExportError("该方案的任务都没有牵头单位或配合单位，无法按单位导出")
    orphans = {
        task.id
        for task in plan.tasks()
        if options.keeps(task) and not task.lead_units and not task.support_units
    }
    if orphans:  # listed on their own sheet, never dropped silently
        rows = variants.table_rows(plan, _member_of(orphans), options.as_of, numbers)
        specs.append(SheetSpec(NO_UNIT, f"{title}（{NO_UNIT}）", columns, rows, options.as_of))
    return specs


def leader_specs(plan: PlanRecord, options: ExportOptions) -> list[SheetSpec]:
    """One sheet per leader with the tasks they lead; tasks with no leader on their own."""
    title = options.table_title(plan)
    columns = _columns(options, marked=False)
    numbers = variants.master_numbers(plan, options.keeps, options.published_numbers)
    specs = []
    for leader, ids in variants.leader_tasks(plan, options.keeps).items():
        rows = variants.table_rows(plan, _member_of(ids), options.as_of, numbers)
        specs.append(
            SheetSpec(leader, f"{title}（牵头领导：{leader}）", columns, rows, options.as_of)
        )
    if not specs and any(options.keeps(task) for task in plan.tasks()):
        raise ExportError("该方案的任务都没有牵头领导，无法按领导导出")
    orphans = {task.id for task in plan.tasks() if options.keeps(task) and not task.leaders}
    if orphans:  # listed on their own sheet, never dropped silently
        rows = variants.table_rows(plan, _member_of(orphans), options.as_of, numbers)
        specs.append(SheetSpec(NO_LEADER, f"{title}（{NO_LEADER}）", columns, rows, options.as_of))
    return specs


def sheet_specs(plan: PlanRecord, by: str, options: ExportOptions) -> list[SheetSpec]:
    """The sheets of a variant (\"plan\", \"unit\", \"leader\") as they print: empty columns
    left out unless kept, unique sheet names; refuses an export with no task."""
    specs = {"plan": plan_specs, "unit": unit_specs, "leader": leader_specs}[by](plan, options)
    if not specs or not any(spec.rows for spec in specs):
        raise ExportError("没有符合条件的任务，未生成文件")
    if not options.keep_empty_columns:
        _drop_empty_columns(specs)
    taken: set[str] = set()
    for spec in specs:
        spec.name = variants.sheet_name(spec.name, taken)
    return specs


def export_plan(
    plan: PlanRecord,
    path: Path,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> Path:
    """The whole plan (filtered) as one sheet in the workbook `path`."""
    options = options or ExportOptions()
    specs = plan_specs(plan, options)
    return _write_workbooks([(Path(path), specs)], options, progress)[0]


def export_by_unit(
    plan: PlanRecord,
    path: Path,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """One sheet per unit (`path` ends in .xlsx) or one workbook per unit in the folder
    `path`; a unit sees every task it leads or supports, marked 牵头 or 配合."""
    options = options or ExportOptions()
    title = options.table_title(plan)
    return _write_grouped(Path(path), unit_specs(plan, options), title, options, progress)


def export_by_leader(
    plan: PlanRecord,
    path: Path,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """One sheet (or, for a folder `path`, one workbook) per leader with the tasks they lead."""
    options = options or ExportOptions()
    title = options.table_title(plan)
    return _write_grouped(Path(path), leader_specs(plan, options), title, options, progress)


def _columns(options: ExportOptions, marked: bool) -> list[Column]:
    columns = options.resolved_columns()
    header = options.unit_header.strip()
    if header and header != BY_KEY["lead_units"].header:
        columns = [
            dataclasses.replace(c, header=header) if c.key == "lead_units" else c for c in columns
        ]
    role = BY_KEY["role"]
    if marked and role not in columns:
        at = 1 if columns and columns[0].key == "number" else 0
        columns.insert(at, role)
    if not marked and role in columns:
        columns.remove(role)
    if not columns:
        raise ExportError("至少要选择一列")
    return columns


ALWAYS_SHOWN = frozenset({"number", "role", "task"})


def _drop_empty_columns(specs: list[SheetSpec]) -> None:
    """Leave out the columns that are empty for every task of the export (all its sheets
    alike, so every unit's table has the same columns); 序号, 整改任务 and the role stay."""
    rows = [row for spec in specs for row in spec.rows if isinstance(row, RowContext)]
    for spec in specs:
        kept = [
            column
            for column in spec.columns
            if column.key in ALWAYS_SHOWN or any(column.value(row).strip() for row in rows)
        ]
        spec.columns = kept or spec.columns


def _write_grouped(
    path: Path,
    specs: list[SheetSpec],
    title: str,
    options: ExportOptions,
    progress: Progress | None,
) -> list[Path]:
    if not specs:
        raise ExportError("没有符合条件的任务，未生成文件")
    if path.suffix.lower() == ".xlsx":
        taken: set[str] = set()
        for spec in specs:
            spec.name = variants.sheet_name(spec.name, taken)
        return _write_workbooks([(path, specs)], options, progress)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"无法创建文件夹“{path}”：{error.strerror or error}") from error
    taken_files: set[str] = set()
    jobs = []
    for spec in specs:
        name = variants.file_name(f"{spec.name}_{title}", taken_files)
        spec.name = variants.sheet_name(spec.name, set())
        jobs.append((path / name, [spec]))
    return _write_workbooks(jobs, options, progress)


def _write_workbooks(
    jobs: list[tuple[Path, list[SheetSpec]]],
    options: ExportOptions,
    progress: Progress | None,
) -> list[Path]:
    for _path, specs in jobs:
        if not any(spec.rows for spec in specs):
            raise ExportError("没有符合条件的任务，未生成文件")
    if not options.keep_empty_columns:
        _drop_empty_columns([spec for _path, specs in jobs for spec in specs])
    rows_per_job = [sum(len(spec.rows) for spec in specs) for _path, specs in jobs]
    counter = _Counter(2 * sum(rows_per_job), progress)

    def writer(specs: list[SheetSpec], rows: int) -> Callable[[Path], None]:
        def write(temporary: Path) -> None:
            workbook = Workbook()
            workbook.remove(workbook.active)
            styles.set_normal_font(workbook)
            workbook.properties.creator = APP_NAME
            workbook.properties.title = clean_text(specs[0].title)
            for spec in specs:
                write_sheet(workbook.create_sheet(spec.name), spec, options.title_font, counter.add)
            workbook.save(temporary)
            counter.add(rows)

        return write

    return write_files(
        [
            (path, writer(specs, rows))
            for (path, specs), rows in zip(jobs, rows_per_job, strict=True)
        ]
    )
