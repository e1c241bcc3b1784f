"""A ledger on a network share gets a warning, once per ledger (QSettings remembers).

db/database.py already uses the rollback journal there (WAL needs shared memory a share
does not give); the user is told that a share is still riskier than the computer's own
disk, and where backups are better kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from db.database import is_network_path

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SETTINGS_GROUP = "network_warning"


def _tell(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


#: (parent, title, text) → None; replaced in tests to read what the user would see.
tell: Callable[[QWidget | None, str, str], None] = _tell


def warning_text(db_path: Path) -> str:
    return (
        f"数据库“{db_path.name}”位于网络共享文件夹中（{db_path.parent}）。\n"
        "程序已改用适合网络盘的写入方式，但网络断开时仍可能丢失正在保存的修改，甚至损坏数据库。"
        "建议把数据库放在本机硬盘上，网络盘只用来存放备份。\n此提示对这个数据库只显示一次。"
    )


def _key(db_path: Path) -> str:
    text = str(Path(db_path).resolve())
    return f"{SETTINGS_GROUP}/{hashlib.sha1(text.encode('utf-8')).hexdigest()[:20]}"


def warn_if_network(window: MainWindow) -> bool:
    """Show the warning when the window's ledger is on a share and it was not shown for
    this ledger before; True when shown."""
    if window.db_path is None:  # a server ledger: made for the network
        return False
    db_path = Path(window.db_path)
    if not is_network_path(db_path):
        return False
    key = _key(db_path)
    if window.settings.value(key, False, type=bool):
        return False
    window.settings.setValue(key, True)
    window.settings.sync()
    tell(window, "数据库在网络盘上", warning_text(db_path))
    return True


def schedule_network_warning(window: MainWindow) -> None:
    """Warn once the window is shown (a message before the window would stand alone)."""
    QTimer.singleShot(0, window, lambda: warn_if_network(window))
