"""A window that goes away before its first paint: the search's first-paint filter must not
call into a view that is being destroyed (an exception there crashed PySide6)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


def test_a_window_destroyed_before_its_first_paint_closes_quietly(
    qtbot, database, db_path, settings
):
    """pytest-qt fails the test on an exception raised inside the event filter."""
    from desktop.ui.main_window import MainWindow

    window = MainWindow(db_path, settings=settings)
    tree, viewport = window.tree, window.tree.viewport()
    assert not window.painted
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    assert not shiboken6.isValid(tree) and not shiboken6.isValid(viewport)
