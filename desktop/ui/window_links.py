"""The window's entries into parts other modules provide: import, export, directories.

Each is imported lazily, so the window works (with the action disabled) while the module is
not there yet.  Results come back as Changes through `window.hub`, which refresh the tree.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LAST_FOLDER_KEY = "main_window/last_folder"


def _module(window: MainWindow, name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        QMessageBox.information(window, "暂不可用", "此功能尚未安装。")
        return None


def _last_folder(window: MainWindow) -> str:
    folder = window.settings.value(LAST_FOLDER_KEY, "")
    return str(folder) if folder and Path(str(folder)).is_dir() else str(Path.home())


def import_plan(window: MainWindow) -> None:
    module = _module(window, "desktop.ui.import_preview")
    if module is None:
        return
    window.editor.flush()
    path, _filter = QFileDialog.getOpenFileName(
        window,
        "导入整改方案",
        _last_folder(window),
        "整改方案 (*.txt *.docx);;所有文件 (*)",
    )
    if not path:
        return
    window.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
    module.import_from_file(window, Path(path))


def import_clipboard(window: MainWindow) -> None:
    module = _module(window, "desktop.ui.import_preview")
    if module is not None:
        window.editor.flush()
        module.import_from_clipboard(window)


def sample_plan_path() -> Path | None:
    try:
        from desktop.resources import resource_path
    except ImportError:
        path = Path(__file__).resolve().parents[2] / "resources" / "sample_plan.txt"
        return path if path.is_file() else None
    try:
        return resource_path("sample_plan.txt")
    except FileNotFoundError:
        return None


def open_sample(window: MainWindow) -> None:
    path = sample_plan_path()
    if path is None:
        QMessageBox.information(window, "暂不可用", "未找到示例方案文件。")
        return
    module = _module(window, "desktop.ui.import_preview")
    if module is not None:
        module.import_from_file(window, path)


def export_table(window: MainWindow) -> None:
    plan_id = window.current_plan_id()
    if plan_id is None:
        QMessageBox.information(window, "导出分解表", "请先在左侧选择要导出的方案。")
        return
    module = _module(window, "desktop.ui.export_dialog")
    if module is not None:
        window.editor.flush()
        module.export_plan_interactively(window, plan_id)


def open_directories(window: MainWindow) -> None:
    module = _module(window, "desktop.ui.directories_dialog")
    if module is not None:
        window.editor.flush()
        module.DirectoriesDialog(window).exec()
