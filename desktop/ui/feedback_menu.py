"""文件 → 反馈表: 导出反馈表… (one workbook per lead unit of the current plan) and
导入反馈表… (returned workbooks, shown in a preview before anything is saved, then applied
through the window's runner as one undo step).  Wired with one call,
`install_feedback_menu(window)`, after the window's menus exist.  openpyxl loads on first
use, never at start-up.

The window is expected to offer: menuBar(), hub, runner, current_plan_id().
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from desktop.ledger.clerk import current_clerk
from desktop.operations import OperationError

SCOPES = ("仅牵头单位", "牵头单位和配合单位")


class FeedbackPreviewDialog(QDialog):
    """What the returned workbooks would change, before anything is saved."""

    def __init__(self, preview, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入反馈表 — 预览")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        count = len(preview.answers)
        refused = len(preview.errors)
        head = f"共 {len(preview.workbooks)} 个反馈表，{count} 项新反馈"
        if refused:
            head += f"；{refused} 个文件未能导入（原因见下）"
        self.heading = QLabel(head + "。确认无误后点击“导入”。" if count else head + "。")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.details = QPlainTextEdit("\n".join(preview.summary_lines()))
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("导入")
        ok.setEnabled(count > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


class FeedbackMenu(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu("反馈表", window)
        self.export_action = QAction("导出反馈表…", window)
        self.import_action = QAction("导入反馈表…", window)
        self.export_action.triggered.connect(self.export_feedback)
        self.import_action.triggered.connect(self.import_feedback)
        self.menu.addActions([self.export_action, self.import_action])
        self.last_folder = ""
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """A folder of returned workbooks (or the workbooks) dropped on the window."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            paths = dropped_paths(event.mimeData())
            if not paths:
                return False
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                self.import_paths(paths)
            return True
        return False

    def export_feedback(self) -> None:
        window = self.window
        window.runner.flush()
        plan_id = window.current_plan_id()
        if plan_id is None:
            QMessageBox.information(window, "导出反馈表", "请先在左侧选中要导出反馈表的方案")
            return
        scope, ok = QInputDialog.getItem(window, "导出反馈表", "为哪些单位导出：", SCOPES, 0, False)
        if not ok:
            return
        folder = QFileDialog.getExistingDirectory(window, "保存反馈表的文件夹", self.last_folder)
        if not folder:
            return
        self.last_folder = folder
        from desktop.exporting.safe_write import ExportError
        from desktop.operations.feedback import export_plan_feedback

        try:
            written = export_plan_feedback(plan_id, Path(folder), scope == SCOPES[1])
        except (ExportError, OperationError) as error:
            QMessageBox.warning(window, "无法导出反馈表", str(error))
            return
        QMessageBox.information(
            window, "导出反馈表", f"已为 {len(written)} 个单位生成反馈表，保存在：\n{folder}"
        )

    def import_feedback(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window, "导入反馈表", self.last_folder, "反馈表 (*.xlsx *.xls);;所有文件 (*)"
        )
        if files:
            self.import_paths([Path(name) for name in files])

    def import_paths(self, paths: list[Path]) -> bool:
        """Preview `paths` (files or folders), then apply on the user's word; True if saved."""
        from desktop.operations.feedback import preview_files
        from desktop.operations.feedback_commands import FeedbackImportCommand

        window = self.window
        window.runner.flush()
        try:
            preview = preview_files(paths)
        except OperationError as error:
            QMessageBox.warning(window, "无法导入反馈表", str(error))
            return False
        except Exception as error:
            from db.errors import storage_message

            message = storage_message(error)
            if message is None:
                raise
            QMessageBox.warning(window, "无法导入反馈表", message)
            return False
        if not preview.workbooks and len(preview.errors) == 1:
            QMessageBox.warning(window, "无法导入反馈表", preview.errors[0])
            return False
        dialog = FeedbackPreviewDialog(preview, window)
        if dialog.exec() != QDialog.DialogCode.Accepted or preview.is_empty():
            return False
        return window.runner.run(FeedbackImportCommand(window.hub, preview, current_clerk()))


def dropped_paths(mime) -> list[Path]:
    """Local folders and .xlsx/.xls files among dropped URLs (nothing else is ours)."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    wanted = [p for p in paths if p.is_dir() or p.suffix.lower() in (".xlsx", ".xls")]
    return wanted if wanted and len(wanted) == len(paths) else []


def install_feedback_menu(window) -> FeedbackMenu:
    """Add 反馈表 to the 文件 menu (before its last separator, i.e. above 退出)."""
    menu = FeedbackMenu(window)
    file_menu = next(
        (
            action.menu()
            for action in window.menuBar().actions()
            if action.menu() is not None and action.text().startswith("文件")
        ),
        None,
    )
    if file_menu is None:
        file_menu = window.menuBar().addMenu("文件(&F)")
    separators = [action for action in file_menu.actions() if action.isSeparator()]
    before = separators[-1] if separators else None
    if before is not None:
        file_menu.insertMenu(before, menu.menu)
    else:
        file_menu.addMenu(menu.menu)
    window.feedback_menu = menu
    return menu
