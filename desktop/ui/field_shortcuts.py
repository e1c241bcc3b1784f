"""Window shortcuts that work while the cursor is in a text field.

A QLineEdit (and a text box, a spin box) claims some key combinations for itself through
ShortcutOverride: on Linux desktops Ctrl+E moves to the end of the line, Ctrl+Z undoes typing.
The window's shortcut then never fires.  This filter gives such a combination back to the
window when one of the window's actions uses it; only undo and redo stay with the field while
the field has typing of its own to undo or redo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

FIELD_TYPES = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
_NEEDS_CHORD = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class FieldShortcuts(QObject):
    """Watches the text fields of one window and lets its actions' shortcuts through."""

    def __init__(self, window: QWidget, undo: QAction | None = None, redo: QAction | None = None):
        super().__init__(window)
        self.window = window
        self.undo, self.redo = undo, redo
        self._watched: set[int] = set()

    def watch_children(self, root: QWidget | None = None) -> None:
        """Watch every text field under `root` (the window by default) not yet watched."""
        root = root or self.window
        for field_type in FIELD_TYPES:
            for field in root.findChildren(field_type):
                self.watch(field)

    def watch(self, field: QWidget) -> None:
        if id(field) not in self._watched:
            self._watched.add(id(field))
            field.installEventFilter(self)

    def action_for(self, event: QKeyEvent) -> QAction | None:
        """The enabled window action whose shortcut is the key combination of `event`."""
        key = event.key()
        chord = bool(event.modifiers() & _NEEDS_CHORD)
        if not chord and not Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35:
            return None  # plain typing always belongs to the field
        pressed = QKeySequence(event.keyCombination())
        for action in self.window.findChildren(QAction):
            if action.shortcutContext() not in (
                Qt.ShortcutContext.WindowShortcut,
                Qt.ShortcutContext.ApplicationShortcut,
            ):
                continue
            if action.isEnabled() and any(s == pressed for s in action.shortcuts()):
                return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        action = self.action_for(event)
        if action is None or self._field_keeps(watched, action):
            return False
        event.ignore()  # not overridden: the shortcut map now triggers the window's action
        return True

    def _field_keeps(self, field: QObject, action: QAction) -> bool:
        """Undo and redo act on the field's own typing first, as in any editor."""
        if action is self.undo:
            return _can(field, "isUndoAvailable")
        if action is self.redo:
            return _can(field, "isRedoAvailable")
        return False


def _can(field: QObject, check: str) -> bool:
    if isinstance(field, QAbstractSpinBox):
        field = field.findChild(QLineEdit) or field
    if isinstance(field, QPlainTextEdit | QTextEdit):
        document = field.document()
        return (
            document.isUndoAvailable() if check == "isUndoAvailable" else document.isRedoAvailable()
        )
    method = getattr(field, check, None)
    return bool(method()) if method is not None else False
