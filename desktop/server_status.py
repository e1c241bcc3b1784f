"""Is the server ledger there? (Qt-free; the window's poller and reconnect wait ask.)

`read_changes()` reads the number of other connections' commits and tells a lost
connection apart from other failures; every call on a lost connection tries to connect
again (db/postgres.py LedgerPostgres.cursor), so polling it is also the reconnecting.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import peewee

from db.database import data_version
from db.errors import LOST_CONNECTION, storage_message
from db.models import database

log = logging.getLogger("ledger.server")


@dataclass(frozen=True)
class Reading:
    """`version` None when it could not be read; `lost` when the connection is gone."""

    version: int | None
    lost: bool = False


def open_ledger() -> object:
    """The database object the models are bound to (None before any is opened)."""
    return database.obj


def read_changes(expected: object | None = None) -> Reading:
    """The open ledger's change count; nothing when `expected` is given and another
    ledger is open now (a window that outlived a switch)."""
    db = database.obj
    if db is None or (expected is not None and db is not expected):
        return Reading(None)
    try:
        return Reading(data_version(db))
    except (peewee.PeeweeException, OSError) as error:
        lost = storage_message(error) == LOST_CONNECTION
        if not lost:
            log.warning("cannot read the change count: %s", type(error).__name__)
        return Reading(None, lost)


def server_answers() -> bool:
    """Try the connection once (connecting again when it was lost); True when it works."""
    return read_changes().version is not None
