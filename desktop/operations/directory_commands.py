"""Undo commands over the directory operations (人员与单位).

Each command runs its operation in do() and the inverse in revert(); a redo after an undo
puts rows back with the ids they had, so later commands on the stack still find them.
"""

from __future__ import annotations

from db.models import database
from desktop.operations import Change, before
from desktop.operations import directories as ops
from desktop.operations.undo import ChangeHub, OperationCommand


class AddUnit(OperationCommand):
    def __init__(self, hub: ChangeHub, name: str, aliases: list[str] | None = None) -> None:
        super().__init__(hub, f"新增单位“{name.strip()}”")
        self.name, self.aliases = name, list(aliases or [])
        self.unit_id: int | None = None
        self._snapshot: ops.UnitSnapshot | None = None

    def do(self) -> Change:
        if self._snapshot is not None:
            return ops.restore_unit(self._snapshot)
        self.unit_id, change = ops.add_unit(self.name, self.aliases)
        return change

    def revert(self) -> Change:
        self._snapshot, change = ops.delete_unit(self.unit_id)
        return change


class RenameUnit(OperationCommand):
    def __init__(self, hub: ChangeHub, unit_id: int, old_name: str, new_name: str) -> None:
        super().__init__(hub, f"重命名单位“{old_name}”")
        self.unit_id, self.old_name, self.new_name = unit_id, old_name, new_name
        self._read = False

    def do(self) -> Change:
        if self._read:
            return ops.rename_unit(self.unit_id, self.new_name)
        with database.atomic():  # undo puts back the stored name, not the caller's
            self.old_name = before.unit_name(self.unit_id)
            change = ops.rename_unit(self.unit_id, self.new_name)
        self._read = True
        return change

    def revert(self) -> Change:
        return ops.rename_unit(self.unit_id, self.old_name)


class SetUnitAliases(OperationCommand):
    def __init__(self, hub: ChangeHub, unit_id: int, name: str, aliases: list[str]) -> None:
        super().__init__(hub, f"设置“{name}”的别名")
        self.unit_id, self.aliases = unit_id, aliases
        self._old: list[str] = []

    def do(self) -> Change:
        self._old, change = ops.set_unit_aliases(self.unit_id, self.aliases)
        return change

    def revert(self) -> Change:
        _, change = ops.set_unit_aliases(self.unit_id, self._old)
        return change


class MergeUnits(OperationCommand):
    def __init__(self, hub: ChangeHub, keep_id: int, drop_id: int, keep: str, drop: str) -> None:
        super().__init__(hub, f"合并单位“{drop}”到“{keep}”")
        self.keep_id, self.drop_id = keep_id, drop_id
        self._merge: ops.UnitMerge | None = None

    def do(self) -> Change:
        self._merge, change = ops.merge_units(self.keep_id, self.drop_id)
        return change

    def revert(self) -> Change:
        return ops.unmerge_units(self._merge)


class DeleteUnit(OperationCommand):
    def __init__(self, hub: ChangeHub, unit_id: int, name: str) -> None:
        super().__init__(hub, f"删除单位“{name}”")
        self.unit_id = unit_id
        self._snapshot: ops.UnitSnapshot | None = None

    def do(self) -> Change:
        self._snapshot, change = ops.delete_unit(self.unit_id)
        return change

    def revert(self) -> Change:
        return ops.restore_unit(self._snapshot)


class _PersonEditCommand(OperationCommand):
    """add_person / update_person: undo reverts the edit, redo writes back the same rows."""

    def __init__(self, hub: ChangeHub, text: str) -> None:
        super().__init__(hub, text)
        self.edit: ops.PersonEdit | None = None
        self._after: dict | None = None
        self._created_unit: dict | None = None

    def first_run(self) -> tuple[ops.PersonEdit, Change]:
        raise NotImplementedError

    def do(self) -> Change:
        if self.edit is not None and self._after is not None:
            return ops.redo_person_edit(self.edit, self._after, self._created_unit)
        self.edit, change = self.first_run()
        self._after = ops.person_row(self.edit.person_id)
        if self.edit.created_unit is not None:
            self._created_unit = ops.unit_row(self.edit.created_unit)
        return change

    def revert(self) -> Change:
        return ops.revert_person_edit(self.edit)


class AddPerson(_PersonEditCommand):
    def __init__(self, hub: ChangeHub, name: str, post: str = "", unit: str = "") -> None:
        super().__init__(hub, f"新增人员“{name.strip()}”")
        self.name, self.post, self.unit = name, post, unit

    def first_run(self) -> tuple[ops.PersonEdit, Change]:
        return ops.add_person(self.name, self.post, self.unit)

    @property
    def person_id(self) -> int | None:
        return self.edit.person_id if self.edit is not None else None


class UpdatePerson(_PersonEditCommand):
    """Set post and/or unit (None leaves a field as it is)."""

    def __init__(
        self,
        hub: ChangeHub,
        person_id: int,
        name: str,
        post: str | None = None,
        unit: str | None = None,
    ) -> None:
        what = "职务" if unit is None else "所在单位" if post is None else "职务和单位"
        super().__init__(hub, f"修改“{name}”的{what}")
        self.person_id, self.post, self.unit = person_id, post, unit

    def first_run(self) -> tuple[ops.PersonEdit, Change]:
        return ops.update_person(self.person_id, post=self.post, unit=self.unit)


class RenamePerson(OperationCommand):
    def __init__(self, hub: ChangeHub, person_id: int, old_name: str, new_name: str) -> None:
        super().__init__(hub, f"重命名人员“{old_name}”")
        self.person_id, self.old_name, self.new_name = person_id, old_name, new_name
        self._read = False

    def do(self) -> Change:
        if self._read:
            return ops.rename_person(self.person_id, self.new_name)
        with database.atomic():
            self.old_name = before.person_name(self.person_id)
            change = ops.rename_person(self.person_id, self.new_name)
        self._read = True
        return change

    def revert(self) -> Change:
        return ops.rename_person(self.person_id, self.old_name)


class MergePeople(OperationCommand):
    def __init__(self, hub: ChangeHub, keep_id: int, drop_id: int, keep: str, drop: str) -> None:
        super().__init__(hub, f"合并人员“{drop}”到“{keep}”")
        self.keep_id, self.drop_id = keep_id, drop_id
        self._merge: ops.PersonMerge | None = None

    def do(self) -> Change:
        self._merge, change = ops.merge_people(self.keep_id, self.drop_id)
        return change

    def revert(self) -> Change:
        return ops.unmerge_people(self._merge)


class DeletePerson(OperationCommand):
    def __init__(self, hub: ChangeHub, person_id: int, name: str) -> None:
        super().__init__(hub, f"删除人员“{name}”")
        self.person_id = person_id
        self._row: dict | None = None

    def do(self) -> Change:
        self._row, change = ops.delete_person(self.person_id)
        return change

    def revert(self) -> Change:
        return ops.restore_person(self._row)
