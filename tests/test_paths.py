"""desktop.paths agrees with QStandardPaths, so the CLI and the window use one database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from desktop.app import create_application
from desktop.paths import (
    APPLICATION,
    DATABASE_NAME,
    ORGANIZATION,
    data_dir,
    default_database_path,
)


@pytest.fixture
def named_app(qapp):
    """The QApplication with the names desktop.app gives it, restored afterwards."""
    saved = (qapp.organizationName(), qapp.applicationName(), qapp.applicationDisplayName())
    app = create_application()
    yield app
    app.setOrganizationName(saved[0])
    app.setApplicationName(saved[1])
    app.setApplicationDisplayName(saved[2])


def test_data_dir_matches_qt_app_data_location(named_app, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    qt_location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert Path(qt_location) == data_dir()
    if sys.platform.startswith("linux"):
        assert data_dir() == tmp_path / ORGANIZATION / APPLICATION
    assert default_database_path() == data_dir() / DATABASE_NAME
