"""Everything the window does so that nothing is lost, installed by one call from the
main window: 文件 → 备份… / 恢复备份… (backup_dialog.py), backups when the ledger changed
(auto_backup.py), and what other programs write shown as it is committed
(external_changes.py), and a one-time warning for a ledger on a network share
(network_warning.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.auto_backup import AutoBackup
from desktop.ui.backup_dialog import install_backup_menu
from desktop.ui.external_changes import ExternalChanges
from desktop.ui.network_warning import schedule_network_warning

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_safety(window: MainWindow) -> None:
    if window.is_server:  # the administrator backs the server up; no file to watch
        from desktop.ui.server_menu import install_server_safety

        install_server_safety(window)
        return
    install_backup_menu(window)
    window.auto_backup = AutoBackup(window)
    window.external_changes = ExternalChanges(window)
    schedule_network_warning(window)
