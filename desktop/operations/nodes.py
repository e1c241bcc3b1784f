"""User actions on the nodes of a plan tree: add, edit, set responsibilities, move, delete.

Siblings under one parent have positions 0..n-1; every action keeps them so.

Every edit of a task (update_node, set_leaders, set_units) writes its 修改记录 in the same
transaction, with the current clerk as "who": one field_change row per field whose value
changed, and a status_change row (dated today) when the status changed, so 回头看 sees it.
As with the ledger's own actions (ledger_ops.revert), undo takes back exactly the rows its
action wrote: the undo commands pass `created` to collect them and call the inverse with
`record=False`, then delete them.  So the stack's order guarantees that rows a snapshot put
aside are never re-used by another row before undo puts them back with their ids.

Edits of a node's content add one to its row version and, given a `Guard`, are refused over
a newer version another clerk saved (desktop/operations/conflicts.py); moves do not bump it.
"""

from __future__ import annotations

from datetime import date

from peewee import fn

from db.directory import person_for_name, unit_for_name
from db.ledger_models import FieldChange, StatusChange
from db.models import Node, Person, Plan, TaskLeader, TaskUnit, Unit, database, now
from db.records import UnitRef
from db.statements import Statement
from desktop.ledger.clerk import current_clerk
from desktop.ledger.deadlines import deadline_date, status_for_wording
from desktop.ledger.fields import stored_node_keys
from desktop.ledger.kinds import NodeKind, Status
from desktop.operations import Change, OperationError, snapshots
from desktop.operations.conflicts import ConflictError, Guard, guarded_write
from desktop.operations.ledger_ops import field_change_rows
from desktop.operations.snapshots import Snapshot

NODE_FIELDS = stored_node_keys()
DERIVED = {"deadline_text": ("due_date", "status")}  # saving the first may also set these


def affected_fields(fields) -> tuple[str, ...]:
    """The fields an update of `fields` sets: given ones and those derived from them (the due
    date follows the deadline wording).  Undo needs the old values of all of them."""
    keys = list(fields)
    for key in fields:
        keys.extend(k for k in DERIVED.get(key, ()) if k not in keys)
    return tuple(keys)


def add_node(
    plan_id: int,
    parent_id: int | None,
    position: int | None,
    kind: str,
    **fields,
) -> tuple[int, Change]:
    """A new node under `parent_id` (None: top level) at `position` (None: at the end).
    A deadline given without a due date gets the date its wording means (and a task with
    长期坚持 wording the status ongoing), as update_node does."""
    _check_fields({"kind": kind, **fields})
    with database.atomic():
        plan = _PLAN.first(plan_id)
        if plan is None:
            raise OperationError(f"方案（编号 {plan_id}）已不存在")
        fields = _with_derived(fields, plan.year, kind, "not_started")
        count = _SIBLING_COUNT.scalar(plan_id, parent_id)
        position = count if position is None else max(0, min(position, count))
        _shift(plan_id, parent_id, position, +1)
        node = Node.create(plan=plan_id, parent=parent_id, position=position, kind=kind, **fields)
    return node.id, Change(plans=frozenset({plan_id}), parents=frozenset({(plan_id, parent_id)}))


HistoryRows = list[tuple[str, int]]  # (table, id) of history rows an edit wrote


def update_node(
    node_id: int,
    *,
    record: bool = True,
    created: HistoryRows | None = None,
    guard: Guard | None = None,
    **fields,
) -> Change:
    """Set fields of one node (title, text, problem, goal, deadline, status, remarks …).

    When the deadline wording is set and no due date is given, the due date becomes the date
    the wording means (none for 长期坚持 or wording without a date), read with the plan's year;
    unless a status is given, a task's status follows 长期坚持 wording (status_for_wording).
    A task's change history is written unless `record` is False; `created` collects its rows.
    The row version goes up by one; with a `guard` only over the version it names (or a newer
    one that left these fields alone), else ConflictError.
    """
    _check_fields(fields)
    mine = dict(fields)
    with database.atomic():
        node = _get(node_id, guard, mine)
        if "deadline_text" in fields:
            year = _PLAN_YEAR.scalar(node.plan_id)
            fields = _with_derived(fields, year, fields.get("kind", node.kind), node.status)
        before = {key: getattr(node, key) for key in fields}
        stored = lambda: stored_values(node_id, mine)  # noqa: E731
        guarded_write(node_id, guard, mine, stored, updated_at=now(), **fields)
        if record and (_is_task(node.kind) or _is_task(fields.get("kind", node.kind))):
            _record_history(node_id, before, fields, created)
    plans = frozenset({node.plan_id}) if "kind" in fields else frozenset()
    return Change(plans=plans, nodes=frozenset({node_id}))


