"""The window on a server ledger (the 网络版): its title, what a file has and a server has
not, the clerk as the server login, other clerks' changes within seconds, a login that may
only read, and the password asked for and kept only when wanted."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtTest import QTest

from db.database import close_database
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from tests.helpers.postgres import admin_connection


@pytest.fixture
def server_window(qtbot, server_database, server_location, settings):
    from desktop.ui.main_window import MainWindow

    def make(location=None):
        window = MainWindow(location or server_location, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # painted before the test ends (tree_search's first paint)
        assert QTest.qWaitForWindowActive(window)
        return window

    return make


@pytest.fixture
def reader_login(server_location, server_database):
    """A login that may read the test's ledger and change nothing (as db/roles.py's
    read-only role would be granted)."""
    role = f"reader_{uuid.uuid4().hex[:10]}"
    with admin_connection(server_location) as admin:
        admin.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'read-only-pw'")
        admin.execute(f'GRANT USAGE ON SCHEMA "{server_location.schema}" TO "{role}"')
        admin.execute(
            f'GRANT SELECT ON ALL TABLES IN SCHEMA "{server_location.schema}" TO "{role}"'
        )
    try:
        yield server_location.__class__(
            host=server_location.host,
            port=server_location.port,
            dbname=server_location.dbname,
            user=role,
            schema=server_location.schema,
            password="read-only-pw",
        )
    finally:
        from db.models import database

        if database.obj is not None and getattr(database.obj, "location", None) is not None:
            if database.obj.location.user == role:
                database.obj.close()
        with admin_connection(server_location) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                (role,),
            )
            admin.execute(f'DROP OWNED BY "{role}"')
            admin.execute(f'DROP ROLE "{role}"')


def test_the_title_names_the_server_without_the_password(server_window, server_location):
    window = server_window()
    assert server_location.password
    assert server_location.display() in window.windowTitle()
    assert server_location.password not in window.windowTitle()
    assert window.status_database.text() == f"服务器：{server_location.display()}"
    assert window.db_path is None and window.is_server


def test_file_only_safety_is_left_out_on_a_server(server_window, monkeypatch):
    from desktop.ui import server_menu

    told = []
    monkeypatch.setattr(server_menu, "tell", lambda parent, title, text: told.append(text))
    window = server_window()
    assert window.auto_backup is None
    assert not hasattr(window, "beacon")
    backup, restore = window.backup_actions
    backup.trigger()
    restore.trigger()
    assert len(told) == 2 and "pg_dump" in told[0]
    file_menu = [action.text() for action in window.actions.file_menu.actions()]
    assert "连接服务器数据库…" in file_menu and "改用本机数据库文件" in file_menu
    assert window.actions.open_local.isVisible()


def test_the_clerk_on_a_server_is_the_login_and_is_never_asked(server_window, server_location):
    from desktop.ledger.clerk import current_clerk, needs_asking
    from desktop.operations.ledger_ops import set_clerk
    from desktop.ui.ledger_menu import ask_clerk_if_needed

    window = server_window()
    set_clerk("某位经办人")  # a name kept in the shared ledger is not the clerk on a server
    assert current_clerk() == server_location.user
    assert not needs_asking()
    assert not ask_clerk_if_needed(window, ask=True)
    assert not window.ledger_menu.clerk.isVisible()


def test_a_status_change_records_the_server_login(qtbot, server_window, server_location):
    from db.ledger_queries import task_history

    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="任务一")
    window = server_window()
    window.select_node(node_id)
    window.set_status("in_progress")
    events = task_history(node_id).status_changes
    assert [event.who for event in events] == [server_location.user]


def test_another_clerks_change_appears_within_five_seconds(qtbot, server_window, server_location):
    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="原来的任务名称")
    window = server_window()
    assert window.external_changes.timer.interval() <= 2000
    window.select_node(node_id)
    window.tree.setFocus()
    with admin_connection(server_location) as other_clerk:
        other_clerk.execute(
            'UPDATE "node" SET "title" = %s WHERE "id" = %s', ("另一位经办人改的名称", node_id)
        )
    qtbot.waitUntil(
        lambda: window.model.node_item(node_id).record.title == "另一位经办人改的名称",
        timeout=5000,
    )
    assert window.editor.task_title.text() == "另一位经办人改的名称"
    assert window.external_changes.reloads == 1


def test_the_windows_own_commits_are_not_taken_for_another_clerks(qtbot, server_window):
    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="任务")
    window = server_window()
    window.select_node(node_id)
    window.set_status("in_progress")
    assert not window.external_changes.tick()
    assert window.external_changes.reloads == 0


def test_a_login_that_may_only_read_opens_read_only_with_a_banner(
    qtbot, server_window, server_database, reader_login, tmp_path, settings
):
    from desktop.app import finish_window_start
    from desktop.ui.server_open import open_server_for_window

    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="任务")
    server_database.close()  # the reader's connection takes its place
    opened = open_server_for_window(reader_login, settings=settings)
    assert opened is not None and opened.read_only and opened.server
    close_database()
    window = server_window(reader_login)
    finish_window_start(window, reader_login, read_only=True)
    assert window.read_only and window.windowTitle().endswith("（只读）")
    banner = window.read_only_banner
    assert reader_login.user in banner.text() and "只能查看" in banner.text()
    window.select_node(node_id)
    assert banner.isVisible()
    assert not window.actions.delete.isEnabled() and not window.actions.add_sibling.isEnabled()
    assert window.editor.task_title.isReadOnly()
    window.grab().save(str(tmp_path / "read_only_window.png"))

    warned = []
    window.runner.warn = lambda parent, title, text: warned.append(text)
    window.runner.retry = lambda *args: pytest.fail("a refused grant is not retried")
    from desktop.operations.ledger_commands import SetStatusCommand

    assert not window.run(SetStatusCommand(window.hub, node_id, "done", "x"))
    assert warned and "没有这项操作的权限" in warned[0]


def test_the_password_is_asked_for_and_kept_only_when_wanted(
    qapp, server_database, server_location, settings, memory_store, monkeypatch
):
    from desktop.ui import server_open

    server_database.close()  # each open below binds a connection of its own
    password = server_location.password
    bare = server_location.with_password(None)
    asked = []

    def answer(remember):
        def ask(parent, location, problem, remembered):
            asked.append((location.user, problem))
            return password, remember

        return ask

    monkeypatch.setattr(server_open, "ask_password", answer(False))
    assert server_open.open_server_for_window(bare, settings=settings) is not None
    close_database()
    assert asked == [(bare.user, "")] and memory_store.kept == {}

    monkeypatch.setattr(server_open, "ask_password", answer(True))
    assert server_open.open_server_for_window(bare, settings=settings) is not None
    close_database()
    assert memory_store.kept == {bare.display(): password}

    monkeypatch.setattr(server_open, "ask_password", lambda *args: pytest.fail("kept"))
    assert server_open.open_server_for_window(bare, settings=settings) is not None
    close_database()

    from desktop.ui.server_dialog import recent_servers

    assert [location.display() for location in recent_servers(settings)] == [bare.display()]
    assert password not in str(settings.allKeys()) + str(
        [settings.value(key) for key in settings.allKeys()]
    )


def test_a_kept_password_that_no_longer_works_is_forgotten_and_asked_again(
    qapp, server_database, server_location, settings, memory_store, monkeypatch
):
    from desktop.ui import server_open

    server_database.close()
    bare = server_location.with_password(None)
    memory_store.kept[bare.display()] = "outdated"
    asked = []

    def ask(parent, location, problem, remember):
        asked.append(problem)
        return server_location.password, False

    monkeypatch.setattr(server_open, "ask_password", ask)
    assert server_open.open_server_for_window(bare, settings=settings) is not None
    close_database()
    assert len(asked) == 1 and "密码不正确" in asked[0]
    assert memory_store.kept == {}


def test_a_server_that_cannot_be_reached_is_told_and_nothing_opens(
    qapp, server_location, settings, memory_store, monkeypatch
):
    from desktop.ui import recovery, server_open

    told = []
    monkeypatch.setattr(recovery, "ask", lambda p, title, text, buttons: told.append(text))
    nowhere = server_location.__class__(
        host="127.0.0.1", port=1, dbname="ledger", user="nobody", password="x"
    )
    assert server_open.open_server_for_window(nowhere, settings=settings) is None
    assert len(told) == 1 and "无法连接服务器 127.0.0.1:1" in told[0]


def test_cancelling_the_password_opens_nothing(
    qapp, server_database, server_location, settings, memory_store, monkeypatch
):
    from desktop.ui import server_open

    server_database.close()
    monkeypatch.setattr(server_open, "ask_password", lambda *args: None)
    bare = server_location.with_password(None)
    assert server_open.open_server_for_window(bare, settings=settings) is None


def test_back_to_the_local_file_saves_first_and_asks_for_the_switch(server_window):
    from desktop.paths import default_database_path

    window = server_window()
    window.actions.open_local.trigger()
    assert not window.isVisible()
    assert window.switch_request.location == default_database_path()
