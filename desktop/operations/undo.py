"""Undo and redo over operations: each command calls an operation and its inverse.

Views do not listen to the undo stack; they listen to `ChangeHub.changed`, which carries the
`Change` every operation reports, whether it ran first, was undone or was redone.
"""

from __future__ import annotations

from peewee import PeeweeException
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.operations import Change, OperationError


class ChangeHub(QObject):
    """Tells every view what an operation changed."""

    changed = Signal(object)  # Change
    failed = Signal(str)  # an undo or redo that could not be done, in Chinese


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
        dropped from the stack and the user told, instead of a traceback."""
        try:
            change = action()
        except (OperationError, PeeweeException) as error:
            self.setObsolete(True)
            self._hub.failed.emit(f"无法{verb}“{self.text()}”：{error}")
            return
        self._hub.changed.emit(change)


def run_command(stack: QUndoStack, command: OperationCommand) -> Change:
    """Run `command` once and push it only when it succeeded, so a refused action
    (OperationError, raised to the caller) leaves no entry on the stack."""
    change = command.do()
    command._ran = True
    stack.push(command)
    command._hub.changed.emit(change)
    return change
