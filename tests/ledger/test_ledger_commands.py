"""Undo and redo of the ledger actions through the undo stack."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoStack

from db.ledger_queries import task_history
from db.models import Node
from db.queries import load_nodes
from desktop.ledger.evaluation import Votes
from desktop.operations.ledger_commands import (
    AddProgressCommand,
    CloseOutCommand,
    EvaluationCommand,
    ExtensionCommand,
    SetStatusCommand,
)
from desktop.operations.undo import ChangeHub, run_command
from tests.helpers.builders import build_plan


def test_status_close_out_progress_undo_and_redo(qapp, ledger_db):
    build_plan(sections=1, tasks_per_section=1)
    task_id = Node.get(Node.kind == "task").id
    hub, stack = ChangeHub(), QUndoStack()
    changes = []
    hub.changed.connect(changes.append)
    run_command(stack, SetStatusCommand(hub, task_id, "done", "李文书", date(2014, 10, 1)))
    run_command(stack, CloseOutCommand(hub, task_id, "王科长", "李文书", date(2014, 10, 2)))
    run_command(stack, AddProgressCommand(hub, task_id, "全部完成", "李文书", date(2014, 10, 2)))
    assert stack.undoText() == "添加进展" and load_nodes([task_id])[task_id].status == "closed"
    for _ in range(3):
        stack.undo()
    history = task_history(task_id)
    assert load_nodes([task_id])[task_id].status == "not_started"
    assert history.status_changes == [] and history.close_outs == [] and history.progress == []
    for _ in range(3):
        stack.redo()
    history = task_history(task_id)
    assert load_nodes([task_id])[task_id].status == "closed"
    assert [e.to_status for e in history.status_changes] == ["done", "closed"]
    assert len(history.progress) == 1 and all(c.nodes == {task_id} for c in changes)


def test_extension_and_evaluation_undo(qapp, ledger_db):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    task_id = Node.get(Node.kind == "task").id
    hub, stack = ChangeHub(), QUndoStack()
    run_command(stack, ExtensionCommand(hub, task_id, date(2015, 6, 30), "汛期影响", "李文书"))
    run_command(stack, EvaluationCommand(hub, Votes(8, 1, 1, 0), "李文书", plan_id=plan_id))
    stack.undo()
    stack.undo()
    assert load_nodes([task_id])[task_id].due_date == date(2014, 12, 31)
    stack.redo()
    assert load_nodes([task_id])[task_id].due_date == date(2015, 6, 30)
