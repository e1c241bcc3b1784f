"""Undo commands for every edit of plans and nodes, each an operation and its inverse.

Commands that create rows keep the ids they were given: undo deletes with a snapshot and
redo restores that snapshot, so later commands on the stack still find the same ids.
Commands that change rows read the "before" values undo needs from the database on their
first run, in the same transaction (desktop/operations/before.py); a caller's `old` is only
a hint for the 编辑 menu and is never trusted.
Texts are Chinese: the 编辑 menu shows them as “撤销 修改任务名称”.
"""

from __future__ import annotations

from db.models import database
from db.records import UnitRef
from desktop.ledger.fields import edit_text as field_edit_text  # noqa: F401 - re-exported
from desktop.ledger.fields import plan_edit_text
from desktop.ledger.kinds import KIND_LABELS
from desktop.operations import Change, before
from desktop.operations.import_plans import ImportedPlan, import_plans
from desktop.operations.nodes import (
    add_node,
    delete_node,
    move_node,
    restore_node,
    set_leaders,
    set_units,
    undo_edit,
    update_node,
)
from desktop.operations.numbers import node_number
from desktop.operations.plans import (
    create_plan,
    delete_plan,
    delete_plans,
    restore_plan,
    restore_plans,
    update_plan,
)
from desktop.operations.snapshots import Snapshot
from desktop.operations.undo import ChangeHub, OperationCommand

MERGE_FIELD_EDITS = 1  # QUndoCommand.id() of field edits that may merge


class CreatePlanCommand(OperationCommand):
    """新建方案: the first run creates, undo deletes, redo restores the same plan."""

    def __init__(self, hub: ChangeHub, title: str, **fields) -> None:
        super().__init__(hub, "新建方案")
        self.title, self.fields = title, fields
        self.plan_id: int | None = None
        self._snapshot: Snapshot | None = None

    def do(self) -> Change:
        if self._snapshot is not None:
            return restore_plan(self._snapshot)
        self.plan_id, change = create_plan(self.title, **self.fields)
        return change

    def revert(self) -> Change:
        self._snapshot, change = delete_plan(self.plan_id)
        return change


class EditPlanCommand(OperationCommand):
    """Changes fields of a plan: title, issuer, year, notes."""

    def __init__(self, hub: ChangeHub, plan_id: int, old: dict | None, new: dict) -> None:
        super().__init__(hub, plan_edit_text(list(new)))
        self.plan_id, self.old, self.new = plan_id, dict(old or {}), dict(new)
        self._read = False

    def do(self) -> Change:
        if self._read:
            return update_plan(self.plan_id, **self.new)
        with database.atomic():
            self.old = before.plan_fields(self.plan_id, self.new)
            change = update_plan(self.plan_id, **self.new)
        self._read = True
        return change

    def revert(self) -> Change:
        return update_plan(self.plan_id, **self.old)


class DeletePlanCommand(OperationCommand):
    def __init__(self, hub: ChangeHub, plan_id: int, title: str = "") -> None:
        super().__init__(hub, "删除方案")
        self.plan_id = plan_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Change:
        self._snapshot, change = delete_plan(self.plan_id)
        return change

    def revert(self) -> Change:
        return restore_plan(self._snapshot)


class AddNodeCommand(OperationCommand):
    """新增任务 / 新增部分 …: redo puts back the very node (same id) undo removed."""

    def __init__(
        self,
        hub: ChangeHub,
        plan_id: int,
        parent_id: int | None,
        position: int | None,
        kind: str,
        **fields,
    ) -> None:
        super().__init__(hub, f"新增{KIND_LABELS[kind]}")
        self.plan_id, self.parent_id, self.position = plan_id, parent_id, position
        self.kind, self.fields = kind, fields
        self.node_id: int | None = None
        self._snapshot: Snapshot | None = None

    def do(self) -> Change:
        if self._snapshot is not None:
            return restore_node(self._snapshot)
        self.node_id, change = add_node(
            self.plan_id, self.parent_id, self.position, self.kind, **self.fields
        )
        return change

    def revert(self) -> Change:
        self._snapshot, change = delete_node(self.node_id)
        return change


class DeleteNodeCommand(OperationCommand):
    def __init__(self, hub: ChangeHub, node_id: int, kind: str = "task") -> None:
        super().__init__(hub, f"删除{KIND_LABELS.get(kind, '')}")
        self.node_id = node_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Change:
        self._snapshot, change = delete_node(self.node_id)
        return change

    def revert(self) -> Change:
        return restore_node(self._snapshot)


