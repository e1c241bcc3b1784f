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
    from db.backup import start_daily_backup
    from db.database import DatabaseOpenError, close_database, open_database

    refusal = unsafe_binding_message(PySide6.__version__)
    if refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 1
    app = create_application()
    try:
        open_database(db_path, single_window=True)
    except DatabaseOpenError as error:
        QMessageBox.critical(None, f"{APP_NAME} — 无法打开数据库", str(error))
        return 1
    start_daily_backup(db_path)
    from desktop.logs import install_excepthooks, setup_logging
    from desktop.ui.main_window import MainWindow

    setup_logging(db_path)
    window = MainWindow(db_path)
    restore_hooks = install_excepthooks(lambda error: show_unexpected_error(window))
    window.show()
    schedule_quit_from_environment(app)  # LEDGER_QUIT_AFTER_MS: scripted start-and-quit
    from desktop.ui.ledger_menu import ask_clerk_if_needed

    ask_clerk_if_needed(window)  # first interactive start only; never in scripted runs
    try:
        return app.exec()
    finally:
        restore_hooks()
        close_database()


_showing_error = False


def show_unexpected_error(parent) -> None:
    """The "程序出错" dialog for an exception nothing caught (already in the log)."""
    global _showing_error
    if _showing_error:  # an error while the dialog is open: logged, not shown twice
        return
    from desktop.ui.command_runner import bug_text, show_bug

    _showing_error = True
    try:
        show_bug(parent, "程序出错", bug_text("完成刚才的操作"))
    finally:
        _showing_error = False
