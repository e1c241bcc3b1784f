"""The ledger on a PostgreSQL server (网络版): the database class and opening it.

The same models, schema versions and migrations as the SQLite file (db/schema.py); the
frozen DDL for the server is db/schema_postgres.py.  What differs from a file:

- The connection can be lost (a server restart, a network cable).  A lost connection is
  noticed by the next statement, which fails with “与服务器的连接已断开”; the statement after
  that, outside a transaction, connects again (`cursor()` below).  A transaction that was
  open when the connection went is gone with it: the window's command runner offers 重试,
  and the retry runs the whole command again on the new connection.
- Other clerks' commits are announced with NOTIFY (a statement trigger on every table);
  `change_count()` counts the announcements of other connections, as SQLite's
  `PRAGMA data_version` counts other connections' commits, so one poller serves both.
- Explicit ids (a restore, `copy`, an import that numbers its rows) do not move an identity
  column's sequence: `sync_sequences()` moves it past the largest id.
"""

from __future__ import annotations

import logging
import threading

import peewee
from peewee import PostgresqlDatabase

from db import schema, schema_postgres
from db.location import ServerLocation

_log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5
# Statements wait at most this long for a row another clerk's transaction holds.
LOCK_TIMEOUT_MS = 5000
# One key for the advisory lock that serialises creating and upgrading the schema.
_SCHEMA_LOCK_KEY = 0x1ED6E


class ServerOpenError(Exception):
    """The server ledger cannot be opened; str() is one Chinese line."""


class PasswordRequired(ServerOpenError):
    """The server asks for a password and none was given (ask the user, then retry)."""


_driver_lock = threading.Lock()


def load_server_driver() -> bool:
    """Import psycopg and hand it to peewee, as peewee's own import does when it finds the
    driver (db/__init__.py has peewee imported without it, to keep a start on a file light).
    False when psycopg cannot be imported: connecting then fails with peewee's
    ImproperlyConfigured, which `_connect_failure` explains."""
    with _driver_lock:
        if peewee.psycopg is not None:
            return True
        try:
            import psycopg
            from psycopg.pq import TransactionStatus
            from psycopg.types.json import Json, Jsonb
        except ImportError:
            return False
        # The names peewee 4.5 binds at its import (peewee.py: `import psycopg` …) and the
        # constants its Psycopg3Adapter class reads from them; nothing else of peewee
        # depends on the driver (checked by tests/test_startup_postgres_driver.py).
        peewee.TransactionStatus = TransactionStatus
        peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
        adapter = peewee.Psycopg3Adapter
        adapter.txn_idle = TransactionStatus.IDLE
        adapter.txn_inerror = TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN
        peewee.psycopg = psycopg  # last: peewee now prefers the driver (PostgresqlDatabase.init)
        return True


class LedgerPostgres(PostgresqlDatabase):
    """PostgresqlDatabase that reconnects after a lost connection and counts other
    connections' commits (NOTIFY)."""

    def __init__(self, location: ServerLocation, read_only: bool = False):
        self.location = location
        self.read_only = read_only
        self._changes = 0
        self._changes_lock = threading.Lock()
        params = location.connect_params()
        params["connect_timeout"] = CONNECT_TIMEOUT_S
        load_server_driver()
        super().__init__(location.dbname, prefer_psycopg3=True, **params)

    # -- connection ------------------------------------------------------------------------

    def _initialize_connection(self, conn) -> None:
        settings = [f"SET lock_timeout = {LOCK_TIMEOUT_MS}"]
        if self.read_only:
            settings.append("SET default_transaction_read_only = on")
        settings.append(f'LISTEN "{schema_postgres.NOTIFY_CHANNEL}"')
        for statement in settings:
            conn.execute(statement)
        conn.add_notify_handler(self._on_notify)

    def _on_notify(self, notify) -> None:
        if notify.pid == self._own_pid():
            return  # our own commit: the window already shows it
        if notify.payload != self.current_schema_name():
            return  # another ledger on the same server
        with self._changes_lock:
            self._changes += 1

    def _own_pid(self) -> int | None:
        conn = self._state.conn
        return None if conn is None else conn.info.backend_pid

    def current_schema_name(self) -> str:
        return self.location.schema or "public"

    def connection_lost(self) -> bool:
        """True when the open connection is known to be broken."""
        conn = None if self.is_closed() else self._state.conn
        return conn is not None and bool(conn.closed)

    def cursor(self, named_cursor=None):
        if self.connection_lost() and self.transaction_depth() == 0:
            _log.warning("connection to %s lost; connecting again", self.location.display())
            self._state.reset()
        return super().cursor(named_cursor)

    def rollback(self) -> None:
        if self.connection_lost():
            return  # the transaction went with the connection
        try:
            super().rollback()
        except peewee.DatabaseError:
            _log.warning("rollback failed after an earlier error", exc_info=True)

    # -- what the window polls -------------------------------------------------------------

    def change_count(self) -> int:
        """How many commits of other connections were announced so far.

        Reads what the server sent (one round trip), so it also notices a lost connection:
        it then raises like any statement, and connects again on the next call."""
        self.execute_sql("SELECT 1")
        with self._changes_lock:
            return self._changes

    def may_edit(self) -> bool:
        """Whether this login may change tasks (INSERT and UPDATE on "node"; db/roles.py)."""
        row = self.execute_sql(
            "SELECT has_table_privilege('node', 'INSERT') AND has_table_privilege('node', 'UPDATE')"
        ).fetchone()
        return bool(row[0])

    def login(self) -> str:
        """The server login this connection runs as (“who” on the ledger's records)."""
        return self.execute_sql("SELECT current_user").fetchone()[0]


