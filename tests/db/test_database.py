"""Opening a ledger: the file's pragmas and refusals (SQLite), and what every backend keeps:
rows across reopening, cascades, and the change count other programs' commits move."""

from __future__ import annotations

import sqlite3

import pytest

from db.database import (
    DatabaseOpenError,
    close_database,
    data_version,
    open_database,
    open_location,
    schema_version,
)
from db.location import ServerLocation
from db.models import Node, Plan
from db.schema import CURRENT_VERSION
from tests.helpers.postgres import admin_connection


def test_new_file_gets_current_schema_version_and_pragmas(db_path):
    db = open_database(db_path)
    try:
        assert schema_version(db) == CURRENT_VERSION
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert set(db.get_tables()) >= {"plan", "node", "unit", "person", "task_unit"}
    finally:
        close_database()


def test_reopening_keeps_data(ledger_location):
    open_location(ledger_location)
    Plan.create(title="甲方案")
    close_database()
    open_location(ledger_location)
    try:
        assert [p.title for p in Plan.select()] == ["甲方案"]
    finally:
        close_database()


def test_file_from_newer_version_is_refused_unchanged(db_path):
    connection = sqlite3.connect(db_path)
    connection.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    connection.execute("CREATE TABLE future (x)")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="更新版本"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_file_that_is_not_a_database_gives_chinese_message(db_path):
    db_path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseOpenError, match="不是有效的台账数据库"):
        open_database(db_path)


def test_foreign_keys_cascade_from_plan_to_nodes(any_database):
    plan = Plan.create(title="甲")
    parent = Node.create(plan=plan, kind="section", position=0)
    Node.create(plan=plan, parent=parent, kind="task", position=0)
    plan.delete_instance()
    assert Node.select().count() == 0


def test_data_version_changes_only_when_another_program_commits(any_database, ledger_location):
    before = data_version(any_database)
    Plan.create(title="本窗口")
    assert data_version(any_database) == before
    insert = (
        "INSERT INTO plan (title, issuer, kind, notes, position, created_at, updated_at) "
        "VALUES ('命令行导入', '', '', '', 0, '2024-01-01', '2024-01-01')"
    )
    if isinstance(ledger_location, ServerLocation):
        with admin_connection(ledger_location) as other:
            other.execute(insert)
    else:
        other = sqlite3.connect(ledger_location)
        with other:
            other.execute(insert)
        other.close()
    assert data_version(any_database) != before
