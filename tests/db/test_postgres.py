"""The server ledger (db/postgres.py) on a real PostgreSQL server (.ci/pg-cluster)."""

from __future__ import annotations

import pytest

from db import schema, schema_postgres
from db.database import close_database, data_version, open_location, schema_version
from db.errors import LOST_CONNECTION, storage_message
from db.ledger_models import LEDGER_MODELS
from db.models import ALL_MODELS, Node, Plan, database
from db.postgres import (
    PasswordRequired,
    ServerOpenError,
    open_server_database,
    sync_sequences,
)
from tests.helpers.postgres import admin_connection


def test_a_new_server_ledger_is_created_at_the_current_version(server_database):
    assert schema_version(server_database) == schema.CURRENT_VERSION
    tables = set(server_database.get_tables())
    expected = {model._meta.table_name for model in ALL_MODELS + LEDGER_MODELS}
    assert expected | {"ledger_schema"} == tables


def test_the_models_match_the_frozen_server_schema(server_database):
    for model in ALL_MODELS + LEDGER_MODELS:
        columns = {c.name for c in server_database.get_columns(model._meta.table_name)}
        assert columns == {field.column_name for field in model._meta.sorted_fields}, model


def test_reopening_keeps_the_rows(server_location):
    open_server_database(server_location)
    plan = Plan.create(title="整改方案")
    Node.create(plan=plan, kind="task", title="任务一")
    close_database()
    open_server_database(server_location)
    assert [n.title for n in Node.select()] == ["任务一"]
    assert Node.get().version == 1
    close_database()


def test_a_schema_holding_other_tables_is_refused_untouched(server_location):
    with admin_connection(server_location) as other:
        other.execute('CREATE TABLE "orders" ("id" INTEGER)')
    with pytest.raises(ServerOpenError, match="其他程序的数据表"):
        open_server_database(server_location)
    with admin_connection(server_location) as other:
        tables = other.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
    assert tables == [("orders",)]


def test_a_ledger_of_a_newer_program_is_refused(server_database, server_location):
    close_database()
    with admin_connection(server_location) as other:
        other.execute('UPDATE "ledger_schema" SET "version" = 99')
    with pytest.raises(ServerOpenError, match="更新版本"):
        open_server_database(server_location)


def test_a_missing_password_is_asked_for_and_a_wrong_one_named(server_location, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    with pytest.raises(PasswordRequired, match="密码"):
        open_server_database(server_location.with_password(None))
    with pytest.raises(ServerOpenError, match="密码不正确"):
        open_server_database(server_location.with_password("wrong"))
    assert database.obj is None or database.is_closed()


def test_an_unreachable_server_is_named(server_location):
    from dataclasses import replace

    nowhere = replace(server_location, port=1)
    with pytest.raises(ServerOpenError, match="无法连接服务器 127.0.0.1:1"):
        open_server_database(nowhere)


def test_other_connections_commits_are_counted_and_our_own_are_not(
    server_database, server_location
):
    before = data_version(server_database)
    Plan.create(title="自己的方案")
    assert data_version(server_database) == before
    with admin_connection(server_location) as other:
        other.execute(
            'INSERT INTO "plan" ("title", "issuer", "kind", "notes", "position", '
            "\"created_at\", \"updated_at\") VALUES ('别人的方案', '', '', '', 1, now(), now())"
        )
    assert data_version(server_database) == before + 1


def test_a_lost_connection_is_reported_and_the_next_statement_reconnects(
    server_database, server_location
):
    Plan.create(title="断线前")
    pid = server_database.connection().info.backend_pid
    with admin_connection(server_location) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(Exception) as failure:
        Plan.create(title="断线时")
    assert storage_message(failure.value) == LOST_CONNECTION
    Plan.create(title="重连后")
    assert [p.title for p in Plan.select().order_by(Plan.id)] == ["断线前", "重连后"]
    assert server_database.connection().info.backend_pid != pid


def test_a_transaction_cut_by_a_lost_connection_leaves_nothing(server_database, server_location):
    pid = server_database.connection().info.backend_pid
    with pytest.raises(Exception) as failure:
        with server_database.atomic():
            Plan.create(title="一半")
            with admin_connection(server_location) as other:
                other.execute("SELECT pg_terminate_backend(%s)", (pid,))
            Plan.create(title="另一半")
    assert storage_message(failure.value) == LOST_CONNECTION
    assert Plan.select().count() == 0


def test_explicit_ids_move_the_sequence_past_them(server_database):
    Plan.insert(id=41, title="指定编号", position=1).execute()
    sync_sequences(server_database, [Plan])
    assert Plan.create(title="下一个").id == 42


def test_open_location_opens_a_file_or_a_server(tmp_path, server_location):
    from db.postgres import LedgerPostgres

    assert isinstance(open_location(server_location), LedgerPostgres)
    close_database()
    assert not isinstance(open_location(tmp_path / "l.db"), LedgerPostgres)
    close_database()


def test_the_frozen_server_ddl_splits_into_whole_statements():
    parts = schema_postgres.statements(schema_postgres.SCHEMA_V4)
    assert parts[0].startswith('CREATE TABLE "plan"')
    function = next(p for p in parts if p.startswith('CREATE FUNCTION "ledger_notify"'))
    assert function.endswith("$$")
    triggers = [p for p in parts if p.startswith("CREATE TRIGGER")]
    assert len(triggers) == len(schema_postgres.TABLES)
