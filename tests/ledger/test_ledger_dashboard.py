"""The dashboard agrees with `report --json` for the same data, as of any date."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import QDate

from db.models import Node
from desktop.ledger.report import dashboard
from desktop.operations.ledger_ops import close_out, set_status
from desktop.ui.ledger_dashboard import LedgerDashboard
from tests.helpers.builders import build_plan
from tests.helpers.cli import run_main

TODAY = date(2015, 1, 10)


@pytest.fixture
def tasks(ledger_db):
    build_plan("甲方案", sections=2, tasks_per_section=3)  # due 2014-12-31
    ids = [n.id for n in Node.select().where(Node.kind == "task").order_by(Node.id)]
    set_status(ids[0], "done", "李文书", date(2014, 11, 20))
    close_out(ids[0], "王科长", "李文书", date(2014, 12, 5), today=TODAY)
    set_status(ids[1], "done", "李文书", date(2014, 12, 28))
    set_status(ids[2], "in_progress", "李文书", date(2014, 10, 1))
    set_status(ids[3], "ongoing", "李文书", date(2014, 9, 1))
    return ids


def test_dashboard_matches_report_json(qtbot, capsys, db_arg, tasks, qtmodeltester):
    board = LedgerDashboard(today=TODAY)
    qtbot.addWidget(board)
    board.as_of.setDate(QDate(2014, 12, 1))
    board.compare.setChecked(True)
    board.earlier.setDate(QDate(2014, 9, 30))
    data = board.data
    assert run_main("--db", db_arg, "report", "--json", "--as-of", "2014-12-01") == 0
    report = json.loads(capsys.readouterr().out)
    assert report == data.summary.as_json()
    assert report["by_status"] == {
        "not_started": 3, "in_progress": 1, "done": 1, "closed": 0, "ongoing": 1,
    }  # fmt: skip
    shown = {
        board.groups.index(r, 0).data(): board.groups.index(r, 1).data()
        for r in range(board.groups.rowCount())
    }
    assert shown == {unit: str(tally["tasks"]) for unit, tally in report["by_unit"].items()}
    assert board.groups.columnCount() == 9
    qtmodeltester.check(board.groups)
    assert "对比 2014年9月30日" in board.summary.text()
    assert len(board.chart.series()) == 1 and board.chart.series()[0].count() == 3


def test_overdue_list_as_of_after_the_deadline(qtbot, tasks):
    data = dashboard(TODAY, date(2014, 12, 1), by="leader", today=TODAY)
    assert [item.task.id for item in data.overdue] == [tasks[2], tasks[4], tasks[5]]
    assert {item.days_over for item in data.overdue} == {10}
    assert data.summary.by_status["closed"] == 1 and data.earlier.by_status["closed"] == 0
    assert sum(d.newly_finished for d in data.groups) == 1  # task 2 done; task 1 done → closed
    board = LedgerDashboard(today=TODAY)
    qtbot.addWidget(board)
    board.refresh()
    assert board.overdue.rowCount() == 3 and board.overdue_caption.text().startswith(
        "超期任务（3 项"
    )
    with qtbot.waitSignal(board.task_activated) as blocker:
        board.overdue.cellDoubleClicked.emit(0, 1)
    assert blocker.args == [tasks[2]]


def test_evaluations_are_listed_with_the_eighty_percent_line(qtbot, tasks):
    from desktop.ledger.evaluation import Votes
    from desktop.operations.ledger_ops import record_evaluation

    plan_id = Node.get_by_id(tasks[0]).plan_id
    record_evaluation(Votes(60, 25, 10, 5), "李文书", date(2014, 12, 20), plan_id=plan_id)
    record_evaluation(Votes(3, 4, 2, 1), "李文书", date(2015, 1, 5), leader="领导1")
    board = LedgerDashboard(today=TODAY)
    qtbot.addWidget(board)
    board.refresh()
    rows = [
        [board.evaluations.item(r, c).text() for c in range(board.evaluations.columnCount())]
        for r in range(board.evaluations.rowCount())
    ]
    assert rows == [
        ["领导1", "2015-01-05", "3", "4", "2", "1", "70%", "未达到"],
        ["甲方案", "2014-12-20", "60", "25", "10", "5", "85%", "达到"],
    ]
    assert board.evaluations_caption.text() == "评议（2 次，1 次低于 80%）"
