"""The ledger rows of deleted nodes and plans, so undo of a delete brings them back too.

`take(node_ids, plan_ids)` copies them before the delete (they go by cascade);
`restore(rows)` inserts them again after snapshots.restore has put the nodes back.  The lead
wires both into desktop.operations.snapshots (a `ledger` field on Snapshot).
"""

from __future__ import annotations

from collections.abc import Iterable

from db.ledger_models import (
    CloseOut,
    Evaluation,
    Extension,
    FieldChange,
    ProgressEntry,
    StatusChange,
)
from db.models import database
from desktop.operations.snapshots import chunks

NODE_MODELS = (StatusChange, CloseOut, Extension, FieldChange)


def take(node_ids: Iterable[int] = (), plan_ids: Iterable[int] = ()) -> dict[str, list[dict]]:
    nodes, plans = list(node_ids), list(plan_ids)
    rows: dict[str, list[dict]] = {}
    for model in NODE_MODELS:
        found = rows.setdefault(model._meta.table_name, [])
        for part in chunks(nodes):
            found.extend(model.select().where(model.node.in_(part)).dicts())
    rows["progress_by"] = [
        {"id": pid, "recorded_by": who}
        for part in chunks(nodes)
        for pid, who in ProgressEntry.select(ProgressEntry.id, ProgressEntry.recorded_by)
        .where(ProgressEntry.node.in_(part) & (ProgressEntry.recorded_by != ""))
        .tuples()
    ]
    rows["evaluation"] = [
        row for part in chunks(plans) for row in Evaluation.select().where(
            Evaluation.plan.in_(part)).dicts()
    ]  # fmt: skip
    return rows


def restore(rows: dict[str, list[dict]]) -> None:
    """Insert the rows back with their ids; the caller runs this inside its transaction."""
    with database.atomic():
        for model in (*NODE_MODELS, Evaluation):
            for row in rows.get(model._meta.table_name, []):
                model.insert(row).execute()
        for row in rows.get("progress_by", []):
            ProgressEntry.update(recorded_by=row["recorded_by"]).where(
                ProgressEntry.id == row["id"]
            ).execute()
