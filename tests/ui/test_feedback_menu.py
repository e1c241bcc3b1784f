"""文件 → 反馈表 in the real window: export for the current plan, import with a preview, one
undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox

from db.ledger_queries import progress_entries
from db.queries import load_plan
from desktop.operations.ledger_ops import set_clerk
from desktop.ui.feedback_menu import FeedbackPreviewDialog
from tests.feedback.helpers import fill, ids_of
from tests.helpers.builders import build_plan


@pytest.fixture
def window(qtbot, database, make_window, monkeypatch):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    set_clerk("李文书")
    window = make_window()
    window.select_plan(plan_id)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("仅牵头单位", True))
    window.plan_id = plan_id
    return window


def _file_menu_texts(window) -> list[str]:
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("文件"))
    return [action.text() for action in file_menu.actions()]


def test_menu_export_then_import_as_one_undo_step(window, monkeypatch, tmp_path: Path):
    assert "反馈表" in _file_menu_texts(window)
    out = tmp_path / "反馈"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(out))
    window.feedback_menu.export_action.trigger()
    written = sorted(out.glob("*.xlsx"))
    assert len(written) == 2  # 单位1 and 单位2 lead the two tasks
    task_id = ids_of(written[0])[0]
    fill(written[0], {task_id: ("窗口导入的进展", "推进中")})

    shown = []

    def accept(dialog):
        shown.append(dialog)
        assert isinstance(dialog, FeedbackPreviewDialog)
        assert "窗口导入的进展" in dialog.details.toPlainText()
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", accept)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args: ([str(p) for p in written], "")
    )
    window.feedback_menu.import_action.trigger()
    assert len(shown) == 1
    [entry] = progress_entries(task_id)
    assert entry.recorded_by == "李文书"
    assert load_plan(window.plan_id).tasks()[0].status in ("in_progress", "not_started")
    assert window.undo_stack.undoText() == "导入反馈表（2 个文件）"
    window.undo_stack.undo()
    assert progress_entries(task_id) == []
    window.undo_stack.redo()
    assert len(progress_entries(task_id)) == 1


def test_cancelled_preview_saves_nothing(window, monkeypatch, tmp_path: Path):
    out = tmp_path / "反馈"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(out))
    window.feedback_menu.export_action.trigger()
    path = sorted(out.glob("*.xlsx"))[0]
    task_id = ids_of(path)[0]
    fill(path, {task_id: ("不要保存",)})
    monkeypatch.setattr(QDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert window.feedback_menu.import_paths([out]) is False
    assert progress_entries(task_id) == []
    assert window.undo_stack.count() == 0


def test_a_refused_file_is_one_warning(window, monkeypatch, tmp_path: Path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    assert window.feedback_menu.import_paths([bad]) is False
    assert warned and "坏.xlsx" in warned[0]


def test_a_folder_dropped_on_the_window_is_previewed(window, monkeypatch, tmp_path: Path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    out = tmp_path / "交回"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(out))
    window.feedback_menu.export_action.trigger()
    path = sorted(out.glob("*.xlsx"))[0]
    task_id = ids_of(path)[0]
    fill(path, {task_id: ("拖入文件夹",)})
    monkeypatch.setattr(QDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(out))])
    where, action = QPointF(10, 10), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(window, enter)  # Qt delivers the drop where the drag entered
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(where, action, mime, buttons, keys))
    assert [entry.text for entry in progress_entries(task_id)] == ["拖入文件夹"]
