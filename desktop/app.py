"""QApplication set-up and the main window wiring."""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME
from desktop.paths import APPLICATION, ORGANIZATION
from desktop.qt_safety import unsafe_binding_message
from desktop.smoke import schedule_quit_from_environment


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings), Chinese Qt texts and the window icon."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    if not getattr(app, "_ledger_translator", None):
        from desktop.ui.qt_chinese import install_chinese

        app._ledger_translator = install_chinese(app)
    from desktop.ui.icons import icon

    app.setWindowIcon(icon("app"))
    return app


def run_window(db_path: Path) -> int:
    """Open the database at `db_path` and show the main window until it is closed."""
    from db.database import DatabaseOpenError, close_database, open_database

    refusal = unsafe_binding_message(PySide6.__version__)
    if refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 1
    app = create_application()
    try:
        open_database(db_path)
    except DatabaseOpenError as error:
        QMessageBox.critical(None, f"{APP_NAME} — 无法打开数据库", str(error))
        return 1
    from desktop.ui.main_window import MainWindow

    window = MainWindow(db_path)
    window.show()
    schedule_quit_from_environment(app)  # LEDGER_QUIT_AFTER_MS: scripted start-and-quit
    try:
        return app.exec()
    finally:
        close_database()
