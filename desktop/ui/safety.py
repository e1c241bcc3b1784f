"""Everything the window does so that nothing is lost, installed by one call from the
main window: 文件 → 备份… / 恢复备份… (backup_dialog.py), backups when the ledger changed
(auto_backup.py), and what other programs write shown as it is committed
(external_changes.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.auto_backup import AutoBackup
from desktop.ui.backup_dialog import install_backup_menu
from desktop.ui.external_changes import ExternalChanges

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_safety(window: MainWindow) -> None:
    install_backup_menu(window)
    window.auto_backup = AutoBackup(window)
    window.external_changes = ExternalChanges(window)
