"""Undo and redo over operations: each command calls an operation and its inverse.

Views do not listen to the undo stack; they listen to `ChangeHub.changed`, which carries the
`Change` every operation reports, whether it ran first, was undone or was redone.  Windows
run commands through `desktop.ui.command_runner.CommandRunner`, which owns the stack and the
hub and applies one error policy; `run_command` is the bare step it builds on.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.operations import Change


class ChangeHub(QObject):
    """Tells every view what an operation changed."""

    changed = Signal(object)  # Change
    # An undo or redo that could not be done: (its action, e.g. 撤销“修改任务名称”, the error).
    failed = Signal(str, object)


class OperationCommand(QUndoCommand):
    """Subclasses implement `do()` and `revert()`, each one operation returning a Change."""

    def __init__(self, hub: ChangeHub, text: str) -> None:
        super().__init__(text)
        self._hub = hub
        self._ran = False

    def do(self) -> Change:
        raise NotImplementedError

    def revert(self) -> Change:
        raise NotImplementedError

    def redo(self) -> None:
        if self._ran:  # the first run happened in run_command, before the push
            self._ran = False
            return
        self._step(self.do, "重做")

    def undo(self) -> None:
        self._step(self.revert, "撤销")

    def _step(self, action, verb: str) -> None:
        """Run an undo or redo; when it fails (its transaction rolled back) the command is
        dropped from the stack and the hub's `failed` tells the runner, which tells the user:
        an exception must not escape into Qt's undo stack."""
        try:
            change = action()
        except Exception as error:  # noqa: BLE001 - reported through the hub, never lost
            self.setObsolete(True)
            self._hub.failed.emit(f"{verb}“{self.text()}”", error)
            return
        self._hub.changed.emit(change)


def run_command(stack: QUndoStack, command: OperationCommand, origin: object = None) -> Change:
    """Run `command` once and push it only when it succeeded, so a refused action
    (OperationError, raised to the caller) leaves no entry on the stack.  The Change the
    views receive names `origin`, the object that started the edit."""
    return push_done(stack, command, command.do(), origin)


def push_done(
    stack: QUndoStack, command: OperationCommand, change: Change, origin: object = None
) -> Change:
    """Push `command` whose first run (its `do()`, perhaps in a worker) gave `change`."""
    if origin is not None:
        change = replace(change, origin=origin)
    command._ran = True
    stack.push(command)
    command._hub.changed.emit(change)
    return change
