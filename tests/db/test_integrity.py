from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from db import integrity
from db.database import DatabaseDamaged, DatabaseOpenError, close_database, open_database

PAGE = 4096


def _ledger_with_rows(path, rows: int = 400) -> None:
    open_database(path)
    close_database()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO plan (title, issuer, kind, notes, position, created_at, updated_at) "
            "VALUES ('甲方案', '', '', '', 0, '2024-01-01', '2024-01-01')"
        )
        connection.executemany(
            "INSERT INTO node (plan_id, position, kind, title, text, problem, goal, "
            "deadline_text, status, closed_by, remarks, created_at, updated_at) "
            "VALUES (1, ?, 'task', ?, ?, '', '', '', 'not_started', '', '', '2024', '2024')",
            [(i, f"任务{i}", "加强组织领导，完善工作机制。" * 10) for i in range(rows)],
        )
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode = delete")
    connection.close()


def _damage_a_page(path) -> None:
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    assert pages > 10
    start = (pages // 2) * PAGE
    data[start : start + 64] = b"\xff" * 64  # the b-tree page header becomes nonsense
    path.write_bytes(bytes(data))


def test_sound_file_passes_the_checks(db_path):
    _ledger_with_rows(db_path)
    assert integrity.check_file(db_path) == []
    assert integrity.check_file(db_path, full=False) == []


def test_damaged_page_is_refused_on_open_and_the_file_is_left_as_it_was(db_path):
    _ledger_with_rows(db_path)
    _damage_a_page(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(db_path)
    assert "已损坏" in str(caught.value) and "ledger.db" in str(caught.value)
    assert caught.value.problems
    assert isinstance(caught.value, DatabaseOpenError)  # callers that only know the base
    assert db_path.read_bytes() == before
    assert not db_path.with_name("ledger.db-wal").exists()
    assert integrity.check_file(db_path) != []


def test_big_files_are_checked_once_a_day(db_path, monkeypatch):
    _ledger_with_rows(db_path, rows=50)
    monkeypatch.setattr(integrity, "EVERY_OPEN_BYTES", 1024)
    today = date(2024, 5, 6)
    assert integrity.check_due(db_path, today)
    integrity.mark_checked(db_path, today)
    assert not integrity.check_due(db_path, today)
    assert integrity.check_due(db_path, date(2024, 5, 7))


def test_small_files_are_checked_on_every_open(db_path):
    _ledger_with_rows(db_path, rows=5)
    integrity.mark_checked(db_path)
    assert integrity.check_due(db_path)
    assert not integrity.stamp_path(db_path).exists()


def test_check_file_reports_a_file_sqlite_cannot_read(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"not a database" * 500)
    assert integrity.check_file(path)
