from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from db import schema
from db.database import DatabaseOpenError, close_database, open_database
from db.ledger_models import LEDGER_MODELS
from db.models import ALL_MODELS


def _structure(connection: sqlite3.Connection) -> dict[str, tuple]:
    """Columns, foreign keys and indexes of every table, independent of column order."""
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    result = {}
    for table in tables:
        columns = {
            (row[1], row[2].upper(), row[3], row[5])
            for row in connection.execute(f'PRAGMA table_info("{table}")')
        }
        keys = {
            (row[2], row[3], row[4], row[6])
            for row in connection.execute(f'PRAGMA foreign_key_list("{table}")')
        }
        indexes = set()
        for row in connection.execute(f'PRAGMA index_list("{table}")'):
            if row[3] == "c":  # created by CREATE INDEX, not by a constraint
                names = tuple(r[2] for r in connection.execute(f'PRAGMA index_info("{row[1]}")'))
                indexes.add((row[1], row[2], names))
        result[table] = (columns, keys, indexes)
    return result


def _file_at(path, version: int) -> None:
    """A file created the way version `version` of the program created it."""
    db = SqliteDatabase(str(path))
    with db.atomic():
        schema.create_schema(db, version)
    db.close()


def _schema_of(path) -> list[tuple[str, str, str]]:
    connection = sqlite3.connect(path)
    try:
        return schema.normalized_schema(connection)
    finally:
        connection.close()


def test_new_file_is_created_from_the_frozen_schema_of_the_current_version(db_path):
    open_database(db_path)
    close_database()
    expected = db_path.with_name("frozen.db")
    _file_at(expected, schema.CURRENT_VERSION)
    assert _schema_of(db_path) == _schema_of(expected)
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    connection.close()


@pytest.mark.parametrize("version", sorted(schema.FROZEN_SCHEMAS))
def test_file_migrated_from_every_past_version_equals_a_new_file(tmp_path, version):
    old = tmp_path / f"v{version}.db"
    _file_at(old, version)
    open_database(old)
    close_database()
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    close_database()
    assert _schema_of(old) == _schema_of(fresh)


def test_models_match_the_frozen_schema(tmp_path):
    from_models = SqliteDatabase(str(tmp_path / "models.db"))
    with from_models.bind_ctx(ALL_MODELS + LEDGER_MODELS):  # bind() would keep them off the proxy
        from_models.create_tables(ALL_MODELS + LEDGER_MODELS)
    fresh = tmp_path / "fresh.db"
    _file_at(fresh, schema.CURRENT_VERSION)
    connection = sqlite3.connect(fresh)
    try:
        assert _structure(from_models.connection()) == _structure(connection)
    finally:
        connection.close()
        from_models.close()


def test_a_migration_with_its_frozen_schema_upgrades_old_files(tmp_path, monkeypatch):
    """The recipe in db/schema.py's docstring, followed for an imaginary version."""
    new_version = schema.CURRENT_VERSION + 1

    def add_column(db):
        db.execute_sql('ALTER TABLE "node" ADD COLUMN "source" TEXT NOT NULL DEFAULT \'\'')

    scratch = SqliteDatabase(":memory:")
    with scratch.atomic():
        schema.create_schema(scratch, schema.CURRENT_VERSION)
        add_column(scratch)
    frozen = schema.dump_schema(scratch.connection())
    assert '"source" TEXT' in frozen
    monkeypatch.setitem(schema.MIGRATIONS, new_version, add_column)
    monkeypatch.setitem(schema.FROZEN_SCHEMAS, new_version, frozen)
    monkeypatch.setattr(schema, "CURRENT_VERSION", new_version)

    old = tmp_path / "old.db"
    _file_at(old, new_version - 1)
    open_database(old)
    close_database()
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    close_database()
    assert _schema_of(old) == _schema_of(fresh)
    connection = sqlite3.connect(old)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == new_version
    connection.close()
    (taken,) = (tmp_path / "backups").glob(f"old-before-upgrade-v{new_version - 1}-*.db")
    connection = sqlite3.connect(taken)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == new_version - 1
    connection.close()


def test_failed_migration_step_leaves_the_previous_version(tmp_path, monkeypatch):
    old = tmp_path / "old.db"
    _file_at(old, schema.CURRENT_VERSION)
    new_version = schema.CURRENT_VERSION + 1

    def broken(db):
        db.execute_sql("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setitem(schema.MIGRATIONS, new_version, broken)
    monkeypatch.setitem(schema.FROZEN_SCHEMAS, new_version, schema.SCHEMA_V1)
    monkeypatch.setattr(schema, "CURRENT_VERSION", new_version)
    with pytest.raises(DatabaseOpenError):
        open_database(old)
    connection = sqlite3.connect(old)
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    assert "half_done" not in tables
    assert version == new_version - 1


def test_sqlite_file_of_another_program_is_refused_unchanged(db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="不是台账数据库"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_statements_split_on_complete_statements_only():
    script = "CREATE TABLE a (x TEXT DEFAULT ';');\nCREATE INDEX i ON a (x);\n"
    assert schema.statements(script) == [
        "CREATE TABLE a (x TEXT DEFAULT ';')",
        "CREATE INDEX i ON a (x)",
    ]


UPGRADE_KILLED = """
import sys, time
sys.path.insert(0, sys.argv[2])
from db import schema

def slow_step(db):
    db.execute_sql('ALTER TABLE "node" ADD COLUMN "source" TEXT NOT NULL DEFAULT \\'\\'')
    db.execute_sql('UPDATE "node" SET "source" = \\'导入\\'')
    print("in step", flush=True)
    time.sleep(60)

schema.MIGRATIONS[schema.CURRENT_VERSION + 1] = slow_step
schema.FROZEN_SCHEMAS[schema.CURRENT_VERSION + 1] = schema.SCHEMA_V1
schema.CURRENT_VERSION += 1
from db.database import open_database
open_database(sys.argv[1])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_upgrade_killed_halfway_leaves_the_old_version_that_still_opens(db_path):
    from tests.db.ledger_files import ledger_with_rows

    ledger_with_rows(db_path, rows=50)
    root = str(Path(__file__).resolve().parents[2])
    process = subprocess.Popen(
        [sys.executable, "-c", UPGRADE_KILLED, str(db_path), root],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "in step"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
        process.stdout.close()
    taken = f"ledger-before-upgrade-v{schema.CURRENT_VERSION}-*.db"
    assert list((db_path.parent / "backups").glob(taken))
    db = open_database(db_path)
    try:
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
        columns = [row[1] for row in db.execute_sql('PRAGMA table_info("node")')]
        assert "source" not in columns
        assert db.execute_sql("SELECT count(*) FROM node").fetchone()[0] == 50
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database()