class MoveNodeCommand(OperationCommand):
    """上移 / 下移 / 升级 / 降级 / 移动: `old` and `new` are (plan_id, parent_id, position)."""

    def __init__(
        self,
        hub: ChangeHub,
        node_id: int,
        old: tuple[int, int | None, int] | None,
        new: tuple[int, int | None, int],
        text: str = "移动",
    ) -> None:
        super().__init__(hub, text)
        self.node_id, self.old, self.new = node_id, old, new
        self.old_number = ""  # its published number, which the move clears and undo restores
        self._read = False

    def do(self) -> Change:
        plan_id, parent_id, position = self.new
        if self._read:
            return move_node(self.node_id, parent_id, position, plan_id)
        with database.atomic():
            self.old = before.node_place(self.node_id)
            self.old_number = node_number(self.node_id)
            change = move_node(self.node_id, parent_id, position, plan_id)
        self._read = True
        return change

    def revert(self) -> Change:
        plan_id, parent_id, position = self.old
        return move_node(self.node_id, parent_id, position, plan_id, self.old_number)


class UpdateNodeCommand(OperationCommand):
    """Field edits of one node.  Consecutive edits of the same fields of the same node merge
    into one undo step; an edit that ends where it began disappears from the stack (its
    history rows stay: both edits happened).  Undo takes back the history rows it wrote."""

    def __init__(
        self, hub: ChangeHub, node_id: int, old: dict | None, new: dict, text: str
    ) -> None:
        super().__init__(hub, text)
        self.node_id, self.old, self.new = node_id, dict(old or {}), dict(new)
        self.history: list[tuple[str, int]] = []
        self._read = False

    def do(self) -> Change:
        if self._read:
            return update_node(self.node_id, created=self.history, **self.new)
        with database.atomic():
            self.old = before.node_fields(self.node_id, self.new)
            change = update_node(self.node_id, created=self.history, **self.new)
        self._read = True
        return change

    def revert(self) -> Change:
        return undo_edit(lambda: update_node(self.node_id, record=False, **self.old), self.history)

    def id(self) -> int:  # noqa: A003 - Qt override
        return MERGE_FIELD_EDITS

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, UpdateNodeCommand):
            return False
        if other.node_id != self.node_id or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        self.history.extend(other.history)
        self.setObsolete(all(self.old.get(key) == value for key, value in self.new.items()))
        return True


class SetLeadersCommand(OperationCommand):
    def __init__(self, hub: ChangeHub, node_id: int, old: list[str] | None, new: list[str]) -> None:
        super().__init__(hub, "修改牵头领导")
        self.node_id, self.old, self.new = node_id, list(old or []), list(new)
        self.history: list[tuple[str, int]] = []
        self._read = False

    def do(self) -> Change:
        if self._read:
            return set_leaders(self.node_id, self.new, created=self.history)
        with database.atomic():
            self.old = before.node_leaders(self.node_id)
            change = set_leaders(self.node_id, self.new, created=self.history)
        self._read = True
        return change

    def revert(self) -> Change:
        return undo_edit(lambda: set_leaders(self.node_id, self.old, record=False), self.history)


class SetUnitsCommand(OperationCommand):
    """修改牵头单位 / 修改配合单位 (role "lead" or "support")."""

    def __init__(
        self,
        hub: ChangeHub,
        node_id: int,
        role: str,
        old: list[UnitRef] | None,
        new: list[UnitRef],
    ) -> None:
        super().__init__(hub, "修改牵头单位" if role == "lead" else "修改配合单位")
        self.node_id, self.role = node_id, role
        self.old = [UnitRef(u.name, u.contact) for u in old or []]
        self.new = [UnitRef(u.name, u.contact) for u in new]
        self.history: list[tuple[str, int]] = []
        self._read = False

    def do(self) -> Change:
        if self._read:
            return set_units(self.node_id, self.role, self.new, created=self.history)
        with database.atomic():
            self.old = before.node_units(self.node_id, self.role)
            change = set_units(self.node_id, self.role, self.new, created=self.history)
        self._read = True
        return change

    def revert(self) -> Change:
        return undo_edit(
            lambda: set_units(self.node_id, self.role, self.old, record=False), self.history
        )


class ImportPlansCommand(OperationCommand):
    """Saving an import; undo deletes the new plans, redo puts them back with the same ids."""

    def __init__(self, hub: ChangeHub, parse: dict, chosen: list[int], fallback_title: str):
        super().__init__(hub, "导入方案")
        self._parse, self._chosen = parse, chosen
        self._fallback = fallback_title
        self.plans: list[ImportedPlan] = []
        self._snapshots: list = []

    def do(self) -> Change:
        if self._snapshots:
            change, self._snapshots = restore_plans(self._snapshots), []
            return change
        self.plans, change = import_plans(self._parse, self._chosen, fallback_title=self._fallback)
        return change

    def revert(self) -> Change:
        self._snapshots, change = delete_plans([plan.id for plan in self.plans])
        return change
