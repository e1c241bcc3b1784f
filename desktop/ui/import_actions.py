"""文件 → 导入方案… and 从剪贴板导入: parse, preview, save in one transaction (undoable)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.importing import FILE_KINDS, ImportFailure, parse_file, parse_text
from desktop.operations import Change, OperationError
from desktop.operations.commands import ImportPlansCommand
from desktop.operations.import_plans import ImportedPlan, import_plans, known_units
from desktop.operations.undo import ChangeHub, run_command
from desktop.ui.import_preview import ImportPreviewDialog


def _file_filter() -> str:
    every = " ".join(patterns for _, patterns in FILE_KINDS)
    kinds = [f"{label} ({patterns})" for label, patterns in FILE_KINDS]
    return ";;".join([f"整改方案 ({every})", *kinds, "所有文件 (*)"])


#: The open-file dialog's filter: every format the importer reads, then each kind alone.
FILE_FILTER = _file_filter()


@dataclass
class ImportResult:
    plans: list[ImportedPlan]
    change: Change


def import_from_file(
    parent: QWidget | None,
    path: Path,
    hub: ChangeHub | None = None,
    stack: QUndoStack | None = None,
) -> ImportResult | None:
    """Parse `path`, preview it, save what the user keeps; a Chinese message on failure."""
    path = Path(path)
    try:
        parse = parse_file(path, known_units=known_units())
    except ImportFailure as failure:
        QMessageBox.warning(parent, "无法导入", str(failure))
        return None
    return _preview_and_save(parent, parse, path.stem, hub, stack)


def import_from_clipboard(
    parent: QWidget | None,
    hub: ChangeHub | None = None,
    stack: QUndoStack | None = None,
) -> ImportResult | None:
    """Parse the text on the clipboard, preview it and save what the user keeps."""
    text = QGuiApplication.clipboard().text()
    try:
        parse = parse_text(text, source="剪贴板", known_units=known_units())
    except ImportFailure as failure:
        QMessageBox.warning(parent, "无法导入", str(failure))
        return None
    return _preview_and_save(parent, parse, "", hub, stack)


def _preview_and_save(
    parent: QWidget | None,
    parse: dict,
    fallback_title: str,
    hub: ChangeHub | None,
    stack: QUndoStack | None,
) -> ImportResult | None:
    choice = ImportPreviewDialog.ask(parent, parse)
    if choice is None:
        return None
    try:
        if hub is not None and stack is not None:
            command = ImportPlansCommand(hub, choice.parse, choice.chosen, fallback_title)
            change = run_command(stack, command)
            return ImportResult(command.plans, change)
        plans, change = import_plans(choice.parse, choice.chosen, fallback_title=fallback_title)
        if hub is not None:
            hub.changed.emit(change)
        return ImportResult(plans, change)
    except OperationError as error:
        QMessageBox.warning(parent, "无法导入", str(error))
        return None
