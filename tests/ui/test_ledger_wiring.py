"""The ledger inside the real window: the editor's status box records dated status changes,
已销号 goes through the 销号 dialog, edits show in the 修改记录 tab, and undo of a delete
brings a task's records back."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from db.ledger_queries import task_history
from db.queries import load_nodes, load_plan
from desktop.operations.ledger_ops import add_progress, set_clerk
from desktop.ui.ledger_dialogs import CloseOutDialog
from tests.helpers.builders import build_plan
from tests.helpers.typing import commit_text


@pytest.fixture
def window(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    set_clerk("李文书")
    window = make_window()
    window.task_id = load_plan(plan_id).tasks()[0].id
    window.select_node(window.task_id)
    return window


def choose_status(window, status: str) -> None:
    box = window.editor.task_status
    box.setCurrentIndex(box.findData(status))


def stored_status(window) -> str:
    return load_nodes([window.task_id])[window.task_id].status


def test_the_status_box_records_a_dated_change_with_the_clerk(window):
    choose_status(window, "in_progress")
    (event,) = task_history(window.task_id).status_changes
    assert (event.from_status, event.to_status, event.who, event.date) == (
        "not_started", "in_progress", "李文书", date.today(),
    )  # fmt: skip
    window.actions.undo.trigger()
    assert stored_status(window) == "not_started"
    assert task_history(window.task_id).status_changes == []
    assert window.editor.task_status.currentData() == "not_started"


def test_closing_out_from_the_status_box_is_refused_unless_done(window, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    choose_status(window, "closed")
    assert stored_status(window) == "not_started"
    assert "只有“已完成”的任务才能销号" in told[0]
    assert window.editor.task_status.currentData() == "not_started"  # the box shows the truth


def test_closing_out_a_done_task_from_the_status_box_opens_the_dialog(window, monkeypatch):
    choose_status(window, "done")
    shown = []

    def fake_exec(dialog):
        shown.append(type(dialog).__name__)
        if isinstance(dialog, CloseOutDialog):
            dialog.verifier.setText("王科长")
        return QDialog.DialogCode.Accepted if len(shown) == 1 else QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    choose_status(window, "closed")
    assert shown == ["CloseOutDialog"]
    node = load_nodes([window.task_id])[window.task_id]
    assert (node.status, node.closed_by) == ("closed", "王科长")
    assert window.editor.task_status.currentData() == "closed"
    choose_status(window, "in_progress")  # leaving 已销号 asks why; cancelled here
    assert shown == ["CloseOutDialog", "ReopenDialog"] and stored_status(window) == "closed"
    assert window.editor.task_status.currentData() == "closed"


def test_the_history_tabs_show_the_windows_own_edits(qtbot, window):
    editor = window.editor
    add_progress(window.task_id, "已召开部署会", "赵六", date(2014, 9, 1), "单位1")
    editor.task_goal.setFocus()
    commit_text(editor.task_goal, "问题得到根本解决")
    window.tree.setFocus()  # the goal box saves on leaving
    choose_status(window, "in_progress")
    tabs = editor.task_ledger
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["任务内容", "进展情况", "修改记录"]
    tabs.setCurrentIndex(2)
    rows = [
        tuple(tabs.changes.item(r, c).text() for c in (1, 2, 3, 4))
        for r in range(tabs.changes.rowCount())
    ]
    goal = load_nodes([window.task_id])[window.task_id].goal
    assert "问题得到根本解决" in goal
    assert rows == [
        ("设置状态", "未启动", "推进中", "李文书"),
        ("修改整改目标", "见效", goal, "李文书"),
    ]
    tabs.setCurrentIndex(1)
    assert tabs.progress.item(0, 2).text() == "已召开部署会"
    other = load_plan(load_nodes([window.task_id])[window.task_id].plan_id).tasks()[1].id
    window.select_node(other)  # the open tab follows the selection
    assert tabs.task_id == other and tabs.progress.rowCount() == 0


def test_undo_of_a_delete_brings_back_the_ledger_records(window, monkeypatch):
    from desktop.ui import tree_editing

    monkeypatch.setattr(tree_editing, "confirm", lambda *args, **kwargs: True)
    choose_status(window, "in_progress")
    add_progress(window.task_id, "已完成调研", "赵六", date(2014, 9, 1))
    before = task_history(window.task_id)
    window.actions.delete.trigger()
    assert window.task_id not in load_nodes([window.task_id])
    window.actions.undo.trigger()
    assert task_history(window.task_id) == before
