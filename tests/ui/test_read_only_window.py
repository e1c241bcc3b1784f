"""只读打开: a window over a ledger another computer is editing shows everything, says why in a
banner, and lets nothing be typed, dragged or triggered that would change the ledger."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from db.database import close_database, open_database
from db.queries import load_plan
from desktop.app import finish_window_start
from desktop.ui.read_only import editing_actions
from tests.helpers.builders import build_plan
from tests.helpers.typing import commit_text


def stored_titles(db_path) -> list[str]:
    """Every node's title, read from the file by a second connection."""
    raw = sqlite3.connect(db_path)
    try:
        return [row[0] for row in raw.execute("SELECT title FROM node ORDER BY id")]
    finally:
        raw.close()


@pytest.fixture
def window(qtbot, database, db_path, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    task = load_plan(plan_id).tasks()[0]
    close_database()
    open_database(db_path, read_only=True)
    window = make_window()
    finish_window_start(window, db_path, read_only=True, holder="办公室-PC2")
    window.task_id = task.id
    window.select_node(task.id)
    return window


def test_a_banner_and_the_title_say_read_only_and_who_edits(window):
    banner = window.read_only_banner
    assert banner.isVisible()
    assert banner.text().startswith("只读：") and "办公室-PC2" in banner.text()
    assert window.windowTitle().endswith("（只读）")
    assert "只读" in window.status_database.text()


def test_typing_into_the_editor_changes_nothing(qtbot, window, db_path):
    before = stored_titles(db_path)
    editor = window.editor
    assert editor.pages.currentWidget() is editor.task_page
    title = editor.task_title
    title.setFocus()
    qtbot.keyClicks(title, "abc")
    commit_text(title, "新名称")  # as an input method types Chinese
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert title.text() == "任务1"
    goal = editor.task_goal
    goal.setFocus()
    qtbot.keyClicks(goal, "abc")
    commit_text(goal, "新目标")
    window.tree.setFocus()
    assert goal.value() == "见效"
    for widget in (title, editor.task_deadline, editor.task_problem, editor.task_text, goal):
        assert widget.isReadOnly()
    assert not editor.task_status.isEnabled() and not editor.task_kind.isEnabled()
    for picker in (editor.task_leaders, editor.task_lead_units, editor.task_support_units):
        assert picker.line_edit.isHidden() and picker.line_edit.isReadOnly()
        chips = [chip for chip in picker._chips if not chip.isHidden()]
        assert chips and all(chip.remove_button.isHidden() for chip in chips)
    assert editor.task_leaders.chip_texts() == ["领导1"]
    assert not editor.add_progress_button.isEnabled()
    window.runner.flush()
    assert stored_titles(db_path) == before


def test_every_editing_action_stays_disabled_whatever_is_selected(qtbot, window, db_path):
    before = stored_titles(db_path)
    actions = editing_actions(window)
    names = {action.text().rstrip("…") for action in actions}
    assert {"导入方案", "删除", "新增任务", "上移", "销号", "添加进展", "导入反馈表"} <= names
    assert {"恢复备份", "方案评议", "人员与单位", "导出反馈表"} <= names
    plan_id = load_plan(window.current_plan_id()).id
    for select in (lambda: window.select_plan(plan_id), lambda: window.select_node(window.task_id)):
        select()
        window.ledger_menu.menu.aboutToShow.emit()  # the 台账 menu re-enables by selection
        assert [a.text() for a in actions if a.isEnabled()] == []
    assert not window.actions.status_menu.isEnabled()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    qtbot.keyClick(window.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert stored_titles(db_path) == before
    assert window.tree.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert window.tree.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
    assert not window.acceptDrops()
    # looking, exporting and printing stay
    assert window.actions.export_table.isEnabled() and window.actions.find.isEnabled()
    assert window.ledger_menu.overview.isEnabled()


def test_a_writing_window_keeps_its_editing(qtbot, database, db_path, make_window):
    build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    finish_window_start(window, db_path, read_only=False)
    try:
        assert not hasattr(window, "read_only_banner")
        assert not window.editor.task_title.isReadOnly()
        assert window.actions.add_sibling.isEnabled()
    finally:
        window.beacon.close()


def test_neither_the_tree_nor_the_search_results_rename_or_drag(window):
    for view in (window.tree, window.results):
        assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        assert not view.dragEnabled() and not view.acceptDrops()
