"""Commits by another program (here a second sqlite3 connection, as the command line's
import would make) appear in the open window; text being typed is never replaced."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from db.queries import load_plan
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from desktop.ui.external_changes import NOTICE
from tests.helpers.typing import commit_text


@pytest.fixture
def task(database):
    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="原名称")
    return plan_id, node_id


def rename_elsewhere(db_path, node_id, title):
    other = sqlite3.connect(db_path)
    with other:
        other.execute("UPDATE node SET title = ? WHERE id = ?", (title, node_id))
    other.close()


def test_a_commit_by_another_program_reloads_the_tree_and_editor(qtbot, db_path, task, make_window):
    plan_id, node_id = task
    window = make_window()
    watcher = window.external_changes
    assert watcher.timer.isActive() and watcher.timer.interval() == 2000
    window.select_node(node_id)
    window.tree.setFocus()
    assert not watcher.tick()  # nothing new

    rename_elsewhere(db_path, node_id, "命令行改的名称")

    assert watcher.tick()
    assert window.model.node_item(node_id).record.title == "命令行改的名称"
    assert window.editor.task_title.text() == "命令行改的名称"
    assert window.current_item().id == node_id
    assert window.statusBar().currentMessage() == NOTICE
    assert not watcher.tick()  # seen once


def test_our_own_edits_are_not_taken_for_another_programs(qtbot, task, make_window):
    plan_id, node_id = task
    window = make_window()
    window.select_node(node_id)
    window.editing.add_sibling()
    assert not window.external_changes.tick()
    assert window.external_changes.reloads == 0


def test_text_being_typed_is_kept_and_the_reload_waits(qtbot, db_path, task, make_window):
    plan_id, node_id = task
    window = make_window()
    watcher = window.external_changes
    window.select_node(node_id)
    field = window.editor.task_title
    field.setFocus()
    field.selectAll()
    commit_text(field, "正在输入的名称")

    rename_elsewhere(db_path, node_id, "别处的名称")

    assert not watcher.tick()
    assert field.text() == "正在输入的名称"
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the user's edit is saved
    assert watcher.tick()  # then the outside change is looked at again
    title = next(n for n in load_plan(plan_id).walk() if n.id == node_id).title
    assert title == "正在输入的名称"
    assert window.editor.task_title.text() == title


def test_a_plan_imported_on_the_command_line_appears_in_the_open_window(
    qtbot, db_path, task, make_window, tmp_path
):
    from tests.helpers.cli import run_cli

    window = make_window()
    source = tmp_path / "方案.txt"
    source.write_text(
        "某市整改方案\n一、加强领导\n1.完善制度。2024年底前完成。\n", encoding="utf-8"
    )

    result = run_cli("import", str(source), "--db", str(db_path))

    assert result.returncode == 0, result.stderr
    assert window.external_changes.tick()
    assert [plan.record.title for plan in window.model.plan_items()] == [
        "某局整改方案",
        "某市整改方案",
    ]


def test_the_reload_waits_while_a_dialog_is_open(qtbot, db_path, task, make_window):
    from PySide6.QtWidgets import QDialog

    plan_id, node_id = task
    window = make_window()
    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.isVisible())
    rename_elsewhere(db_path, node_id, "别处的名称")
    assert not window.external_changes.tick()
    dialog.close()
    assert window.external_changes.tick()
    assert window.model.node_item(node_id).record.title == "别处的名称"
