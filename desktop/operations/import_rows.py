"""Bulk writing for an import: directory names resolved once per import from one read of the
directory, and rows inserted in bulk (db.bulk: one prepared statement each on a file, COPY on a
server), so saving 10,000 tasks costs about what a bare sqlite3 script costs.  Call inside the
import's transaction."""

from __future__ import annotations

from collections.abc import Sequence

from db import bulk
from db.directory import clean_name
from db.models import Person, Unit
from db.queries import directory_ids


class NameCache:
    """Person and unit ids by name (units by alias too); a new name is created once
    (db.bulk.name_id, which on a server also takes a name another clerk adds meanwhile)."""

    def __init__(self) -> None:
        self._people, self._units = directory_ids()

    def person(self, name: str) -> int:
        key = clean_name(name)
        if key not in self._people:
            self._people[key] = bulk.name_id(Person, key)
        return self._people[key]

    def unit(self, name: str) -> int:
        key = clean_name(name)
        if key not in self._units:
            self._units[key] = bulk.name_id(Unit, key)
        return self._units[key]


def insert_rows(model, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows` (values in the order of `columns`, field names) into `model`'s table."""
    bulk.insert_rows(model, columns, rows)
