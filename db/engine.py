"""The SQLite database class the ledger runs on: write transactions begin IMMEDIATE.

A deferred transaction (plain BEGIN) that reads first and writes later must upgrade its
read lock to a write lock; when another program holds the write lock, SQLite refuses the
upgrade at once (SQLITE_BUSY, or BUSY_SNAPSHOT under WAL) without calling the busy handler,
so `busy_timeout` never applies: an import failed after 0.15 s while a second import ran.
`BEGIN IMMEDIATE` takes the write lock first, and that acquisition waits for the busy
timeout.  Nested `atomic()` blocks stay savepoints inside the outer transaction.

When a statement fails with a full disk or an I/O error, SQLite may already have rolled the
whole transaction back; peewee's own ROLLBACK (or ROLLBACK TO a savepoint that no longer
exists) then fails too, and the user met four chained tracebacks ending in "cannot
rollback" instead of the cause.  Here a rollback with nothing left to undo is skipped, and
a rollback that fails is logged and swallowed, so the original error is the one raised.
"""

from __future__ import annotations

import logging
import os
import sqlite3

import peewee
from peewee import SqliteDatabase, _savepoint

_log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT_MS = 5000
BUSY_TIMEOUT_ENV = "LEDGER_BUSY_TIMEOUT_MS"


def busy_timeout_ms() -> int:
    """How long a write waits for another program's write lock (ms).

    5 s unless LEDGER_BUSY_TIMEOUT_MS says otherwise (a slow network share, or a test).
    """
    text = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if text.isdigit():
        return int(text)
    return DEFAULT_BUSY_TIMEOUT_MS


class LedgerDatabase(SqliteDatabase):
    """SqliteDatabase whose transactions (atomic(), transaction()) begin IMMEDIATE."""

    def __init__(self, database, lock_type: str | None = "IMMEDIATE", **kwargs):
        super().__init__(database, lock_type=lock_type, **kwargs)

    def in_sqlite_transaction(self) -> bool:
        """Whether SQLite itself still has a transaction open (it may have ended one)."""
        return not self.is_closed() and self.connection().in_transaction

    def rollback(self) -> None:
        if not self.in_sqlite_transaction():
            return  # already rolled back by SQLite (full disk, I/O error) or closed
        try:
            super().rollback()
        except (peewee.DatabaseError, sqlite3.DatabaseError):
            _log.warning("rollback failed after an earlier error", exc_info=True)

    def savepoint(self) -> _savepoint:
        return _SafeSavepoint(self)


class _SafeSavepoint(_savepoint):
    """A savepoint whose rollback never hides the error that caused it."""

    db: LedgerDatabase

    def rollback(self, begin: bool = True) -> None:
        if not self.db.in_sqlite_transaction():
            return  # the whole transaction is gone, and the savepoint with it
        try:
            super().rollback(begin)
        except (peewee.DatabaseError, sqlite3.DatabaseError):
            _log.warning("rollback to savepoint failed after an earlier error", exc_info=True)
