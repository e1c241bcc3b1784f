"""What is stored now, read by an undo command on its first run to know what undo puts back.

A view's cache can be stale (another dialog, a failed save, a reload); the database is not.
So commands take their "before" values here, inside the transaction of their first run.
A command that names the row version it was read at passes `mine` (what it is about to save):
when the node is gone, it hears ConflictError "该任务已被其他人删除" carrying those values.
"""

from __future__ import annotations

from db.models import Node, Person, Plan, Unit
from db.queries import load_nodes
from db.records import UnitRef
from desktop.operations import OperationError
from desktop.operations.conflicts import ConflictError
from desktop.operations.nodes import affected_fields


def node_fields(node_id: int, keys, mine: dict | None = None) -> dict:
    """The stored values of `keys` of one node and of the fields derived from them (the
    wording of a deadline brings its date and status along)."""
    keys = list(affected_fields(keys))
    row = Node.select(*(getattr(Node, key) for key in keys)).where(Node.id == node_id).dicts()
    found = row.get_or_none()
    if found is None:
        _gone(node_id, mine)
    return {key: found[key] for key in keys}


def _gone(node_id: int, mine: dict | None):
    if mine is not None:
        raise ConflictError(node_id, mine, None)
    raise OperationError(f"该条目（编号 {node_id}）已不存在，可能已被删除")


def plan_fields(plan_id: int, keys) -> dict:
    keys = list(keys)
    row = Plan.select(*(getattr(Plan, key) for key in keys)).where(Plan.id == plan_id).dicts()
    found = row.get_or_none()
    if found is None:
        raise OperationError(f"方案（编号 {plan_id}）已不存在")
    return {key: found[key] for key in keys}


def node_place(node_id: int) -> tuple[int, int | None, int]:
    """(plan_id, parent_id, position) of one node."""
    found = (
        Node.select(Node.plan, Node.parent, Node.position)
        .where(Node.id == node_id)
        .tuples()
        .get_or_none()
    )
    if found is None:
        raise OperationError(f"该条目（编号 {node_id}）已不存在，可能已被删除")
    return found[0], found[1], found[2]


def _node(node_id: int, mine: dict | None = None):
    record = load_nodes([node_id]).get(node_id)
    if record is None:
        _gone(node_id, mine)
    return record


def node_leaders(node_id: int, mine: dict | None = None) -> list[str]:
    return list(_node(node_id, mine).leaders)


def node_units(node_id: int, role: str, mine: dict | None = None) -> list[UnitRef]:
    record = _node(node_id, mine)
    units = record.lead_units if role == "lead" else record.support_units
    return [UnitRef(unit.name, unit.contact) for unit in units]


def unit_name(unit_id: int) -> str:
    name = Unit.select(Unit.name).where(Unit.id == unit_id).scalar()
    if name is None:
        raise OperationError(f"单位（编号 {unit_id}）已不存在")
    return name


def person_name(person_id: int) -> str:
    name = Person.select(Person.name).where(Person.id == person_id).scalar()
    if name is None:
        raise OperationError(f"人员（编号 {person_id}）已不存在")
    return name
