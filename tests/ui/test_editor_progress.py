"""The editor's own 添加进展… button in the 进展情况 tab: the 台账 menu's dialog and command,
recorded with the clerk, shown in the tab at once, one undo step."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from db.ledger_queries import task_history
from db.queries import load_directory, load_plan
from desktop.operations.ledger_ops import set_clerk
from desktop.operations.undo import ChangeHub
from desktop.ui.ledger_dialogs import ProgressDialog
from desktop.ui.node_editor import NodeEditor
from desktop.ui.tree_items import PlanItem, build_node_item
from tests.helpers.builders import build_plan

SEEN: list[list[str]] = []


def _fill_and_accept(dialog: QDialog) -> QDialog.DialogCode:
    """QDialog.exec stand-in: types a report into the 登记进展 dialog and presses 确定."""
    assert isinstance(dialog, ProgressDialog)
    SEEN.append([dialog.unit.itemText(i) for i in range(dialog.unit.count())])
    dialog.unit.setCurrentText("单位1")
    dialog.text.setPlainText("已召开专题会议部署")
    return QDialog.DialogCode.Accepted


@pytest.fixture
def window(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    set_clerk("李文书")
    window = make_window()
    window.task_id = load_plan(plan_id).tasks()[0].id
    window.select_node(window.task_id)
    return window


def test_the_progress_tab_has_its_own_button_that_records_progress(qtbot, window, monkeypatch):
    SEEN.clear()
    monkeypatch.setattr(QDialog, "exec", _fill_and_accept)
    tabs = window.editor.task_ledger
    tabs.setCurrentIndex(1)
    button = window.editor.add_progress_button
    assert button.isVisible() and button.text() == "添加进展…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (entry,) = task_history(window.task_id).progress
    assert (entry.text, entry.unit, entry.recorded_by, entry.date) == (
        "已召开专题会议部署", "单位1", "李文书", date.today(),
    )  # fmt: skip
    assert SEEN[0][0] == "单位1"  # the task's lead unit first
    assert tabs.progress.rowCount() == 1
    assert tabs.progress.item(0, 2).text() == "已召开专题会议部署"
    window.actions.undo.trigger()
    assert task_history(window.task_id).progress == []
    assert tabs.progress.rowCount() == 0


def test_a_cancelled_dialog_records_nothing(qtbot, window, monkeypatch):
    monkeypatch.setattr(QDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    window.editor.task_ledger.setCurrentIndex(1)
    qtbot.mouseClick(window.editor.add_progress_button, Qt.MouseButton.LeftButton)
    assert task_history(window.task_id).progress == []


def test_the_editor_alone_uses_the_same_dialog_and_command(qtbot, database, monkeypatch):
    SEEN.clear()
    plan_id = build_plan(sections=1, tasks_per_section=1)
    set_clerk("王科长")
    task = load_plan(plan_id).tasks()[0]
    ran = []

    def run(command) -> bool:
        ran.append(command.text())
        command.redo()
        return True

    editor = NodeEditor(ChangeHub(), run)
    qtbot.addWidget(editor)
    editor.set_directory(load_directory())
    plan = load_plan(plan_id)
    plan_item = PlanItem(plan)
    (section,) = [build_node_item(node, plan_item) for node in plan.nodes]
    editor.show_item(section.children[0])
    assert editor.pages.currentWidget() is editor.task_page
    monkeypatch.setattr(QDialog, "exec", _fill_and_accept)
    editor.add_progress_button.click()
    assert ran == ["添加进展"]
    (entry,) = task_history(task.id).progress
    assert (entry.text, entry.recorded_by) == ("已召开专题会议部署", "王科长")
