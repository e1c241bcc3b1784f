"""The 台账 menu in the real window: dialogs filled as a user would, records kept with who."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from db.ledger_queries import evaluations, task_history
from db.queries import load_nodes, load_plan
from desktop.ledger.clerk import current_clerk, needs_asking
from desktop.operations.ledger_ops import set_clerk
from desktop.ui.ledger_dialogs import (
    ClerkDialog,
    CloseOutDialog,
    EvaluationDialog,
    ExtensionDialog,
    ProgressDialog,
)
from desktop.ui.ledger_menu import ask_clerk_if_needed, install_ledger_menu
from tests.helpers.builders import build_plan
from tests.helpers.qt import type_text

TODAY = date(2014, 11, 1)


@pytest.fixture
def window(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    menu = install_ledger_menu(window)
    assert menu is window.ledger_menu  # the window installed it; once
    menu.today = lambda: TODAY
    set_clerk("李文书")
    task = load_plan(plan_id).tasks()[0]
    window.select_node(task.id)
    window.task_id = task.id
    window.plan_id = plan_id
    return window


def fill_dialogs(monkeypatch, *fillers):
    """Replace QDialog.exec: each dialog shown is filled by the next filler and accepted
    (a filler returning False cancels)."""
    queue = list(fillers)
    shown = []

    def fake_exec(dialog):
        shown.append(type(dialog).__name__)
        accepted = queue.pop(0)(dialog) is not False
        return QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return shown


def ok_enabled(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_status_from_the_menu_is_recorded_then_close_out_and_undo(qtbot, window, monkeypatch):
    menu = window.ledger_menu
    window.set_status("done")
    assert load_nodes([window.task_id])[window.task_id].status == "done"
    (event,) = task_history(window.task_id).status_changes
    assert (event.to_status, event.who) == ("done", "李文书")

    def close(dialog: CloseOutDialog):
        assert dialog.verifier.text() == "李文书"
        dialog.verifier.clear()
        assert not ok_enabled(dialog)
        type_text(qtbot, dialog.verifier, "王科长")
        dialog.date.setDate(QDate(2014, 10, 30))
        type_text(qtbot, dialog.evidence, "督查〔2014〕5号")
        assert ok_enabled(dialog)

    shown = fill_dialogs(monkeypatch, close)
    menu.update_enabled()
    assert menu.close_out.isEnabled() and not menu.reopen.isEnabled()
    menu.close_out.trigger()
    assert shown == ["CloseOutDialog"]
    node = load_nodes([window.task_id])[window.task_id]
    assert (node.status, node.closed_by) == ("closed", "王科长")
    (closing,) = task_history(window.task_id).close_outs
    assert (closing.date, closing.evidence, closing.who) == (
        date(2014, 10, 30),
        "督查〔2014〕5号",
        "李文书",
    )
    assert window.current_item().record.status == "closed"  # the tree followed the change
    window.undo_stack.undo()
    assert load_nodes([window.task_id])[window.task_id].status == "done"
    assert task_history(window.task_id).close_outs == []


def test_progress_and_extension_dialogs(qtbot, window, monkeypatch):
    def progress(dialog: ProgressDialog):
        assert dialog.unit.currentText() == "单位1"  # the task's lead unit first
        assert not ok_enabled(dialog)
        dialog.text.setPlainText("已召开专题会议部署")
        assert ok_enabled(dialog)

    def extension(dialog: ExtensionDialog):
        assert dialog.new_due.minimumDate() == QDate(2015, 1, 1)
        dialog.new_due.setDate(QDate(2015, 3, 31))
        dialog.reason.setPlainText("涉及跨部门协调")
        type_text(qtbot, dialog.approver, "张主任")

    fill_dialogs(monkeypatch, progress, extension)
    window.ledger_menu.add_progress.trigger()
    window.ledger_menu.extension.trigger()
    history = task_history(window.task_id)
    assert [(p.text, p.unit, p.recorded_by, p.date) for p in history.progress] == [
        ("已召开专题会议部署", "单位1", "李文书", TODAY)
    ]
    (extension_row,) = history.extensions
    assert (extension_row.old_due_date, extension_row.new_due_date, extension_row.approver) == (
        date(2014, 12, 31), date(2015, 3, 31), "张主任",
    )  # fmt: skip
    assert load_nodes([window.task_id])[window.task_id].deadline_text == "2015年3月31日前"
    assert window.undo_stack.undoText() == "延期申请"


def test_plan_evaluation_shows_the_rate_against_eighty_percent(window, monkeypatch):
    def votes(dialog: EvaluationDialog):
        dialog.counts["good"].setValue(30)
        dialog.counts["fairly_good"].setValue(40)
        dialog.counts["average"].setValue(20)
        dialog.counts["poor"].setValue(10)
        assert "70%" in dialog.rate.text() and "低于 80%" in dialog.rate.text()

    fill_dialogs(monkeypatch, votes)
    window.ledger_menu.plan_evaluation.trigger()
    (record,) = evaluations(plan_id=window.plan_id)
    assert (record.good, record.fairly_good, record.average, record.poor, record.who) == (
        30, 40, 20, 10, "李文书",
    )  # fmt: skip


def test_ledger_overview_opens_a_task_in_the_tree(qtbot, window):
    ledger = window.ledger_menu.show_ledger()
    qtbot.waitExposed(ledger)
    assert ledger.view.model.rowCount() == 2
    other = load_plan(window.plan_id).tasks()[1].id
    ledger.view.task_activated.emit(other)
    assert window.current_item().id == other
    window.set_status("in_progress")
    row = ledger.view.model.row_of_task(other)
    assert ledger.view.model.row_at(row).task.status == "in_progress"


def test_clerk_is_asked_once(qtbot, database, monkeypatch):
    assert needs_asking()

    def name(dialog: ClerkDialog):
        dialog.name.clear()
        assert not ok_enabled(dialog)
        type_text(qtbot, dialog.name, "李文书")

    shown = fill_dialogs(monkeypatch, name)
    assert not ask_clerk_if_needed(None)  # offscreen: nobody to answer, nothing asked
    assert shown == [] and needs_asking()
    assert ask_clerk_if_needed(None, ask=True)
    assert not ask_clerk_if_needed(None, ask=True)
    assert shown == ["ClerkDialog"] and current_clerk() == "李文书"


def test_statistics_window_follows_changes(qtbot, window):
    board = window.ledger_menu.show_dashboard().board
    qtbot.waitExposed(board)
    assert board.data.summary.total.tasks == 2
    window.set_status("done")
    assert board.data.summary.by_status["done"] == 1


def test_bulletin_and_reminders_from_the_menu(window, monkeypatch, tmp_path):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    target = tmp_path / "通报.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    assert window.ledger_menu.ask_bulletin() == target and target.stat().st_size > 0
    window.ledger_menu.today = lambda: date(2015, 1, 5)
    written = window.ledger_menu.ask_reminders()  # every task due 2014-12-31: all overdue
    assert sorted(p.name for p in written) == ["催办单_单位1.xlsx", "催办单_单位2.xlsx"]
    assert told == [f"已在“{tmp_path}”生成 2 份催办单。"]
    assert load_workbook(written[0]).active["A1"].value == "整改任务催办单"
