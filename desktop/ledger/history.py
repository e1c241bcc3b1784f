"""回头看: a task as it stood on a past date, reconstructed from its recorded history.

The status on date D is the `to_status` of the last change dated D or earlier; before the
first recorded change it is that change's `from_status`; without any change it is the current
status.  The due date likewise: extensions dated after D had not yet moved it.  The leaders and
lead units likewise: the 修改记录 of an edit entered after D holds what they were before it
(names as written then; a unit's name is mapped to today's name when the directory still knows
it, e.g. as an alias).  Tasks count from whenever they were entered (a plan typed in today
still stood on its earlier dates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from db.ledger_records import ExtensionEvent, FieldChangeRecord, StatusEvent, TaskFacts

IMPORT_FIELD = "import"
"""The field_change `field` of a task's 导入 entry (its `new_value` says from where)."""

PASTED_SOURCE = "剪贴板"


def import_note(plan_title: str, source: str) -> str:
    """导入自《方案》，文件 X — what a task's 修改记录 says about where the task came from."""
    note = f"导入自《{plan_title}》"
    source = source.strip()
    if source == PASTED_SOURCE:
        return note + "，来源：粘贴的文字"
    return note + (f"，文件 {source}" if source else "")


def status_as_of(current: str, events: Sequence[StatusEvent], as_of: date) -> str:
    """`events` oldest first (by date, then order of entry)."""
    status = events[0].from_status if events else current
    for event in events:
        if event.date > as_of:
            break
        status = event.to_status
    return status


def due_as_of(
    current: date | None, extensions: Sequence[ExtensionEvent], as_of: date
) -> date | None:
    """The due date in force on `as_of`; `extensions` oldest first."""
    for extension in extensions:
        if extension.date > as_of:
            return extension.old_due_date
    return current


def split_names(text: str) -> list[str]:
    """The names of a 修改记录 value (“甲、乙（联系人：丙、丁）”): split at 、 outside
    brackets."""
    names: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)" and depth:
            depth -= 1
        if char == "、" and not depth:
            names.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    names.append("".join(current).strip())
    return [name for name in names if name]


def unit_name(label: str, known: Mapping[str, str]) -> str:
    """The unit of a recorded label “单位（联系人）”, by today's name when known."""
    if label in known:
        return known[label]
    if label.endswith(("）", ")")):
        depth = 0
        for index in range(len(label) - 1, -1, -1):
            depth += label[index] in "）)"
            depth -= label[index] in "（("
            if depth == 0:
                name = label[:index].strip()
                return known.get(name, name) if name else label
    return label


def names_as_of(
    current: tuple[str, ...],
    changes: Sequence[FieldChangeRecord],
    as_of: date,
    name: Callable[[str], str] = str,
) -> tuple[str, ...]:
    """`current` as it stood on `as_of`: the old value of the first change entered after
    that day (`changes` of one field, oldest first), else `current`."""
    for change in changes:
        if change.changed_at is not None and _day(change.changed_at) > as_of:
            return tuple(dict.fromkeys(name(label) for label in split_names(change.old_value)))
    return current


def _day(stamp) -> date:
    if isinstance(stamp, str):
        return date.fromisoformat(stamp[:10])
    return stamp.date() if hasattr(stamp, "date") else stamp


def facts_as_of(
    tasks: Iterable[TaskFacts],
    statuses: Mapping[int, Sequence[StatusEvent]],
    extensions: Mapping[int, Sequence[ExtensionEvent]],
    as_of: date,
    responsibilities: Mapping[int, Sequence[FieldChangeRecord]] | None = None,
    unit_names: Mapping[str, str] | None = None,
) -> list[TaskFacts]:
    """The tasks with status, due date, leaders and lead units as they stood on `as_of`
    (`responsibilities`: each task's leader and lead-unit changes, oldest first;
    `unit_names`: every unit name and alias → today's name)."""
    responsibilities = responsibilities or {}
    known = unit_names or {}
    result = []
    for task in tasks:
        status = status_as_of(task.status, statuses.get(task.id, ()), as_of)
        due = due_as_of(task.due_date, extensions.get(task.id, ()), as_of)
        leaders, units = task.leaders, task.lead_units
        changes = responsibilities.get(task.id)
        if changes:
            leaders = names_as_of(leaders, [c for c in changes if c.field == "leaders"], as_of)
            units = names_as_of(
                units,
                [c for c in changes if c.field == "lead_units"],
                as_of,
                lambda label: unit_name(label, known),
            )
        if (status, due, leaders, units) != (
            task.status, task.due_date, task.leaders, task.lead_units,
        ):  # fmt: skip
            task = replace(task, status=status, due_date=due, leaders=leaders, lead_units=units)
        result.append(task)
    return result
