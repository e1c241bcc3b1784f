"""User actions on whole plans: create, edit the plan's fields, delete and undelete."""

from __future__ import annotations

from peewee import fn

from db.models import Plan, database, now
from desktop.operations import Change, OperationError, snapshots
from desktop.operations.snapshots import Snapshot

PLAN_FIELDS = ("title", "issuer", "year", "kind", "notes")


def create_plan(title: str, **fields) -> tuple[int, Change]:
    """A new empty plan at the end of the list."""
    title = title.strip()
    if not title:
        raise OperationError("方案名称不能为空")
    _check_fields(fields)
    with database.atomic():
        position = (Plan.select(fn.MAX(Plan.position)).scalar() or 0) + 1
        plan = Plan.create(title=title, position=position, **fields)
    return plan.id, Change(plans=frozenset({plan.id}))


def update_plan(plan_id: int, **fields) -> Change:
    _check_fields(fields)
    if "title" in fields:
        fields["title"] = fields["title"].strip()
        if not fields["title"]:
            raise OperationError("方案名称不能为空")
    with database.atomic():
        updated = Plan.update(updated_at=now(), **fields).where(Plan.id == plan_id).execute()
    if not updated:
        raise OperationError(f"方案（编号 {plan_id}）已不存在")
    return Change(plans=frozenset({plan_id}))


def delete_plan(plan_id: int) -> tuple[Snapshot, Change]:
    """Delete a plan and everything in it; the snapshot lets undo put it back."""
    with database.atomic():
        snapshot = snapshots.take_plan(plan_id)
        Plan.delete().where(Plan.id == plan_id).execute()
    return snapshot, Change(plans=frozenset({plan_id}), directory=True)


def restore_plan(snapshot: Snapshot) -> Change:
    with database.atomic():
        snapshots.restore(snapshot)
    return Change(plans=frozenset({snapshot.plan["id"]}), directory=True)


def delete_plans(plan_ids: list[int]) -> tuple[list[Snapshot], Change]:
    """Delete several plans in one transaction (undo of an import)."""
    snapshots_taken, change = [], Change()
    with database.atomic():
        for plan_id in plan_ids:
            snapshot, removed = delete_plan(plan_id)
            snapshots_taken.append(snapshot)
            change = change | removed
    return snapshots_taken, change


def restore_plans(snapshots_taken: list[Snapshot]) -> Change:
    change = Change()
    with database.atomic():
        for snapshot in snapshots_taken:
            change = change | restore_plan(snapshot)
    return change


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"unknown plan fields: {sorted(unknown)}")
