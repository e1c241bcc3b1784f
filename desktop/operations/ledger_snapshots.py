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
from db.statements import Statement
from desktop.operations.snapshots import chunks, rows_in

NODE_MODELS = (StatusChange, CloseOut, Extension, FieldChange)


def take(node_ids: Iterable[int] = (), plan_ids: Iterable[int] = ()) -> dict[str, list[dict]]:
    nodes, plans = list(node_ids), list(plan_ids)
    rows: dict[str, list[dict]] = {}
    for model in NODE_MODELS:
        rows[model._meta.table_name] = rows_in(model, model.node, nodes)
    rows["progress_by"] = [
        {"id": pid, "recorded_by": who} for part in chunks(nodes) for pid, who in _BY.rows(part)
    ]
    rows["evaluation"] = rows_in(Evaluation, Evaluation.plan, plans)
    return rows


_BY = Statement(  # who recorded the progress entries of the nodes, where it is known
    lambda node_ids: (
        ProgressEntry.select(ProgressEntry.id, ProgressEntry.recorded_by)
        .where(ProgressEntry.node.in_(node_ids) & (ProgressEntry.recorded_by != ""))
        .tuples()
    )
)


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
