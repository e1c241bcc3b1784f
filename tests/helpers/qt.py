"""Helpers for widget tests."""

from __future__ import annotations


def type_text(qtbot, widget, text: str) -> None:
    """Type `text` into `widget` as a user would: ASCII by key clicks, Chinese (and other
    non-ASCII text) as input-method commits, the way an IME delivers it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    run = ""
    for char in text + "\0":
        if char != "\0" and char.isascii() == (run[:1].isascii() if run else char.isascii()):
            run += char
            continue
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
        run = char
