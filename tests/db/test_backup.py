from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from db import backup
from db.backup import BackupError, backup_file, daily_backup, list_backups, restore_backup
from db.database import close_database, open_database
from db.instance_lock import InstanceLock
from db.integrity import check_file
from db.models import Plan
from tests.db.ledger_files import damage_a_page, ledger_with_rows
from tests.helpers.builders import build_plan


def _titles(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT title FROM plan ORDER BY id")]
    finally:
        connection.close()


def test_backup_of_an_open_ledger_is_a_sound_single_file(db_path, tmp_path):
    open_database(db_path)
    try:
        build_plan("甲方案", sections=2, tasks_per_section=3)
        target = tmp_path / "copy" / "备份.db"
        target.parent.mkdir()
        assert backup_file(db_path, target) == target
    finally:
        close_database()
    assert check_file(target) == []
    assert _titles(target) == ["甲方案"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["备份.db"]  # no temp, no -wal
    connection = sqlite3.connect(target)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()


def test_backup_reports_progress_in_pages(db_path, tmp_path):
    ledger_with_rows(db_path)
    seen = []
    backup_file(db_path, tmp_path / "b.db", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_backup_of_a_damaged_file_is_refused_and_leaves_nothing(db_path, tmp_path):
    ledger_with_rows(db_path)
    damage_a_page(db_path)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(BackupError, match="已损坏"):
        backup_file(db_path, folder / "b.db")
    assert list(folder.iterdir()) == []


def test_backup_refuses_a_missing_database_and_a_folder_target(tmp_path):
    with pytest.raises(BackupError, match="不存在"):
        backup_file(tmp_path / "none.db", tmp_path / "b.db")
    ledger_with_rows(tmp_path / "l.db", rows=3)
    with pytest.raises(BackupError, match="文件夹"):
        backup_file(tmp_path / "l.db", tmp_path)


def test_daily_backup_once_a_day_in_the_backups_folder(db_path):
    ledger_with_rows(db_path, rows=3)
    first = daily_backup(db_path)
    assert first is not None and first.parent == db_path.parent / "backups"
    assert daily_backup(db_path) is None
    assert [info.path for info in list_backups(db_path)] == [first]
    assert list_backups(db_path)[0].tasks == 3


def test_retention_keeps_seven_days_four_weeks_twelve_months():
    today = date(2024, 12, 31)
    days = [today - timedelta(days=n) for n in range(400)]
    kept = backup.backups_to_keep(days, today)
    assert {today - timedelta(days=n) for n in range(7)} <= kept
    assert len(kept) <= 7 + 4 + 12
    months = {(day.year, day.month) for day in kept}
    assert len(months) == 12
    assert min(kept) >= date(2024, 1, 1)


def test_thinning_deletes_only_automatic_backups_outside_the_rule(db_path):
    ledger_with_rows(db_path, rows=3)
    today = date(2024, 12, 31)
    made = []
    for n in range(30):
        when = datetime.combine(today - timedelta(days=n), datetime.min.time())
        path = backup.new_backup_path(db_path, when)
        path.parent.mkdir(exist_ok=True)
        shutil.copyfile(db_path, path)
        made.append(path)
    labelled = backup.backup_now(db_path, label="before-restore")
    removed = backup.thin_backups(db_path, today)
    assert labelled.exists()
    assert set(removed) < set(made)
    assert all(path.exists() for path in made[:7])
    assert len([p for p in made if p.exists()]) <= 7 + 4 + 12


def test_restore_puts_the_backup_back_and_keeps_the_current_contents_aside(db_path, tmp_path):
    open_database(db_path)
    Plan.create(title="旧")
    close_database()
    saved = backup_file(db_path, tmp_path / "saved.db")
    open_database(db_path)
    Plan.create(title="新")
    close_database()
    aside = restore_backup(saved, db_path)
    assert _titles(db_path) == ["旧"]
    assert _titles(aside) == ["旧", "新"]
    open_database(db_path)
    try:
        assert [p.title for p in Plan.select()] == ["旧"]
    finally:
        close_database()


def test_restore_refuses_a_damaged_backup_and_an_open_window(db_path, tmp_path):
    ledger_with_rows(db_path)
    bad = tmp_path / "bad.db"
    bad.write_bytes(db_path.read_bytes())
    damage_a_page(bad)
    before = db_path.read_bytes()
    with pytest.raises(BackupError, match="已损坏"):
        restore_backup(bad, db_path)
    good = backup_file(db_path, tmp_path / "good.db")
    with InstanceLock(db_path), pytest.raises(BackupError, match="窗口"):
        restore_backup(good, db_path)
    assert db_path.read_bytes() == before


def test_restore_while_another_program_writes_fails_cleanly(db_path, tmp_path, monkeypatch):
    ledger_with_rows(db_path, rows=3)
    saved = backup_file(db_path, tmp_path / "saved.db")
    monkeypatch.setenv("LEDGER_BUSY_TIMEOUT_MS", "100")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BackupError, match="恢复未完成，数据库保持原样.*占用"):
            restore_backup(saved, db_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_daily_backup_in_the_background_writes_once(db_path):
    ledger_with_rows(db_path, rows=3)
    backup.start_daily_backup(db_path).join(timeout=30)
    assert len(list_backups(db_path)) == 1


def test_failed_background_backup_is_logged_not_raised(db_path, caplog):
    ledger_with_rows(db_path, rows=3)
    (db_path.parent / "backups").write_text("一个文件占了文件夹的名字", encoding="utf-8")
    backup.start_daily_backup(db_path).join(timeout=30)
    assert any("自动备份未完成" in record.getMessage() for record in caplog.records)


def _age(path, seconds: float) -> None:
    """Set a file's modification time `seconds` into the past."""
    when = path.stat().st_mtime - seconds
    os.utime(path, (when, when))


def test_backup_if_changed_only_after_a_change_and_the_interval(db_path):
    ledger_with_rows(db_path, rows=3)
    first = backup.backup_if_changed(db_path)
    assert first is not None  # no backup yet
    _age(db_path, 120)
    assert backup.backup_if_changed(db_path, min_interval=timedelta(0)) is None  # unchanged
    open_database(db_path)
    Plan.create(title="改动")
    close_database()
    assert backup.backup_if_changed(db_path, min_interval=timedelta(hours=1)) is None  # too soon
    second = backup.backup_if_changed(db_path, min_interval=timedelta(0))
    assert second is not None and "改动" in _titles(second)


def test_backups_go_to_a_chosen_folder(db_path, tmp_path):
    ledger_with_rows(db_path, rows=3)
    usb = tmp_path / "U盘备份"
    made = daily_backup(db_path, folder=usb)
    assert made is not None and made.parent == usb
    assert [info.path for info in list_backups(db_path, folder=usb)] == [made]
    assert list_backups(db_path) == []


def test_a_backup_cancelled_from_its_progress_callback_leaves_nothing(db_path, tmp_path):
    ledger_with_rows(db_path, rows=2000)
    folder = tmp_path / "out"
    folder.mkdir()

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        backup_file(db_path, folder / "b.db", progress=cancel)
    assert list(folder.iterdir()) == []


def test_temp_files_of_interrupted_runs_are_removed_by_the_next_daily_backup(db_path):
    ledger_with_rows(db_path, rows=3)
    folder = db_path.parent / "backups"
    folder.mkdir()
    stale = [
        folder / ".ledger-20240101-000000.db.123.backup-tmp",
        db_path.with_name(".ledger.db.9.restore-tmp"),
    ]
    fresh = folder / ".ledger-20240102-000000.db.456.backup-tmp"
    for path in [*stale, fresh]:
        path.write_bytes(b"half")
    for path in stale:
        _age(path, 7200)
    daily_backup(db_path)
    assert not any(path.exists() for path in stale)
    assert fresh.exists()  # perhaps another program's backup still running


def test_two_backups_in_one_second_get_two_files(database, db_path):
    from datetime import datetime

    from db.backup import new_backup_path

    when = datetime(2026, 12, 1, 9, 30, 0, 500)
    first = new_backup_path(db_path, when)
    first.parent.mkdir(parents=True, exist_ok=True)
    first.write_bytes(b"")
    second = new_backup_path(db_path, when)
    assert second != first and second.name.endswith("-20261201-093001.db")
