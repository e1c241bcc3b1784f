"""No network, ever: the main paths run with every socket connection made to fail.

Any attempt to connect (socket.connect / connect_ex, socket.create_connection, a name
lookup) raises and is recorded; each test also asserts that nothing tried, so code that
swallows the error is caught too.  Parse, import and export run through the real command
line.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import openpyxl
import pytest

from desktop import __version__, cli
from desktop.resources import resource_path
from desktop.smoke import QUIT_AFTER_VARIABLE
from tests.helpers.cli import run_window
from tests.helpers.network import NetworkAttempt, refuse_network


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Make every socket connection and name lookup fail; return the list of attempts."""
    return refuse_network(monkeypatch.setattr)


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


def test_window_starts_and_quits(tmp_path):
    """In a process of its own: a quit event loop would end every later dialog's exec()."""
    result = run_window("tests.helpers.network", tmp_path, **{QUIT_AFTER_VARIABLE: "200"})
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "network attempts: 0" in result.stderr.decode("utf-8")


def _count_tasks(nodes: list[dict]) -> int:
    return sum((node["kind"] == "task") + _count_tasks(node["children"]) for node in nodes)


def _sample() -> Path:
    return resource_path("sample_plan.txt")


def test_parse(no_network, capsys):
    assert cli.main(["parse", str(_sample())]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "plan-parse/1"
    assert _count_tasks(document["plans"][0]["nodes"]) > 0
    assert no_network == []


def test_import_then_export(no_network, capsys, tmp_path):
    database = tmp_path / "ledger.db"
    assert cli.main(["--db", str(database), "import", str(_sample())]) == 0
    assert capsys.readouterr().out.startswith("plan 1:")
    out = tmp_path / "分解表.xlsx"
    assert cli.main(["--db", str(database), "export", "--plan", "1", "--out", str(out)]) == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook.worksheets[0].max_row > 1
    assert no_network == []
