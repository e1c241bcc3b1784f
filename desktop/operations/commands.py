"""Undo commands for every edit of plans and nodes, each an operation and its inverse.

Commands that create rows keep the ids they were given: undo deletes with a snapshot and
redo restores that snapshot, so later commands on the stack still find the same ids.
Commands that change rows read the "before" values undo needs from the database on their
first run, in the same transaction (desktop/operations/before.py); a caller's `old` is only
a hint for the 编辑 menu and is never trusted.
Edits of a node's fields, leaders and units name the row version the window read them at
(`version`, from the NodeRecord) and what the user saw (`old`): a save over another clerk's
newer save of the same fields is refused with a ConflictError (desktop/operations/conflicts.py).
Each run remembers the version it produced, so its own undo and redo are not refused by it,
while an undo or redo over another clerk's newer save of these fields is.
Texts are Chinese: the 编辑 menu shows them as “撤销 修改任务名称”.
"""

from __future__ import annotations

from db.models import database
from db.records import UnitRef
from desktop.ledger.fields import edit_text as field_edit_text  # noqa: F401 - re-exported
from desktop.ledger.fields import plan_edit_text
from desktop.ledger.kinds import KIND_LABELS
from desktop.operations import Change, before
from desktop.operations.conflicts import ConflictError, Guard, Saved
from desktop.operations.import_plans import ImportedPlan, import_plans
from desktop.operations.nodes import (
    add_node,
    delete_node,
    move_node,
    restore_node,
    set_leaders,
    set_units,
    stored_values,
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
        *,
        anchor_id: int | None = None,
        **fields,
    ) -> None:
        """`anchor_id`: the node the user added it from (undo goes back to it)."""
        super().__init__(hub, f"新增{KIND_LABELS[kind]}")
        self.plan_id, self.parent_id, self.position = plan_id, parent_id, position
        self.kind, self.fields, self.anchor_id = kind, fields, anchor_id
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


class NodeEditCommand(OperationCommand):
    """An edit of one node that names the row version it expects (see the module docstring).

    `version`: the version the next run expects (None: not checked; after a run, the version
    that run wrote).  `base`: the values of the edited fields as the user saw them, so a newer
    save that left them alone does not refuse this one.  `after`: the stored values this
    command's last do() left, what its undo expects to find."""

    def __init__(self, hub: ChangeHub, text: str, node_id: int, version: int | None) -> None:
        super().__init__(hub, text)
        self.node_id, self.version = node_id, version
        self.base: dict | None = None
        self.after: dict = {}

    def rebase(self, theirs: Saved) -> None:
        """保留我的修改: the next run goes over `theirs`, which the user has now seen."""
        self.version, self.base = theirs.version, dict(theirs.values)

    def _mine(self, values: dict) -> dict | None:
        """What this edit saves, when it names a version (a node deleted meanwhile is then
        a conflict that keeps these values for the user)."""
        return dict(values) if self.version is not None else None

    def _guarded(self, action, base: dict | None):
        """Run `action(guard)` and remember the version it wrote."""
        guard = Guard(self.version, base)
        change = action(guard)
        self.version = guard.produced
        return change


class UpdateNodeCommand(NodeEditCommand):
    """Field edits of one node.  Consecutive edits of the same fields of the same node merge
    into one undo step; an edit that ends where it began disappears from the stack (its
    history rows stay: both edits happened).  Undo takes back the history rows it wrote."""

    def __init__(
        self,
        hub: ChangeHub,
        node_id: int,
        old: dict | None,
        new: dict,
        text: str,
        version: int | None = None,
    ) -> None:
        super().__init__(hub, text, node_id, version)
        self.old, self.new = dict(old or {}), dict(new)
        if old is not None:
            self.base = {key: value for key, value in old.items() if key in self.new}
        self.history: list[tuple[str, int]] = []
        self._read = False

    def do(self) -> Change:
        with database.atomic():
            if not self._read:
                self.old = before.node_fields(self.node_id, self.new, self._mine(self.new))
            base = self.old if self._read else self.base  # a redo goes over what undo left

            def action(guard):
                return update_node(self.node_id, created=self.history, guard=guard, **self.new)

            change = self._guarded(action, base)
            self.after = before.node_fields(self.node_id, self.new)
        self._read = True
        return change

    def revert(self) -> Change:
        def action(guard):
            return update_node(self.node_id, record=False, guard=guard, **self.old)

        return undo_edit(lambda: self._guarded(action, self.after), self.history)

    def id(self) -> int:  # noqa: A003 - Qt override
        return MERGE_FIELD_EDITS

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, UpdateNodeCommand):
            return False
        if other.node_id != self.node_id or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        self.history.extend(other.history)
        self.version, self.after = other.version, dict(other.after)
        self.setObsolete(all(self.old.get(key) == value for key, value in self.new.items()))
        return True


