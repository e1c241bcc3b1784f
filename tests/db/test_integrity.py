from __future__ import annotations

from datetime import date

import pytest

from db import integrity
from db.database import DatabaseDamaged, DatabaseOpenError, open_database
from tests.db.ledger_files import damage_a_page, ledger_with_rows


def test_sound_file_passes_the_checks(db_path):
    ledger_with_rows(db_path)
    assert integrity.check_file(db_path) == []
    assert integrity.check_file(db_path, full=False) == []


def test_damaged_page_is_refused_on_open_and_the_file_is_left_as_it_was(db_path):
    ledger_with_rows(db_path)
    damage_a_page(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(db_path)
    assert "已损坏" in str(caught.value) and "ledger.db" in str(caught.value)
    assert caught.value.problems
    assert caught.value.backup is None and "没有完好的备份" in str(caught.value)
    assert isinstance(caught.value, DatabaseOpenError)  # callers that only know the base
    assert db_path.read_bytes() == before
    assert not db_path.with_name("ledger.db-wal").exists()
    assert integrity.check_file(db_path) != []


def test_big_files_are_checked_once_a_day(db_path, monkeypatch):
    ledger_with_rows(db_path, rows=50)
    monkeypatch.setattr(integrity, "EVERY_OPEN_BYTES", 1024)
    today = date(2024, 5, 6)
    assert integrity.check_due(db_path, today)
    integrity.mark_checked(db_path, today)
    assert not integrity.check_due(db_path, today)
    assert integrity.check_due(db_path, date(2024, 5, 7))


def test_small_files_are_checked_on_every_open(db_path):
    ledger_with_rows(db_path, rows=5)
    integrity.mark_checked(db_path)
    assert integrity.check_due(db_path)
    assert not integrity.stamp_path(db_path).exists()


def test_check_file_reports_a_file_sqlite_cannot_read(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"not a database" * 500)
    assert integrity.check_file(path)
