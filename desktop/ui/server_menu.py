"""The window on a server ledger (the 网络版): what replaces the file-only safety (backups,
the network-share warning), and switching the window between a server and the local file.

A switch restarts the window cleanly: pending edits are saved (the runner's flush), the
window closes with `switch_request` set, and desktop/app.py opens the other ledger and a new
window on it — or the previous ledger again when the other cannot be opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from db.location import Location, LocationError, ServerLocation, parse_server_address
from desktop.ui.external_changes import ExternalChanges

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

BACKUP_TEXT = (
    "这个台账保存在数据库服务器上，由服务器管理员在服务器上用 pg_dump 定期备份"
    "（见说明书“管理员”一节）；本程序不在本机备份服务器数据库，也不能从本机恢复。\n"
    "如需把台账另存一份，可用命令 python -m desktop copy 复制到本机数据库文件。"
)
READ_ONLY_BANNER = (
    "当前登录“{login}”只能查看台账，不能修改（权限由服务器管理员分配）。"
    "如需修改，请用有编辑权限的登录名重新连接。"
)


@dataclass(frozen=True)
class SwitchRequest:
    """Where the window goes next; `remember` is the 记住密码 choice for a server (None:
    leave what is kept as it is)."""

    location: Location
    remember: bool | None = None


LAST_KEY = "servers/open_at_start"


def last_server(settings: QSettings) -> ServerLocation | None:
    """The server the window was last closed on (opened again at the next plain start)."""
    text = settings.value(LAST_KEY, "")
    if not text:
        return None
    try:
        return parse_server_address(str(text))
    except LocationError:
        return None


def remember_last(settings: QSettings, location: Location) -> None:
    """The window closed on `location`: a server opens again next time, a file forgets it."""
    if isinstance(location, ServerLocation):
        settings.setValue(LAST_KEY, location.display())
    else:
        settings.remove(LAST_KEY)
    settings.sync()


def _tell(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


#: (parent, title, text) → None; replaced in tests to read what the user would see.
tell: Callable[[QWidget | None, str, str], None] = _tell


def install_server_safety(window: MainWindow) -> None:
    """On a server: other clerks' changes shown as they commit, and 备份… / 恢复备份… that
    say who backs the server up."""
    window.auto_backup = None
    window.external_changes = ExternalChanges(window)
    backup = QAction("备份…", window)
    restore = QAction("恢复备份…", window)
    for action in (backup, restore):
        action.triggered.connect(
            lambda _checked=False: tell(window, "服务器数据库的备份", BACKUP_TEXT)
        )
    quit_action = window.actions.quit
    file_menu = window.actions.file_menu
    separator = file_menu.insertSeparator(quit_action)
    file_menu.insertActions(separator, [backup, restore])
    window.backup_actions = (backup, restore)
    hide_clerk_name(window)
    from desktop.ui.server_connection import install_reconnect

    window.reconnector = install_reconnect(window)


def hide_clerk_name(window: MainWindow) -> None:
    """台账 → 经办人… names the clerk of a file; on a server the login is the clerk."""
    clerk = getattr(window.ledger_menu, "clerk", None)
    if clerk is not None:
        clerk.setVisible(False)


def switch_to(window: MainWindow, request: SwitchRequest) -> None:
    """Save what is typed, then close the window so the program opens `request.location`."""
    window.runner.flush()
    window.switch_request = request
    window.close()


def connect_server(window: MainWindow) -> bool:
    """文件 → 连接服务器数据库…: ask where, then switch; True when a switch started."""
    from desktop.ui.server_dialog import ask_server

    window.runner.flush()
    current = window.location if isinstance(window.location, ServerLocation) else None
    answer = ask_server(window, window.settings, current)
    if answer is None:
        return False
    location, remember = answer
    switch_to(window, SwitchRequest(location, remember))
    return True


def _choose_file(parent: QWidget, folder: str) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "打开数据库文件", folder, "台账数据库 (*.db *.sqlite);;所有文件 (*)"
    )
    return path


#: (parent, folder) → the chosen path or ""; replaced in tests.
choose_file: Callable[[QWidget, str], str] = _choose_file


def open_database_file(window: MainWindow) -> bool:
    """文件 → 打开数据库文件…: another SQLite ledger in this window; True when a switch started."""
    from desktop.paths import default_database_path

    window.runner.flush()
    start = window.db_path or default_database_path()
    chosen = choose_file(window, str(Path(start).parent))
    if not chosen or (window.db_path is not None and Path(chosen) == window.db_path):
        return False
    switch_to(window, SwitchRequest(Path(chosen)))
    return True


def open_local_file(window: MainWindow) -> None:
    """文件 → 改用本机数据库文件: back to the file in the user's data folder."""
    from desktop.paths import default_database_path

    switch_to(window, SwitchRequest(default_database_path()))


def show_read_only_banner(window: MainWindow, login: str) -> QLabel:
    """A login that may only read: the read-only window of desktop/ui/read_only.py (every
    editing widget and action off), its yellow line naming the login.  The server refuses
    a change anyway: this spares the clerk typing in vain."""
    from desktop.ui.read_only import apply_read_only

    apply_read_only(window, window.location.display())
    window.read_only_banner.setText(READ_ONLY_BANNER.format(login=login))
    window.status_database.setText(f"服务器：{window.location.display()}（只读）")
    return window.read_only_banner
