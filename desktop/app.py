"""QApplication set-up and the main window wiring."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from db.location import Location, ServerLocation, describe
from desktop import APP_NAME
from desktop.paths import APPLICATION, ORGANIZATION
from desktop.qt_safety import unsafe_binding_message
from desktop.smoke import schedule_quit_from_environment


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings), Chinese Qt texts and the window icon;
    Python's cycle collector pauses until the event loop first runs (pause_collection)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    pause_collection()
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    if not getattr(app, "_ledger_translator", None):
        from desktop.ui.qt_chinese import install_chinese

        app._ledger_translator = install_chinese(app)
        from desktop.ui.chinese_font import use_chinese_font

        use_chinese_font(app)
    from desktop.ui.icons import icon

    app.setWindowIcon(icon("app"))
    return app


def pause_collection() -> None:
    """Pause the cycle collector until the event loop first runs: the start (the window's
    modules, Qt's enums, the tree) allocates much and leaves hardly any cyclic garbage, yet
    made about 80 young-generation collections, 20–30 ms before the first paint at 10,000
    tasks.  Resumed, the collector takes what the start built as permanent (gc.freeze), or
    its first collection would go through all of it at once, at the first paint.  Nothing is
    done when the collector is paused already (its owner resumes it)."""
    if not gc.isenabled():
        return
    gc.disable()
    QTimer.singleShot(0, _resume_collection)


def _resume_collection() -> None:
    gc.freeze()
    gc.enable()


def run_window(
    location: Location, follow_last: bool = False, settings: QSettings | None = None
) -> int:
    """Open the ledger at `location` (a SQLite file or a server) and show the main window
    until it is closed.

    A damaged ledger or one another window holds is talked through first
    (desktop/ui/recovery.py), a server's password asked for (desktop/ui/server_open.py);
    the program ends when the user chooses 退出.  文件 → 连接服务器数据库… closes the window
    with a switch request: the other ledger opens in a new window (the previous one again
    when it cannot be opened).  `follow_last` (no `--db` given): a window last closed on a
    server opens on that server again, falling back to `location` when it cannot."""
    refusal = unsafe_binding_message(PySide6.__version__)
    if refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 1
    app = create_application()
    from desktop.ui.server_menu import SwitchRequest, last_server, remember_last

    settings = settings if settings is not None else QSettings()
    request, previous = SwitchRequest(location), None
    server = last_server(settings) if follow_last else None
    if server is not None:
        request, previous = SwitchRequest(server), request
    while True:
        opened = open_for_window(request, settings)
        if opened is None:
            if previous is None:
                return 1
            request, previous = previous, None  # back to the ledger the window showed
            continue
        code, switch = _show_window(app, request.location, opened)
        if switch is None:
            remember_last(settings, request.location)
            return code
        request, previous = switch, SwitchRequest(request.location)


def open_for_window(request, settings: QSettings | None = None):
    """Open what a SwitchRequest names for the window: recovery.Opened, or None."""
    if isinstance(request.location, ServerLocation):
        from desktop.ui.server_open import open_server_for_window

        return open_server_for_window(
            request.location,
            remember=request.remember,
            settings=settings if settings is not None else QSettings(),
        )
    from desktop.ui.recovery import open_for_window as open_file

    return open_file(request.location)


def _show_window(app: QApplication, location: Location, opened) -> tuple[int, object]:
    """One window on the open ledger until it closes; (exit code, switch request or None)."""
    from db.backup import start_daily_backup
    from db.database import close_database
    from desktop.logs import install_excepthooks, setup_logging
    from desktop.ui.main_window import MainWindow

    file = not isinstance(location, ServerLocation)
    folder: Path | None = None
    if file:
        from desktop.ui.backup_folder import folder_for

        folder = folder_for(location)
        if not opened.read_only:
            start_daily_backup(location, folder=folder)
    setup_logging(describe(location))  # logs stay in the local data folder
    window = MainWindow(location)
    finish_window_start(window, location, opened.read_only, getattr(opened, "holder", ""))
    restore_hooks = install_excepthooks(lambda error: show_unexpected_error(window))
    window.show()
    schedule_quit_from_environment(app)  # LEDGER_QUIT_AFTER_MS: scripted start-and-quit
    from desktop.ui.ledger_menu import ask_clerk_if_needed

    ask_clerk_if_needed(window)  # first interactive start on a file only; never scripted
    try:
        code = app.exec()
    finally:
        restore_hooks()
        auto = getattr(window, "auto_backup", None)
        if auto is not None and auto.thread is not None:
            auto.thread.join(timeout=60)  # one backup at a time
        close_database()  # first: the backup then sees the file with its WAL folded in
        if file and not opened.read_only:
            backup_on_exit(location, folder)
    switch = window.switch_request
    window.deleteLater()
    return code, switch


def finish_window_start(window, location: Location, read_only: bool, holder: str = "") -> None:
    """What the window needs from how it was opened: read-only marks (a file another
    window edits, a login that may only read), or the beacon a second start on this
    computer calls to bring this window forward (a file only)."""
    if isinstance(location, ServerLocation):
        if read_only:
            from desktop.ledger.clerk import current_clerk
            from desktop.ui.server_menu import show_read_only_banner

            show_read_only_banner(window, current_clerk())
        return
    if read_only:
        from desktop.ui.read_only import apply_read_only

        apply_read_only(window, location, holder)
        return
    from desktop.ui.single_instance import WindowBeacon

    window.beacon = WindowBeacon(window, location)


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