class SetLeadersCommand(NodeEditCommand):
    def __init__(
        self,
        hub: ChangeHub,
        node_id: int,
        old: list[str] | None,
        new: list[str],
        version: int | None = None,
    ) -> None:
        super().__init__(hub, "修改牵头领导", node_id, version)
        self.old, self.new = list(old or []), list(new)
        if old is not None:
            self.base = {"leaders": list(old)}
        self.history: list[tuple[str, int]] = []
        self._read = False

    def do(self) -> Change:
        with database.atomic():
            if not self._read:
                self.old = before.node_leaders(self.node_id, self._mine({"leaders": self.new}))
            base = {"leaders": self.old} if self._read else self.base

            def action(guard):
                return set_leaders(self.node_id, self.new, created=self.history, guard=guard)

            change = self._guarded(action, base)
            self.after = stored_values(self.node_id, ["leaders"])
        self._read = True
        return change

    def revert(self) -> Change:
        def action(guard):
            return set_leaders(self.node_id, self.old, record=False, guard=guard)

        return undo_edit(lambda: self._guarded(action, self.after), self.history)


class SetUnitsCommand(NodeEditCommand):
    """修改牵头单位 / 修改配合单位 (role "lead" or "support")."""

    def __init__(
        self,
        hub: ChangeHub,
        node_id: int,
        role: str,
        old: list[UnitRef] | None,
        new: list[UnitRef],
        version: int | None = None,
    ) -> None:
        text = "修改牵头单位" if role == "lead" else "修改配合单位"
        super().__init__(hub, text, node_id, version)
        self.role, self.key = role, "lead_units" if role == "lead" else "support_units"
        self.old = [UnitRef(u.name, u.contact) for u in old or []]
        self.new = [UnitRef(u.name, u.contact) for u in new]
        if old is not None:
            self.base = {self.key: list(self.old)}
        self.history: list[tuple[str, int]] = []
        self._read = False

    def do(self) -> Change:
        with database.atomic():
            if not self._read:
                mine = self._mine({self.key: self.new})
                self.old = before.node_units(self.node_id, self.role, mine)
            base = {self.key: self.old} if self._read else self.base

            def action(guard):
                return set_units(
                    self.node_id, self.role, self.new, created=self.history, guard=guard
                )

            change = self._guarded(action, base)
            self.after = stored_values(self.node_id, [self.key])
        self._read = True
        return change

    def revert(self) -> Change:
        def action(guard):
            return set_units(self.node_id, self.role, self.old, record=False, guard=guard)

        return undo_edit(lambda: self._guarded(action, self.after), self.history)


def keep_mine_command(hub: ChangeHub, error: ConflictError) -> NodeEditCommand:
    """保留我的修改 after an undo or redo met another clerk's newer save: a new edit that
    writes the values the step wanted (`error.mine`) over the version the user has now seen,
    recorded in 修改记录 like any edit."""
    theirs = error.theirs
    if theirs is None:
        raise ConflictError(error.node_id, error.mine, None)
    mine = error.mine
    if "leaders" in mine:
        command = SetLeadersCommand(
            hub, error.node_id, theirs.values.get("leaders"), mine["leaders"]
        )
    elif "lead_units" in mine or "support_units" in mine:
        role = "lead" if "lead_units" in mine else "support"
        key = "lead_units" if role == "lead" else "support_units"
        command = SetUnitsCommand(hub, error.node_id, role, theirs.values.get(key), mine[key])
    else:
        text = field_edit_text(error.kind, next(iter(mine)))
        command = UpdateNodeCommand(hub, error.node_id, theirs.values, mine, text)
    command.rebase(theirs)
    return command


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
