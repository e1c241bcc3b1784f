"""Write transactions begin IMMEDIATE, so another program's write lock is waited for."""

from __future__ import annotations

import sqlite3
import threading

import peewee
import pytest

from db.database import close_database, open_database
from db.errors import storage_message
from db.models import Plan


@pytest.fixture
def holder(db_path):
    """A second connection that takes the write lock as another program would."""
    open_database(db_path)
    close_database()
    connection = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO plan (title, issuer, kind, notes, position, created_at, updated_at) "
        "VALUES ('他人的方案', '', '', '', 0, '2024-01-01', '2024-01-01')"
    )
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_write_waits_for_the_other_program_and_succeeds(db_path, holder):
    db = open_database(db_path, busy_timeout=20_000)
    released = threading.Event()

    def release():
        holder.execute("COMMIT")
        released.set()

    timer = threading.Timer(0.3, release)
    timer.start()
    try:
        assert holder.in_transaction  # still held when our transaction begins
        with db.atomic():
            Plan.select().count()  # a read first: a deferred BEGIN would fail here at once
            Plan.create(title="本机的方案")
        assert released.is_set()
        assert sorted(p.title for p in Plan.select()) == ["他人的方案", "本机的方案"]
    finally:
        timer.join()
        close_database()


def test_write_held_off_past_the_timeout_fails_with_a_chinese_cause(db_path, holder):
    db = open_database(db_path, busy_timeout=100)
    try:
        with pytest.raises(peewee.OperationalError) as caught:
            with db.atomic():
                Plan.select().count()
                Plan.create(title="本机的方案")
        assert storage_message(caught.value) == "数据库正被其他程序占用，请稍后再试"
        holder.execute("ROLLBACK")
        assert Plan.select().count() == 0
        with db.atomic():  # the connection is usable again once the lock is gone
            Plan.create(title="再试一次")
        assert [p.title for p in Plan.select()] == ["再试一次"]
    finally:
        close_database()


def test_a_deferred_transaction_would_fail_at_once_whatever_the_timeout(db_path, holder):
    """Why IMMEDIATE: the upgrade from a read to a write skips the busy handler."""
    db = open_database(db_path, busy_timeout=2000)
    try:
        with pytest.raises(peewee.OperationalError, match="locked"):
            with db.transaction(lock_type="DEFERRED"):
                Plan.select().count()
                assert holder.in_transaction
                Plan.create(title="本机的方案")
    finally:
        close_database()


def test_nested_atomic_is_a_savepoint_inside_the_immediate_transaction(database):
    with database.atomic():
        Plan.create(title="外层")
        with pytest.raises(ValueError):
            with database.atomic():
                Plan.create(title="内层")
                raise ValueError
    assert [p.title for p in Plan.select()] == ["外层"]


def test_busy_timeout_comes_from_the_environment_when_set(db_path, monkeypatch):
    monkeypatch.setenv("LEDGER_BUSY_TIMEOUT_MS", "750")
    db = open_database(db_path)
    try:
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 750
    finally:
        close_database()
