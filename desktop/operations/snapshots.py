"""Copies of rows taken before a delete, so undo puts back exactly what was there (same ids):
the nodes with their links and progress, and their ledger records (status changes, close-outs,
extensions, change history, a plan's evaluations) through ledger_snapshots."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.models import Node, Plan, Progress, TaskLeader, TaskUnit, database
from db.statements import Statement


@dataclass
class Snapshot:
    """Rows of a plan and/or a subtree of nodes, with their links and progress."""

    plan: dict | None = None
    nodes: list[dict] = field(default_factory=list)
    leaders: list[dict] = field(default_factory=list)
    units: list[dict] = field(default_factory=list)
    progress: list[dict] = field(default_factory=list)
    ledger: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def root(self) -> dict:
        return self.nodes[0]

    def task_count(self) -> int:
        return sum(1 for row in self.nodes if row["kind"] == "task")


def subtree_ids(node_id: int) -> list[int]:
    """`node_id` and its descendants, parents before children: one indexed query per level,
    so a single task in a plan of 10,000 costs two small queries, not the whole plan."""
    plan_id = _PLAN_OF.scalar(node_id)
    ordered, level = [node_id], [node_id]
    while level:
        following: list[int] = []
        for part in chunks(level):
            following.extend(row[0] for row in _CHILDREN.rows(plan_id, part))
        ordered.extend(following)
        level = following
    return ordered


def take_nodes(node_id: int) -> Snapshot:
    return _take(subtree_ids(node_id))


def take_plan(plan_id: int) -> Snapshot:
    parents = dict(Node.select(Node.id, Node.parent).where(Node.plan == plan_id).tuples())
    snapshot = _take(_parents_first(parents), plan_ids=[plan_id])
    snapshot.plan = Plan.select().where(Plan.id == plan_id).dicts().get()
    return snapshot


def restore(snapshot: Snapshot) -> None:
    """Insert the rows back with their ids.  The caller has made room among siblings and runs
    this inside its transaction."""
    with database.atomic():
        if snapshot.plan is not None:
            Plan.insert(snapshot.plan).execute()
        for rows, model in (
            (snapshot.nodes, Node),
            (snapshot.leaders, TaskLeader),
            (snapshot.units, TaskUnit),
            (snapshot.progress, Progress),
        ):
            for start in range(0, len(rows), 200):
                model.insert_many(rows[start : start + 200]).execute()
        ledger_snapshots().restore(snapshot.ledger)


def chunks(ids: list[int], size: int = 500):
    """`ids` in slices small enough for any database's limit on query parameters."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def rows_in(model, field, ids: list[int]) -> list[dict]:
    """The rows of `model` whose `field` is one of `ids`, as dicts, a chunk at a time."""
    return [row for part in chunks(ids) for row in _ROWS_IN.rows(model, field.name, part)]


_PLAN_OF = Statement(
    lambda node_id: Node.select(Node.plan).where(Node.id == node_id).limit(1).tuples()
)
_CHILDREN = Statement(
    lambda plan_id, parent_ids: (
        Node.select(Node.id).where((Node.plan == plan_id) & Node.parent.in_(parent_ids)).tuples()
    )
)
_ROWS_IN = Statement(
    lambda model, name, ids: model.select().where(getattr(model, name).in_(ids)).dicts()
)


def ledger_snapshots():
    """desktop.operations.ledger_snapshots, imported late: it uses `chunks` from here."""
    from desktop.operations import ledger_snapshots

    return ledger_snapshots


def _take(ids: list[int], plan_ids: list[int] | None = None) -> Snapshot:
    if not ids and not plan_ids:
        return Snapshot()
    order = {nid: index for index, nid in enumerate(ids)}
    nodes = sorted(rows_in(Node, Node.id, ids), key=lambda r: order[r["id"]])
    return Snapshot(
        nodes=nodes,
        leaders=rows_in(TaskLeader, TaskLeader.node, ids),
        units=rows_in(TaskUnit, TaskUnit.node, ids),
        progress=rows_in(Progress, Progress.node, ids),
        ledger=ledger_snapshots().take(ids, plan_ids or ()),
    )


def _parents_first(parents: dict[int, int | None]) -> list[int]:
    """Node ids (keys of `parents`, id → parent id) ordered so parents come first."""
    depth: dict[int, int] = {}

    def depth_of(nid: int) -> int:
        if nid not in depth:
            parent = parents.get(nid)
            depth[nid] = 0 if parent is None else depth_of(parent) + 1
        return depth[nid]

    return sorted(parents, key=lambda nid: (depth_of(nid), nid))
