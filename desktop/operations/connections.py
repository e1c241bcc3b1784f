"""The database connection of a worker thread (no Qt).

peewee's SqliteDatabase keeps one connection per thread: work in another thread opens its
own connection to the same file (with the same pragmas) on its first query.  This context
manager closes it when the work ends and can let a cancel flag interrupt SQLite: the running
statement stops, SQLite rolls the transaction back, nothing is half-written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from db.models import database

log = logging.getLogger("ledger.worker")
CHECK_EVERY = 2000  # SQLite virtual-machine steps between looks at the cancel flag


@contextmanager
def thread_connection(
    cancelled: Callable[[], bool] | None = None, check_every: int | None = None
) -> Iterator[None]:
    """Run the body on this thread's own connection, closed afterwards; with `cancelled`,
    a running statement is interrupted once it returns True."""
    connection = None
    try:
        if cancelled is not None and database.obj is not None:
            candidate = database.connection()
            if hasattr(candidate, "set_progress_handler"):  # SQLite (a server has its own)
                stop = cancelled
                candidate.set_progress_handler(
                    lambda: 1 if stop() else 0, check_every or CHECK_EVERY
                )
                connection = candidate
        yield
    finally:
        if connection is not None:
            connection.set_progress_handler(None, 0)
        try:
            if database.obj is not None and not database.is_closed():
                database.close()
        except Exception:  # noqa: BLE001 - closing must not hide the work's outcome
            log.exception("closing a worker thread's connection failed")
