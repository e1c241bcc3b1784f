"""The 四有 rule and overdue: 整改有目标、推进有措施、落实有责任、完成有时限."""

from __future__ import annotations

from datetime import date

from db.records import NodeRecord
from desktop.ledger.fields import node_field
from desktop.ledger.kinds import STATUS_LABELS as STATUS_LABELS  # the exporter reads it here
from desktop.ledger.kinds import NodeKind, Status

OPEN_STATUSES = tuple(status.value for status in Status if status.is_open)
FINISHED_STATUSES = tuple(status.value for status in Status if status.is_finished)
DUE_SOON_DAYS = 10


def missing_four_haves(task: NodeRecord) -> list[str]:
    """What a task lacks under the 四有 rule, in Chinese; empty when complete or not a task."""
    if not NodeKind(task.kind).has_responsibility:
        return []
    missing = []
    if not task.goal.strip():
        missing.append(node_field("goal").label)
    has_measures = bool(task.text.strip()) or any(
        NodeKind(c.kind).counts_as_measure for c in task.children
    )
    if not has_measures:
        missing.append(node_field("text").label)
    if not task.leaders and not task.lead_units:
        missing.append(f"{node_field('leaders').label}或{node_field('lead_units').label}")
    needs_deadline = Status(task.status).needs_deadline
    if needs_deadline and not task.deadline_text.strip() and task.due_date is None:
        missing.append(node_field("deadline_text").label)
    return missing


def is_overdue(task: NodeRecord, today: date) -> bool:
    """Past its due date and neither done, closed nor ongoing."""
    return (
        task.kind == "task"
        and task.due_date is not None
        and task.due_date < today
        and task.status in OPEN_STATUSES
    )


def light_of(task: NodeRecord, today: date) -> str | None:
    """The status light: red overdue · yellow open and due within DUE_SOON_DAYS · green done
    or closed · None otherwise (and for anything not a task)."""
    if task.kind != "task":
        return None
    if task.status in FINISHED_STATUSES:
        return "green"
    if is_overdue(task, today):
        return "red"
    if task.due_date is not None and task.status in OPEN_STATUSES:
        if 0 <= (task.due_date - today).days <= DUE_SOON_DAYS:
            return "yellow"
    return None