def set_leaders(
    node_id: int,
    names: list[str],
    *,
    record: bool = True,
    created: HistoryRows | None = None,
    guard: Guard | None = None,
) -> Change:
    """Replace the leaders of a task with `names` (new names join the directory); the row
    version goes up, checked against `guard` as in update_node."""
    names = _unique([n for n in names if n.strip()])
    mine = {"leaders": names}
    with database.atomic():
        node = _get(node_id, guard, mine)
        stored = lambda: stored_values(node_id, mine)  # noqa: E731
        guarded_write(node_id, guard, mine, stored, updated_at=now())
        before = _leader_names(node_id)
        _DELETE_LEADERS.execute(node_id)
        for position, name in enumerate(names):
            TaskLeader.create(node=node_id, person=person_for_name(name), position=position)
        if record and _is_task(node.kind):
            after = {"leaders": _leader_names(node_id)}
            _record_history(node_id, {"leaders": before}, after, created)
    return Change(nodes=frozenset({node_id}), directory=True)


def set_units(
    node_id: int,
    role: str,
    units: list[UnitRef],
    *,
    record: bool = True,
    created: HistoryRows | None = None,
    guard: Guard | None = None,
) -> Change:
    """Replace the lead or support units of a task (names or aliases; new ones are added);
    the row version goes up, checked against `guard` as in update_node."""
    if role not in ("lead", "support"):
        raise ValueError(f"unknown role {role!r}")
    key = "lead_units" if role == "lead" else "support_units"
    mine = {key: [UnitRef(u.name, u.contact) for u in units if u.name.strip()]}
    with database.atomic():
        node = _get(node_id, guard, mine)
        stored = lambda: stored_values(node_id, mine)  # noqa: E731
        guarded_write(node_id, guard, mine, stored, updated_at=now())
        before = _unit_refs(node_id, role)
        _DELETE_UNITS.execute(node_id, role)
        seen: set[int] = set()
        for ref in units:
            if not ref.name.strip():
                continue
            unit = unit_for_name(ref.name)
            if unit.id in seen:
                continue
            seen.add(unit.id)
            TaskUnit.create(
                node=node_id,
                unit=unit,
                role=role,
                contact=ref.contact.strip(),
                position=len(seen) - 1,
            )
        if record and _is_task(node.kind):
            _record_history(node_id, {key: before}, {key: _unit_refs(node_id, role)}, created)
    return Change(nodes=frozenset({node_id}), directory=True)


def move_node(
    node_id: int,
    parent_id: int | None,
    position: int,
    plan_id: int | None = None,
    number: str = "",
) -> Change:
    """Move a node (with its subtree) under `parent_id` at `position`, counted after the node
    has left its old place; `plan_id` moves it into another plan.  The moved node takes live
    numbering (its published number becomes `number`, "" by default; its children keep
    theirs).  Moving back to the old parent, position, plan and number undoes it exactly."""
    with database.atomic():
        node = _get(node_id)
        target_plan = plan_id if plan_id is not None else node.plan_id
        subtree = snapshots.subtree_ids(node_id)
        if parent_id is not None:
            parent = _get(parent_id)
            if parent_id in subtree:
                raise OperationError("不能把一项内容移动到它自己的下级中")
            if parent.plan_id != target_plan:
                raise OperationError("目标位置不在同一方案中")
        _shift(node.plan_id, node.parent_id, node.position + 1, -1)
        count = _SIBLING_COUNT.scalar(target_plan, parent_id, node_id)
        position = max(0, min(position, count))
        _shift(target_plan, parent_id, position, +1, exclude=node_id)
        Node.update(
            parent=parent_id, position=position, plan=target_plan, number=number, updated_at=now()
        ).where(Node.id == node_id).execute()
        if target_plan != node.plan_id:
            for part in snapshots.chunks(subtree):
                Node.update(plan=target_plan).where(Node.id.in_(part)).execute()
    if target_plan != node.plan_id:  # the subtree's nodes change plans: views look at both
        return Change(plans=frozenset({node.plan_id, target_plan}))
    parents = frozenset({(target_plan, node.parent_id), (target_plan, parent_id)})
    return Change(plans=frozenset({target_plan}), parents=parents)


