"""Two real programs on one ledger: the command line (`status`, `progress`, a process of its
own) edits a task while the window's operation saves it; on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from db.queries import load_nodes
from desktop.operations.commands import UpdateNodeCommand
from desktop.operations.conflicts import ConflictError
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from desktop.operations.undo import ChangeHub, run_command
from tests.helpers.cli import run_cli


def cli(location, *args: str) -> str:
    where = str(location) if isinstance(location, Path) else location.url(with_password=True)
    done = run_cli(args[0], "--db", where, *args[1:])
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_command_line_and_the_window_edit_one_task(qapp, database, ledger_location):
    plan_id, _ = create_plan("整改方案", year=2014)
    task, _ = add_node(plan_id, None, None, "task", title="原标题")
    seen = load_nodes([task])[task]  # what the window shows: version 1
    hub, stack = ChangeHub(), QUndoStack()

    cli(ledger_location, "progress", str(task), "已召开专题会议")  # adds a row, no new version
    cli(ledger_location, "status", str(task), "推进中", "--by", "王五")
    stored = load_nodes([task])[task]
    assert (stored.status, stored.version) == ("in_progress", 2)

    # the window's edit of another field goes over it and keeps the status
    title = UpdateNodeCommand(hub, task, {"title": "原标题"}, {"title": "新标题"}, "改", 1)
    run_command(stack, title)
    stored = load_nodes([task])[task]
    assert (stored.title, stored.status, stored.version) == ("新标题", "in_progress", 3)

    # its save of the status it saw as 未启动 is refused: both versions, with who and when
    status = UpdateNodeCommand(
        hub, task, {"status": seen.status}, {"status": "done"}, "改状态", seen.version
    )
    with pytest.raises(ConflictError) as caught:
        run_command(stack, status)
    theirs = caught.value.theirs
    assert caught.value.mine == {"status": "done"}
    assert theirs.values == {"status": "in_progress"} and theirs.version == 3
    assert theirs.who == "王五" and theirs.at is not None
    assert load_nodes([task])[task].status == "in_progress"
