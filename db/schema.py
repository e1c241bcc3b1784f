"""Schema versions.  `PRAGMA user_version` holds the version of a database file.

MIGRATIONS[i] takes a database from version i to i + 1; each step runs inside one
transaction together with the version bump, so a failed step leaves the file as it was.
Add a step at the end for every schema change; never edit a released step.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database

from db.models import ALL_MODELS


def _create_tables(db: Database) -> None:
    db.create_tables(ALL_MODELS)


MIGRATIONS: list[Callable[[Database], None]] = [
    _create_tables,  # 0 → 1
]

CURRENT_VERSION = len(MIGRATIONS)
