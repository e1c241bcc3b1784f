from __future__ import annotations

import sqlite3

import pytest

from db.backup import BackupError, backup_now
from db.database import close_database, open_database
from db.integrity import check_file
from db.models import Node
from db.recovery import newest_sound_backup, recover_from_backup, salvage, set_aside
from tests.db.ledger_files import damage_a_page, ledger_with_rows


def _count(path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        connection.close()


def test_damaged_ledger_is_set_aside_and_the_newest_sound_backup_put_back(db_path):
    ledger_with_rows(db_path, rows=300)
    older = backup_now(db_path)
    damage_a_page(db_path)
    damaged_bytes = db_path.read_bytes()
    info = newest_sound_backup(db_path)
    assert info is not None and info.path == older and info.tasks == 300
    aside = recover_from_backup(db_path, info.path)
    assert aside.name.startswith("ledger-damaged-") and aside.read_bytes() == damaged_bytes
    assert check_file(db_path) == []
    open_database(db_path)
    try:
        assert Node.select().count() == 300
    finally:
        close_database()


def test_a_damaged_backup_is_never_offered(db_path):
    ledger_with_rows(db_path, rows=300)
    bad = backup_now(db_path)
    damage_a_page(bad)
    assert newest_sound_backup(db_path) is None
    with pytest.raises(BackupError, match="也已损坏"):
        recover_from_backup(db_path, bad)


def test_salvage_copies_every_readable_row_into_a_sound_file(db_path, tmp_path):
    ledger_with_rows(db_path, rows=400)
    damage_a_page(db_path)
    report = salvage(db_path, tmp_path / "抢救.db")
    assert check_file(report.target) == []
    assert report.copied["plan"] == 1
    assert 0 < report.copied["node"] < 400
    assert report.copied["node"] + report.lost["node"] >= 390  # the damaged page's rows
    assert not report.complete
    assert _count(report.target, "node") == report.copied["node"]
    open_database(report.target)  # a ledger the program opens like any other
    close_database()


def test_salvage_of_a_sound_file_is_complete(db_path, tmp_path):
    ledger_with_rows(db_path, rows=50)
    report = salvage(db_path, tmp_path / "copy.db")
    assert report.complete and report.copied["node"] == 50


def test_set_aside_takes_the_wal_along(db_path):
    open_database(db_path)
    close_database()
    db_path.with_name("ledger.db-wal").write_bytes(b"wal")
    aside = set_aside(db_path, label="old")
    assert not db_path.exists()
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"wal"


def test_the_damaged_message_names_the_newest_sound_backup(db_path):
    from db.database import DatabaseDamaged

    ledger_with_rows(db_path, rows=300)
    made = backup_now(db_path)
    damage_a_page(db_path)
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(db_path)
    assert caught.value.backup is not None and caught.value.backup.path == made
    assert f"最近一个完好的备份是“{made.name}”" in str(caught.value)
    assert "300 项任务" in str(caught.value)
