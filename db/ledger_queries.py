"""Read-only queries of the ledger, returning plain records (db.ledger_records).  Every
function costs a fixed number of queries, whatever the number of tasks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from peewee import JOIN

from db.ledger_models import (
    CloseOut,
    Evaluation,
    Extension,
    FieldChange,
    LedgerSetting,
    ProgressEntry,
    StatusChange,
)
from db.ledger_records import (
    CloseOutRecord,
    EvaluationRecord,
    ExtensionEvent,
    FieldChangeRecord,
    ProgressEntryRecord,
    StatusEvent,
    TaskFacts,
    TaskHistory,
)
from db.models import Node, Person, Plan, TaskLeader, TaskUnit, Unit


def get_setting(key: str) -> str | None:
    row = LedgerSetting.get_or_none(LedgerSetting.key == key)
    return None if row is None else row.value


def put_setting(key: str, value: str) -> None:
    """Insert or replace one setting (an upsert both SQLite and PostgreSQL accept)."""
    LedgerSetting.insert(key=key, value=value).on_conflict(
        conflict_target=[LedgerSetting.key], update={LedgerSetting.value: value}
    ).execute()


def task_facts(
    plan_ids: Iterable[int] | None = None, node_ids: Iterable[int] | None = None
) -> list[TaskFacts]:
    """Every task (of the given plans, or with the given ids) with its plan, status, due
    date, leaders and lead units, in plan order then order of entry (id)."""
    ids = None if plan_ids is None else list(plan_ids)
    where = Node.kind == "task"
    if ids is not None:
        where &= Node.plan.in_(ids)
    if node_ids is not None:
        where &= Node.id.in_(list(node_ids))
    rows = (
        Node.select(
            Node.id,
            Node.plan,
            Plan.title,
            Node.title,
            Node.status,
            Node.due_date,
            Node.deadline_text,
        )  # fmt: skip
        .join(Plan)
        .where(where)
        .order_by(Plan.position, Plan.id, Node.id)
        .tuples()
    )
    tasks = Node.select(Node.id).where(where)
    leaders: dict[int, list[str]] = defaultdict(list)
    for node_id, name in (
        TaskLeader.select(TaskLeader.node, Person.name)
        .join(Person)
        .where(TaskLeader.node.in_(tasks))
        .order_by(TaskLeader.node, TaskLeader.position, TaskLeader.id)
        .tuples()
    ):
        leaders[node_id].append(name)
    units: dict[int, list[str]] = defaultdict(list)
    for node_id, name in (
        TaskUnit.select(TaskUnit.node, Unit.name)
        .join(Unit)
        .where(TaskUnit.node.in_(tasks) & (TaskUnit.role == "lead"))
        .order_by(TaskUnit.node, TaskUnit.position, TaskUnit.id)
        .tuples()
    ):
        units[node_id].append(name)
    return [
        TaskFacts(
            id=nid,
            plan_id=pid,
            plan_title=plan_title,
            title=title,
            status=status,
            due_date=due,
            deadline_text=deadline_text,
            leaders=tuple(leaders[nid]),
            lead_units=tuple(units[nid]),
        )  # fmt: skip
        for nid, pid, plan_title, title, status, due, deadline_text in rows
    ]


def latest_progress_texts(node_ids: Iterable[int] | None = None) -> dict[int, str]:
    """The text of each task's latest progress report (by date, then order of entry)."""
    query = ProgressEntry.select(ProgressEntry.node, ProgressEntry.text).order_by(
        ProgressEntry.node, ProgressEntry.date, ProgressEntry.id
    )
    if node_ids is not None:
        query = query.where(ProgressEntry.node.in_(list(node_ids)))
    return dict(query.tuples())


def status_events(
    node_ids: Iterable[int] | None = None, plan_ids: Iterable[int] | None = None
) -> dict[int, list[StatusEvent]]:
    """Status changes per task (of the given tasks, or of the given plans' tasks), oldest
    first (by date, then order of entry)."""
    query = StatusChange.select().order_by(StatusChange.node, StatusChange.date, StatusChange.id)
    query = _of_nodes(query, StatusChange.node, node_ids, plan_ids)
    events: dict[int, list[StatusEvent]] = defaultdict(list)
    for row in query:
        events[row.node_id].append(_status_event(row))
    return dict(events)


def extension_events(
    node_ids: Iterable[int] | None = None, plan_ids: Iterable[int] | None = None
) -> dict[int, list[ExtensionEvent]]:
    """Extensions per task (of the given tasks, or of the given plans' tasks), oldest first."""
    query = Extension.select().order_by(Extension.node, Extension.date, Extension.id)
    query = _of_nodes(query, Extension.node, node_ids, plan_ids)
    events: dict[int, list[ExtensionEvent]] = defaultdict(list)
    for row in query:
        events[row.node_id].append(_extension_event(row))
    return dict(events)


RESPONSIBILITY_FIELDS = ("leaders", "lead_units")


