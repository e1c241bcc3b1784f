"""A lost connection to the server keeps the window open, says so, and saves the edit that
was being saved once the server answers again — or names the edit the user gave up.

The window reaches the test server through a TCP forwarder of the test's own (`Cable`):
pulling it out drops every connection and refuses new ones, as a network cable or a server
restart would; plugging it in lets connections through again.  The other clerk connects to
the server directly."""

from __future__ import annotations

import socket
import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from db.database import close_database
from db.postgres import open_server_database
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from desktop.ui.server_connection import BACK_TEXT, LOST_TEXT, ReconnectDialog
from tests.helpers.postgres import admin_connection
from tests.ui.test_command_runner import retype


class Cable:
    """A TCP forwarder to the server that can be pulled out and plugged in again."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.plugged = threading.Event()
        self.plugged.set()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._closing = False
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            if self._closing:
                client.close()
                return
            if not self.plugged.is_set():
                client.close()  # the cable is out: nobody answers
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                _drop(end)

    def pull_out(self) -> None:
        self.plugged.clear()
        with self._lock:
            ends, self._sockets = self._sockets, []
        for end in ends:
            _drop(end)

    def plug_in(self) -> None:
        self.plugged.set()

    def close(self) -> None:
        self._closing = True
        self.pull_out()
        try:  # wake the accepting thread, which then sees _closing and ends
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            pass
        self._accepting.join(timeout=2)
        self.listener.close()


def _drop(end: socket.socket) -> None:
    try:
        end.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    end.close()


@pytest.fixture
def cable(server_location):
    wire = Cable(server_location.host, server_location.port)
    yield wire
    wire.close()


@pytest.fixture
def over_cable(server_location, cable):
    """The server ledger opened through the cable (the models bound to it)."""
    location = replace(server_location, port=cable.port)
    open_server_database(location)
    yield location
    close_database()


@pytest.fixture
def task(over_cable):
    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="旧名称")
    return plan_id, node_id


@pytest.fixture
def window(qtbot, over_cable, task, settings):
    from desktop.ui.main_window import MainWindow

    made = MainWindow(over_cable, settings=settings)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()  # painted before the test ends (tree_search's first paint)
    assert QTest.qWaitForWindowActive(made)
    made.reconnector.interval_ms = 100
    made.runner.retry = lambda *args: pytest.fail("a lost connection does not ask 重试/取消")
    made.runner.bug = lambda parent, title, text: pytest.fail(text)
    return made


def stored_title(server_location, node_id: int) -> str:
    with admin_connection(server_location) as other:
        return other.execute('SELECT "title" FROM "node" WHERE "id" = %s', (node_id,)).fetchone()[0]


def _when_waiting(qtbot, action) -> list[str]:
    """Run `action(dialog)` once the reconnect window shows; what it saw is returned."""
    seen: list[str] = []

    def look() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, ReconnectDialog)), None
        )
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        seen.append(dialog.text.text())
        action(dialog)

    QTimer.singleShot(0, look)
    return seen


def test_an_edit_made_while_the_server_is_away_is_saved_when_it_is_back(
    qtbot, window, cable, task, server_location, tmp_path
):
    _plan_id, node_id = task
    window.select_node(node_id)
    cable.pull_out()
    status_then: list[str] = []

    def while_waiting(dialog) -> None:
        status_then.append(window.statusBar().currentMessage())
        status_then.append(window.editor.task_title.text())
        dialog.grab().save(str(tmp_path / "reconnect_dialog.png"))
        window.grab().save(str(tmp_path / "window_waiting.png"))
        assert stored_title(server_location, node_id) == "旧名称"
        QTimer.singleShot(300, cable.plug_in)  # the server is back a moment later

    seen = _when_waiting(qtbot, while_waiting)
    retype(qtbot, window.editor.task_title, "断线时输入的名称")

    assert seen and "“修改任务名称”尚未保存" in seen[0] and LOST_TEXT in seen[0]
    assert status_then == [LOST_TEXT, "断线时输入的名称"]
    assert stored_title(server_location, node_id) == "断线时输入的名称"
    assert window.editor.task_title.text() == "断线时输入的名称"
    assert window.statusBar().currentMessage() == BACK_TEXT
    assert window.undo_stack.count() == 1 and window.isVisible()


def test_a_backend_the_server_ended_is_replaced_and_the_edit_saved(
    qtbot, window, task, server_location
):
    from db.models import database

    _plan_id, node_id = task
    window.select_node(node_id)
    pid = database.obj.connection().info.backend_pid
    with admin_connection(server_location) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    retype(qtbot, window.editor.task_title, "服务器重启后保存的名称")
    assert stored_title(server_location, node_id) == "服务器重启后保存的名称"
    assert database.obj.connection().info.backend_pid != pid


def test_giving_the_edit_up_names_it_and_the_window_follows_the_server_when_back(
    qtbot, window, cable, task, server_location
):
    _plan_id, node_id = task
    window.select_node(node_id)
    cable.pull_out()
    _when_waiting(qtbot, lambda dialog: dialog.give_up.click())
    retype(qtbot, window.editor.task_title, "放弃的名称")

    assert window.reconnector.given_up == ["修改任务名称"]
    assert window.statusBar().currentMessage().startswith("“修改任务名称”未保存")
    assert window.editor.task_title.text() == "旧名称"  # the stored value, as last read
    assert window.isVisible() and window.undo_stack.count() == 0

    with admin_connection(server_location) as other_clerk:
        other_clerk.execute(
            'UPDATE "node" SET "title" = %s WHERE "id" = %s', ("别人改的名称", node_id)
        )
    cable.plug_in()
    window.tree.setFocus()
    qtbot.waitUntil(window.external_changes.tick, timeout=3000)
    assert window.model.node_item(node_id).record.title == "别人改的名称"
    assert stored_title(server_location, node_id) == "别人改的名称"


def test_a_lost_connection_while_idle_is_shown_and_followed_by_a_reload(
    qtbot, window, cable, task, server_location
):
    _plan_id, node_id = task
    window.select_node(node_id)
    window.tree.setFocus()
    external = window.external_changes
    cable.pull_out()
    assert not external.tick()
    assert external.lost and window.statusBar().currentMessage() == LOST_TEXT
    assert not external.tick()  # tried again, still away: said once, the window stays
    with admin_connection(server_location) as other_clerk:
        other_clerk.execute(
            'UPDATE "node" SET "title" = %s WHERE "id" = %s', ("断线期间别人改的", node_id)
        )
    cable.plug_in()
    qtbot.waitUntil(external.tick, timeout=3000)  # the port is asked in the background first
    assert not external.lost
    assert window.statusBar().currentMessage().startswith(BACK_TEXT)
    assert window.editor.task_title.text() == "断线期间别人改的"


def test_the_port_probe_answers_only_when_the_server_port_does(qtbot, monkeypatch):
    from desktop import server_status

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    monkeypatch.setattr(server_status, "_server_address", lambda: ("127.0.0.1", port))
    probe = server_status.ServerProbe(timeout_s=1)
    assert not probe.answers()  # started in the background; nothing known yet
    qtbot.waitUntil(probe.answers, timeout=2000)
    listener.close()
    assert not probe.answers()
    probe._thread.join(timeout=2)
    assert not probe.answers()  # the closed port refused: still no answer
    probe._thread.join(timeout=2)
