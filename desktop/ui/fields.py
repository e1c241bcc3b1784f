"""A multi-line editor field that reports when editing ends."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget


class CommitTextEdit(QPlainTextEdit):
    """A multi-line box that emits `editing_finished` when it loses focus after a change.
    Tab moves to the next field, as in a form."""

    editing_finished = Signal()

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        line = QFontMetrics(self.font()).lineSpacing()
        self._height = line * lines + 2 * self.frameWidth() + 10
        self.setMinimumHeight(self._height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._original = ""

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), self._height)

    def set_value(self, text: str) -> None:
        self._original = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def value(self) -> str:
        return self.toPlainText()

    def original(self) -> str:
        """The value last shown (what is saved)."""
        return self._original

    def set_original(self, text: str) -> None:
        self._original = text

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if self.toPlainText() != self._original:
            self.editing_finished.emit()
