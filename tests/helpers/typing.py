"""Typing Chinese into widgets the way an input method does (QTest.keyClicks is ASCII only)."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def commit_text(widget, text: str) -> None:
    """Insert `text` at the cursor of `widget` as an input method's committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
