"""QApplication set-up and the main window wiring."""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
from PySide6.QtWidgets import QApplication

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
    """Open the database at `db_path` and show the main window until it is closed.

    A damaged ledger or one another window holds is talked through first
    (desktop/ui/recovery.py); the program ends when the user chooses 退出."""
    from db.backup import start_daily_backup
    from db.database import close_database

    refusal = unsafe_binding_message(PySide6.__version__)
    if refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 1
    app = create_application()
    from desktop.ui.recovery import open_for_window

    opened = open_for_window(db_path)
    if opened is None:
        return 1
    from desktop.ui.backup_folder import folder_for

    if not opened.read_only:
        start_daily_backup(db_path, folder=folder_for(db_path))
    from desktop.logs import install_excepthooks, setup_logging
    from desktop.ui.main_window import MainWindow

    setup_logging(db_path)
    window = MainWindow(db_path)
    finish_window_start(window, db_path, read_only=opened.read_only, holder=opened.holder)
    restore_hooks = install_excepthooks(lambda error: show_unexpected_error(window))
    window.show()
    schedule_quit_from_environment(app)  # LEDGER_QUIT_AFTER_MS: scripted start-and-quit
    from desktop.ui.ledger_menu import ask_clerk_if_needed

    ask_clerk_if_needed(window)  # first interactive start only; never in scripted runs
    try:
        return app.exec()
    finally:
        restore_hooks()
        auto = getattr(window, "auto_backup", None)
        if auto is not None and auto.thread is not None:
            auto.thread.join(timeout=60)  # one backup at a time
        close_database()  # first: the backup then sees the file with its WAL folded in
        if not opened.read_only:
            backup_on_exit(db_path, folder_for(db_path))


def finish_window_start(window, db_path: Path, read_only: bool, holder: str = "") -> None:
    """What the window needs from how it was opened: read-only (every editing widget and
    action off, a banner saying why), or the beacon a second start on this computer calls
    to bring this window forward."""
    if read_only:
        from desktop.ui.read_only import apply_read_only

        apply_read_only(window, db_path, holder)
        return
    from desktop.ui.single_instance import WindowBeacon

    window.beacon = WindowBeacon(window, db_path)


def backup_on_exit(db_path: Path, folder: Path | None = None) -> Path | None:
    """A backup when the ledger changed since the last one (a few seconds at most for a
    big ledger); a failure is logged, never shown: the window is already gone."""
    import logging
    from datetime import timedelta

    from db.backup import BackupError, backup_if_changed

    try:
        return backup_if_changed(db_path, min_interval=timedelta(0), folder=folder)
    except BackupError as error:
        logging.getLogger("ledger.backup").warning("退出时的备份未完成：%s", error)
    except Exception:  # noqa: BLE001 - closing must not fail because of a backup
        logging.getLogger("ledger.backup").exception("backup on exit failed")
    return None


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
