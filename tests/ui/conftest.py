from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window settings in a temporary ini file, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, database, db_path, settings):
    """Opens a main window on the test database; closed at the end of the test."""
    from desktop.ui.main_window import MainWindow

    def make(**kwargs):
        window = MainWindow(db_path, settings=kwargs.pop("settings", settings), **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window)
        return window

    return make


@pytest.fixture(autouse=True)
def no_export_done_message(monkeypatch):
    """The modal "已导出" message after a window export would wait for a click forever in a
    test; tests of the message itself call desktop.ui.export_done directly."""
    from desktop.ui import window_links

    monkeypatch.setattr(window_links, "show_export_done", lambda parent, paths: None)


@pytest.fixture
def memory_store():
    from desktop import credentials
    from tests.helpers.credentials import MemoryStore

    store = MemoryStore()
    credentials.use_store(store)
    yield store
    credentials.reset_store()