def responsibility_changes(
    after: date, node_ids: Iterable[int] | None = None, plan_ids: Iterable[int] | None = None
) -> dict[int, list[FieldChangeRecord]]:
    """Changes of a task's leaders and lead units entered after the day `after`, per task
    (of the given tasks, or of the given plans' tasks), oldest first: what 回头看 needs to
    know who was responsible on that day."""
    since = datetime.combine(after + timedelta(days=1), time())
    query = (
        FieldChange.select()
        .where(FieldChange.field.in_(RESPONSIBILITY_FIELDS) & (FieldChange.changed_at >= since))
        .order_by(FieldChange.node, FieldChange.id)
    )
    query = _of_nodes(query, FieldChange.node, node_ids, plan_ids)
    changes: dict[int, list[FieldChangeRecord]] = defaultdict(list)
    for row in query:
        changes[row.node_id].append(_field_change(row))
    return dict(changes)


def task_history(node_id: int) -> TaskHistory:
    """Status changes, close-outs, extensions, progress and field changes of one task."""
    history = TaskHistory(
        status_changes=status_events([node_id]).get(node_id, []),
        extensions=extension_events([node_id]).get(node_id, []),
    )
    for row in CloseOut.select().where(CloseOut.node == node_id).order_by(CloseOut.id):
        history.close_outs.append(
            CloseOutRecord(
                id=row.id,
                node_id=node_id,
                verifier=row.verifier,
                date=row.date,
                note=row.note,
                evidence=row.evidence,
                who=row.who,
                recorded_at=row.recorded_at,
                reopened_on=row.reopened_on,
                reopened_by=row.reopened_by,
                reopen_reason=row.reopen_reason,
            )  # fmt: skip
        )
    history.progress = progress_entries(node_id)
    for row in FieldChange.select().where(FieldChange.node == node_id).order_by(FieldChange.id):
        history.field_changes.append(_field_change(row))
    return history


def progress_entries(node_id: int) -> list[ProgressEntryRecord]:
    query = (
        ProgressEntry.select(
            ProgressEntry.id,
            ProgressEntry.date,
            ProgressEntry.text,
            Unit.name,
            ProgressEntry.recorded_by,
            ProgressEntry.recorded_at,
        )  # fmt: skip
        .join(Unit, JOIN.LEFT_OUTER, on=ProgressEntry.unit == Unit.id)
        .where(ProgressEntry.node == node_id)
        .order_by(ProgressEntry.date, ProgressEntry.id)
        .tuples()
    )
    return [
        ProgressEntryRecord(
            id=pid,
            node_id=node_id,
            date=day,
            text=text,
            unit=unit or "",
            recorded_by=recorded_by,
            recorded_at=recorded_at,
        )  # fmt: skip
        for pid, day, text, unit, recorded_by, recorded_at in query
    ]


def plan_titles() -> dict[int, str]:
    return dict(Plan.select(Plan.id, Plan.title).tuples())


def evaluations(plan_id: int | None = None, leader: str | None = None) -> list[EvaluationRecord]:
    """Evaluations, oldest first; of one plan or one leader when given."""
    query = Evaluation.select().order_by(Evaluation.date, Evaluation.id)
    if plan_id is not None:
        query = query.where(Evaluation.plan == plan_id)
    if leader is not None:
        query = query.where(Evaluation.leader == leader)
    return [
        EvaluationRecord(
            id=row.id,
            plan_id=row.plan_id,
            leader=row.leader,
            date=row.date,
            good=row.good,
            fairly_good=row.fairly_good,
            average=row.average,
            poor=row.poor,
            note=row.note,
            who=row.who,
            recorded_at=row.recorded_at,
        )  # fmt: skip
        for row in query
    ]


def _of_nodes(query, node_field, node_ids, plan_ids):
    """`query` narrowed to the given nodes, or to the nodes of the given plans by a subquery
    (a whole plan's ids as parameters would grow with the plan: a server takes at most
    65,535 of them)."""
    if node_ids is not None:
        query = query.where(node_field.in_(list(node_ids)))
    if plan_ids is not None:
        query = query.where(node_field.in_(Node.select(Node.id).where(Node.plan.in_(plan_ids))))
    return query


def _field_change(row: FieldChange) -> FieldChangeRecord:
    return FieldChangeRecord(
        id=row.id, node_id=row.node_id, field=row.field, old_value=row.old_value,
        new_value=row.new_value, who=row.who, changed_at=row.changed_at,
    )  # fmt: skip


def _status_event(row: StatusChange) -> StatusEvent:
    return StatusEvent(
        id=row.id, node_id=row.node_id, date=row.date, from_status=row.from_status,
        to_status=row.to_status, note=row.note, who=row.who, recorded_at=row.recorded_at,
    )  # fmt: skip


def _extension_event(row: Extension) -> ExtensionEvent:
    return ExtensionEvent(
        id=row.id, node_id=row.node_id, date=row.date, old_due_date=row.old_due_date,
        new_due_date=row.new_due_date, old_deadline_text=row.old_deadline_text,
        new_deadline_text=row.new_deadline_text, reason=row.reason, approver=row.approver,
        who=row.who, recorded_at=row.recorded_at,
    )  # fmt: skip
