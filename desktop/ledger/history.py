"""回头看: a task as it stood on a past date, reconstructed from its recorded history.

The status on date D is the `to_status` of the last change dated D or earlier; before the
first recorded change it is that change's `from_status`; without any change it is the current
status.  The due date likewise: extensions dated after D had not yet moved it.  Tasks count
from whenever they were entered (a plan typed in today still stood on its earlier dates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from db.ledger_records import ExtensionEvent, StatusEvent, TaskFacts


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


def facts_as_of(
    tasks: Iterable[TaskFacts],
    statuses: Mapping[int, Sequence[StatusEvent]],
    extensions: Mapping[int, Sequence[ExtensionEvent]],
    as_of: date,
) -> list[TaskFacts]:
    """The tasks with status and due date as they stood on `as_of`."""
    result = []
    for task in tasks:
        status = status_as_of(task.status, statuses.get(task.id, ()), as_of)
        due = due_as_of(task.due_date, extensions.get(task.id, ()), as_of)
        if status != task.status or due != task.due_date:
            task = replace(task, status=status, due_date=due)
        result.append(task)
    return result
