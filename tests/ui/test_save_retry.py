"""A save that fails on a full disk keeps the typed text; 重试 after space was freed saves it,
取消 shows what is stored."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.operations import commands
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from tests.ui.test_command_runner import retype, stored_title


@pytest.fixture
def disk_full_once(monkeypatch):
    """The first save meets a full disk (SQLite's own message); later ones go through."""
    real = commands.update_node
    failures = []

    def full_then_real(node_id, **fields):
        if not failures:
            failures.append(node_id)
            raise sqlite3.OperationalError("database or disk is full")
        return real(node_id, **fields)

    monkeypatch.setattr(commands, "update_node", full_then_real)
    return failures


@pytest.fixture
def task(database):
    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="旧名称")
    return plan_id, node_id


@pytest.mark.parametrize("answer", [True, False], ids=["retry", "cancel"])
def test_a_full_disk_keeps_the_text_until_the_user_decides(
    qtbot, make_window, task, disk_full_once, answer
):
    plan_id, node_id = task
    window = make_window()
    asked = []

    def decide(parent, title, text):
        asked.append((text, window.editor.task_title.text()))
        return answer

    window.runner.retry = decide
    window.runner.warn = lambda parent, title, text: pytest.fail(text)
    window.select_node(node_id)
    retype(qtbot, window.editor.task_title, "新名称")

    assert len(disk_full_once) == 1 and len(asked) == 1
    text, shown = asked[0]
    assert "磁盘已满" in text and shown == "新名称"
    expected = "新名称" if answer else "旧名称"
    assert stored_title(plan_id, node_id) == expected
    assert window.editor.task_title.text() == expected
    assert window.undo_stack.count() == (1 if answer else 0)
