"""The 进展情况 and 修改记录 tabs of a task, newest first, with who."""

from __future__ import annotations

from datetime import date

from db.models import Node
from desktop.operations.ledger_ops import (
    add_progress,
    close_out,
    record_field_changes,
    reopen,
    request_extension,
    set_status,
)
from desktop.ui.ledger_history import TaskLedgerPanel
from tests.helpers.builders import build_plan


def cells(table):
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def test_panel_lists_progress_and_every_kind_of_change(qtbot, ledger_db):
    build_plan(sections=1, tasks_per_section=1)
    task = Node.get(Node.kind == "task").id
    add_progress(task, "召开部署会", "李文书", date(2014, 9, 1), "单位1")
    add_progress(task, "完成调研", "李文书", date(2014, 10, 1))
    request_extension(task, date(2015, 3, 31), "跨部门协调", "李文书", "张主任", date(2014, 9, 5))
    set_status(task, "done", "李文书", date(2014, 10, 2))
    close_out(
        task, "王科长", "李文书", date(2014, 10, 3), evidence="纪要5号", today=date(2014, 10, 3)
    )
    reopen(task, "复查反弹", "张主任", date(2014, 10, 9))
    record_field_changes(task, {"goal": "见效"}, {"goal": "明显见效"}, "赵五")
    TODAY = date.today().isoformat()  # noqa: N806 - field edits are dated when entered
    panel = TaskLedgerPanel()
    qtbot.addWidget(panel)
    panel.show_task(task)
    assert cells(panel.progress) == [
        ("2014-10-01", "", "完成调研", "李文书"),
        ("2014-09-01", "单位1", "召开部署会", "李文书"),
    ]
    assert cells(panel.changes) == [
        (TODAY, "修改整改目标", "见效", "明显见效", "赵五"),
        (TODAY, "修改完成时限", "2014年12月底前", "2015年3月31日前", "李文书"),
        ("2014-10-09", "撤销销号：复查反弹", "已销号", "", "张主任"),
        ("2014-10-03", "销号（核验人：王科长）：佐证：纪要5号", "已完成", "已销号", "李文书"),
        ("2014-10-02", "设置状态", "未启动", "已完成", "李文书"),
        ("2014-09-05", "延期申请：跨部门协调（批准人：张主任）", "2014年12月底前",
         "2015年3月31日前", "李文书"),
    ]  # fmt: skip
    panel.show_task(None)
    assert panel.progress.rowCount() == 0 and panel.changes.rowCount() == 0
