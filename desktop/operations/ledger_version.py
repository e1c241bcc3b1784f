"""Which version of the stored ledger the window's connection sees (Qt-free), so the window
can notice commits by other programs (desktop/ui/external_changes.py)."""

from __future__ import annotations

import sqlite3

import peewee

from db.database import data_version
from db.models import database


def seen_version() -> int | None:
    """`PRAGMA data_version` of the open ledger file, or the count of other clerks' commits
    on a server; None when it is closed or cannot be read for the moment (busy, gone, the
    server unreachable)."""
    if database.obj is None or database.is_closed():
        return None
    try:
        return data_version(database.obj)
    except (sqlite3.Error, peewee.PeeweeException):
        return None
