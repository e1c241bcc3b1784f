"""No network, ever: the main paths run with every socket connection made to fail.

Any attempt to connect (socket.connect / connect_ex, socket.create_connection, a name
lookup) raises and is recorded; each test also asserts that nothing tried, so code that
swallows the error is caught too.  Parse, import and export run through the real command
line once desktop.importing / desktop.exporting exist, and are skipped until then.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from desktop import __version__, cli
from desktop.resources import resource_path
from desktop.smoke import QUIT_AFTER_VARIABLE


class NetworkAttempt(OSError):
    """Raised instead of any network connection."""


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Make every socket connection and name lookup fail; return the list of attempts."""
    attempts: list[str] = []

    def refuse(name: str):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkAttempt(f"network access attempted: {name}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_the_guard_refuses_connections(no_network):
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with socket.socket() as sock, pytest.raises(NetworkAttempt):
        sock.connect(("192.0.2.1", 80))
    assert len(no_network) == 2


def test_version(no_network, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out
    assert no_network == []


def test_window_starts_and_quits(no_network, qapp, tmp_path, monkeypatch):
    monkeypatch.setenv(QUIT_AFTER_VARIABLE, "50")
    database = tmp_path / "ledger.db"
    fired: list[bool] = []

    def safety_quit() -> None:  # keeps the suite from hanging if the switch is not wired
        fired.append(True)
        qapp.quit()

    QTimer.singleShot(10_000, qapp, safety_quit)
    started = time.monotonic()
    status = cli.main(["--db", str(database)])
    assert not fired, "run_window ignored LEDGER_QUIT_AFTER_MS (desktop.smoke not called)"
    assert status == 0 and time.monotonic() - started < 10
    assert no_network == []
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()


def _count_tasks(nodes: list[dict]) -> int:
    return sum((node["kind"] == "task") + _count_tasks(node["children"]) for node in nodes)


def _sample() -> Path:
    return resource_path("sample_plan.txt")


def _require(module: str, part: str) -> None:
    pytest.importorskip(module, reason=f"the {part} ({module}) is not merged yet")


def test_parse(no_network, capsys):
    _require("desktop.importing", "importer")
    assert cli.main(["parse", str(_sample())]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "plan-parse/1"
    assert _count_tasks(document["plans"][0]["nodes"]) > 0
    assert no_network == []


def test_import_then_export(no_network, capsys, tmp_path):
    _require("desktop.importing", "importer")
    _require("desktop.exporting", "exporter")
    openpyxl = pytest.importorskip("openpyxl")
    database = tmp_path / "ledger.db"
    assert cli.main(["--db", str(database), "import", str(_sample())]) == 0
    assert capsys.readouterr().out.startswith("plan 1:")
    out = tmp_path / "分解表.xlsx"
    assert cli.main(["--db", str(database), "export", "--plan", "1", "--out", str(out)]) == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook.worksheets[0].max_row > 1
    assert no_network == []
