"""保存冲突 in the window: another clerk saved the task the user is editing; the dialog shows
both versions and the user's choice is carried out, nothing typed is lost."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from db.queries import load_nodes, load_plan
from desktop.operations.commands import UpdateNodeCommand
from desktop.operations.conflicts import DELETED, ConflictError, Saved
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from desktop.ui import conflict_dialog
from desktop.ui.command_runner import CommandRunner
from desktop.ui.conflict_dialog import Choice, ConflictDialog
from tests.helpers.builders import build_plan
from tests.helpers.clerks import OtherClerk
from tests.helpers.typing import commit_text


def conflict() -> ConflictError:
    theirs = Saved(
        4,
        {"title": "对方的标题", "deadline_text": "2014年底前"},
        "李四",
        datetime(2026, 12, 1, 9, 30),
    )
    mine = {"title": "我的标题", "deadline_text": "2014年底前"}
    return ConflictError(7, mine, theirs, "task", "对方的标题")


def cells(dialog: ConflictDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_the_dialog_shows_both_versions_field_by_field(qtbot, tmp_path):
    dialog = ConflictDialog(conflict())
    qtbot.addWidget(dialog)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["字段", "我的修改", "对方保存的内容（李四，2026-12-01 09:30）"]
    assert cells(dialog) == [
        ["任务名称", "我的标题", "对方的标题"],
        ["完成时限", "2014年底前", "2014年底前"],
    ]
    assert dialog.table.item(0, 1).font().bold() and not dialog.table.item(1, 1).font().bold()
    assert "李四" in dialog.message.text() and "任务名称与您的修改不同" in dialog.message.text()
    buttons = [b.text() for b in dialog.buttons.buttons()]
    assert sorted(buttons) == sorted(["保留我的修改", "采用对方的内容", "取消"])
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(tmp_path / "conflict.png"))
    qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is Choice.TAKE_THEIRS


def test_a_task_deleted_meanwhile_shows_what_was_typed_to_copy(qtbot, tmp_path):
    dialog = ConflictDialog(ConflictError(7, {"goal": "我写的目标"}, None))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "任务已被删除" and DELETED in dialog.message.text()
    assert cells(dialog) == [["整改目标", "我写的目标"]]
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "整改目标：我写的目标"
    dialog.show()
    assert dialog.grab().save(str(tmp_path / "deleted.png"))


@pytest.fixture
def answer(monkeypatch):
    """answer(button, seen): the next 保存冲突 dialog is shown for real and `button` clicked
    in it (its table put in `seen`).  A dialog nobody answers takes 采用对方的内容 at once,
    so a failing test never waits for a click."""
    answers: list[tuple[str, list]] = []
    real_ask = conflict_dialog.ask

    def ask(parent, error):
        if not answers:
            return Choice.TAKE_THEIRS
        button, seen = answers.pop(0)

        def click():
            dialog = QApplication.activeModalWidget()
            seen.append(cells(dialog))
            next(b for b in dialog.buttons.buttons() if b.text() == button).click()

        QTimer.singleShot(0, click)
        return real_ask(parent, error)

    monkeypatch.setattr(conflict_dialog, "ask", ask)
    return lambda button, seen: answers.append((button, seen))


def first_task(plan_id):
    return load_plan(plan_id).nodes[0].children[0]


@pytest.fixture
def editing(qtbot, database, db_path, make_window):
    """A window editing a task's title while another clerk saved the title meanwhile."""
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    task = first_task(plan_id)
    window.select_node(task.id)
    other = OtherClerk(db_path)
    other.save(task.id, title="对方的标题")
    window.external_changes.timer.stop()  # the test decides when the window looks again
    editor = window.editor
    editor.task_title.setFocus()
    editor.task_title.selectAll()
    commit_text(editor.task_title, "我的标题")
    yield window, editor, task.id
    other.close()


def test_keep_mine_saves_over_the_newer_version(qtbot, editing, answer):
    window, editor, task_id = editing
    seen: list = []
    answer("保留我的修改", seen)
    qtbot.keyClick(editor.task_title, Qt.Key.Key_Return)
    assert seen == [[["任务名称", "我的标题", "对方的标题"]]]
    assert load_nodes([task_id])[task_id].title == "我的标题"
    assert editor.task_title.text() == "我的标题"
    assert window.undo_stack.undoText() == "修改任务名称"
    window.actions.undo.trigger()  # undo puts back what the user chose to replace
    assert load_nodes([task_id])[task_id].title == "对方的标题"


