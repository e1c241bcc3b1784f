"""Start-up with a damaged ledger or one another window holds, on real files."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QWidget

from db.backup import backup_file, backup_now, new_backup_path
from db.database import close_database
from db.instance_lock import InstanceLock, lock_path
from db.models import Node
from desktop.ui import recovery, single_instance
from desktop.ui.recovery import QUIT, READ_ONLY, RESTORE, SALVAGE, Opened, open_for_window
from tests.db.ledger_files import damage_a_page, ledger_with_rows


@pytest.fixture
def answers(monkeypatch):
    """Questions the user is asked, answered from `answers.replies` (else the last button)."""

    class Answers:
        asked: list[tuple[str, str, tuple[str, ...]]] = []
        replies: list[str] = []

    Answers.asked, Answers.replies = [], []

    def ask(parent, title, text, buttons):
        Answers.asked.append((title, text, tuple(buttons)))
        return Answers.replies.pop(0) if Answers.replies else buttons[-1]

    monkeypatch.setattr(recovery, "ask", ask)
    yield Answers
    close_database()


def _asides(db_path):
    return sorted(db_path.parent.glob(f"{db_path.stem}-damaged-*{db_path.suffix}"))


def test_a_damaged_ledger_is_restored_from_the_newest_sound_backup(db_path, answers):
    ledger_with_rows(db_path, rows=300)
    backup = backup_now(db_path)
    damage_a_page(db_path)
    damaged = db_path.read_bytes()
    answers.replies = [RESTORE]

    assert open_for_window(db_path) == Opened(read_only=False)

    title, text, buttons = answers.asked[0]
    assert buttons == (RESTORE, QUIT)
    assert "已损坏" in text and backup.name in text and "300 项任务" in text
    assert "已恢复备份" in answers.asked[1][0]
    (aside,) = _asides(db_path)
    assert aside.read_bytes() == damaged  # never written to, only renamed
    assert aside.name in answers.asked[1][1]
    assert Node.select().count() == 300


def test_quitting_leaves_the_damaged_file_exactly_as_it_was(db_path, answers):
    ledger_with_rows(db_path, rows=300)
    backup_now(db_path)
    damage_a_page(db_path)
    damaged = db_path.read_bytes()

    assert open_for_window(db_path) is None  # 退出

    assert db_path.read_bytes() == damaged
    assert _asides(db_path) == []


def test_without_a_backup_what_can_be_read_is_salvaged_into_its_place(db_path, answers):
    ledger_with_rows(db_path, rows=400)
    damage_a_page(db_path)
    damaged = db_path.read_bytes()
    answers.replies = [SALVAGE]

    assert open_for_window(db_path) == Opened()

    assert answers.asked[0][2] == (SALVAGE, QUIT)
    assert "没有完好的备份" in answers.asked[0][1]
    (aside,) = _asides(db_path)
    assert aside.read_bytes() == damaged
    assert 0 < Node.select().count() < 400
    assert "无法读出" in answers.asked[1][1]


def _hold_from(db_path, host: str) -> InstanceLock:
    """Another window holds the ledger; its lock file names `host`."""
    lock = InstanceLock(db_path)
    lock.acquire()
    fd = os.open(lock_path(db_path), os.O_RDWR)
    try:
        os.write(fd, f"{host}\n4242\n2026-12-01 08:30\n".encode().ljust(256, b" "))
    finally:
        os.close(fd)
    return lock


def test_a_ledger_held_on_another_computer_names_it_and_opens_read_only(db_path, answers):
    ledger_with_rows(db_path, rows=20)
    lock = _hold_from(db_path, "办公室-PC2")
    try:
        answers.replies = [READ_ONLY]
        assert open_for_window(db_path) == Opened(read_only=True, holder="办公室-PC2")
        _title, text, buttons = answers.asked[0]
        assert buttons == (READ_ONLY, QUIT)
        assert "办公室-PC2" in text and "2026-12-01 08:30" in text
        assert Node.select().count() == 20
        with pytest.raises(Exception, match="readonly"):
            Node.update(title="改").execute()
    finally:
        lock.release()


def test_quitting_when_held_elsewhere_opens_nothing(db_path, answers):
    ledger_with_rows(db_path, rows=5)
    lock = _hold_from(db_path, "办公室-PC2")
    try:
        assert open_for_window(db_path) is None
    finally:
        lock.release()
    assert len(answers.asked) == 1


def test_a_second_start_on_this_computer_brings_the_first_window_forward(
    qtbot, db_path, answers, monkeypatch
):
    ledger_with_rows(db_path, rows=5)
    first = QWidget()
    qtbot.addWidget(first)
    raised = []
    monkeypatch.setattr(single_instance, "bring_to_front", raised.append)
    beacon = single_instance.WindowBeacon(first, db_path)
    assert beacon.listening
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        assert open_for_window(db_path) is None
        qtbot.waitUntil(lambda: raised == [first])
    finally:
        lock.release()
        beacon.close()
    assert answers.asked == []  # no question: the user works in the first window


def test_a_held_ledger_on_this_computer_without_an_answering_window_is_explained(db_path, answers):
    ledger_with_rows(db_path, rows=5)
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        assert open_for_window(db_path) is None
    finally:
        lock.release()
    assert "本机" in answers.asked[0][1]
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def test_a_second_program_started_on_the_ledger_brings_the_first_window_forward(
    qtbot, tmp_path, answers, monkeypatch
):
    """Two real processes: this one holds the ledger and listens, `python -m desktop` is
    started on the same file, finds it held here, calls this window and ends."""
    from tests.helpers.cli import run_window

    db_path = tmp_path / "ledger.db"
    ledger_with_rows(db_path, rows=5)
    first = QWidget()
    qtbot.addWidget(first)
    raised = []
    monkeypatch.setattr(single_instance, "bring_to_front", raised.append)
    beacon = single_instance.WindowBeacon(first, db_path)
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        second = run_window("desktop", tmp_path, LEDGER_QUIT_AFTER_MS="3000")
        qtbot.waitUntil(lambda: raised == [first])
    finally:
        lock.release()
        beacon.close()
    assert second.returncode == 1, second.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in second.stderr


def test_a_newer_backup_in_the_chosen_folder_is_offered(db_path, answers, monkeypatch, tmp_path):
    ledger_with_rows(db_path, rows=300)
    stick = tmp_path / "U盘"
    older = backup_now(db_path)  # in backups/ beside the ledger
    later = datetime.now() + timedelta(minutes=5)
    stick.mkdir()
    newer = backup_file(db_path, new_backup_path(db_path, when=later, folder=stick))
    monkeypatch.setattr(recovery, "chosen_folder", lambda: stick)
    damage_a_page(db_path)
    answers.replies = [RESTORE]
    assert open_for_window(db_path) == Opened(read_only=False)
    _title, text, _buttons = answers.asked[0]
    assert str(stick) in text and newer.name in text and older.name not in text
    assert newer.name in answers.asked[1][1]
    assert Node.select().count() == 300
