"""Ledger actions (台账): set status, close out, reopen, add progress, request an extension,
record an evaluation, record field changes, and the clerk's name.

Each action runs one transaction, takes `who` (the clerk) and returns what it wrote as a
`Recorded` (so undo can take exactly that back) together with the `Change` views refresh
from.  Rules live in desktop.ledger; a refusal becomes an OperationError in Chinese.

Each write of a node's fields (status, 销号, 撤销销号, 延期, and their undo) adds one to its row
version in the same statement (desktop/operations/conflicts.py); a progress entry does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from db.directory import unit_for_name
from db.ledger_models import (
    CloseOut,
    Evaluation,
    Extension,
    FieldChange,
    ProgressEntry,
    StatusChange,
)
from db.ledger_queries import put_setting
from db.models import Node, Plan, database, now
from desktop.ledger import status as rules
from desktop.ledger.clerk import CLERK_KEY
from desktop.ledger.evaluation import Votes
from desktop.operations import Change, OperationError
from desktop.operations.conflicts import Guard, guarded_write, unchanged_since

BUMP = Node.version + 1  # the row version of the node written goes up (conflicts.py)
TABLES = {
    model._meta.table_name: model
    for model in (StatusChange, CloseOut, Extension, FieldChange, Evaluation, ProgressEntry)
}


@dataclass(frozen=True)
class Recorded:
    """What one ledger action wrote: rows created (table, id), rows updated with their old
    values, the node fields as they were before and as the action left them (`node_after`:
    undo is refused when another clerk has changed them since, conflicts.py)."""

    node_id: int | None = None
    created: tuple[tuple[str, int], ...] = ()
    updated: tuple[tuple[str, int, dict], ...] = ()
    node_before: dict = field(default_factory=dict)
    plan_id: int | None = None
    node_after: dict = field(default_factory=dict)

    def id_of(self, table: str) -> int | None:
        return next((row_id for name, row_id in self.created if name == table), None)


def set_status(
    node_id: int,
    status: str,
    who: str,
    on: date | None = None,
    note: str = "",
    guard: Guard | None = None,
) -> tuple[Recorded, Change]:
    """A plain status change (not 销号, not from 已销号), kept with date, who and note; with
    a `guard`, refused over another clerk's newer status (conflicts.ConflictError)."""
    with database.atomic():
        node = _task(node_id)
        mine = {"status": status}

        def stored() -> dict:
            return {"status": Node.select(Node.status).where(Node.id == node_id).scalar()}

        guarded_write(node_id, guard, mine, stored, status=status, updated_at=now())
        _check(rules.check_status_change, node.status, status)
        change_id = _status_row(node, status, who, on, note)
        before = {"status": node.status}
    after = {"status": status}
    recorded = Recorded(
        node_id, (("status_change", change_id),), node_before=before, node_after=after
    )
    return recorded, _node_change(node_id)


def close_out(
    node_id: int,
    verifier: str,
    who: str,
    on: date | None = None,
    note: str = "",
    evidence: str = "",
    today: date | None = None,
) -> tuple[Recorded, Change]:
    """销号: a done task verified by `verifier` on `on`, with a note or evidence reference."""
    on = on or date.today()
    with database.atomic():
        node = _task(node_id)
        _check(rules.check_close_out, node.status, verifier, on, today or date.today())
        row = CloseOut.create(
            node=node_id, verifier=verifier.strip(), date=on, note=note.strip(),
            evidence=evidence.strip(), who=who,
        )  # fmt: skip
        change_id = _status_row(node, "closed", who, on, note or f"核验人：{verifier.strip()}")
        before = {"status": node.status, "closed_at": node.closed_at, "closed_by": node.closed_by}
        Node.update(
            status="closed",
            closed_at=datetime.combine(on, datetime.min.time()),
            closed_by=verifier.strip(),
            updated_at=now(),
            version=BUMP,
        ).where(Node.id == node_id).execute()
    created = (("close_out", row.id), ("status_change", change_id))
    after = {"status": "closed", "closed_by": verifier.strip()}
    return Recorded(node_id, created, node_before=before, node_after=after), _node_change(node_id)


