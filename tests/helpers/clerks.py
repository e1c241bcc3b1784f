"""Another clerk: a second, plain connection to the same ledger (a SQLite file or a server
schema) that saves a task as the program does: fields set, row version + 1, 修改记录 rows."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

SAVED_AT = datetime(2026, 12, 1, 9, 30)


class OtherClerk:
    def __init__(self, location, name: str = "李四") -> None:
        self.name = name
        if isinstance(location, Path):
            self._sqlite = True
            self.connection = sqlite3.connect(location, timeout=5, isolation_level=None)
        else:
            from tests.helpers.postgres import admin_connection

            self._sqlite = False
            self.connection = admin_connection(location)

    def execute(self, sql: str, *params):
        if not self._sqlite:
            sql = sql.replace("?", "%s")
        return self.connection.execute(sql, params)

    def save(self, node_id: int, **fields) -> None:
        """Save `fields` of a task over whatever version is stored, with 修改记录 rows."""
        at = SAVED_AT.isoformat(" ") if self._sqlite else SAVED_AT
        sets = ", ".join(f'"{key}" = ?' for key in fields)
        self.execute(
            f'UPDATE "node" SET {sets}, "version" = "version" + 1 WHERE "id" = ?',
            *fields.values(),
            node_id,
        )
        for key, value in fields.items():
            self.execute(
                'INSERT INTO "field_change" ("node_id", "field", "old_value", "new_value", "who",'
                ' "changed_at") VALUES (?, ?, ?, ?, ?, ?)',
                node_id, key, "", str(value), self.name, at,
            )  # fmt: skip

    def delete(self, node_id: int) -> None:
        self.execute('DELETE FROM "node" WHERE "id" = ?', node_id)

    def version(self, node_id: int) -> int | None:
        row = self.execute('SELECT "version" FROM "node" WHERE "id" = ?', node_id).fetchone()
        return row[0] if row else None

    def value(self, node_id: int, key: str):
        return self.execute(f'SELECT "{key}" FROM "node" WHERE "id" = ?', node_id).fetchone()[0]

    def close(self) -> None:
        self.connection.close()
