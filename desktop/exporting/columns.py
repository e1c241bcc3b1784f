"""The column catalogue: key, Chinese header, width, and how a task row gives its text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from db.records import NodeRecord
from desktop.exporting.text import chinese_date
from desktop.ledger.fields import node_field
from desktop.ledger.numbering import sibling_labels
from desktop.ledger.rules import STATUS_LABELS, is_overdue


@dataclass(frozen=True)
class RowContext:
    """One task as one row: its number, the reader's role on it (by unit) and the date."""

    task: NodeRecord
    number: str
    role: str = ""
    as_of: date | None = None


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # Excel width units before fitting to the page
    value: Callable[[RowContext], str]
    centred: bool = False
    numeric: bool = False  # a whole number in this column is written as a number cell
    min_chars: int = 0  # CJK characters a line must hold (状态 values are never broken)


def measures_text(task: NodeRecord) -> str:
    """The task's own text, then its measures （1）（2）… (nested ones ①②…), one per line."""
    lines = [task.text.strip()] if task.text.strip() else []
    lines.extend(_measure_lines(task.children, depth=0))
    return "\n".join(lines)


def _measure_lines(children: list[NodeRecord], depth: int) -> list[str]:
    lines: list[str] = []
    measures = [child for child in children if child.kind == "measure"]
    # as published, else （1） then ①, as in the tree
    labels = sibling_labels([measure.number for measure in measures], 3 if depth == 0 else 4)
    for label, measure in zip(labels, measures, strict=True):
        lines.append(label + _join(measure.title.strip(), measure.text.strip()))
        lines.extend(_measure_lines(measure.children, depth + 1))
    return lines


def _join(title: str, text: str) -> str:
    if not title or not text:
        return title or text
    return f"{title}{'' if title[-1] in '。；;：:，,！？' else '。'}{text}"


def deadline_text(task: NodeRecord) -> str:
    if task.deadline_text.strip():
        return task.deadline_text.strip()
    if task.due_date:
        return chinese_date(task.due_date) + "前"
    return "长期坚持" if task.status == "ongoing" else ""


def progress_text(task: NodeRecord) -> str:
    progress = task.latest_progress
    if progress is None:
        return ""
    head = chinese_date(progress.date)
    if progress.unit:
        head += f"（{progress.unit}）"
    return f"{head}：{progress.text.strip()}"


def _overdue(row: RowContext) -> str:
    return "是" if is_overdue(row.task, row.as_of or date.today()) else "否"


def _field(key: str, field_key: str, value, **options) -> Column:
    """A column printing a node field: its header and width come from the field registry."""
    spec = node_field(field_key)
    return Column(key, spec.export_header, spec.export_width, value, **options)


def _number(row: RowContext) -> str:
    return row.number.rstrip("、.")


CATALOGUE: tuple[Column, ...] = (
    Column("number", "序号", 6, _number, centred=True, numeric=True),
    Column("role", "本单位职责", 7, lambda r: r.role, centred=True),
    _field("task", "title", lambda r: r.task.title.strip()),
    _field("problem", "problem", lambda r: r.task.problem.strip()),
    _field("goal", "goal", lambda r: r.task.goal.strip()),
    _field("measures", "text", lambda r: measures_text(r.task)),
    _field("leaders", "leaders", lambda r: "、".join(r.task.leaders), centred=True),
    _field("lead_units", "lead_units", lambda r: "、".join(u.label() for u in r.task.lead_units)),
    _field(
        "support_units",
        "support_units",
        lambda r: "、".join(u.label() for u in r.task.support_units),
    ),
    _field("deadline", "deadline_text", lambda r: deadline_text(r.task), centred=True),
    Column(
        "units_public",
        "责任单位",
        15,
        lambda r: "、".join(u.name for u in (*r.task.lead_units, *r.task.support_units)),
    ),
    _field(
        "status",
        "status",
        lambda r: STATUS_LABELS.get(r.task.status, ""),
        centred=True,
        min_chars=3,
    ),
    Column("progress", "最新进展", 26, lambda r: progress_text(r.task)),
    Column("overdue", "是否超期", 8, _overdue, centred=True),
    Column(
        "closed",
        "销号日期",
        10,
        lambda r: chinese_date(r.task.closed_at.date()) if r.task.closed_at else "",
        centred=True,
    ),
    _field("remarks", "remarks", lambda r: r.task.remarks.strip()),
)
BY_KEY = {column.key: column for column in CATALOGUE}
BY_HEADER = {column.header: column for column in CATALOGUE if column.key != "units_public"}
BY_HEADER["责任单位"] = BY_KEY["lead_units"]  # the plans call the lead units both ways

BREAKDOWN_KEYS = (
    "number", "task", "problem", "goal", "measures", "leaders", "lead_units", "support_units",
    "deadline", "remarks",
)  # fmt: skip
LEDGER_KEYS = (*BREAKDOWN_KEYS[:-1], "status", "progress", "overdue", "remarks")
# 公开: 整改的内容、目标、时限、责任和进展 — units without contact persons, no people's names
PUBLIC_KEYS = ("number", "task", "goal", "measures", "units_public", "deadline", "status",
               "progress")  # fmt: skip


class UnknownColumn(ValueError):
    """A column name that is neither a key nor a header; str() is Chinese."""


def resolve_columns(names: list[str]) -> list[Column]:
    """Columns by English key or Chinese header, in the given order, without repeats."""
    columns: list[Column] = []
    for name in names:
        name = name.strip()
        column = BY_KEY.get(name) or BY_HEADER.get(name)
        if column is None:
            known = "、".join(c.header for c in CATALOGUE)
            raise UnknownColumn(f"没有名为“{name}”的列，可用的列：{known}")
        if column not in columns:
            columns.append(column)
    return columns


def default_columns(ledger: bool) -> list[Column]:
    return [BY_KEY[key] for key in (LEDGER_KEYS if ledger else BREAKDOWN_KEYS)]