def delete_node(node_id: int) -> tuple[Snapshot, Change]:
    """Delete a node and its subtree; the snapshot lets undo put it back with the same ids."""
    with database.atomic():
        node = _get(node_id)
        snapshot = snapshots.take_nodes(node_id)
        _DELETE_NODE.execute(node_id)  # descendants go by cascade
        _shift(node.plan_id, node.parent_id, node.position + 1, -1)
    parents = frozenset({(node.plan_id, node.parent_id)})
    return snapshot, Change(plans=frozenset({node.plan_id}), parents=parents)


def restore_node(snapshot: Snapshot) -> Change:
    """Undo of delete_node: the subtree goes back where it was."""
    root = snapshot.root
    with database.atomic():
        _shift(root["plan"], root["parent"], root["position"], +1)
        snapshots.restore(snapshot)
    plan_id = root["plan"]  # the restored subtree's parents are new to every view too
    parents = {(plan_id, root["parent"])} | {(plan_id, row["id"]) for row in snapshot.nodes}
    return Change(plans=frozenset({plan_id}), parents=frozenset(parents))


def _with_derived(fields: dict, plan_year: int | None, kind: str, status: str) -> dict:
    """`fields` plus what follows from the deadline wording in them (one rule: ledger)."""
    if "deadline_text" not in fields:
        return fields
    wording = fields["deadline_text"] or ""
    derived = dict(fields)
    if "due_date" not in fields:
        derived["due_date"] = deadline_date(wording, plan_year)
    if "status" not in fields and NodeKind(kind).has_responsibility:
        derived["status"] = status_for_wording(wording, status)
    return derived


def undo_edit(action, created: HistoryRows) -> Change:
    """Undo of an edit: `action` (the inverse operation, called with record=False) and the
    history rows the edit wrote deleted, in one transaction; `created` is emptied."""
    with database.atomic():
        change = action()
        for table, ids in (("field_change", FieldChange), ("status_change", StatusChange)):
            found = [row_id for name, row_id in created if name == table]
            for part in snapshots.chunks(found):
                _DELETE_ROWS.execute(ids, part)
    created.clear()
    return change


def _is_task(kind: str) -> bool:
    return NodeKind(kind).has_responsibility


def _record_history(node_id: int, before: dict, after: dict, created: HistoryRows | None) -> None:
    """修改记录 of one edit, inside the caller's transaction (see the module docstring)."""
    who = current_clerk()
    rows: HistoryRows = []
    old, new = before.get("status"), after.get("status")
    if new is not None and old is not None and old != new:
        row = StatusChange.create(
            node=node_id, from_status=old, to_status=new, date=date.today(), who=who,
        )  # fmt: skip
        rows.append(("status_change", row.id))
    fields = {key: value for key, value in before.items() if key != "status"}
    rows.extend(("field_change", i) for i in field_change_rows(node_id, fields, after, who))
    if created is not None:
        created.extend(rows)


def _leader_names(node_id: int) -> list[str]:
    return [name for (name,) in _LEADER_NAMES.rows(node_id)]


def _unit_refs(node_id: int, role: str) -> list[UnitRef]:
    return [UnitRef(name, contact) for name, contact in _UNIT_REFS.rows(node_id, role)]


