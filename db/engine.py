"""The SQLite database class the ledger runs on: write transactions begin IMMEDIATE.

A deferred transaction (plain BEGIN) that reads first and writes later must upgrade its
read lock to a write lock; when another program holds the write lock, SQLite refuses the
upgrade at once (SQLITE_BUSY, or BUSY_SNAPSHOT under WAL) without calling the busy handler,
so `busy_timeout` never applies: an import failed after 0.15 s while a second import ran.
`BEGIN IMMEDIATE` takes the write lock first, and that acquisition waits for the busy
timeout.  Nested `atomic()` blocks stay savepoints inside the outer transaction.
"""

from __future__ import annotations

import os

from peewee import SqliteDatabase

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

    def __init__(self, database, *args, lock_type: str | None = "IMMEDIATE", **kwargs):
        super().__init__(database, *args, lock_type=lock_type, **kwargs)