def reopen(
    node_id: int, reason: str, who: str, on: date | None = None, to: str = "in_progress"
) -> tuple[Recorded, Change]:
    """撤销销号: a closed task goes back to `to`; why, who and when are kept on the close-out."""
    on = on or date.today()
    with database.atomic():
        node = _task(node_id)
        _check(rules.check_reopen, node.status, reason, to)
        latest = (
            CloseOut.select()
            .where((CloseOut.node == node_id) & CloseOut.reopened_on.is_null())
            .order_by(CloseOut.id.desc())
            .first()
        )
        updated = ()
        if latest is not None:
            old = {"reopened_on": None, "reopened_by": "", "reopen_reason": ""}
            CloseOut.update(reopened_on=on, reopened_by=who, reopen_reason=reason.strip()).where(
                CloseOut.id == latest.id
            ).execute()
            updated = (("close_out", latest.id, old),)
        change_id = _status_row(node, to, who, on, f"撤销销号：{reason.strip()}")
        before = {"status": node.status, "closed_at": node.closed_at, "closed_by": node.closed_by}
        Node.update(status=to, closed_at=None, closed_by="", updated_at=now(), version=BUMP).where(
            Node.id == node_id
        ).execute()
    after = {"status": to, "closed_at": None, "closed_by": ""}
    recorded = Recorded(node_id, (("status_change", change_id),), updated, before, node_after=after)
    return recorded, _node_change(node_id)


def add_progress(
    node_id: int, text: str, who: str, on: date | None = None, unit: str = ""
) -> tuple[Recorded, Change]:
    """进展情况: a dated report by `unit` (a name or alias; a new name joins the directory),
    entered by `who`."""
    if not text.strip():
        raise OperationError("进展情况不能为空")
    with database.atomic():
        _task(node_id)
        unit_id = unit_for_name(unit).id if unit.strip() else None
        row = ProgressEntry.create(
            node=node_id, date=on or date.today(), text=text.strip(), unit=unit_id,
            recorded_by=who,
        )  # fmt: skip
    change = Change(nodes=frozenset({node_id}), directory=bool(unit.strip()))
    return Recorded(node_id, (("progress", row.id),)), change


def request_extension(
    node_id: int,
    new_due: date,
    reason: str,
    who: str,
    approver: str = "",
    on: date | None = None,
    new_deadline_text: str | None = None,
) -> tuple[Recorded, Change]:
    """延期申请: the task's due date becomes `new_due`; the old date and wording are kept."""
    if not reason.strip():
        raise OperationError("延期申请须说明理由")
    with database.atomic():
        node = _task(node_id)
        if node.status in rules.FINISHED_STATUSES:
            raise OperationError(f"该任务{rules.label(node.status)}，无需延期")
        if node.due_date is not None and new_due <= node.due_date:
            raise OperationError(
                f"新的完成时限 {new_due.isoformat()} 须晚于原时限 {node.due_date.isoformat()}"
            )
        wording = new_deadline_text or f"{new_due.year}年{new_due.month}月{new_due.day}日前"
        row = Extension.create(
            node=node_id, date=on or date.today(), old_due_date=node.due_date,
            new_due_date=new_due, old_deadline_text=node.deadline_text,
            new_deadline_text=wording, reason=reason.strip(), approver=approver.strip(),
            who=who,
        )  # fmt: skip
        before = {"due_date": node.due_date, "deadline_text": node.deadline_text}
        after = {"due_date": new_due, "deadline_text": wording}
        Node.update(updated_at=now(), version=BUMP, **after).where(Node.id == node_id).execute()
        history = _field_rows(node_id, before, after, who)
    created = (("extension", row.id), *(("field_change", i) for i in history))
    recorded = Recorded(node_id, created, node_before=before, node_after=after)
    return recorded, _node_change(node_id)


