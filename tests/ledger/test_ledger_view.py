"""The 台账 view on a real database: every task, lights, filters, sorting, double-click."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from db.models import Node
from desktop.operations.ledger_ops import add_progress, set_status
from desktop.operations.nodes import update_node
from desktop.ui.ledger_model import DAYS, ID, STATUS, TITLE
from desktop.ui.ledger_view import LedgerView
from tests.helpers.builders import build_plan
from tests.helpers.qt import type_text

TODAY = date(2014, 12, 25)


@pytest.fixture
def view(qtbot, ledger_db):
    build_plan("甲方案", sections=2, tasks_per_section=2)
    build_plan("乙方案", sections=1, tasks_per_section=2)
    widget = LedgerView(today=TODAY)
    qtbot.addWidget(widget)
    widget.reload()
    return widget


def column(view, col):
    model = view.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_every_task_across_plans_with_model_tester(view, qtmodeltester):
    assert view.model.rowCount() == 6 and view.count_label.text() == "共 6 项任务"
    qtmodeltester.check(view.model)
    assert column(view, TITLE) == [f"任务{n}" for n in (1, 2, 3, 4, 1, 2)]
    assert set(column(view, DAYS)) == {"6 天"}
    assert view.model.data(view.model.index(0, STATUS), Qt.ItemDataRole.DecorationRole)


def test_filters_combine_and_the_count_says_so(view, qtbot):
    view.plan_box.setCurrentIndex(view.plan_box.findText("乙方案"))
    assert view.model.rowCount() == 2 and view.count_label.text() == "显示 2 / 6 项任务"
    view.plan_box.setCurrentIndex(0)
    view.unit_box.setCurrentIndex(view.unit_box.findText("单位1"))
    assert column(view, TITLE) == ["任务1", "任务1"]
    view.unit_box.setCurrentIndex(0)
    type_text(qtbot, view.search, "ld1")  # 领导1 by initials
    assert view.model.rowCount() == 3
    view.search.clear()
    assert view.model.rowCount() == 6


def test_sorting_by_column_keeps_the_selection(view, qtmodeltester):
    view.select_task(Node.select(Node.id).where(Node.title == "任务3").scalar())
    selected = view.current_task_id()
    view.table.sortByColumn(ID, Qt.SortOrder.DescendingOrder)
    ids = column(view, ID)
    assert ids == sorted(ids, key=int, reverse=True)
    assert view.current_task_id() == selected
    qtmodeltester.check(view.model)


def test_changes_update_their_rows_and_the_window_filter(view):
    task_id = Node.select(Node.id).where(Node.kind == "task").order_by(Node.id).scalar()
    view.window_box.setCurrentIndex(view.window_box.findData("overdue"))
    assert view.model.rowCount() == 0
    change = update_node(task_id, due_date=date(2014, 12, 1))
    view.apply_change(change)
    assert view.model.visible_ids() == [task_id]
    _, change = set_status(task_id, "done", "李文书", TODAY)
    view.apply_change(change)
    assert view.model.rowCount() == 0
    view.window_box.setCurrentIndex(0)
    _, change = add_progress(task_id, "已全部完成", "李文书", TODAY)
    view.apply_change(change)
    row = view.model.row_of_task(task_id)
    assert view.model.data(view.model.index(row, STATUS)) == "已完成"
    assert "已全部完成" in view.model.row_at(row).latest_progress


def test_double_click_reports_the_task(view, qtbot):
    view.show()
    qtbot.waitExposed(view)
    index = view.model.index(2, TITLE)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.task_activated, timeout=1000) as blocker:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [view.model.data(index, Qt.ItemDataRole.UserRole + 1)]
