"""The undo command of 重新编号 (desktop/operations/numbers.py)."""

from __future__ import annotations

from desktop.operations import Change
from desktop.operations.numbers import renumber_plan, restore_numbers
from desktop.operations.undo import ChangeHub, OperationCommand


class RenumberPlanCommand(OperationCommand):
    """重新编号: the plan's published numbers give way to numbers from the positions; undo
    puts them back, redo clears them again (each one transaction)."""

    def __init__(self, hub: ChangeHub, plan_id: int) -> None:
        super().__init__(hub, "重新编号")
        self.plan_id = plan_id
        self.old: dict[int, str] = {}

    def do(self) -> Change:
        self.old, change = renumber_plan(self.plan_id)
        return change

    def revert(self) -> Change:
        return restore_numbers(self.old)
