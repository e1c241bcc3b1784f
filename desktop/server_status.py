"""Is the server ledger there? (Qt-free; the window's poller and reconnect wait ask.)

`read_changes()` reads the number of other connections' commits and tells a lost
connection apart from other failures; every call on a lost connection tries to connect
again (db/postgres.py LedgerPostgres.cursor), so polling it is also the reconnecting.
"""

from __future__ import annotations

import logging
import socket
import threading
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


class ServerProbe:
    """Asks, in a background thread, whether the server's port answers again, so that a
    window waiting for a lost server never freezes on a connect that hangs (a cable out:
    no refusal, only a timeout).  Only when it answers does the window's own connection
    try again (which then takes a moment at most)."""

    def __init__(self, timeout_s: float = 5.0) -> None:
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._answered = False

    def answers(self) -> bool:
        """True when a probe finished with an answer since the last call; else start one
        (if none runs) and return False."""
        with self._lock:
            answered, self._answered = self._answered, False
        if answered:
            return True
        address = _server_address()
        if address is None:
            return True  # nothing to probe: let the caller try the ledger itself
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(
                target=self._probe, args=(address,), name="server-probe", daemon=True
            )
            self._thread.start()
        return False

    def _probe(self, address: tuple[str, int]) -> None:
        try:
            socket.create_connection(address, timeout=self.timeout_s).close()
        except OSError:
            return
        with self._lock:
            self._answered = True


def _server_address() -> tuple[str, int] | None:
    location = getattr(database.obj, "location", None)
    host, port = getattr(location, "host", None), getattr(location, "port", None)
    return (host, port) if host and port else None
