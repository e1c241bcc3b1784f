"""文件 → 备份… / 恢复备份…: the ledger's backups with date, kind and task count; 立即备份;
更改文件夹… keeps backups in another folder (a USB stick, a share: desktop/ui/backup_folder.py);
restoring one puts the current contents aside as a backup (`before-restore`), then the
window reopens the database and shows what was restored.

The copying itself is db/backup.py's (SQLite's backup API, verified before it is kept).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.backup import BackupError, BackupInfo, backup_folder, backup_now, list_backups
from db.backup import restore_backup as restore_ledger
from db.database import DatabaseOpenError, close_database, open_database
from db.errors import os_message
from desktop.ui.backup_folder import chosen_folder, folder_for, set_chosen_folder, window_settings
from desktop.ui.worker import Cancelled, Worker

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger("ledger.backup")

#: What a backup's label (between the ledger's name and its time) means to the user.
KIND_LABELS = {
    "": "自动备份",
    "manual": "手动备份",
    "before-import": "导入前",
    "before-restore": "恢复前",
    "before-feedback": "合并反馈前",
}
_STAMP_TAIL = re.compile(r"-\d{8}-\d{6}\.db$")


def backup_kind(info: BackupInfo, db_path: Path) -> str:
    """自动备份, 导入前, 升级前 … from the backup's file name."""
    middle = _STAMP_TAIL.sub("", info.path.name)[len(Path(db_path).stem) :].lstrip("-")
    if middle.startswith("before-upgrade"):
        return "升级前"
    return KIND_LABELS.get(middle, middle)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def choose_folder(parent: QWidget | None, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "选择备份文件夹", str(start))
    return Path(chosen) if chosen else None


