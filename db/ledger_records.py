"""Plain records of the ledger (no peewee, no Qt), returned by db.ledger_queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class TaskFacts:
    """What the ledger's rules and statistics need to know about one task."""

    id: int
    plan_id: int
    plan_title: str
    title: str
    status: str
    due_date: date | None
    deadline_text: str = ""
    leaders: tuple[str, ...] = ()
    lead_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusEvent:
    id: int
    node_id: int
    date: date
    from_status: str
    to_status: str
    note: str = ""
    who: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class ExtensionEvent:
    id: int
    node_id: int
    date: date
    old_due_date: dt.date | None
    new_due_date: dt.date
    old_deadline_text: str = ""
    new_deadline_text: str = ""
    reason: str = ""
    approver: str = ""
    who: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class CloseOutRecord:
    id: int
    node_id: int
    verifier: str
    date: date
    note: str = ""
    evidence: str = ""
    who: str = ""
    recorded_at: datetime | None = None
    reopened_on: dt.date | None = None
    reopened_by: str = ""
    reopen_reason: str = ""


@dataclass(frozen=True)
class ProgressEntryRecord:
    id: int
    node_id: int
    date: date
    text: str
    unit: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class FieldChangeRecord:
    id: int
    node_id: int
    field: str
    old_value: str
    new_value: str
    who: str = ""
    changed_at: datetime | None = None


@dataclass(frozen=True)
class EvaluationRecord:
    id: int
    plan_id: int | None
    leader: str
    date: date
    good: int
    fairly_good: int
    average: int
    poor: int
    note: str = ""
    who: str = ""
    recorded_at: datetime | None = None


@dataclass
class TaskHistory:
    """Everything recorded about one task, each list oldest first."""

    status_changes: list[StatusEvent] = field(default_factory=list)
    close_outs: list[CloseOutRecord] = field(default_factory=list)
    extensions: list[ExtensionEvent] = field(default_factory=list)
    progress: list[ProgressEntryRecord] = field(default_factory=list)
    field_changes: list[FieldChangeRecord] = field(default_factory=list)
