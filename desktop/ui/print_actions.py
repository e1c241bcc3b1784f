"""文件 → 打印预览… / 导出 PDF…, and 方案 → 重新编号, for the main window.

Print preview and PDF show the selected plan's breakdown table with the export's default
options, with the same pages and page breaks as the workbook (desktop.ui.print_pages draws
what desktop.exporting.export.sheet_specs lays out).  Everything runs through the window's
runner: pending edits are saved first and errors follow its one policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.operations import OperationError
from desktop.operations.number_commands import RenumberPlanCommand
from desktop.ui.export_done import show_export_done

if TYPE_CHECKING:
    from db.records import PlanRecord
    from desktop.exporting.breakdown import SheetSpec
    from desktop.ui.main_window import MainWindow

SETTINGS_PDF_FOLDER = "export/last_pdf_folder"


def show_preview(parent: QWidget | None, specs: list[SheetSpec]) -> None:
    """QPrintPreviewDialog over the pages (replaced in tests)."""
    from desktop.ui.print_pages import preview

    preview(parent, specs)


def ask_pdf_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to save the PDF (None: cancelled; replaced in tests)."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "导出 PDF", str(suggested), "PDF 文件 (*.pdf)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def _plan_or_tell(window: MainWindow, action: str) -> PlanRecord | None:
    from db.queries import NotFound, load_plan

    plan_id = window.current_plan_id()
    if plan_id is None:
        QMessageBox.information(window, action, "请先在左侧选择一个方案。")
        return None
    try:
        return load_plan(plan_id)
    except NotFound as error:
        raise OperationError(str(error)) from error


def _specs(plan: PlanRecord) -> list[SheetSpec]:
    from desktop.exporting import ExportError, ExportOptions
    from desktop.exporting.export import sheet_specs

    try:
        return sheet_specs(plan, "plan", ExportOptions())
    except ExportError as error:
        raise OperationError(str(error)) from error


def print_preview(window: MainWindow) -> None:
    """文件 → 打印预览… (Ctrl+P): the selected plan's table as it prints; 打印 from there."""
    with window.runner.guard("打印预览"):
        plan = _plan_or_tell(window, "打印预览")
        if plan is not None:
            show_preview(window, _specs(plan))


def export_pdf(window: MainWindow) -> None:
    """文件 → 导出 PDF…: the selected plan's table as a PDF, the same pages as the workbook."""
    from desktop.exporting.variants import default_title, file_name

    with window.runner.guard("导出 PDF"):
        plan = _plan_or_tell(window, "导出 PDF")
        if plan is None:
            return
        specs = _specs(plan)
        folder = Path(str(window.settings.value(SETTINGS_PDF_FOLDER, "") or Path.home()))
        suggested = folder / file_name(default_title(plan), set()).removesuffix(".xlsx")
        target = ask_pdf_path(window, suggested.with_name(suggested.name + ".pdf"))
        if target is None:
            return
        from desktop.exporting import ExportError
        from desktop.ui.print_pages import write_pdf

        try:
            written = write_pdf(specs, target)
        except ExportError as error:
            raise OperationError(str(error)) from error
        window.settings.setValue(SETTINGS_PDF_FOLDER, str(target.parent))
        show_export_done(window, [written])


def renumber_plan(window: MainWindow) -> None:
    """方案 → 重新编号: the selected plan is numbered from its order (undoable)."""
    plan_id = window.current_plan_id()
    if plan_id is None:
        QMessageBox.information(window, "重新编号", "请先在左侧选择一个方案。")
        return
    window.runner.run(RenumberPlanCommand(window.runner.hub, plan_id))