class BackupDialog(QDialog):
    """The list of backups of the window's ledger, and what can be done with them."""

    COLUMNS = ("时间", "类型", "任务数", "大小", "文件名")

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.db_path = Path(window.db_path)
        # (parent, title, text) → bool / None; replaced in tests to answer for the user.
        self.confirm: Callable[[QWidget | None, str, str], bool] = confirm
        self.tell: Callable[[QWidget | None, str, str], None] = tell
        self.choose_folder: Callable[[QWidget | None, Path], Path | None] = choose_folder
        self.settings = window_settings(window)
        self.backups: list[BackupInfo] = []
        self.setWindowTitle("备份与恢复")
        self.resize(720, 420)

        intro = QLabel(
            "程序在数据库有改动时自动备份（至多每 30 分钟一次，退出时和导入前也备份），"
            "保留最近 7 天、4 周和 12 个月的备份。"
        )
        intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton("更改文件夹…")
        self.folder_button.setToolTip("把备份保存到其他文件夹，例如 U 盘或共享文件夹")
        self.default_button = QPushButton("恢复默认")
        self.default_button.setToolTip(f"备份到数据库旁的文件夹：{backup_folder(self.db_path)}")
        self.folder_button.clicked.connect(lambda _checked=False: self.change_folder())
        self.default_button.clicked.connect(lambda _checked=False: self.use_default_folder())
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.default_button)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_enabled)

        self.backup_button = QPushButton("立即备份")
        self.restore_button = QPushButton("恢复所选备份…")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    @property
    def read_only(self) -> bool:
        return bool(getattr(self.window_, "read_only", False))

    @property
    def folder(self) -> Path:
        """Where backups go (and are listed from) now."""
        return folder_for(self.db_path, self.settings)

    def refresh(self) -> None:
        folder, chosen = self.folder, chosen_folder(self.settings)
        text = f"备份文件夹：{folder}"
        if chosen is not None and Path(chosen) != folder:
            text += f"\n（所选文件夹“{chosen}”现在不可用，暂时备份到这里）"
        self.folder_label.setText(text)
        self.default_button.setEnabled(chosen is not None)
        self.backups = list_backups(self.db_path, folder)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            tasks = "无法读取" if info.tasks is None else str(info.tasks)
            cells = (
                f"{info.created:%Y-%m-%d %H:%M:%S}",
                backup_kind(info, self.db_path),
                tasks,
                _size_text(info.size),
                info.path.name,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self._update_enabled()

    def selected(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.backups[min(rows)] if rows else None

    def _update_enabled(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self.read_only)

    # ----- actions -----------------------------------------------------------------------
    def back_up_now(self) -> Path | None:
        """立即备份 (in a worker: a big ledger takes seconds); the new file, or None."""
        self.window_.runner.flush()
        folder = self.folder
        try:
            made = Worker(
                self,
                "备份",
                "正在备份数据库…",
                lambda worker: backup_now(self.db_path, "manual", worker.report, folder),
            ).run()
        except Cancelled:
            return None
        except BackupError as error:
            self.tell(self, "备份未完成", str(error))
            return None
        log.info("manual backup written: %s", made)
        self.refresh()
        return made

    def change_folder(self) -> Path | None:
        """更改文件夹…: the folder chosen (kept in the settings), or None when cancelled."""
        chosen = self.choose_folder(self, self.folder)
        if chosen is None:
            return None
        try:
            chosen.mkdir(exist_ok=True)
            probe = chosen / ".ledger-write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as error:
            self.tell(self, "备份文件夹", f"无法在“{chosen}”中保存备份：{os_message(error)}")
            return None
        set_chosen_folder(self.settings, chosen)
        log.info("backup folder set to %s", chosen)
        self.refresh()
        return chosen

    def use_default_folder(self) -> None:
        """恢复默认: back up beside the database again."""
        set_chosen_folder(self.settings, None)
        self.refresh()

    def restore_selected(self) -> Path | None:
        """Restore the selected backup after the user confirms; where the replaced contents
        were kept, or None."""
        info = self.selected()
        if info is None or self.read_only:
            return None
        tasks = "" if info.tasks is None else f"（{info.tasks} 项任务）"
        question = (
            f"用 {info.created:%Y-%m-%d %H:%M} 的备份{tasks}替换当前数据库的内容吗？\n"
            "当前内容会先另存为一个“恢复前”备份，需要时可以再恢复回来。"
        )
        if not self.confirm(self, "恢复备份", question):
            return None
        try:
            aside = restore_into_window(self.window_, info.path)
        except BackupError as error:
            self.tell(self, "恢复未完成", str(error))
            self.refresh()
            return None
        self.tell(
            self,
            "已恢复备份",
            f"已恢复 {info.created:%Y-%m-%d %H:%M} 的备份。恢复前的内容已另存为“{aside.name}”。",
        )
        self.refresh()
        return aside


def restore_into_window(window: MainWindow, backup: Path) -> Path:
    """Close the window's database, restore `backup` over it, open it again and reload
    every view; returns where the previous contents went.  Raises BackupError (the ledger
    is then reopened unchanged)."""
    window.runner.flush()
    db_path = Path(window.db_path)
    close_database()  # the instance lock too: restore refuses a ledger a window holds
    failure: BackupError | None = None
    aside = db_path
    try:
        aside = restore_ledger(backup, db_path)
    except BackupError as error:
        failure = error
    try:
        open_database(db_path, single_window=True)
    except DatabaseOpenError as error:
        raise BackupError(f"{error}；请关闭程序后重新打开") from error
    window.undo_stack.clear()  # the steps refer to contents that are gone
    window.runner.reload()
    if failure is not None:
        raise failure
    log.info("backup %s restored; previous contents in %s", backup, aside)
    return aside


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, size // 1024)} KB"


def open_backups(window: MainWindow) -> BackupDialog:
    window.runner.flush()
    dialog = BackupDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install_backup_menu(window: MainWindow) -> tuple[QAction, QAction]:
    """文件 → 备份… and 恢复备份…, above 退出."""
    backup = QAction("备份…", window)
    restore = QAction("恢复备份…", window)
    backup.triggered.connect(lambda _checked=False: open_backups(window))
    restore.triggered.connect(lambda _checked=False: _open_for_restore(window))
    quit_action = window.actions.quit
    file_menu = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.menu() is not None and quit_action in action.menu().actions()
    )
    separator = file_menu.insertSeparator(quit_action)
    file_menu.insertActions(separator, [backup, restore])
    window.backup_actions = (backup, restore)
    return backup, restore


def _open_for_restore(window: MainWindow) -> None:
    dialog = open_backups(window)
    dialog.restore_button.setFocus()
