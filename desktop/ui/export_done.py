"""After an export: where the table went, with 打开文件 and 打开所在文件夹."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

Opener = Callable[[QUrl], object]


class ExportDoneBox(QMessageBox):
    """A message naming the written file(s); its buttons open the file or its folder."""

    def __init__(
        self, parent: QWidget | None, paths: list[Path], opener: Opener | None = None
    ) -> None:
        super().__init__(parent)
        self.paths = [Path(p) for p in paths]
        self.folder = self.paths[0].parent
        self._open = opener or QDesktopServices.openUrl
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle("导出完成")
        if len(self.paths) == 1:
            self.setText(f"分解表已保存为“{self.paths[0].name}”。")
        else:
            self.setText(f"已导出 {len(self.paths)} 个文件。")
        self.setInformativeText(f"保存位置：{self.folder}")
        self.open_file: QPushButton | None = None
        if len(self.paths) == 1:
            self.open_file = self.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
        self.open_folder = self.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        self.close_button = self.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.open_file or self.open_folder)
        self.setEscapeButton(self.close_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button) -> None:
        if self.open_file is not None and button is self.open_file:
            self._open(QUrl.fromLocalFile(str(self.paths[0])))
        elif button is self.open_folder:
            self._open(QUrl.fromLocalFile(str(self.folder)))


def show_export_done(parent: QWidget | None, paths: list[Path]) -> ExportDoneBox | None:
    """Tell the user where the export went (nothing when nothing was written).  The message
    is window-modal but does not block the caller: it closes and deletes itself."""
    if not paths:
        return None
    box = ExportDoneBox(parent, paths)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