def is_server(db: object) -> bool:
    return isinstance(db, PostgresqlDatabase)


def open_server_database(location: ServerLocation, read_only: bool = False) -> LedgerPostgres:
    """Connect to the server ledger, create or upgrade its schema, bind the models to it."""
    from db.models import database

    db = LedgerPostgres(location, read_only=read_only)
    try:
        db.connect()
    except peewee.PeeweeException as error:
        raise _connect_failure(location, error) from error
    try:
        _prepare_schema(db, location, read_only)
    except (peewee.PeeweeException, ServerOpenError) as error:
        db.close()
        if isinstance(error, ServerOpenError):
            raise
        raise ServerOpenError(_open_failure_text(location, error)) from error
    database.initialize(db)
    return db


def server_schema_version(db: PostgresqlDatabase) -> int:
    """The schema version of the server ledger; 0 when its schema has no ledger yet."""
    present = db.execute_sql(
        "SELECT count(*) FROM pg_catalog.pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'ledger_schema'"
    ).fetchone()[0]
    if not present:
        return 0
    row = db.execute_sql('SELECT max("version") FROM "ledger_schema"').fetchone()
    return int(row[0] or 0)


def set_server_schema_version(db: PostgresqlDatabase, version: int) -> None:
    db.execute_sql('UPDATE "ledger_schema" SET "version" = %s', (version,))


def create_server_schema(db: PostgresqlDatabase, version: int | None = None) -> None:
    """Every table, index and trigger of `version` (default: current).  In a transaction."""
    version = schema.CURRENT_VERSION if version is None else version
    for statement in schema_postgres.statements(schema_postgres.FROZEN_SCHEMAS[version]):
        db.execute_sql(statement)
    db.execute_sql('INSERT INTO "ledger_schema" ("version") VALUES (%s)', (version,))


def sync_sequences(db: object, models) -> None:
    """Move each model's id sequence past its largest id (after rows with explicit ids).
    Nothing to do on SQLite, whose rowids follow the largest id by themselves."""
    if not is_server(db):
        return
    for model in models:
        table = model._meta.table_name
        db.execute_sql(  # type: ignore[attr-defined]
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'COALESCE((SELECT max("id") FROM "{table}"), 0) + 1, false)'
        )


def _prepare_schema(db: LedgerPostgres, location: ServerLocation, read_only: bool) -> None:
    version = server_schema_version(db)
    if version == schema.CURRENT_VERSION:
        return
    name = location.display()
    if version > schema.CURRENT_VERSION:
        raise ServerOpenError(
            f"服务器数据库“{name}”由更新版本的程序创建（数据版本 {version}，本程序支持 "
            f"{schema.CURRENT_VERSION}），为防止损坏数据，未作任何改动。请升级程序后再连接。"
        )
    if read_only:
        raise ServerOpenError(f"服务器数据库“{name}”尚未建立台账或需要升级，不能以只读方式打开")
    with db.atomic():
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK_KEY,))
        version = server_schema_version(db)  # another client may have done it meanwhile
        if version == 0:
            tables = db.execute_sql(
                "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
            ).fetchone()[0]
            if tables:
                raise ServerOpenError(
                    f"服务器数据库“{name}”中已有其他程序的数据表，不是台账数据库，未作任何改动"
                )
            create_server_schema(db)
            return
    for step in range(version + 1, schema.CURRENT_VERSION + 1):
        with db.atomic():
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK_KEY,))
            if server_schema_version(db) >= step:
                continue
            schema.MIGRATIONS[step](db)
            set_server_schema_version(db, step)


def _connect_failure(location: ServerLocation, error: Exception) -> ServerOpenError:
    _log.info("cannot connect to %s: %s", location.display(), error)
    if isinstance(error, peewee.ImproperlyConfigured):
        try:
            import psycopg  # noqa: F401 - only to log why peewee could not
        except ImportError:
            _log.warning("psycopg cannot be imported", exc_info=True)
        return ServerOpenError(
            "本程序缺少连接服务器所需的组件（PostgreSQL 客户端 psycopg），请重新安装"
        )
    text = str(error).lower()
    where = f"{location.host}:{location.port}"
    if "no password supplied" in text or "password is required" in text:
        return PasswordRequired(f"服务器 {where} 要求输入登录“{location.user}”的密码")
    if "password authentication failed" in text or "authentication failed" in text:
        return ServerOpenError(f"登录名“{location.user}”或密码不正确（服务器 {where}）")
    if f'database "{location.dbname.lower()}" does not exist' in text:
        return ServerOpenError(
            f"服务器 {where} 上没有名为“{location.dbname}”的数据库，请管理员先建立（见说明书）"
        )
    if "no pg_hba.conf entry" in text:
        return ServerOpenError(f"服务器 {where} 不允许本机以“{location.user}”登录，请联系管理员")
    if "role" in text and "does not exist" in text:
        return ServerOpenError(f"服务器 {where} 上没有登录名“{location.user}”")
    if "could not translate host name" in text or "name or service not known" in text:
        return ServerOpenError(f"找不到服务器“{location.host}”，请检查服务器名或 IP 地址")
    if "timeout" in text or "timed out" in text:
        return ServerOpenError(f"连接服务器 {where} 超时，请检查网络和服务器地址")
    return ServerOpenError(f"无法连接服务器 {where}：服务器未启动、地址或端口有误，或网络不通")


def _open_failure_text(location: ServerLocation, error: Exception) -> str:
    from db.errors import storage_message

    cause = storage_message(error)
    name = location.display()
    if cause:
        return f"无法打开服务器数据库“{name}”：{cause}"
    return f"无法打开服务器数据库“{name}”：{error}"
