"""QApplication set-up and the main window wiring."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow

from desktop import APP_NAME
from desktop.paths import APPLICATION, ORGANIZATION
from desktop.smoke import schedule_quit_from_environment


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    return app


def run_window(db_path: Path) -> int:
    app = create_application()
    window = QMainWindow()
    window.setWindowTitle(f"{APP_NAME} — {db_path.name}")
    window.show()
    schedule_quit_from_environment(app)  # LEDGER_QUIT_AFTER_MS: scripted start-and-quit
    return app.exec()
