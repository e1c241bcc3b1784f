"""The command runner's one error policy, through the real window and a real database file."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt

from db.queries import load_plan
from desktop.logs import setup_logging
from desktop.operations import OperationError, commands
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from desktop.ui.command_runner import CommandRunner
from tests.helpers.typing import commit_text


@pytest.fixture
def task(database):
    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="旧名称")
    return plan_id, node_id


def seen_messages(runner: CommandRunner):
    warnings, bugs = [], []
    runner.warn = lambda parent, title, text: warnings.append(text)
    runner.bug = lambda parent, title, text: bugs.append((title, text))
    runner.retry = lambda parent, title, text: warnings.append(text) and False
    return warnings, bugs


def stored_title(plan_id, node_id):
    return next(n for n in load_plan(plan_id).walk() if n.id == node_id).title


def retype(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    commit_text(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@contextmanager
def write_lock_held(db_path, database):
    """Another program holds the write lock; our writes wait 50 ms, then fail as busy."""
    database.execute_sql("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db_path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.rollback()
        other.close()


@pytest.fixture
def locked(db_path, database):
    with write_lock_held(db_path, database) as other:
        yield other


def test_a_locked_database_on_the_first_run_is_reported_and_the_editor_shows_what_is_stored(
    qtbot, make_window, task, locked
):
    plan_id, node_id = task
    window = make_window()
    warnings, bugs = seen_messages(window.runner)
    window.select_node(node_id)
    retype(qtbot, window.editor.task_title, "新名称")

    assert len(warnings) == 1 and not bugs
    assert "无法保存“修改任务名称”" in warnings[0]
    assert "数据库正被其他程序占用" in warnings[0]
    assert stored_title(plan_id, node_id) == "旧名称"
    assert window.editor.task_title.text() == "旧名称"
    assert window.current_item().id == node_id
    assert window.undo_stack.count() == 0

    locked.rollback()  # the other program lets go: the same edit now saves
    retype(qtbot, window.editor.task_title, "新名称")
    assert stored_title(plan_id, node_id) == "新名称"
    assert window.undo_stack.count() == 1


def test_a_save_that_failed_on_a_lock_keeps_the_text_and_retries_when_asked(
    qtbot, make_window, task, db_path, database
):
    plan_id, node_id = task
    window = make_window()
    warnings, bugs = seen_messages(window.runner)
    asked = []
    with write_lock_held(db_path, database) as other:

        def retry_after_the_other_program_lets_go(parent, title, text):
            asked.append((title, text, window.editor.task_title.text()))
            if len(asked) == 2:
                other.rollback()  # the other program finishes; the user presses 重试
            return True

        window.runner.retry = retry_after_the_other_program_lets_go
        window.select_node(node_id)
        retype(qtbot, window.editor.task_title, "新名称")

    assert len(asked) == 2 and not warnings and not bugs
    title, text, shown = asked[0]
    assert title == "保存未完成" and "数据库正被其他程序占用" in text and "重试" in text
    assert shown == "新名称"  # the typed text stays on screen while the user decides
    assert stored_title(plan_id, node_id) == "新名称"
    assert window.editor.task_title.text() == "新名称"
    assert window.undo_stack.count() == 1
    window.runner.undo()
    assert stored_title(plan_id, node_id) == "旧名称"


def test_a_failed_undo_is_reported_dropped_and_the_views_reload(
    qtbot, make_window, task, db_path, database
):
    plan_id, node_id = task
    window = make_window()
    warnings, _bugs = seen_messages(window.runner)
    window.select_node(node_id)
    retype(qtbot, window.editor.task_title, "新名称")
    assert window.undo_stack.count() == 1
    with write_lock_held(db_path, database):
        assert window.runner.undo() is None
    assert len(warnings) == 1 and "无法撤销“修改任务名称”" in warnings[0]
    assert "占用" in warnings[0]
    assert window.undo_stack.count() == 0
    assert stored_title(plan_id, node_id) == "新名称"
    assert window.editor.task_title.text() == "新名称"


@pytest.fixture
def log_file(tmp_path):
    path = setup_logging("test.db", folder=tmp_path / "logs")
    yield path
    logger = logging.getLogger("ledger")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def test_an_unexpected_error_is_logged_and_shown_as_a_bug(
    qtbot, make_window, task, monkeypatch, log_file
):
    plan_id, node_id = task
    window = make_window()
    warnings, bugs = seen_messages(window.runner)

    def broken(node_id, **fields):
        raise KeyError("no such column")

    monkeypatch.setattr(commands, "update_node", broken)
    window.select_node(node_id)
    retype(qtbot, window.editor.task_title, "新名称")
    assert not warnings and len(bugs) == 1
    title, text = bugs[0]
    assert title == "程序出错" and "无法保存“修改任务名称”" in text and "日志" in text
    assert window.editor.task_title.text() == "旧名称"
    for handler in logging.getLogger("ledger").handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "run 修改任务名称" in logged
    assert "KeyError: 'no such column'" in logged and "Traceback" in logged


def test_a_refused_command_shows_its_message_and_leaves_no_step(qtbot, make_window, task):
    window = make_window()
    warnings, bugs = seen_messages(window.runner)
    assert not window.run(commands.DeleteNodeCommand(window.hub, 987654))
    assert len(warnings) == 1 and not bugs
    assert window.undo_stack.count() == 0


def test_flush_runs_every_hook_but_the_origin_and_never_reenters(qapp):
    runner = CommandRunner()
    calls = []
    editor, other = object(), object()
    runner.add_flush_hook(lambda: (calls.append("editor"), runner.flush()), owner=editor)
    runner.add_flush_hook(lambda: calls.append("other"), owner=other)
    runner.flush()
    assert calls == ["editor", "other"]
    calls.clear()
    runner.flush(origin=editor)
    assert calls == ["other"]
    runner.remove_flush_hooks(other)
    calls.clear()
    runner.flush()
    assert calls == ["editor"]


def test_guard_applies_the_policy_to_work_that_is_not_a_command(qapp, database):
    runner = CommandRunner()
    warnings, bugs = seen_messages(runner)
    reloads = []
    runner.hub.changed.connect(lambda change: reloads.append(change.reload))
    with runner.guard("导出分解表"):
        raise sqlite3.OperationalError("disk I/O error")
    with runner.guard("导出分解表"):
        raise OperationError("没有可导出的任务")
    assert warnings[0].startswith("无法导出分解表：读写磁盘出错")
    assert warnings[1] == "没有可导出的任务"
    assert reloads == [True] and not bugs


def test_the_editor_is_not_reloaded_by_its_own_edit_but_is_by_others(
    qtbot, make_window, task, monkeypatch
):
    plan_id, node_id = task
    window = make_window()
    seen_messages(window.runner)
    window.select_node(node_id)
    editor = window.editor
    origins, reloads = [], []
    window.hub.changed.connect(lambda change: origins.append(change.origin))
    monkeypatch.setattr(
        editor.task_leaders, "set_entries", lambda entries: reloads.append(list(entries))
    )
    retype(qtbot, editor.task_title, "新名称")
    assert origins == [editor] and reloads == []
    assert editor.task_title.text() == "新名称"

    window.runner.undo()  # not the editor's doing: it shows the stored value again
    assert origins == [editor, None] and reloads == [[]]
    assert editor.task_title.text() == "旧名称"


def test_pending_text_is_saved_before_an_action_from_the_menu(qtbot, make_window, task):
    plan_id, node_id = task
    window = make_window()
    window.select_node(node_id)
    goal = window.editor.task_goal
    goal.setFocus()
    commit_text(goal, "全部整改到位")  # typed, the box still has the cursor
    window.actions.add_sibling.trigger()
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert texts == ["修改整改目标", "新增任务"]
    goals = [n.goal for n in load_plan(plan_id).walk()]
    assert goals == ["全部整改到位", ""]


def test_help_opens_the_log_folder_and_the_bug_dialog_offers_it(
    qtbot, make_window, monkeypatch, tmp_path
):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.logs import log_folder
    from desktop.ui.command_runner import show_bug

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "data"))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = make_window()
    window.actions.open_logs.trigger()
    assert [url.toLocalFile() for url in opened] == [str(log_folder())]
    assert log_folder().is_dir()

    def press_open():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "意外错误" in box.text()
        next(b for b in box.buttons() if b.text() == "打开日志文件夹").click()

    QTimer.singleShot(0, press_open)
    show_bug(window, "程序出错", "无法保存“修改任务名称”：程序遇到了意外错误。")
    assert len(opened) == 2
