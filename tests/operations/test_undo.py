from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from db.queries import load_plan
from desktop.operations import Change, OperationError
from desktop.operations.nodes import add_node, delete_node, restore_node, update_node
from desktop.operations.plans import create_plan
from desktop.operations.undo import ChangeHub, OperationCommand, run_command


class SetTitle(OperationCommand):
    def __init__(self, hub, node_id, old, new):
        super().__init__(hub, "修改任务名称")
        self.node_id, self.old, self.new = node_id, old, new

    def do(self) -> Change:
        return update_node(self.node_id, title=self.new)

    def revert(self) -> Change:
        return update_node(self.node_id, title=self.old)


class Delete(OperationCommand):
    def __init__(self, hub, node_id):
        super().__init__(hub, "删除")
        self.node_id = node_id
        self.snapshot = None

    def do(self) -> Change:
        self.snapshot, change = delete_node(self.node_id)
        return change

    def revert(self) -> Change:
        return restore_node(self.snapshot)


def test_command_runs_once_on_push_and_reports_each_change(qapp, database):
    plan_id, _ = create_plan("甲")
    node_id, _ = add_node(plan_id, None, None, "task", title="旧")
    hub, stack = ChangeHub(), QUndoStack()
    changes = []
    hub.changed.connect(changes.append)
    run_command(stack, SetTitle(hub, node_id, "旧", "新"))
    assert load_plan(plan_id).nodes[0].title == "新"
    assert stack.undoText() == "修改任务名称"
    stack.undo()
    assert load_plan(plan_id).nodes[0].title == "旧"
    stack.redo()
    assert load_plan(plan_id).nodes[0].title == "新"
    assert [c.nodes for c in changes] == [frozenset({node_id})] * 3


def test_refused_command_is_not_pushed(qapp, database):
    hub, stack = ChangeHub(), QUndoStack()
    with pytest.raises(OperationError):
        run_command(stack, Delete(hub, 12345))
    assert stack.count() == 0


def test_failed_undo_is_reported_and_dropped_not_raised(qapp, database):
    plan_id, _ = create_plan("甲")
    node_id, _ = add_node(plan_id, None, None, "task", title="旧")
    hub, stack = ChangeHub(), QUndoStack()
    failures = []
    hub.failed.connect(lambda action, error: failures.append(f"无法{action}：{error}"))
    run_command(stack, SetTitle(hub, node_id, "旧", "新"))
    delete_node(node_id)  # changed behind the stack's back
    stack.undo()
    assert failures and "无法撤销“修改任务名称”" in failures[0]
    assert stack.count() == 0
