"""文件 → 导入方案… and 从剪贴板导入: parse, preview, save in one transaction (undoable)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.importing import FILE_KINDS, ImportFailure, parse_file, parse_text
from desktop.operations import Change
from desktop.operations.commands import ImportPlansCommand
from desktop.operations.import_plans import ImportedPlan, known_units
from desktop.ui.auto_backup import backup_before
from desktop.ui.command_runner import CommandRunner
from desktop.ui.import_preview import ImportPreviewDialog
from desktop.ui.worker import Cancelled, Worker


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
    parent: QWidget | None, path: Path, runner: CommandRunner
) -> ImportResult | None:
    """Parse `path`, preview it, save what the user keeps; a Chinese message on failure."""
    path = Path(path)
    units = known_units()
    parse = _parse(parent, runner, lambda: parse_file(path, known_units=units), path.name)
    if parse is None:
        return None
    return _preview_and_save(parent, parse, path.stem, runner)


def import_from_clipboard(parent: QWidget | None, runner: CommandRunner) -> ImportResult | None:
    """Parse the text on the clipboard, preview it and save what the user keeps."""
    text = QGuiApplication.clipboard().text()
    units = known_units()
    parse = _parse(
        parent, runner, lambda: parse_text(text, source="剪贴板", known_units=units), "剪贴板"
    )
    if parse is None:
        return None
    return _preview_and_save(parent, parse, "", runner)


def _parse(
    parent: QWidget | None, runner: CommandRunner, parse: Callable[[], dict], source: str
) -> dict | None:
    """Read the document in a worker (a large one takes a while); 取消 closes the dialog at
    once and the result is dropped.  None when cancelled or the document was refused."""
    try:
        return Worker(
            parent, "导入方案", f"正在读取“{source}”…", lambda _w: parse(), abandon_on_cancel=True
        ).run()
    except Cancelled:
        return None
    except ImportFailure as failure:
        QMessageBox.warning(parent, "无法导入", str(failure))
        return None
    except Exception as error:  # noqa: BLE001 - a parser bug: logged, a dialog, no traceback
        runner.report(error, f"读取“{source}”", parent)
        return None


def _preview_and_save(
    parent: QWidget | None, parse: dict, fallback_title: str, runner: CommandRunner
) -> ImportResult | None:
    """Saving is an undo command run by the window's runner (no path around it)."""
    choice = ImportPreviewDialog.ask(parent, parse)
    if choice is None:
        return None
    backup_before(runner, "before-import", parent)
    command = ImportPlansCommand(runner.hub, choice.parse, choice.chosen, fallback_title)
    if not runner.run_in_worker(command, "正在保存导入的方案…", parent=parent):
        return None
    plans = frozenset(p.id for p in command.plans)
    return ImportResult(command.plans, Change(plans=plans, directory=True))
