"""The log file and the exception hooks, without Qt."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from desktop import __version__
from desktop.logs import LOG_FILE_NAME, install_excepthooks, log_action, setup_logging


def read_log(path):
    for handler in logging.getLogger("ledger").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.fixture
def log_file(tmp_path):
    path = setup_logging(tmp_path / "数据" / "ledger.db", folder=tmp_path / "logs")
    yield path
    for handler in list(logging.getLogger("ledger").handlers):
        logging.getLogger("ledger").removeHandler(handler)
        handler.close()


def test_the_log_names_version_database_and_actions(log_file, tmp_path):
    assert log_file == tmp_path / "logs" / LOG_FILE_NAME
    log_action("修改任务名称")
    log_action("删除任务", "undo")
    text = read_log(log_file)
    assert __version__ in text and str(tmp_path / "数据" / "ledger.db") in text
    assert "run 修改任务名称" in text and "undo 删除任务" in text


def test_uncaught_exceptions_in_any_thread_go_to_the_log(log_file):
    seen = []
    before = (sys.excepthook, threading.excepthook)
    restore = install_excepthooks(seen.append)
    try:
        try:
            raise ValueError("坏了")
        except ValueError as error:
            sys.excepthook(type(error), error, error.__traceback__)
        thread = threading.Thread(target=lambda: 1 / 0, name="worker-1")
        thread.start()
        thread.join()
    finally:
        restore()
    assert [str(e) for e in seen] == ["坏了"]
    text = read_log(log_file)
    assert "ValueError: 坏了" in text and "Traceback" in text
    assert "in thread worker-1" in text and "ZeroDivisionError" in text
    assert (sys.excepthook, threading.excepthook) == before


def test_a_folder_that_cannot_be_written_leaves_the_program_without_a_log(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert setup_logging(None, folder=blocker / "logs") is None


def test_the_log_rotates(log_file, monkeypatch):
    handler = next(h for h in logging.getLogger("ledger").handlers if hasattr(h, "maxBytes"))
    monkeypatch.setattr(handler, "maxBytes", 2000)
    for number in range(200):
        log_action(f"修改任务名称 {number}")
    assert log_file.with_name(LOG_FILE_NAME + ".1").exists()
    assert log_file.stat().st_size <= 2000 + 200