def record_evaluation(
    votes: Votes,
    who: str,
    on: date | None = None,
    plan_id: int | None = None,
    leader: str = "",
    note: str = "",
) -> tuple[Recorded, Change]:
    """评议: votes on a plan or on a leader (by name) on a date."""
    if plan_id is None and not leader.strip():
        raise OperationError("评议须指明方案或领导")
    if votes.total == 0:
        raise OperationError("评议票数不能全为零")
    with database.atomic():
        if plan_id is not None and not Plan.select().where(Plan.id == plan_id).exists():
            raise OperationError(f"方案（编号 {plan_id}）已不存在")
        row = Evaluation.create(
            plan=plan_id, leader="".join(leader.split()), date=on or date.today(),
            good=votes.good, fairly_good=votes.fairly_good, average=votes.average,
            poor=votes.poor, note=note.strip(), who=who,
        )  # fmt: skip
    plans = frozenset({plan_id}) if plan_id is not None else frozenset()
    return Recorded(None, (("evaluation", row.id),), plan_id=plan_id), Change(plans=plans)


def record_field_changes(node_id: int, before: dict, after: dict, who: str) -> Change:
    """修改记录: one row per field whose value differs between `before` and `after` (fields
    present in both).  update_node and every other path that edits a node call this."""
    with database.atomic():
        written = _field_rows(node_id, before, after, who)
    return _node_change(node_id) if written else Change()


def field_change_rows(node_id: int, before: dict, after: dict, who: str) -> list[int]:
    """As record_field_changes, inside the caller's transaction; the ids of the rows written
    (so an undo can take exactly those back)."""
    return _field_rows(node_id, before, after, who)


def revert(recorded: Recorded) -> Change:
    """Undo of any action above: delete the rows it created, put back the rows it updated
    and the node fields as they were."""
    with database.atomic():
        if recorded.node_id is not None and recorded.node_before:
            if not Node.select().where(Node.id == recorded.node_id).exists():
                raise OperationError(f"该任务（编号 {recorded.node_id}）已不存在")
            unchanged_since(recorded.node_id, recorded.node_before, recorded.node_after)
            Node.update(updated_at=now(), version=BUMP, **recorded.node_before).where(
                Node.id == recorded.node_id
            ).execute()
        for table, row_id, old in recorded.updated:
            model = TABLES[table]
            model.update(**old).where(model.id == row_id).execute()
        for table, row_id in recorded.created:
            model = TABLES[table]
            model.delete().where(model.id == row_id).execute()
    if recorded.node_id is None:
        plans = frozenset({recorded.plan_id}) if recorded.plan_id is not None else frozenset()
        return Change(plans=plans)
    return _node_change(recorded.node_id)


def set_clerk(name: str) -> Change:
    """The clerk's name used as “who” from now on."""
    name = " ".join(name.split())
    if not name:
        raise OperationError("经办人姓名不能为空")
    with database.atomic():
        put_setting(CLERK_KEY, name)
    return Change()


def as_text(value) -> str:
    """A field value as the change history shows it."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "、".join(v.label() if hasattr(v, "label") else str(v) for v in value)
    return str(value)


def _field_rows(node_id: int, before: dict, after: dict, who: str) -> list[int]:
    ids = []
    for key in before.keys() & after.keys():
        old, new = as_text(before[key]), as_text(after[key])
        if old != new:
            row = FieldChange.create(node=node_id, field=key, old_value=old, new_value=new, who=who)
            ids.append(row.id)
    return sorted(ids)


def _status_row(node: Node, status: str, who: str, on: date | None, note: str) -> int:
    return StatusChange.create(
        node=node.id, from_status=node.status, to_status=status, date=on or date.today(),
        note=note.strip(), who=who,
    ).id  # fmt: skip


def _task(node_id: int) -> Node:
    node = Node.get_or_none(Node.id == node_id)
    if node is None:
        raise OperationError(f"没有编号为 {node_id} 的任务")
    if node.kind != "task":
        raise OperationError(f"编号 {node_id} 不是整改任务，不能登记台账")
    return node


def _check(rule, *args) -> None:
    try:
        rule(*args)
    except rules.LedgerRuleError as error:
        raise OperationError(str(error)) from error


def _node_change(node_id: int) -> Change:
    return Change(nodes=frozenset({node_id}))
