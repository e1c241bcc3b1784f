"""文件 → 连接服务器数据库…: the connection dialog, the password dialog, recent servers, and
switching the open window to another ledger without losing what was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from db.location import ServerLocation
from desktop import credentials
from desktop.ui.server_dialog import (
    PasswordDialog,
    ServerDialog,
    recent_servers,
    remember_server,
)

OFFICE = ServerLocation(host="192.168.1.10", dbname="ledger", user="zhang", port=5433)


@pytest.fixture
def store(memory_store):
    return memory_store


@pytest.fixture
def no_store():
    credentials.use_store(None)
    yield
    credentials.reset_store()


def test_recent_servers_keep_addresses_only_the_latest_first(settings):
    remember_server(settings, OFFICE.with_password("secret"))
    other = ServerLocation(host="db.example.gov.cn", dbname="taizhang", user="li")
    remember_server(settings, other)
    remember_server(settings, OFFICE)
    assert recent_servers(settings) == [OFFICE, other]
    stored = [settings.value(key) for key in settings.allKeys()]
    assert "secret" not in str(stored)


def test_the_dialog_names_the_server_to_connect_to(qtbot, settings, store, tmp_path):
    dialog = ServerDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.port.value() == 5432 and not dialog.recent_box.isVisible()
    dialog.host.setText(" 192.168.1.10 ")
    dialog.port.setValue(5433)
    dialog.dbname.setText("ledger")
    dialog.user.setText("zhang")
    dialog.password.setText("pw")
    dialog.remember.setChecked(True)
    dialog.show()
    dialog.grab().save(str(tmp_path / "server_dialog.png"))
    location = dialog.location()
    assert location == OFFICE and location.password == "pw"
    assert dialog.remember.isEnabled() and not dialog.no_store.isVisible()


def test_a_missing_field_is_named_and_the_dialog_stays(qtbot, settings, store):
    dialog = ServerDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host.setText("192.168.1.10")
    dialog.user.setText("zhang")
    dialog.connect_button.click()
    assert dialog.isVisible() and dialog.message.text() == "请填写“数据库”"


def test_a_recent_server_fills_the_fields_and_its_kept_password_ticks_the_box(
    qtbot, settings, store, tmp_path
):
    other = ServerLocation(host="db.example.gov.cn", dbname="taizhang", user="li")
    remember_server(settings, other)
    remember_server(settings, OFFICE)
    store.kept[other.display()] = "kept"
    dialog = ServerDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.host.text() == OFFICE.host and not dialog.remember.isChecked()
    dialog.recent_box.setCurrentIndex(2)
    assert (dialog.host.text(), dialog.dbname.text(), dialog.user.text()) == (
        "db.example.gov.cn",
        "taizhang",
        "li",
    )
    assert dialog.port.value() == 5432 and dialog.remember.isChecked()
    assert dialog.password.text() == ""  # a kept password is never shown
    dialog.grab().save(str(tmp_path / "server_dialog_recent.png"))


def test_without_a_credential_store_the_box_is_off_and_says_why(
    qtbot, settings, no_store, tmp_path
):
    dialog = ServerDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isEnabled() and dialog.no_store.isVisible()
    assert dialog.no_store.text() == credentials.NO_STORE_TEXT
    dialog.grab().save(str(tmp_path / "server_dialog_no_store.png"))
    password = PasswordDialog(OFFICE)
    qtbot.addWidget(password)
    password.show()
    assert not password.remember.isEnabled() and password.no_store.isVisible()


def test_the_password_dialog_names_login_and_server_and_the_last_problem(qtbot, store, tmp_path):
    dialog = PasswordDialog(OFFICE, "登录名“zhang”或密码不正确（服务器 192.168.1.10:5433）", True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(type(dialog.message))]
    assert any("192.168.1.10:5433" in text and "“zhang”的密码" in text for text in texts)
    assert dialog.message.isVisible() and dialog.remember.isChecked()
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    dialog.grab().save(str(tmp_path / "password_dialog.png"))

    dialog.close()

    def answer() -> None:
        asking = QApplication.activeModalWidget()
        if not isinstance(asking, PasswordDialog):
            QTimer.singleShot(20, answer)
            return
        asking.password.setText("typed")
        asking.connect_button.click()

    QTimer.singleShot(0, answer)
    assert PasswordDialog.ask(None, OFFICE) == ("typed", False)


def test_connecting_from_the_window_saves_the_typed_text_and_asks_for_a_switch(
    qtbot, make_window, monkeypatch
):
    from desktop.operations.nodes import add_node
    from desktop.operations.plans import create_plan
    from desktop.ui import server_dialog
    from tests.ui.test_command_runner import stored_title

    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="旧名称")
    window = make_window()
    window.select_node(node_id)
    window.editor.task_title.setFocus()
    window.editor.task_title.setText("刚输入的名称")  # typed, not yet left
    monkeypatch.setattr(server_dialog, "ask_server", lambda *args: (OFFICE, True))
    window.actions.connect_server.trigger()
    assert stored_title(plan_id, node_id) == "刚输入的名称"
    assert not window.isVisible()
    assert window.switch_request.location == OFFICE and window.switch_request.remember


def test_cancelling_the_dialog_keeps_the_window(qtbot, make_window, monkeypatch):
    from desktop.ui import server_dialog

    window = make_window()
    monkeypatch.setattr(server_dialog, "ask_server", lambda *args: None)
    window.actions.connect_server.trigger()
    assert window.isVisible() and window.switch_request is None


def test_the_window_opens_on_the_server_from_the_command_line(
    tmp_path, server_database, server_location
):
    """`python -m desktop --db postgresql://…` opens the window on the server ledger."""
    import os
    import subprocess
    import sys

    from tests.helpers.cli import ROOT

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path),
        LEDGER_QUIT_AFTER_MS="300",
        LEDGER_SCREENSHOT=str(tmp_path / "window.png"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", server_location.url(with_password=True)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    log = (tmp_path / "zhenggai" / "ledger" / "logs" / "ledger.log").read_text("utf-8")
    assert server_location.display() in log and server_location.password not in log


def test_the_switch_request_opens_the_other_ledger(qapp, db_path, settings, monkeypatch):
    from desktop import app as app_module
    from desktop.ui.server_menu import SwitchRequest

    opened = app_module.open_for_window(SwitchRequest(db_path))
    try:
        assert opened is not None and not opened.read_only and not opened.server
    finally:
        from db.database import close_database

        close_database()
    assert db_path.is_file()


class FakeStarts:
    """Stands in for opening and showing: records what the program opened, in order."""

    def __init__(self, refuse=(), switches=()) -> None:
        self.opened: list[object] = []
        self.refuse = set(refuse)
        self.switches = list(switches)

    def open(self, request, settings=None):
        from desktop.ui.recovery import Opened

        self.opened.append(request.location)
        if request.location in self.refuse:
            return None
        return Opened(server=isinstance(request.location, ServerLocation))

    def show(self, app, location, opened):
        return 0, (self.switches.pop(0) if self.switches else None)


@pytest.fixture
def starts(monkeypatch):
    from desktop import app as app_module

    def install(**kwargs):
        fake = FakeStarts(**kwargs)
        monkeypatch.setattr(app_module, "open_for_window", fake.open)
        monkeypatch.setattr(app_module, "_show_window", fake.show)
        return fake

    return install


def test_a_switch_to_a_server_that_refuses_reopens_the_previous_ledger(
    qapp, starts, db_path, settings
):
    from desktop.app import run_window
    from desktop.ui.server_menu import SwitchRequest, last_server

    fake = starts(refuse={OFFICE}, switches=[SwitchRequest(OFFICE, True)])
    assert run_window(db_path, settings=settings) == 0
    assert fake.opened == [db_path, OFFICE, db_path]
    assert last_server(settings) is None  # closed on the file


def test_a_window_closed_on_a_server_opens_there_at_the_next_plain_start(
    qapp, starts, db_path, settings
):
    from desktop.app import run_window
    from desktop.ui.server_menu import SwitchRequest, last_server

    first = starts(switches=[SwitchRequest(OFFICE.with_password("pw"), False)])
    assert run_window(db_path, settings=settings) == 0
    assert first.opened == [db_path, OFFICE]
    assert last_server(settings) == OFFICE
    assert "pw" not in str([settings.value(key) for key in settings.allKeys()])

    again = starts()
    assert run_window(db_path, follow_last=True, settings=settings) == 0
    assert again.opened == [OFFICE]

    unreachable = starts(refuse={OFFICE})
    assert run_window(db_path, follow_last=True, settings=settings) == 0
    assert unreachable.opened == [OFFICE, db_path]  # the local file instead
    assert last_server(settings) is None

    explicit = starts()
    run_window(db_path, follow_last=False, settings=settings)
    assert explicit.opened == [db_path]


def test_another_database_file_opens_in_place_of_the_current_one(
    qtbot, make_window, db_path, tmp_path, monkeypatch
):
    from desktop.ui import server_menu

    window = make_window()
    other = tmp_path / "another.db"
    monkeypatch.setattr(server_menu, "choose_file", lambda parent, folder: "")
    window.actions.open_file.trigger()
    assert window.isVisible() and window.switch_request is None
    monkeypatch.setattr(server_menu, "choose_file", lambda parent, folder: str(db_path))
    window.actions.open_file.trigger()
    assert window.isVisible() and window.switch_request is None  # the same file: nothing
    monkeypatch.setattr(server_menu, "choose_file", lambda parent, folder: str(other))
    window.actions.open_file.trigger()
    assert not window.isVisible() and window.switch_request.location == other