def stored_values(node_id: int, keys) -> dict:
    """The stored values of `keys` of one node: its own columns, and leaders, lead_units,
    support_units from their link tables (inside the caller's transaction)."""
    keys = list(keys)
    values: dict = {}
    columns = [key for key in keys if key not in LINKED]
    if columns:
        query = Node.select(*(getattr(Node, key) for key in columns)).where(Node.id == node_id)
        values.update(query.dicts().get_or_none() or {})
    for key in keys:
        if key == "leaders":
            values[key] = _leader_names(node_id)
        elif key in LINKED:
            values[key] = _unit_refs(node_id, LINKED[key])
    return values


LINKED = {"leaders": "", "lead_units": "lead", "support_units": "support"}


def _get(node_id: int, guard: Guard | None = None, mine: dict | None = None) -> Node:
    """The node; when it is gone, a save that names a version hears it was deleted."""
    node = _NODE.first(node_id)
    if node is None:
        if guard is not None and guard.expected is not None:
            raise ConflictError(node_id, mine or {}, None)
        raise OperationError(f"该项内容（编号 {node_id}）已不存在")
    return node


def _sibling_filter(plan_id: int, parent_id: int | None):
    parent = Node.parent.is_null() if parent_id is None else Node.parent == parent_id
    return (Node.plan == plan_id) & parent


def _shift(plan_id: int, parent_id: int | None, start: int, delta: int, exclude=None) -> None:
    """Add `delta` to the positions of siblings at `start` or after."""
    _SHIFT.execute(plan_id, parent_id, start, delta, exclude)


def _shift_query(plan_id: int, parent_id: int | None, start: int, delta: int, exclude):
    where = _sibling_filter(plan_id, parent_id) & (Node.position >= start)
    if exclude is not None:
        where &= Node.id != exclude
    return Node.update(position=Node.position + delta).where(where)


# The statements of an add and of its undo, their SQL compiled once (db/statements.py).
_PLAN = Statement(lambda plan_id: Plan.select().where(Plan.id == plan_id).limit(1))
_NODE = Statement(lambda node_id: Node.select().where(Node.id == node_id).limit(1))


def _sibling_count_query(plan_id: int, parent_id: int | None, exclude: int | None = None):
    where = _sibling_filter(plan_id, parent_id)
    if exclude is not None:
        where &= Node.id != exclude
    return Node.select(fn.COUNT(Node.id)).where(where).tuples()


_SIBLING_COUNT = Statement(_sibling_count_query)
_PLAN_YEAR = Statement(
    lambda plan_id: Plan.select(Plan.year).where(Plan.id == plan_id).limit(1).tuples()
)
_LEADER_NAMES = Statement(
    lambda node_id: (
        Person.select(Person.name)
        .join(TaskLeader)
        .where(TaskLeader.node == node_id)
        .order_by(TaskLeader.position)
        .tuples()
    )
)
_UNIT_REFS = Statement(
    lambda node_id, role: (
        TaskUnit.select(Unit.name, TaskUnit.contact)
        .join(Unit)
        .where((TaskUnit.node == node_id) & (TaskUnit.role == role))
        .order_by(TaskUnit.position)
        .tuples()
    )
)
_DELETE_LEADERS = Statement(lambda node_id: TaskLeader.delete().where(TaskLeader.node == node_id))
_DELETE_UNITS = Statement(
    lambda node_id, role: TaskUnit.delete().where(
        (TaskUnit.node == node_id) & (TaskUnit.role == role)
    )
)
_DELETE_ROWS = Statement(lambda model, ids: model.delete().where(model.id.in_(ids)))
_SHIFT = Statement(_shift_query)
_DELETE_NODE = Statement(lambda node_id: Node.delete().where(Node.id == node_id))


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - set(NODE_FIELDS)
    if unknown:
        raise ValueError(f"unknown node fields: {sorted(unknown)}")
    if "kind" in fields and fields["kind"] not in set(NodeKind):
        raise ValueError(f"unknown node kind {fields['kind']!r}")
    if "status" in fields and fields["status"] not in set(Status):
        raise ValueError(f"unknown status {fields['status']!r}")
    if fields.get("due_date") is not None and not isinstance(fields["due_date"], date):
        raise ValueError("due_date must be a date")


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys("".join(n.split()) for n in names))
