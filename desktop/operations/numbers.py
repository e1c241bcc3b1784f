"""Published numbers of a plan's nodes: 重新编号 and its undo.

An imported node keeps the number its document gave it (Node.number: （二）, 三、, 4.); a node
the user adds or moves has none and is numbered live (desktop/ledger/numbering.py).
重新编号 clears every published number of a plan, so the whole plan is numbered live from its
positions (一、（一）1.…) and stays so as the user adds and moves; undo puts the published
numbers back.  Each is one transaction, and adds one to the row version of every node whose
number it changes (desktop/operations/conflicts.py).
"""

from __future__ import annotations

from db.bulk import update_column
from db.models import Node, Plan, database
from desktop.operations import Change, OperationError
from desktop.operations.snapshots import chunks


def node_number(node_id: int) -> str:
    """The published number of one node ("" for none or a node that is gone)."""
    return Node.select(Node.number).where(Node.id == node_id).scalar() or ""


def renumber_plan(plan_id: int) -> tuple[dict[int, str], Change]:
    """Clear the published numbers of `plan_id`: returns them (node id → number) for undo."""
    with database.atomic():
        if Plan.get_or_none(Plan.id == plan_id) is None:
            raise OperationError(f"方案（编号 {plan_id}）已不存在")
        query = Node.select(Node.id, Node.number).where(
            (Node.plan == plan_id) & (Node.number != "")
        )
        old = dict(query.tuples())
        if not old:
            raise OperationError("该方案已按顺序编号，无需重新编号")
        Node.update(number="", version=Node.version + 1).where(
            (Node.plan == plan_id) & (Node.number != "")
        ).execute()
    return old, Change(numbers=frozenset({plan_id}))


def restore_numbers(numbers: dict[int, str]) -> Change:
    """Set the published numbers `numbers` (node id → number) again: the undo of 重新编号,
    one prepared statement for all of them."""
    plans: set[int] = set()
    with database.atomic():
        pairs = [(number, nid) for nid, number in numbers.items()]
        update_column(Node, "number", pairs, bump_version=True)
        for part in chunks(list(numbers)):
            query = Node.select(Node.plan).distinct().where(Node.id.in_(part))
            plans.update(plan_id for (plan_id,) in query.tuples())
    return Change(numbers=frozenset(plans))