def test_take_theirs_drops_mine_and_shows_theirs(qtbot, editing, answer):
    window, editor, task_id = editing
    seen: list = []
    answer("采用对方的内容", seen)
    qtbot.keyClick(editor.task_title, Qt.Key.Key_Return)
    assert len(seen) == 1
    assert load_nodes([task_id])[task_id].title == "对方的标题"
    assert editor.task_title.text() == "对方的标题"
    assert window.undo_stack.count() == 0


def test_cancel_keeps_the_typed_text_unsaved_and_asks_again(qtbot, editing, answer):
    window, editor, task_id = editing
    seen: list = []
    answer("取消", seen)
    qtbot.keyClick(editor.task_title, Qt.Key.Key_Return)
    assert load_nodes([task_id])[task_id].title == "对方的标题"
    assert editor.task_title.text() == "我的标题"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.task_title)
    assert window.external_changes.typing()  # the window's look for other saves waits for it
    answer("保留我的修改", seen)
    window.runner.flush()  # the next action saves it: the question comes again
    assert len(seen) == 2
    assert load_nodes([task_id])[task_id].title == "我的标题"


def test_cancel_when_another_item_is_selected_stays_with_the_typed_text(qtbot, editing, answer):
    """Selecting another item saves first: 取消 there keeps the task selected and shown with
    what was typed (the other item was shown and the typed text dropped)."""
    window, editor, task_id = editing
    plan_id = window.model.plan_items()[0].id
    seen: list = []
    answer("取消", seen)
    qtbot.keyClick(editor.task_title, Qt.Key.Key_Return)
    answer("取消", seen)
    window.select_plan(plan_id)
    assert len(seen) == 2
    assert window.current_item() is editor.current_item() is window.model.node_item(task_id)
    assert editor.task_title.text() == "我的标题"
    assert load_nodes([task_id])[task_id].title == "对方的标题"
    answer("保留我的修改", seen)
    window.select_plan(plan_id)  # asked again: now saved, and the plan is shown
    assert len(seen) == 3
    assert load_nodes([task_id])[task_id].title == "我的标题"
    assert window.current_item() is editor.current_item() is window.model.plan_item(plan_id)


def test_runner_resolves_conflicts_on_both_backends(
    qtbot, any_database, ledger_location, monkeypatch
):
    """The runner with a plain parent widget, on SQLite and PostgreSQL: 保留我的修改 for a
    first run, and for an undo over another clerk's newer save."""
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = CommandRunner(parent)
    choices = [Choice.KEEP_MINE, Choice.KEEP_MINE, Choice.TAKE_THEIRS]
    asked: list[ConflictError] = []

    def ask(_parent, error):
        asked.append(error)
        return choices.pop(0)

    monkeypatch.setattr(conflict_dialog, "ask", ask)
    plan_id, _ = create_plan("方案")
    task_id, _ = add_node(plan_id, None, None, "task", title="原标题")
    seen = load_nodes([task_id])[task_id]
    other = OtherClerk(ledger_location)
    try:
        other.save(task_id, title="对方的标题")
        command = UpdateNodeCommand(
            runner.hub, task_id, {"title": seen.title}, {"title": "我的标题"}, "修改任务名称", 1
        )
        assert runner.run(command)
        assert other.value(task_id, "title") == "我的标题"
        other.save(task_id, title="对方又改")
        runner.undo()  # over their newer save: asked; 保留我的修改 puts back 对方的标题
        qtbot.waitUntil(lambda: other.value(task_id, "title") == "对方的标题")
        assert [e.mine for e in asked] == [{"title": "我的标题"}, {"title": "对方的标题"}]
        assert runner.stack.undoText() == "修改任务名称"
        other.delete(task_id)
        stale = UpdateNodeCommand(runner.hub, task_id, {"title": "x"}, {"title": "y"}, "改", 9)
        assert not runner.run(stale)
        assert asked[-1].deleted
    finally:
        other.close()


def test_an_undone_ledger_action_over_a_newer_status_offers_no_keep_mine(qtbot):
    theirs = Saved(3, {"status": "done"}, "李四", datetime(2026, 12, 1, 9, 30))
    error = ConflictError(7, {"status": "not_started"}, theirs, can_keep=False)
    dialog = ConflictDialog(error)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.keep_button.isVisible() and dialog.theirs_button.isVisible()
    assert "无法撤销" in dialog.message.text()
    assert cells(dialog) == [["状态", "未启动", "已完成"]]
