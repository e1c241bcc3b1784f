"""The window's entries into the dialogs other modules provide: import, export, directories.

Results come back as Changes through `window.hub`, which refresh the tree; imports and
directory edits run through `window.runner` like every other edit (which saved pending
edits before the action began).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.resources import resource_path
from desktop.ui import import_actions
from desktop.ui.export_done import show_export_done
from desktop.ui.worker import Worker

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LAST_FOLDER_KEY = "main_window/last_folder"
SAMPLE_PLAN = "sample_plan.txt"


def DirectoriesDialog(*args, **kwargs):  # noqa: N802 - the dialog's module loads on first use
    from desktop.ui.directories_dialog import DirectoriesDialog as dialog

    return dialog(*args, **kwargs)


def export_plan_interactively(*args, **kwargs):
    """The export dialog; its module (and openpyxl) loads on first use, not at start-up."""
    from desktop.ui.export_dialog import export_plan_interactively as export

    return export(*args, **kwargs)


def _last_folder(window: MainWindow) -> str:
    folder = window.settings.value(LAST_FOLDER_KEY, "")
    return str(folder) if folder and Path(str(folder)).is_dir() else str(Path.home())


def import_plan(window: MainWindow) -> None:
    path, _filter = QFileDialog.getOpenFileName(
        window,
        "导入整改方案",
        _last_folder(window),
        import_actions.FILE_FILTER,
    )
    if not path:
        return
    window.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
    import_actions.import_from_file(window, Path(path), window.runner)


def import_clipboard(window: MainWindow) -> None:
    import_actions.import_from_clipboard(window, window.runner)


def open_sample(window: MainWindow) -> None:
    try:
        path = resource_path(SAMPLE_PLAN)
    except FileNotFoundError:
        QMessageBox.warning(window, "打开示例方案", "未找到示例方案文件，程序可能安装不完整。")
        return
    import_actions.import_from_file(window, path, window.runner)


def export_table(window: MainWindow) -> None:
    plan_id = window.current_plan_id()
    if plan_id is None:
        QMessageBox.information(window, "导出分解表", "请先在左侧选择要导出的方案。")
        return
    with window.runner.guard("导出分解表"):
        written = export_plan_interactively(
            window, plan_id, lambda write: _in_worker(window, write)
        )
        show_export_done(window, written)


def _in_worker(window: MainWindow, write):
    """Export in a worker thread: the window repaints, 取消 stops at the next row batch."""
    from desktop.exporting.export import ExportCancelled  # openpyxl loads on first export

    return Worker(
        window,
        "导出分解表",
        "正在导出分解表…",
        lambda worker: write(worker.report),
        cancel_error=lambda: ExportCancelled("已取消导出"),
    ).run()


def open_directories(window: MainWindow) -> None:
    DirectoriesDialog(window, window.runner).exec()
